//! A Final Draft (`.fdx`) reader: the XML becomes the same [`Element`]s the
//! Fountain parser gives, so both formats share one path onto a board.
//!
//! An `.fdx` file is `<FinalDraft>` holding `<Content>` (the script: one
//! `<Paragraph Type="…">` per element, its words in `<Text>` runs) and
//! `<TitlePage>` (centred paragraphs), plus layout, revision and SmartType
//! settings that say nothing about the story and are skipped. Mapping:
//! - `Scene Heading` → a heading, its `Number` attribute the scene number;
//! - `Action`, `General`, `Shot` and `Cast List` → action (a shot such as
//!   `CLOSE ON MARY` is a new picture, so it starts a panel too);
//! - `Character`, `Parenthetical`, `Dialogue`, `Transition` → the same
//!   Fountain elements; speakers after the first inside `<DualDialogue>`
//!   are the dual (`^`) speakers;
//! - `New Act` / `End of Act` → sections; `<ScriptNote>` text → notes;
//! - any other paragraph type → action, with a warning naming it;
//! - revision marks (`RevisionID` on a run) and colours only style the
//!   page: the text is read, the marks are not needed;
//! - on the title page, the first line is the title and the line after
//!   "Written by" (or "by", "Screenplay by") the author.
//!
//! Hostile files: the XML reader never loads external entities; a DOCTYPE
//! that declares entities is refused outright (expanding them is how
//! "billion laughs" files exhaust memory), and so is any entity other than
//! XML's five and character references. Nesting deeper than [`MAX_DEPTH`]
//! is refused before it costs anything. The caller caps the file size.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::fountain::{Element, ElementKind, ParsedScript, ScriptWarning};

/// How deep elements may nest. Final Draft writes about six levels; the
/// limit only keeps hostile files from growing the reader's stack.
pub const MAX_DEPTH: usize = 64;

/// Why an `.fdx` file could not be read. Lines are 1-based.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FdxError {
    #[error("line {line}: the file is not well-formed XML: {message}")]
    Malformed { line: usize, message: String },
    #[error(
        "line {line}: the file declares XML entities (<!ENTITY …>); Final Draft never writes them and they can expand without bound, so the file was refused"
    )]
    EntityDeclaration { line: usize },
    #[error(
        "line {line}: unknown entity &{name}; (only XML's five and character references are read)"
    )]
    UnknownEntity { line: usize, name: String },
    #[error(
        "line {line}: elements nest more than {MAX_DEPTH} deep; a Final Draft script nests about six"
    )]
    TooDeep { line: usize },
    #[error(
        "the file is XML but not a Final Draft script: its root element is <{0}>, not <FinalDraft>"
    )]
    NotFinalDraft(String),
}

/// Parse the text of an `.fdx` file.
pub fn parse(text: &str) -> Result<ParsedScript, FdxError> {
    let mut reader = Reader::from_str(text);
    let mut lines = LineCounter::new(text);
    let mut state = State::default();
    loop {
        let event = reader.read_event().map_err(|e| FdxError::Malformed {
            line: lines.at(reader.error_position()),
            message: e.to_string(),
        })?;
        let line = lines.at(reader.buffer_position());
        match event {
            Event::Start(start) => {
                state.open(&start, line)?;
            }
            Event::Empty(start) => {
                state.open(&start, line)?;
                state.close();
            }
            Event::End(_) => state.close(),
            Event::Text(t) => {
                let text = t.xml10_content().map_err(|e| FdxError::Malformed {
                    line,
                    message: e.to_string(),
                })?;
                state.text(&text);
            }
            Event::CData(t) => {
                let text = t.decode().map_err(|e| FdxError::Malformed {
                    line,
                    message: e.to_string(),
                })?;
                state.text(&text);
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| FdxError::Malformed {
                    line,
                    message: e.to_string(),
                })?;
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(|c| c.to_string())
                } else {
                    quick_xml::escape::resolve_predefined_entity(&name).map(str::to_owned)
                };
                let Some(resolved) = resolved else {
                    return Err(FdxError::UnknownEntity {
                        line,
                        name: name.into_owned(),
                    });
                };
                state.text(&resolved);
            }
            Event::DocType(doctype) => {
                let declares = doctype
                    .decode()
                    .is_ok_and(|d| d.to_ascii_uppercase().contains("<!ENTITY"));
                if declares {
                    return Err(FdxError::EntityDeclaration { line });
                }
            }
            Event::Eof => {
                if !state.stack.is_empty() {
                    return Err(FdxError::Malformed {
                        line,
                        message: "the file ends before its elements are closed".to_owned(),
                    });
                }
                break;
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    state.finish()
}

/// Byte offset → 1-based line, for offsets that only grow.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    fn at(&mut self, offset: u64) -> usize {
        let offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if offset > self.offset {
            self.line += self.text[self.offset..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.offset = offset;
        }
        self.line
    }
}

