//! Final Cut Pro 7 XML (xmeml version 5), which Premiere Pro and DaVinci
//! Resolve import.
//!
//! Times are integer frames on a `timebase` (24 for 23.976, with the `ntsc`
//! flag marking the 1000/1001 rate), so clip lengths are exact.

use std::io;
use std::path::Path;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{TimelineOptions, clip_url, clips_with, scene_markers};
use crate::export::{ExportError, Progress, staging};
use crate::model::{Board, Fps};

type Xml = Writer<Vec<u8>>;

/// The xmeml document for `board`.
pub fn fcp7_xml(board: &Board, options: &TimelineOptions) -> String {
    let mut x = Writer::new_with_indent(Vec::with_capacity(2048), b' ', 2);
    // Writing into memory has no I/O to fail.
    write_document(&mut x, board, options).expect("XML into memory");
    let mut bytes = x.into_inner();
    bytes.push(b'\n');
    String::from_utf8_lossy(&bytes).into_owned()
}

fn write_document(x: &mut Xml, board: &Board, options: &TimelineOptions) -> io::Result<()> {
    let clips = clips_with(board, &options.jpegs);
    let (width, height) = board.aspect_ratio.frame_size(options.frame_width);
    x.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    x.write_event(Event::DocType(BytesText::from_escaped("xmeml")))?;
    x.create_element("xmeml")
        .with_attribute(("version", "5"))
        .write_inner_content(|x| {
            x.create_element("sequence")
                .with_attribute(("id", "sequence-1"))
                .write_inner_content(|x| {
                    text(x, "name", &board.title)?;
                    text(x, "duration", &board.runtime_frames().to_string())?;
                    rate(x, board.fps)?;
                    x.create_element("timecode").write_inner_content(|x| {
                        rate(x, board.fps)?;
                        text(x, "string", &board.fps.timecode(0))?;
                        text(x, "frame", "0")?;
                        text(x, "displayformat", "NDF")?;
                        Ok(())
                    })?;
                    x.create_element("media").write_inner_content(|x| {
                        x.create_element("video").write_inner_content(|x| {
                            x.create_element("format").write_inner_content(|x| {
                                x.create_element("samplecharacteristics")
                                    .write_inner_content(|x| {
                                        rate(x, board.fps)?;
                                        text(x, "width", &width.to_string())?;
                                        text(x, "height", &height.to_string())?;
                                        text(x, "pixelaspectratio", "square")?;
                                        Ok(())
                                    })?;
                                Ok(())
                            })?;
                            x.create_element("track").write_inner_content(|x| {
                                for (i, clip) in clips.iter().enumerate() {
                                    clip_item(x, board.fps, options, i + 1, clip, (width, height))?;
                                }
                                Ok(())
                            })?;
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                    for marker in scene_markers(board) {
                        write_marker(x, &marker.name, &marker.notes, marker.start)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

fn clip_item(
    x: &mut Xml,
    fps: Fps,
    options: &TimelineOptions,
    n: usize,
    clip: &super::TimelineClip,
    (width, height): (u32, u32),
) -> io::Result<()> {
    x.create_element("clipitem")
        .with_attribute(("id", format!("clipitem-{n}").as_str()))
        .write_inner_content(|x| {
            text(x, "name", &clip.name)?;
            text(x, "enabled", "TRUE")?;
            text(x, "duration", &clip.frames.to_string())?;
            rate(x, fps)?;
            text(x, "start", &clip.start.to_string())?;
            text(x, "end", &(clip.start + clip.frames).to_string())?;
            text(x, "in", "0")?;
            text(x, "out", &clip.frames.to_string())?;
            x.create_element("file")
                .with_attribute(("id", format!("file-{n}").as_str()))
                .write_inner_content(|x| {
                    text(x, "name", &clip.file_name)?;
                    text(x, "pathurl", &clip_url(options, clip))?;
                    rate(x, fps)?;
                    text(x, "duration", &clip.frames.to_string())?;
                    x.create_element("media").write_inner_content(|x| {
                        x.create_element("video").write_inner_content(|x| {
                            x.create_element("samplecharacteristics")
                                .write_inner_content(|x| {
                                    text(x, "width", &width.to_string())?;
                                    text(x, "height", &height.to_string())?;
                                    Ok(())
                                })?;
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                    Ok(())
                })?;
            if !clip.notes.is_empty() {
                write_marker(x, &format!("Note {}", clip.name), &clip.notes, 0)?;
            }
            Ok(())
        })?;
    Ok(())
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

/// `<rate>`: integer timebase (24 for 23.976) and the NTSC flag that marks
/// the 1000/1001 rates.
fn rate(x: &mut Xml, fps: Fps) -> io::Result<()> {
    let (_, den) = fps.rational();
    x.create_element("rate").write_inner_content(|x| {
        text(x, "timebase", &fps.timecode_base().to_string())?;
        text(x, "ntsc", if den == 1001 { "TRUE" } else { "FALSE" })?;
        Ok(())
    })?;
    Ok(())
}

/// A point marker (`out` of -1 means "no range").
fn write_marker(x: &mut Xml, name: &str, comment: &str, at: u64) -> io::Result<()> {
    x.create_element("marker").write_inner_content(|x| {
        text(x, "name", name)?;
        text(x, "comment", comment)?;
        text(x, "in", &at.to_string())?;
        text(x, "out", "-1")?;
        Ok(())
    })?;
    Ok(())
}

/// `<name>value</name>`, escaped by quick-xml.
fn text(x: &mut Xml, name: &str, value: &str) -> io::Result<()> {
    x.create_element(name)
        .write_text_content(BytesText::new(&xml_chars(value)))?;
    Ok(())
}

/// Drop the control characters XML 1.0 cannot hold at all (escaping cannot
/// save them); tabs and line breaks stay.
fn xml_chars(s: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| !c.is_control() || matches!(c, '\t' | '\n' | '\r');
    if s.chars().all(allowed) {
        s.into()
    } else {
        s.chars().filter(|&c| allowed(c)).collect::<String>().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xml_of(write: impl FnOnce(&mut Xml) -> io::Result<()>) -> String {
        let mut x = Writer::new(Vec::new());
        write(&mut x).unwrap();
        String::from_utf8(x.into_inner()).unwrap()
    }

    #[test]
    fn ntsc_rates_use_the_rounded_timebase_and_flag() {
        assert_eq!(
            xml_of(|x| rate(x, Fps::Fps23_976)),
            "<rate><timebase>24</timebase><ntsc>TRUE</ntsc></rate>"
        );
        assert_eq!(
            xml_of(|x| rate(x, Fps::Fps25)),
            "<rate><timebase>25</timebase><ntsc>FALSE</ntsc></rate>"
        );
    }

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            xml_of(|x| text(x, "name", "a<b & \"c\"\u{1}")),
            "<name>a&lt;b &amp; &quot;c&quot;</name>"
        );
    }
}
