//! The sketch editor: drawing, undo, strokes kept through every way out of
//! a drag, the eraser, layers and panel navigation.

use egui::{Key, Modifiers, Pos2, Rect, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shotboard::model::{Board, Layer, PanelId, Rgba, Stroke, StrokePoint, Tool};
use shotboard::ui::ShotboardApp;

use super::support::{app, harness, sample_board, settle, write_board};

type H = Harness<'static, ShotboardApp>;

/// Open the editor on panel `1A` (id 10) with E, pen tool, no smoothing.
fn open_editor(h: &mut H) {
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press(Key::E);
    h.run();
    assert_eq!(h.state().sketch.panel(), Some(PanelId(10)));
    h.key_press(Key::N);
    h.run();
    h.state_mut().sketch.smoothing = 0.0;
}

/// Screen position of a panel-normalised point.
fn at(h: &H, x: f32, y: f32) -> Pos2 {
    let frame = h
        .state()
        .sketch
        .frame_on_screen()
        .expect("editor drew its frame");
    pos2(
        frame.min.x + x * frame.width(),
        frame.min.y + y * frame.height(),
    )
}

/// Press at the first point and move through the rest, without releasing.
fn press_and_move(h: &mut H, points: &[(f32, f32)]) {
    let first = at(h, points[0].0, points[0].1);
    h.hover_at(first);
    h.run();
    h.drag_at(first);
    h.run();
    for &(x, y) in &points[1..] {
        let p = at(h, x, y);
        h.hover_at(p);
        h.run();
    }
}

fn release(h: &mut H, x: f32, y: f32) {
    let p = at(h, x, y);
    h.drop_at(p);
    h.run();
}

/// An L-shaped path sampled densely: right along y = 0.5, then down.
fn l_path() -> Vec<(f32, f32)> {
    let mut points: Vec<(f32, f32)> = (0..=8).map(|i| (0.2 + i as f32 * 0.05, 0.5)).collect();
    points.extend((1..=6).map(|i| (0.6, 0.5 + i as f32 * 0.05)));
    points
}

fn strokes(h: &H, panel: u64) -> Vec<Stroke> {
    h.state()
        .doc
        .board()
        .panel(PanelId(panel))
        .map(|p| p.strokes.clone())
        .unwrap_or_default()
}

fn xy(points: &[StrokePoint]) -> Vec<(i32, i32)> {
    points.iter().map(|p| (p.x, p.y)).collect()
}

#[test]
fn a_pen_drag_makes_one_simplified_quantised_stroke_and_undo_redo_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(
        Some(write_board(dir.path(), &sample_board())),
        Default::default(),
    ));
    open_editor(&mut h);
    let path = l_path();
    press_and_move(&mut h, &path);
    assert!(h.state().sketch.is_drawing());
    assert!(
        strokes(&h, 10).is_empty(),
        "nothing is committed mid-stroke"
    );
    release(&mut h, 0.6, 0.8);

    let got = strokes(&h, 10);
    assert_eq!(got.len(), 1);
    let s = &got[0];
    assert_eq!((s.tool, s.layer), (Tool::Pen, Layer::Sketch));
    // The straight runs simplify away: start, corner, end, in 1/10,000.
    let points = xy(&s.points);
    assert_eq!(points.len(), 3, "{points:?}");
    for (got, want) in points
        .iter()
        .zip([(2000, 5000), (6000, 5000), (6000, 8000)])
    {
        assert!(
            (got.0 - want.0).abs() <= 1 && (got.1 - want.1).abs() <= 1,
            "{got:?} vs {want:?}"
        );
    }
    assert!(s.points.iter().all(|p| p.pressure > 0));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(strokes(&h, 10).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(strokes(&h, 10), got);
}

#[test]
fn next_panel_in_the_middle_of_a_drag_keeps_the_stroke() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(
        Some(write_board(dir.path(), &sample_board())),
        Default::default(),
    ));
    open_editor(&mut h);
    press_and_move(&mut h, &l_path());
    h.key_press(Key::PageDown);
    h.run();
    assert_eq!(strokes(&h, 10).len(), 1, "the stroke landed on its panel");
    assert_eq!(h.state().sketch.panel(), Some(PanelId(11)));
    assert_eq!(h.state().selection.panels(), &[PanelId(11)]);
    release(&mut h, 0.6, 0.8);
    assert!(
        strokes(&h, 11).is_empty(),
        "the rest of the drag draws nothing"
    );
    assert_eq!(h.state().doc.undo_depth(), 1);

    // [ goes back without leaving the editor; Esc returns to the board.
    h.key_press(Key::OpenBracket);
    h.run();
    assert_eq!(h.state().sketch.panel(), Some(PanelId(10)));
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().sketch.is_open());
}

