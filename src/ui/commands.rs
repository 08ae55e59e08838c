//! The one command table: every user action with its label, tooltip,
//! per-OS shortcuts, where its keys apply and whether it edits the board.
//!
//! Menus, the toolbar, the command palette, shortcut handling and the
//! read-only guard are all generated from here (rerun's `UICommand` is the
//! model), so a shortcut is written once and shown the way the platform
//! spells it (⌘ and ⌥ on macOS, through egui's own formatting).

use egui::os::OperatingSystem;
use egui::{Key, KeyboardShortcut, Modifiers};

/// Declares the command enum and [`AppCommand::ALL`] from one list, so no
/// command can be left out of the menus, the palette or the tests.
macro_rules! commands {
    ($($(#[$meta:meta])* $name:ident,)*) => {
        /// Everything the user can ask for from menus, toolbar, palette
        /// and shortcuts.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum AppCommand {
            $($(#[$meta])* $name,)*
        }

        impl AppCommand {
            /// Every command, in menu order.
            pub const ALL: &[Self] = &[$(Self::$name,)*];
        }
    };
}

commands! {
    New,
    Open,
    Save,
    SaveAs,
    ImportImages,
    /// Append a screenplay's scenes (Fountain or Final Draft) to this board.
    ImportScript,
    /// Update the board from a new draft of its script, after a review.
    UpdateFromScript,
    /// Freeze today's scene and shot numbers (or thaw them): a locked
    /// board numbers new scenes 12A and marks cut ones OMITTED.
    LockNumbering,
    /// Open a Storyboarder project as a new board.
    ImportStoryboarder,
    /// Merge a reviewer's reply file (from an exported review page) into
    /// the comment threads and statuses.
    ImportReview,
    /// Move images no panel, undo step or backup uses into a backup folder.
    CleanUpImages,
    /// Open the Snapshots window: save a named copy, compare, restore.
    Snapshots,
    /// Compare this board with another board file.
    CompareWith,
    /// Open the Export window.
    Export,
    Quit,
    Undo,
    Redo,
    Cut,
    Copy,
    Paste,
    Duplicate,
    Delete,
    SelectAll,
    NewPanel,
    /// Open the selected panel in the sketch editor.
    OpenSketch,
    /// Put the caret in the selected panel's action text.
    FocusAction,
    NewScene,
    SplitScene,
    MoveEarlier,
    MoveLater,
    SelectPrevious,
    SelectNext,
    SelectAbove,
    SelectBelow,
    SelectFirst,
    SelectLast,
    ExtendPrevious,
    ExtendNext,
    ExtendAbove,
    ExtendBelow,
    ExtendFirst,
    ExtendLast,
    /// Leave the text field being typed in (Esc), back to the cards.
    LeaveTextField,
    ZoomIn,
    ZoomOut,
    ToggleTimeline,
    /// Switch the central area between the cards and the shot list.
    ToggleShotList,
    /// The scene breakdown table (opens and closes).
    ShowBreakdown,
    /// The shooting plan: stripboard and day-out-of-days.
    ShowPlan,
    /// The on-set shot list with takes.
    ShowOnSet,
    ShowProblems,
    /// Every command, searchable by name (Ctrl+K).
    CommandPalette,
    /// Full-screen presentation from the selection (F5).
    Present,
    /// Play or stop the animatic from the selection (Space).
    PlayPause,
    /// Play the selected panel's scene only.
    PlayScene,
    ToggleLoop,
    /// Open the find bar (Ctrl+F).
    Find,
    /// Go to the next find match (F3).
    FindNext,
    NextNeedingChanges,
    Preferences,
    /// Every command's keys, printable, from this table (F1).
    Shortcuts,
    /// The first-launch overlay, shown again.
    GettingStarted,
    /// Version, commit, and the licences of bundled fonts and libraries.
    About,
    /// The folder with the log file and crash reports.
    OpenLogsFolder,
}

/// Where a command's shortcut is listened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere in the main window: also while typing into a field and
    /// inside the sketch editor (Save, Undo, Present…).
    Global,
    /// The cards and the shot list, when no text field has the keyboard and
    /// the sketch editor is closed: plain keys (arrows, Delete, E, Space)
    /// that mean something else in a text field or to the sketch editor.
    Board,
    /// Only while a text field has the keyboard.
    Typing,
}

impl Scope {
    /// Whether a key listened for in both scopes could reach both.
    pub fn overlaps(self, other: Self) -> bool {
        self == other || self == Self::Global || other == Self::Global
    }
}

/// The top-level menus, in menu-bar order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    Select,
    View,
    Review,
    Help,
}

impl Menu {
    pub const ALL: [Self; 6] = [
        Self::File,
        Self::Edit,
        Self::Select,
        Self::View,
        Self::Review,
        Self::Help,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::File => "File",
            Self::Edit => "Edit",
            Self::Select => "Select",
            Self::View => "View",
            Self::Review => "Review",
            Self::Help => "Help",
        }
    }
}

