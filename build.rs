//! Embeds the demo board (assets/demo) into the binary, so a first start
//! with no file opens a real board from anywhere the binary is copied to.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
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
