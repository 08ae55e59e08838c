use super::*;

const HASH_A: &str = "aa11111111111111111111111111111111111111111111111111111111111111";
const HASH_B: &str = "bb22222222222222222222222222222222222222222222222222222222222222";

/// A 200×113 opaque picture whose pixels depend on `seed`.
fn picture(seed: u8) -> RgbaImage {
    RgbaImage::from_fn(200, 113, |x, y| {
        image::Rgba([
            (x as u8).wrapping_mul(seed),
            (y as u8).wrapping_add(seed),
            seed,
            255,
        ])
    })
}

fn key(hash: &str) -> ThumbKey {
    ThumbKey::new(hash, 200).unwrap()
}

fn entry_path(cache: &ThumbStore, k: &ThumbKey) -> PathBuf {
    cache.dir().unwrap().join(k.relative_path())
}

#[test]
fn a_stored_thumbnail_comes_back_pixel_for_pixel() {
    let dir = tempfile::tempdir().unwrap();
    let cache = ThumbStore::open(dir.path().join("thumbs"), DEFAULT_CAP_BYTES);
    assert!(cache.get(&key(HASH_A)).is_none(), "empty at first");
    cache.put(&key(HASH_A), &picture(7)).unwrap();
    assert_eq!(cache.get(&key(HASH_A)).unwrap(), picture(7));
    // Another size of the same image is another entry.
    assert!(cache.get(&ThumbKey::new(HASH_A, 256).unwrap()).is_none());
}

#[test]
fn translucent_thumbnails_keep_their_alpha() {
    let dir = tempfile::tempdir().unwrap();
    let cache = ThumbStore::open(dir.path(), DEFAULT_CAP_BYTES);
    let mut image = picture(3);
    image.put_pixel(5, 5, image::Rgba([1, 2, 3, 40]));
    cache.put(&key(HASH_A), &image).unwrap();
    assert_eq!(cache.get(&key(HASH_A)).unwrap(), image);
}

#[test]
fn a_missing_folder_is_created_on_the_first_write() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("not").join("there").join("yet");
    let cache = ThumbStore::open(&folder, DEFAULT_CAP_BYTES);
    assert!(cache.get(&key(HASH_A)).is_none());
    assert!(!folder.exists(), "reading creates nothing");
    cache.put(&key(HASH_A), &picture(1)).unwrap();
    assert!(folder.is_dir());
    assert_eq!(cache.get(&key(HASH_A)).unwrap(), picture(1));
}

#[test]
fn corrupt_and_truncated_entries_are_ignored_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let cache = ThumbStore::open(dir.path(), DEFAULT_CAP_BYTES);
    let k = key(HASH_A);
    cache.put(&k, &picture(9)).unwrap();
    let path = entry_path(&cache, &k);
    let good = fs::read(&path).unwrap();

    // Truncated (a crash mid-copy, a full disk elsewhere).
    fs::write(&path, &good[..good.len() / 2]).unwrap();
    assert!(cache.get(&k).is_none());
    // One flipped pixel byte: the checksum catches it.
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x55;
    fs::write(&path, &flipped).unwrap();
    assert!(cache.get(&k).is_none());
    // A header claiming a huge picture allocates nothing.
    let mut huge = good.clone();
    huge[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
    fs::write(&path, &huge).unwrap();
    assert!(cache.get(&k).is_none());
    // Not an entry at all.
    fs::write(&path, b"").unwrap();
    assert!(cache.get(&k).is_none());
    fs::write(&path, b"garbage, not a thumbnail at all........").unwrap();
    assert!(cache.get(&k).is_none());

    // The next decode writes it again.
    cache.put(&k, &picture(9)).unwrap();
    assert_eq!(cache.get(&k).unwrap(), picture(9));
}

