//! The one Dash version everything pinned comes from.

/// The version of Python Dash whose front end (the npm packages in `frontend.lock`) and
/// component metadata (the `dash` wheel `dash-codegen` reads) this workspace pins: the
/// server reports it as Python Dash would, and the generated components name it.
pub const DASH_VERSION: &str = "4.4.1";

#[cfg(test)]
mod tests {
    use super::DASH_VERSION;

    #[test]
    fn is_a_release_version() {
        let parts: Vec<&str> = DASH_VERSION.split('.').collect();
        assert_eq!(parts.len(), 3, "{DASH_VERSION}");
        assert!(
            parts.iter().all(|p| p.parse::<u32>().is_ok()),
            "{DASH_VERSION}"
        );
    }

    /// The files of the repository that pin the same version say the same (a packaged crate
    /// has none of them, and checks nothing).
    #[test]
    fn the_other_pins_agree() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        if let Ok(script) = std::fs::read_to_string(root.join("scripts/dash-metadata")) {
            assert!(
                script.contains(&format!("\nversion={DASH_VERSION}\n")),
                "scripts/dash-metadata fetches another wheel than {DASH_VERSION}"
            );
        }
        if let Ok(lock) = std::fs::read_to_string(root.join("dash-server/frontend.lock")) {
            for package in ["dash-core-components", "dash-html-components"] {
                assert!(
                    lock.contains(&format!("\npackage {package} {DASH_VERSION} ")),
                    "dash-server/frontend.lock pins another {package} than {DASH_VERSION}"
                );
            }
        }
    }
}
