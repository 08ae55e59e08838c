//! Embeds the demo board (assets/demo) into the binary, so a first start
//! with no file opens a real board from anywhere the binary is copied to,
//! and names the git commit it was built from (`shotboard --version`, the
//! About window, crash reports), so a report can be traced to its source.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

fn main() {
    commit();
    let demo = Path::new("assets/demo");
    println!("cargo:rerun-if-changed=assets/demo");
    let mut code = String::from(
        "/// Files of the demo board: (path relative to assets/demo, bytes).\npub const DEMO_FILES: &[(&str, &[u8])] = &[\n",
    );
    let mut files = Vec::new();
    collect(demo, demo, &mut files);
    files.sort();
    for rel in files {
        let abs = demo.join(&rel);
        let abs = std::fs::canonicalize(&abs).unwrap_or(abs);
        println!("cargo:rerun-if-changed={}", abs.display());
        let _ = writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    if let Err(e) = std::fs::write(Path::new(&out).join("demo_files.rs"), code) {
        println!("cargo:warning=could not write demo_files.rs: {e}");
    }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// Sets `SHOTBOARD_COMMIT`: the short hash of HEAD, `$SHOTBOARD_COMMIT` when
/// a packager builds from a tarball without git, else "unknown". No
/// "-dirty" mark: the script reruns when HEAD moves, not on every edit, so
/// the mark would go stale.
fn commit() {
    println!("cargo:rerun-if-env-changed=SHOTBOARD_COMMIT");
    let commit = std::env::var("SHOTBOARD_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| {
            let hash = git(&["rev-parse", "--short=12", "HEAD"])?;
            // Rebuild when HEAD moves: the file HEAD, the branch it names.
            for file in ["HEAD", "packed-refs"] {
                watch_git_path(file);
            }
            if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
                watch_git_path(&branch);
            }
            Some(hash)
        })
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=SHOTBOARD_COMMIT={commit}");
}

fn watch_git_path(name: &str) {
    // Only files that exist: cargo reruns the script every build for a
    // watched path that is missing.
    if let Some(path) = git(&["rev-parse", "--git-path", name])
        && Path::new(&path).exists()
    {
        let path = std::fs::canonicalize(&path).map_or(path, |p| p.display().to_string());
        println!("cargo:rerun-if-changed={path}");
    }
}

/// A git command's trimmed output, `None` when git is missing or fails.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}
