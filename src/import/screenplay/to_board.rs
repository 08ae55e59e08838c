//! Fountain elements → scenes and panels.
//!
//! The mapping, in the order a reader meets it:
//! - each scene heading starts a scene (heading, `#12#` number, location =
//!   the heading without its `INT.`/`EXT.` prefix and its last ` - TIME`
//!   part); action before the first heading goes into a scene headed
//!   [`OPENING_HEADING`], with a warning;
//! - each action paragraph (or centred text) starts a panel; the dialogue
//!   blocks after it — cue, parentheticals, speech, lyrics — are added to
//!   that panel's dialogue, e.g. `MARY (V.O.)\n(quietly)\nI know.`, blocks
//!   separated by a blank line; a
//!   dialogue block with no panel before it in its scene gets its own panel;
//!   dual dialogue stays in one panel, the second cue marked
//!   `(simultaneously)`; lyrics lines are marked `♪`;
//! - a transition becomes the *next* panel's transition where it maps
//!   (`CUT TO:`, `DISSOLVE TO:`, `FADE IN:`, `FADE OUT.`, `FADE TO BLACK.`,
//!   `WIPE TO:`); any other (`SMASH CUT TO:`) leaves a cut and is written
//!   into that panel's notes;
//! - notes go to the panel they are in or follow; a note before any panel
//!   of a scene waits for its first panel;
//! - sections and synopses become scene notes (`Section: ACT ONE`,
//!   `Synopsis: …`): a section belongs to the scene after it, a synopsis to
//!   the scene it sits in unless it follows a section;
//! - title page `Title` and `Author` (or `Authors`) fill the board's title
//!   and author. `Credit` is the "Written by" line, not a name, and is not
//!   used.

use std::path::{Path, PathBuf};

use super::fountain::{self, ElementKind, ParsedScript, ScriptWarning};
use super::{encoding, fdx};
use crate::edit::Edit;
use crate::model::{Board, IdAllocator, Numbering, Panel, Scene, Transition, stamp_from_script};

/// The heading of the scene that holds action written before the first
/// scene heading (a cold open without a slug line).
pub const OPENING_HEADING: &str = "OPENING";

/// Scripts larger than this are refused before reading: no screenplay is
/// anywhere near it, so such a file is not a screenplay.
const MAX_SCRIPT_BYTES: u64 = 32 * 1024 * 1024;

/// Why a script could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ScriptError {
    #[error(
        "line {line}, column {column}: the script is not UTF-8 text; save it as UTF-8 and import it again"
    )]
    NotUtf8 { line: usize, column: usize },
    #[error(
        "line {line}, column {column}: the file holds NUL bytes, so it is not a text screenplay (if it is UTF-16, save it with a byte-order mark or as UTF-8)"
    )]
    Binary { line: usize, column: usize },
    #[error(
        "the script says it is {encoding} text but its bytes are not; save it as UTF-8 and import it again"
    )]
    BadEncoding { encoding: &'static str },
    #[error(transparent)]
    Fdx(#[from] super::fdx::FdxError),
    #[error(
        "the script has no scene headings and no action, so there is nothing to put on a board"
    )]
    Empty,
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} is {size} bytes, too large to be a screenplay (limit {limit} bytes)", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
}

/// A board made from a script, and what did not map cleanly.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedScript {
    pub board: Board,
    pub warnings: Vec<ScriptWarning>,
}

/// Turn Fountain text into a new board. Ids start at 1.
pub fn board_from_fountain(text: &str) -> Result<ImportedScript, ScriptError> {
    board_from_parsed(fountain::parse(text))
}

/// Turn a parsed script (Fountain or Final Draft) into a new board. Ids
/// start at 1.
pub fn board_from_parsed(parsed: ParsedScript) -> Result<ImportedScript, ScriptError> {
    let mut board = Board::default();
    let mut ids = IdAllocator::new(&board);
    let built = build(parsed, &mut ids)?;
    if let Some(title) = built.title {
        board.title = title;
    }
    if let Some(author) = built.author {
        board.author = author;
    }
    board.scenes = built.scenes;
    board.numbering = Numbering::for_new_board();
    board.bump_next_id();
    Ok(ImportedScript {
        board,
        warnings: built.warnings,
    })
}

/// [`board_from_fountain`] on raw file bytes, decoded as
/// [`encoding::decode`] says; a conversion is the first warning.
pub fn board_from_fountain_bytes(bytes: &[u8]) -> Result<ImportedScript, ScriptError> {
    board_from_parsed(parse_script_bytes(bytes, ScriptFormat::Fountain)?)
}

/// The screenplay formats Shotboard reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScriptFormat {
    Fountain,
    FinalDraft,
}

