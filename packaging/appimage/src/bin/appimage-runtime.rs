//! The runtime at the front of Shotboard's AppImage (see the crate docs).
//!
//! `--appimage-extract` unpacks the AppDir into `./squashfs-root`,
//! `--appimage-offset` prints where the image starts; anything else runs
//! the app with those arguments, from a cached copy of the AppDir.

use std::ffi::OsString;
use std::fs::{self, File};
use std::hash::Hasher as _;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use backhand::{FilesystemReader, InnerNode};
use shotboard_appimage::elf_end;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("AppImage runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> io::Result<ExitCode> {
    let appimage = std::env::current_exe()?;
    let mut file = File::open(&appimage)?;
    let offset = elf_end(&mut file)?;
    let mut args: Vec<OsString> = std::env::args_os().collect();
    let argv0 = if args.is_empty() {
        appimage.clone().into_os_string()
    } else {
        args.remove(0)
    };
    match args.first().and_then(|a| a.to_str()) {
        Some("--appimage-offset") => {
            println!("{offset}");
            return Ok(ExitCode::SUCCESS);
        }
        Some("--appimage-extract") => {
            let dest = Path::new("squashfs-root");
            extract(file, offset, dest)?;
            println!("{}", dest.display());
            return Ok(ExitCode::SUCCESS);
        }
        Some(flag) if flag.starts_with("--appimage-") => {
            eprintln!(
                "This AppImage's runtime knows --appimage-extract and --appimage-offset; \
                 other arguments go to the app."
            );
            return Ok(ExitCode::from(2));
        }
        _ => {}
    }
    let appdir = cached_appdir(&appimage, file, offset)?;
    let error = std::process::Command::new(appdir.join("AppRun"))
        .args(&args)
        .env("APPIMAGE", &appimage)
        .env("APPDIR", &appdir)
        .env("ARGV0", &argv0)
        .exec();
    Err(io::Error::other(format!(
        "could not start the app: {error}"
    )))
}

/// The AppDir unpacked once into the user's cache, in a folder named by
/// the image's checksum so a new version never runs an old copy; unpacked
/// into a temporary folder and renamed, so two starts at once are safe.
fn cached_appdir(appimage: &Path, mut file: File, offset: u64) -> io::Result<PathBuf> {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
        .join("appimage-run");
    let mut hasher = Fnv(0xcbf2_9ce4_8422_2325);
    file.seek(SeekFrom::Start(offset))?;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.write(&buf[..n]);
    }
    let stem = appimage
        .file_stem()
        .map_or_else(|| "app".into(), |s| s.to_string_lossy().into_owned());
    let dir = cache.join(format!("{stem}-{:016x}", hasher.finish()));
    if dir.join("AppRun").exists() {
        return Ok(dir);
    }
    fs::create_dir_all(&cache)?;
    let temp = cache.join(format!(".{stem}-{}.partial", std::process::id()));
    let _ = fs::remove_dir_all(&temp);
    extract(file, offset, &temp)?;
    if fs::rename(&temp, &dir).is_err() {
        // Another start finished first: use its copy.
        let _ = fs::remove_dir_all(&temp);
    }
    Ok(dir)
}

/// Unpacks the image at `offset` of `file` into `dest`.
fn extract(file: File, offset: u64, dest: &Path) -> io::Result<()> {
    let reader = FilesystemReader::from_reader_with_offset(BufReader::new(file), offset)
        .map_err(|e| io::Error::other(format!("the AppImage's image is unreadable: {e}")))?;
    fs::create_dir_all(dest)?;
    let mut dirs = Vec::new();
    for node in reader.files() {
        let relative = node.fullpath.strip_prefix("/").unwrap_or(&node.fullpath);
        if relative.as_os_str().is_empty() {
            continue;
        }
        if relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(io::Error::other(format!(
                "the image names a path outside its folder: {}",
                node.fullpath.display()
            )));
        }
        let path = dest.join(relative);
        let mode = u32::from(node.header.permissions);
        match &node.inner {
            InnerNode::Dir(_) => {
                fs::create_dir_all(&path)?;
                dirs.push((path, mode));
            }
            InnerNode::File(f) => {
                let mut out = File::create(&path)?;
                io::copy(&mut reader.file(f).reader(), &mut out)?;
                fs::set_permissions(&path, fs::Permissions::from_mode(mode))?;
            }
            InnerNode::Symlink(link) => std::os::unix::fs::symlink(&link.link, &path)?,
            _ => {}
        }
    }
    // Folders last, so a read-only folder was still writable while filled.
    for (path, mode) in dirs.into_iter().rev() {
        fs::set_permissions(&path, fs::Permissions::from_mode(mode | 0o700))?;
    }
    Ok(())
}

/// FNV-1a: enough to tell two images apart, and no dependency.
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