#[test]
fn saving_or_leaving_in_the_middle_of_a_drag_keeps_the_stroke() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(file.clone()), Default::default()));
    open_editor(&mut h);
    press_and_move(&mut h, &l_path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    settle(&mut h);
    let saved = shotboard::store::load(&file).unwrap().board;
    assert_eq!(saved.panel(PanelId(10)).unwrap().strokes.len(), 1);
    assert!(!h.state().doc.is_dirty());
    release(&mut h, 0.6, 0.8);
    assert_eq!(strokes(&h, 10).len(), 1);

    // Esc mid-drag: back on the board, stroke kept.
    press_and_move(&mut h, &[(0.1, 0.1), (0.2, 0.2), (0.3, 0.2)]);
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().sketch.is_open());
    assert_eq!(strokes(&h, 10).len(), 2);
}

/// Panel 10 with a stroke across the top and one across the bottom.
fn two_stroke_board() -> Board {
    let mut board = sample_board();
    let line = |y: f32| Stroke {
        tool: Tool::Pen,
        layer: Layer::Sketch,
        color: Rgba::BLACK,
        width: 0.004,
        opacity: 1.0,
        points: vec![
            StrokePoint::from_normalised(0.1, y, 1.0),
            StrokePoint::from_normalised(0.9, y, 1.0),
        ],
    };
    if let Some(p) = board.panel_mut(PanelId(10)) {
        p.strokes = vec![line(0.2), line(0.8)];
    }
    board
}

#[test]
fn the_eraser_removes_only_the_strokes_it_touches_as_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(
        Some(write_board(dir.path(), &two_stroke_board())),
        Default::default(),
    ));
    open_editor(&mut h);
    h.key_press(Key::E);
    h.run();
    press_and_move(&mut h, &[(0.5, 0.1), (0.5, 0.15), (0.5, 0.25), (0.5, 0.3)]);
    release(&mut h, 0.5, 0.3);
    let left = strokes(&h, 10);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].points[0].y, 8000);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        strokes(&h, 10).len(),
        2,
        "one undo brings the erased stroke back"
    );
}

#[test]
fn the_partial_eraser_splits_a_stroke_in_two() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(
        Some(write_board(dir.path(), &two_stroke_board())),
        Default::default(),
    ));
    open_editor(&mut h);
    h.get_by_label("Eraser").click();
    h.run();
    h.get_by_label("Split strokes").click();
    h.run();
    press_and_move(&mut h, &[(0.5, 0.1), (0.5, 0.15), (0.5, 0.25), (0.5, 0.3)]);
    release(&mut h, 0.5, 0.3);
    let left = strokes(&h, 10);
    assert_eq!(
        left.len(),
        3,
        "two halves of the top line and the bottom line"
    );
    assert!(left[0].points.last().unwrap().x < 5000);
    assert!(left[1].points[0].x > 5000);
    assert_eq!(left[2].points[0].y, 8000);
}

#[test]
fn a_locked_layer_refuses_drawing_and_erasing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(
        Some(write_board(dir.path(), &two_stroke_board())),
        Default::default(),
    ));
    open_editor(&mut h);
    h.get_by_label("Lock Sketch layer").click();
    h.run();
    press_and_move(&mut h, &l_path());
    release(&mut h, 0.6, 0.8);
    assert_eq!(strokes(&h, 10).len(), 2);
    h.key_press(Key::E);
    h.run();
    press_and_move(&mut h, &[(0.5, 0.1), (0.5, 0.3)]);
    release(&mut h, 0.5, 0.3);
    assert_eq!(strokes(&h, 10).len(), 2);
}

