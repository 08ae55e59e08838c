use super::*;
use crate::import::screenplay::board_from_parsed;

/// A Final Draft document around `content` paragraphs, with the layout and
/// revision sections real files carry.
fn fdx(content: &str, title_page: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
  <Content>
{content}
  </Content>
  <TitlePage>
    <Content>
{title_page}
    </Content>
  </TitlePage>
  <ElementSettings Type="Action"><FontSpec Font="Courier Final Draft" Size="12"/></ElementSettings>
  <HeaderAndFooter><Header><Paragraph Type="Header"><Text>Page header, not story</Text></Paragraph></Header></HeaderAndFooter>
  <Revisions ActiveSet="1" Location="7.75" RevisionMode="No">
    <Revision Color="Blue" FullRevision="No" ID="1" Mark="*" Name="First Revision" Style=""/>
  </Revisions>
</FinalDraft>
"#
    )
}

fn para(kind: &str, text: &str) -> String {
    format!(r#"    <Paragraph Type="{kind}"><Text>{text}</Text></Paragraph>"#)
}

fn kinds(text: &str) -> Vec<ElementKind> {
    parse(text)
        .unwrap_or_else(|e| panic!("{e}"))
        .elements
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

#[test]
fn script_elements_map_onto_fountain_elements() {
    let content = [
        r#"    <Paragraph Number="12A" Type="Scene Heading"><SceneProperties Length="1" Page="1" Title=""/><Text>INT. KITCHEN - NIGHT</Text></Paragraph>"#.to_owned(),
        para("Action", "Mary cooks."),
        para("Character", "MARY (V.O.) (CONT'D)"),
        para("Parenthetical", "(quietly)"),
        para("Dialogue", "I know."),
        para("Transition", "CUT TO:"),
        para("Shot", "CLOSE ON THE POT"),
        para("General", "Steam."),
    ]
    .join("\n");
    assert_eq!(
        kinds(&fdx(&content, "")),
        vec![
            ElementKind::SceneHeading {
                text: "INT. KITCHEN - NIGHT".into(),
                number: Some("12A".into())
            },
            ElementKind::Action("Mary cooks.".into()),
            ElementKind::Character {
                name: "MARY".into(),
                extensions: vec!["V.O.".into(), "CONT'D".into()],
                dual: false
            },
            ElementKind::Parenthetical("(quietly)".into()),
            ElementKind::Dialogue("I know.".into()),
            ElementKind::Transition("CUT TO:".into()),
            ElementKind::Action("CLOSE ON THE POT".into()),
            ElementKind::Action("Steam.".into()),
        ]
    );
}

#[test]
fn styled_runs_join_into_one_paragraph_and_revision_marks_change_nothing() {
    let plain = fdx(&para("Action", "She runs home."), "");
    let revised = fdx(
        r#"    <Paragraph Type="Action"><Text>She </Text><Text RevisionID="1" Style="Bold+Underline">runs</Text><Text> home.</Text></Paragraph>"#,
        "",
    );
    assert_eq!(kinds(&plain), kinds(&revised));
    assert_eq!(
        kinds(&revised),
        vec![ElementKind::Action("She runs home.".into())]
    );
}

#[test]
fn dual_dialogue_marks_the_second_speaker() {
    let content = format!(
        "{}\n    <Paragraph><DualDialogue>\n{}\n{}\n{}\n{}\n    </DualDialogue></Paragraph>",
        para("Action", "They shout."),
        para("Character", "BRICK"),
        para("Dialogue", "Screw retirement."),
        para("Character", "STEEL"),
        para("Dialogue", "Screw retirement."),
    );
    let board = board_from_parsed(
        parse(&fdx(
            &format!("{}\n{content}", para("Scene Heading", "INT. GYM - DAY")),
            "",
        ))
        .unwrap(),
    )
    .unwrap()
    .board;
    assert_eq!(
        board.scenes[0].panels[0].dialogue,
        "BRICK\nScrew retirement.\n\nSTEEL (simultaneously)\nScrew retirement."
    );
}

#[test]
fn non_ascii_names_and_escaped_text_survive() {
    let content = [
        para("Scene Heading", "INT. CAFÉ «LE DÔME» - NUIT"),
        para("Character", "ZOË"),
        para(
            "Dialogue",
            "Fish &amp; chips &lt;now&gt; &#233;t&#xE9; &quot;ok&quot;",
        ),
        para("Character", "渡辺"),
        para("Dialogue", "はい。"),
    ]
    .join("\n");
    assert_eq!(
        kinds(&fdx(&content, ""))[1..],
        [
            ElementKind::Character {
                name: "ZOË".into(),
                extensions: vec![],
                dual: false
            },
            ElementKind::Dialogue("Fish & chips <now> été \"ok\"".into()),
            ElementKind::Character {
                name: "渡辺".into(),
                extensions: vec![],
                dual: false
            },
            ElementKind::Dialogue("はい。".into()),
        ]
    );
}

#[test]
fn empty_paragraphs_are_skipped() {
    let content = [
        para("Scene Heading", "EXT. FIELD - DAY"),
        r#"    <Paragraph Type="Action"/>"#.to_owned(),
        para("Action", ""),
        para("Action", "   "),
        r#"    <Paragraph Type="Dialogue"><Text/></Paragraph>"#.to_owned(),
        para("Action", "Wind."),
    ]
    .join("\n");
    assert_eq!(kinds(&fdx(&content, "")).len(), 2);
}

#[test]
fn the_title_page_gives_title_credit_and_author() {
    let title = [
        r#"      <Paragraph Alignment="Center" Type="Action"><Text>BRICK &amp; STEEL</Text></Paragraph>"#,
        r#"      <Paragraph Alignment="Center" Type="Action"><Text/></Paragraph>"#,
        r#"      <Paragraph Alignment="Center" Type="Action"><Text>Written by</Text></Paragraph>"#,
        r#"      <Paragraph Alignment="Center" Type="Action"><Text>Stu Maschwitz</Text></Paragraph>"#,
    ]
    .join("\n");
    let board = board_from_parsed(parse(&fdx(&para("Action", "Rain."), &title)).unwrap())
        .unwrap()
        .board;
    assert_eq!(board.title, "BRICK & STEEL");
    assert_eq!(board.author, "Stu Maschwitz");
}

#[test]
fn script_notes_become_notes_and_headers_are_not_story() {
    let content = r#"    <Paragraph Type="Action"><ScriptNote ID="1"><Paragraph><Text>Check the </Text><Text>lamp.</Text></Paragraph></ScriptNote><Text>A lamp.</Text></Paragraph>"#;
    assert_eq!(
        kinds(&fdx(content, "")),
        vec![
            ElementKind::Action("A lamp.".into()),
            ElementKind::Note("Check the lamp.".into()),
        ]
    );
}

#[test]
fn unknown_paragraph_types_are_action_with_a_warning_naming_the_line() {
    let parsed = parse(&fdx(&para("Outline 1", "ACT ONE IDEAS"), "")).unwrap();
    assert_eq!(
        parsed.elements[0].kind,
        ElementKind::Action("ACT ONE IDEAS".into())
    );
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(parsed.warnings[0].line, 4);
    assert!(parsed.warnings[0].message.contains("Outline 1"));
}

#[test]
fn malformed_xml_names_the_line() {
    let text = "<FinalDraft>\n<Content>\n<Paragraph Type=\"Action\"><Text>Hi</Paragraph>\n</Content>\n</FinalDraft>\n";
    let err = parse(text).unwrap_err();
    assert!(
        matches!(err, FdxError::Malformed { line: 3, .. }),
        "{err:?}"
    );
    assert!(parse("<FinalDraft><Content>").is_err());
}

#[test]
fn entity_declarations_are_refused() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<FinalDraft><Content><Paragraph Type="Action"><Text>&lol3;</Text></Paragraph></Content></FinalDraft>"#;
    assert_eq!(
        parse(laughs).unwrap_err(),
        FdxError::EntityDeclaration { line: 6 }
    );
    let external = r#"<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><FinalDraft/>"#;
    assert!(matches!(
        parse(external),
        Err(FdxError::EntityDeclaration { .. })
    ));
}

#[test]
fn undeclared_entities_are_refused_not_expanded() {
    let text = "<FinalDraft><Content>\n<Paragraph Type=\"Action\"><Text>&xxe;</Text></Paragraph></Content></FinalDraft>";
    assert_eq!(
        parse(text).unwrap_err(),
        FdxError::UnknownEntity {
            line: 2,
            name: "xxe".into()
        }
    );
}

#[test]
fn deep_nesting_is_refused_without_recursion() {
    let depth = 100_000;
    let text = format!(
        "<FinalDraft>{}{}</FinalDraft>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    assert!(matches!(parse(&text), Err(FdxError::TooDeep { .. })));
}

#[test]
fn xml_that_is_not_final_draft_says_so() {
    assert_eq!(
        parse("<html><body/></html>").unwrap_err(),
        FdxError::NotFinalDraft("html".into())
    );
    assert_eq!(
        parse("").unwrap_err(),
        FdxError::NotFinalDraft("nothing".into())
    );
}
