// The named clientside functions of tests/clientside.rs and its Python twin
// (tests/python/clientside_ports.py): the app serves this folder as its assets.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    clientside: {
        display: function (value) {
            return 'Client says "' + value + '"';
        },
        // Calls another function of its namespace through `this`, as the renderer lets it.
        display_through_this: function (value) {
            return this.display(value);
        },
        add: function (x, y) {
            return parseInt(x, 10) + parseInt(y, 10);
        },
        mean: function () {
            var values = Array.prototype.slice.call(arguments).map(parseFloat);
            return values.reduce(function (a, b) { return a + b; }, 0) / values.length;
        },
        // Throws once the value reaches 11: the outputs keep their values, and what
        // depends on them does not run.
        add1_break_at_11: function (value) {
            if (parseInt(value, 10) === 11) {
                throw new Error("11 is too many");
            }
            return parseInt(value, 10) + 1;
        },
        add_to_four_outputs: function (value) {
            var n = parseInt(value, 10);
            return [n + 1, n + 2, n + 3, n + 4];
        },
        add1_prevent_at_11: function (value, current) {
            if (parseInt(value, 10) === 11) {
                throw window.dash_clientside.PreventUpdate;
            }
            return parseInt(current, 10) + 1;
        },
        add1_no_update_at_11: function (value, second, third) {
            var no = window.dash_clientside.no_update;
            if (parseInt(value, 10) === 11) {
                return [no, parseInt(third, 10) + 1];
            }
            return [parseInt(second, 10) + 1, parseInt(third, 10) + 1];
        },
        triggered_to_str: function () {
            var triggered = window.dash_clientside.callback_context.triggered;
            return triggered.map(function (t) { return t.prop_id + " = " + t.value; }).join(", ");
        },
        triggered_id_to_str: function () {
            var id = window.dash_clientside.callback_context.triggered_id;
            if (id === undefined || id === null) {
                return "";
            }
            return typeof id === "string" ? id : String(id.index);
        },
        // The callback context's lists and maps, as JSON (clsd010 to clsd013).
        context_to_str: function () {
            var context = window.dash_clientside.callback_context;
            return JSON.stringify({
                inputs: context.inputs,
                inputs_list: context.inputs_list,
                states: context.states,
                states_list: context.states_list
            });
        },
        // Writes its own input: one more than what was typed (the value as it is on the
        // initial call, when nothing fired).
        input_output_callback: function (value) {
            var fired = window.dash_clientside.callback_context.triggered.length > 0;
            return fired ? value + 1 : value;
        },
        // Counts its calls in `window.callCount`.
        input_output_follower: function (value) {
            window.callCount = (window.callCount || 0) + 1;
            return String(value);
        },
        chained_promise: function (value) {
            return new Promise(function (resolve) {
                setTimeout(function () { resolve(value + "-chained"); }, 100);
            });
        },
        delayed_promise: function (value) {
            return new Promise(function (resolve) {
                setTimeout(function () { resolve("clientside-" + value + "-deferred"); }, 500);
            });
        }
    }
});
