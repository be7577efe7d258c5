//! A background callback's live view of its job: the `Progress<T>` parameter, which writes
//! the progress props while the callback runs, and the cancel flag it reads.

use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;

use crate::error::CallbackError;

use super::{CallContext, FromCall};

/// Writes a background callback's progress props while it runs (Dash's `set_progress`).
///
/// `T` is the value of the one progress prop, or a tuple with one element per progress
/// prop, in the order the attribute lists them; `#[dash::app]` checks each against its
/// prop. The browser sees the latest value written between two of its polls.
///
/// ```ignore
/// #[callback(output = "result.children", input = "run.n_clicks", background,
///            progress = "bar.value", progress = "status.children", cancel = "stop.n_clicks")]
/// fn simulate(_: Option<u32>, progress: Progress<(u32, String)>) -> Result<String, CallbackError> {
///     for step in 1..=10 {
///         std::thread::sleep(std::time::Duration::from_millis(300));
///         progress.set((step * 10, format!("{step}/10")))?; // Err once cancelled
///     }
///     Ok("done".to_owned())
/// }
/// ```
pub struct Progress<T> {
    call: CallContext,
    value: PhantomData<fn(T)>,
}

impl<T: Serialize> Progress<T> {
    /// Sets the progress props. `Err(Cancelled)` once the job is cancelled: return it
    /// (`?` turns it into a [`CallbackError`]) so that a sync callback stops too; an
    /// `async` one is stopped at its next `.await` anyway.
    pub fn set(&self, value: T) -> Result<(), Cancelled> {
        self.call.set_progress_encoded(crate::to_json(&value))
    }

    /// Has the job been cancelled (a cancel input changed, the same callback started
    /// again, or the page stopped polling)?
    pub fn is_cancelled(&self) -> bool {
        self.call.is_cancelled()
    }
}

impl<T> fmt::Debug for Progress<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Progress")
            .field("cancelled", &self.call.is_cancelled())
            .finish()
    }
}

/// Outside a job (a server-side store's value computed again from its handle, say), the
/// progress goes nowhere.
impl<T> FromCall for Progress<T> {
    fn from_call(call: &CallContext, _callback: &'static str) -> Result<Self, CallbackError> {
        Ok(Progress {
            call: call.clone(),
            value: PhantomData,
        })
    }
}

/// The job was cancelled: what [`Progress::set`] returns once it is. Returned from the
/// callback, it ends the call with no update. (Not a `std::error::Error`, like
/// [`PreventUpdate`](crate::PreventUpdate): `?` turns it into `CallbackError::PreventUpdate`,
/// not into a failure.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

impl fmt::Display for Cancelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the background job was cancelled")
    }
}

impl From<Cancelled> for CallbackError {
    fn from(_: Cancelled) -> Self {
        CallbackError::PreventUpdate
    }
}
