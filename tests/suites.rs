//! The component suites in headless Chromium. AG Grid (rust-dash-ag-grid): the grid renders
//! with its theme, and what it sends back (an edited number cell, a cleared cell, text in a
//! number cell, a selection, a sort, a filter model) arrives typed or as pinned here.
//! Bootstrap (rust-dash-bootstrap): the components render with the theme the app serves,
//! and a callback reads and writes their props. dash-daq (rust-dash-daq, written by
//! `dash-codegen suite`): its components render and talk to callbacks.

use std::time::Duration;

use serde_json::json;
use support::browser::Session;

const TIMEOUT: Duration = Duration::from_secs(30);

fn cell(row: &str, column: &str) -> String {
    format!("[row-id='{row}'] [col-id='{column}']")
}

/// Starts editing a cell as a user does, with Backspace (the editor opens empty), types
/// `text` and commits with Enter.
async fn edit(session: &Session, row: &str, column: &str, text: &str) {
    let cell = cell(row, column);
    session.click(&cell).await;
    session.press(&cell, &["Backspace"]).await;
    session
        .wait_for(
            "!!document.querySelector('.ag-cell-inline-editing input')",
            json!(true),
            TIMEOUT,
        )
        .await;
    if !text.is_empty() {
        session
            .type_into(".ag-cell-inline-editing input", text)
            .await;
    }
    session
        .press(".ag-cell-inline-editing input", &["Enter"])
        .await;
}

/// The weather readings in the grid (examples/grid.rs): rendered with AG Grid's theme,
/// then each kind of value the grid sends, pinned: an edited number cell is a number, a
/// cleared one `null` (an `Option<f64>` field takes both, so no 400), a number editor
/// takes no text (the cell is cleared), text stays text, the selection arrives as the
/// app's rows, the sort in the column state, the filter model as AG Grid writes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_grid_sends_typed_rows_back() {
    let running = support::run_example("grid", &[]);
    let session = Session::open(&format!("{}/", running.url)).await;
    session
        .wait_for(
            "document.querySelectorAll('.ag-center-cols-container .ag-row').length",
            json!(15),
            TIMEOUT,
        )
        .await;
    // AG Grid's theme, injected by its code: a header with its own background.
    session
        .wait_for(
            "getComputedStyle(document.querySelector('.ag-header')).backgroundColor !== 'rgba(0, 0, 0, 0)'",
            json!(true),
            TIMEOUT,
        )
        .await;
    session.wait_text("selected", "nothing selected").await;
    session.screenshot("grid-initial").await;

    let oslo = "Oslo 2024-01-01";
    let before = dash_examples::weather::temperature("Oslo", 720);
    edit(&session, oslo, "celsius", "12.5").await;
    session
        .wait_text(
            "last_edit",
            &format!(
                "Oslo on 2024-01-01: 12.5 °C, note \"\" (celsius changed from {before} to 12.5)"
            ),
        )
        .await;
    // A number editor takes no letters: the cell is committed empty, so `null`.
    edit(&session, oslo, "celsius", "abc").await;
    session
        .wait_text(
            "last_edit",
            "Oslo on 2024-01-01: no reading, note \"\" (celsius changed from 12.5 to null)",
        )
        .await;
    edit(&session, oslo, "note", "windy").await;
    session
        .wait_text(
            "last_edit",
            "Oslo on 2024-01-01: no reading, note \"windy\" (note changed from \"\" to \"windy\")",
        )
        .await;
    // Delete clears a cell without opening the editor: `null` too.
    let paris = "Paris 2024-01-01";
    let paris_before = dash_examples::weather::temperature("Paris", 720);
    session.click(&cell(paris, "celsius")).await;
    session.press(&cell(paris, "celsius"), &["Delete"]).await;
    session.wait_text("last_edit",
        &format!("Paris on 2024-01-01: no reading, note \"\" (celsius changed from {paris_before} to null)"),
    )
    .await;

    session
        .click("[row-id='Cairo 2024-01-02'] .ag-selection-checkbox input")
        .await;
    session
        .click("[row-id='Paris 2024-01-03'] .ag-selection-checkbox input")
        .await;
    session
        .wait_text("selected", "Cairo 2024-01-02, Paris 2024-01-03")
        .await;

    session
        .click("[col-id='celsius'] .ag-header-cell-label")
        .await;
    session.wait_text("sorting", "\"celsius\" \"asc\"").await;

    session
        .eval(
            "dash_ag_grid.getApi('readings').setFilterModel(\
             {city: {filterType: 'text', type: 'contains', filter: 'o'}})",
        )
        .await;
    session
        .wait_text(
            "filtering",
            r#"{"city":{"filter":"o","filterType":"text","type":"contains"}}"#,
        )
        .await;
    // The rows move to their filtered places; the picture waits for them.
    tokio::time::sleep(Duration::from_secs(1)).await;
    session.screenshot("grid-edited").await;
    session.close_without_errors().await;
}