fn key(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key)
}

fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}

fn alt(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::ALT, key)
}

impl AppCommand {
    /// The name in menus and the palette.
    pub fn text(self) -> &'static str {
        self.text_and_tooltip().0
    }

    /// One sentence on what the command does.
    pub fn tooltip(self) -> &'static str {
        self.text_and_tooltip().1
    }

    fn text_and_tooltip(self) -> (&'static str, &'static str) {
        match self {
            Self::New => ("New", "Start a new, empty board"),
            Self::Open => ("Open…", "Open a board file"),
            Self::Save => ("Save", "Save the board to its file"),
            Self::SaveAs => (
                "Save As…",
                "Save a copy under another name, with all its images",
            ),
            Self::ImportImages => (
                "Import images…",
                "Add image files as new panels after the selection",
            ),
            Self::ImportScript => (
                "Import script…",
                "Append a screenplay's scenes (Fountain or Final Draft) to this board",
            ),
            Self::LockNumbering => (
                "Lock scene and shot numbers",
                "Freeze today's numbers, as on a locked shooting script: a new scene between 12 and 13 becomes 12A, a cut one is listed OMITTED; choose again to unlock",
            ),
            Self::UpdateFromScript => (
                "Update from script…",
                "Update the board from a new draft of its script: review the changes first; drawings stay with their scenes",
            ),
            Self::ImportStoryboarder => (
                "Import Storyboarder project…",
                "Open a Storyboarder project as a new board",
            ),
            Self::ImportReview => (
                "Import review replies…",
                "Add a reviewer's comments and statuses from the reply file their review page saved",
            ),
            Self::CleanUpImages => (
                "Clean up unused images…",
                "Move images nothing uses into a backup folder",
            ),
            Self::Snapshots => (
                "Snapshots…",
                "Keep a named copy of the board; compare with one or restore it",
            ),
            Self::CompareWith => (
                "Compare with another board…",
                "List what differs between this board and another board file",
            ),
            Self::Export => ("Export…", "PDF, images, animatic, shot list, timelines"),
            Self::Quit => ("Quit", "Close Shotboard (asks about unsaved changes)"),
            Self::Undo => ("Undo", "Undo the last change"),
            Self::Redo => ("Redo", "Redo the change last undone"),
            Self::Cut => ("Cut", "Copy the selected panels and remove them"),
            Self::Copy => ("Copy", "Copy the selected panels"),
            Self::Paste => ("Paste", "Paste panels after the selection"),
            Self::Duplicate => ("Duplicate", "Copy the selected panels in place"),
            Self::Delete => ("Delete", "Delete the selected panels or scene"),
            Self::SelectAll => ("Select all", "Select every panel"),
            Self::NewPanel => ("New panel", "New panel after the selection"),
            Self::OpenSketch => ("Draw panel", "Open the selected panel to sketch"),
            Self::FocusAction => (
                "Type action",
                "Put the caret in the selected panel's action text",
            ),
            Self::NewScene => ("New scene", "New scene after the selection"),
            Self::SplitScene => (
                "Split scene here",
                "Start a new scene at the selected panel",
            ),
            Self::MoveEarlier => ("Move earlier", "Move the selected panels one place back"),
            Self::MoveLater => ("Move later", "Move the selected panels one place forward"),
            Self::SelectPrevious => ("Previous panel", "Select the panel before"),
            Self::SelectNext => ("Next panel", "Select the panel after"),
            Self::SelectAbove => ("Panel above", "Select the panel a row up"),
            Self::SelectBelow => ("Panel below", "Select the panel a row down"),
            Self::SelectFirst => ("First panel", "Select the board's first panel"),
            Self::SelectLast => ("Last panel", "Select the board's last panel"),
            Self::ExtendPrevious => (
                "Extend to previous",
                "Add the panel before to the selection",
            ),
            Self::ExtendNext => ("Extend to next", "Add the panel after to the selection"),
            Self::ExtendAbove => ("Extend a row up", "Extend the selection a row of cards up"),
            Self::ExtendBelow => (
                "Extend a row down",
                "Extend the selection a row of cards down",
            ),
            Self::ExtendFirst => (
                "Extend to first",
                "Extend the selection to the board's first panel",
            ),
            Self::ExtendLast => (
                "Extend to last",
                "Extend the selection to the board's last panel",
            ),
            Self::LeaveTextField => (
                "Leave text field",
                "Stop typing and give the keys back to the cards",
            ),
            Self::ZoomIn => ("Larger cards", "Make the cards larger"),
            Self::ZoomOut => ("Smaller cards", "Make the cards smaller"),
            Self::ToggleTimeline => ("Timeline", "Show or hide the timeline"),
            Self::ToggleShotList => ("Shot list", "Show the panels as a table"),
            Self::ShowBreakdown => (
                "Breakdown",
                "Every scene's cast, props, wardrobe, VFX, equipment and estimate",
            ),
            Self::ShowPlan => (
                "Shooting plan",
                "Stripboard of shooting days, estimates and day-out-of-days",
            ),
            Self::ShowOnSet => ("On set", "The day's shots: mark done, log and circle takes"),
            Self::ShowProblems => ("Missing images", "List images that are missing or broken"),
            Self::CommandPalette => ("Command palette…", "Find any command by name and run it"),
            Self::Present => ("Present", "Full-screen presentation from the selection"),
            Self::PlayPause => ("Play", "Play the animatic from the selection, or stop"),
            Self::PlayScene => ("Play scene", "Play the selected panel's scene"),
            Self::ToggleLoop => ("Loop playback", "Start over at the end when playing"),
            Self::Find => ("Find…", "Find panels by their words"),
            Self::FindNext => ("Find next", "Go to the next panel found"),
            Self::NextNeedingChanges => (
                "Next panel needing changes",
                "Go to the next panel marked as needing changes",
            ),
            Self::Preferences => ("Preferences…", "Your name for comments, and other settings"),
            Self::Shortcuts => (
                "Keyboard shortcuts",
                "Every command's keys, with a printable copy",
            ),
            Self::GettingStarted => ("Getting started", "The first steps, shown again"),
            Self::About => (
                "About Shotboard",
                "Version, and the licences of bundled fonts and libraries",
            ),
            Self::OpenLogsFolder => (
                "Open logs folder",
                "The log file and crash reports, to send with a bug report",
            ),
        }
    }

    /// The shortcuts on `os`, the one shown in menus first. Ctrl is Cmd on
    /// macOS through [`Modifiers::COMMAND`].
    pub fn kb_shortcuts(self, os: OperatingSystem) -> Vec<KeyboardShortcut> {
        match self {
            Self::New => vec![cmd(Key::N)],
            Self::Open => vec![cmd(Key::O)],
            Self::Save => vec![cmd(Key::S)],
            Self::SaveAs => vec![cmd_shift(Key::S)],
            Self::ImportImages => vec![cmd(Key::I)],
            Self::Export => vec![cmd(Key::E)],
            Self::Quit => vec![cmd(Key::Q)],
            Self::Undo => vec![cmd(Key::Z)],
            // Ctrl+Y is Redo on Windows and Linux; on macOS ⌘Y is often
            // taken (History in browsers) and ⇧⌘Z is the convention.
            Self::Redo if os == OperatingSystem::Mac => vec![cmd_shift(Key::Z)],
            Self::Redo => vec![cmd_shift(Key::Z), cmd(Key::Y)],
            Self::Cut => vec![cmd(Key::X)],
            Self::Copy => vec![cmd(Key::C)],
            Self::Paste => vec![cmd(Key::V)],
            Self::Duplicate => vec![cmd(Key::D)],
            Self::Delete => vec![key(Key::Delete), key(Key::Backspace)],
            Self::SelectAll => vec![cmd(Key::A)],
            Self::NewPanel => vec![cmd(Key::Enter)],
            Self::OpenSketch => vec![key(Key::E)],
            Self::FocusAction => vec![key(Key::Enter)],
            Self::MoveEarlier => vec![alt(Key::ArrowLeft), alt(Key::ArrowUp)],
            Self::MoveLater => vec![alt(Key::ArrowRight), alt(Key::ArrowDown)],
            Self::SelectPrevious => vec![key(Key::ArrowLeft)],
            Self::SelectNext => vec![key(Key::ArrowRight)],
            Self::SelectAbove => vec![key(Key::ArrowUp)],
            Self::SelectBelow => vec![key(Key::ArrowDown)],
            Self::SelectFirst => vec![key(Key::Home)],
            Self::SelectLast => vec![key(Key::End)],
            Self::ExtendPrevious => vec![shift(Key::ArrowLeft)],
            Self::ExtendNext => vec![shift(Key::ArrowRight)],
            Self::ExtendAbove => vec![shift(Key::ArrowUp)],
            Self::ExtendBelow => vec![shift(Key::ArrowDown)],
            Self::ExtendFirst => vec![shift(Key::Home)],
            Self::ExtendLast => vec![shift(Key::End)],
            Self::LeaveTextField => vec![key(Key::Escape)],
            Self::ZoomIn => vec![cmd(Key::Plus), cmd(Key::Equals)],
            Self::ZoomOut => vec![cmd(Key::Minus)],
            Self::ToggleTimeline => vec![cmd_shift(Key::T)],
            Self::ToggleShotList => vec![cmd_shift(Key::L)],
            Self::ShowBreakdown => vec![cmd_shift(Key::B)],
            Self::ShowPlan => vec![cmd_shift(Key::P)],
            Self::ShowOnSet => vec![cmd_shift(Key::O)],
            Self::CommandPalette => vec![cmd(Key::K)],
            Self::Present => vec![key(Key::F5), key(Key::F11)],
            Self::PlayPause => vec![key(Key::Space)],
            Self::PlayScene => vec![shift(Key::Space)],
            Self::Find => vec![cmd(Key::F)],
            Self::FindNext => vec![key(Key::F3)],
            Self::Shortcuts => vec![key(Key::F1)],
            Self::ImportScript
            | Self::UpdateFromScript
            | Self::LockNumbering
            | Self::ImportStoryboarder
            | Self::ImportReview
            | Self::CleanUpImages
            | Self::Snapshots
            | Self::CompareWith
            | Self::NewScene
            | Self::SplitScene
            | Self::ShowProblems
            | Self::ToggleLoop
            | Self::NextNeedingChanges
            | Self::Preferences
            | Self::GettingStarted
            | Self::About
            | Self::OpenLogsFolder => vec![],
        }
    }

    /// The shortcut menus and the palette show, in the platform's spelling.
    pub fn formatted_shortcut(self, ctx: &egui::Context) -> Option<String> {
        self.kb_shortcuts(ctx.os())
            .first()
            .map(|s| ctx.format_shortcut(s))
    }

    /// Where the shortcut is listened for.
    pub fn scope(self) -> Scope {
        match self {
            Self::New
            | Self::Open
            | Self::Save
            | Self::SaveAs
            | Self::ImportImages
            | Self::ImportScript
            | Self::UpdateFromScript
            | Self::LockNumbering
            | Self::ImportStoryboarder
            | Self::ImportReview
            | Self::CleanUpImages
            | Self::Snapshots
            | Self::CompareWith
            | Self::Export
            | Self::Quit
            | Self::Undo
            | Self::Redo
            | Self::NewPanel
            | Self::NewScene
            | Self::SplitScene
            | Self::ZoomIn
            | Self::ZoomOut
            | Self::ToggleTimeline
            | Self::ToggleShotList
            | Self::ShowBreakdown
            | Self::ShowPlan
            | Self::ShowOnSet
            | Self::ShowProblems
            | Self::CommandPalette
            | Self::Present
            | Self::ToggleLoop
            | Self::Find
            | Self::FindNext
            | Self::NextNeedingChanges
            | Self::Preferences
            | Self::Shortcuts
            | Self::GettingStarted
            | Self::About
            | Self::OpenLogsFolder => Scope::Global,
            Self::Cut
            | Self::Copy
            | Self::Paste
            | Self::Duplicate
            | Self::Delete
            | Self::SelectAll
            | Self::OpenSketch
            | Self::FocusAction
            | Self::MoveEarlier
            | Self::MoveLater
            | Self::SelectPrevious
            | Self::SelectNext
            | Self::SelectAbove
            | Self::SelectBelow
            | Self::SelectFirst
            | Self::SelectLast
            | Self::ExtendPrevious
            | Self::ExtendNext
            | Self::ExtendAbove
            | Self::ExtendBelow
            | Self::ExtendFirst
            | Self::ExtendLast
            | Self::PlayPause
            | Self::PlayScene => Scope::Board,
            Self::LeaveTextField => Scope::Typing,
        }
    }

    /// Commands that change the board (or its images folder), refused while
    /// the board is open read-only.
    pub fn edits_board(self) -> bool {
        matches!(
            self,
            Self::Undo
                | Self::Redo
                | Self::Cut
                | Self::Paste
                | Self::Duplicate
                | Self::Delete
                | Self::NewPanel
                | Self::NewScene
                | Self::SplitScene
                | Self::MoveEarlier
                | Self::MoveLater
                | Self::ImportImages
                | Self::ImportScript
                | Self::UpdateFromScript
                | Self::LockNumbering
                | Self::ImportReview
                | Self::OpenSketch
                | Self::CleanUpImages
        )
    }

    /// The menu the command sits in, and its group there (a separator
    /// between groups). `None` only for [`Scope::Typing`] commands: they
    /// act on the focused text field, which opening a menu takes away.
    pub fn menu(self) -> Option<(Menu, u8)> {
        Some(match self {
            Self::New | Self::Open => (Menu::File, 0),
            Self::Save | Self::SaveAs => (Menu::File, 1),
            Self::ImportImages
            | Self::ImportScript
            | Self::UpdateFromScript
            | Self::ImportStoryboarder
            | Self::ImportReview
            | Self::CleanUpImages => (Menu::File, 2),
            Self::LockNumbering => (Menu::Edit, 2),
            Self::Snapshots | Self::CompareWith => (Menu::File, 3),
            Self::Export => (Menu::File, 3),
            Self::Quit => (Menu::File, 4),
            Self::Undo | Self::Redo => (Menu::Edit, 0),
            Self::Cut | Self::Copy | Self::Paste | Self::Duplicate | Self::Delete => {
                (Menu::Edit, 1)
            }
            Self::NewPanel
            | Self::OpenSketch
            | Self::FocusAction
            | Self::NewScene
            | Self::SplitScene
            | Self::MoveEarlier
            | Self::MoveLater => (Menu::Edit, 2),
            Self::SelectAll => (Menu::Select, 0),
            Self::SelectPrevious
            | Self::SelectNext
            | Self::SelectAbove
            | Self::SelectBelow
            | Self::SelectFirst
            | Self::SelectLast => (Menu::Select, 1),
            Self::ExtendPrevious
            | Self::ExtendNext
            | Self::ExtendAbove
            | Self::ExtendBelow
            | Self::ExtendFirst
            | Self::ExtendLast => (Menu::Select, 2),
            Self::ZoomIn | Self::ZoomOut | Self::ToggleTimeline => (Menu::View, 0),
            Self::ToggleShotList | Self::ShowBreakdown | Self::ShowPlan | Self::ShowOnSet => {
                (Menu::View, 1)
            }
            Self::ShowProblems => (Menu::View, 2),
            Self::CommandPalette => (Menu::View, 3),
            Self::Present | Self::PlayPause | Self::PlayScene | Self::ToggleLoop => {
                (Menu::Review, 0)
            }
            Self::Find | Self::FindNext | Self::NextNeedingChanges => (Menu::Review, 1),
            Self::Preferences => (Menu::Edit, 3),
            Self::Shortcuts | Self::GettingStarted => (Menu::Help, 0),
            Self::OpenLogsFolder => (Menu::Help, 1),
            Self::About => (Menu::Help, 2),
            Self::LeaveTextField => return None,
        })
    }

    /// The commands of `menu` in order, each with its group.
    pub fn in_menu(menu: Menu) -> impl Iterator<Item = (Self, u8)> {
        Self::ALL
            .iter()
            .filter_map(move |c| c.menu().filter(|(m, _)| *m == menu).map(|(_, g)| (*c, g)))
    }

    /// The clipboard commands may arrive as events rather than keys: the
    /// window layer turns Ctrl/Cmd+X/C/V into Cut/Copy and, only when the
    /// system clipboard holds text or an image, Paste/PasteImage (other
    /// backends and tests deliver the plain keys, which the table takes).
    /// Copied panels live in the app, so an image paste pastes them when
    /// there are any, whatever another program left behind.
    pub fn from_clipboard_event(event: &egui::Event, clipboard_full: bool) -> Option<Self> {
        match event {
            egui::Event::Copy => Some(Self::Copy),
            egui::Event::Cut => Some(Self::Cut),
            egui::Event::Paste(_) => Some(Self::Paste),
            egui::Event::PasteImage(_) if clipboard_full => Some(Self::Paste),
            _ => None,
        }
    }
}

