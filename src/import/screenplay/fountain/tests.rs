use super::*;
use ElementKind as K;

fn kinds(text: &str) -> Vec<ElementKind> {
    parse(text).elements.into_iter().map(|e| e.kind).collect()
}

fn lines(text: &str) -> Vec<(usize, ElementKind)> {
    parse(text)
        .elements
        .into_iter()
        .map(|e| (e.line, e.kind))
        .collect()
}

fn heading(text: &str, number: Option<&str>) -> ElementKind {
    K::SceneHeading {
        text: text.to_owned(),
        number: number.map(str::to_owned),
    }
}

fn cue(name: &str, extensions: &[&str], dual: bool) -> ElementKind {
    K::Character {
        name: name.to_owned(),
        extensions: extensions.iter().map(|s| (*s).to_owned()).collect(),
        dual,
    }
}

fn action(text: &str) -> ElementKind {
    K::Action(text.to_owned())
}

fn dialogue(text: &str) -> ElementKind {
    K::Dialogue(text.to_owned())
}

#[test]
fn scene_headings_of_every_prefix_are_recognised() {
    let script = "INT. KITCHEN - NIGHT\n\next. garden - day\n\nEST. CITY\n\nINT./EXT. CAR - DAY\n\nINT/EXT CAR\n\nI/E. TRUCK\n\nINTERIOR DESIGN IS HARD.\n";
    assert_eq!(
        kinds(script),
        vec![
            heading("INT. KITCHEN - NIGHT", None),
            heading("ext. garden - day", None),
            heading("EST. CITY", None),
            heading("INT./EXT. CAR - DAY", None),
            heading("INT/EXT CAR", None),
            heading("I/E. TRUCK", None),
            action("INTERIOR DESIGN IS HARD."),
        ]
    );
}

#[test]
fn scene_numbers_are_split_off_headings() {
    assert_eq!(
        kinds("INT. HOUSE - DAY #1#\n\nEXT. HOUSE - DAY #1A-2.b#\n\nINT. ROOM #bad number#\n"),
        vec![
            heading("INT. HOUSE - DAY", Some("1")),
            heading("EXT. HOUSE - DAY", Some("1A-2.b")),
            heading("INT. ROOM #bad number#", None),
        ]
    );
}

#[test]
fn a_dot_forces_a_heading_but_an_ellipsis_does_not() {
    assert_eq!(
        kinds(".SNIPER SCOPE POV #7#\n\n...and then nothing.\n"),
        vec![
            heading("SNIPER SCOPE POV", Some("7")),
            action("...and then nothing."),
        ]
    );
}

#[test]
fn a_heading_needs_a_blank_line_before_it() {
    assert_eq!(
        kinds("He walks in.\nINT. HOUSE - DAY\n"),
        vec![action("He walks in.\nINT. HOUSE - DAY")]
    );
}

#[test]
fn action_paragraphs_keep_their_lines_and_split_on_blank_lines() {
    assert_eq!(
        lines("INT. A\n\nFirst line.\nSecond line.\n\nNext paragraph.\n"),
        vec![
            (1, heading("INT. A", None)),
            (3, action("First line.\nSecond line.")),
            (6, action("Next paragraph.")),
        ]
    );
}

#[test]
fn bang_forces_action_even_for_capitals() {
    assert_eq!(
        kinds("!SCANNING THE AISLES...\nWhere is that pit boss?\n\n!INT. NOT A HEADING\n"),
        vec![
            action("SCANNING THE AISLES...\nWhere is that pit boss?"),
            action("INT. NOT A HEADING"),
        ]
    );
}

#[test]
fn character_cues_take_extensions_and_dialogue() {
    assert_eq!(
        kinds("MARY (V.O.) (CONT'D)\n(quietly)\nI know.\nI always knew.\n"),
        vec![
            cue("MARY", &["V.O.", "CONT'D"], false),
            K::Parenthetical("(quietly)".to_owned()),
            dialogue("I know.\nI always knew."),
        ]
    );
    // Extensions may be lower case; the name may not.
    assert_eq!(
        kinds("MOM (o.s.)\nLuke!\n"),
        vec![cue("MOM", &["o.s."], false), dialogue("Luke!")]
    );
    assert_eq!(kinds("Mom\nLuke!\n"), vec![action("Mom\nLuke!")]);
}

