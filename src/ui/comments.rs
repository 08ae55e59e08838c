//! Review comments on one panel: add, reply, resolve and reopen.
//!
//! Every change replaces the panel's comment list through
//! `Edit::SetPanels` with `PanelField::Comments`, so each is one undo step
//! and comment ids come from the board's id counter.

use std::collections::HashMap;

use egui::{RichText, TextEdit, Ui};

use crate::edit::{Edit, PanelField};
use crate::model::{Board, Comment, CommentId, IdAllocator, Panel, PanelId, Reply, utc_timestamp};

/// Seconds since the Unix epoch, now (0 if the clock is before 1970).
pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The edit that adds a comment by `author` to `panel`.
pub fn add(board: &Board, panel: &Panel, author: &str, text: &str, now: i64) -> Edit {
    let mut comments = panel.comments.clone();
    comments.push(Comment {
        id: IdAllocator::new(board).comment(),
        author: author.to_owned(),
        text: text.to_owned(),
        time: utc_timestamp(now),
        resolved: false,
        replies: Vec::new(),
    });
    Edit::set_all(&[panel.id], PanelField::Comments(comments))
}

/// The edit that adds a reply to comment `id`, or `None` if it is gone.
pub fn reply(panel: &Panel, id: CommentId, author: &str, text: &str, now: i64) -> Option<Edit> {
    let mut comments = panel.comments.clone();
    comments
        .iter_mut()
        .find(|c| c.id == id)?
        .replies
        .push(Reply {
            author: author.to_owned(),
            text: text.to_owned(),
            time: utc_timestamp(now),
        });
    Some(Edit::set_all(&[panel.id], PanelField::Comments(comments)))
}

/// The edit that resolves (or reopens) comment `id`.
pub fn set_resolved(panel: &Panel, id: CommentId, resolved: bool) -> Option<Edit> {
    let mut comments = panel.comments.clone();
    let comment = comments.iter_mut().find(|c| c.id == id)?;
    if comment.resolved == resolved {
        return None;
    }
    comment.resolved = resolved;
    Some(Edit::set_all(&[panel.id], PanelField::Comments(comments)))
}

/// Text being typed into the comment boxes (not saved).
#[derive(Debug, Default)]
pub struct CommentsState {
    /// The panel the boxes below were typed for; switching panels starts
    /// them afresh so a draft is never posted on the wrong panel.
    panel: Option<PanelId>,
    draft: String,
    replies: HashMap<CommentId, String>,
    /// The comment whose reply box is open.
    replying: Option<CommentId>,
    /// Name typed when no author is set yet.
    name: String,
}

/// What the comment section asks for.
#[derive(Debug)]
pub enum CommentAction {
    Apply {
        edit: Edit,
        label: &'static str,
    },
    /// The user gave their name for the first time.
    SetAuthor(String),
}

