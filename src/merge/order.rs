//! Three-way merge of an ordered list of ids (scenes on a board, panels in
//! a scene, comments on a panel).

use std::collections::HashSet;
use std::hash::Hash;

/// Merges the order of `members` from the base's, the kept side's (`a`) and
/// the other side's (`b`) sequences. Returns the order and whether both
/// sides reordered the items they share in different ways (then `a`'s
/// order is used).
///
/// The items present in all three sequences take the order of the side
/// that changed it, so a reorder on one side survives any edits on the
/// other. Every other member (new on one side, or moved in from elsewhere)
/// goes right after the nearest item that precedes it on its own side, so a
/// run of new panels keeps its order and its place.
pub fn merge_order<T: Copy + Eq + Hash>(
    base: &[T],
    a: &[T],
    b: &[T],
    members: &HashSet<T>,
) -> (Vec<T>, bool) {
    let in_a: HashSet<T> = a.iter().copied().collect();
    let in_b: HashSet<T> = b.iter().copied().collect();
    let common = |x: &T| members.contains(x) && in_a.contains(x) && in_b.contains(x);
    let restricted = |seq: &[T]| -> Vec<T> {
        let in_base: HashSet<T> = base.iter().copied().collect();
        seq.iter()
            .copied()
            .filter(|x| common(x) && in_base.contains(x))
            .collect()
    };
    let (base_c, a_c, b_c) = (restricted(base), restricted(a), restricted(b));
    let (mut out, conflict) = if a_c == base_c {
        (b_c, false)
    } else if b_c == base_c || a_c == b_c {
        (a_c, false)
    } else {
        (a_c, true)
    };
    let mut placed: HashSet<T> = out.iter().copied().collect();
    for side in [a, b, base] {
        for (i, &item) in side.iter().enumerate() {
            if !members.contains(&item) || placed.contains(&item) {
                continue;
            }
            let at = side[..i]
                .iter()
                .rev()
                .find_map(|x| out.iter().position(|o| o == x))
                .map_or(0, |p| p + 1);
            out.insert(at, item);
            placed.insert(item);
        }
    }
    (out, conflict)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merge(base: &[u32], a: &[u32], b: &[u32], members: &[u32]) -> (Vec<u32>, bool) {
        merge_order(base, a, b, &members.iter().copied().collect())
    }

    #[test]
    fn a_reorder_on_one_side_survives_an_insert_on_the_other() {
        let (order, conflict) = merge(&[1, 2, 3], &[3, 1, 2], &[1, 2, 9, 3], &[1, 2, 3, 9]);
        assert_eq!(order, vec![3, 1, 2, 9]);
        assert!(!conflict);
    }

    #[test]
    fn different_reorders_on_both_sides_keep_the_first_and_say_so() {
        let (order, conflict) = merge(&[1, 2, 3], &[3, 2, 1], &[2, 1, 3], &[1, 2, 3]);
        assert_eq!(order, vec![3, 2, 1]);
        assert!(conflict);
    }

    #[test]
    fn runs_of_new_items_keep_their_order_and_place() {
        let (order, _) = merge(&[1, 2], &[1, 7, 8, 2], &[1, 2, 5], &[1, 2, 5, 7, 8]);
        assert_eq!(order, vec![1, 7, 8, 2, 5]);
    }

    #[test]
    fn items_that_are_not_members_are_dropped() {
        let (order, _) = merge(&[1, 2, 3], &[1, 3], &[1, 2, 3], &[1, 3]);
        assert_eq!(order, vec![1, 3]);
    }
}