/// Where an element sits, as far as the script is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    FinalDraft,
    /// `<Content>` directly under `<FinalDraft>`: the script.
    Body,
    TitlePage,
    /// `<Content>` of the title page.
    TitleContent,
    DualDialogue,
    /// A paragraph of the script or the title page.
    Paragraph,
    /// A `<Text>` run of the paragraph being read.
    Text,
    ScriptNote,
    /// A paragraph inside a script note.
    NoteParagraph,
    /// A run of a paragraph inside a script note.
    NoteText,
    /// Anything else: layout, revisions, SmartType lists, … skipped.
    Other,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Paragraph {
    kind: String,
    number: Option<String>,
    line: usize,
    text: String,
    title_page: bool,
    /// Script notes inside it, emitted after it.
    notes: Vec<(usize, String)>,
}

#[derive(Default)]
struct State {
    stack: Vec<Tag>,
    root_seen: bool,
    paragraph: Option<Paragraph>,
    /// Speakers met inside the current `<DualDialogue>`.
    dual_speakers: usize,
    /// The script note being read.
    note: Option<(usize, String)>,
    elements: Vec<Element>,
    warnings: Vec<ScriptWarning>,
    title_lines: Vec<(usize, String)>,
    root: Option<String>,
}

impl State {
    fn open(&mut self, start: &BytesStart<'_>, line: usize) -> Result<(), FdxError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(FdxError::TooDeep { line });
        }
        let name = start.local_name();
        let name = name.as_ref();
        let parent = self.stack.last().copied();
        let tag = match (parent, name) {
            (None, b"FinalDraft") if !self.root_seen => Tag::FinalDraft,
            (None, other) => {
                if self.root.is_none() {
                    self.root = Some(String::from_utf8_lossy(other).into_owned());
                }
                Tag::Other
            }
            (Some(Tag::FinalDraft), b"Content") => Tag::Body,
            (Some(Tag::FinalDraft), b"TitlePage") => Tag::TitlePage,
            (Some(Tag::TitlePage), b"Content") => Tag::TitleContent,
            (Some(Tag::Body | Tag::DualDialogue), b"Paragraph") => {
                self.start_paragraph(start, line, false)?;
                Tag::Paragraph
            }
            (Some(Tag::TitleContent), b"Paragraph") => {
                self.start_paragraph(start, line, true)?;
                Tag::Paragraph
            }
            (Some(Tag::Paragraph), b"DualDialogue") => {
                self.dual_speakers = 0;
                // The wrapping paragraph carries no element of its own.
                self.paragraph = None;
                Tag::DualDialogue
            }
            (Some(Tag::Paragraph), b"Text") => Tag::Text,
            (Some(Tag::Paragraph), b"ScriptNote") => {
                self.note = Some((line, String::new()));
                Tag::ScriptNote
            }
            (Some(Tag::ScriptNote), b"Paragraph") => {
                if let Some((_, note)) = &mut self.note
                    && !note.is_empty()
                {
                    note.push('\n');
                }
                Tag::NoteParagraph
            }
            (Some(Tag::NoteParagraph), b"Text") => Tag::NoteText,
            _ => Tag::Other,
        };
        if tag == Tag::FinalDraft {
            self.root_seen = true;
        }
        self.stack.push(tag);
        Ok(())
    }

    fn start_paragraph(
        &mut self,
        start: &BytesStart<'_>,
        line: usize,
        title_page: bool,
    ) -> Result<(), FdxError> {
        let mut paragraph = Paragraph {
            line,
            title_page,
            ..Paragraph::default()
        };
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| FdxError::Malformed {
                line,
                message: e.to_string(),
            })?;
            let value = || {
                attribute
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| v.trim().to_owned())
                    .map_err(|e| FdxError::Malformed {
                        line,
                        message: e.to_string(),
                    })
            };
            match attribute.key.as_ref() {
                b"Type" => paragraph.kind = value()?,
                b"Number" => paragraph.number = Some(value()?).filter(|n| !n.is_empty()),
                _ => {}
            }
        }
        self.paragraph = Some(paragraph);
        Ok(())
    }

    fn text(&mut self, text: &str) {
        match self.stack.last() {
            Some(Tag::Text) => {
                if let Some(p) = &mut self.paragraph {
                    p.text.push_str(text);
                }
            }
            Some(Tag::NoteText) => {
                if let Some((_, note)) = &mut self.note {
                    note.push_str(text);
                }
            }
            _ => {}
        }
    }

    fn close(&mut self) {
        match self.stack.pop() {
            Some(Tag::Paragraph) => {
                if let Some(p) = self.paragraph.take() {
                    self.finish_paragraph(p);
                }
            }
            Some(Tag::ScriptNote) => {
                if let Some((note_line, note)) = self.note.take() {
                    let note = note.trim();
                    if !note.is_empty()
                        && let Some(p) = &mut self.paragraph
                    {
                        p.notes.push((note_line, note.to_owned()));
                    }
                }
            }
            Some(Tag::DualDialogue) => self.dual_speakers = 0,
            _ => {}
        }
    }

    fn push(&mut self, line: usize, kind: ElementKind) {
        self.elements.push(Element { line, kind });
    }

    fn finish_paragraph(&mut self, p: Paragraph) {
        // Final Draft keeps a line break inside a paragraph as a newline in
        // the run; trailing spaces are layout.
        let text = p
            .text
            .lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_owned();
        if p.title_page {
            if !text.is_empty() {
                self.title_lines.push((p.line, text));
            }
            return;
        }
        let in_dual = self.stack.last() == Some(&Tag::DualDialogue);
        if !text.is_empty() {
            let kind = match p.kind.as_str() {
                "Scene Heading" => Some(ElementKind::SceneHeading {
                    text,
                    number: p.number,
                }),
                "Action" | "General" | "Shot" | "Cast List" => Some(ElementKind::Action(text)),
                "Character" => {
                    let (name, extensions) = split_cue(&text);
                    let dual = in_dual && self.dual_speakers > 0;
                    if in_dual {
                        self.dual_speakers += 1;
                    }
                    Some(ElementKind::Character {
                        name,
                        extensions,
                        dual,
                    })
                }
                "Parenthetical" => Some(ElementKind::Parenthetical(
                    if text.starts_with('(') && text.ends_with(')') {
                        text
                    } else {
                        format!("({text})")
                    },
                )),
                "Dialogue" => Some(ElementKind::Dialogue(text)),
                "Transition" => Some(ElementKind::Transition(text)),
                "New Act" | "End of Act" => Some(ElementKind::Section { depth: 1, text }),
                other => {
                    let shown = if other.is_empty() { "(none)" } else { other };
                    self.warnings.push(ScriptWarning {
                        line: p.line,
                        message: format!(
                            "paragraph type {shown:?} is not a screenplay element Shotboard knows; imported as action"
                        ),
                    });
                    Some(ElementKind::Action(text))
                }
            };
            if let Some(kind) = kind {
                self.push(p.line, kind);
            }
        }
        for (line, note) in p.notes {
            self.push(line, ElementKind::Note(note));
        }
    }

    fn finish(mut self) -> Result<ParsedScript, FdxError> {
        if !self.root_seen {
            return Err(FdxError::NotFinalDraft(
                self.root.unwrap_or_else(|| "nothing".to_owned()),
            ));
        }
        let title = title_page(&self.title_lines);
        self.elements.splice(0..0, title);
        Ok(ParsedScript {
            elements: self.elements,
            warnings: self.warnings,
        })
    }
}

