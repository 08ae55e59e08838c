//! `shotboard --version` names the version and the commit it was built
//! from, so a bug report or crash report can be traced to its source.

use std::process::Command;

#[test]
fn version_names_the_package_version_and_the_commit_built() {
    let out = Command::new(env!("CARGO_BIN_EXE_shotboard"))
        .arg("--version")
        .output()
        .expect("shotboard runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(&format!("shotboard {} (commit ", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    // Without git (a source tarball) the build says "unknown".
    let expected = head.unwrap_or_else(|| "unknown".into());
    assert!(text.contains(&format!("(commit {expected})")), "{text}");
}
