//! Never lose work, on disk: recovery copies, lock files, external change
//! stamps and the image clean-up that moves instead of deleting.

use std::path::Path;
use std::time::{Duration, SystemTime};

use shotboard::model::{Board, Panel, PanelId, Scene, SceneId};
use shotboard::store::lock::{self, LockInfo, LockState};
use shotboard::store::recovery::{self, RecoveryCheck};
use shotboard::store::{self, FileStamp};

#[path = "common/processes.rs"]
mod processes;
use processes::{OtherProcess, ended_pid};

fn board(title: &str) -> Board {
    let mut b = Board::new_untitled();
    b.title = title.into();
    b.scenes.clear();
    let mut s = Scene::new(SceneId(1), "INT. KITCHEN - NIGHT");
    for id in 10..13 {
        let mut p = Panel::new(PanelId(id));
        p.action = format!("Panel {id}");
        s.panels.push(p);
    }
    b.scenes.push(s);
    b.bump_next_id();
    b
}

/// A tiny valid PNG of one colour.
fn png(shade: u8) -> Vec<u8> {
    let img = image::RgbaImage::from_pixel(4, 3, image::Rgba([shade, 0, 0, 255]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[test]
fn recovery_copy_is_written_atomically_beside_the_board_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    store::save(&board("saved"), &path).unwrap();
    assert_eq!(recovery::check_recovery(&path), RecoveryCheck::None);

    let copy = recovery::write_recovery(&board("edited"), &path).unwrap();
    assert_eq!(copy, dir.path().join(".b.ron.recovery"));
    match recovery::check_recovery(&path) {
        RecoveryCheck::Newer(b) => assert_eq!(b.title, "edited"),
        other => panic!("expected a newer copy, got {other:?}"),
    }
    // The board file itself is untouched by autosave.
    assert_eq!(store::load(&path).unwrap().board.title, "saved");

    recovery::remove_recovery(&path).unwrap();
    assert!(!copy.exists());
    recovery::remove_recovery(&path).unwrap();
    assert_eq!(recovery::check_recovery(&path), RecoveryCheck::None);
}

/// Date `path`'s modification time `secs` seconds back, so a file written
/// next counts as newer without waiting for the clock to move.
fn make_older(path: &Path, secs: u64) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(secs))
        .unwrap();
}

#[test]
fn recovery_newer_means_other_content_not_only_a_later_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    store::save(&board("same"), &path).unwrap();
    make_older(&path, 60);
    recovery::write_recovery(&board("same"), &path).unwrap();
    assert_eq!(recovery::check_recovery(&path), RecoveryCheck::Same);

    // A board saved after the copy (e.g. by git) wins over it.
    recovery::write_recovery(&board("old edits"), &path).unwrap();
    make_older(&recovery::recovery_path(&path), 60);
    store::save(&board("pulled from git"), &path).unwrap();
    assert_eq!(recovery::check_recovery(&path), RecoveryCheck::Older);

    // The board file gone: the copy is all there is.
    std::fs::remove_file(&path).unwrap();
    assert!(matches!(
        recovery::check_recovery(&path),
        RecoveryCheck::Newer(_)
    ));

    std::fs::write(recovery::recovery_path(&path), "not a board").unwrap();
    assert!(matches!(
        recovery::check_recovery(&path),
        RecoveryCheck::Unreadable(_)
    ));
}