/// The Bootstrap form (examples/bootstrap.rs): Bootstrap's colours from the stylesheet the
/// app serves, then a callback reading a `Select`'s value (text) and a number `Input`'s
/// (a number), and writing an `Alert`'s text and colour.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bootstrap_components_render_themed_and_talk_to_callbacks() {
    let running = support::run_example("bootstrap", &[]);
    let session = Session::open(&format!("{}/", running.url)).await;
    // Bootstrap's primary colour, #0d6efd, on the button and the navbar.
    let background = |selector: &str| {
        format!("getComputedStyle(document.querySelector('{selector}')).backgroundColor")
    };
    session
        .wait_for(&background("#check"), json!("rgb(13, 110, 253)"), TIMEOUT)
        .await;
    session
        .wait_for(
            &background("nav.navbar"),
            json!("rgb(13, 110, 253)"),
            TIMEOUT,
        )
        .await;
    session.screenshot("bootstrap-initial").await;
    session
        .eval(
            "(() => { const s = document.getElementById('city'); \
             const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set; \
             set.call(s, 'Cairo'); s.dispatchEvent(new Event('change', {bubbles: true})); })()",
        )
        .await;
    session.press("#threshold", &["Backspace"]).await;
    session.type_into("#threshold", "20").await;
    session.click("#check").await;
    let cairo = dash_examples::weather::temperature("Cairo", 720);
    let expected = if cairo > 20.0 {
        format!("Cairo: {cairo} °C, above 20")
    } else {
        format!("Cairo: {cairo} °C, not above 20")
    };
    session.wait_text("verdict", &expected).await;
    let class = if cairo > 20.0 {
        "alert-success"
    } else {
        "alert-danger"
    };
    session
        .wait_for(
            &format!("document.getElementById('verdict').classList.contains('{class}')"),
            json!(true),
            TIMEOUT,
        )
        .await;
    session.screenshot("bootstrap-checked").await;
    session.close_without_errors().await;
}

/// The weather dashboard with the three suites (examples/dashboard.rs): Bootstrap's layout
/// and navbar, Mantine's controls, AG Grid's table of the cleaned data and a figure, all
/// drawn; a Mantine control drives the callback that fills the grid with the app's `Day`
/// rows and draws the figure.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_uses_three_suites_together() {
    let running = support::run_example("dashboard", &[]);
    let session = Session::open(&format!("{}/", running.url)).await;
    session
        .wait_for(
            "document.querySelectorAll('#table .ag-center-cols-container .ag-row').length",
            json!(14),
            TIMEOUT,
        )
        .await;
    session
        .wait_for(
            "document.querySelectorAll('#chart .scatterlayer .trace').length",
            json!(3),
            TIMEOUT,
        )
        .await;
    // Bootstrap's dark navbar; Mantine's own classes on its controls.
    session
        .wait_for(
            "getComputedStyle(document.querySelector('nav.navbar')).backgroundColor",
            json!("rgb(33, 37, 41)"),
            TIMEOUT,
        )
        .await;
    session
        .wait_for(
            "!!document.querySelector('.mantine-SegmentedControl-root') \
             && !!document.querySelector('.mantine-Slider-root')",
            json!(true),
            TIMEOUT,
        )
        .await;
    let mean = |fahrenheit: bool| {
        let first = &examples_dashboard::clean("Oslo", 14, fahrenheit)[0];
        format!("{}", first.mean)
    };
    let first_mean =
        "(document.querySelector(\"#table [row-index='0'] [col-id='mean']\") || {}).textContent";
    session
        .wait_for(first_mean, json!(mean(false)), TIMEOUT)
        .await;
    session.screenshot("dashboard-celsius").await;
    session
        .click_xpath(
            "//*[contains(@class,'mantine-SegmentedControl-root')]//label[normalize-space()='°F']",
        )
        .await;
    session
        .wait_for(first_mean, json!(mean(true)), TIMEOUT)
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    session.screenshot("dashboard-fahrenheit").await;
    session.close_without_errors().await;
}

/// The dashboard's own code, for the values the test expects.
#[allow(dead_code)]
#[path = "../examples/dashboard.rs"]
mod examples_dashboard;

