//! A Fountain 1.1 screenplay parser.
//!
//! Fountain (<https://fountain.io/syntax>) is plain text whose meaning comes
//! from blank lines, capitals and a few marks. The parser works in two
//! passes:
//!
//! 1. [`logical_lines`] normalises line endings and a BOM, removes the
//!    boneyard (`/* */`) and lifts notes (`[[ ]]`) out of the text, both of
//!    which may span lines, while remembering which source line every
//!    remaining line started on.
//! 2. The body pass classifies lines into [`ElementKind`]s using the
//!    blank-line rules of the spec, and strips emphasis markup from text.
//!
//! Where the spec is silent or strict in a way real scripts are not, the
//! parser is lenient and says so here:
//! - a scene heading needs a blank line before it but not after it;
//! - `FADE IN:`, `FADE OUT.`, `FADE TO BLACK.` and `CUT TO BLACK.` are
//!   transitions like any upper-case line ending in `TO:`, and none of them
//!   needs a blank line after it;
//! - a title page is recognised only when its first key is a known one
//!   (`Title`, `Credit`, `Author`, …), so a script opening with `FADE IN:`
//!   is not mistaken for one;
//! - an unclosed `/*` or `[[` is kept as text, with a warning.

/// A problem in the script that did not stop the import, with the 1-based
/// line it was found on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptWarning {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ScriptWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// One element of a screenplay and the 1-based source line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    pub line: usize,
    pub kind: ElementKind,
}

/// What a screenplay element is. Text has emphasis markup removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ElementKind {
    /// A title page entry, e.g. `Title` → `BRICK & STEEL`. Multi-line values
    /// are joined with `\n`.
    TitleField {
        key: String,
        value: String,
    },
    /// `INT. KITCHEN - NIGHT #12#` → text `INT. KITCHEN - NIGHT`, number `12`.
    SceneHeading {
        text: String,
        number: Option<String>,
    },
    /// An action paragraph; its lines are joined with `\n`.
    Action(String),
    /// `>THE END<`; consecutive centred lines are joined with `\n`.
    Centered(String),
    /// A character cue: `MARY (V.O.) ^` → name `MARY`, extensions `["V.O."]`,
    /// dual `true` (the second speaker of dual dialogue).
    Character {
        name: String,
        extensions: Vec<String>,
        dual: bool,
    },
    /// `(quietly)`, parentheses included.
    Parenthetical(String),
    Dialogue(String),
    /// `~` lines, the marks removed; consecutive lines joined with `\n`.
    Lyrics(String),
    /// `CUT TO:`, or a forced `> ANYTHING`.
    Transition(String),
    /// `===`
    PageBreak,
    /// The text of a `[[ ]]` note. Notes inside another element come right
    /// after it.
    Note(String),
    /// `# ACT ONE` → depth 1.
    Section {
        depth: usize,
        text: String,
    },
    /// `= Mary learns the truth.`
    Synopsis(String),
}

/// The result of parsing: elements in script order, plus warnings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedScript {
    pub elements: Vec<Element>,
    pub warnings: Vec<ScriptWarning>,
}

/// Parse Fountain text. Never fails: anything unrecognised is action, which
/// is what the spec prescribes.
pub fn parse(text: &str) -> ParsedScript {
    let mut warnings = Vec::new();
    let lines = logical_lines(text, &mut warnings);
    let mut parser = Parser {
        lines: &lines,
        elements: Vec::new(),
    };
    let body_start = parser.title_page();
    parser.body(body_start);
    ParsedScript {
        elements: parser.elements,
        warnings,
    }
}

/// A line after boneyard and notes are removed.
#[derive(Debug)]
struct Line {
    text: String,
    /// 1-based source line where this line starts.
    line: usize,
    /// Notes lifted out of this line, with their source lines.
    notes: Vec<(usize, String)>,
    /// The line held only notes and stood between paragraphs: it emits its
    /// notes and otherwise counts as a blank line.
    note_only: bool,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.note_only || is_blank(&self.text)
    }
}

/// Blank per the spec: only whitespace, except that exactly two spaces is a
/// deliberate empty line inside action or dialogue.
fn is_blank(text: &str) -> bool {
    text.trim().is_empty() && text != "  "
}

