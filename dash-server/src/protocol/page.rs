//! The HTML page every non-API GET answers with: the config the renderer reads, the
//! scripts in order, and the bootstrap.

use serde_json::{Value, json};

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
pub(crate) fn render(config: &Config, pathnames: &Pathnames, libraries: &Libraries) -> String {
    // `<` never appears raw inside the script element, so `</script>` cannot end it early.
    let config_json = dash_config(config, pathnames, libraries)
        .to_string()
        .replace('<', "\\u003c");
    let scripts: String = assets::page_scripts(config.debug)
        .chain(libraries.page_scripts())
        .map(|path| {
            let src = pathnames.request(&format!("_dash-component-suites/{path}"));
            format!("      <script src=\"{src}\"></script>\n")
        })
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html>
  <head>
    <meta http-equiv="X-UA-Compatible" content="IE=edge">
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{title}</title>
    <link rel="icon" type="image/x-icon" href="{favicon}?v={DASH_VERSION}">
  </head>
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
        favicon = pathnames.request("_favicon.ico"),
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
        let page = render(&config, &Pathnames::default(), &Libraries::default());
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
        let page = render(&config, &Pathnames::default(), &Libraries::default());
        assert!(page.contains("<title>&lt;Scores &amp; more&gt;</title>"));
    }
}
