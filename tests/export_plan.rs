//! The shooting plan's exports, run through `shotboard export` as a
//! process and read back: the breakdown, schedule and shot-log CSVs with
//! the `csv` crate, the call sheet's text with a PDF text extractor, the
//! plan JSON against `docs/plan.schema.json`; and `shotboard info --json`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use shotboard::model::{
    Board, Breakdown, CameraAngle, Panel, PanelId, Scene, SceneId, ShootDay, ShotLog, ShotSize,
    Take,
};

fn shotboard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shotboard"))
        .args(args)
        .output()
        .expect("run shotboard")
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

fn shot(id: u64, size: ShotSize, lens: u32, action: &str) -> Panel {
    let mut p = Panel::new(PanelId(id));
    p.shot_size = Some(size);
    p.angle = Some(CameraAngle::EyeLevel);
    p.lens_mm = Some(lens);
    p.action = action.into();
    p
}

/// Three scenes on two days plus one unscheduled, with breakdowns and a
/// few takes logged:
/// - day 1: scene 1 `INT. KITCHEN - NIGHT` (RUTH, DANIEL speak; 2 setups;
///   lamp prop), scene 2 `EXT. BARN - DAY` (1 setup, +30 min, SHERIFF);
/// - day 2 (dated 2026-03-15): scene 3 `INT. KITCHEN - DAY` (RUTH);
/// - unscheduled: scene 4 `EXT. ROAD - DUSK`.
fn planned_board() -> Board {
    let mut s1 = Scene::new(SceneId(1), "INT. KITCHEN - NIGHT");
    s1.panels = vec![
        shot(11, ShotSize::Wide, 24, "Ruth waits by the stove."),
        shot(12, ShotSize::CloseUp, 50, "Her hands, shaking."),
    ];
    s1.panels[0].dialogue = "RUTH\nYou came.\n\nDANIEL\nI did.".into();
    s1.panels[1].shot_log = ShotLog {
        done: true,
        takes: vec![
            Take {
                number: 1,
                circled: false,
                note: "boom in frame".into(),
            },
            Take {
                number: 2,
                circled: true,
                note: String::new(),
            },
        ],
    };
    s1.breakdown = Box::new(Breakdown {
        props: vec!["oil lamp".into(), "kettle, dented".into()],
        wardrobe: vec!["Ruth's shawl".into()],
        ..Breakdown::default()
    });
    let mut s2 = Scene::new(SceneId(2), "EXT. BARN - DAY");
    s2.panels = vec![shot(21, ShotSize::Wide, 24, "The barn door swings.")];
    s2.breakdown = Box::new(Breakdown {
        cast: vec!["Sheriff".into()],
        adjust_minutes: 30,
        vfx: vec!["sky replacement".into()],
        ..Breakdown::default()
    });
    let mut s3 = Scene::new(SceneId(3), "INT. KITCHEN - DAY");
    s3.panels = vec![shot(31, ShotSize::Medium, 35, "Morning light.")];
    s3.panels[0].dialogue = "RUTH\nMorning.".into();
    let mut s4 = Scene::new(SceneId(4), "EXT. ROAD - DUSK");
    s4.panels = vec![shot(41, ShotSize::ExtremeWide, 18, "A car, far off.")];
    let mut board = Board {
        title: "Night Visit".into(),
        scenes: vec![s1, s2, s3, s4],
        ..Board::default()
    };
    board.plan.days = vec![
        ShootDay {
            date: "2026-03-14".into(),
            scenes: vec![SceneId(1), SceneId(2)],
            ..ShootDay::default()
        },
        ShootDay {
            date: "2026-03-15".into(),
            notes: "Early call: sunrise".into(),
            scenes: vec![SceneId(3)],
            ..ShootDay::default()
        },
    ];
    board.plan.target_runtime_ms = Some(60_000);
    board.bump_next_id();
    board
}

fn write(dir: &Path) -> PathBuf {
    let path = dir.join("plan.ron");
    shotboard::store::save(&planned_board(), &path).unwrap();
    path
}

fn export(board: &Path, format: &str, out: &Path, extra: &[&str]) {
    let mut args = vec!["export", arg(board), "--format", format, "-o", arg(out)];
    args.extend_from_slice(extra);
    let result = shotboard(&args);
    assert!(
        result.status.success(),
        "{format}: {}",
        String::from_utf8_lossy(&result.stderr)
    );
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

fn cell<'a>(headers: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = headers.iter().position(|h| h == name).expect(name);
    &row[i]
}