/// Pass 1: split into lines, dropping the boneyard and lifting out notes.
fn logical_lines(text: &str, warnings: &mut Vec<ScriptWarning>) -> Vec<Line> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");

    struct Raw {
        text: String,
        line: usize,
        notes: Vec<(usize, String)>,
        removed: bool,
    }
    let new_raw = |line| Raw {
        text: String::new(),
        line,
        notes: Vec::new(),
        removed: false,
    };

    let mut raws = Vec::new();
    let mut current = new_raw(1);
    let mut line_no = 1;
    // Once a `/*` has no closing `*/`, none after it has one either: stop
    // searching so hostile input stays linear.
    let mut boneyard_unclosed = false;
    // Likewise a `[[` with no `]]` before the blank line at this offset:
    // later `[[` before that offset have none either.
    let mut note_unclosed_until = 0;
    // Offset of the next blank line (`\n\n`), found once per paragraph
    // rather than once per note.
    let mut next_blank: Option<usize> = None;
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("/*") && !boneyard_unclosed {
            if let Some(end) = rest[2..].find("*/") {
                line_no += rest[2..2 + end].matches('\n').count();
                current.removed = true;
                rest = &rest[2 + end + 2..];
                continue;
            }
            boneyard_unclosed = true;
            warnings.push(ScriptWarning {
                line: line_no,
                message: "boneyard \"/*\" is never closed with \"*/\"; kept as text".to_owned(),
            });
        } else if rest.starts_with("[[") && text.len() - rest.len() >= note_unclosed_until {
            // A note may span lines but not a blank line.
            let pos = text.len() - rest.len();
            let blank = match next_blank {
                Some(at) if at >= pos => at,
                _ => {
                    let at = rest.find("\n\n").map_or(text.len(), |i| pos + i);
                    next_blank = Some(at);
                    at
                }
            };
            let limit = blank - pos;
            if let Some(end) = rest[2..limit.max(2)].find("]]") {
                let inner = &rest[2..2 + end];
                current.notes.push((line_no, clean_note(inner)));
                line_no += inner.matches('\n').count();
                current.removed = true;
                rest = &rest[2 + end + 2..];
                continue;
            }
            note_unclosed_until = text.len() - rest.len() + limit;
            warnings.push(ScriptWarning {
                line: line_no,
                message: "note \"[[\" is not closed with \"]]\" before a blank line; kept as text"
                    .to_owned(),
            });
        }
        if c == '\n' {
            line_no += 1;
            raws.push(std::mem::replace(&mut current, new_raw(line_no)));
        } else {
            current.text.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    raws.push(current);

    // A line emptied by the removals is not a blank line: it vanishes, and
    // its notes join the paragraph above or stand alone between paragraphs.
    let mut lines: Vec<Line> = Vec::with_capacity(raws.len());
    for raw in raws {
        if raw.removed && raw.text.trim().is_empty() {
            if raw.notes.is_empty() {
                continue;
            }
            match lines.last_mut() {
                Some(prev) if !prev.is_blank() => prev.notes.extend(raw.notes),
                _ => lines.push(Line {
                    text: String::new(),
                    line: raw.line,
                    notes: raw.notes,
                    note_only: true,
                }),
            }
            continue;
        }
        lines.push(Line {
            text: raw.text,
            line: raw.line,
            notes: raw.notes,
            note_only: false,
        });
    }
    lines
}

/// A note's text: lines trimmed, outer empty lines dropped, markup removed.
fn clean_note(inner: &str) -> String {
    let lines: Vec<&str> = inner.lines().map(str::trim).collect();
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |i| i + 1);
    strip_emphasis(&lines[first..last.max(first)].join("\n"))
}

/// Title page keys that may open a title page.
const TITLE_KEYS: &[&str] = &[
    "title",
    "credit",
    "author",
    "authors",
    "source",
    "draft date",
    "date",
    "contact",
    "copyright",
    "notes",
    "revision",
];

/// `Key: value` (the key unindented, letters first) → `(key, value)`.
fn title_key(text: &str) -> Option<(&str, &str)> {
    if text.starts_with([' ', '\t']) {
        return None;
    }
    let (key, value) = text.split_once(':')?;
    let mut chars = key.chars();
    let starts_with_letter = chars.next().is_some_and(char::is_alphabetic);
    let rest_ok = chars.all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-'));
    (starts_with_letter && rest_ok).then(|| (key.trim(), value.trim()))
}

/// Scene heading prefixes, longest first so `INT./EXT` wins over `INT`.
const HEADING_PREFIXES: &[&str] = &[
    "INT./EXT", "EXT./INT", "INT/EXT", "EXT/INT", "I/E", "INT", "EXT", "EST",
];