/// Shown when an edit is refused on a read-only board.
pub const READ_ONLY_NOTICE: &str =
    "Read-only: another Shotboard has this board open. Save As… makes a copy you can edit.";

/// The facts about the app that label and enable commands, gathered once a
/// frame for the menus, the toolbar and the palette.
#[derive(Clone, Debug, Default)]
pub struct CommandState {
    pub read_only: bool,
    /// One or more panels are selected.
    pub panels_selected: bool,
    /// A scene header is selected (Delete removes the scene).
    pub scene_selected: bool,
    pub clipboard_full: bool,
    /// The label of the step Undo would undo, if any.
    pub undo_label: Option<String>,
    pub redo_label: Option<String>,
    pub playing: bool,
    pub looping: bool,
    pub timeline_visible: bool,
    pub shot_list_visible: bool,
    /// Missing or broken images.
    pub problems: usize,
    /// The board's scene and shot numbers are locked.
    pub numbers_locked: bool,
}

impl CommandState {
    /// The command's name as it reads now ("Undo Move panel", "Stop").
    pub fn label(&self, command: AppCommand) -> String {
        let with = |verb: &str, step: &Option<String>| match step {
            Some(step) => format!("{verb} {step}"),
            None => verb.to_owned(),
        };
        match command {
            AppCommand::Undo => with("Undo", &self.undo_label),
            AppCommand::Redo => with("Redo", &self.redo_label),
            AppCommand::PlayPause if self.playing => "Stop".to_owned(),
            AppCommand::ToggleTimeline if self.timeline_visible => "Hide timeline".to_owned(),
            AppCommand::ToggleTimeline => "Show timeline".to_owned(),
            AppCommand::ToggleShotList if self.shot_list_visible => "Card canvas".to_owned(),
            AppCommand::ToggleLoop => {
                format!("Loop playback: {}", if self.looping { "on" } else { "off" })
            }
            AppCommand::LockNumbering if self.numbers_locked => {
                "Unlock scene and shot numbers".to_owned()
            }
            AppCommand::ShowProblems => format!("Missing images ({})", self.problems),
            other => other.text().to_owned(),
        }
    }