impl ScriptFormat {
    /// By extension: `.fdx` is Final Draft, anything else Fountain (which
    /// is plain text, so any text file reads as one).
    pub fn of(path: &Path) -> Self {
        let fdx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("fdx"));
        if fdx {
            Self::FinalDraft
        } else {
            Self::Fountain
        }
    }
}

/// Decode and parse a script's bytes. A decoding note (UTF-16,
/// Windows-1252) becomes the first warning, on line 0 (the whole file).
pub fn parse_script_bytes(bytes: &[u8], format: ScriptFormat) -> Result<ParsedScript, ScriptError> {
    let decoded = encoding::decode(bytes)?;
    let mut parsed = match format {
        ScriptFormat::Fountain => fountain::parse(&decoded.text),
        ScriptFormat::FinalDraft => fdx::parse(&decoded.text)?,
    };
    if let Some(note) = decoded.note {
        parsed.warnings.insert(
            0,
            ScriptWarning {
                line: 0,
                message: note,
            },
        );
    }
    Ok(parsed)
}

/// Read and parse a script file, Fountain or Final Draft by its extension.
pub fn parse_script_file(path: &Path) -> Result<ParsedScript, ScriptError> {
    parse_script_bytes(&read_bytes(path)?, ScriptFormat::of(path))
}

/// Read and import a `.fountain` or `.fdx` file. A script without a title
/// page gets the file's name as the board title.
pub fn import_script_file(path: &Path) -> Result<ImportedScript, ScriptError> {
    let mut imported = board_from_parsed(parse_script_file(path)?)?;
    let untitled = imported.board.title == Board::default().title;
    if untitled && let Some(stem) = path.file_stem() {
        imported.board.title = stem.to_string_lossy().into_owned();
    }
    Ok(imported)
}

/// A script file's bytes, refusing files too large to be a screenplay
/// before reading them.
fn read_bytes(path: &Path) -> Result<Vec<u8>, ScriptError> {
    let read_error = |source| ScriptError::Read {
        path: path.to_owned(),
        source,
    };
    let bytes = crate::store::read_limited(path, MAX_SCRIPT_BYTES).map_err(|e| match e {
        crate::store::ReadLimitError::TooLarge { size, max } => ScriptError::TooLarge {
            path: path.to_owned(),
            size,
            limit: max,
        },
        crate::store::ReadLimitError::Io(source) => read_error(source),
    })?;
    Ok(bytes)
}

/// Import a script into an existing board: an edit appending its scenes,
/// with fresh ids, as one undo step. The board's title and author are left
/// alone.
pub fn append_script(board: &Board, text: &str) -> Result<(Edit, Vec<ScriptWarning>), ScriptError> {
    append_parsed(board, fountain::parse(text))
}

/// [`append_script`] for a script file, Fountain or Final Draft by its
/// extension; an encoding conversion is the first warning.
pub fn append_script_file(
    board: &Board,
    path: &Path,
) -> Result<(Edit, Vec<ScriptWarning>), ScriptError> {
    append_parsed(board, parse_script_file(path)?)
}

fn append_parsed(
    board: &Board,
    parsed: ParsedScript,
) -> Result<(Edit, Vec<ScriptWarning>), ScriptError> {
    let mut ids = IdAllocator::new(board);
    let built = build(parsed, &mut ids)?;
    let base = board.scenes.len();
    let edits = built
        .scenes
        .into_iter()
        .enumerate()
        .map(|(k, scene)| Edit::InsertScene {
            index: base + k,
            scene,
        })
        .collect();
    Ok((Edit::Batch(edits), built.warnings))
}

/// The scenes a parsed script makes, with ids from `ids`, stamped as
/// given by the script; for updating a board from a new draft.
pub(super) fn script_scenes(
    parsed: ParsedScript,
    ids: &mut IdAllocator,
) -> Result<(Vec<Scene>, Vec<ScriptWarning>), ScriptError> {
    let built = build(parsed, ids)?;
    Ok((built.scenes, built.warnings))
}

struct Built {
    title: Option<String>,
    author: Option<String>,
    scenes: Vec<Scene>,
    warnings: Vec<ScriptWarning>,
}

fn build(parsed: ParsedScript, ids: &mut IdAllocator) -> Result<Built, ScriptError> {
    let mut builder = Builder {
        ids,
        title: None,
        author: None,
        scenes: Vec::new(),
        warnings: parsed.warnings,
        current: None,
        in_dialogue: false,
        pending_transition: None,
        pending_notes: Vec::new(),
        pending_scene_notes: Vec::new(),
    };
    for element in parsed.elements {
        builder.element(element.line, element.kind);
    }
    builder.finish()
}

