//! Shotboard's own file dialog, for systems where the native one can't be
//! shown (no desktop portal and no zenity: minimal window managers, remote
//! sessions, fresh installs). Without it, Open, Save As, imports and
//! exports would silently do nothing there.
//!
//! Deliberately small: folders, files filtered by type, a path field, the
//! places a user is likely to want (home, recent folders), keyboard first
//! (type a path or name, Enter; Esc cancels). The folder is read when it is
//! entered, not every frame.

use std::path::{Path, PathBuf};

use egui::{Key, RichText};

use super::dialogs::{FileRequest, RequestKind};

/// A folder entry as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    is_dir: bool,
}

/// What the user did this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum BrowserOutcome {
    Open,
    Chosen(Vec<PathBuf>),
    Cancelled,
}

/// The dialog's state while it is open.
pub struct FileBrowser {
    pub request: FileRequest,
    dir: PathBuf,
    entries: Vec<Entry>,
    /// Why the folder could not be read, if it couldn't.
    error: Option<String>,
    /// Selected file names in `dir` (several only for "open files").
    selected: Vec<String>,
    /// The name or path being typed.
    name: String,
    /// Places on the left: home and recent folders.
    places: Vec<PathBuf>,
    /// A save would replace this existing file: asked once before.
    confirm_replace: Option<PathBuf>,
    /// The first place is the home folder (shown as "Home").
    home_first: bool,
}

impl FileBrowser {
    /// Open at `start` (or home), with `recent` folders offered as places.
    pub fn new(request: FileRequest, start: Option<&Path>, recent: &[PathBuf]) -> Self {
        let home = directories::UserDirs::new().map(|d| d.home_dir().to_path_buf());
        let dir = start
            .filter(|d| d.is_dir())
            .map(Path::to_path_buf)
            .or_else(|| home.clone())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let home_first = home.is_some();
        let mut places: Vec<PathBuf> = home.into_iter().collect();
        for folder in recent {
            if !places.contains(folder) {
                places.push(folder.clone());
            }
        }
        let name = match &request.kind {
            RequestKind::SaveFile { suggested_name, .. } => suggested_name.clone(),
            _ => String::new(),
        };
        let mut browser = Self {
            request,
            dir: PathBuf::new(),
            entries: Vec::new(),
            error: None,
            selected: Vec::new(),
            name,
            places,
            confirm_replace: None,
            home_first,
        };
        browser.enter(dir);
        browser
    }

    /// The folder shown.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Show `dir`'s folders and the files the request accepts.
    fn enter(&mut self, dir: PathBuf) {
        match list(&dir, &self.request) {
            Ok(entries) => {
                self.entries = entries;
                self.error = None;
                self.dir = dir;
                self.selected.clear();
                self.confirm_replace = None;
                if self.request.kind != RequestKind::OpenFiles
                    && !matches!(self.request.kind, RequestKind::SaveFile { .. })
                {
                    self.name.clear();
                }
            }
            Err(e) => self.error = Some(format!("{}: {e}", dir.display())),
        }
    }

    /// What the typed name means: a path relative to the folder shown, or
    /// an absolute one.
    fn typed_path(&self) -> Option<PathBuf> {
        let name = self.name.trim();
        if name.is_empty() {
            return None;
        }
        let typed = expand_home(name);
        Some(if typed.is_absolute() {
            typed
        } else {
            self.dir.join(typed)
        })
    }