/// The comments of one panel, with boxes to add and reply.
pub fn show(
    ui: &mut Ui,
    state: &mut CommentsState,
    board: &Board,
    panel: &Panel,
    author: &str,
) -> Vec<CommentAction> {
    let mut out = Vec::new();
    if state.panel != Some(panel.id) {
        state.panel = Some(panel.id);
        state.draft.clear();
        state.replies.clear();
        state.replying = None;
    }
    let open = panel.unresolved_comments();
    ui.label(
        RichText::new(format!(
            "Comments ({} open of {})",
            open,
            panel.comments.len()
        ))
        .strong(),
    );
    for c in &panel.comments {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let now = now_unix();
            let head = format!("{} · {}", c.author, when(&c.time, now));
            if c.resolved {
                ui.label(RichText::new(format!("{head} · resolved")).weak())
                    .on_hover_text(exact_time(&c.time));
                ui.label(RichText::new(&c.text).weak());
            } else {
                ui.label(RichText::new(head).small())
                    .on_hover_text(exact_time(&c.time));
                ui.label(&c.text);
            }
            for r in &c.replies {
                ui.indent(("reply", c.id.0, &r.time), |ui| {
                    ui.label(
                        RichText::new(format!("{} · {}", r.author, when(&r.time, now))).small(),
                    )
                    .on_hover_text(exact_time(&r.time));
                    ui.label(&r.text);
                });
            }
            ui.horizontal(|ui| {
                let toggle = if c.resolved { "Reopen" } else { "Resolve" };
                if ui.button(toggle).clicked()
                    && let Some(edit) = set_resolved(panel, c.id, !c.resolved)
                {
                    out.push(CommentAction::Apply {
                        edit,
                        label: if c.resolved {
                            "Reopen comment"
                        } else {
                            "Resolve comment"
                        },
                    });
                }
                if state.replying != Some(c.id) && ui.button("Reply").clicked() {
                    state.replying = Some(c.id);
                }
            });
            if state.replying == Some(c.id) {
                let text = state.replies.entry(c.id).or_default();
                let label = ui.label("Reply");
                ui.add(
                    TextEdit::multiline(text)
                        .id_salt(("reply-text", c.id.0))
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                let ready = !text.trim().is_empty() && !author.is_empty();
                let (post, cancel) = ui
                    .horizontal(|ui| {
                        let post = ui
                            .add_enabled(ready, egui::Button::new("Post reply"))
                            .clicked();
                        (post, ui.button("Cancel").clicked())
                    })
                    .inner;
                if post && let Some(edit) = reply(panel, c.id, author, text.trim(), now_unix()) {
                    out.push(CommentAction::Apply {
                        edit,
                        label: "Reply to comment",
                    });
                    state.replies.remove(&c.id);
                    state.replying = None;
                } else if cancel {
                    state.replying = None;
                }
            }
        });
    }

    ui.add_space(4.0);
    if author.is_empty() {
        // Asked once: the name is kept in preferences.
        let label = ui.label("Your name, to sign comments");
        ui.horizontal(|ui| {
            ui.add(TextEdit::singleline(&mut state.name).id_salt("comment-author"))
                .labelled_by(label.id);
            if ui
                .add_enabled(
                    !state.name.trim().is_empty(),
                    egui::Button::new("Save name"),
                )
                .clicked()
            {
                out.push(CommentAction::SetAuthor(state.name.trim().to_owned()));
            }
        });
    }
    let label = ui.label("New comment");
    ui.add(
        TextEdit::multiline(&mut state.draft)
            .id_salt(("new-comment", panel.id.0))
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    let ready = !state.draft.trim().is_empty() && !author.is_empty();
    if ui
        .add_enabled(ready, egui::Button::new("Add comment"))
        .clicked()
    {
        out.push(CommentAction::Apply {
            edit: add(board, panel, author, state.draft.trim(), now_unix()),
            label: "Add comment",
        });
        state.draft.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Scene, SceneId};

    fn board() -> Board {
        let mut b = Board::default();
        let mut s = Scene::new(SceneId(1), "S");
        s.panels.push(Panel::new(PanelId(2)));
        b.scenes.push(s);
        b.bump_next_id();
        b
    }

    #[test]
    fn comments_are_added_replied_to_and_resolved_by_edits() {
        let mut b = board();
        let p = b.panel(PanelId(2)).cloned().unwrap();
        add(&b, &p, "Ana", "Wider, please", 0)
            .apply(&mut b)
            .unwrap();
        let p = b.panel(PanelId(2)).cloned().unwrap();
        let c = &p.comments[0];
        assert_eq!(
            (c.author.as_str(), c.time.as_str()),
            ("Ana", "1970-01-01T00:00:00Z")
        );
        assert!(c.id.0 >= 3, "comment ids come from the board counter");
        reply(&p, c.id, "Bo", "Done", 60)
            .unwrap()
            .apply(&mut b)
            .unwrap();
        let p = b.panel(PanelId(2)).cloned().unwrap();
        assert_eq!(p.comments[0].replies[0].text, "Done");
        set_resolved(&p, c.id, true).unwrap().apply(&mut b).unwrap();
        let p = b.panel(PanelId(2)).cloned().unwrap();
        assert_eq!(p.unresolved_comments(), 0);
        assert!(set_resolved(&p, c.id, true).is_none());
        assert!(reply(&p, CommentId(999), "x", "y", 0).is_none());
    }
}

/// When a comment was written, as people say it: "just now", "12 min
/// ago", "3 h ago", "2 days ago", then the date. Relative times need no
/// time zone, so they are right wherever the reader is; the exact UTC time
/// is in the tooltip. Text that is not a timestamp is shown as it is.
fn when(time: &str, now: i64) -> String {
    let Some(then) = crate::model::parse_utc_timestamp(time) else {
        return time.to_owned();
    };
    let ago = now - then;
    match ago {
        i64::MIN..-60 => date_of(then),
        -60..60 => "just now".to_owned(),
        60..3600 => format!("{} min ago", ago / 60),
        3600..86_400 => format!("{} h ago", ago / 3600),
        86_400..172_800 => "yesterday".to_owned(),
        172_800..604_800 => format!("{} days ago", ago / 86_400),
        _ => date_of(then),
    }
}

/// "26 Nov 2026".
fn date_of(unix: i64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m, d) = crate::model::civil_from_days(unix.div_euclid(86_400));
    format!("{d} {} {y}", MONTHS[(m as usize).clamp(1, 12) - 1])
}

/// The tooltip: the stored instant, unambiguous.
fn exact_time(time: &str) -> String {
    match crate::model::parse_utc_timestamp(time) {
        Some(_) => format!("{} {} UTC", &time[..10], &time[11..16]),
        None => time.to_owned(),
    }
}

#[cfg(test)]
mod time_tests {
    use super::*;

    #[test]
    fn comment_times_read_relative_then_as_a_date() {
        let now = 1_795_685_400; // 2026-11-26T09:30:00Z
        let at = |ago: i64| crate::model::utc_timestamp(now - ago);
        assert_eq!(when(&at(20), now), "just now");
        assert_eq!(when(&at(12 * 60), now), "12 min ago");
        assert_eq!(when(&at(3 * 3600 + 5), now), "3 h ago");
        assert_eq!(when(&at(30 * 3600), now), "yesterday");
        assert_eq!(when(&at(3 * 86_400), now), "3 days ago");
        assert_eq!(when(&at(30 * 86_400), now), "27 Oct 2026");
        // A clock set wrong elsewhere: a time in the future is a date.
        assert_eq!(when(&at(-3 * 86_400), now), "29 Nov 2026");
        assert_eq!(when("last Tuesday", now), "last Tuesday");
        assert_eq!(exact_time(&at(0)), "2026-11-26 09:30 UTC");
    }
}