/// `MARY (V.O.) (CONT'D)` → `MARY`, `["V.O.", "CONT'D"]`. Text that does not
/// follow the pattern is all name.
fn split_cue(text: &str) -> (String, Vec<String>) {
    let Some(open) = text.find('(') else {
        return (text.trim().to_owned(), Vec::new());
    };
    let name = text[..open].trim();
    let mut extensions = Vec::new();
    let mut rest = text[open..].trim();
    while let Some(inner) = rest.strip_prefix('(') {
        let Some(close) = inner.find(')') else {
            return (text.trim().to_owned(), Vec::new());
        };
        extensions.push(inner[..close].trim().to_owned());
        rest = inner[close + 1..].trim_start();
    }
    if !rest.is_empty() || name.is_empty() {
        return (text.trim().to_owned(), Vec::new());
    }
    (name.to_owned(), extensions)
}

/// Title page lines → title, credit and author fields.
fn title_page(lines: &[(usize, String)]) -> Vec<Element> {
    let mut fields = Vec::new();
    let Some((line, title)) = lines.first() else {
        return fields;
    };
    fields.push(Element {
        line: *line,
        kind: ElementKind::TitleField {
            key: "Title".to_owned(),
            value: title.clone(),
        },
    });
    let is_credit = |t: &str| {
        let t = t.trim().trim_end_matches(':').to_lowercase();
        t == "by" || t.ends_with(" by")
    };
    if let Some(at) = lines[1..].iter().position(|(_, t)| is_credit(t)) {
        let (credit_line, credit) = &lines[1 + at];
        fields.push(Element {
            line: *credit_line,
            kind: ElementKind::TitleField {
                key: "Credit".to_owned(),
                value: credit.clone(),
            },
        });
        if let Some((author_line, author)) = lines.get(2 + at) {
            fields.push(Element {
                line: *author_line,
                kind: ElementKind::TitleField {
                    key: "Author".to_owned(),
                    value: author.clone(),
                },
            });
        }
    }
    fields
}

#[cfg(test)]
mod tests;
