//! A board's words back to a Fountain screenplay: scene headings, action
//! and dialogue in panel order, so a writer whose scenes were reordered in
//! review can take the new order back.
//!
//! The writer is the inverse of [`super::to_board`]: importing what it
//! writes gives the same headings, scene numbers, action, dialogue and
//! transitions. To get there it forces what Fountain would otherwise read
//! differently: a heading without `INT.`/`EXT.` gets a leading `.`, action
//! that looks like a heading, cue or transition gets a leading `!`, a cue
//! with lower-case letters a leading `@`; emphasis marks are escaped and
//! blank lines inside action are written as two spaces, Fountain's empty
//! line. Panel notes, shot facts and drawings are not script text and are
//! left out; a panel with neither action nor dialogue has no words and
//! writes nothing; the OMITTED scene an update from a script fills holds
//! what the writer cut, and is left out too.

use super::fountain::heading_prefix_len;
use crate::model::{Board, Panel, Scene, Transition};

/// The words of `board` as Fountain text.
pub fn board_to_fountain(board: &Board) -> String {
    let mut out = String::new();
    out.push_str(&format!("Title: {}\n", one_line(&board.title)));
    if !board.author.trim().is_empty() {
        out.push_str(&format!("Author: {}\n", one_line(&board.author)));
    }
    for scene in &board.scenes {
        if is_omitted_scene(scene) {
            continue;
        }
        out.push('\n');
        out.push_str(&heading_line(&scene.heading));
        if let Some(number) = &scene.number {
            out.push_str(&format!(" #{number}#"));
        }
        out.push('\n');
        for panel in &scene.panels {
            write_panel(&mut out, panel);
        }
    }
    out
}

/// The scene an update from a script filled with panels whose scene or
/// paragraph the writer cut: writing it back would undo the cut.
fn is_omitted_scene(scene: &Scene) -> bool {
    scene.heading == super::sync::OMITTED_HEADING && scene.script_heading.is_none()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn heading_line(heading: &str) -> String {
    let heading = escape(&one_line(heading));
    let starts_with_letter = heading.chars().next().is_some_and(char::is_alphabetic);
    if heading_prefix_len(&heading).is_some() {
        heading
    } else if starts_with_letter {
        format!(".{heading}")
    } else {
        // A forced heading must start with a letter after its dot.
        format!(".SCENE {heading}")
    }
}

fn write_panel(out: &mut String, panel: &Panel) {
    if panel.action.trim().is_empty() && panel.dialogue.trim().is_empty() {
        return;
    }
    if let Some(transition) = transition_line(panel.transition) {
        out.push('\n');
        out.push_str(transition);
        out.push('\n');
    }
    if !panel.action.trim().is_empty() {
        out.push('\n');
        write_action(out, &panel.action);
    }
    for block in panel.dialogue.split("\n\n") {
        let block = block.trim_matches('\n');
        if !block.trim().is_empty() {
            out.push('\n');
            write_dialogue(out, block);
        }
    }
}

/// The script line that gives a panel its transition on import; a cut
/// needs none.
fn transition_line(transition: Transition) -> Option<&'static str> {
    match transition {
        Transition::Cut => None,
        Transition::Dissolve => Some("DISSOLVE TO:"),
        Transition::FadeIn => Some("FADE IN:"),
        Transition::FadeOut => Some("FADE OUT."),
        Transition::Wipe => Some("WIPE TO:"),
    }
}

fn write_action(out: &mut String, action: &str) {
    let lines: Vec<&str> = action.trim_matches('\n').lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            // Two spaces: an empty line that does not end the paragraph.
            out.push_str("  \n");
            continue;
        }
        let trimmed = line.trim_start();
        let force = if i == 0 {
            needs_forcing_first(trimmed)
        } else {
            needs_forcing_inner(trimmed)
        };
        if force {
            out.push('!');
        }
        out.push_str(&escape(line));
        out.push('\n');
    }
}

/// Would the first line of an action paragraph be read as something else?
fn needs_forcing_first(line: &str) -> bool {
    let no_lowercase =
        !line.chars().any(char::is_lowercase) && line.chars().any(char::is_alphabetic);
    no_lowercase
        || needs_forcing_inner(line)
        || line.starts_with(['.', '@', '['])
        || heading_prefix_len(line).is_some()
}

/// Would a later line of an action paragraph end it, or lose a mark?
fn needs_forcing_inner(line: &str) -> bool {
    line.starts_with(['!', '#', '=', '~', '>'])
}

fn write_dialogue(out: &mut String, block: &str) {
    let mut lines = block.lines();
    let Some(cue) = lines.next() else {
        return;
    };
    let cue = cue.trim();
    let (cue, dual) = match cue.strip_suffix("(simultaneously)") {
        Some(rest) => (rest.trim_end(), true),
        None => (cue, false),
    };
    let name_part = cue.split('(').next().unwrap_or(cue);
    let plain_cue = !name_part.chars().any(char::is_lowercase)
        && name_part.chars().any(char::is_alphabetic)
        && heading_prefix_len(cue).is_none()
        && !cue.ends_with(':')
        && !cue.starts_with(['!', '@', '#', '=', '~', '>', '.', '[']);
    if !plain_cue {
        out.push('@');
    }
    out.push_str(&escape(cue));
    if dual {
        out.push_str(" ^");
    }
    out.push('\n');
    for line in lines {
        let line = line.trim();
        if let Some(sung) = line.strip_prefix('♪') {
            out.push('~');
            out.push_str(&escape(sung.trim_start()));
        } else if line.is_empty() {
            out.push_str("  ");
        } else {
            out.push_str(&escape(line));
        }
        out.push('\n');
    }
}

/// Escape Fountain's emphasis marks so they come back as written.
fn escape(text: &str) -> String {
    if !text.contains(['*', '_']) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '*' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