#[test]
fn crashed_sessions_are_listed_from_the_data_folder() {
    let data = tempfile::tempdir().unwrap();
    let boards = tempfile::tempdir().unwrap();
    let titled = boards.path().join("titled.ron");
    store::save(&board("titled saved"), &titled).unwrap();
    make_older(&titled, 60);
    recovery::write_recovery(&board("titled edited"), &titled).unwrap();
    recovery::register(data.path(), &titled, false).unwrap();

    // An untitled board: staging folder with its images, no board file.
    let staging = data
        .path()
        .join("untitled")
        .join("1234-0")
        .join("untitled.ron");
    let asset = store::import_image_bytes(&staging, &png(9), "png").unwrap();
    let mut untitled = board("untitled work");
    untitled.scenes[0].panels[0].image = Some(asset.clone());
    recovery::write_recovery(&untitled, &staging).unwrap();
    recovery::register(data.path(), &staging, true).unwrap();

    // A registered board whose copy was since removed is forgotten.
    let gone = boards.path().join("gone.ron");
    recovery::register(data.path(), &gone, false).unwrap();

    let found = recovery::list_recovered(data.path());
    let mut titles: Vec<_> = found.iter().map(|r| r.title.as_str()).collect();
    titles.sort_unstable();
    assert_eq!(titles, ["titled edited", "untitled work"]);
    let u = found.iter().find(|r| r.untitled).unwrap();
    assert_eq!(u.board_file, staging);
    assert_eq!(u.panels, 3);
    // The recovered untitled board still finds its image.
    let restored = recovery::read_recovery(&staging).unwrap().unwrap();
    assert!(store::check_assets(&restored, store::board_dir(&staging)).is_empty());
    assert_eq!(
        std::fs::read_dir(data.path().join("recovery"))
            .unwrap()
            .count(),
        2,
        "the stale index entry was dropped"
    );

    // A board open in a running Shotboard (here: this process) is not offered.
    let held = lock::acquire(&titled).unwrap();
    assert_eq!(recovery::list_recovered(data.path()).len(), 1);
    drop(held);

    // A clean save removes the copy; its entry goes too.
    recovery::remove_recovery(&titled).unwrap();
    recovery::unregister(data.path(), &titled).unwrap();
    let left = recovery::list_recovered(data.path());
    assert_eq!(left.len(), 1);
    assert!(left[0].untitled);
}

fn write_lock(board_file: &Path, info: &LockInfo) {
    std::fs::write(
        lock::lock_path(board_file),
        format!(
            "pid={}\nhost={}\nstarted={}\n",
            info.pid, info.host, info.started_unix
        ),
    )
    .unwrap();
}

/// An untitled board's staging folder `<data>/untitled/<name>/` with one
/// imported image and a recovery copy; returns its board file.
fn crashed_untitled(data: &Path, name: &str) -> std::path::PathBuf {
    let staging = recovery::staging_area(data).join(name).join("untitled.ron");
    let asset = store::import_image_bytes(&staging, &png(5), "png").unwrap();
    let mut b = board("untitled work");
    b.scenes[0].panels[0].image = Some(asset);
    recovery::write_recovery(&b, &staging).unwrap();
    staging
}

