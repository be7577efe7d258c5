//! The callback graph's rules: loops through several callbacks, and one writer per output.

use std::collections::HashMap;
use std::hash::Hash;

/// Loops through several callbacks. `callbacks` holds each callback's outputs and inputs
/// (not its state: state does not trigger). An edge runs from a callback to every other
/// callback that takes one of its outputs as an input; a callback that reads its own
/// output closes no loop, as in Dash.
///
/// Returns each cycle found once, as indices into `callbacks`, starting from its lowest
/// and following the edges. One depth-first walk over the edges, which are found through a
/// map from each output to its writers.
///
/// ```
/// let graph: [(&[&str], &[&str]); 2] = [(&["b.value"], &["a.value"]), (&["a.value"], &["b.value"])];
/// assert_eq!(dash_syntax::cycles(&graph), vec![vec![0, 1]]);
/// ```
pub fn cycles<T: Eq + Hash>(callbacks: &[(&[T], &[T])]) -> Vec<Vec<usize>> {
    let mut writers: HashMap<&T, Vec<usize>> = HashMap::new();
    for (index, (outputs, _)) in callbacks.iter().enumerate() {
        for output in outputs.iter() {
            writers.entry(output).or_default().push(index);
        }
    }
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); callbacks.len()];
    for (reader, (_, inputs)) in callbacks.iter().enumerate() {
        for input in inputs.iter() {
            for &writer in writers.get(input).into_iter().flatten() {
                if writer != reader {
                    edges[writer].push(reader);
                }
            }
        }
    }
    for next in &mut edges {
        next.sort_unstable();
        next.dedup();
    }
    let mut found: Vec<Vec<usize>> = Vec::new();
    let mut state = vec![Visit::New; callbacks.len()];
    let mut stack = Vec::new();
    for start in 0..callbacks.len() {
        if state[start] == Visit::New {
            visit(start, &edges, &mut state, &mut stack, &mut found);
        }
    }
    found
}

/// A property written by two callbacks, neither of which shares it (`allow_duplicate`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Duplicate {
    /// The first callback, in declaration order, that writes the property.
    pub first: usize,
    /// A later callback that writes it too.
    pub other: usize,
    /// Where the property stands among `other`'s outputs.
    pub output: usize,
}

/// The one-writer rule: a property has one writer, unless the others are marked
/// `allow_duplicate`. `callbacks` holds each callback's outputs and whether it is so
/// marked. Every later writer is paired with the first, in declaration order.
///
/// ```
/// use dash_syntax::{Duplicate, duplicate_outputs};
/// let graph: [(&[&str], bool); 3] = [(&["a.x"], false), (&["a.x"], true), (&["b.y", "a.x"], false)];
/// assert_eq!(duplicate_outputs(&graph), vec![Duplicate { first: 0, other: 2, output: 1 }]);
/// ```
pub fn duplicate_outputs<T: Eq + Hash>(callbacks: &[(&[T], bool)]) -> Vec<Duplicate> {
    let mut first_writer: HashMap<&T, usize> = HashMap::new();
    let mut found = Vec::new();
    for (index, (outputs, shared)) in callbacks.iter().enumerate() {
        if *shared {
            continue;
        }
        for (output, prop) in outputs.iter().enumerate() {
            match first_writer.get(prop) {
                Some(&first) => found.push(Duplicate {
                    first,
                    other: index,
                    output,
                }),
                None => {
                    first_writer.insert(prop, index);
                }
            }
        }
    }
    found
}

/// A callback as the messages below name it: its name, and where it is declared when the
/// reader cannot see the code (the server at startup gives `file:line:col`; the macro,
/// whose errors point at the code, gives `None`).
pub type Named<'a> = (&'a str, Option<&'a str>);

fn named((name, location): Named) -> String {
    match location {
        Some(location) => format!("`{name}` ({location})"),
        None => format!("`{name}`"),
    }
}

/// The message for one of the [`cycles`]: the callbacks along the loop, in order (the
/// first is named again at the end), and the input of the first that closes it, when known.
///
/// ```
/// let message = dash_syntax::cycle_message(&[("a", None), ("b", None)], Some("x.value"));
/// assert!(message.starts_with("callback cycle: `a` -> `b` -> `a` (closed by input `x.value`); "));
/// ```
pub fn cycle_message(callbacks: &[Named], closing_input: Option<&str>) -> String {
    let path: Vec<String> = callbacks
        .iter()
        .chain(callbacks.first())
        .map(|&callback| named(callback))
        .collect();
    let closing = closing_input
        .map(|input| format!(" (closed by input `{input}`)"))
        .unwrap_or_default();
    format!(
        "callback cycle: {}{closing}; a callback may read its own output, but a loop through \
         several callbacks never settles: break it, or read one of the properties as `state`, \
         which does not trigger",
        path.join(" -> ")
    )
}

