//! The HTML page every non-API GET answers with: the config the renderer reads, the
//! scripts in order, and the bootstrap.

use serde_json::{Value, json};

use crate::app_assets::AssetsFolder;
use crate::assets::{self, DASH_VERSION};
use crate::config::Config;
use crate::library::Libraries;
use crate::pathnames::Pathnames;
use crate::resource::{escape, meta_tags};

/// What the page needs to know of the app beyond its settings.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Features {
    /// It has pages (`dash.page_container`, link-preview tags).
    pub pages: bool,
    /// It has background callbacks: each page load gets an `end_id`.
    pub background: bool,
    /// It has WebSocket callbacks: `_dash-config` gets a `websocket` block.
    pub websocket: bool,
}

/// The renderer's shared worker for WebSocket callbacks, under `_dash-component-suites/`.
const WS_WORKER: &str = "dash/dash-renderer/build/dash-ws-worker.js";

/// The `_dash-config` object.
pub(crate) fn dash_config(
    config: &Config,
    pathnames: &Pathnames,
    libraries: &Libraries,
    validation_layout: Option<&Value>,
    features: Features,
) -> Value {
    let mut value = json!({
        "url_base_pathname": pathnames.url_base,
        "requests_pathname_prefix": pathnames.requests,
        "ui": config.debug,
        "props_check": config.debug,
        "disable_version_check": true,
        "show_undo_redo": false,
        "suppress_callback_exceptions": config.suppress_callback_exceptions,
        "update_title": config.update_title,
        "children_props": libraries.children_props(),
        "serve_locally": true,
        "dash_version": DASH_VERSION,
        "validate_callbacks": config.debug,
        "plotly_cloud_installed": false,
    });
    if config.debug {
        value["dev_tools"] = json!([]);
    }
    if let Some(layout) = validation_layout {
        value["validation_layout"] = layout.clone();
    }
    if features.background {
        value["end_id"] = json!(END_ID);
    }
    if features.websocket {
        let worker = crate::assets::ASSETS
            .iter()
            .find(|asset| asset.path == WS_WORKER)
            .expect("the worker is in frontend.lock");
        value["websocket"] = json!({
            "enabled": config.websocket_callbacks,
            "url": pathnames.request("_dash-ws-callback"),
            "worker_url": pathnames.request(&format!(
                "_dash-component-suites/{}",
                crate::assets::with_fingerprint(worker.path, worker.fingerprint)
            )),
            "inactivity_timeout": 300_000,
            "heartbeat_interval": 30_000,
        });
    }
    if config.hot_reload() {
        value["hot_reload"] = json!({
            "interval": crate::reload::POLL_INTERVAL_MS,
            "max_retry": crate::reload::MAX_RETRY,
        });
    }
    value
}

/// Where each page load's `end_id` goes, in the page of an app with background callbacks:
/// letters no signed id holds.
pub(crate) const END_ID: &str = "@@dash-end-id@@";

/// Where a page's link-preview tags go, in the page of an app with pages: a mark no
/// template holds.
pub(crate) const PAGE_METAS: &str = "\u{0}page-metas\u{0}";

/// Python Dash's template, with the same markers.
const DEFAULT_TEMPLATE: &str = "<!DOCTYPE html>
<html>
  <head>
{%metas%}    <title>{%title%}</title>
    {%favicon%}
{%css%}  </head>
  <body>
    {%app_entry%}
    <footer>
      {%config%}
{%scripts%}      {%renderer%}
    </footer>
  </body>
</html>
";

/// The markers a template must hold (Python Dash's `InvalidIndexException`).
const REQUIRED: [&str; 3] = ["{%app_entry%}", "{%config%}", "{%scripts%}"];

