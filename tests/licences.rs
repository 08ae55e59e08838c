//! The About window and the packages list every library compiled into
//! Shotboard with its licence (`assets/licenses/THIRD-PARTY.txt`). This
//! test keeps that list equal to what Cargo.lock resolves, so a new or
//! updated dependency cannot ship unlisted. After changing dependencies:
//! `SHOTBOARD_WRITE_LICENSES=1 cargo test --test licences`.

use std::collections::BTreeSet;
use std::path::Path;

/// `name version: licence` for every package the shipped binary links on
/// this platform (normal dependencies; build scripts' and tests' are not
/// shipped). Each platform's build lists its own; CI checks Linux's.
fn shipped_libraries() -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let out = std::process::Command::new(cargo)
        .args(["tree", "--locked", "--offline", "--edges", "normal"])
        .args(["--prefix", "none", "--format", "{p}|{l}"])
        .arg("--manifest-path")
        .arg(&manifest)
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.starts_with("shotboard "))
        .filter_map(|l| {
            let l = l.trim_end_matches(" (*)");
            let (package, licence) = l.split_once('|')?;
            let licence = if licence.is_empty() {
                "unknown"
            } else {
                licence
            };
            Some(format!("{}: {licence}", package.replacen(" v", " ", 1)))
        })
        .collect();
    lines.into_iter().collect::<Vec<_>>().join("\n") + "\n"
}

#[test]
fn the_third_party_licence_list_matches_cargo_lock() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/licenses/THIRD-PARTY.txt");
    let expected = shipped_libraries();
    if std::env::var_os("SHOTBOARD_WRITE_LICENSES").is_some() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, &expected).unwrap();
    }
    let listed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        listed == expected,
        "{} is out of date: run SHOTBOARD_WRITE_LICENSES=1 cargo test --test licences",
        file.display()
    );
    assert!(listed.contains("\negui 0.37"), "egui is listed");
    assert!(
        !listed.lines().any(|l| l.ends_with(": unknown")),
        "every library names its licence"
    );
}