#[test]
fn a_full_disk_turns_writing_off_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    ThumbStore::open(dir.path(), DEFAULT_CAP_BYTES)
        .put(&key(HASH_A), &picture(2))
        .unwrap();
    let cache =
        ThumbStore::open(dir.path(), DEFAULT_CAP_BYTES).failing_writes(io::ErrorKind::StorageFull);
    let err = cache.put(&key(HASH_B), &picture(4)).unwrap_err();
    assert!(matches!(err, ThumbStoreError::Io { .. }), "{err}");
    assert!(!cache.writable(), "one failure turns writing off");
    assert!(matches!(
        cache.put(&key(HASH_B), &picture(4)),
        Err(ThumbStoreError::Disabled)
    ));
    assert_eq!(cache.get(&key(HASH_A)).unwrap(), picture(2), "reads go on");
    assert!(cache.get(&key(HASH_B)).is_none());
    // Nothing half-written is left behind.
    let leftovers: Vec<_> = scan(dir.path())
        .into_iter()
        .filter(|e| e.path.extension().is_some_and(|x| x == "part"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_folder_that_cannot_be_created_turns_writing_off() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the folder should be: no one, not even root, can make
    // a folder inside it.
    let blocker = dir.path().join("file");
    fs::write(&blocker, b"not a folder").unwrap();
    let cache = ThumbStore::open(blocker.join("thumbs"), DEFAULT_CAP_BYTES);
    assert!(cache.get(&key(HASH_A)).is_none());
    assert!(cache.put(&key(HASH_A), &picture(1)).is_err());
    assert!(!cache.writable());
}

#[cfg(unix)]
#[test]
fn a_read_only_cache_folder_still_serves_what_it_has() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let cache = ThumbStore::open(dir.path(), DEFAULT_CAP_BYTES);
    cache.put(&key(HASH_A), &picture(5)).unwrap();
    let fan = entry_path(&cache, &key(HASH_A))
        .parent()
        .unwrap()
        .to_owned();
    let read_only = fs::Permissions::from_mode(0o555);
    fs::set_permissions(&fan, read_only.clone()).unwrap();
    fs::set_permissions(dir.path(), read_only).unwrap();

    let cache = ThumbStore::open(dir.path(), DEFAULT_CAP_BYTES);
    assert_eq!(cache.get(&key(HASH_A)).unwrap(), picture(5));
    // Root may write anyway; anyone else gets writing turned off. Either
    // way a write is no error for the caller and the old entry stays.
    let wrote = cache.put(&key(HASH_B), &picture(6)).is_ok();
    assert_eq!(cache.writable(), wrote);
    assert_eq!(cache.get(&key(HASH_A)).unwrap(), picture(5));

    for p in [dir.path(), fan.as_path()] {
        fs::set_permissions(p, fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn the_least_recently_used_entries_go_when_the_cap_is_passed() {
    let dir = tempfile::tempdir().unwrap();
    let one = encode(&picture(1)).len() as u64;
    // Room for four entries.
    let cache = ThumbStore::open(dir.path(), one * 4 + one / 2);
    let hashes: Vec<String> = (0..6)
        .map(|i| format!("{i:02x}{}", "c".repeat(62)))
        .collect();
    let old = SystemTime::now() - Duration::from_secs(10 * 3600);
    for (i, h) in hashes.iter().enumerate().take(4) {
        cache.put(&key(h), &picture(i as u8)).unwrap();
        // Written long ago, oldest first.
        let f = fs::File::options()
            .append(true)
            .open(entry_path(&cache, &key(h)))
            .unwrap();
        f.set_modified(old + Duration::from_secs(i as u64 * 60))
            .unwrap();
    }
    // Using the oldest makes it the newest.
    assert!(cache.get(&key(&hashes[0])).is_some());
    cache.put(&key(&hashes[4]), &picture(4)).unwrap();
    // Over the cap: down to 3/4 of it, oldest first (1 and 2 go).
    let kept: Vec<bool> = hashes
        .iter()
        .take(5)
        .map(|h| cache.get(&key(h)).is_some())
        .collect();
    assert_eq!(kept, [true, false, false, true, true]);
    let on_disk: u64 = scan(dir.path()).iter().map(|e| e.len).sum();
    assert!(on_disk <= one * 4 + one / 2);
}

#[test]
fn keys_only_name_files_inside_the_cache() {
    assert!(ThumbKey::new("../../etc/passwd", 200).is_none());
    assert!(ThumbKey::new("a/b", 200).is_none());
    assert!(ThumbKey::new("", 200).is_none());
    assert!(ThumbKey::for_image_file(Path::new("b.assets/kitchen.png"), 200).is_none());
    let k = ThumbKey::for_image_file(Path::new(&format!("b.assets/{HASH_A}.jpg")), 200).unwrap();
    assert_eq!(k, key(HASH_A));
}

#[test]
fn a_disabled_cache_keeps_nothing() {
    let cache = ThumbStore::disabled();
    assert!(cache.dir().is_none());
    assert!(cache.get(&key(HASH_A)).is_none());
    assert!(matches!(
        cache.put(&key(HASH_A), &picture(1)),
        Err(ThumbStoreError::Disabled)
    ));
}
