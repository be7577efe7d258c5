//! The HTML page every non-API GET answers with: the config the renderer reads, the
//! scripts in order, and the bootstrap.

use serde_json::{Value, json};

use crate::app_assets::AssetsFolder;
use crate::assets::{self, DASH_VERSION};
use crate::config::Config;
use crate::library::Libraries;
use crate::pathnames::Pathnames;

/// The `_dash-config` object.
pub(crate) fn dash_config(config: &Config, pathnames: &Pathnames, libraries: &Libraries) -> Value {
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
    value
}

/// The whole page, rendered once at startup.
pub(crate) fn render(
    config: &Config,
    pathnames: &Pathnames,
    libraries: &Libraries,
    assets: Option<&AssetsFolder>,
) -> String {
    // `<` never appears raw inside the script element, so `</script>` cannot end it early.
    let config_json = dash_config(config, pathnames, libraries)
        .to_string()
        .replace('<', "\\u003c");
    let suite = |path: String| {
        let src = pathnames.request(&format!("_dash-component-suites/{path}"));
        format!("      <script src=\"{src}\"></script>\n")
    };
    let asset = |path: &str, modified: &str| {
        let url = format!(
            "{}/{path}?m={modified}",
            config.assets_url_path.trim_matches('/')
        );
        escape_html(&pathnames.request(&url))
    };
    // Python Dash's order: React and its dependencies, the other component libraries, the
    // assets' scripts, then the renderer and Dash's own components.
    let (dependencies, dash): (Vec<String>, Vec<String>) =
        assets::page_scripts(config.debug).partition(|path| path.starts_with("dash/deps/"));
    let mut scripts: String = dependencies.into_iter().map(suite).collect();
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
    let stylesheets: String = assets
        .iter()
        .flat_map(|assets| &assets.css)
        .map(|sheet| {
            let href = asset(&sheet.path, &sheet.modified);
            format!("    <link rel=\"stylesheet\" href=\"{href}\">\n")
        })
        .collect();
    let favicon = match assets.and_then(|assets| assets.favicon.as_ref()) {
        Some(icon) => asset(&icon.path, &icon.modified),
        None => format!("{}?v={DASH_VERSION}", pathnames.request("_favicon.ico")),
    };
    format!(
        r#"<!DOCTYPE html>
<html>
  <head>
    <meta http-equiv="X-UA-Compatible" content="IE=edge">
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{title}</title>
    <link rel="icon" type="image/x-icon" href="{favicon}">
{stylesheets}  </head>
  <body>
    <div id="react-entry-point">
      <div class="_dash-loading">Loading...</div>
    </div>
    <footer>
      <script id="_dash-config" type="application/json">{config_json}</script>
{scripts}      <script id="_dash-renderer" type="application/javascript">var renderer = new DashRenderer();</script>
    </footer>
  </body>
</html>
"#,
        title = escape_html(&config.title),
    )
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
        let page = render(&config, &Pathnames::default(), &Libraries::default(), None);
        assert_eq!(
            page.matches("</script>").count(),
            page.matches("<script").count()
        );
    }

    #[test]
    fn title_is_escaped() {
        let config = Config {
            title: "<Scores & more>".into(),
            ..Config::default()
        };
        let page = render(&config, &Pathnames::default(), &Libraries::default(), None);
        assert!(page.contains("<title>&lt;Scores &amp; more&gt;</title>"));
    }
}
