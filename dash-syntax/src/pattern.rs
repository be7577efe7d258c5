//! Pattern-matching outputs: when two name the same prop (the renderer's rule), and one writer.

/// The value of one key of a pattern-matching output: a wildcard, or a fixed value in a
/// text form that is equal exactly when the values are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot<'a> {
    /// `MATCH`.
    Match,
    /// `ALL`.
    All,
    /// `ALLSMALLER`.
    AllSmaller,
    /// A fixed value, as written.
    Fixed(&'a str),
}

/// A pattern-matching output: its prop and its keys, the `type` key among them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern<'a> {
    /// The prop.
    pub prop: &'a str,
    /// Each key with what it holds.
    pub keys: Vec<(&'a str, Slot<'a>)>,
}

/// Can two patterns name the same component's prop? The rule the renderer applies to
/// outputs ("Overlapping wildcard callback outputs"): the same prop and the same keys, and
/// on every key equal fixed values or a wildcard on either side, except `MATCH` against
/// `ALLSMALLER`.
///
/// ```
/// use dash_syntax::{Pattern, Slot, overlap};
/// let item = |index| Pattern { prop: "value", keys: vec![("index", index), ("type", Slot::Fixed("item"))] };
/// assert!(overlap(&item(Slot::All), &item(Slot::Fixed("3"))));
/// assert!(!overlap(&item(Slot::Fixed("2")), &item(Slot::Fixed("3"))));
/// assert!(!overlap(&item(Slot::Match), &item(Slot::AllSmaller)));
/// ```
pub fn overlap(a: &Pattern, b: &Pattern) -> bool {
    if a.prop != b.prop || a.keys.len() != b.keys.len() {
        return false;
    }
    let mut a_keys = a.keys.clone();
    let mut b_keys = b.keys.clone();
    a_keys.sort_by_key(|(key, _)| *key);
    b_keys.sort_by_key(|(key, _)| *key);
    a_keys
        .iter()
        .zip(&b_keys)
        .all(|((a_key, a_slot), (b_key, b_slot))| {
            a_key == b_key
                && match (a_slot, b_slot) {
                    (Slot::Match, Slot::AllSmaller) | (Slot::AllSmaller, Slot::Match) => false,
                    (Slot::Fixed(x), Slot::Fixed(y)) => x == y,
                    _ => true,
                }
        })
}

/// The one-writer rule for pattern outputs: every output that overlaps an output of an
/// earlier callback (or an earlier output of its own callback), unless its callback is
/// marked `allow_duplicate`. `callbacks` holds each callback's pattern outputs and that
/// mark; `Duplicate::output` indexes the callback's pattern outputs.
pub fn overlapping_outputs(callbacks: &[(&[Pattern], bool)]) -> Vec<crate::Duplicate> {
    let mut found = Vec::new();
    for (index, (outputs, shared)) in callbacks.iter().enumerate() {
        if *shared {
            continue;
        }
        for (output, pattern) in outputs.iter().enumerate() {
            let earlier = callbacks[..=index]
                .iter()
                .enumerate()
                .filter(|(_, (_, shared))| !*shared)
                .find(|(first, (patterns, _))| {
                    let candidates = if *first == index {
                        &patterns[..output]
                    } else {
                        patterns
                    };
                    candidates.iter().any(|other| overlap(other, pattern))
                });
            if let Some((first, _)) = earlier {
                found.push(crate::Duplicate {
                    first,
                    other: index,
                    output,
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(row: Slot<'static>, prop: &'static str) -> Pattern<'static> {
        Pattern {
            prop,
            keys: vec![("type", Slot::Fixed("note")), ("row", row)],
        }
    }

    #[test]
    fn overlapping_writers_are_duplicates() {
        let a = [note(Slot::All, "children")];
        let b = [
            note(Slot::Fixed("1"), "children"),
            note(Slot::Match, "title"),
        ];
        let c = [note(Slot::Fixed("2"), "title")];
        let found = overlapping_outputs(&[(&a, false), (&b, false), (&c, true)]);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].first, found[0].other, found[0].output), (0, 1, 0));
        let other_family = Pattern {
            prop: "children",
            keys: vec![("type", Slot::Fixed("cell")), ("row", Slot::All)],
        };
        assert!(!overlap(&a[0], &other_family));
    }
}
