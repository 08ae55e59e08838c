//! The files the Linux packages install: the launcher entry, the board MIME
//! type and the package lists agree with each other and with the app.
//! (.ci/run builds the packages, installs the .deb and runs it.)

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(root().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// A `[Desktop Entry]` key's value.
fn desktop_key<'a>(entry: &'a str, key: &str) -> &'a str {
    entry
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
        .unwrap_or_else(|| panic!("the desktop entry has no {key}"))
}

/// Whether the shared-mime-info `<magic>` rules of `mime_type` match
/// `bytes`: any top-level `<match>` whose own test passes and, when it has
/// children, one of whose children matches too (the spec's AND nesting).
fn magic_matches(xml: &str, bytes: &[u8]) -> bool {
    let doc = roxmltree::Document::parse(xml).expect("the MIME XML parses");
    let magic = doc
        .descendants()
        .find(|n| n.has_tag_name("magic"))
        .expect("a <magic> rule");
    magic
        .children()
        .filter(|n| n.has_tag_name("match"))
        .any(|m| match_node(m, bytes))
}

fn match_node(node: roxmltree::Node, bytes: &[u8]) -> bool {
    assert_eq!(node.attribute("type"), Some("string"), "only string rules");
    let value = node.attribute("value").expect("value").as_bytes();
    let offset = node.attribute("offset").expect("offset");
    let (start, end) = match offset.split_once(':') {
        Some((a, b)) => (a.parse::<usize>().unwrap(), b.parse::<usize>().unwrap()),
        None => {
            let a = offset.parse::<usize>().unwrap();
            (a, a)
        }
    };
    let here = (start..=end).any(|at| bytes.get(at..at + value.len()) == Some(value));
    let children: Vec<_> = node
        .children()
        .filter(|n| n.has_tag_name("match"))
        .collect();
    here && (children.is_empty() || children.iter().any(|c| match_node(*c, bytes)))
}

#[test]
fn the_board_type_claims_boards_by_content_and_leaves_other_ron_files_alone() {
    let xml = read("packaging/linux/shotboard.xml");
    assert!(!xml.contains("<glob"), "no glob: .ron is not only ours");
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("board.ron");
    shotboard::store::save(&shotboard::model::Board::new_untitled(), &board).unwrap();
    let saved = std::fs::read(&board).unwrap();
    assert!(magic_matches(&xml, &saved), "a saved board is claimed");
    let demo = std::fs::read(root().join("assets/demo/demo.ron")).unwrap();
    assert!(magic_matches(&xml, &demo), "the demo board is claimed");
    for other in [
        &b"(\n    name: \"a config\",\n    size: 3,\n)\n"[..],
        b"Config(format_version: 2)",
        b"(\n    format_version: 1,\n    name: \"not a board\",\n)",
        b"",
    ] {
        assert!(
            !magic_matches(&xml, other),
            "claimed a .ron that is no board: {}",
            String::from_utf8_lossy(other)
        );
    }
}

#[test]
fn the_desktop_entry_opens_boards_with_the_installed_binary_and_icon() {
    let entry = read("packaging/linux/shotboard.desktop");
    assert!(entry.starts_with("[Desktop Entry]\n"));
    assert_eq!(desktop_key(&entry, "Type"), "Application");
    assert_eq!(desktop_key(&entry, "Exec"), "shotboard %f");
    assert_eq!(desktop_key(&entry, "Icon"), "shotboard");
    // The window's app id, so the launcher groups the window under it.
    assert_eq!(desktop_key(&entry, "StartupWMClass"), "shotboard");
    let xml = read("packaging/linux/shotboard.xml");
    let mime = desktop_key(&entry, "MimeType");
    for ty in mime.split(';').filter(|t| !t.is_empty()) {
        assert!(
            xml.contains(&format!("<mime-type type=\"{ty}\">")),
            "{ty} is not defined"
        );
    }
}

#[test]
fn the_deb_installs_files_that_exist_at_the_usual_places() {
    let manifest = read("Cargo.toml");
    let start = manifest
        .find("[package.metadata.deb]")
        .expect("cargo-deb metadata");
    let section = &manifest[start..];
    let section = &section[..section[1..].find("\n[").map_or(section.len(), |e| e + 1)];
    let assets: Vec<(&str, &str)> = section
        .lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("[\"")?;
            let (source, rest) = l.split_once("\", \"")?;
            let (target, _) = rest.split_once('"')?;
            Some((source, target))
        })
        .collect();
    for (source, _) in &assets {
        // The binary is built before packaging; everything else is here.
        if !source.starts_with("target/") {
            assert!(
                Path::new(&root().join(source)).is_file(),
                "{source} missing"
            );
        }
    }
    let targets: Vec<&str> = assets.iter().map(|(_, t)| *t).collect();
    for wanted in [
        "usr/bin/",
        "usr/share/applications/",
        "usr/share/mime/packages/",
        "usr/share/icons/hicolor/48x48/apps/shotboard.png",
        "usr/share/icons/hicolor/256x256/apps/shotboard.png",
    ] {
        assert!(targets.contains(&wanted), "nothing installed to {wanted}");
    }
}