#[test]
fn tools_draw_on_the_selected_layer_and_shift_straightens() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(
        Some(write_board(dir.path(), &sample_board())),
        Default::default(),
    ));
    open_editor(&mut h);
    h.key_press(Key::A);
    h.run();
    h.get_by_label("Annotation").click();
    h.run();
    press_and_move(&mut h, &[(0.2, 0.2), (0.4, 0.3), (0.7, 0.6)]);
    release(&mut h, 0.7, 0.6);
    h.key_press(Key::P);
    h.run();
    let p = at(&h, 0.1, 0.9);
    h.hover_at(p);
    h.run();
    h.drag_at(p);
    h.run();
    h.event(egui::Event::ModifiersChanged(Modifiers::SHIFT));
    for (x, y) in [(0.2, 0.8), (0.3, 0.95), (0.5, 0.7)] {
        let q = at(&h, x, y);
        h.hover_at(q);
        h.run();
    }
    release(&mut h, 0.5, 0.7);
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    let got = strokes(&h, 10);
    assert_eq!(got.len(), 2);
    assert_eq!(
        (got[0].tool, got[0].layer),
        (Tool::Arrow, Layer::Annotation)
    );
    assert_eq!(xy(&got[0].points).len(), 2);
    assert_eq!(
        got[1].tool,
        Tool::Line,
        "Shift turned the pencil into a line"
    );
    assert_eq!(xy(&got[1].points).len(), 2);
}

#[test]
fn mirror_clear_and_copy_paste_between_panels_are_undoable_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(
        Some(write_board(dir.path(), &two_stroke_board())),
        Default::default(),
    ));
    open_editor(&mut h);
    h.get_by_label("Mirror strokes").click();
    h.run();
    assert_eq!(strokes(&h, 10)[0].points[0].x, 9000);
    h.get_by_label("Copy layer").click();
    h.run();
    h.get_by_label("Next panel").click();
    h.run();
    h.get_by_label("Paste layer").click();
    h.run();
    assert_eq!(strokes(&h, 11), strokes(&h, 10));
    h.get_by_label("Previous panel").click();
    h.run();
    h.get_by_label("Clear layer").click();
    h.run();
    assert!(strokes(&h, 10).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(strokes(&h, 10).len(), 2);
}

#[test]
fn double_click_opens_the_editor_and_new_panel_opens_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(
        Some(write_board(dir.path(), &sample_board())),
        Default::default(),
    ));
    let centre = h.get_by_label("Panel 1B").rect().center();
    h.hover_at(centre);
    // Clicks 50 ms apart, long after start (two clicks at start would end
    // a triple click).
    for (i, pressed) in [true, false, true, false].into_iter().enumerate() {
        h.input_mut().time = Some(10.0 + i as f64 * 0.05);
        h.event(egui::Event::PointerButton {
            pos: centre,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    assert_eq!(h.state().sketch.panel(), Some(PanelId(11)));
    h.get_by_label("New panel").click();
    h.run();
    let order: Vec<u64> = h.state().doc.board().scenes[0]
        .panels
        .iter()
        .map(|p| p.id.0)
        .collect();
    assert_eq!(order.len(), 4);
    let new = order[2];
    assert!(![10, 11, 12].contains(&new), "inserted right after 1B");
    assert_eq!(h.state().sketch.panel(), Some(PanelId(new)));
    h.get_by_label("Back to board").click();
    h.run();
    assert!(!h.state().sketch.is_open());
}

#[test]
fn appending_a_stroke_does_not_re_render_the_cached_layers() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(
        Some(write_board(dir.path(), &two_stroke_board())),
        Default::default(),
    ));
    open_editor(&mut h);
    let before = h.state().sketch.cache_full_renders();
    press_and_move(&mut h, &l_path());
    release(&mut h, 0.6, 0.8);
    h.run();
    assert_eq!(strokes(&h, 10).len(), 3);
    assert_eq!(h.state().sketch.cache_full_renders(), before);
}

#[test]
fn onion_skin_and_hidden_layers_leave_the_strokes_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(
        Some(write_board(dir.path(), &two_stroke_board())),
        Default::default(),
    ));
    open_editor(&mut h);
    h.key_press(Key::PageDown);
    h.run();
    h.get_by_label("Onion skin").click();
    h.run();
    assert!(h.state().sketch.onion_skin);
    press_and_move(&mut h, &l_path());
    release(&mut h, 0.6, 0.8);
    assert_eq!(strokes(&h, 11).len(), 1);
    assert_eq!(
        strokes(&h, 10).len(),
        2,
        "the onion-skinned neighbour is untouched"
    );

    // Drawing on a hidden layer is refused rather than drawn invisibly.
    h.get_by_label("Show Sketch layer").click();
    h.run();
    press_and_move(&mut h, &l_path());
    release(&mut h, 0.6, 0.8);
    assert_eq!(strokes(&h, 11).len(), 1);
}