/// Length in bytes of a scene heading's prefix (`INT.`, `EXT `, `I/E.`),
/// separator included, if `text` starts with one.
pub(crate) fn heading_prefix_len(text: &str) -> Option<usize> {
    HEADING_PREFIXES.iter().find_map(|prefix| {
        let head = text.get(..prefix.len())?;
        if !head.eq_ignore_ascii_case(prefix) {
            return None;
        }
        matches!(text[prefix.len()..].chars().next(), Some('.' | ' ')).then_some(prefix.len() + 1)
    })
}

/// `.FLASHBACK` forces a heading; `...` and `.5` do not.
fn forced_heading(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('.')?;
    rest.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic())
        .then_some(rest)
}

/// `INT. HOUSE - DAY #1A#` → (`INT. HOUSE - DAY`, `1A`).
fn split_scene_number(text: &str) -> (&str, Option<String>) {
    let text = text.trim_end();
    if let Some(body) = text.strip_suffix('#')
        && let Some(open) = body.rfind('#')
    {
        let number = &body[open + 1..];
        let valid = !number.is_empty()
            && number
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.'));
        if valid {
            return (body[..open].trim_end(), Some(number.to_owned()));
        }
    }
    (text, None)
}

fn has_no_lowercase_and_a_letter(text: &str) -> bool {
    !text.chars().any(char::is_lowercase) && text.chars().any(char::is_alphabetic)
}

/// Transitions the spec's `TO:` rule misses but every script uses.
const KNOWN_TRANSITIONS: &[&str] = &["FADE IN:", "FADE OUT.", "FADE TO BLACK.", "CUT TO BLACK."];

fn is_transition(text: &str) -> bool {
    has_no_lowercase_and_a_letter(text)
        && (text.ends_with("TO:") || KNOWN_TRANSITIONS.contains(&text))
}

fn is_page_break(text: &str) -> bool {
    text.len() >= 3 && text.chars().all(|c| c == '=')
}

fn is_centered(text: &str) -> bool {
    text.len() >= 2 && text.starts_with('>') && text.ends_with('<')
}

/// Lines that always stand on their own and so end an action paragraph.
fn is_standalone_marker(text: &str) -> bool {
    is_page_break(text) || text.starts_with(['#', '=', '~', '>'])
}

/// A character cue's parts: name, extensions, dual. `None` if `text` is not
/// a cue. `@` forces a cue whatever its case.
fn parse_cue(text: &str) -> Option<(String, Vec<String>, bool)> {
    let (body, forced) = match text.strip_prefix('@') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let (body, dual) = match body.trim_end().strip_suffix('^') {
        Some(rest) => (rest.trim_end(), true),
        None => (body.trim_end(), false),
    };
    let (name, mut tail) = match body.find('(') {
        Some(open) => (body[..open].trim(), &body[open..]),
        None => (body.trim(), ""),
    };
    let mut extensions = Vec::new();
    while let Some(after_open) = tail.strip_prefix('(') {
        let close = after_open.find(')')?;
        extensions.push(strip_emphasis(after_open[..close].trim()));
        tail = after_open[close + 1..].trim_start();
    }
    if !tail.is_empty() || name.is_empty() {
        return None;
    }
    if !forced
        && (!has_no_lowercase_and_a_letter(name)
            || name.ends_with(':')
            || heading_prefix_len(name).is_some())
    {
        return None;
    }
    Some((strip_emphasis(name), extensions, dual))
}

/// Action text: a leading `!` removed, tabs as four spaces (the spec keeps
/// action indentation), trailing whitespace dropped.
fn action_line(text: &str) -> String {
    let text = text.strip_prefix('!').unwrap_or(text);
    text.trim_end().replace('\t', "    ")
}

struct Parser<'a> {
    lines: &'a [Line],
    elements: Vec<Element>,
}

