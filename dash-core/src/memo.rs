//! Memoization settings of a callback: how long a result is kept and who shares it.

use std::time::Duration;

/// How a memoized callback's results are kept, from `#[callback(memoize(..))]`.
///
/// The cache key is derived from the callback's identity (module path and name), a hash
/// of its code, the app's cache version and the values of its inputs and state, so a
/// result is reused only for exactly the same call of exactly the same code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Memoize {
    /// How long a result stays valid; `None` keeps it until the backend evicts it.
    pub ttl: Option<Duration>,
    /// Who shares a result.
    pub scope: Scope,
}

/// Who shares a memoized result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every user and every server process sharing the backend (the default). Right for a
    /// callback whose result depends only on its inputs, which the purity lint encourages.
    #[default]
    App,
    /// One browser session: the key also holds the session cookie the server sets on the
    /// page, so users never see each other's results. Requests without the cookie are
    /// not cached.
    Session,
}

impl Memoize {
    /// Memoized with no time limit, shared by the whole app.
    pub const APP: Memoize = Memoize {
        ttl: None,
        scope: Scope::App,
    };
}
