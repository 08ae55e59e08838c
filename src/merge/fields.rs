//! Field-by-field three-way merge of panels, scenes and board settings.

use std::collections::{HashMap, HashSet};

use super::order::merge_order;
use super::{Conflict, ConflictKind, Place, Side};
use crate::model::{
    AspectRatio, AssetPath, CameraAngle, CameraMove, Comment, CommentId, Fps, Layer, Panel,
    ReviewStatus, ShotSize, Stroke, Transition,
};

/// A value that can be shown to a person in a conflict comment or a diff.
pub trait Show {
    fn show(&self) -> String;
}

impl Show for String {
    fn show(&self) -> String {
        format!("{self:?}")
    }
}

impl Show for u32 {
    fn show(&self) -> String {
        self.to_string()
    }
}

impl Show for bool {
    fn show(&self) -> String {
        if *self { "yes" } else { "no" }.to_owned()
    }
}

impl Show for AssetPath {
    fn show(&self) -> String {
        self.as_str().to_owned()
    }
}

impl Show for AspectRatio {
    fn show(&self) -> String {
        self.label()
    }
}

impl Show for Fps {
    fn show(&self) -> String {
        format!("{} fps", self.label())
    }
}

macro_rules! show_by_label {
    ($($t:ty),*) => {$(
        impl Show for $t {
            fn show(&self) -> String {
                self.label().to_owned()
            }
        }
    )*};
}
show_by_label!(ShotSize, CameraAngle, CameraMove, Transition, ReviewStatus);

impl Show for crate::model::DurationUnit {
    fn show(&self) -> String {
        self.label().to_lowercase()
    }
}

impl Show for u64 {
    fn show(&self) -> String {
        self.to_string()
    }
}

impl Show for crate::model::ScriptText {
    fn show(&self) -> String {
        "the text a script gave".to_owned()
    }
}

impl Show for crate::model::Numbering {
    fn show(&self) -> String {
        format!(
            "{:?} shots, padded to {}, {}, {}",
            self.scheme,
            self.zero_pad,
            if self.skip_i_and_o {
                "skipping I and O"
            } else {
                "all letters"
            },
            if self.lock.is_some() {
                "numbers locked"
            } else {
                "numbers unlocked"
            }
        )
    }
}

impl Show for crate::model::Breakdown {
    fn show(&self) -> String {
        let tags: usize = crate::model::TagKind::ALL
            .iter()
            .map(|k| self.tags(*k).len())
            .sum();
        format!("a breakdown with {tags} tag(s)")
    }
}

impl Show for crate::model::Plan {
    fn show(&self) -> String {
        format!("a plan of {} shooting day(s)", self.days.len())
    }
}

impl Show for crate::model::ShotLog {
    fn show(&self) -> String {
        format!(
            "{} take(s){}",
            self.takes.len(),
            if self.done { ", done" } else { "" }
        )
    }
}

impl<T: Show> Show for Box<T> {
    fn show(&self) -> String {
        T::show(self)
    }
}

impl<T: Show> Show for Option<T> {
    fn show(&self) -> String {
        self.as_ref()
            .map_or_else(|| "(none)".to_owned(), Show::show)
    }
}

/// Collects conflicts while the merge decides each field.
pub struct Recorder {
    /// Which side `a` (the side whose value a conflicting field keeps) is.
    pub kept: Side,
    pub conflicts: Vec<Conflict>,
}

impl Recorder {
    /// Records a conflict between the kept side's and the other side's
    /// description of something.
    pub fn record(
        &mut self,
        place: Place,
        field: String,
        kind: ConflictKind,
        a: String,
        b: String,
    ) {
        let (ours, theirs) = match self.kept {
            Side::Ours => (a, b),
            Side::Theirs => (b, a),
        };
        self.conflicts.push(Conflict {
            place,
            field,
            kind,
            ours,
            theirs,
        });
    }

    /// The three-way merge of one field: the side that changed it wins; two
    /// different changes are a conflict and the kept side's value stays.
    pub fn field<T: Clone + PartialEq + Show>(
        &mut self,
        place: Place,
        name: &str,
        base: &T,
        a: &T,
        b: &T,
    ) -> T {
        if a == base || a == b {
            b.clone()
        } else if b == base {
            a.clone()
        } else {
            self.record(
                place,
                name.to_owned(),
                ConflictKind::SameField,
                a.show(),
                b.show(),
            );
            a.clone()
        }
    }

    /// A text field: two edits of different lines both survive (see
    /// [`super::text::merge_lines`]); edits of the same lines conflict.
    pub fn text(&mut self, place: Place, name: &str, base: &str, a: &str, b: &str) -> String {
        if a != base
            && b != base
            && a != b
            && let Some(merged) = super::text::merge_lines(base, a, b)
        {
            return merged;
        }
        let own = |s: &str| s.to_owned();
        self.field(place, name, &own(base), &own(a), &own(b))
    }