#[test]
fn breakdown_csv_reads_back_one_row_per_scene_with_its_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let board = write(dir.path());
    let out = dir.path().join("breakdown.csv");
    export(&board, "breakdown-csv", &out, &[]);
    let (headers, rows) = read_csv(&out);
    assert_eq!(rows.len(), 4, "every scene, scheduled or not");
    let kitchen = &rows[0];
    assert_eq!(cell(&headers, kitchen, "Scene"), "1");
    assert_eq!(cell(&headers, kitchen, "I/E"), "INT");
    assert_eq!(cell(&headers, kitchen, "Time"), "NIGHT");
    assert_eq!(cell(&headers, kitchen, "Set"), "KITCHEN");
    assert_eq!(cell(&headers, kitchen, "Setups"), "2");
    // 2 setups × 20 min.
    assert_eq!(cell(&headers, kitchen, "Est. min"), "40");
    assert_eq!(cell(&headers, kitchen, "Cast"), "RUTH; DANIEL");
    // A comma inside a tag survives the quoting.
    assert_eq!(cell(&headers, kitchen, "Props"), "oil lamp; kettle, dented");
    let barn = &rows[1];
    // 1 setup × 20 + 30.
    assert_eq!(cell(&headers, barn, "Est. min"), "50");
    assert_eq!(cell(&headers, barn, "Cast"), "SHERIFF");
    assert_eq!(cell(&headers, barn, "VFX"), "sky replacement");
    assert_eq!(cell(&headers, &rows[3], "Time"), "DUSK");
}

#[test]
fn schedule_and_shot_log_csvs_read_back_day_by_day() {
    let dir = tempfile::tempdir().unwrap();
    let board = write(dir.path());
    let out = dir.path().join("schedule.csv");
    export(&board, "schedule-csv", &out, &[]);
    let (headers, rows) = read_csv(&out);
    let days: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                cell(&headers, r, "Day"),
                cell(&headers, r, "Order"),
                cell(&headers, r, "Scene"),
            )
        })
        .collect();
    assert_eq!(
        days,
        [
            ("1", "1", "1"),
            ("1", "2", "2"),
            ("2", "1", "3"),
            ("", "", "4")
        ]
    );
    // Day 1: 40 + 50 minutes.
    assert_eq!(cell(&headers, &rows[0], "Day est. min"), "90");
    assert_eq!(cell(&headers, &rows[2], "Date"), "2026-03-15");

    let log = dir.path().join("log.csv");
    export(&board, "shot-log-csv", &log, &[]);
    let (headers, rows) = read_csv(&log);
    let takes: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .filter(|r| cell(&headers, r, "Shot") == "1B")
        .map(|r| {
            (
                cell(&headers, r, "Take"),
                cell(&headers, r, "Circled"),
                cell(&headers, r, "Note"),
                cell(&headers, r, "Done"),
            )
        })
        .collect();
    assert_eq!(
        takes,
        [("1", "", "boom in frame", "yes"), ("2", "yes", "", "yes")]
    );
    // Shots without takes still get a row: 1A, 1B ×2, 2A, 3A.
    assert_eq!(rows.len(), 5);
}

#[test]
fn the_call_sheet_prints_each_day_with_scenes_cast_props_and_takes() {
    let dir = tempfile::tempdir().unwrap();
    let board = write(dir.path());
    let out = dir.path().join("call.pdf");
    export(&board, "call-sheet", &out, &["--paper", "letter"]);
    let bytes = std::fs::read(&out).unwrap();
    let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap();
    assert_eq!(pages.len(), 2, "one page per day");
    let day1 = squash(&pages[0]);
    for expected in [
        "CALL SHEET — Day 1 of 2 · 2026-03-14",
        "Night Visit",
        "Locations: KITCHEN, BARN",
        "Cast: RUTH, DANIEL, SHERIFF",
        "SCENE 1 — INT. KITCHEN - NIGHT",
        "Props: oil lamp, kettle, dented",
        "SCENE 2 — EXT. BARN - DAY",
        "1 company move(s)",
        "take 1 — boom in frame; take 2 (circled)",
        "Ruth waits by the stove.",
    ] {
        assert!(day1.contains(expected), "{expected:?} not in {day1}");
    }
    let day2 = squash(&pages[1]);
    assert!(day2.contains("Notes: Early call: sunrise"), "{day2}");
    assert!(!day2.contains("BARN"), "only day 2's scenes: {day2}");

    // One day only, and a day that does not exist is a clear error.
    let one = dir.path().join("day2.pdf");
    export(&board, "call-sheet", &one, &["--day", "2"]);
    let pages = pdf_extract::extract_text_from_mem_by_pages(&std::fs::read(&one).unwrap()).unwrap();
    assert_eq!(pages.len(), 1);
    assert!(squash(&pages[0]).contains("Day 2 of 2"));
    let bad = shotboard(&[
        "export",
        arg(&board),
        "--format",
        "call-sheet",
        "--day",
        "9",
        "-o",
        arg(&dir.path().join("x.pdf")),
    ]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("no day 9"), "{err}");
    assert!(!dir.path().join("x.pdf").exists());
}