#[test]
fn capitals_without_dialogue_after_them_are_action() {
    assert_eq!(
        kinds("BOOM!\n\nSilence.\n"),
        vec![action("BOOM!"), action("Silence.")]
    );
}

#[test]
fn at_forces_a_character_cue() {
    assert_eq!(
        kinds("@McCLANE\nYippee ki-yay!\n"),
        vec![cue("McCLANE", &[], false), dialogue("Yippee ki-yay!")]
    );
}

#[test]
fn parentheticals_split_dialogue() {
    assert_eq!(
        kinds("STEEL\nFirst.\n(beat)\nSecond.\n"),
        vec![
            cue("STEEL", &[], false),
            dialogue("First."),
            K::Parenthetical("(beat)".to_owned()),
            dialogue("Second."),
        ]
    );
}

#[test]
fn two_spaces_keep_a_dialogue_block_going() {
    assert_eq!(
        kinds("DEALER\nTen.\n  \nFour.\n"),
        vec![cue("DEALER", &[], false), dialogue("Ten.\n\nFour.")]
    );
}

#[test]
fn caret_marks_dual_dialogue() {
    assert_eq!(
        kinds("BRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.\n"),
        vec![
            cue("BRICK", &[], false),
            dialogue("Screw retirement."),
            cue("STEEL", &[], true),
            dialogue("Screw retirement."),
        ]
    );
}

#[test]
fn lyrics_stand_alone_or_inside_dialogue() {
    assert_eq!(
        kinds("~Willy Wonka! Willy Wonka!\n~The amazing chocolatier!\n\nWONKA\n~Come with me\nNo."),
        vec![
            K::Lyrics("Willy Wonka! Willy Wonka!\nThe amazing chocolatier!".to_owned()),
            cue("WONKA", &[], false),
            K::Lyrics("Come with me".to_owned()),
            dialogue("No."),
        ]
    );
}

#[test]
fn transitions_by_rule_by_name_and_forced() {
    assert_eq!(
        kinds("Bang.\n\nCUT TO:\n\nFADE OUT.\n\n> Burn to white.\n\nFADE IN:\nINT. HOUSE\n"),
        vec![
            action("Bang."),
            K::Transition("CUT TO:".to_owned()),
            K::Transition("FADE OUT.".to_owned()),
            K::Transition("Burn to white.".to_owned()),
            K::Transition("FADE IN:".to_owned()),
            action("INT. HOUSE"),
        ]
    );
}

#[test]
fn centred_text_is_not_a_transition() {
    assert_eq!(
        kinds(">THE END<\n> FOR NOW <\n"),
        vec![K::Centered("THE END\nFOR NOW".to_owned())]
    );
}

#[test]
fn page_breaks_sections_and_synopses() {
    assert_eq!(
        kinds("# ACT ONE\n\n## The heist\n\n= They plan it.\n\n===\n\n====\n"),
        vec![
            K::Section {
                depth: 1,
                text: "ACT ONE".to_owned()
            },
            K::Section {
                depth: 2,
                text: "The heist".to_owned()
            },
            K::Synopsis("They plan it.".to_owned()),
            K::PageBreak,
            K::PageBreak,
        ]
    );
}

#[test]
fn emphasis_is_stripped_and_escapes_kept() {
    assert_eq!(strip_emphasis("*italic* and **bold**"), "italic and bold");
    assert_eq!(strip_emphasis("***both*** _under_"), "both under");
    assert_eq!(strip_emphasis("_**nested**_"), "nested");
    assert_eq!(
        strip_emphasis(r"Steel enters the code: \*9765\*"),
        "Steel enters the code: *9765*"
    );
    assert_eq!(
        strip_emphasis("2 * 3 = 6 and snake_case_name"),
        "2 * 3 = 6 and snake_case_name"
    );
    assert_eq!(strip_emphasis("a lone *star"), "a lone *star");
    assert_eq!(strip_emphasis("*no\nspan*"), "*no\nspan*");
    assert_eq!(
        kinds("He *really* leaves.\n"),
        vec![action("He really leaves.")]
    );
}

