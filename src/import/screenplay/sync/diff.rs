//! Word-level comparison of two texts: the diff a review shows for changed
//! action and dialogue, and the similarity that matches scenes and panels
//! whose headings or numbers changed.

use std::collections::HashSet;

/// One run of a word diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordDiff {
    Same(String),
    Removed(String),
    Added(String),
}

/// Above this many word pairs the diff is coarse (all removed, all added):
/// a screenplay paragraph is a few hundred words at most.
const MAX_CELLS: usize = 4_000_000;

/// The word diff from `old` to `new` (whitespace-separated words, runs of
/// the same kind joined by single spaces), by longest common subsequence.
pub fn diff_words(old: &str, new: &str) -> Vec<WordDiff> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let mut out = Vec::new();
    if a.len().saturating_mul(b.len()) > MAX_CELLS {
        push(&mut out, WordDiff::Removed(a.join(" ")));
        push(&mut out, WordDiff::Added(b.join(" ")));
        return out;
    }
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    let width = b.len() + 1;
    let mut lcs = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            push(&mut out, WordDiff::Same(a[i].to_owned()));
            i += 1;
            j += 1;
        } else if i < a.len()
            && (j == b.len() || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])
        {
            push(&mut out, WordDiff::Removed(a[i].to_owned()));
            i += 1;
        } else {
            push(&mut out, WordDiff::Added(b[j].to_owned()));
            j += 1;
        }
    }
    out
}

/// Append a word run, joining it to the last run when of the same kind.
fn push(out: &mut Vec<WordDiff>, run: WordDiff) {
    let text_of = |d: &WordDiff| match d {
        WordDiff::Same(t) | WordDiff::Removed(t) | WordDiff::Added(t) => t.is_empty(),
    };
    if text_of(&run) {
        return;
    }
    match (out.last_mut(), run) {
        (Some(WordDiff::Same(t)), WordDiff::Same(w))
        | (Some(WordDiff::Removed(t)), WordDiff::Removed(w))
        | (Some(WordDiff::Added(t)), WordDiff::Added(w)) => {
            t.push(' ');
            t.push_str(&w);
        }
        (_, run) => out.push(run),
    }
}

/// The diff as one line: `She [-walks-]{+runs+} home.`
pub fn render(diff: &[WordDiff]) -> String {
    diff.iter()
        .map(|d| match d {
            WordDiff::Same(t) => t.clone(),
            WordDiff::Removed(t) => format!("[-{t}-]"),
            WordDiff::Added(t) => format!("{{+{t}+}}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lower-case words of a text, for similarity.
pub fn word_set(text: &str) -> HashSet<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Jaccard similarity of two word sets: 1 when equal (or both empty), 0
/// when they share no word.
pub fn similarity(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let shared = a.intersection(b).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_word_is_removed_then_added() {
        let diff = diff_words("She walks home.", "She runs home.");
        assert_eq!(render(&diff), "She [-walks-] {+runs+} home.");
        let diff = diff_words("She walks home slowly.", "She runs home.");
        assert_eq!(render(&diff), "She [-walks home slowly.-] {+runs home.+}");
    }

    #[test]
    fn equal_texts_have_one_same_run_and_empty_ones_none() {
        assert_eq!(
            diff_words("a  b\nc", "a b c"),
            vec![WordDiff::Same("a b c".into())]
        );
        assert!(diff_words("", "").is_empty());
        assert_eq!(diff_words("", "new"), vec![WordDiff::Added("new".into())]);
    }

    #[test]
    fn similarity_ignores_case_and_punctuation() {
        let a = word_set("Mary sits, quietly.");
        let b = word_set("mary SITS quietly");
        assert_eq!(similarity(&a, &b), 1.0);
        assert_eq!(similarity(&a, &word_set("John runs")), 0.0);
        assert_eq!(similarity(&word_set(""), &word_set("")), 1.0);
    }
}
