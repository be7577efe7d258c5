//! Bootstrap's stylesheets: a theme is chosen with one line, served by the app
//! ([`library`](crate::library)`(themes::FLATLY)`) or linked from its CDN
//! (`.external_stylesheets([themes::cdn::SLATE])`), as dash-bootstrap-components' `themes`.

/// A stylesheet the app serves itself: Bootstrap, its grid alone, or a Bootswatch theme
/// (from the npm packages `bootstrap` and `bootswatch` 5.3.6, pinned in `suite.lock`).
///
/// Bootswatch's themes import their web fonts from Google Fonts when the page loads, as
/// they do from the CDN: a page without that network shows them in fallback fonts (and the
/// browser logs the failed request). `BOOTSTRAP` and `GRID` load nothing else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Where it is served, under the suite's `_dash-component-suites/` folder; `None` for
    /// no theme.
    pub(crate) path: Option<&'static str>,
}

/// No stylesheet: for a theme linked from elsewhere (`cdn`) or written by the app.
pub const NONE: Theme = Theme { path: None };
/// Bootstrap itself.
pub const BOOTSTRAP: Theme = Theme {
    path: Some("themes/bootstrap.min.css"),
};
/// Bootstrap's grid and layout only.
pub const GRID: Theme = Theme {
    path: Some("themes/bootstrap-grid.min.css"),
};
/// Bootswatch's Flatly.
pub const FLATLY: Theme = Theme {
    path: Some("themes/flatly.min.css"),
};
/// Bootswatch's Darkly.
pub const DARKLY: Theme = Theme {
    path: Some("themes/darkly.min.css"),
};
/// Bootswatch's Lux.
pub const LUX: Theme = Theme {
    path: Some("themes/lux.min.css"),
};
/// Bootswatch's Minty.
pub const MINTY: Theme = Theme {
    path: Some("themes/minty.min.css"),
};

/// Every theme of dash-bootstrap-components 2.0.4 as its CDN URL, for
/// `.external_stylesheets([..])`: the same URLs Python's `dbc.themes` holds.
pub mod cdn {
    macro_rules! bootswatch {
        () => {
            "https://cdn.jsdelivr.net/npm/bootswatch@5.3.6/dist/"
        };
    }

    /// Bootstrap itself.
    pub const BOOTSTRAP: &str =
        "https://cdn.jsdelivr.net/npm/bootstrap@5.3.6/dist/css/bootstrap.min.css";
    /// Bootstrap's grid and layout only.
    pub const GRID: &str =
        "https://cdn.jsdelivr.net/npm/bootstrap@5.3.6/dist/css/bootstrap-grid.min.css";
    /// Bootswatch's Cerulean.
    pub const CERULEAN: &str = concat!(bootswatch!(), "cerulean/bootstrap.min.css");
    /// Bootswatch's Cosmo.
    pub const COSMO: &str = concat!(bootswatch!(), "cosmo/bootstrap.min.css");
    /// Bootswatch's Cyborg.
    pub const CYBORG: &str = concat!(bootswatch!(), "cyborg/bootstrap.min.css");
    /// Bootswatch's Darkly.
    pub const DARKLY: &str = concat!(bootswatch!(), "darkly/bootstrap.min.css");
    /// Bootswatch's Flatly.
    pub const FLATLY: &str = concat!(bootswatch!(), "flatly/bootstrap.min.css");
    /// Bootswatch's Journal.
    pub const JOURNAL: &str = concat!(bootswatch!(), "journal/bootstrap.min.css");
    /// Bootswatch's Litera.
    pub const LITERA: &str = concat!(bootswatch!(), "litera/bootstrap.min.css");
    /// Bootswatch's Lumen.
    pub const LUMEN: &str = concat!(bootswatch!(), "lumen/bootstrap.min.css");
    /// Bootswatch's Lux.
    pub const LUX: &str = concat!(bootswatch!(), "lux/bootstrap.min.css");
    /// Bootswatch's Materia.
    pub const MATERIA: &str = concat!(bootswatch!(), "materia/bootstrap.min.css");
    /// Bootswatch's Minty.
    pub const MINTY: &str = concat!(bootswatch!(), "minty/bootstrap.min.css");
    /// Bootswatch's Morph.
    pub const MORPH: &str = concat!(bootswatch!(), "morph/bootstrap.min.css");
    /// Bootswatch's Pulse.
    pub const PULSE: &str = concat!(bootswatch!(), "pulse/bootstrap.min.css");
    /// Bootswatch's Quartz.
    pub const QUARTZ: &str = concat!(bootswatch!(), "quartz/bootstrap.min.css");
    /// Bootswatch's Sandstone.
    pub const SANDSTONE: &str = concat!(bootswatch!(), "sandstone/bootstrap.min.css");
    /// Bootswatch's Simplex.
    pub const SIMPLEX: &str = concat!(bootswatch!(), "simplex/bootstrap.min.css");
    /// Bootswatch's Sketchy.
    pub const SKETCHY: &str = concat!(bootswatch!(), "sketchy/bootstrap.min.css");
    /// Bootswatch's Slate.
    pub const SLATE: &str = concat!(bootswatch!(), "slate/bootstrap.min.css");
    /// Bootswatch's Solar.
    pub const SOLAR: &str = concat!(bootswatch!(), "solar/bootstrap.min.css");
    /// Bootswatch's Spacelab.
    pub const SPACELAB: &str = concat!(bootswatch!(), "spacelab/bootstrap.min.css");
    /// Bootswatch's Superhero.
    pub const SUPERHERO: &str = concat!(bootswatch!(), "superhero/bootstrap.min.css");
    /// Bootswatch's United.
    pub const UNITED: &str = concat!(bootswatch!(), "united/bootstrap.min.css");
    /// Bootswatch's Vapor.
    pub const VAPOR: &str = concat!(bootswatch!(), "vapor/bootstrap.min.css");
    /// Bootswatch's Yeti.
    pub const YETI: &str = concat!(bootswatch!(), "yeti/bootstrap.min.css");
    /// Bootswatch's Zephyr.
    pub const ZEPHYR: &str = concat!(bootswatch!(), "zephyr/bootstrap.min.css");
}
