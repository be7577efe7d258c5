// The context, side updates, patches, `running`, no-output callbacks and error handlers,
// in every form the macro accepts.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        inc: html::Button,
        dec: html::Button,
        count: html::Div,
        banner: html::Div,
        #[id = "my-list"]
        list: html::Ul,
        free: Component,
    }

    #[callback(
        output = "count.children",
        output = "my-list.children",
        input = "inc.n_clicks",
        input = "dec.n_clicks",
        running(prop = "inc.disabled", on = true, off = false),
        running(prop = "banner.children", on = "working", off = "")
    )]
    pub fn update(
        ctx: Ctx<update::Trigger>,
        _inc: Option<i64>,
        _dec: Option<i64>,
    ) -> (String, Update<Patch>) {
        let step = match ctx.trigger() {
            Some(update::Trigger::Inc) => 1,
            Some(update::Trigger::Dec) => -1,
            None => return ("0".into(), Update::NoUpdate),
        };
        ctx.set_props("banner", "className", "changed");
        ctx.set_props("banner", "children", format!("step {step}"));
        ctx.set_props("free", "anything", vec![1, 2]);
        ctx.set_props_dyn(format!("row-{}", 3), "children", "x");
        [1, 2].iter().for_each(|n| ctx.set_props("banner", "title", n.to_string()));
        helper(&ctx);
        (
            step.to_string(),
            Update::Set(Patch::new().append((), html::Li::new().children("one more"))),
        )
    }

    fn helper(ctx: &Ctx<update::Trigger>) {
        ctx.set_props("inc", "disabled", false);
        // A method of the user's own with the same name, called by its path: left alone.
        Form::set_props(&Form, "colour", "red");
    }

    struct Form;

    impl Form {
        fn set_props(&self, _key: &str, _value: &str) {}
    }

    #[callback(input = "count.children", prevent_initial_call, on_error = quietly)]
    fn side_only(ctx: Ctx, count: Option<String>) -> Result<(), CallbackError> {
        ctx.set_props("banner", "title", count.unwrap_or_default());
        Ok(())
    }

    fn quietly(_error: CallbackError, _ctx: Ctx) -> Option<()> {
        None
    }

    #[callback(output = "banner.style", input = "count.title")]
    async fn patches(ctx: Ctx<patches::Trigger>, _title: Option<String>) -> Patch {
        // The context is `Send`: it may cross an `.await`.
        std::future::ready(()).await;
        if let Some(patches::Trigger::Count) = ctx.trigger() {
            ctx.set_props("banner", "title", "patched");
        }
        Patch::new().assign("color", "red")
    }
}

fn main() {
    use dash::App;
    let callbacks = app::Ids::callbacks();
    assert_eq!(callbacks.len(), 3);
    let update = &callbacks[0].dependency;
    assert_eq!(update.running.len(), 2);
    assert!(callbacks[1].dependency.no_output());
    assert_eq!(callbacks[1].dependency.output_key().len(), 64);
    let _: app::update::Trigger = app::update::Trigger::Inc;
}
