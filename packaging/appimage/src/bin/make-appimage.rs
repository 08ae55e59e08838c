//! `make-appimage APPDIR RUNTIME OUT`: packs an AppDir (with `AppRun`, a
//! `.desktop` file and an icon at its top) into a SquashFS image behind
//! the runtime, and marks the result as a type-2 AppImage.

use std::fs::{self, File, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use backhand::compression::Compressor;
use backhand::{FilesystemCompressor, FilesystemWriter, NodeHeader};
use shotboard_appimage::{MAGIC, MAGIC_OFFSET, elf_end};

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [appdir, runtime, out] = args.as_slice() else {
        eprintln!("usage: make-appimage APPDIR RUNTIME OUT");
        return ExitCode::from(2);
    };
    match make(appdir, runtime, out) {
        Ok(size) => {
            println!("wrote {} ({size} bytes)", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("make-appimage: {e}");
            ExitCode::FAILURE
        }
    }
}

fn make(appdir: &Path, runtime: &Path, out: &Path) -> Result<u64, String> {
    for needed in ["AppRun", ".DirIcon"] {
        if !appdir.join(needed).exists() {
            return Err(format!("{} has no {needed}", appdir.display()));
        }
    }
    let runtime_bytes =
        fs::read(runtime).map_err(|e| format!("could not read {}: {e}", runtime.display()))?;
    let mut runtime_file = File::open(runtime).map_err(|e| e.to_string())?;
    let end = elf_end(&mut runtime_file).map_err(|e| format!("{}: {e}", runtime.display()))?;
    if end != runtime_bytes.len() as u64 {
        return Err(format!(
            "{}: the ELF ends at {end} but the file has {} bytes; the runtime would not find the image",
            runtime.display(),
            runtime_bytes.len()
        ));
    }

    let mut fs = FilesystemWriter::default();
    fs.set_compressor(
        FilesystemCompressor::new(Compressor::Gzip, None).map_err(|e| e.to_string())?,
    );
    // Same AppDir, same bytes: no clock or owner in the image.
    fs.set_time(0);
    fs.set_only_root_id();
    fs.set_root_mode(0o755);
    add_tree(&mut fs, appdir, Path::new("/"))?;

    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o755)
        .open(out)
        .map_err(|e| format!("could not create {}: {e}", out.display()))?;
    file.write_all(&runtime_bytes).map_err(|e| e.to_string())?;
    fs.write_with_offset(&mut file, end)
        .map_err(|e| format!("could not write the image: {e}"))?;
    file.seek(SeekFrom::Start(MAGIC_OFFSET))
        .and_then(|_| file.write_all(&MAGIC))
        .and_then(|()| file.sync_all())
        .map_err(|e| e.to_string())?;
    fs::set_permissions(out, fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())?;
    file.metadata().map(|m| m.len()).map_err(|e| e.to_string())
}

/// Adds `dir`'s entries under `at`, sorted so the image does not depend on
/// the order the file system lists them in.
fn add_tree(fs: &mut FilesystemWriter<'_, '_, '_>, dir: &Path, at: &Path) -> Result<(), String> {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map_err(|e| format!("could not list {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let target = at.join(entry.file_name());
        let meta = fs::symlink_metadata(&path).map_err(|e| e.to_string())?;
        let header = NodeHeader::new((meta.mode() & 0o7777) as u16, 0, 0, 0);
        let pushed = if meta.file_type().is_symlink() {
            let link = fs::read_link(&path).map_err(|e| e.to_string())?;
            fs.push_symlink(link, &target, header)
        } else if meta.is_dir() {
            fs.push_dir(&target, header)
        } else {
            fs.push_file_from_path(path.clone(), &target, header)
        };
        pushed.map_err(|e| format!("could not add {}: {e}", path.display()))?;
        if meta.is_dir() {
            add_tree(fs, &path, &target)?;
        }
    }
    Ok(())
}