    /// Accept what is typed or selected: enter a folder, or finish.
    fn accept(&mut self) -> BrowserOutcome {
        if let Some(path) = self.typed_path()
            && path.is_dir()
            && self.request.kind != RequestKind::Folder
        {
            self.name.clear();
            self.enter(path);
            return BrowserOutcome::Open;
        }
        match self.request.kind.clone() {
            RequestKind::OpenFile | RequestKind::OpenFiles => {
                let mut chosen: Vec<PathBuf> =
                    self.selected.iter().map(|n| self.dir.join(n)).collect();
                if chosen.is_empty()
                    && let Some(path) = self.typed_path()
                {
                    chosen.push(path);
                }
                if chosen.is_empty() {
                    self.error = Some("Choose a file first.".into());
                    return BrowserOutcome::Open;
                }
                if let Some(missing) = chosen.iter().find(|p| !p.is_file()) {
                    self.error = Some(format!("{} is not a file.", missing.display()));
                    return BrowserOutcome::Open;
                }
                BrowserOutcome::Chosen(chosen)
            }
            RequestKind::SaveFile { .. } => {
                let Some(path) = self.typed_path() else {
                    self.error = Some("Type a name first.".into());
                    return BrowserOutcome::Open;
                };
                let path = self.request.fix_extension(path);
                if !path.parent().is_some_and(Path::is_dir) {
                    self.error = Some(format!("There is no folder {}.", parent_text(&path)));
                    return BrowserOutcome::Open;
                }
                if path.exists() && self.confirm_replace.as_ref() != Some(&path) {
                    self.confirm_replace = Some(path);
                    return BrowserOutcome::Open;
                }
                BrowserOutcome::Chosen(vec![path])
            }
            RequestKind::Folder => {
                let path = self
                    .selected
                    .first()
                    .map(|n| self.dir.join(n))
                    .or_else(|| self.typed_path())
                    .unwrap_or_else(|| self.dir.clone());
                if !path.is_dir() {
                    self.error = Some(format!("{} is not a folder.", path.display()));
                    return BrowserOutcome::Open;
                }
                BrowserOutcome::Chosen(vec![path])
            }
        }
    }

    /// Draw the dialog; returns what the user did.
    pub fn show(&mut self, ctx: &egui::Context) -> BrowserOutcome {
        let mut outcome = BrowserOutcome::Open;
        let modal = egui::Modal::new(egui::Id::unique("shotboard-file-browser")).show(ctx, |ui| {
            let size = ctx.content_rect().size();
            ui.set_width((size.x - 80.0).clamp(320.0, 760.0));
            ui.heading(&self.request.title);
            outcome = self.body_ui(ui, (size.y - 260.0).clamp(120.0, 420.0));
        });
        if modal.should_close() && outcome == BrowserOutcome::Open {
            outcome = BrowserOutcome::Cancelled;
        }
        outcome
    }