/// The boiler panel from dash-daq (examples/daq.rs), a crate `dash-codegen suite` wrote
/// from the package's wheel: the components render (the colour picker from its async
/// chunk), callbacks read and write their props, and what they send is pinned: the switch
/// a bool, the colour picker `{"hex", "rgb"}` (its metadata says `rbg`, so `rgb` arrives
/// in the typed value's `extra`), the numeric input a JSON number, nothing while it is
/// empty or holds letters, and nothing for a value above `max` (it shows `max`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn daq_components_render_and_talk_to_callbacks() {
    let running = support::run_example("daq", &[]);
    let session = Session::open(&format!("{}/", running.url)).await;
    let lamp = "document.querySelector('#lamp [class*=indicator--]')";
    // Drawn: the gauge's dial, the LED display's digits, the colour picker (async chunk).
    session
        .wait_for(
            "!!document.querySelector('#gauge svg .scale') \
             && document.querySelectorAll('#display svg').length >= 3 \
             && !!document.querySelector('#colour .chrome-picker')",
            json!(true),
            TIMEOUT,
        )
        .await;
    session.wait_text("state", "off").await;
    session.wait_text("sent", "40").await;
    session.wait_text("picked", r##"{"hex":"#119DFF"}"##).await;
    session
        .wait_for(
            &format!("{lamp}.className.includes('indicator--off')"),
            json!(true),
            TIMEOUT,
        )
        .await;
    session.screenshot("daq-initial").await;

    // The switch sends `on: true`; the callback lights the indicator in the chosen colour.
    session.click("#power button").await;
    session.wait_text("state", "heating, lamp #119DFF").await;
    session
        .wait_for(
            &format!("getComputedStyle({lamp}).backgroundColor"),
            json!("rgb(17, 157, 255)"),
            TIMEOUT,
        )
        .await;

    // A colour typed into the picker arrives with its RGB form beside the hex.
    let hex = "#colour input";
    session.click(hex).await;
    session.press(hex, &["End"]).await;
    session.press(hex, &["Backspace"; 7]).await;
    session.type_into(hex, "ff5733").await;
    session.press(hex, &["Enter"]).await;
    session.wait_text("state", "heating, lamp #ff5733").await;
    session
        .wait_text(
            "picked",
            r##"{"hex":"#ff5733","rgb":{"a":1,"b":51,"g":87,"r":255}}"##,
        )
        .await;
    session
        .wait_for(
            &format!("getComputedStyle({lamp}).backgroundColor"),
            json!("rgb(255, 87, 51)"),
            TIMEOUT,
        )
        .await;

    // The numeric input sends each number as typed; emptied, it sends nothing (the last
    // digit's value stays); letters send nothing; above `max` it shows `max` and sends
    // nothing either.
    let input = "#setpoint input";
    let shown = "document.querySelector('#setpoint input').value";
    session.click(input).await;
    session.press(input, &["End"]).await;
    session.press(input, &["Backspace"; 2]).await;
    session.wait_for(shown, json!(""), TIMEOUT).await;
    session.wait_text("sent", "4").await;
    session.type_into(input, "72.5").await;
    session.wait_text("sent", "72.5").await;
    // The gauge shows it (its current value, under the dial).
    session
        .wait_for(
            "document.getElementById('gauge').textContent.includes('72.5')",
            json!(true),
            TIMEOUT,
        )
        .await;
    session.screenshot("daq-setpoint").await;
    session.press(input, &["Backspace"; 4]).await;
    session.type_into(input, "abc").await;
    session.wait_for(shown, json!("abc"), TIMEOUT).await;
    session.wait_text("sent", "7").await;
    session.press(input, &["Backspace"; 3]).await;
    session.type_into(input, "150").await;
    session.press(input, &["Tab"]).await;
    session.wait_for(shown, json!("90"), TIMEOUT).await;
    session.wait_text("sent", "15").await;
    session.close_without_errors().await;
}

