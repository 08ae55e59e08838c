//! Word lists and sentence shapes for the synthetic board's text: enough
//! variety that search, wrapping and exports meet realistic film-like text.

use super::rng::SplitMix64;

const NAMES: &[&str] = &[
    "MARA", "JONAH", "TESS", "NADIA", "OWEN", "SAMIR", "IRIS", "LEO", "DELPHINE", "KOFI",
];

const ACTIONS: &[&str] = &[
    "crosses the room to the window",
    "stops dead in the doorway",
    "pulls a folded letter from a coat pocket",
    "watches the road for headlights",
    "lights a cigarette with shaking hands",
    "slams the car door and walks away",
    "counts the money twice",
    "runs for the last train",
    "switches off the radio",
    "kneels beside the broken lamp",
    "hides the key under the mat",
    "looks back once, then keeps going",
    "wipes the fogged mirror with a sleeve",
    "drops the phone into the harbour",
    "climbs the fire escape two rungs at a time",
    "sets a second cup on the table",
];

const CIRCUMSTANCES: &[&str] = &[
    "",
    " without a word",
    " as the rain starts",
    " in the half-dark",
    " while the kettle screams",
    " under the flickering sign",
    " as headlights sweep the wall",
    " before anyone notices",
];

const AFTERTHOUGHTS: &[&str] = &[
    "Somewhere a dog barks.",
    "Thunder, far off.",
    "Nobody moves.",
    "The neon buzzes and dies.",
    "A train passes; the glasses rattle.",
    "The ceiling fan ticks round.",
];

const LINES: &[&str] = &[
    "We don't have time for this.",
    "You said you'd call.",
    "Is that everything?",
    "Don't look at me like that.",
    "It was never about the money.",
    "Keep driving.",
    "I know what you did.",
    "Not here. Not now.",
    "Tell me it's finished.",
    "How long have you known?",
    "Give me the keys.",
    "You came back.",
];

const PARENTHETICALS: &[&str] = &[
    "(quietly)",
    "(not turning round)",
    "(into the phone)",
    "(beat)",
];

const NOTES: &[&str] = &[
    "Match the eyeline from the previous shot.",
    "Practical light only.",
    "Rain machine needed.",
    "Continuity: coat buttoned.",
    "VFX: replace the sky.",
    "Stunt double for the fall.",
    "Sound: hold the room tone.",
    "Check the clock reads 11:40.",
];

const PLACES: &[&str] = &[
    "KITCHEN",
    "BUS STATION",
    "MOTEL ROOM",
    "ROOFTOP",
    "COUNTRY ROAD",
    "POLICE STATION",
    "DINER",
    "TRAIN PLATFORM",
    "PARKING GARAGE",
    "LIGHTHOUSE",
    "HOSPITAL CORRIDOR",
    "FERRY DECK",
];

const TIMES: &[&str] = &["DAY", "NIGHT", "DAWN", "DUSK", "CONTINUOUS", "LATER"];

pub const COMMENT_AUTHORS: &[&str] = &["Director", "DP", "Editor", "Producer", "Script supervisor"];

const COMMENTS: &[&str] = &[
    "Can we see the hands here?",
    "Too long; trim to two seconds.",
    "Love this angle.",
    "Lens feels too wide for the close-up.",
    "Needs an insert of the letter before this.",
    "Screen direction flips here - check.",
    "Push in slower.",
];

const REPLIES: &[&str] = &[
    "Agreed.",
    "Fixed in the next pass.",
    "Let's discuss on set.",
    "Done.",
];

/// `(heading, location)` for a scene, e.g. `("EXT. ROOFTOP - NIGHT", "Rooftop")`.
pub fn scene_heading(rng: &mut SplitMix64) -> (String, String) {
    let place = *rng.pick(PLACES);
    let int_ext = if rng.chance(0.5) { "INT." } else { "EXT." };
    let heading = format!("{int_ext} {place} - {}", rng.pick(TIMES));
    let mut location = place.to_lowercase();
    if let Some(first) = location.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    (heading, location)
}

pub fn action(rng: &mut SplitMix64) -> String {
    let mut text = format!(
        "{} {}{}.",
        rng.pick(NAMES),
        rng.pick(ACTIONS),
        rng.pick(CIRCUMSTANCES)
    );
    if rng.chance(0.4) {
        text.push(' ');
        let afterthought: &&str = rng.pick(AFTERTHOUGHTS);
        text.push_str(afterthought);
    }
    text
}

/// A speech in screenplay layout: name, optional parenthetical, line.
pub fn dialogue(rng: &mut SplitMix64) -> String {
    let name = rng.pick(NAMES);
    let line = rng.pick(LINES);
    if rng.chance(0.3) {
        format!("{name}\n{}\n{line}", rng.pick(PARENTHETICALS))
    } else {
        format!("{name}\n{line}")
    }
}

pub fn note(rng: &mut SplitMix64) -> String {
    (*rng.pick(NOTES)).to_owned()
}

pub fn comment(rng: &mut SplitMix64) -> String {
    (*rng.pick(COMMENTS)).to_owned()
}

pub fn reply(rng: &mut SplitMix64) -> String {
    (*rng.pick(REPLIES)).to_owned()
}