#[test]
fn closing_the_window_in_the_middle_of_a_drag_keeps_the_stroke_and_asks_to_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(
        Some(write_board(dir.path(), &sample_board())),
        Default::default(),
    ));
    open_editor(&mut h);
    press_and_move(&mut h, &l_path());
    super::support::request_close(&mut h);
    h.step();
    assert_eq!(strokes(&h, 10).len(), 1);
    assert!(h.state().doc.is_dirty());
    assert!(h.state().has_modal(), "unsaved changes are asked about");
}

/// The sample board with two strokes and a portrait photo on panel 1A
/// (pillarboxed in the 16:9 frame, so it sits narrower than the frame).
fn board_with_photo(dir: &std::path::Path) -> std::path::PathBuf {
    let path = write_board(dir, &two_stroke_board());
    let png = {
        let img = image::RgbaImage::from_pixel(30, 90, image::Rgba([0, 128, 0, 255]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    let asset = shotboard::store::import_image_bytes(&path, &png, "png").unwrap();
    let mut board = two_stroke_board();
    if let Some(p) = board.panel_mut(PanelId(10)) {
        p.image = Some(asset);
    }
    write_board(dir, &board)
}

/// Textured quads drawn inside the frame in the last frame, as their screen
/// rectangle and the texture's u coordinate at their left edge (0 drawn
/// the right way round, 1 mirrored).
fn textured_quads(h: &H) -> Vec<(Rect, f32)> {
    let Some(frame) = h.state().sketch.frame_on_screen() else {
        return Vec::new();
    };
    h.output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::Mesh(m)
                if m.texture_id != egui::TextureId::default() && m.vertices.len() == 4 =>
            {
                let points: Vec<Pos2> = m.vertices.iter().map(|v| v.pos).collect();
                let rect = Rect::from_points(&points);
                let left = m
                    .vertices
                    .iter()
                    .min_by(|a, b| a.pos.x.total_cmp(&b.pos.x))?;
                frame
                    .expand(1.0)
                    .contains_rect(rect)
                    .then_some((rect, left.uv.x))
            }
            _ => None,
        })
        .collect()
}

/// The frame image quad: the one narrower than the frame (stroke layers
/// cover the whole frame). Waits for the worker that decodes it.
fn frame_image(h: &mut H) -> (Rect, f32) {
    for _ in 0..200 {
        h.run();
        let frame = h
            .state()
            .sketch
            .frame_on_screen()
            .expect("editor drew its frame");
        if let Some(quad) = textured_quads(h)
            .into_iter()
            .find(|(r, _)| r.width() < frame.width() * 0.9)
        {
            return quad;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the frame image was never drawn");
}

#[test]
fn flip_view_mirrors_the_frame_image_and_strokes_without_changing_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(Some(board_with_photo(dir.path())), Default::default()));
    open_editor(&mut h);
    let board = h.state().doc.board().clone();
    let (plain, u) = frame_image(&mut h);
    assert_eq!(u, 0.0, "drawn the right way round");

    h.get_by_label("Flip view").click();
    h.run();
    assert!(h.state().sketch.is_view_flipped());
    let frame = h.state().sketch.frame_on_screen().unwrap();
    let (flipped, u) = frame_image(&mut h);
    assert_eq!(u, 1.0, "the photo is drawn mirrored");
    assert_eq!(flipped.size(), plain.size());
    assert!(
        ((flipped.min.x - frame.min.x) - (frame.max.x - plain.max.x)).abs() <= 1.0,
        "mirrored about the frame's centre: {plain:?} -> {flipped:?} in {frame:?}"
    );
    // The stroke layer is rendered by a job: wait until it is drawn.
    let mut layers: Vec<f32> = Vec::new();
    for _ in 0..200 {
        layers = textured_quads(&h)
            .into_iter()
            .filter(|(r, _)| r.width() >= frame.width() * 0.9)
            .map(|(_, u)| u)
            .collect();
        if !layers.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run();
    }
    assert!(!layers.is_empty(), "the stroke layer is drawn");
    assert!(layers.iter().all(|u| *u == 1.0), "strokes mirrored too");
    assert_eq!(
        *h.state().doc.board(),
        board,
        "a view flip changes no stroke"
    );
    assert_eq!(h.state().doc.undo_depth(), 0);

    // Drawing on the flipped view lands where it shows: the screen's left
    // is the panel's right.
    h.key_press(Key::L);
    h.run();
    press_and_move(&mut h, &[(0.2, 0.5), (0.3, 0.5)]);
    release(&mut h, 0.3, 0.5);
    let drawn = strokes(&h, 10);
    assert_eq!(drawn.len(), 3);
    let xs: Vec<i32> = drawn[2].points.iter().map(|p| p.x).collect();
    assert!(
        (xs[0] - 8000).abs() <= 2 && (xs[1] - 7000).abs() <= 2,
        "{xs:?}"
    );

    // M shows it the right way round again.
    h.key_press(Key::M);
    h.run();
    assert!(!h.state().sketch.is_view_flipped());
    assert_eq!(frame_image(&mut h), (plain, 0.0));
}

/// The editor open on 1A in a window of `width` × `height`.
fn editor_in_window(dir: &std::path::Path, width: f32, height: f32) -> H {
    let path = write_board(dir, &sample_board());
    let mut h = Harness::builder()
        .with_size([width, height])
        .with_max_steps(64)
        .build_ui_state(
            |ui, app: &mut ShotboardApp| app.show(ui),
            app(Some(path), Default::default()),
        );
    h.run();
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press(Key::E);
    h.run();
    h
}

fn drawing_share(h: &H, width: f32) -> f32 {
    h.state()
        .sketch
        .surface_rect()
        .expect("the editor drew its surface")
        .width()
        / width
}

#[test]
fn the_drawing_gets_at_least_seventy_percent_of_a_laptop_window() {
    for (width, height) in [(1366.0, 768.0), (900.0, 600.0)] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = editor_in_window(dir.path(), width, height);
        let share = drawing_share(&h, width);
        println!("drawing: {:.1} % of {width}×{height}", share * 100.0);
        assert!(
            share >= 0.7,
            "{:.0} % of a {width}×{height} window",
            share * 100.0
        );
        // Tab hides every panel; Tab again brings them back.
        h.key_press(Key::Tab);
        h.run();
        let hidden = drawing_share(&h, width);
        // Only the drawing's own margins are left.
        assert!(
            hidden > share && hidden > 0.93,
            "Tab hides the panels: {:.0} %",
            hidden * 100.0
        );
        h.key_press(Key::Tab);
        h.run();
        assert!((drawing_share(&h, width) - share).abs() < 0.01);
    }
}

