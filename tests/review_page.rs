//! The exported review page in a real browser (headless Chromium): it shows
//! every panel from its own folder with the network cut off, board text
//! stays text, and a reply written through the page's own controls imports
//! back into the right panel's thread — once, however often it is imported.
//!
//! CI installs Chromium (`.ci/run`). Without it the test fails saying so;
//! set `SHOTBOARD_SKIP_BROWSER=1` to skip it on a machine without one.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use shotboard::export::{ExportJob, Progress};
use shotboard::model::ReviewStatus;
use shotboard::store;

const PANELS: usize = 9;
const HOSTILE: &str = "<img src=x id=injected onerror=alert(1)></script><b>bold</b>";

fn browser() -> Option<PathBuf> {
    if std::env::var_os("SHOTBOARD_SKIP_BROWSER").is_some_and(|v| v == "1") {
        eprintln!("SHOTBOARD_SKIP_BROWSER=1: skipping the review page browser test");
        return None;
    }
    let found = ["chromium", "chromium-browser"].iter().find_map(|name| {
        Command::new(name)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()
            .filter(|s| s.success())
            .map(|_| PathBuf::from(name))
    });
    assert!(
        found.is_some(),
        "the review page test needs Chromium (`apt-get install chromium`, as .ci/run does); \
         set SHOTBOARD_SKIP_BROWSER=1 to skip it"
    );
    found
}

/// A generated board with words that look like HTML, and its review folder.
fn board_and_site(dir: &Path) -> (PathBuf, PathBuf) {
    let board_file = dir.join("board.ron");
    let out = Command::new(env!("CARGO_BIN_EXE_shotboard"))
        .args(["demo", board_file.to_str().unwrap(), "--panels"])
        .arg(PANELS.to_string())
        .output()
        .expect("run shotboard demo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut board = store::load(&board_file).unwrap().board;
    board.scenes[0].panels[0].action = HOSTILE.to_owned();
    store::save(&board, &board_file).unwrap();
    let site = dir.join("review");
    let job = ExportJob::from_cli_name("review").unwrap();
    shotboard::headless::export(&board_file, &job, &site, &Progress::new()).unwrap();
    (board_file, site)
}

/// The DOM after the page's scripts ran, with every network request sent
/// to a proxy that is not there.
fn dump_dom(browser: &Path, page: &Path, fragment: &str, profile: &Path) -> String {
    let url = format!("file://{}{fragment}", page.display());
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(&url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let start = Instant::now();
    while child.try_wait().expect("wait for chromium").is_none() {
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish loading {url} in 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("chromium output");
    assert!(out.status.success(), "chromium failed on {url}");
    String::from_utf8(out.stdout).expect("utf-8 DOM")
}

/// Undo the escapes a serialized DOM puts in text.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

#[test]
fn the_page_shows_every_panel_offline_and_keeps_board_text_as_text() {
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (board_file, site) = board_and_site(dir.path());
    let page = site.join("index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "the page refers to the network"
    );
    let dom = dump_dom(&browser, &page, "", &dir.path().join("profile"));
    let board = store::load(&board_file).unwrap().board;
    for panel in board.panels() {
        assert!(
            dom.contains(&format!("data-panel-id=\"{}\"", panel.id.0)),
            "{} is not on the page",
            panel.id
        );
    }
    assert_eq!(
        dom.matches("data-loaded=\"1\"").count(),
        PANELS,
        "every frame loads from the folder"
    );
    assert!(!dom.contains("id=\"injected\""), "board text became HTML");
    assert!(
        dom.contains("&lt;img src=x id=injected"),
        "board text is shown"
    );
}

#[test]
fn a_reply_written_through_the_page_imports_into_the_right_thread_once() {
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (board_file, site) = board_and_site(dir.path());
    let before = store::load(&board_file).unwrap().board;
    let target = before.scenes[0].panels[2].clone();
    let fragment = format!("#selftest={}", target.id.0);
    let dom = dump_dom(
        &browser,
        &site.join("index.html"),
        &fragment,
        &dir.path().join("profile"),
    );
    let open = "<pre id=\"reply-preview\">";
    let start = dom.rfind(open).expect("the self-test wrote its reply") + open.len();
    let end = start + dom[start..].find("</pre>").expect("reply ends");
    let reply_json = unescape(&dom[start..end]);
    let reply = dir.path().join("board-reply.json");
    std::fs::write(&reply, &reply_json).unwrap();

    let first = shotboard::headless::import_review_file(&board_file, &reply).unwrap();
    assert_eq!(
        (first.comments_added, first.statuses_set),
        (1, 1),
        "{reply_json}"
    );
    assert!(first.warnings.is_empty(), "{:?}", first.warnings);
    let board = store::load(&board_file).unwrap().board;
    let panel = board.panel(target.id).unwrap();
    let comment = panel.comments.last().expect("the comment landed");
    assert_eq!(comment.author, "Self Test");
    assert_eq!(comment.text, "Self-test <b>comment</b> & \"quotes\"");
    assert_eq!(panel.comments.len(), target.comments.len() + 1);
    let expected = if target.status == ReviewStatus::Approved {
        ReviewStatus::NeedsChanges
    } else {
        ReviewStatus::Approved
    };
    assert_eq!(panel.status, expected);
    for other in board.panels().filter(|p| p.id != target.id) {
        assert_eq!(Some(other), before.panel(other.id), "another panel changed");
    }

    // Again, through the command line: nothing changes, not even the file.
    let saved = std::fs::read(&board_file).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_shotboard"))
        .arg("import-review")
        .args([&board_file, &reply])
        .output()
        .expect("run shotboard import-review");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("nothing new"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(std::fs::read(&board_file).unwrap(), saved);
}
