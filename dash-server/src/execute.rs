//! Running one callback: sync ones on the bounded blocking pool, async ones as tasks,
//! panics caught and turned into errors.

use std::any::Any;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use dash_core::{CallContext, CallbackResult, CallbackSpec, Handler};
use serde_json::Value;
use tokio::sync::Semaphore;

/// How a run ended when it did not return.
pub enum Abnormal {
    /// The callback panicked; the message of the panic.
    Panicked(String),
    /// The task was cancelled (the runtime is shutting down).
    Cancelled,
}

/// Runs callbacks, with at most `limit` sync callbacks at once.
#[derive(Clone)]
pub struct Executor {
    permits: Arc<Semaphore>,
}

impl Executor {
    pub fn new(limit: usize) -> Self {
        Executor {
            permits: Arc::new(Semaphore::new(limit.max(1))),
        }
    }

    pub async fn run(
        &self,
        spec: &CallbackSpec,
        args: Vec<Value>,
        call: &CallContext,
    ) -> Result<CallbackResult, Abnormal> {
        match spec.handler {
            Handler::Blocking(function) => {
                let permit = self
                    .permits
                    .clone()
                    .acquire_owned()
                    .await
                    .map_err(|_| Abnormal::Cancelled)?;
                let call = call.clone();
                let task = tokio::task::spawn_blocking(move || {
                    let _permit = permit;
                    function(args, &call)
                });
                joined(task.await)
            }
            Handler::Inline(function) => {
                std::panic::catch_unwind(AssertUnwindSafe(|| function(args, call)))
                    .map_err(|p| Abnormal::Panicked(message(&*p)))
            }
            Handler::Async(function) => {
                // Building the future decodes the arguments, which may panic too.
                let future = std::panic::catch_unwind(AssertUnwindSafe(|| function(args, call)))
                    .map_err(|p| Abnormal::Panicked(message(&*p)))?;
                joined(tokio::spawn(future).await)
            }
        }
    }
}

fn joined(
    result: Result<CallbackResult, tokio::task::JoinError>,
) -> Result<CallbackResult, Abnormal> {
    result.map_err(|error| match error.try_into_panic() {
        Ok(payload) => Abnormal::Panicked(message(&*payload)),
        Err(_) => Abnormal::Cancelled,
    })
}

fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_owned()
    }
}