#[test]
fn the_inspector_beside_the_drawing_is_asked_for_and_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = editor_in_window(dir.path(), 1366.0, 768.0);
    assert!(h.query_by_label("Action").is_none(), "hidden while drawing");
    h.get_by_label("Inspector").click();
    h.run();
    assert!(h.query_by_label("Action").is_some());
    assert!(h.state().prefs.sketch_panels.inspector, "remembered");
    h.get_by_label("Options").click();
    h.run();
    assert!(!h.state().prefs.sketch_panels.options);
    // Back on the board, the inspector is there as always.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Action").is_some());
}

#[test]
fn tools_and_colours_are_picked_from_labelled_icons_and_swatches() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = editor_in_window(dir.path(), 1366.0, 768.0);
    h.get_by_label("Ellipse").click();
    h.run();
    assert_eq!(
        h.state().sketch.tool,
        shotboard::ui::sketch::ToolKind::Draw(Tool::Ellipse)
    );
    h.get_by_label("Colour Red").click();
    h.run();
    assert_eq!(h.state().sketch.color, Rgba::RED);
}

#[test]
fn thumbnails_asked_for_beside_the_editor_land_instead_of_loading_forever() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = editor_in_window(dir.path(), 1366.0, 768.0);
    h.get_by_label("Inspector").click();
    h.run();
    // A stroke changes the panel: the inspector asks for a new preview.
    h.key_press(Key::N);
    h.run();
    press_and_move(&mut h, &[(0.2, 0.2), (0.5, 0.5), (0.8, 0.3)]);
    release(&mut h, 0.8, 0.3);
    assert_eq!(h.state().doc.board().scenes[0].panels[0].strokes.len(), 1);
    for _ in 0..3 {
        h.state_mut().wait_idle(std::time::Duration::from_secs(10));
        h.run();
    }
    assert_eq!(h.state().thumbnail_progress().1, 0, "nothing left pending");
    assert!(h.query_by_label_contains("Loading").is_none());
}
