//! Replays every input the fuzzer kept (`fuzz/corpus/TARGET/`) and every crash it found
//! (`fuzz/regressions/TARGET/`, each fixed since) through its target: none may panic.

use std::path::Path;

#[test]
fn every_kept_input_and_every_past_crash_passes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut replayed = 0;
    for (name, target) in dash_fuzz::TARGETS {
        let corpus = root.join("corpus").join(name);
        let inputs: Vec<_> = std::fs::read_dir(&corpus)
            .unwrap_or_else(|e| panic!("{}: {e}", corpus.display()))
            .chain(
                std::fs::read_dir(root.join("regressions").join(name))
                    .into_iter()
                    .flatten(),
            )
            .map(|entry| entry.expect("a corpus entry").path())
            .filter(|path| path.is_file())
            .collect();
        assert!(
            inputs.len() >= 5,
            "{name}: a corpus of {} inputs",
            inputs.len()
        );
        for path in inputs {
            let data = std::fs::read(&path).expect("read an input");
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{name}: {} fails", path.display());
            replayed += 1;
        }
    }
    eprintln!("replayed {replayed} inputs");
}