impl Parser<'_> {
    fn push(&mut self, line: usize, kind: ElementKind) {
        self.elements.push(Element { line, kind });
    }

    fn push_notes(&mut self, range: std::ops::Range<usize>) {
        for i in range {
            for (line, note) in &self.lines[i].notes {
                self.elements.push(Element {
                    line: *line,
                    kind: ElementKind::Note(note.clone()),
                });
            }
        }
    }

    /// Parse a title page if the script opens with one; returns the index
    /// of the first body line.
    fn title_page(&mut self) -> usize {
        let lines = self.lines;
        let Some(first) = lines.iter().position(|l| !l.is_blank()) else {
            return lines.len();
        };
        let opens = title_key(&lines[first].text)
            .is_some_and(|(key, _)| TITLE_KEYS.contains(&key.to_lowercase().as_str()));
        if !opens {
            return 0;
        }
        let mut fields: Vec<(usize, String, Vec<String>)> = Vec::new();
        let mut i = first;
        while i < lines.len() && !lines[i].is_blank() {
            let text = &lines[i].text;
            match (title_key(text), fields.last_mut()) {
                (Some((key, value)), _) => {
                    let values = if value.is_empty() {
                        Vec::new()
                    } else {
                        vec![value.to_owned()]
                    };
                    fields.push((lines[i].line, key.to_owned(), values));
                }
                (None, Some((_, _, values))) => values.push(text.trim().to_owned()),
                (None, None) => {}
            }
            i += 1;
        }
        for (line, key, values) in fields {
            let value = strip_emphasis(&values.join("\n"));
            self.push(line, ElementKind::TitleField { key, value });
        }
        self.push_notes(first..i);
        i
    }

    /// Pass 2: classify body lines.
    fn body(&mut self, start: usize) {
        let lines = self.lines;
        let mut i = start;
        let mut prev_blank = true;
        while i < lines.len() {
            let line = &lines[i];
            if line.is_blank() {
                self.push_notes(i..i + 1);
                prev_blank = true;
                i += 1;
                continue;
            }
            let text = line.text.trim();
            let next_blank = lines.get(i + 1).is_none_or(Line::is_blank);
            let n = line.line;
            let consumed = if is_page_break(text) {
                self.push(n, ElementKind::PageBreak);
                1
            } else if let Some(rest) = text.strip_prefix('#') {
                let depth = 1 + rest.chars().take_while(|&c| c == '#').count();
                let text = strip_emphasis(rest.trim_start_matches('#').trim());
                self.push(n, ElementKind::Section { depth, text });
                1
            } else if let Some(rest) = text.strip_prefix('=') {
                self.push(n, ElementKind::Synopsis(strip_emphasis(rest.trim())));
                1
            } else if text.starts_with('~') {
                self.lyrics(i)
            } else if is_centered(text) {
                self.centered(i)
            } else if let Some(rest) = text.strip_prefix('>') {
                self.push(n, ElementKind::Transition(strip_emphasis(rest.trim())));
                1
            } else if text.starts_with('!') {
                self.action(i)
            } else if prev_blank
                && let Some(heading) =
                    forced_heading(text).or_else(|| heading_prefix_len(text).map(|_| text))
            {
                let (heading, number) = split_scene_number(heading);
                let text = strip_emphasis(heading.trim());
                self.push(n, ElementKind::SceneHeading { text, number });
                1
            } else if prev_blank && is_transition(text) {
                self.push(n, ElementKind::Transition(strip_emphasis(text)));
                1
            } else if prev_blank
                && !next_blank
                && let Some((name, extensions, dual)) = parse_cue(text)
            {
                self.push(
                    n,
                    ElementKind::Character {
                        name,
                        extensions,
                        dual,
                    },
                );
                1 + self.dialogue(i + 1)
            } else {
                self.action(i)
            };
            self.push_notes(i..i + consumed);
            i += consumed;
            prev_blank = false;
        }
    }

    /// An action paragraph from `start`; returns the lines consumed.
    fn action(&mut self, start: usize) -> usize {
        let lines = self.lines;
        let mut end = start + 1;
        while end < lines.len()
            && !lines[end].is_blank()
            && !is_standalone_marker(lines[end].text.trim())
        {
            end += 1;
        }
        let text: Vec<String> = lines[start..end]
            .iter()
            .map(|l| action_line(&l.text))
            .collect();
        let text = strip_emphasis(&text.join("\n"));
        // A paragraph of deliberate empty lines (`  `) says nothing.
        if !text.trim().is_empty() {
            self.push(lines[start].line, ElementKind::Action(text));
        }
        end - start
    }

    /// Consecutive lines of `prefix`-marked text from `start`.
    fn marked_run(&self, start: usize, is_marked: fn(&str) -> bool) -> usize {
        self.lines[start..]
            .iter()
            .take_while(|l| !l.is_blank() && is_marked(l.text.trim()))
            .count()
    }

    fn lyrics(&mut self, start: usize) -> usize {
        let count = self.marked_run(start, |t| t.starts_with('~'));
        let text: Vec<&str> = self.lines[start..start + count]
            .iter()
            .map(|l| l.text.trim()[1..].trim())
            .collect();
        let text = strip_emphasis(&text.join("\n"));
        self.push(self.lines[start].line, ElementKind::Lyrics(text));
        count
    }

    fn centered(&mut self, start: usize) -> usize {
        let count = self.marked_run(start, is_centered);
        let text: Vec<&str> = self.lines[start..start + count]
            .iter()
            .map(|l| {
                let t = l.text.trim();
                t[1..t.len() - 1].trim()
            })
            .collect();
        let text = strip_emphasis(&text.join("\n"));
        self.push(self.lines[start].line, ElementKind::Centered(text));
        count
    }

    /// The dialogue block after a cue: parentheticals, dialogue and lyrics
    /// up to the next blank line. Returns the lines consumed.
    fn dialogue(&mut self, start: usize) -> usize {
        let lines = self.lines;
        let mut i = start;
        let mut speech: Vec<&str> = Vec::new();
        let mut speech_line = 0;
        while i < lines.len() && !lines[i].is_blank() {
            let raw = &lines[i].text;
            let text = raw.trim();
            let is_paren = text.starts_with('(') && text.ends_with(')');
            let is_lyric = text.starts_with('~');
            if (is_paren || is_lyric) && !speech.is_empty() {
                self.flush_speech(speech_line, &mut speech);
            }
            if is_paren {
                self.push(
                    lines[i].line,
                    ElementKind::Parenthetical(strip_emphasis(text)),
                );
                i += 1;
            } else if is_lyric {
                i += self.lyrics(i);
            } else {
                if speech.is_empty() {
                    speech_line = lines[i].line;
                }
                speech.push(text);
                i += 1;
            }
        }
        self.flush_speech(speech_line, &mut speech);
        i - start
    }

    fn flush_speech(&mut self, line: usize, speech: &mut Vec<&str>) {
        if !speech.is_empty() {
            let text = strip_emphasis(&speech.join("\n"));
            self.push(line, ElementKind::Dialogue(text));
            speech.clear();
        }
    }
}