/// The whole page, rendered once at startup: the template with each marker replaced. A
/// template without a required marker, or a page without what the renderer needs to
/// start, is an error saying what is missing. `clientside` holds the bodies of the inline
/// scripts that define the clientside callbacks' functions (`super::clientside`).
pub(crate) fn render(
    config: &Config,
    pathnames: &Pathnames,
    libraries: &Libraries,
    assets: Option<&AssetsFolder>,
    validation_layout: Option<&Value>,
    features: Features,
    clientside: &[String],
) -> Result<String, String> {
    let template = config.index_string.as_deref().unwrap_or(DEFAULT_TEMPLATE);
    let missing: Vec<&str> = REQUIRED
        .into_iter()
        .filter(|marker| !template.contains(marker))
        .collect();
    if !missing.is_empty() {
        return Err(format!("the template lacks {}", missing.join(", ")));
    }
    // `<` never appears raw inside the script element, so `</script>` cannot end it early.
    let config_json = dash_config(config, pathnames, libraries, validation_layout, features)
        .to_string()
        .replace('<', "\\u003c");
    let suite = |path: String| {
        let src = pathnames.request(&format!("_dash-component-suites/{path}"));
        format!("      <script src=\"{src}\"></script>\n")
    };
    let asset = |path: &str, modified: &str| {
        let url = format!(
            "{}/{}?m={modified}",
            config.assets_url_path.trim_matches('/'),
            crate::app_assets::url_path(path)
        );
        escape(&pathnames.request(&url))
    };
    // Python Dash's order: React and its dependencies, the external scripts, the other
    // component libraries, the assets' scripts, then the renderer and Dash's components.
    let (dependencies, dash): (Vec<String>, Vec<String>) =
        assets::page_scripts(config.debug).partition(|path| path.starts_with("dash/deps/"));
    let mut scripts: String = dependencies.into_iter().map(suite).collect();
    for script in &config.external_scripts {
        scripts.push_str(&format!("      {}\n", script.script()));
    }
    scripts.extend(libraries.page_scripts().into_iter().map(suite));
    for script in assets.iter().flat_map(|assets| &assets.js) {
        let module = if script.module {
            " type=\"module\""
        } else {
            ""
        };
        let src = asset(&script.path, &script.modified);
        scripts.push_str(&format!("      <script{module} src=\"{src}\"></script>\n"));
    }
    scripts.extend(dash.into_iter().map(suite));
    if features.pages {
        scripts.push_str(&format!("      {}\n", crate::pages::TITLE_SCRIPT));
    }
    // After every other script, before the renderer starts, as Python Dash places them.
    for script in clientside {
        scripts.push_str(&format!("      <script>{script}</script>\n"));
    }
    // External stylesheets, then the component libraries', then the assets'.
    let mut css: String = config
        .external_stylesheets
        .iter()
        .map(|sheet| format!("    {}\n", sheet.stylesheet()))
        .collect();
    for sheet in libraries.page_stylesheets() {
        let href = escape(&pathnames.request(&format!("_dash-component-suites/{sheet}")));
        css.push_str(&format!("    <link rel=\"stylesheet\" href=\"{href}\">\n"));
    }
    for sheet in assets.iter().flat_map(|assets| &assets.css) {
        let href = asset(&sheet.path, &sheet.modified);
        css.push_str(&format!("    <link rel=\"stylesheet\" href=\"{href}\">\n"));
    }
    let favicon = match assets.and_then(|assets| assets.favicon.as_ref()) {
        Some(icon) => asset(&icon.path, &icon.modified),
        None => format!("{}?v={DASH_VERSION}", pathnames.request("_favicon.ico")),
    };
    let parts = [
        (
            "{%metas%}",
            // Each visit's link-preview tags go first, in place of the mark (http/).
            if features.pages {
                format!("{PAGE_METAS}{}", meta_tags(&config.meta_tags))
            } else {
                meta_tags(&config.meta_tags)
            },
        ),
        ("{%title%}", escape(&config.title)),
        (
            "{%favicon%}",
            format!("<link rel=\"icon\" type=\"image/x-icon\" href=\"{favicon}\">"),
        ),
        ("{%css%}", css),
        (
            "{%app_entry%}",
            "<div id=\"react-entry-point\">\n      <div class=\"_dash-loading\">Loading...</div>\n    </div>"
                .to_owned(),
        ),
        (
            "{%config%}",
            format!("<script id=\"_dash-config\" type=\"application/json\">{config_json}</script>"),
        ),
        ("{%scripts%}", scripts),
        (
            "{%renderer%}",
            "<script id=\"_dash-renderer\" type=\"application/javascript\">var renderer = new DashRenderer();</script>"
                .to_owned(),
        ),
    ];
    // One pass over the template, so that a part holding a marker's text (a title, say)
    // is left as it is. Unknown markers stay, as in Python.
    let mut page = String::with_capacity(template.len() + 4096);
    let mut rest = template;
    while let Some(start) = rest.find("{%") {
        page.push_str(&rest[..start]);
        let marker = rest[start..]
            .find("%}")
            .map(|end| &rest[start..start + end + 2])
            .and_then(|marker| parts.iter().find(|(name, _)| *name == marker));
        match marker {
            Some((name, part)) => {
                page.push_str(part);
                rest = &rest[start + name.len()..];
            }
            None => {
                page.push_str("{%");
                rest = &rest[start + 2..];
            }
        }
    }
    page.push_str(rest);
    // What the renderer needs to start (Python Dash checks it on every request).
    let needs = [
        ("id=\"react-entry-point\"", "{%app_entry%}"),
        ("id=\"_dash-config\"", "{%config%}"),
        ("dash_renderer", "{%scripts%}"),
        ("id=\"_dash-renderer\"", "{%renderer%}"),
    ];
    let lacking: Vec<&str> = needs
        .iter()
        .filter(|(text, _)| !page.contains(text))
        .map(|(_, marker)| *marker)
        .collect();
    if !lacking.is_empty() {
        return Err(format!(
            "the page lacks what {} writes: the renderer cannot start without it",
            lacking.join(", ")
        ));
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_cannot_close_its_script() {
        let config = Config {
            update_title: Some("</script><b>".into()),
            ..Config::default()
        };
        let page = render(
            &config,
            &Pathnames::default(),
            &Libraries::default(),
            None,
            None,
            Features::default(),
            &[],
        )
        .unwrap();
        assert_eq!(
            page.matches("</script>").count(),
            page.matches("<script").count()
        );
    }

    #[test]
    fn a_template_gets_its_markers_filled_once() {
        let config = Config {
            title: "{%css%} & more".into(),
            index_string: Some(
                "<html><head>{%metas%}<title>{%title%}</title>{%css%}</head><body>\
                 <p>custom</p>{%app_entry%}{%config%}{%scripts%}{%renderer%}{%unknown%}</body></html>"
                    .into(),
            ),
            ..Config::default()
        };
        let page = render(
            &config,
            &Pathnames::default(),
            &Libraries::default(),
            None,
            None,
            Features::default(),
            &[],
        )
        .unwrap();
        assert!(page.contains("<title>{%css%} &amp; more</title>"), "{page}");
        assert!(page.contains("<p>custom</p><div id=\"react-entry-point\">"));
        assert!(page.contains("{%unknown%}"), "unknown markers stay");
        assert!(!page.contains("{%scripts%}"));
    }

    #[test]
    fn a_template_without_its_markers_is_an_error_naming_them() {
        let with = |template: &str| Config {
            index_string: Some(template.into()),
            ..Config::default()
        };
        let error = render(
            &with("{%scripts%}"),
            &Pathnames::default(),
            &Libraries::default(),
            None,
            None,
            Features::default(),
            &[],
        )
        .unwrap_err();
        assert_eq!(error, "the template lacks {%app_entry%}, {%config%}");
        let error = render(
            &with("{%app_entry%}{%config%}{%scripts%}"),
            &Pathnames::default(),
            &Libraries::default(),
            None,
            None,
            Features::default(),
            &[],
        )
        .unwrap_err();
        assert!(
            error.starts_with("the page lacks what {%renderer%} writes"),
            "{error}"
        );
    }

    #[test]
    fn title_is_escaped() {
        let config = Config {
            title: "<Scores & more>".into(),
            ..Config::default()
        };
        let page = render(
            &config,
            &Pathnames::default(),
            &Libraries::default(),
            None,
            None,
            Features::default(),
            &[],
        )
        .unwrap();
        assert!(page.contains("<title>&lt;Scores &amp; more&gt;</title>"));
    }
}