    fn body_ui(&mut self, ui: &mut egui::Ui, list_height: f32) -> BrowserOutcome {
        let mut outcome = BrowserOutcome::Open;
        let mut go_to = None;
        // A double-clicked file is chosen at once.
        let mut accept = false;
        let mut clicked = None;
        ui.horizontal(|ui| {
            let up = ui
                .add_enabled(self.dir.parent().is_some(), egui::Button::new("Up"))
                .on_hover_text("The folder above");
            if up.clicked() {
                go_to = self.dir.parent().map(Path::to_path_buf);
            }
            ui.label(RichText::new(self.dir.display().to_string()).monospace());
        });
        ui.separator();
        ui.horizontal_top(|ui| {
            // Bounds the column separator too, which would otherwise
            // stretch to the (unbounded) height of the modal.
            ui.set_max_height(list_height);
            ui.vertical(|ui| {
                ui.set_width(150.0);
                ui.label(RichText::new("Places").strong());
                for (i, place) in self.places.iter().enumerate() {
                    let name = match place.file_name() {
                        _ if i == 0 && self.home_first => "Home".to_owned(),
                        Some(n) => n.to_string_lossy().into_owned(),
                        None => place.display().to_string(),
                    };
                    let button = ui
                        .selectable_label(*place == self.dir, name)
                        .on_hover_text(place.display().to_string());
                    if button.clicked() {
                        go_to = Some(place.clone());
                    }
                }
            });
            ui.separator();
            ui.vertical(|ui| {
                egui::ScrollArea::vertical()
                    .max_height(list_height)
                    .min_scrolled_height(list_height)
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if self.entries.is_empty() {
                            ui.weak(if self.request.extensions.is_empty() {
                                "No folders here".to_owned()
                            } else {
                                format!("No folders or {} files here", self.request.filter_name)
                            });
                        }
                        for entry in &self.entries {
                            let text = if entry.is_dir {
                                format!("{}/", entry.name)
                            } else {
                                entry.name.clone()
                            };
                            let selected = self.selected.contains(&entry.name);
                            let item = ui.selectable_label(selected, text);
                            if item.double_clicked() {
                                if entry.is_dir {
                                    go_to = Some(self.dir.join(&entry.name));
                                } else {
                                    clicked = Some((entry.clone(), false));
                                    accept = true;
                                }
                            } else if item.clicked() {
                                clicked = Some((entry.clone(), ui.input(|i| i.modifiers.command)));
                            }
                        }
                    });
            });
        });
        if let Some((entry, add)) = clicked {
            self.select(&entry, add);
        }
        ui.separator();
        let name_label = match self.request.kind {
            RequestKind::SaveFile { .. } => "File name",
            RequestKind::Folder => "Folder",
            _ => "File or path",
        };
        let mut enter = false;
        ui.horizontal(|ui| {
            let label = ui.label(name_label);
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.name).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if field.changed() {
                // Typing replaces a clicked selection.
                self.selected.clear();
                self.confirm_replace = None;
            }
            enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if !field.has_focus() && self.name.is_empty() && self.selected.is_empty() {
                field.request_focus();
            }
        });
        if !self.request.extensions.is_empty() {
            ui.weak(format!(
                "Showing {} ({})",
                self.request.filter_name,
                self.request
                    .extensions
                    .iter()
                    .map(|e| format!("*.{e}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if let Some(path) = &self.confirm_replace {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{} already exists. Press Replace to overwrite it.",
                    path.display()
                ),
            );
        }
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        ui.separator();
        let accept_text = match self.request.kind {
            RequestKind::OpenFile | RequestKind::OpenFiles => "Open",
            RequestKind::SaveFile { .. } if self.confirm_replace.is_some() => "Replace",
            RequestKind::SaveFile { .. } => "Save",
            RequestKind::Folder => "Choose folder",
        };
        accept |= enter;
        ui.horizontal(|ui| {
            accept |= ui.button(accept_text).clicked();
            if ui.button("Cancel").clicked() {
                outcome = BrowserOutcome::Cancelled;
            }
        });
        if let Some(dir) = go_to {
            self.enter(dir);
            return BrowserOutcome::Open;
        }
        if outcome == BrowserOutcome::Cancelled {
            return outcome;
        }
        if accept {
            return self.accept();
        }
        BrowserOutcome::Open
    }

    fn select(&mut self, entry: &Entry, add: bool) {
        self.confirm_replace = None;
        self.error = None;
        if entry.is_dir {
            self.selected = vec![entry.name.clone()];
            if self.request.kind == RequestKind::Folder {
                self.name = entry.name.clone();
            }
            return;
        }
        if add && self.request.kind == RequestKind::OpenFiles {
            if let Some(at) = self.selected.iter().position(|n| *n == entry.name) {
                self.selected.remove(at);
            } else {
                self.selected.push(entry.name.clone());
            }
        } else {
            self.selected = vec![entry.name.clone()];
        }
        self.selected.retain(|n| !self.dir.join(n).is_dir());
        self.name = self.selected.join(", ");
        if self.selected.len() > 1 {
            // Several files: the field shows them but isn't a path.
            return;
        }
        if self.selected.is_empty() {
            self.name.clear();
        }
    }

    /// Test seam: type `text` into the name field and press the accept
    /// button, as a user would.
    #[cfg(test)]
    fn type_and_accept(&mut self, text: &str) -> BrowserOutcome {
        self.name = text.to_owned();
        self.selected.clear();
        self.accept()
    }
}

/// `~` and `~/…` mean the home folder, as in every file dialog.
fn expand_home(typed: &str) -> PathBuf {
    let home = || directories::UserDirs::new().map(|d| d.home_dir().to_path_buf());
    if typed == "~" {
        return home().unwrap_or_else(|| PathBuf::from(typed));
    }
    if let Some(rest) = typed.strip_prefix("~/")
        && let Some(home) = home()
    {
        return home.join(rest);
    }
    PathBuf::from(typed)
}

fn parent_text(path: &Path) -> String {
    path.parent()
        .map_or_else(|| path.display().to_string(), |p| p.display().to_string())
}

