//! Reading a scene heading (`INT. KITCHEN - NIGHT`) into its parts:
//! interior/exterior, the set, and the time of day.
//!
//! Headings are typed by people, so the parse is forgiving: prefixes with
//! or without the dot (`INT`, `INT.`), the combined forms (`INT./EXT.`,
//! `INT/EXT`, `EXT./INT.`, `I/E`), `EST.` for establishing shots, any case,
//! and the time after the last ` - ` (or `–`/`—`). What cannot be read is
//! `None`, and the breakdown lets the user say it instead.

use super::{IntExt, TimeOfDay};

/// A heading's parts. `set` is the heading without its prefix and time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadingParts {
    pub int_ext: Option<IntExt>,
    pub set: String,
    pub time_of_day: Option<TimeOfDay>,
}

/// Prefixes longest first, so `INT./EXT.` is not read as `INT.`.
const PREFIXES: &[(&str, IntExt)] = &[
    ("INT./EXT", IntExt::IntExt),
    ("EXT./INT", IntExt::IntExt),
    ("INT/EXT", IntExt::IntExt),
    ("EXT/INT", IntExt::IntExt),
    ("I/E", IntExt::IntExt),
    ("E/I", IntExt::IntExt),
    ("INT", IntExt::Int),
    ("EXT", IntExt::Ext),
    ("EST", IntExt::Ext),
];

/// Splits a heading into interior/exterior, set and time of day.
pub fn parse_heading(heading: &str) -> HeadingParts {
    let text = heading.trim().trim_start_matches('.');
    let mut rest = text;
    let mut int_ext = None;
    for (prefix, kind) in PREFIXES {
        let n = prefix.len();
        let starts =
            text.len() >= n && text.as_bytes()[..n].eq_ignore_ascii_case(prefix.as_bytes());
        // The prefix must end there: `INTERVIEW ROOM` is not `INT`.
        if starts
            && matches!(
                text.as_bytes().get(n),
                None | Some(b'.' | b' ' | b'/' | b'\t')
            )
        {
            int_ext = Some(*kind);
            // The prefix is ASCII, so `n` is a character boundary.
            rest = text[n..].trim_start_matches(['.', ' ', '\t', '/']);
            break;
        }
    }
    let (set, time_of_day) = match split_time(rest) {
        Some((set, time)) if parse_time(time).is_some() => (set, parse_time(time)),
        // A bare time ("NIGHT") is not a set.
        _ => match parse_time(rest) {
            Some(time) => ("", Some(time)),
            None => (rest, None),
        },
    };
    HeadingParts {
        int_ext,
        set: set.trim().to_owned(),
        time_of_day,
    }
}

/// `KITCHEN - NIGHT` → (`KITCHEN`, `NIGHT`), at the last dash.
fn split_time(text: &str) -> Option<(&str, &str)> {
    [" - ", " – ", " — ", " -- "]
        .iter()
        .filter_map(|sep| text.rfind(sep).map(|i| (i, sep.len())))
        .max_by_key(|(i, _)| *i)
        .map(|(i, len)| (text[..i].trim(), text[i + len..].trim()))
}

/// Reads a time of day, also the common variants (`MORNING` is day,
/// `MOMENTS LATER` is later, `SAME` is continuous).
pub fn parse_time(text: &str) -> Option<TimeOfDay> {
    let key = text
        .trim()
        .trim_matches(|c: char| c == '.' || c == '(' || c == ')')
        .to_uppercase();
    Some(match key.as_str() {
        "DAY" | "MORNING" | "AFTERNOON" | "NOON" | "MIDDAY" | "DAYTIME" => TimeOfDay::Day,
        "NIGHT" | "MIDNIGHT" | "LATE NIGHT" | "NIGHTTIME" => TimeOfDay::Night,
        "DAWN" | "SUNRISE" | "FIRST LIGHT" => TimeOfDay::Dawn,
        "DUSK" | "SUNSET" | "EVENING" | "TWILIGHT" | "MAGIC HOUR" => TimeOfDay::Dusk,
        "CONTINUOUS" | "CONT" | "CONT'D" | "SAME" | "SAME TIME" => TimeOfDay::Continuous,
        "LATER" | "MOMENTS LATER" | "A MOMENT LATER" | "SECONDS LATER" => TimeOfDay::Later,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(h: &str) -> (Option<IntExt>, String, Option<TimeOfDay>) {
        let p = parse_heading(h);
        (p.int_ext, p.set, p.time_of_day)
    }

    #[test]
    fn reads_the_common_prefixes_and_times() {
        use IntExt::{Ext, Int};
        use TimeOfDay::{Continuous, Dawn, Day, Dusk, Later, Night};
        const BOTH: IntExt = IntExt::IntExt;
        let cases = [
            ("INT. KITCHEN - NIGHT", Some(Int), "KITCHEN", Some(Night)),
            ("EXT. FARMHOUSE - DAY", Some(Ext), "FARMHOUSE", Some(Day)),
            ("INT./EXT. CAR - DAY", Some(BOTH), "CAR", Some(Day)),
            ("INT/EXT CAR - NIGHT", Some(BOTH), "CAR", Some(Night)),
            ("EXT./INT. BARN - DUSK", Some(BOTH), "BARN", Some(Dusk)),
            ("I/E TRUCK - DAWN", Some(BOTH), "TRUCK", Some(Dawn)),
            (
                "int. hallway - continuous",
                Some(Int),
                "hallway",
                Some(Continuous),
            ),
            (
                "INT HALLWAY - MOMENTS LATER",
                Some(Int),
                "HALLWAY",
                Some(Later),
            ),
            ("EST. CITY - MORNING", Some(Ext), "CITY", Some(Day)),
            ("EXT. ROAD - SAME", Some(Ext), "ROAD", Some(Continuous)),
        ];
        for (heading, ie, set, time) in cases {
            assert_eq!(parts(heading), (ie, set.to_owned(), time), "{heading}");
        }
    }

    #[test]
    fn the_time_is_after_the_last_dash_only() {
        assert_eq!(
            parts("EXT. HOUSE - GARDEN - NIGHT"),
            (
                Some(IntExt::Ext),
                "HOUSE - GARDEN".to_owned(),
                Some(TimeOfDay::Night)
            )
        );
        // An unknown last part is the set's, not a time.
        assert_eq!(
            parts("INT. HOUSE - ATTIC"),
            (Some(IntExt::Int), "HOUSE - ATTIC".to_owned(), None)
        );
    }

    #[test]
    fn headings_without_a_prefix_have_no_int_ext() {
        assert_eq!(parts("FLASHBACK"), (None, "FLASHBACK".to_owned(), None));
        assert_eq!(
            parts(".MONTAGE - DAY"),
            (None, "MONTAGE".to_owned(), Some(TimeOfDay::Day))
        );
        // A word starting with a prefix is not a prefix.
        assert_eq!(
            parts("INTERVIEW ROOM - DAY").0,
            None,
            "INTERVIEW is not INT"
        );
        assert_eq!(parts(""), (None, String::new(), None));
    }
}
