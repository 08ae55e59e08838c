//! Line-by-line three-way merge of a text field, so two people editing
//! different lines of a panel's notes or action do not conflict.

/// Longest texts (in lines, multiplied) compared line by line; beyond this
/// the field is treated as a whole, which only means a conflict is recorded
/// where a line merge might have found none.
const MAX_CELLS: usize = 1 << 20;

/// Which lines of `old` and `new` stay the same, as `(old index, new index)`
/// pairs in increasing order (a longest common subsequence).
fn matching(old: &[&str], new: &[&str]) -> Vec<(usize, usize)> {
    let (n, m) = (old.len(), new.len());
    // lcs[i][j]: length of the LCS of old[i..] and new[j..].
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if old[i] == new[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if old[i] == new[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if lcs[at(i + 1, j)] >= lcs[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn lines(text: &str) -> Vec<&str> {
    text.split('\n').collect()
}

/// Merges two edits of `base` line by line (as diff3 does): each stretch
/// between lines all three versions share takes the side that changed it.
/// `None` when both sides changed the same stretch differently.
pub fn merge_lines(base: &str, a: &str, b: &str) -> Option<String> {
    let (base, a, b) = (lines(base), lines(a), lines(b));
    if base.len() * a.len().max(b.len()) > MAX_CELLS {
        return None;
    }
    let in_a: std::collections::HashMap<usize, usize> = matching(&base, &a).into_iter().collect();
    let in_b: std::collections::HashMap<usize, usize> = matching(&base, &b).into_iter().collect();
    // Lines unchanged on both sides, plus an end marker.
    let mut syncs: Vec<(usize, usize, usize)> = (0..base.len())
        .filter_map(|i| Some((i, *in_a.get(&i)?, *in_b.get(&i)?)))
        .collect();
    syncs.push((base.len(), a.len(), b.len()));
    let mut out: Vec<&str> = Vec::new();
    let (mut i0, mut a0, mut b0) = (0, 0, 0);
    for (i1, a1, b1) in syncs {
        let (chunk_o, chunk_a, chunk_b) = (&base[i0..i1], &a[a0..a1], &b[b0..b1]);
        if chunk_a == chunk_o || chunk_a == chunk_b {
            out.extend_from_slice(chunk_b);
        } else if chunk_b == chunk_o {
            out.extend_from_slice(chunk_a);
        } else {
            return None;
        }
        if i1 < base.len() {
            out.push(base[i1]);
        }
        (i0, a0, b0) = (i1 + 1, a1 + 1, b1 + 1);
    }
    Some(out.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_of_different_lines_both_survive() {
        let base = "She enters.\nThe kettle whistles.\nShe sits.";
        let a = "She bursts in.\nThe kettle whistles.\nShe sits.";
        let b = "She enters.\nThe kettle whistles.\nShe sits.\nShe cries.";
        assert_eq!(
            merge_lines(base, a, b).as_deref(),
            Some("She bursts in.\nThe kettle whistles.\nShe sits.\nShe cries.")
        );
        assert_eq!(merge_lines(base, b, a), merge_lines(base, a, b));
    }

    #[test]
    fn edits_of_one_line_conflict() {
        assert_eq!(merge_lines("one\ntwo", "one\n2", "one\nTWO"), None);
        assert_eq!(merge_lines("single", "ours", "theirs"), None);
    }

    #[test]
    fn identical_edits_and_deletions_merge() {
        assert_eq!(
            merge_lines("a\nb\nc\nd", "a\nB\nc\nd", "a\nB\nc").as_deref(),
            Some("a\nB\nc")
        );
    }
}