/// Remove Fountain emphasis (`*italic*`, `**bold**`, `***both***`,
/// `_underline_`) line by line; `\*` and `\_` become literal marks.
/// Unpaired marks stay as they are.
pub fn strip_emphasis(text: &str) -> String {
    if !text.contains(['*', '_', '\\']) {
        return text.to_owned();
    }
    text.split('\n')
        .map(strip_emphasis_line)
        .collect::<Vec<_>>()
        .join("\n")
}

fn strip_emphasis_line(line: &str) -> String {
    #[derive(Clone, Copy)]
    struct Run {
        start: usize,
        len: usize,
        mark: char,
    }
    let chars: Vec<char> = line.chars().collect();
    let mut drop = vec![false; chars.len()];
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && matches!(chars.get(i + 1), Some('*' | '_')) {
            drop[i] = true;
            i += 2;
        } else if c == '*' || c == '_' {
            let start = i;
            while chars.get(i) == Some(&c) {
                i += 1;
            }
            runs.push(Run {
                start,
                len: i - start,
                mark: c,
            });
        } else {
            i += 1;
        }
    }

    let before = |r: &Run| r.start.checked_sub(1).map(|j| chars[j]);
    let after = |r: &Run| chars.get(r.start + r.len).copied();
    let can_open = |r: &Run| {
        after(r).is_some_and(|c| !c.is_whitespace())
            && (r.mark == '*' || !before(r).is_some_and(char::is_alphanumeric))
    };
    let can_close = |r: &Run| {
        before(r).is_some_and(|c| !c.is_whitespace())
            && (r.mark == '*' || !after(r).is_some_and(char::is_alphanumeric))
    };
    let valid_len = |r: &Run| match r.mark {
        '*' => r.len <= 3,
        _ => r.len == 1,
    };

    // Runs that can close, per kind (`*`, `**`, `***`, `_`), in order: each
    // opener takes the first unpaired one after it. Queues keep this linear.
    let kind = |r: &Run| if r.mark == '_' { 0 } else { r.len };
    let mut closers: [std::collections::VecDeque<usize>; 4] = Default::default();
    for (i, r) in runs.iter().enumerate() {
        if valid_len(r) && can_close(r) {
            closers[kind(r)].push_back(i);
        }
    }
    let mut paired = vec![false; runs.len()];
    for a in 0..runs.len() {
        let ra = runs[a];
        if paired[a] || !valid_len(&ra) || !can_open(&ra) {
            continue;
        }
        let queue = &mut closers[kind(&ra)];
        while queue.front().is_some_and(|&b| b <= a || paired[b]) {
            queue.pop_front();
        }
        if let Some(b) = queue.pop_front() {
            paired[a] = true;
            paired[b] = true;
            for r in [ra, runs[b]] {
                drop[r.start..r.start + r.len].fill(true);
            }
        }
    }
    chars
        .iter()
        .zip(drop)
        .filter_map(|(&c, dropped)| (!dropped).then_some(c))
        .collect()
}

#[cfg(test)]
mod tests;
