//! Editor timelines parse, and their clip durations add up to the board's
//! runtime exactly, at film, PAL and NTSC rates.

use std::path::PathBuf;

use shotboard::export::{self, Progress, TimelineOptions};
use shotboard::model::{Board, Fps, Panel, PanelId, Scene, SceneId};

/// Durations chosen to round differently at every rate (1 ms, 1001 ms, odd
/// lengths), so per-clip rounding errors would show up in the total.
fn board(fps: Fps) -> Board {
    let mut board = Board {
        title: "Tom & Jerry's <cut>".into(),
        fps,
        ..Board::default()
    };
    let durations = [1, 1001, 1234, 2000, 333, 4567, 40, 999, 10_007];
    let mut id = 1;
    for s in 0..3 {
        let mut scene = Scene::new(SceneId(100 + s), format!("INT. ROOM {s} - DAY"));
        scene.notes = format!("scene note {s}");
        for (i, ms) in durations.iter().enumerate() {
            let mut p = Panel::new(PanelId(id));
            id += 1;
            p.duration_ms = if i == 3 { None } else { Some(*ms) };
            if i % 4 == 0 {
                p.notes = format!("Note for panel {id} — \"quoted\"");
            }
            scene.panels.push(p);
        }
        board.scenes.push(scene);
    }
    board
}

fn options() -> TimelineOptions {
    TimelineOptions {
        media_dir: PathBuf::from("/tmp/My Board frames"),
        frame_width: 1920,
        jpegs: Default::default(),
    }
}

/// Parse xmeml, which carries a `<!DOCTYPE xmeml>` line as FCP 7 writes it.
fn parse(xml: &str) -> roxmltree::Document<'_> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(xml, opts).unwrap()
}

const RATES: [Fps; 4] = [Fps::Fps23_976, Fps::Fps24, Fps::Fps25, Fps::Fps30];

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> roxmltree::Node<'a, 'a> {
    node.children()
        .find(|n| n.has_tag_name(name))
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()))
}

fn num(node: roxmltree::Node, name: &str) -> i64 {
    child(node, name).text().unwrap().trim().parse().unwrap()
}

#[test]
fn fcp7_xml_durations_sum_to_the_runtime() {
    for fps in RATES {
        let board = board(fps);
        let xml = export::fcp7_xml(&board, &options());
        let doc = parse(&xml);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "xmeml");
        assert_eq!(root.attribute("version"), Some("5"));
        let seq = child(root, "sequence");
        let runtime = board.runtime_frames() as i64;
        assert_eq!(num(seq, "duration"), runtime, "{fps}");
        assert_eq!(child(seq, "name").text(), Some("Tom & Jerry's <cut>"));

        let rate = child(seq, "rate");
        let ntsc = matches!(fps, Fps::Fps23_976 | Fps::Fps29_97);
        assert_eq!(num(rate, "timebase") as u64, fps.timecode_base());
        assert_eq!(
            child(rate, "ntsc").text(),
            Some(if ntsc { "TRUE" } else { "FALSE" })
        );

        let clips: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("clipitem"))
            .collect();
        assert_eq!(clips.len(), board.panel_count());
        let mut expected_start = 0;
        let mut total = 0;
        for (clip, panel) in clips.iter().zip(board.panels()) {
            let (start, end) = (num(*clip, "start"), num(*clip, "end"));
            let (cin, cout) = (num(*clip, "in"), num(*clip, "out"));
            assert_eq!(start, expected_start, "clips are back to back");
            assert_eq!(end - start, board.panel_frames(panel) as i64);
            assert_eq!(cout - cin, end - start);
            expected_start = end;
            total += end - start;
            let url = child(child(*clip, "file"), "pathurl").text().unwrap();
            assert!(url.starts_with("file:///tmp/My%20Board%20frames/"), "{url}");
            assert!(url.ends_with(".png"));
        }
        assert_eq!(total, runtime, "{fps}");
        assert_eq!(
            clips[0]
                .descendants()
                .find(|n| n.has_tag_name("pathurl"))
                .unwrap()
                .text(),
            Some("file:///tmp/My%20Board%20frames/001_1A.png")
        );

        let scene_markers: Vec<_> = seq
            .children()
            .filter(|n| n.has_tag_name("marker"))
            .collect();
        assert_eq!(scene_markers.len(), 3);
        assert_eq!(
            child(scene_markers[1], "name").text(),
            Some("Scene 2: INT. ROOM 1 - DAY")
        );
        assert_eq!(num(scene_markers[1], "in"), runtime / 3);
        let note_markers = clips
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name("marker")))
            .count();
        assert_eq!(note_markers, 9);
    }
}