/// The message for one of the [`duplicate_outputs`] (or overlapping pattern outputs): the
/// property as text, the first callback that writes it and a later one.
///
/// ```
/// let message = dash_syntax::duplicate_output_message("b.children", ("one", None), ("two", Some("src/app.rs:9:5")));
/// assert!(message.starts_with("`b.children` is an output of both `one` and `two` (src/app.rs:9:5); "));
/// ```
pub fn duplicate_output_message(prop: &str, first: Named, other: Named) -> String {
    format!(
        "`{prop}` is an output of both {} and {}; a property has one writer, unless the others \
         are marked `allow_duplicate` (with `prevent_initial_call`)",
        named(first),
        named(other)
    )
}

#[derive(Clone, Copy, PartialEq)]
enum Visit {
    New,
    OnStack,
    Done,
}

fn visit(
    node: usize,
    edges: &[Vec<usize>],
    state: &mut [Visit],
    stack: &mut Vec<usize>,
    found: &mut Vec<Vec<usize>>,
) {
    state[node] = Visit::OnStack;
    stack.push(node);
    for &next in &edges[node] {
        match state[next] {
            Visit::New => visit(next, edges, state, stack, found),
            Visit::OnStack => {
                let from = stack.iter().position(|&n| n == next).expect("on the stack");
                let mut cycle = stack[from..].to_vec();
                let lowest = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
                cycle.rotate_left(lowest);
                if !found.contains(&cycle) {
                    found.push(cycle);
                }
            }
            Visit::Done => {}
        }
    }
    stack.pop();
    state[node] = Visit::Done;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph<'a>(nodes: &'a [(&'a [&'a str], &'a [&'a str])]) -> Vec<Vec<usize>> {
        cycles(nodes)
    }

    #[test]
    fn messages_name_each_callback_with_its_location_when_given() {
        let cycle = cycle_message(
            &[("a", Some("src/x.rs:1:1")), ("b", Some("src/y.rs:2:2"))],
            None,
        );
        assert!(
            cycle.starts_with(
                "callback cycle: `a` (src/x.rs:1:1) -> `b` (src/y.rs:2:2) -> `a` (src/x.rs:1:1); a callback"
            ),
            "{cycle}"
        );
        let duplicate = duplicate_output_message("b.children", ("one", None), ("two", None));
        assert_eq!(
            duplicate,
            "`b.children` is an output of both `one` and `two`; a property has one writer, unless \
             the others are marked `allow_duplicate` (with `prevent_initial_call`)"
        );
    }

    #[test]
    fn every_later_writer_is_paired_with_the_first() {
        let nodes: [(&[&str], bool); 4] = [
            (&["a.x", "b.y"], false),
            (&["a.x"], false),
            (&["b.y"], true),
            (&["c.z", "a.x"], false),
        ];
        let pairs: Vec<(usize, usize, usize)> = duplicate_outputs(&nodes)
            .into_iter()
            .map(|d| (d.first, d.other, d.output))
            .collect();
        assert_eq!(pairs, vec![(0, 1, 0), (0, 3, 1)]);
    }

    #[test]
    fn finds_loops_through_several_callbacks() {
        let nodes: [(&[&str], &[&str]); 4] = [
            (&["b.value"], &["a.value"]),
            (&["c.value"], &["b.value"]),
            (&["a.value"], &["c.value"]),
            (&["d.value"], &["a.value"]),
        ];
        assert_eq!(graph(&nodes), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn a_callback_may_read_its_own_output_and_chains_are_fine() {
        let nodes: [(&[&str], &[&str]); 3] = [
            (&["a.value"], &["a.value", "x.n_clicks"]),
            (&["b.children"], &["a.value"]),
            (&["c.children"], &["b.children"]),
        ];
        assert!(graph(&nodes).is_empty());
    }

    #[test]
    fn every_cycle_is_reported_once() {
        let nodes: [(&[&str], &[&str]); 4] = [
            (&["b.v"], &["a.v"]),
            (&["a.v"], &["b.v"]),
            (&["d.v"], &["c.v"]),
            (&["c.v"], &["d.v"]),
        ];
        assert_eq!(graph(&nodes), vec![vec![0, 1], vec![2, 3]]);
    }

    /// 500 callbacks where each reads the outputs of all before it: an enumeration of paths
    /// would never end, the walk is immediate.
    #[test]
    fn many_callbacks_in_linear_time() {
        let props: Vec<String> = (0..501).map(|i| format!("n{i}.value")).collect();
        let outputs: Vec<Vec<String>> = (0..500).map(|i| vec![props[i + 1].clone()]).collect();
        let inputs: Vec<Vec<String>> = (0..500).map(|i| props[..=i].to_vec()).collect();
        let nodes: Vec<(&[String], &[String])> = outputs
            .iter()
            .zip(&inputs)
            .map(|(o, i)| (o.as_slice(), i.as_slice()))
            .collect();
        assert!(cycles(&nodes).is_empty());
    }
}
