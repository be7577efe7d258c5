//! What stops an app at startup: the callback graph, the layout, the forms the browser sends.

use super::*;

#[test]
fn startup_validation_reports_every_problem() {
    #[dash::app]
    mod broken {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            a: Component,
            b: Component,
        }

        #[callback(output = "b.children", input = "a.value")]
        fn one(v: Option<i64>) -> i64 {
            v.unwrap_or(0)
        }
    }
    #[dash::app]
    mod again {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            a: Component,
            b: Component,
        }

        #[callback(output = "b.children", input = "a.value")]
        fn one(v: Option<i64>) -> i64 {
            v.unwrap_or(1)
        }
    }
    // Two modules write `b.children`. (The same module registered twice counts once.)
    let layout = Component::html("Div").children([Component::html("P").id("a").into()]);
    let error = support::dash()
        .layout(layout.clone())
        .app::<broken::Ids>()
        .app::<again::Ids>()
        .build()
        .err()
        .unwrap();
    let text = error.to_string();
    assert!(
        text.contains("`b.children` is an output of both `one`"),
        "{text}"
    );
    assert!(text.contains("tests/protocol/startup.rs:"), "{text}");

    let error = support::dash()
        .layout(layout.clone())
        .app::<broken::Ids>()
        .build()
        .err()
        .unwrap();
    let text = error.to_string();
    assert!(
        text.contains("no component in the layout has the id `b`"),
        "{text}"
    );

    assert!(
        support::dash()
            .layout(layout)
            .app::<broken::Ids>()
            .suppress_callback_exceptions(true)
            .build()
            .is_ok()
    );
    assert!(matches!(
        support::dash().build(),
        Err(dash::StartupError::NoLayout)
    ));
}

#[test]
fn a_prop_the_layout_leaves_unset_needs_a_type_that_takes_null() {
    #[dash::app]
    mod unset {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            city: dcc::Input,
            picked: html::Div,
            echo: html::Div,
        }

        /// `String` cannot take the `null` of an unset Input.
        #[callback(output = "picked.children", input = "city.value")]
        fn pick(city: String) -> String {
            city
        }

        /// Reads what `pick` writes on page load: filled before it runs.
        #[callback(output = "echo.children", input = "picked.children")]
        fn echo(picked: String) -> String {
            picked
        }
    }

    let app = |city: dcc::Input| {
        support::dash()
            .layout(html::Div::new().children([
                dash::Node::from(city),
                html::Div::new().id("picked").into(),
                html::Div::new().id("echo").into(),
            ]))
            .app::<unset::Ids>()
    };
    let message = startup_error(app(dcc::Input::new().id("city")));
    assert!(
        message.contains("`pick` (")
            && message.contains(
                "takes `alloc::string::String` for `city.value`, which the layout leaves unset"
            ),
        "{message}"
    );
    assert!(
        message.contains("take `Option<alloc::string::String>`"),
        "{message}"
    );
    assert!(!message.contains("`echo`"), "{message}");
    // With a value in the layout, it starts.
    assert!(
        app(dcc::Input::new().id("city").value("Oslo"))
            .build()
            .is_ok()
    );
}

#[test]
fn ids_the_browser_cannot_use_stop_startup() {
    for id in ["my.name", "{x}", ""] {
        let layout = dash::html::Div::new().children([
            dash::Node::from(dash::html::Div::new().id(id)),
            dash::Component::html("P").id("ok").into(),
        ]);
        let message = startup_error(support::dash().layout(layout));
        assert!(
            message.contains(&format!("a Div with the id {id:?}")),
            "{message}"
        );
    }
    // Unicode is fine.
    let layout =
        dash::html::Div::new().children([dash::Node::from(dash::html::Div::new().id("größe-😀"))]);
    assert!(support::dash().layout(layout).build().is_ok());
}