/// Folders first, then accepted files, each sorted by name without regard
/// to case; hidden entries (a leading dot) are left out.
fn list(dir: &Path, request: &FileRequest) -> std::io::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for item in std::fs::read_dir(dir)? {
        let Ok(item) = item else { continue };
        let name = item.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        // Follow links, so a linked folder is entered like a folder.
        let is_dir = item.path().is_dir();
        let wanted = match request.kind {
            RequestKind::Folder => is_dir,
            _ => is_dir || request.accepts(&name),
        };
        if wanted {
            entries.push(Entry { name, is_dir });
        }
    }
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in [
            "b board.ron",
            "a.RON",
            "notes.txt",
            ".hidden.ron",
            "shot.png",
        ] {
            std::fs::write(dir.path().join(name), b"x").expect("write");
        }
        std::fs::create_dir(dir.path().join("Scenes")).expect("mkdir");
        dir
    }

    fn names(browser: &FileBrowser) -> Vec<String> {
        browser.entries.iter().map(|e| e.name.clone()).collect()
    }

    #[test]
    fn lists_folders_first_then_only_the_files_the_request_takes() {
        let dir = folder();
        let browser = FileBrowser::new(FileRequest::open_board(), Some(dir.path()), &[]);
        assert_eq!(names(&browser), ["Scenes", "a.RON", "b board.ron"]);
        let images = FileBrowser::new(FileRequest::images(), Some(dir.path()), &[]);
        assert_eq!(names(&images), ["Scenes", "shot.png"]);
    }

    #[test]
    fn typing_a_name_with_spaces_opens_it_and_a_folder_name_enters_it() {
        let dir = folder();
        let mut browser = FileBrowser::new(FileRequest::open_board(), Some(dir.path()), &[]);
        assert_eq!(browser.type_and_accept("Scenes"), BrowserOutcome::Open);
        assert_eq!(browser.dir(), dir.path().join("Scenes"));
        assert_eq!(browser.type_and_accept(".."), BrowserOutcome::Open);
        assert_eq!(
            browser.type_and_accept("b board.ron"),
            BrowserOutcome::Chosen(vec![dir.path().join("Scenes/../b board.ron")])
        );
    }

    #[test]
    fn opening_a_file_that_is_not_there_says_so_and_stays_open() {
        let dir = folder();
        let mut browser = FileBrowser::new(FileRequest::open_board(), Some(dir.path()), &[]);
        assert_eq!(browser.type_and_accept("missing.ron"), BrowserOutcome::Open);
        assert!(
            browser
                .error
                .as_deref()
                .is_some_and(|e| e.contains("missing.ron"))
        );
    }

    #[test]
    fn saving_adds_the_extension_and_asks_before_replacing_a_file() {
        let dir = folder();
        let request = FileRequest::save_board("Untitled.ron");
        let mut browser = FileBrowser::new(request, Some(dir.path()), &[]);
        assert_eq!(
            browser.type_and_accept("Night shoot"),
            BrowserOutcome::Chosen(vec![dir.path().join("Night shoot.ron")])
        );
        // An existing file: the first accept asks, the second replaces.
        assert_eq!(browser.type_and_accept("a.RON"), BrowserOutcome::Open);
        assert!(browser.confirm_replace.is_some());
        assert_eq!(
            browser.accept(),
            BrowserOutcome::Chosen(vec![dir.path().join("a.RON")])
        );
    }

    #[test]
    fn saving_into_a_folder_that_does_not_exist_is_refused() {
        let dir = folder();
        let mut browser = FileBrowser::new(FileRequest::save_board("x.ron"), Some(dir.path()), &[]);
        assert_eq!(browser.type_and_accept("nowhere/x"), BrowserOutcome::Open);
        assert!(
            browser
                .error
                .as_deref()
                .is_some_and(|e| e.contains("nowhere"))
        );
    }

    #[test]
    fn a_folder_request_chooses_the_folder_shown_when_nothing_is_picked() {
        let dir = folder();
        let mut browser = FileBrowser::new(FileRequest::export("out", None), Some(dir.path()), &[]);
        assert_eq!(names(&browser), ["Scenes"]);
        assert_eq!(
            browser.accept(),
            BrowserOutcome::Chosen(vec![dir.path().to_path_buf()])
        );
    }

    #[test]
    fn several_images_can_be_picked_with_the_command_key() {
        let dir = folder();
        std::fs::write(dir.path().join("two.jpg"), b"x").expect("write");
        let mut browser = FileBrowser::new(FileRequest::images(), Some(dir.path()), &[]);
        let entries = browser.entries.clone();
        let file = |n: &str| {
            entries
                .iter()
                .find(|e| e.name == n)
                .expect("listed")
                .clone()
        };
        browser.select(&file("shot.png"), false);
        browser.select(&file("two.jpg"), true);
        assert_eq!(
            browser.accept(),
            BrowserOutcome::Chosen(vec![
                dir.path().join("shot.png"),
                dir.path().join("two.jpg")
            ])
        );
    }

    #[test]
    fn an_unreadable_folder_is_reported_and_the_old_one_stays() {
        let dir = folder();
        let mut browser = FileBrowser::new(FileRequest::open_board(), Some(dir.path()), &[]);
        browser.enter(dir.path().join("gone"));
        assert_eq!(browser.dir(), dir.path());
        assert!(browser.error.as_deref().is_some_and(|e| e.contains("gone")));
    }
}