#[test]
fn discarding_an_untitled_board_removes_only_its_own_staging_folder() {
    use recovery::StagingRemoval;
    let data = tempfile::tempdir().unwrap();
    let boards = tempfile::tempdir().unwrap();

    // A crashed untitled board's folder goes, images and all.
    let lost = crashed_untitled(data.path(), &format!("{}-0", ended_pid()));
    let folder = store::board_dir(&lost).to_path_buf();
    assert_eq!(
        recovery::remove_untitled_staging(data.path(), &lost).unwrap(),
        StagingRemoval::Removed
    );
    assert!(!folder.exists());
    assert!(
        recovery::staging_area(data.path()).is_dir(),
        "only its own folder"
    );
    assert_eq!(
        recovery::remove_untitled_staging(data.path(), &lost).unwrap(),
        StagingRemoval::Absent
    );

    // A saved board's folder and assets are never staging.
    let saved = boards.path().join("kitchen.ron");
    store::import_image_bytes(&saved, &png(7), "png").unwrap();
    store::save(&board("kitchen"), &saved).unwrap();
    let assets = boards.path().join("kitchen.assets");
    let kept = std::fs::read_dir(&assets).unwrap().count();
    assert_eq!(
        recovery::remove_untitled_staging(data.path(), &saved).unwrap(),
        StagingRemoval::NotStaging
    );
    // Not even when the path looks like staging but leads out of the area,
    // or a folder named like staging lies elsewhere.
    let elsewhere = boards
        .path()
        .join("untitled")
        .join("3-0")
        .join("untitled.ron");
    store::import_image_bytes(&elsewhere, &png(8), "png").unwrap();
    let sneaky = recovery::staging_area(data.path())
        .join("..")
        .join("..")
        .join(boards.path().file_name().unwrap())
        .join("untitled")
        .join("3-0")
        .join("untitled.ron");
    for board_file in [&sneaky, &elsewhere] {
        assert_eq!(
            recovery::remove_untitled_staging(data.path(), board_file).unwrap(),
            StagingRemoval::NotStaging,
            "{}",
            board_file.display()
        );
    }
    assert!(
        store::board_dir(&elsewhere)
            .join("untitled.assets")
            .is_dir()
    );
    #[cfg(unix)]
    {
        let link = recovery::staging_area(data.path()).join("9-0");
        std::os::unix::fs::symlink(boards.path(), &link).unwrap();
        assert_eq!(
            recovery::remove_untitled_staging(data.path(), &link.join("kitchen.ron")).unwrap(),
            StagingRemoval::NotStaging
        );
    }
    assert_eq!(std::fs::read_dir(&assets).unwrap().count(), kept);
    assert!(saved.exists());

    // A board saved into a staging folder keeps the folder.
    let saved_in_staging = crashed_untitled(data.path(), "5-0");
    store::save(
        &board("saved here"),
        &store::board_dir(&saved_in_staging).join("here.ron"),
    )
    .unwrap();
    assert_eq!(
        recovery::remove_untitled_staging(data.path(), &saved_in_staging).unwrap(),
        StagingRemoval::NotStaging
    );
    // So does an export written there.
    let exported_in_staging = crashed_untitled(data.path(), "8-0");
    std::fs::write(
        store::board_dir(&exported_in_staging).join("storyboard.pdf"),
        b"%PDF",
    )
    .unwrap();
    assert_eq!(
        recovery::remove_untitled_staging(data.path(), &exported_in_staging).unwrap(),
        StagingRemoval::NotStaging
    );

    // A folder another running Shotboard (or this one) has locked stays.
    let busy = crashed_untitled(data.path(), "6-0");
    let mut other = OtherProcess::start();
    other.open_board(&busy);
    let live = recovery::remove_untitled_staging(data.path(), &busy).unwrap();
    // A new instance that got the crashed one's pid stages images before
    // its first autosave locks the folder; it has marked the staging area.
    let reused = crashed_untitled(data.path(), &format!("{}-0", other.id()));
    std::fs::remove_file(recovery::recovery_path(&reused)).unwrap();
    other.hold(&lock::process_marker(
        &recovery::staging_area(data.path()),
        other.id(),
    ));
    let reused_pid = recovery::remove_untitled_staging(data.path(), &reused).unwrap();
    drop(other);
    assert_eq!(live, StagingRemoval::InUse);
    assert_eq!(reused_pid, StagingRemoval::InUse);
    let ours = crashed_untitled(data.path(), "7-0");
    let held = lock::acquire(&ours).unwrap();
    assert_eq!(
        recovery::remove_untitled_staging(data.path(), &ours).unwrap(),
        StagingRemoval::InUse
    );
    drop(held);
    for kept in [
        &saved_in_staging,
        &exported_in_staging,
        &busy,
        &ours,
        &reused,
    ] {
        assert!(store::board_dir(kept).join("untitled.assets").is_dir());
    }
}