#[test]
fn callbacks_under_cfg_are_validated_at_startup() {
    #[dash::app]
    mod flagged {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            a: dcc::Input,
            b: html::Div,
        }

        #[callback(output = "b.children", input = "a.value")]
        fn first(v: Option<String>) -> String {
            v.unwrap_or_default()
        }

        // Compiled into this test: the macro cannot know that, so the server catches the
        // second writer when it starts.
        #[cfg(test)]
        #[callback(output = "b.children", input = "a.n_submit")]
        fn second(n: Option<u32>) -> String {
            n.unwrap_or(0).to_string()
        }

        // Never compiled into this test: no conflict at all.
        #[cfg(not(test))]
        #[callback(output = "b.children", input = "a.n_blur")]
        fn third(n: Option<u32>) -> String {
            n.unwrap_or(0).to_string()
        }
    }

    let layout = dash::html::Div::new().children([
        dash::Node::from(dash::dcc::Input::new().id("a")),
        dash::html::Div::new().id("b").into(),
    ]);
    let error = startup_error(support::dash().layout(layout).app::<flagged::Ids>());
    assert!(
        error.contains("`b.children` is an output of both `first` (tests/protocol/startup.rs:")
            && error.contains("and `second` (tests/protocol/startup.rs:"),
        "{error}"
    );
    assert!(!error.contains("third"), "{error}");
}

#[test]
fn cycles_across_app_modules_are_found_at_startup() {
    #[dash::app]
    mod forth {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            a: dcc::Input,
            b: dcc::Input,
        }

        #[callback(output = "b.value", input = "a.value")]
        fn copy_forth(v: Option<String>) -> Option<String> {
            v
        }
    }

    #[dash::app]
    mod back {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            a: dcc::Input,
            b: dcc::Input,
        }

        #[callback(output = "a.value", input = "b.value")]
        fn copy_back(v: Option<String>) -> Option<String> {
            v
        }

        // State does not trigger, so this one closes no loop.
        #[callback(output = "a.n_submit", input = "b.n_submit", state = "a.value")]
        fn submit(n: Option<u32>, _a: Option<String>) -> Option<u32> {
            n
        }
    }

    let layout = dash::html::Div::new().children([
        dash::Node::from(dash::dcc::Input::new().id("a")),
        dash::dcc::Input::new().id("b").into(),
    ]);
    let error = support::dash()
        .layout(layout)
        .app::<forth::Ids>()
        .app::<back::Ids>()
        .build()
        .err()
        .unwrap();
    let text = error.to_string();
    assert!(
        text.contains("callback cycle: `copy_forth` (tests/protocol/startup.rs:")
            && text.contains("-> `copy_back` (tests/protocol/startup.rs:"),
        "{text}"
    );
    assert_eq!(text.matches("callback cycle").count(), 1, "{text}");
}

/// A layout value the browser would change stops the layout where it is written.
#[test]
fn a_layout_value_the_browser_would_change_is_refused_where_it_is_written() {
    let panic = std::panic::catch_unwind(|| {
        dash::Node::from(dash::Store::<Vec<f64>>::new("s").data(vec![f64::INFINITY]))
    })
    .expect_err("an infinity cannot be sent");
    let message = panic.downcast_ref::<String>().expect("a message");
    assert!(
        message.contains("the props of a Store cannot be sent: at `data[0]`: inf"),
        "{message}"
    );
}

#[dash::app]
mod browser_forms {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        cities: dcc::Dropdown,
        count: dcc::Input,
        out: html::Div,
    }

    #[callback(output = "out.children", input = "cities.value", input = "count.value")]
    fn show(cities: Option<String>, count: Option<i64>) -> String {
        format!("{cities:?}{count:?}")
    }
}