struct Builder<'a> {
    ids: &'a mut IdAllocator,
    title: Option<String>,
    author: Option<String>,
    scenes: Vec<Scene>,
    warnings: Vec<ScriptWarning>,
    /// Index, in the last scene, of the panel dialogue attaches to.
    current: Option<usize>,
    /// The last element added to the current panel was part of a dialogue
    /// block, so the next dialogue line continues it.
    in_dialogue: bool,
    pending_transition: Option<(usize, String)>,
    /// Panel notes met before any panel of their scene.
    pending_notes: Vec<String>,
    /// Sections (and synopses after them) waiting for their scene.
    pending_scene_notes: Vec<String>,
}

impl Builder<'_> {
    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(ScriptWarning { line, message });
    }

    fn element(&mut self, line: usize, kind: ElementKind) {
        // Notes and page breaks may sit inside a dialogue block without
        // ending it; anything else that is not dialogue ends it.
        let keeps_block = matches!(
            kind,
            ElementKind::Character { .. }
                | ElementKind::Parenthetical(_)
                | ElementKind::Dialogue(_)
                | ElementKind::Lyrics(_)
                | ElementKind::Note(_)
                | ElementKind::PageBreak
        );
        match kind {
            ElementKind::TitleField { key, value } => self.title_field(&key, &value),
            ElementKind::SceneHeading { text, number } => self.scene(text, number),
            ElementKind::Action(text) | ElementKind::Centered(text) => {
                let panel = self.new_panel(line);
                panel.action = text;
            }
            ElementKind::Character {
                name,
                extensions,
                dual,
            } => self.cue(line, name, &extensions, dual),
            ElementKind::Parenthetical(text) | ElementKind::Dialogue(text) => {
                self.add_dialogue(line, &text);
            }
            ElementKind::Lyrics(text) => {
                let sung: Vec<String> = text.lines().map(|l| format!("♪ {l}")).collect();
                self.add_dialogue(line, &sung.join("\n"));
            }
            ElementKind::Transition(text) => {
                if let Some((_, earlier)) = self.pending_transition.take() {
                    self.pending_notes.push(earlier);
                }
                self.pending_transition = Some((line, text));
                self.current = None;
            }
            ElementKind::PageBreak => {}
            ElementKind::Note(text) => match self.current_panel() {
                Some(panel) => append_paragraph(&mut panel.notes, &text),
                None => self.pending_notes.push(text),
            },
            ElementKind::Section { text, .. } => {
                self.pending_scene_notes.push(format!("Section: {text}"));
            }
            ElementKind::Synopsis(text) => {
                let note = format!("Synopsis: {text}");
                match self.scenes.last_mut() {
                    Some(scene)
                        if self.pending_scene_notes.is_empty() && scene.panels.is_empty() =>
                    {
                        append_paragraph(&mut scene.notes, &note);
                    }
                    _ => self.pending_scene_notes.push(note),
                }
            }
        }
        if !keeps_block {
            self.in_dialogue = false;
        }
    }

    /// Title lines join with spaces, author lines (one name each) with
    /// commas; an empty value leaves the field alone.
    fn title_field(&mut self, key: &str, value: &str) {
        let (field, sep) = match key.to_lowercase().as_str() {
            "title" => (&mut self.title, " "),
            "author" => (&mut self.author, ", "),
            "authors" if self.author.is_none() => (&mut self.author, ", "),
            _ => return,
        };
        let joined = value
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(sep);
        if !joined.is_empty() {
            *field = Some(joined);
        }
    }

    fn scene(&mut self, heading: String, number: Option<String>) {
        self.close_scene();
        let mut scene = Scene::new(self.ids.scene(), heading.clone());
        scene.number = number;
        scene.location = location_of(&heading);
        scene.notes = std::mem::take(&mut self.pending_scene_notes).join("\n");
        self.scenes.push(scene);
        self.current = None;
    }

    /// Notes that never found a panel in the scene stay with the scene.
    fn close_scene(&mut self) {
        if self.pending_notes.is_empty() {
            return;
        }
        if let Some(scene) = self.scenes.last_mut() {
            for note in self.pending_notes.drain(..) {
                append_paragraph(&mut scene.notes, &note);
            }
        }
    }

    fn current_panel(&mut self) -> Option<&mut Panel> {
        let index = self.current?;
        self.scenes.last_mut()?.panels.get_mut(index)
    }

    /// Start a panel in the current scene (opening one if there is none),
    /// taking any waiting transition and notes.
    fn new_panel(&mut self, line: usize) -> &mut Panel {
        let scene_index = match self.scenes.len() {
            0 => {
                self.warn(
                    line,
                    format!(
                        "action before the first scene heading was put in a scene headed {OPENING_HEADING}"
                    ),
                );
                self.scene(OPENING_HEADING.to_owned(), None);
                0
            }
            n => n - 1,
        };
        let mut panel = Panel::new(self.ids.panel());
        if let Some((_, text)) = self.pending_transition.take() {
            match map_transition(&text) {
                Some(transition) => panel.transition = transition,
                None => append_paragraph(&mut panel.notes, &text),
            }
        }
        for note in self.pending_notes.drain(..) {
            append_paragraph(&mut panel.notes, &note);
        }
        self.in_dialogue = false;
        let scene = &mut self.scenes[scene_index];
        scene.panels.push(panel);
        let index = scene.panels.len() - 1;
        self.current = Some(index);
        &mut scene.panels[index]
    }

    fn cue(&mut self, line: usize, name: String, extensions: &[String], dual: bool) {
        let mut cue = name;
        for extension in extensions {
            cue.push_str(&format!(" ({extension})"));
        }
        let has_dialogue = self.current_panel().is_some_and(|p| !p.dialogue.is_empty());
        if dual {
            if has_dialogue {
                cue.push_str(" (simultaneously)");
            } else {
                self.warn(
                    line,
                    "dual dialogue mark \"^\" with no dialogue before it to pair with".to_owned(),
                );
            }
        }
        let panel = match self.current {
            Some(_) => self.current_panel(),
            None => Some(self.new_panel(line)),
        };
        if let Some(panel) = panel {
            append_block(&mut panel.dialogue, &cue);
        }
        self.in_dialogue = true;
    }

    fn add_dialogue(&mut self, line: usize, text: &str) {
        let in_block = self.in_dialogue && self.current.is_some();
        let panel = match self.current {
            Some(_) => self.current_panel(),
            None => Some(self.new_panel(line)),
        };
        if let Some(panel) = panel {
            if in_block {
                panel.dialogue.push('\n');
                panel.dialogue.push_str(text);
            } else {
                append_block(&mut panel.dialogue, text);
            }
        }
        self.in_dialogue = true;
    }

    fn finish(mut self) -> Result<Built, ScriptError> {
        if let Some((line, text)) = self.pending_transition.take() {
            let last = self
                .scenes
                .iter_mut()
                .rev()
                .find_map(|s| s.panels.last_mut());
            if let Some(panel) = last {
                append_paragraph(&mut panel.notes, &text);
                self.warn(
                    line,
                    format!(
                        "transition {text:?} has no panel after it; kept in the last panel's notes"
                    ),
                );
            }
        }
        self.close_scene();
        if let Some(scene) = self.scenes.last_mut() {
            for note in self.pending_scene_notes.drain(..) {
                append_paragraph(&mut scene.notes, &note);
            }
        }
        if self.scenes.is_empty() {
            return Err(ScriptError::Empty);
        }
        // Remember what the script gave, so a later update from a new
        // draft can tell it from text edited by hand.
        for scene in &mut self.scenes {
            stamp_from_script(scene);
        }
        Ok(Built {
            title: self.title,
            author: self.author,
            scenes: self.scenes,
            warnings: self.warnings,
        })
    }
}

