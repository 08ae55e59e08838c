//! Geometry of the canvas: where every scene header and card goes.
//!
//! Pure arithmetic on the board's shape, so the canvas only paints and
//! interacts with what is visible, and drop targets are computed the same
//! way the cards were placed.

use std::collections::HashSet;

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::model::{Board, SceneId};

pub const HEADER_HEIGHT: f32 = 34.0;
pub const GAP: f32 = 12.0;
pub const MARGIN: f32 = 14.0;
/// Text lines under a card's frame: label row and summary row.
pub const CARD_TEXT_HEIGHT: f32 = 40.0;
pub const EMPTY_SCENE_HEIGHT: f32 = 56.0;

/// Layout of one scene: its header and card grid.
#[derive(Clone, Debug)]
pub struct SceneBlock {
    pub scene: usize,
    pub header: Rect,
    /// Where the cards (or the empty-scene placeholder) go; zero height
    /// when collapsed.
    pub body: Rect,
    pub cards: usize,
    pub collapsed: bool,
}

/// Layout of the whole canvas for one width and card size.
#[derive(Clone, Debug)]
pub struct CanvasLayout {
    pub blocks: Vec<SceneBlock>,
    pub card_size: Vec2,
    pub frame_size: Vec2,
    pub columns: usize,
    pub total_height: f32,
}

impl CanvasLayout {
    pub fn compute(
        board: &Board,
        collapsed: &HashSet<SceneId>,
        width: f32,
        card_width: f32,
    ) -> Self {
        let frame_size = vec2(
            card_width,
            (card_width / board.aspect_ratio.ratio()).round(),
        );
        let card_size = vec2(card_width, frame_size.y + CARD_TEXT_HEIGHT);
        let usable = (width - 2.0 * MARGIN).max(card_width);
        let columns = (((usable + GAP) / (card_width + GAP)).floor() as usize).max(1);
        let row_height = card_size.y + GAP;
        let mut y = MARGIN;
        let mut blocks = Vec::with_capacity(board.scenes.len());
        for (si, scene) in board.scenes.iter().enumerate() {
            let header = Rect::from_min_size(pos2(MARGIN, y), vec2(usable, HEADER_HEIGHT));
            y += HEADER_HEIGHT + GAP / 2.0;
            let is_collapsed = collapsed.contains(&scene.id);
            let n = scene.panels.len();
            let body_height = if is_collapsed {
                0.0
            } else if n == 0 {
                EMPTY_SCENE_HEIGHT
            } else {
                n.div_ceil(columns) as f32 * row_height - GAP
            };
            let body = Rect::from_min_size(pos2(MARGIN, y), vec2(usable, body_height));
            y += body_height + if is_collapsed { GAP / 2.0 } else { GAP * 2.0 };
            blocks.push(SceneBlock {
                scene: si,
                header,
                body,
                cards: n,
                collapsed: is_collapsed,
            });
        }
        Self {
            blocks,
            card_size,
            frame_size,
            columns,
            total_height: y + MARGIN,
        }
    }

    /// Rect of card `index` in a block (relative to the canvas origin).
    pub fn card_rect(&self, block: &SceneBlock, index: usize) -> Rect {
        let col = index % self.columns;
        let row = index / self.columns;
        let min = block.body.min
            + vec2(
                col as f32 * (self.card_size.x + GAP),
                row as f32 * (self.card_size.y + GAP),
            );
        Rect::from_min_size(min, self.card_size)
    }

    /// Indices of the cards of `block` that intersect `viewport`.
    pub fn visible_cards(&self, block: &SceneBlock, viewport: Rect) -> std::ops::Range<usize> {
        if block.collapsed || block.cards == 0 || !block.body.intersects(viewport) {
            return 0..0;
        }
        let row_h = self.card_size.y + GAP;
        let first_row = ((viewport.top() - block.body.top()) / row_h)
            .floor()
            .max(0.0) as usize;
        let last_row = ((viewport.bottom() - block.body.top()) / row_h)
            .floor()
            .max(0.0) as usize;
        let start = (first_row * self.columns).min(block.cards);
        let end = ((last_row + 1) * self.columns).min(block.cards);
        start..end
    }

    /// Where panels dropped at `pos` would go: (scene index, slot), with the
    /// slot counting the scene's panels as shown.
    pub fn drop_slot(&self, pos: Pos2) -> Option<(usize, usize)> {
        let block = self
            .blocks
            .iter()
            .find(|b| pos.y < b.body.bottom() + GAP * 1.5)
            .or(self.blocks.last())?;
        if block.collapsed || block.cards == 0 || pos.y < block.body.top() {
            // On a header or a collapsed/empty scene: the start of an empty
            // scene, else its start when on the header, its end when collapsed.
            let slot = if block.collapsed { block.cards } else { 0 };
            return Some((block.scene, slot));
        }
        let row_h = self.card_size.y + GAP;
        let col_w = self.card_size.x + GAP;
        let row = ((pos.y - block.body.top()) / row_h).floor().max(0.0) as usize;
        // The slot is the number of card centres left of the pointer.
        let col = ((pos.x - block.body.left() - self.card_size.x / 2.0) / col_w + 1.0)
            .floor()
            .clamp(0.0, self.columns as f32) as usize;
        Some((block.scene, (row * self.columns + col).min(block.cards)))
    }