#[test]
fn crlf_and_cr_line_endings_and_a_bom_parse_like_lf() {
    let lf = "Title: Rain\n\nINT. A - DAY\n\nIt rains.\n\nMARY\nHi.\n";
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let cr = lf.replace('\n', "\r");
    assert_eq!(lines(&crlf), lines(lf));
    assert_eq!(lines(&cr), lines(lf));
    assert_eq!(
        kinds(&crlf)[0],
        K::TitleField {
            key: "Title".to_owned(),
            value: "Rain".to_owned()
        }
    );
}

#[test]
fn boneyard_is_removed_across_lines_and_line_numbers_stay_true() {
    let script =
        "INT. A\n\n/* An old\nscene\nremoved */\nKept action.\n\nOne /* cut */ two.\n\nMARY\nHi.\n";
    assert_eq!(
        lines(script),
        vec![
            (1, heading("INT. A", None)),
            (6, action("Kept action.")),
            (8, action("One  two.")),
            (10, cue("MARY", &[], false)),
            (11, dialogue("Hi.")),
        ]
    );
}

#[test]
fn an_unclosed_boneyard_is_kept_with_a_warning() {
    let parsed = parse("INT. A\n\nStart /* never closed\n");
    assert_eq!(parsed.elements[1].kind, action("Start /* never closed"));
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(parsed.warnings[0].line, 3);
}

#[test]
fn notes_are_lifted_out_inline_multi_line_and_standalone() {
    let script = "INT. A\n\nHe waits. [[Is this too long?]]\n\n[[A note\nover two lines]]\n\nMARY\nHi. [[cut?]]\n";
    assert_eq!(
        lines(script),
        vec![
            (1, heading("INT. A", None)),
            (3, action("He waits.")),
            (3, K::Note("Is this too long?".to_owned())),
            (5, K::Note("A note\nover two lines".to_owned())),
            (8, cue("MARY", &[], false)),
            (9, dialogue("Hi.")),
            (9, K::Note("cut?".to_owned())),
        ]
    );
}

#[test]
fn a_note_broken_by_a_blank_line_stays_text() {
    let parsed = parse("Action [[open\n\nstill open]]\n");
    assert_eq!(parsed.elements[0].kind, action("Action [[open"));
    assert_eq!(parsed.warnings[0].line, 1);
}

#[test]
fn title_page_keys_values_and_continuations() {
    let script = "Title:\n    _**BRICK & STEEL**_\n    _**FULL RETIRED**_\nCredit: Written by\nAuthor: Stu Maschwitz\nDraft date: 1/20/2012\n\nINT. A\n";
    assert_eq!(
        lines(script),
        vec![
            (
                1,
                K::TitleField {
                    key: "Title".to_owned(),
                    value: "BRICK & STEEL\nFULL RETIRED".to_owned()
                }
            ),
            (
                4,
                K::TitleField {
                    key: "Credit".to_owned(),
                    value: "Written by".to_owned()
                }
            ),
            (
                5,
                K::TitleField {
                    key: "Author".to_owned(),
                    value: "Stu Maschwitz".to_owned()
                }
            ),
            (
                6,
                K::TitleField {
                    key: "Draft date".to_owned(),
                    value: "1/20/2012".to_owned()
                }
            ),
            (8, heading("INT. A", None)),
        ]
    );
}

#[test]
fn a_script_opening_with_fade_in_has_no_title_page() {
    assert_eq!(
        kinds("FADE IN:\n\nINT. A\n"),
        vec![
            K::Transition("FADE IN:".to_owned()),
            heading("INT. A", None)
        ]
    );
}

#[test]
fn tabs_in_action_become_four_spaces_and_indents_do_not_hide_cues() {
    assert_eq!(
        kinds("\tIndented action.\n\n        MARY\n        Hello.\n"),
        vec![
            action("    Indented action."),
            cue("MARY", &[], false),
            dialogue("Hello."),
        ]
    );
}

#[test]
fn empty_and_blank_input_give_no_elements() {
    assert!(parse("").elements.is_empty());
    assert!(parse("\u{feff}\n\n   \r\n\t\n").elements.is_empty());
    assert!(parse("  \n  \n").elements.is_empty());
}