/// Bootstrap's and Mantine's form controls (examples/suite_forms.rs), each value shown as
/// the JSON that arrived: what the README's tables list, pinned. Bootstrap's number
/// `Input` sends `null` once emptied; Mantine's `NumberInput` sends `""` once emptied and
/// `"-"` while a minus sign is typed (startup refuses an `f64` argument for it; the
/// example's `Option<dash::StringOrNumber>` takes every form).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bootstrap_and_mantine_forms_arrive_as_pinned() {
    let running = support::run_example("suite_forms", &[]);
    let session = Session::open(&format!("{}/", running.url)).await;
    for (id, initial) in [
        ("bs_number_sent", "3"),
        ("bs_checklist_sent", "[1]"),
        ("bs_radio_sent", "1"),
        ("bs_switch_sent", "false"),
        ("dmc_number_sent", "3"),
        ("dmc_number_typed", "number 3"),
        ("dmc_select_sent", r#""Oslo""#),
        ("dmc_multi_sent", r#"["Oslo"]"#),
        ("dmc_checkbox_sent", "false"),
    ] {
        session.wait_text(id, initial).await;
    }
    session.screenshot("suite-forms").await;

    // Bootstrap.
    let number = "#bs_number";
    session.click(number).await;
    session.press(number, &["End", "Backspace"]).await;
    session.wait_text("bs_number_sent", "null").await;
    session.type_into(number, "2.5").await;
    session.wait_text("bs_number_sent", "2.5").await;
    let option =
        |id: &str, label: &str| format!("//*[@id='{id}']//label[normalize-space()='{label}']");
    session.click_xpath(&option("bs_checklist", "three")).await;
    session.wait_text("bs_checklist_sent", "[1,3]").await;
    session.click_xpath(&option("bs_checklist", "one")).await;
    session.click_xpath(&option("bs_checklist", "three")).await;
    session.wait_text("bs_checklist_sent", "[]").await;
    session.click_xpath(&option("bs_radio", "two")).await;
    session.wait_text("bs_radio_sent", "2").await;
    session.click("#bs_switch").await;
    session.wait_text("bs_switch_sent", "true").await;

    // Mantine.
    let number = "#dmc_number";
    session.click(number).await;
    session.press(number, &["End", "Backspace"]).await;
    session.wait_text("dmc_number_sent", r#""""#).await;
    session.wait_text("dmc_number_typed", "empty").await;
    session.type_into(number, "2.5").await;
    session.wait_text("dmc_number_sent", "2.5").await;
    session.type_into(number, "abc").await;
    session
        .wait_for(
            "document.getElementById('dmc_number').value",
            json!("2.5"),
            TIMEOUT,
        )
        .await;
    session.press(number, &["Backspace"; 3]).await;
    session.type_into(number, "-").await;
    session.wait_text("dmc_number_sent", r#""-""#).await;
    session.wait_text("dmc_number_typed", r#"text "-""#).await;
    // Leaving the box with only the sign in it empties it.
    session.click("#dmc_checkbox").await;
    session.wait_text("dmc_number_sent", r#""""#).await;
    session.wait_text("dmc_checkbox_sent", "true").await;
    session.click("#dmc_select + div button").await;
    session.wait_text("dmc_select_sent", "null").await;
    // Picking the chosen option again deselects it (`allowDeselect`, on by default).
    let paris = "//*[@role='option'][normalize-space()='Paris']";
    session.click("#dmc_select").await;
    session.click_xpath(paris).await;
    session.wait_text("dmc_select_sent", r#""Paris""#).await;
    session.click("#dmc_select").await;
    session.click_xpath(paris).await;
    session.wait_text("dmc_select_sent", "null").await;
    session.click("#dmc_multi").await;
    session
        .click_xpath("//*[@role='option'][normalize-space()='Cairo']")
        .await;
    session
        .wait_text("dmc_multi_sent", r#"["Oslo","Cairo"]"#)
        .await;
    session
        .click(".mantine-MultiSelect-pill .mantine-Pill-remove")
        .await;
    session
        .click(".mantine-MultiSelect-pill .mantine-Pill-remove")
        .await;
    session.wait_text("dmc_multi_sent", "[]").await;
    session.close_without_errors().await;
}

/// A callback that takes Mantine's `NumberInput` value as a number would answer 400 once
/// the user empties the box (it sends `""`): the app refuses to start, naming the form.
#[dash::app]
mod number_as_f64 {
    use dash::prelude::*;
    use dash_mantine::NumberInput;

    #[ids]
    pub struct Ids {
        amount: NumberInput,
        out: html::P,
    }

    #[callback(output = "out.children", input = "amount.value")]
    fn show(amount: Option<f64>) -> String {
        format!("{amount:?}")
    }
}

#[test]
fn a_number_argument_for_a_mantine_number_input_stops_the_app() {
    let layout = dash_mantine::MantineProvider::new().children(html_div());
    let message = dash::Dash::new()
        .component_library(dash_mantine::library())
        .layout(layout)
        .app::<number_as_f64::Ids>()
        .build()
        .expect_err("refused")
        .to_string();
    assert!(
        message.contains(r#"`""` when the user empties a NumberInput"#),
        "{message}"
    );
    assert!(
        message.contains("Option<dash::StringOrNumber>"),
        "{message}"
    );
}

fn html_div() -> dash::html::Div {
    dash::html::Div::new().children([
        dash_mantine::NumberInput::new()
            .id("amount")
            .value(3)
            .into(),
        dash::html::P::new().id("out").into(),
    ])
}
