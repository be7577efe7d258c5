//! Cycles in the callback graph: an edge runs from a callback to every other callback that
//! takes one of its outputs as an input.

/// Each callback as `(outputs, inputs)`. Returns every cycle once, as the callbacks in
/// order, starting from the one declared first.
pub fn cycles(callbacks: &[(Vec<String>, Vec<String>)]) -> Vec<Vec<usize>> {
    let edges: Vec<Vec<usize>> = callbacks
        .iter()
        .enumerate()
        .map(|(a, (outputs, _))| {
            callbacks
                .iter()
                .enumerate()
                .filter(|&(b, (_, inputs))| b != a && inputs.iter().any(|i| outputs.contains(i)))
                .map(|(b, _)| b)
                .collect()
        })
        .collect();
    let mut found: Vec<Vec<usize>> = Vec::new();
    let mut state = vec![State::New; callbacks.len()];
    let mut stack = Vec::new();
    for start in 0..callbacks.len() {
        if state[start] == State::New {
            visit(start, &edges, &mut state, &mut stack, &mut found);
        }
    }
    found
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    New,
    OnStack,
    Done,
}

fn visit(
    node: usize,
    edges: &[Vec<usize>],
    state: &mut [State],
    stack: &mut Vec<usize>,
    found: &mut Vec<Vec<usize>>,
) {
    state[node] = State::OnStack;
    stack.push(node);
    for &next in &edges[node] {
        match state[next] {
            State::New => visit(next, edges, state, stack, found),
            State::OnStack => {
                let from = stack.iter().position(|&n| n == next).expect("on the stack");
                let mut cycle = stack[from..].to_vec();
                let lowest = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
                cycle.rotate_left(lowest);
                if !found.contains(&cycle) {
                    found.push(cycle);
                }
            }
            State::Done => {}
        }
    }
    stack.pop();
    state[node] = State::Done;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(outputs: &[&str], inputs: &[&str]) -> (Vec<String>, Vec<String>) {
        let own = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect();
        (own(outputs), own(inputs))
    }

    #[test]
    fn finds_loops_through_several_callbacks() {
        let graph = [
            node(&["b.value"], &["a.value"]),
            node(&["c.value"], &["b.value"]),
            node(&["a.value"], &["c.value"]),
            node(&["d.value"], &["a.value"]),
        ];
        assert_eq!(cycles(&graph), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn a_callback_may_read_its_own_output_and_chains_are_fine() {
        let graph = [
            node(&["a.value"], &["a.value", "x.n_clicks"]),
            node(&["b.children"], &["a.value"]),
            node(&["c.children"], &["b.children"]),
        ];
        assert!(cycles(&graph).is_empty());
    }

    #[test]
    fn every_cycle_is_reported_once() {
        let graph = [
            node(&["b.v"], &["a.v"]),
            node(&["a.v"], &["b.v"]),
            node(&["d.v"], &["c.v"]),
            node(&["c.v"], &["d.v"]),
        ];
        assert_eq!(cycles(&graph), vec![vec![0, 1], vec![2, 3]]);
    }
}