    /// Whether the command can run now; edits are off on a read-only board.
    pub fn enabled(&self, command: AppCommand) -> bool {
        if self.read_only && command.edits_board() {
            return false;
        }
        match command {
            AppCommand::Undo => self.undo_label.is_some(),
            AppCommand::Redo => self.redo_label.is_some(),
            AppCommand::Paste => self.clipboard_full,
            AppCommand::Delete => self.panels_selected || self.scene_selected,
            AppCommand::Cut
            | AppCommand::Copy
            | AppCommand::Duplicate
            | AppCommand::OpenSketch
            | AppCommand::FocusAction
            | AppCommand::SplitScene
            | AppCommand::MoveEarlier
            | AppCommand::MoveLater
            | AppCommand::PlayScene => self.panels_selected,
            _ => true,
        }
    }

    /// Why a command is off, for a disabled button's tooltip.
    pub fn disabled_reason(&self, command: AppCommand) -> &'static str {
        if self.read_only && command.edits_board() {
            return READ_ONLY_NOTICE;
        }
        match command {
            AppCommand::Undo => "Nothing to undo",
            AppCommand::Redo => "Nothing to redo",
            AppCommand::Paste => "Copy or cut panels first",
            _ => "Select a panel first",
        }
    }
}

/// What the keyboard is doing this frame, deciding which scopes listen.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyContext {
    /// A text field has the keyboard.
    pub typing: bool,
    /// The sketch editor is open and reads its own keys.
    pub sketching: bool,
    /// Panels are on the app's clipboard.
    pub clipboard_full: bool,
}