#[test]
fn otio_durations_sum_to_the_runtime() {
    for fps in RATES {
        let board = board(fps);
        let doc = export::otio_json(&board, &options());
        // Round-trip through text, as a reader would see it.
        let doc: serde_json::Value = serde_json::from_str(&doc.to_string()).unwrap();
        assert_eq!(doc["OTIO_SCHEMA"], "Timeline.1");
        assert_eq!(doc["tracks"]["OTIO_SCHEMA"], "Stack.1");
        let track = &doc["tracks"]["children"][0];
        assert_eq!(track["OTIO_SCHEMA"], "Track.1");
        assert_eq!(track["kind"], "Video");
        let clips = track["children"].as_array().unwrap();
        assert_eq!(clips.len(), board.panel_count());
        let mut total = 0.0;
        for (clip, panel) in clips.iter().zip(board.panels()) {
            assert_eq!(clip["OTIO_SCHEMA"], "Clip.2");
            let duration = &clip["source_range"]["duration"];
            assert_eq!(duration["rate"].as_f64().unwrap(), fps.as_f64());
            let frames = duration["value"].as_f64().unwrap();
            assert_eq!(frames, board.panel_frames(panel) as f64);
            total += frames;
            let media =
                &clip["media_references"][clip["active_media_reference_key"].as_str().unwrap()];
            assert_eq!(media["OTIO_SCHEMA"], "ExternalReference.1");
            assert!(
                media["target_url"]
                    .as_str()
                    .unwrap()
                    .starts_with("file:///")
            );
        }
        assert_eq!(total, board.runtime_frames() as f64, "{fps}");
        let markers = track["markers"].as_array().unwrap();
        assert_eq!(markers.len(), 3);
        assert_eq!(markers[2]["comment"], "scene note 2");
        assert_eq!(
            markers[2]["marked_range"]["start_time"]["value"]
                .as_f64()
                .unwrap(),
            (2 * board.runtime_frames() / 3) as f64
        );
    }
}

#[test]
fn timeline_files_are_written_whole() {
    let board = board(Fps::Fps24);
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("cut.xml");
    let otio = dir.path().join("cut.otio");
    export::export_fcp7_xml(&board, &xml, &options(), &Progress::new()).unwrap();
    export::export_otio(&board, &otio, &options(), &Progress::new()).unwrap();
    let text = std::fs::read_to_string(&xml).unwrap();
    assert_eq!(
        child(parse(&text).root_element(), "sequence")
            .tag_name()
            .name(),
        "sequence"
    );
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&otio).unwrap()).unwrap();
    assert_eq!(v["name"], board.title);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temp files left"
    );
}

#[test]
fn timeline_with_frames_references_pngs_that_exist() {
    let board = board(Fps::Fps25);
    let dir = tempfile::tempdir().unwrap();
    let source = export::SwatchFrames {
        aspect: board.aspect_ratio,
    };
    for (format, name) in [
        (export::TimelineFormat::Fcp7Xml, "cut.xml"),
        (export::TimelineFormat::Otio, "cut.otio"),
    ] {
        let path = dir.path().join(name);
        let frames = export::export_timeline_with_frames(
            &source,
            &board,
            &path,
            format,
            320,
            &Progress::new(),
        )
        .unwrap();
        assert_eq!(frames, dir.path().join("cut_frames"));
        let text = std::fs::read_to_string(&path).unwrap();
        let urls: Vec<&str> = text
            .split("file://")
            .skip(1)
            .map(|rest| rest.split(['<', '"']).next().unwrap())
            .collect();
        assert_eq!(urls.len(), board.panel_count());
        for url in urls {
            // Percent-decode the (ASCII-only here) path and check the file.
            let path = url.replace("%20", " ");
            assert!(std::path::Path::new(&path).is_file(), "{path}");
        }
    }
}