/// Add `text` as a new paragraph (own line) to a text field.
fn append_paragraph(field: &mut String, text: &str) {
    if !field.is_empty() {
        field.push('\n');
    }
    field.push_str(text);
}

/// Start a new dialogue block, a blank line after the one before.
fn append_block(field: &mut String, text: &str) {
    if !field.is_empty() {
        field.push_str("\n\n");
    }
    field.push_str(text);
}

/// The board transition a script transition means, if it has one.
pub fn map_transition(text: &str) -> Option<Transition> {
    let key = text.trim().trim_end_matches([':', '.']).to_uppercase();
    match key.as_str() {
        "CUT TO" => Some(Transition::Cut),
        "DISSOLVE TO" => Some(Transition::Dissolve),
        "FADE IN" => Some(Transition::FadeIn),
        "FADE OUT" | "FADE TO BLACK" => Some(Transition::FadeOut),
        "WIPE TO" => Some(Transition::Wipe),
        _ => None,
    }
}

/// `INT. KITCHEN - NIGHT` → `KITCHEN`; `EXT. HOUSE - GARDEN - DAY` →
/// `HOUSE - GARDEN`. Headings without an `INT`/`EXT` prefix (forced ones
/// like `.FLASHBACK`) have no location.
pub fn location_of(heading: &str) -> String {
    let Some(prefix) = fountain::heading_prefix_len(heading) else {
        return String::new();
    };
    let place = heading[prefix..].trim_start_matches(['.', ' ']).trim();
    let place = place
        .rsplit_once(" - ")
        .map_or(place, |(before, _)| before.trim());
    place.to_owned()
}

#[cfg(test)]
mod tests;
