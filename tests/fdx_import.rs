//! Final Draft import end to end: files written by the test, read through
//! the same path as `shotboard import X.fdx -o B.ron`.

use std::fmt::Write as _;
use std::process::Command;

use shotboard::import::screenplay::{ScriptError, fdx::FdxError, import_script_file};

/// An `.fdx` script of `scenes` scenes, each with a numbered heading, an
/// action line, a revised (coloured) line and a short exchange.
fn script(scenes: usize) -> String {
    let mut content = String::new();
    for n in 1..=scenes {
        write!(
            content,
            r#"    <Paragraph Number="{n}" Type="Scene Heading"><SceneProperties Length="1" Page="{n}" Title=""/><Text>INT. ROOM {n} - NIGHT</Text></Paragraph>
    <Paragraph Type="Action"><Text>Léa enters room {n}.</Text></Paragraph>
    <Paragraph Type="Action"><Text RevisionID="2">A revised line in blue.</Text></Paragraph>
    <Paragraph Type="Character"><Text>LÉA</Text></Paragraph>
    <Paragraph Type="Dialogue"><Text>Number {n}.</Text></Paragraph>
"#
        )
        .unwrap();
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
  <Content>
{content}  </Content>
  <TitlePage><Content>
    <Paragraph Alignment="Center"><Text>Rooms</Text></Paragraph>
    <Paragraph Alignment="Center"><Text>by</Text></Paragraph>
    <Paragraph Alignment="Center"><Text>Ana Ödegaard</Text></Paragraph>
  </Content></TitlePage>
  <Revisions ActiveSet="2"><Revision Color="Blue" ID="2" Mark="*" Name="Blue"/></Revisions>
</FinalDraft>
"#
    )
}

#[test]
fn the_cli_imports_an_fdx_file_into_a_board() {
    let dir = tempfile::tempdir().unwrap();
    let fdx = dir.path().join("rooms.fdx");
    std::fs::write(&fdx, script(3)).unwrap();
    let out = dir.path().join("rooms.ron");
    let run = Command::new(env!("CARGO_BIN_EXE_shotboard"))
        .args(["import", fdx.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let board = shotboard::store::load(&out).unwrap().board;
    assert_eq!(board.title, "Rooms");
    assert_eq!(board.author, "Ana Ödegaard");
    assert_eq!(board.scenes.len(), 3);
    let scene = &board.scenes[1];
    assert_eq!(scene.number.as_deref(), Some("2"));
    assert_eq!(scene.heading, "INT. ROOM 2 - NIGHT");
    assert_eq!(scene.location, "ROOM 2");
    assert_eq!(scene.panels.len(), 2);
    assert_eq!(scene.panels[0].action, "Léa enters room 2.");
    assert_eq!(scene.panels[1].action, "A revised line in blue.");
    assert_eq!(scene.panels[1].dialogue, "LÉA\nNumber 2.");
}

#[test]
fn a_utf16_fdx_is_decoded_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.fdx");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in script(2).replace("UTF-8", "UTF-16").encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    std::fs::write(&path, bytes).unwrap();
    let imported = import_script_file(&path).unwrap();
    assert_eq!(imported.board.scenes.len(), 2);
    assert_eq!(imported.board.author, "Ana Ödegaard");
    assert!(imported.warnings[0].message.contains("UTF-16"));
}

#[test]
fn a_huge_fdx_imports_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("epic.fdx");
    let text = script(5_000);
    assert!(text.len() > 2_000_000);
    std::fs::write(&path, &text).unwrap();
    let started = std::time::Instant::now();
    let imported = import_script_file(&path).unwrap();
    assert_eq!(imported.board.scenes.len(), 5_000);
    assert_eq!(imported.board.panel_count(), 10_000);
    // Generous for a debug build on a shared machine; it takes well under
    // a second in practice.
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
fn a_file_too_large_to_be_a_script_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("enormous.fdx");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: no disk is used.
    file.set_len(64 * 1024 * 1024).unwrap();
    let err = import_script_file(&path).unwrap_err();
    assert!(matches!(err, ScriptError::TooLarge { .. }), "{err:?}");
    assert!(err.to_string().contains("enormous.fdx"));
}

#[test]
fn hostile_fdx_files_give_errors_and_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let laughs = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE l [<!ENTITY a \"{}\">{}]>\n<FinalDraft/>",
        "x".repeat(10),
        (1..30)
            .map(|i| format!("<!ENTITY a{i} \"{}\">", format!("&a{};", i - 1).repeat(10)))
            .collect::<String>()
    );
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated.fdx", script(2).as_bytes()[..700].to_vec()),
        ("laughs.fdx", laughs.into_bytes()),
        (
            "deep.fdx",
            format!("<FinalDraft>{}", "<Content>".repeat(50_000)).into_bytes(),
        ),
        ("binary.fdx", (0..=255u8).cycle().take(4096).collect()),
        (
            "not_xml.fdx",
            b"INT. HOUSE - DAY\n\nThis is Fountain.\n".to_vec(),
        ),
        (
            "mismatched.fdx",
            b"<FinalDraft><Content></FinalDraft></Content>".to_vec(),
        ),
        (
            "attribute.fdx",
            b"<FinalDraft><Content><Paragraph Type=\"&bad;\"/></Content></FinalDraft>".to_vec(),
        ),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let err = import_script_file(&path).map(|_| ()).unwrap_err();
        assert!(
            matches!(
                err,
                ScriptError::Fdx(_) | ScriptError::Binary { .. } | ScriptError::Empty
            ),
            "{name}: {err:?}"
        );
        assert!(!err.to_string().is_empty());
        if name == "laughs.fdx" {
            assert!(matches!(
                err,
                ScriptError::Fdx(FdxError::EntityDeclaration { .. })
            ));
        }
    }
}