/// At startup, each argument is decoded from the forms its layout component sends: a
/// `multi` Dropdown sends lists, a number Input fractions unless its `step` is whole.
#[test]
fn arguments_must_read_every_form_the_layout_makes_the_browser_send() {
    use dash::Component;
    let app = |cities: Component, count: Component| {
        support::dash()
            .layout(dash::html::Div::new().children([
                dash::Node::from(cities),
                count.into(),
                dash::html::Div::new().id("out").into(),
            ]))
            .app::<browser_forms::Ids>()
    };
    let dropdown = || {
        Component::dcc("Dropdown")
            .id("cities")
            .prop("options", json!(["Oslo", "Rome"]))
    };
    let number = || {
        Component::dcc("Input")
            .id("count")
            .prop("type", "number")
            .prop("value", 1)
    };
    let message = startup_error(app(dropdown().prop("multi", true), number()));
    assert!(
        message.contains(
            "`show` (" // the location follows
        ) && message.contains(
            "takes `core::option::Option<alloc::string::String>` for `cities.value`, but the \
             Dropdown sends `[]` when the user clears a `multi` Dropdown"
        ),
        "{message}"
    );
    assert!(
        message.contains("a fraction from an Input of type `number`"),
        "{message}"
    );
    let message = startup_error(app(
        Component::dcc("Dropdown")
            .id("cities")
            .prop("options", json!([{"label": "one", "value": 1}])),
        number().prop("step", 1),
    ));
    assert!(
        message.contains("the chosen option's value, such as `1`") && !message.contains("count"),
        "{message}"
    );
    assert!(app(dropdown(), number().prop("step", 1)).build().is_ok());
}

/// An optional prop (`allow_optional`) arrives as `null` when its component is missing:
/// its argument must take it, or the app does not start.
#[test]
fn an_optional_prop_needs_a_type_that_takes_null() {
    #[dash::app]
    mod optional {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            a: dcc::Input,
            b: html::Div,
            elsewhere: dcc::Input,
        }

        #[callback(
            output = "b.children",
            input = "a.value",
            input = "elsewhere.value",
            allow_optional = "elsewhere.value"
        )]
        fn join(a: Option<String>, elsewhere: String) -> String {
            format!("{a:?} {elsewhere}")
        }
    }

    let message = startup_error(
        support::dash()
            .layout(html::Div::new().children([
                dash::Node::from(dcc::Input::new().id("a")),
                html::Div::new().id("b").into(),
            ]))
            .app::<optional::Ids>(),
    );
    assert!(
        message.contains("for `elsewhere.value`, which is optional")
            && message.contains("take `Option<alloc::string::String>`"),
        "{message}"
    );
    assert!(!message.contains("no component in the layout"), "{message}");
}

/// A clientside callback built by hand gets the checks the macro makes at compile time:
/// no namespace Dash or the renderer owns, no source that would end the page's script, no
/// server-only setting, plain `running` ids.
#[test]
fn a_hand_built_clientside_callback_is_checked_at_startup() {
    use dash::{CallbackSpec, Clientside, PropId};
    let layout = dash::html::Div::new().children([
        dash::Node::from(dash::html::Div::new().id("in")),
        dash::html::Div::new().id("out").into(),
    ]);
    // Each at a place of its own: callbacks written at one place count once.
    let spec = |name: &'static str, clientside: Clientside, output: &'static str| {
        CallbackSpec::clientside(name, clientside)
            .location(name)
            .input(PropId::parse("in.title").unwrap())
            .output(PropId::parse(output).unwrap())
    };
    let app = support::dash()
        .layout(layout)
        .callback(spec(
            "private",
            Clientside::function("_dashprivate_ns", "f"),
            "out.children",
        ))
        .callback(spec(
            "owned",
            Clientside::function("no_update", "f"),
            "out.title",
        ))
        .callback(spec(
            "closing",
            Clientside::inline("(a) => '</script>'"),
            "out.className",
        ))
        .callback(
            spec("memoized", Clientside::inline("(a) => a"), "out.lang")
                .memoize(dash::Memoize::APP),
        );
    let message = startup_error(app);
    for expected in [
        "the clientside callback `private` (private) cannot run: the namespace \
         `_dashprivate_ns` starts with `_dashprivate_`",
        "`owned` (owned) cannot run: `no_update` is the renderer's own name",
        "`closing` (closing) cannot run: its source holds `</script`",
        "`memoized` (memoized) cannot run: `memoize` is a setting of server callbacks",
    ] {
        assert!(message.contains(expected), "{expected}\n{message}");
    }
}