impl KeyContext {
    pub fn listens(self, scope: Scope) -> bool {
        match scope {
            Scope::Global => true,
            Scope::Board => !self.typing && !self.sketching,
            Scope::Typing => self.typing,
        }
    }
}

/// The commands whose shortcuts were pressed this frame, consuming their
/// keys. More specific shortcuts are tried first: egui matches a plain
/// shortcut also when Shift or Alt is held, so Shift+Left must not reach
/// Left.
pub fn listen(ctx: &egui::Context, keys: KeyContext) -> Vec<AppCommand> {
    let os = ctx.os();
    let mut table: Vec<(KeyboardShortcut, AppCommand)> = AppCommand::ALL
        .iter()
        .filter(|c| keys.listens(c.scope()))
        .flat_map(|c| c.kb_shortcuts(os).into_iter().map(move |s| (s, *c)))
        .collect();
    table.sort_by_key(|(s, _)| std::cmp::Reverse(specificity(s.modifiers)));
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for (shortcut, command) in &table {
            if i.consume_shortcut(shortcut) {
                out.push(*command);
            }
        }
        if keys.listens(Scope::Board) {
            i.events.retain(
                |e| match AppCommand::from_clipboard_event(e, keys.clipboard_full) {
                    Some(command) => {
                        out.push(command);
                        false
                    }
                    None => true,
                },
            );
        }
    });
    out
}

