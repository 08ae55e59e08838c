//! Shotboard's AppImage, made without downloading anything.
//!
//! An AppImage (type 2) is an ELF program, the *runtime*, with a SquashFS
//! image of an AppDir appended and the bytes `AI\x02` at offset 8 of the
//! ELF header. The usual runtime and `appimagetool` are binaries fetched
//! from GitHub, which this project's machines cannot reach, and no package
//! registry ships them; so this crate has its own, in Rust, with the
//! SquashFS read and written by `backhand`:
//!
//! - `appimage-runtime` finds the image after its own ELF end, and either
//!   extracts it (`--appimage-extract`), prints its offset
//!   (`--appimage-offset`), or runs the app: it extracts the AppDir once
//!   into a cache folder named by the image's size and checksum (the
//!   official runtime's extract-and-run mode, without needing FUSE) and
//!   executes its `AppRun` with `APPIMAGE`, `APPDIR` and `ARGV0` set.
//! - `make-appimage APPDIR RUNTIME OUT` packs an AppDir behind the runtime.
//!
//! Other tools read the result as an AppImage: `unsquashfs -o OFFSET`,
//! AppImageLauncher and appimaged find the image where the spec puts it.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

/// The AppImage type-2 magic, at offset 8 of the ELF header.
pub const MAGIC: [u8; 3] = *b"AI\x02";
pub const MAGIC_OFFSET: u64 = 8;

/// Where the ELF file ends: the end of its section header table, which
/// linkers put last (what the official runtime computes too).
pub fn elf_end(file: &mut File) -> io::Result<u64> {
    let mut ident = [0u8; 64];
    file.seek(SeekFrom::Start(0))?;
    file.read_exact(&mut ident)?;
    if &ident[..4] != b"\x7fELF" {
        return Err(io::Error::other("not an ELF file"));
    }
    let little = match ident[5] {
        1 => true,
        2 => false,
        _ => return Err(io::Error::other("unknown ELF byte order")),
    };
    let u16_at = |at: usize| {
        let b = [ident[at], ident[at + 1]];
        u64::from(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |at: usize| {
        let mut b = [0u8; 4];
        b.copy_from_slice(&ident[at..at + 4]);
        u64::from(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let u64_at = |at: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&ident[at..at + 8]);
        if little {
            u64::from_le_bytes(b)
        } else {
            u64::from_be_bytes(b)
        }
    };
    let (shoff, shentsize, shnum) = match ident[4] {
        1 => (u32_at(0x20), u16_at(0x2E), u16_at(0x30)),
        2 => (u64_at(0x28), u16_at(0x3A), u16_at(0x3C)),
        _ => return Err(io::Error::other("unknown ELF class")),
    };
    Ok(shoff + shentsize * shnum)
}

/// Whether `path` carries the AppImage type-2 magic.
pub fn has_magic(path: &Path) -> io::Result<bool> {
    let mut file = File::open(path)?;
    let mut bytes = [0u8; 3];
    file.seek(SeekFrom::Start(MAGIC_OFFSET))?;
    file.read_exact(&mut bytes)?;
    Ok(bytes == MAGIC)
}