    /// Merges a panel present on the base and both sides.
    pub fn panel(&mut self, base: &Panel, a: &Panel, b: &Panel) -> Panel {
        let at = Place::Panel(a.id);
        Panel {
            id: a.id,
            image: self.field(at, "frame image", &base.image, &a.image, &b.image),
            strokes: self.strokes(at, &base.strokes, &a.strokes, &b.strokes),
            action: self.text(at, "action", &base.action, &a.action, &b.action),
            dialogue: self.text(at, "dialogue", &base.dialogue, &a.dialogue, &b.dialogue),
            notes: self.text(at, "notes", &base.notes, &a.notes, &b.notes),
            shot_size: self.field(at, "shot size", &base.shot_size, &a.shot_size, &b.shot_size),
            angle: self.field(at, "camera angle", &base.angle, &a.angle, &b.angle),
            movement: self.field(at, "camera move", &base.movement, &a.movement, &b.movement),
            lens_mm: self.field(at, "lens", &base.lens_mm, &a.lens_mm, &b.lens_mm),
            duration_ms: self.field(
                at,
                "duration",
                &base.duration_ms,
                &a.duration_ms,
                &b.duration_ms,
            ),
            transition: self.field(
                at,
                "transition",
                &base.transition,
                &a.transition,
                &b.transition,
            ),
            status: self.field(at, "review status", &base.status, &a.status, &b.status),
            new_shot: self.field(at, "new shot", &base.new_shot, &a.new_shot, &b.new_shot),
            comments: self.comments(at, &base.comments, &a.comments, &b.comments),
            script: self.field(at, "script text", &base.script, &a.script, &b.script),
            shot_log: self.field(at, "takes", &base.shot_log, &a.shot_log, &b.shot_log),
        }
    }

    /// Strokes merge layer by layer: strokes added on a layer by both sides
    /// are all kept; a layer changed otherwise on both sides is a conflict
    /// and keeps the kept side's strokes on that layer.
    fn strokes(&mut self, at: Place, base: &[Stroke], a: &[Stroke], b: &[Stroke]) -> Vec<Stroke> {
        if a == base || a == b {
            return b.to_vec();
        }
        if b == base {
            return a.to_vec();
        }
        let on = |strokes: &[Stroke], layer: Layer| -> Vec<Stroke> {
            strokes
                .iter()
                .filter(|s| s.layer == layer)
                .cloned()
                .collect()
        };
        let mut out = Vec::with_capacity(a.len().max(b.len()));
        for layer in Layer::ALL {
            let (base_l, a_l, b_l) = (on(base, layer), on(a, layer), on(b, layer));
            if a_l == base_l || a_l == b_l {
                out.extend(b_l);
            } else if b_l == base_l {
                out.extend(a_l);
            } else if a_l.starts_with(&base_l) && b_l.starts_with(&base_l) {
                out.extend(a_l);
                out.extend_from_slice(&b_l[base_l.len()..]);
            } else {
                let count = |n: usize| format!("{n} stroke(s)");
                self.record(
                    at,
                    format!("strokes on the {} layer", layer.label().to_lowercase()),
                    ConflictKind::SameField,
                    count(a_l.len()),
                    count(b_l.len()),
                );
                out.extend(a_l);
            }
        }
        out
    }

    /// Comments merge by id: new ones from both sides are kept, replies
    /// from both sides are kept, and a thread resolved on either side is
    /// resolved. A comment deleted on one side goes unless the other side
    /// changed it (then it stays: a reply is never lost).
    fn comments(
        &mut self,
        at: Place,
        base: &[Comment],
        a: &[Comment],
        b: &[Comment],
    ) -> Vec<Comment> {
        if a == base || a == b {
            return b.to_vec();
        }
        if b == base {
            return a.to_vec();
        }
        let by_id = |list: &[Comment]| -> HashMap<CommentId, Comment> {
            list.iter().map(|c| (c.id, c.clone())).collect()
        };
        let (base_m, a_m, b_m) = (by_id(base), by_id(a), by_id(b));
        let mut merged: HashMap<CommentId, Comment> = HashMap::new();
        for id in a_m.keys().chain(b_m.keys()).chain(base_m.keys()) {
            if merged.contains_key(id) {
                continue;
            }
            let comment = match (base_m.get(id), a_m.get(id), b_m.get(id)) {
                (Some(o), Some(x), Some(y)) => Some(self.comment(at, o, x, y)),
                (Some(o), Some(x), None) | (Some(o), None, Some(x)) => (x != o).then(|| x.clone()),
                (None, Some(x), _) | (None, None, Some(x)) => Some(x.clone()),
                (_, None, None) => None,
            };
            if let Some(c) = comment {
                merged.insert(*id, c);
            }
        }
        let ids = |list: &[Comment]| list.iter().map(|c| c.id).collect::<Vec<_>>();
        let members: HashSet<CommentId> = merged.keys().copied().collect();
        let (order, _) = merge_order(&ids(base), &ids(a), &ids(b), &members);
        order
            .into_iter()
            .filter_map(|id| merged.remove(&id))
            .collect()
    }

    fn comment(&mut self, at: Place, base: &Comment, a: &Comment, b: &Comment) -> Comment {
        let name = |what: &str| format!("comment {} {what}", a.id.0);
        let mut replies = a.replies.clone();
        if a.replies == base.replies {
            replies = b.replies.clone();
        } else if b.replies != base.replies {
            for reply in &b.replies {
                if !replies.contains(reply) {
                    replies.push(reply.clone());
                }
            }
        }
        Comment {
            id: a.id,
            author: self.field(at, &name("author"), &base.author, &a.author, &b.author),
            text: self.text(at, &name("text"), &base.text, &a.text, &b.text),
            time: self.field(at, &name("time"), &base.time, &a.time, &b.time),
            resolved: if a.resolved != base.resolved {
                a.resolved
            } else {
                b.resolved
            },
            replies,
        }
    }
}