/// Whitespace runs as one space: text extractors break lines where the
/// PDF placed them.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn plan_json_matches_its_schema_and_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let board = write(dir.path());
    let out = dir.path().join("plan.json");
    export(&board, "plan-json", &out, &[]);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/plan.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let errors = schema_check::validate(&schema, &schema, &doc, "$");
    assert!(errors.is_empty(), "{errors:#?}");
    // The checker catches what it should: a wrong type and a missing field.
    let mut broken = doc.clone();
    broken["days"][0]["over_long"] = Value::from("no");
    broken["days"][0]["scenes"][0]
        .as_object_mut()
        .unwrap()
        .remove("setups");
    let errors = schema_check::validate(&schema, &schema, &broken, "$");
    assert_eq!(errors.len(), 2, "{errors:#?}");

    assert_eq!(doc["days"][0]["estimated_minutes"], 90);
    assert_eq!(doc["days"][0]["company_moves"], 1);
    assert_eq!(doc["unscheduled"][0]["heading"], "EXT. ROAD - DUSK");
    assert_eq!(
        doc["days"][0]["scenes"][0]["shots"][1]["takes"][1]["circled"],
        true
    );
    let ruth = &doc["cast"][0];
    assert_eq!(ruth["name"], "RUTH");
    assert_eq!(ruth["codes"], serde_json::json!(["SW", "WF"]));
    let sheriff = &doc["cast"][2];
    assert_eq!(sheriff["codes"], serde_json::json!(["SWF", null]));
}

#[test]
fn info_json_counts_scenes_per_day_and_the_estimate() {
    let dir = tempfile::tempdir().unwrap();
    let board = write(dir.path());
    let out = shotboard(&["info", "--json", arg(&board)]);
    assert!(out.status.success());
    let info: Value = serde_json::from_slice(&out.stdout).unwrap();
    // 40 + 50 + 20 + 20 (the unscheduled road scene counts too).
    assert_eq!(info["estimated_shooting_minutes"], 130);
    let days: Vec<(u64, u64)> = info["shooting_days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["scenes"].as_u64().unwrap(),
                d["estimated_minutes"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(days, [(2, 90), (1, 20)]);
    assert_eq!(info["format_version"], 3);
    let text = shotboard(&["info", arg(&board)]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("day 2 (2026-03-15): 1 scene(s)"), "{text}");
}

/// A checker for the part of JSON Schema `docs/plan.schema.json` uses:
/// `type` (one or a list), `enum`, `required`, `properties`,
/// `additionalProperties: false`, `items`, `minimum` and local `$ref`s.
/// It refuses any other keyword, so the schema cannot quietly grow
/// something it does not check.
mod schema_check {
    use serde_json::Value;

    const KNOWN: [&str; 14] = [
        "$schema",
        "$id",
        "$defs",
        "$ref",
        "title",
        "description",
        "type",
        "enum",
        "required",
        "properties",
        "additionalProperties",
        "items",
        "minimum",
        "default",
    ];

    fn type_ok(t: &str, v: &Value) -> bool {
        match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            other => panic!("unknown type {other}"),
        }
    }

    pub fn validate(root: &Value, schema: &Value, v: &Value, at: &str) -> Vec<String> {
        let mut errors = Vec::new();
        let s = schema.as_object().expect("a schema is an object");
        for key in s.keys() {
            assert!(KNOWN.contains(&key.as_str()), "unchecked keyword {key}");
        }
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let name = r.strip_prefix("#/$defs/").expect("local $ref");
            return validate(root, &root["$defs"][name], v, at);
        }
        match s.get("type") {
            Some(Value::String(t)) if !type_ok(t, v) => errors.push(format!("{at}: not {t}")),
            Some(Value::Array(ts)) if !ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)) => {
                errors.push(format!("{at}: not any of {ts:?}"));
            }
            _ => {}
        }
        if let Some(Value::Array(options)) = s.get("enum")
            && !options.contains(v)
        {
            errors.push(format!("{at}: {v} not in {options:?}"));
        }
        if let (Some(min), Some(n)) = (s.get("minimum").and_then(Value::as_f64), v.as_f64())
            && n < min
        {
            errors.push(format!("{at}: {n} below {min}"));
        }
        if let Some(obj) = v.as_object() {
            let props = s.get("properties").and_then(Value::as_object);
            if let Some(Value::Array(required)) = s.get("required") {
                for r in required {
                    let r = r.as_str().unwrap();
                    if !obj.contains_key(r) {
                        errors.push(format!("{at}: missing {r}"));
                    }
                }
            }
            for (k, value) in obj {
                match props.and_then(|p| p.get(k)) {
                    Some(sub) => errors.extend(validate(root, sub, value, &format!("{at}.{k}"))),
                    None if s.get("additionalProperties") == Some(&Value::Bool(false)) => {
                        errors.push(format!("{at}: unexpected {k}"));
                    }
                    None => {}
                }
            }
        }
        if let (Some(items), Some(arr)) = (s.get("items"), v.as_array()) {
            for (i, item) in arr.iter().enumerate() {
                errors.extend(validate(root, items, item, &format!("{at}[{i}]")));
            }
        }
        errors
    }
}