fn specificity(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.shift) + u8::from(m.command || m.ctrl || m.mac_cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modifiers a shortcut means on `os`: [`Modifiers::COMMAND`] becomes
    /// Cmd on macOS and Ctrl elsewhere.
    fn resolve(shortcut: KeyboardShortcut, os: OperatingSystem) -> (Modifiers, Key) {
        let mut m = shortcut.modifiers;
        if m.command {
            m.command = false;
            if os == OperatingSystem::Mac {
                m.mac_cmd = true;
            } else {
                m.ctrl = true;
            }
        }
        (m, shortcut.logical_key)
    }

    const OSES: [OperatingSystem; 3] = [
        OperatingSystem::Mac,
        OperatingSystem::Windows,
        OperatingSystem::Nix,
    ];

    #[test]
    fn no_two_commands_share_a_shortcut_on_any_os() {
        for os in OSES {
            let mut seen: Vec<((Modifiers, Key), AppCommand)> = Vec::new();
            for &command in AppCommand::ALL {
                for shortcut in command.kb_shortcuts(os) {
                    let resolved = resolve(shortcut, os);
                    for (other_keys, other) in &seen {
                        assert!(
                            !(*other_keys == resolved && other.scope().overlaps(command.scope())),
                            "{command:?} and {other:?} share {} on {os:?}",
                            shortcut
                                .format(&egui::ModifierNames::NAMES, os == OperatingSystem::Mac)
                        );
                    }
                    seen.push((resolved, command));
                }
            }
        }
    }

    #[test]
    fn global_shortcuts_leave_the_sketch_editors_keys_alone() {
        for os in OSES {
            for &command in AppCommand::ALL {
                if command.scope() != Scope::Global {
                    continue;
                }
                for shortcut in command.kb_shortcuts(os) {
                    assert!(
                        !crate::ui::sketch::editor_keys().contains(&resolve(shortcut, os)),
                        "{command:?} takes a key the sketch editor uses on {os:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_keyboard_command_is_in_a_menu() {
        let in_menus: Vec<AppCommand> = Menu::ALL
            .iter()
            .flat_map(|m| AppCommand::in_menu(*m).map(|(c, _)| c))
            .collect();
        for &command in AppCommand::ALL {
            let has_keys = OSES.iter().any(|os| !command.kb_shortcuts(*os).is_empty());
            if has_keys && command.scope() != Scope::Typing {
                assert!(in_menus.contains(&command), "{command:?} is keyboard-only");
            }
        }
        // Each command appears in one menu only, once.
        for &command in &in_menus {
            assert_eq!(in_menus.iter().filter(|c| **c == command).count(), 1);
        }
    }

    #[test]
    fn macos_shows_command_symbols_and_others_show_ctrl() {
        let save_as = AppCommand::SaveAs.kb_shortcuts(OperatingSystem::Mac)[0];
        let mac = save_as.format(&egui::ModifierNames::SYMBOLS, true);
        assert!(mac.contains('⌘') && mac.contains('⇧'), "{mac}");
        let linux = AppCommand::SaveAs.kb_shortcuts(OperatingSystem::Nix)[0]
            .format(&egui::ModifierNames::NAMES, false);
        assert_eq!(linux, "Ctrl+Shift+S");
    }

    #[test]
    fn a_shifted_key_is_not_taken_by_its_plain_command() {
        let ctx = egui::Context::default();
        ctx.set_os(OperatingSystem::Nix);
        let mut input = egui::RawInput::default();
        input.events.push(egui::Event::Key {
            key: Key::ArrowLeft,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::SHIFT,
        });
        let mut got = Vec::new();
        let mut output = ctx.run_ui(input, |ui| {
            got = listen(ui.ctx(), KeyContext::default());
        });
        output.textures_delta.clear();
        assert_eq!(got, vec![AppCommand::ExtendPrevious]);
    }

    #[test]
    fn board_keys_wait_while_typing_or_sketching() {
        for keys in [
            KeyContext {
                typing: true,
                ..KeyContext::default()
            },
            KeyContext {
                sketching: true,
                ..KeyContext::default()
            },
        ] {
            assert!(!keys.listens(Scope::Board));
            assert!(keys.listens(Scope::Global));
        }
        assert!(!KeyContext::default().listens(Scope::Typing));
    }
}
