//! The first app of the Dash tutorial: pick a score, see how many students got it.
//!
//! `cargo run --example scores`, then open http://127.0.0.1:8050/.

use dash::prelude::*;

/// One row of the table the app reads.
pub struct Student {
    #[allow(dead_code)]
    id: u32,
    score: i64,
}

/// Ten students and their scores, loaded once at startup. Callbacks read them through
/// `Shared<Vec<Student>>`: several users, and several server processes, share them, and
/// nobody writes them.
fn students() -> Vec<Student> {
    [1, 5, 2, 5, 2, 3, 1, 5, 1, 5]
        .into_iter()
        .zip(1..)
        .map(|(score, id)| Student { id, score })
        .collect()
}

#[dash::app]
mod scores {
    use super::Student;
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        score: dcc::Dropdown,
        output: html::Div,
    }

    /// How many students got the chosen score (none chosen: nobody).
    #[callback(output = "output.children", input = "score.value")]
    fn count_students(score: Option<i64>, students: Shared<Vec<Student>>) -> usize {
        students
            .iter()
            .filter(|student| Some(student.score) == score)
            .count()
    }
}

fn layout() -> html::Div {
    html::Div::new().children([
        dcc::Dropdown::new()
            .id("score")
            .options(1..=5)
            .value(1)
            .into(),
        "was scored by this many students:".into(),
        html::Div::new().id("output").into(),
    ])
}

/// The app, configured; `main` runs it and the tests serve it.
pub fn app() -> Dash {
    Dash::new()
        .title("Scores")
        .share(students())
        .layout(layout())
        .app::<scores::Ids>()
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}