#[test]
fn a_live_lock_holder_is_reported_and_a_dead_ones_lock_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    store::save(&board("b"), &path).unwrap();

    // Free → ours, released on drop.
    let mine = lock::acquire(&path).unwrap();
    assert!(mine.path().exists());
    assert_eq!(lock::inspect(&path), LockState::Ours);
    drop(mine);
    assert_eq!(lock::inspect(&path), LockState::Free);

    // A live other process holds it.
    let mut other = OtherProcess::start();
    other.open_board(&path);
    let holder = other.info();
    assert_eq!(lock::inspect(&path), LockState::Live(holder.clone()));
    match lock::acquire(&path) {
        Err(lock::LockError::Held { holder: h, .. }) => assert_eq!(h, holder),
        other => panic!("expected a held lock, got {other:?}"),
    }

    // The holder dies: the system drops its lock, the file stays behind,
    // stale, and is taken over.
    drop(other);
    assert_eq!(lock::inspect(&path), LockState::Stale(holder));
    let mine = lock::acquire(&path).unwrap();
    assert_eq!(lock::inspect(&path), LockState::Ours);
    drop(mine);

    // A record nobody holds is stale whatever it says, even a record from
    // another machine: liveness is the OS lock, not the record.
    let remote = LockInfo {
        pid: 1,
        host: "someone-elses-laptop".into(),
        started_unix: 1,
    };
    write_lock(&path, &remote);
    assert_eq!(lock::inspect(&path), LockState::Stale(remote));

    // "Open anyway" takes a live lock over; the holder's record is replaced.
    let mut other = OtherProcess::start();
    other.open_board(&path);
    let forced = lock::take_over(&path).unwrap();
    assert_eq!(lock::inspect(&path), LockState::Ours);
    drop(forced);
    assert_eq!(lock::inspect(&path), LockState::Free);
    drop(other);

    // Garbage in the lock file holds nothing.
    std::fs::write(lock::lock_path(&path), "\u{0}\u{1}junk").unwrap();
    assert_eq!(lock::inspect(&path), LockState::Free);
    drop(lock::acquire(&path).unwrap());
}

#[test]
fn dropping_a_lock_leaves_a_lock_someone_else_took_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    let mine = lock::acquire(&path).unwrap();
    // Their "Open anyway" replaces our lock file with their own.
    let mut other = OtherProcess::start();
    other.open_board(&path);
    drop(mine);
    assert_eq!(lock::inspect(&path), LockState::Live(other.info()));
}

#[test]
fn external_changes_are_seen_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    store::save(&board("one"), &path).unwrap();
    let stamp = FileStamp::read(&path).unwrap();
    // Our own identical save is not a change.
    store::save(&board("one"), &path).unwrap();
    assert_eq!(stamp.changed(&path).unwrap(), None);
    // Another program's save is.
    store::save(&board("two"), &path).unwrap();
    assert!(stamp.changed(&path).unwrap().is_some());
}

#[test]
fn clean_up_moves_only_unreferenced_images_into_a_dated_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    let used = store::import_image_bytes(&path, &png(1), "png").unwrap();
    let in_history = store::import_image_bytes(&path, &png(2), "png").unwrap();
    let in_backup = store::import_image_bytes(&path, &png(3), "png").unwrap();
    let unused = store::import_image_bytes(&path, &png(4), "png").unwrap();

    let mut old = board("old");
    old.scenes[0].panels[0].image = Some(in_backup.clone());
    store::save(&old, &path).unwrap();
    let mut b = board("now");
    b.scenes[0].panels[0].image = Some(used.clone());
    store::save(&b, &path).unwrap(); // the old board becomes b.ron.bak

    let history = vec![in_history.as_str().to_owned()];
    let found = store::unused_assets(&b, &path, &history).unwrap();
    let assets = dir.path().join("b.assets");
    assert_eq!(
        found.iter().map(|u| u.path.clone()).collect::<Vec<_>>(),
        vec![dir.path().join(unused.as_str())]
    );
    assert_eq!(found[0].bytes, png(4).len() as u64);

    let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_764_151_234);
    let backup = store::move_to_backup(&path, &found, t).unwrap();
    assert_eq!(backup, assets.join(".removed-20251126-100034"));
    assert!(!dir.path().join(unused.as_str()).exists());
    assert_eq!(
        std::fs::read(backup.join(Path::new(unused.as_str()).file_name().unwrap())).unwrap(),
        png(4)
    );
    for kept in [&used, &in_history, &in_backup] {
        assert!(dir.path().join(kept.as_str()).exists(), "{kept} was moved");
    }
    // The backup folder itself is never offered for clean-up.
    assert!(
        store::unused_assets(&b, &path, &history)
            .unwrap()
            .is_empty()
    );
}
