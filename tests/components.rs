//! The typed components build exactly the layout JSON Python Dash 4.4.1 builds.

use dash::dash_table::{DataTable, data_table};
use dash::{Figure, Node, Options, StorageType, Store, dcc, html};
use serde_json::{Value, json};

/// The layout of tests/python/components.py, written with the typed components.
fn every_component() -> html::Div {
    use dcc::{graph, input, loading, tabs, tooltip};

    html::Div::new()
        .id("page")
        .class_name("page")
        .style(json!({"padding": "1em", "fontFamily": "sans-serif"}))
        .children([
            html::H1::new()
                .children("All components")
                .title("heading")
                .data_attribute("test", "h1")
                .aria("label", "Heading")
                .into(),
            html::P::new()
                .children([
                    Node::from("text "),
                    html::B::new().children("bold").into(),
                    3.into(),
                    " ".into(),
                    html::A::new()
                        .children("link")
                        .href("https://example.com")
                        .target("_blank")
                        .into(),
                ])
                .into(),
            html::Img::new()
                .src("/x.png")
                .alt("x")
                .width(10)
                .height("20")
                .into(),
            html::Ul::new()
                .children([
                    Node::from(html::Li::new().children("one")),
                    html::Li::new().children("two").n_clicks(2).into(),
                ])
                .into(),
            html::Table::new()
                .children([
                    Node::from(html::Thead::new().children(html::Tr::new().children([
                        Node::from(html::Th::new().children("a")),
                        html::Th::new().children("b").col_span(2).into(),
                    ]))),
                    html::Tbody::new()
                        .children(html::Tr::new().children([
                            Node::from(html::Td::new().children(1)),
                            html::Td::new().children(2.5).into(),
                        ]))
                        .into(),
                ])
                .into(),
            html::Button::new()
                .children("Go")
                .id("go")
                .n_clicks(0)
                .disabled(false)
                .hidden(true)
                .into(),
            html::Label::new().children("Name").html_for("name").into(),
            html::Select::new()
                .children([
                    Node::from(html::Option::new().children("x").value("x").selected(true)),
                    html::Option::new().children("y").value("y").into(),
                ])
                .into(),
            html::Video::new()
                .src("/v.mp4")
                .controls(true)
                .r#loop(true)
                .into(),
            html::Iframe::new().src("/frame").sandbox("").into(),
            html::Details::new()
                .children([
                    Node::from(html::Summary::new().children("More")),
                    "hidden text".into(),
                ])
                .open(true)
                .into(),
            html::Progress::new().value("30").max(100).into(),
            html::Hr::new().into(),
            html::Br::new().into(),
            html::Span::new()
                .tab_index(1)
                .key("k")
                .role("note")
                .dir("ltr")
                .lang("en")
                .draggable("true")
                .into(),
            dcc::Button::new()
                .children("Click")
                .id("dcc-button")
                .n_clicks(0)
                .r#type(dcc::button::Type::Button)
                .into(),
            dcc::Checklist::new()
                .id("checklist")
                .options([
                    dash::Choice::from("a"),
                    "b".into(),
                    dash::LabeledOption::new("C", "c").disabled(true).into(),
                ])
                .value(["a"])
                .inline(true)
                .into(),
            dcc::Clipboard::new()
                .id("clip")
                .target_id("page")
                .title("copy")
                .into(),
            dcc::ConfirmDialog::new()
                .id("confirm")
                .message("Sure?")
                .into(),
            dcc::ConfirmDialogProvider::new()
                .children(html::Button::new().children("Delete"))
                .id("provider")
                .message("Really?")
                .into(),
            dcc::DatePickerRange::new()
                .id("range")
                .start_date("2024-01-01")
                .end_date("2024-01-31")
                .display_format("YYYY-MM-DD")
                .first_day_of_week(1)
                .into(),
            dcc::DatePickerSingle::new()
                .id("date")
                .date("2024-05-06")
                .min_date_allowed("2024-01-01")
                .clearable(true)
                .into(),
            dcc::Download::new().id("download").into(),
            dcc::Dropdown::new()
                .id("dropdown")
                .options([("New York", "NYC"), ("Montréal", "MTL")])
                .value("NYC")
                .clearable(false)
                .multi(false)
                .into(),
            dcc::Geolocation::new().id("geo").high_accuracy(true).into(),
            dcc::Graph::new()
                .id("graph")
                .figure(
                    Figure::new()
                        .trace(json!({"type": "bar", "x": [1, 2], "y": [3, 4]}))
                        .layout(json!({"title": {"text": "Bars"}})),
                )
                .config(
                    graph::Config::new()
                        .display_mode_bar(graph::ConfigDisplayModeBar::False)
                        .to_image_button_options(
                            graph::ConfigToImageButtonOptions::new()
                                .format(graph::ConfigToImageButtonOptionsFormat::Svg),
                        ),
                )
                .style(json!({"height": "300px"}))
                .responsive(graph::Responsive::True)
                .into(),
            dcc::Input::new()
                .id("input")
                .r#type(input::Type::Number)
                .value(3)
                .min(0)
                .max(10)
                .step(0.5)
                .debounce(true)
                .placeholder("n")
                .into(),
            dcc::Interval::new()
                .id("interval")
                .interval(60000)
                .max_intervals(0)
                .disabled(true)
                .into(),
            dcc::Link::new("/").children("Home").refresh(false).into(),
            dcc::Loading::new()
                .children(html::Div::new().children("loaded"))
                .id("loading")
                .r#type(loading::Type::Circle)
                .custom_spinner(html::Span::new().children("wait"))
                .into(),
            dcc::Location::new("url").refresh(false).into(),
            dcc::Markdown::new()
                .children("# Title\n*em*")
                .id("md")
                .dangerously_allow_html(false)
                .link_target("_blank")
                .into(),
            dcc::RadioItems::new()
                .id("radio")
                .options(Options::Dict(
                    [("a".to_owned(), "A".into()), ("b".to_owned(), "B".into())].into(),
                ))
                .value("a")
                .inline(true)
                .into(),
            dcc::RangeSlider::new()
                .id("rangeslider")
                .min(0)
                .max(10)
                .step(1)
                .value([2, 8])
                .marks(json!({"0": "0", "10": "10"}))
                .tooltip(json!({"placement": "bottom", "always_visible": true}))
                .into(),
            dcc::Slider::new()
                .id("slider")
                .min(0)
                .max(1)
                .step(0.1)
                .value(0.5)
                .marks(Value::Null)
                .updatemode(dcc::slider::Updatemode::Drag)
                .into(),
            Store::<Value>::new("store")
                .data(json!({"a": [1, 2]}))
                .storage_type(StorageType::Session)
                .into(),
            dcc::Tabs::new()
                .id("tabs")
                .value("t1")
                .children([
                    Node::from(
                        dcc::Tab::new()
                            .label("One")
                            .value("t1")
                            .children(html::Div::new().children("first")),
                    ),
                    dcc::Tab::new()
                        .label(html::B::new().children("Two"))
                        .value("t2")
                        .disabled(true)
                        .into(),
                ])
                .colors(tabs::Colors::new("#ddd", "#09f", "#eee"))
                .into(),
            dcc::Textarea::new()
                .id("textarea")
                .value("text")
                .rows(3)
                .read_only(true)
                .into(),
            dcc::Tooltip::new()
                .id("tooltip")
                .show(false)
                .direction(tooltip::Direction::Right)
                .bbox(tooltip::Bbox::new(0, 0, 10, 10))
                .into(),
            dcc::Upload::new()
                .children(html::Div::new().children("Drop"))
                .id("upload")
                .multiple(true)
                .max_size(-1)
                .accept(".csv")
                .into(),
            DataTable::new()
                .id("table")
                .columns([
                    data_table::Column::new("city", "City"),
                    data_table::Column::new("t", vec!["Temp".to_owned(), "°C".to_owned()])
                        .r#type(data_table::ColumnType::Numeric)
                        .editable(true),
                ])
                .rows([
                    json!({"city": "NYC", "t": 3.5}),
                    json!({"city": "MTL", "t": -2}),
                ])
                .page_size(10)
                .sort_action(data_table::SortAction::Native)
                .filter_action(data_table::FilterActionKeyword::Native)
                .row_selectable(data_table::RowSelectable::Multi)
                .style_data_conditional([data_table::StyleDataConditionalItem::new()
                    .r#if(
                        data_table::StyleDataConditionalItemIf::new()
                            .row_index(data_table::StyleDataConditionalItemIfRowIndexKeyword::Odd),
                    )
                    .set("backgroundColor", "#f8f8f8")])
                .tooltip_header([("city", "Where")])
                .fixed_rows(data_table::FixedRows::new().headers(true))
                .selected_rows(Vec::<u32>::new())
                .active_cell(
                    data_table::ActiveCell::new()
                        .row(0)
                        .column(0)
                        .column_id("city"),
                )
                .column_selectable(data_table::ColumnSelectable::False)
                .into(),
        ])
}

#[test]
fn layout_json_equals_python_dash() {
    let ours = serde_json::to_value(Node::from(every_component())).unwrap();
    let python = support::fixture("components/dash-layout.json");
    if ours != python {
        let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap();
        let (ours, python) = (pretty(&ours), pretty(&python));
        let first = ours
            .lines()
            .zip(python.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let around = |text: &str| {
            text.lines()
                .skip(first.saturating_sub(8))
                .take(16)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "layouts differ at line {first}:\n--- ours\n{}\n--- python\n{}",
            around(&ours),
            around(&python)
        );
    }
}

/// The plotly crate reached through `dash::plotly` is the version `Figure` converts from.
#[test]
fn a_plot_from_dash_plotly_converts_into_a_figure() {
    let mut plot = dash::plotly::Plot::new();
    plot.add_trace(dash::plotly::Scatter::new(vec![1, 2], vec![3, 4]));
    let figure = dash::Figure::from(plot);
    assert_eq!(figure.data[0]["y"], serde_json::json!([3, 4]));
}
