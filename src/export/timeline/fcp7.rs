//! Final Cut Pro 7 XML (xmeml version 5), which Premiere Pro and DaVinci
//! Resolve import.
//!
//! Times are integer frames on a `timebase` (24 for 23.976, with the `ntsc`
//! flag marking the 1000/1001 rate), so clip lengths are exact.

use std::fmt::Write as _;
use std::path::Path;

use super::{TimelineOptions, clip_url, clips, scene_markers};
use crate::export::{ExportError, Progress, staging};
use crate::model::{Board, Fps};

/// The xmeml document for `board`.
pub fn fcp7_xml(board: &Board, options: &TimelineOptions) -> String {
    let clips = clips(board);
    let runtime = board.runtime_frames();
    let rate = rate_xml(board.fps);
    let (width, height) = board.aspect_ratio.frame_size(options.frame_width);
    let mut x = String::with_capacity(2048 + clips.len() * 1200);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE xmeml>\n");
    x.push_str("<xmeml version=\"5\">\n");
    x.push_str("  <sequence id=\"sequence-1\">\n");
    let _ = writeln!(x, "    <name>{}</name>", esc(&board.title));
    let _ = writeln!(x, "    <duration>{runtime}</duration>");
    let _ = writeln!(x, "    {rate}");
    let _ = writeln!(
        x,
        "    <timecode>{rate}<string>{}</string><frame>0</frame><displayformat>NDF</displayformat></timecode>",
        board.fps.timecode(0)
    );
    x.push_str("    <media>\n      <video>\n");
    let _ = writeln!(
        x,
        "        <format><samplecharacteristics>{rate}<width>{width}</width><height>{height}</height><pixelaspectratio>square</pixelaspectratio></samplecharacteristics></format>"
    );
    x.push_str("        <track>\n");
    for (i, clip) in clips.iter().enumerate() {
        let n = i + 1;
        let end = clip.start + clip.frames;
        let _ = writeln!(x, "          <clipitem id=\"clipitem-{n}\">");
        let _ = writeln!(x, "            <name>{}</name>", esc(&clip.name));
        x.push_str("            <enabled>TRUE</enabled>\n");
        let _ = writeln!(x, "            <duration>{}</duration>", clip.frames);
        let _ = writeln!(x, "            {rate}");
        let _ = writeln!(x, "            <start>{}</start>", clip.start);
        let _ = writeln!(x, "            <end>{end}</end>");
        x.push_str("            <in>0</in>\n");
        let _ = writeln!(x, "            <out>{}</out>", clip.frames);
        let _ = writeln!(x, "            <file id=\"file-{n}\">");
        let _ = writeln!(x, "              <name>{}</name>", esc(&clip.file_name));
        let _ = writeln!(
            x,
            "              <pathurl>{}</pathurl>",
            esc(&clip_url(options, clip))
        );
        let _ = writeln!(x, "              {rate}");
        let _ = writeln!(x, "              <duration>{}</duration>", clip.frames);
        let _ = writeln!(
            x,
            "              <media><video><samplecharacteristics><width>{width}</width><height>{height}</height></samplecharacteristics></video></media>"
        );
        x.push_str("            </file>\n");
        if !clip.notes.is_empty() {
            push_marker(
                &mut x,
                "            ",
                &format!("Note {}", clip.name),
                &clip.notes,
                0,
            );
        }
        x.push_str("          </clipitem>\n");
    }
    x.push_str("        </track>\n      </video>\n    </media>\n");
    for marker in scene_markers(board) {
        push_marker(&mut x, "    ", &marker.name, &marker.notes, marker.start);
    }
    x.push_str("  </sequence>\n</xmeml>\n");
    x
}

/// Write the xmeml document to `path`, all or nothing.
pub fn export_fcp7_xml(
    board: &Board,
    path: &Path,
    options: &TimelineOptions,
    progress: &Progress,
) -> Result<(), ExportError> {
    progress.begin(1);
    let xml = fcp7_xml(board, options);
    staging::write_file(path, progress, |w| {
        w.write_all(xml.as_bytes())
            .map_err(|e| ExportError::io(path, e))
    })?;
    progress.advance(1);
    Ok(())
}

fn rate_xml(fps: Fps) -> String {
    let (_, den) = fps.rational();
    let ntsc = if den == 1001 { "TRUE" } else { "FALSE" };
    format!(
        "<rate><timebase>{}</timebase><ntsc>{ntsc}</ntsc></rate>",
        fps.timecode_base()
    )
}

/// A point marker (`out` of -1 means "no range").
fn push_marker(x: &mut String, indent: &str, name: &str, comment: &str, at: u64) {
    let _ = writeln!(
        x,
        "{indent}<marker><name>{}</name><comment>{}</comment><in>{at}</in><out>-1</out></marker>",
        esc(name),
        esc(comment)
    );
}

/// Escape text for XML 1.0, dropping control characters it cannot hold.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ntsc_rates_use_the_rounded_timebase_and_flag() {
        assert_eq!(
            rate_xml(Fps::Fps23_976),
            "<rate><timebase>24</timebase><ntsc>TRUE</ntsc></rate>"
        );
        assert_eq!(
            rate_xml(Fps::Fps25),
            "<rate><timebase>25</timebase><ntsc>FALSE</ntsc></rate>"
        );
    }

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(esc("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