    /// The vertical insertion marker for a slot.
    pub fn slot_marker(&self, scene: usize, slot: usize) -> Option<Rect> {
        let block = self.blocks.get(scene)?;
        if block.collapsed || block.cards == 0 {
            let r = if block.collapsed {
                block.header
            } else {
                block.body
            };
            return Some(Rect::from_min_max(
                pos2(r.left(), r.bottom() - 3.0),
                pos2(r.right(), r.bottom()),
            ));
        }
        let (x, top) = if slot < block.cards && (!slot.is_multiple_of(self.columns) || slot == 0) {
            let r = self.card_rect(block, slot);
            (r.left() - GAP / 2.0, r.top())
        } else {
            let r = self.card_rect(block, slot.saturating_sub(1).min(block.cards - 1));
            (r.right() + GAP / 2.0, r.top())
        };
        Some(Rect::from_center_size(
            pos2(x, top + self.card_size.y / 2.0),
            vec2(4.0, self.card_size.y + 6.0),
        ))
    }

    /// Rect of a panel given its position, if its scene is expanded.
    pub fn panel_rect(&self, scene: usize, panel: usize) -> Option<Rect> {
        let block = self.blocks.get(scene)?;
        if block.collapsed || panel >= block.cards {
            return None;
        }
        Some(self.card_rect(block, panel))
    }

    /// Which scene header a position is on, for header drags.
    pub fn scene_insert_index(&self, pos: Pos2) -> usize {
        self.blocks
            .iter()
            .position(|b| pos.y < b.header.center().y)
            .unwrap_or(self.blocks.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Panel, PanelId, Scene};

    fn board(counts: &[usize]) -> Board {
        let mut b = Board::default();
        let mut id = 1;
        for &n in counts {
            let mut s = Scene::new(SceneId(id), "S");
            id += 1;
            for _ in 0..n {
                s.panels.push(Panel::new(PanelId(id)));
                id += 1;
            }
            b.scenes.push(s);
        }
        b
    }

    #[test]
    fn cards_wrap_into_columns_that_fit_the_width() {
        let b = board(&[7]);
        let l = CanvasLayout::compute(
            &b,
            &HashSet::new(),
            2.0 * MARGIN + 3.0 * 100.0 + 2.0 * GAP,
            100.0,
        );
        assert_eq!(l.columns, 3);
        let block = &l.blocks[0];
        assert_eq!(l.card_rect(block, 4).min.x, l.card_rect(block, 1).min.x);
        assert!(l.card_rect(block, 4).min.y > l.card_rect(block, 1).max.y);
    }

    #[test]
    fn only_cards_in_the_viewport_are_visible() {
        let b = board(&[1000]);
        let l = CanvasLayout::compute(&b, &HashSet::new(), 800.0, 160.0);
        let block = &l.blocks[0];
        let vis = l.visible_cards(
            block,
            Rect::from_min_size(pos2(0.0, 5000.0), vec2(800.0, 700.0)),
        );
        assert!(vis.len() <= l.columns * 6, "{vis:?}");
        assert!(vis.start > 0);
        for i in vis {
            assert!(
                l.card_rect(block, i)
                    .intersects(Rect::from_min_size(pos2(0.0, 4700.0), vec2(800.0, 1300.0)))
            );
        }
    }

    #[test]
    fn drop_slots_follow_card_halves_and_scenes() {
        let b = board(&[3, 2]);
        let l = CanvasLayout::compute(&b, &HashSet::new(), 2000.0, 100.0);
        let first = l.card_rect(&l.blocks[0], 0);
        // Left half of card 0 → slot 0; right half → slot 1.
        assert_eq!(l.drop_slot(first.center() - vec2(20.0, 0.0)), Some((0, 0)));
        assert_eq!(l.drop_slot(first.center() + vec2(20.0, 0.0)), Some((0, 1)));
        let second_scene = l.card_rect(&l.blocks[1], 1);
        assert_eq!(
            l.drop_slot(second_scene.right_center() + vec2(30.0, 0.0)),
            Some((1, 2))
        );
        // Far right of a row drops at the scene's end.
        assert_eq!(l.drop_slot(pos2(1900.0, first.center().y)), Some((0, 3)));
    }

    #[test]
    fn collapsed_scenes_take_no_card_space() {
        let b = board(&[50, 1]);
        let mut collapsed = HashSet::new();
        collapsed.insert(SceneId(1));
        let l = CanvasLayout::compute(&b, &collapsed, 800.0, 100.0);
        assert_eq!(l.blocks[0].body.height(), 0.0);
        assert!(l.panel_rect(0, 0).is_none());
        assert!(l.blocks[1].header.top() < 100.0);
    }
}
