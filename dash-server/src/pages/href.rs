//! Links behind the app's prefix. A page's link is made while a layout is built, in the
//! server's threads; the prefix the browser requests under (`requests_pathname_prefix`)
//! is known there, for the length of the build, as Python Dash's `get_relative_path`
//! reads it from the app in the request's context.

use std::cell::RefCell;

thread_local! {
    static PREFIX: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// `path` behind the prefix the browser requests the app under: `/city/oslo` becomes
/// `/sales/city/oslo` in an app served at `/sales/`. Outside the building of a layout or
/// the run of a sync callback (in an async callback, say), the prefix is `/`.
pub fn relative_path(path: &str) -> String {
    PREFIX.with(|prefix| match &*prefix.borrow() {
        Some(prefix) if prefix != "/" => {
            format!(
                "{}/{}",
                prefix.trim_end_matches('/'),
                path.trim_start_matches('/')
            )
        }
        _ => path.to_owned(),
    })
}

/// The prefix in force on this thread until it is dropped.
pub(crate) struct PrefixScope {
    previous: Option<String>,
}

impl PrefixScope {
    pub(crate) fn enter(prefix: &str) -> PrefixScope {
        let previous = PREFIX.with(|slot| slot.borrow_mut().replace(prefix.to_owned()));
        PrefixScope { previous }
    }
}

impl Drop for PrefixScope {
    fn drop(&mut self) {
        let previous = self.previous.take();
        PREFIX.with(|slot| *slot.borrow_mut() = previous);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_go_behind_the_prefix_in_scope() {
        assert_eq!(relative_path("/city/oslo"), "/city/oslo");
        {
            let _scope = PrefixScope::enter("/sales/");
            assert_eq!(relative_path("/city/oslo"), "/sales/city/oslo");
            assert_eq!(relative_path("/"), "/sales/");
            {
                let _inner = PrefixScope::enter("/");
                assert_eq!(relative_path("/a"), "/a");
            }
            assert_eq!(relative_path("/a"), "/sales/a");
        }
        assert_eq!(relative_path("/a"), "/a");
    }
}
