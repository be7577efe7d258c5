//! Server-side store values stay as the callback returned them in the process that
//! computed them: readers share them (`Arc<T>`, `Option<Arc<T>>`) or clone them (`T`,
//! `Option<T>`), and nothing is decoded.
//! Between processes they travel in a compact encoding (MessagePack), which also carries
//! what JSON cannot (NaN), and are decoded once per process. Decodes are counted by the
//! stored type's own `Deserialize`.

use std::sync::atomic::{AtomicUsize, Ordering};

use dash::cache::{MemoryCache, RedisCache};
use dash::prelude::*;
use serde_json::{Value, json};

/// How many times a `Table` was decoded, in this process.
static DECODES: AtomicUsize = AtomicUsize::new(0);

#[dash::app]
mod typed {
    use std::sync::Arc;

    use dash::prelude::*;
    use serde::{Deserialize, Deserializer, Serialize};

    /// Rows, and a value JSON cannot carry.
    #[derive(Serialize, Clone)]
    pub struct Table {
        pub rows: Vec<u32>,
        pub missing: f64,
    }

    /// Counts every decode, then reads the fields as usual.
    impl<'de> Deserialize<'de> for Table {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            #[derive(Deserialize)]
            struct Fields {
                rows: Vec<u32>,
                missing: f64,
            }
            super::DECODES.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let Fields { rows, missing } = Fields::deserialize(deserializer)?;
            Ok(Table { rows, missing })
        }
    }

    #[ids]
    pub struct Ids {
        n: Component,
        table: ServerStore<Table>,
        shared: html::Div,
        maybe: html::Div,
        cloned: html::Div,
        optional: html::Div,
        sometimes: ServerStore<Table>,
        sometimes_read: html::Div,
    }

    #[callback(output = "table.data", input = "n.value")]
    fn produce(n: u32) -> Table {
        Table {
            rows: (0..n).collect(),
            missing: f64::NAN,
        }
    }

    /// The address of the rows, the count and whether NaN came through.
    fn describe(table: &Table) -> String {
        format!(
            "{:p} {} {}",
            table.rows.as_ptr(),
            table.rows.len(),
            table.missing.is_nan()
        )
    }

    #[callback(output = "shared.children", input = "table.data")]
    fn shared(table: Arc<Table>) -> String {
        describe(&table)
    }

    #[callback(output = "maybe.children", input = "table.data")]
    fn maybe(table: Option<Arc<Table>>) -> String {
        table.map(|table| describe(&table)).unwrap_or_default()
    }

    #[callback(output = "cloned.children", input = "table.data")]
    fn cloned(table: Table) -> String {
        describe(&table)
    }

    /// An `Option<Table>` for a store of `Table`: kept as a `Table`, or empties it.
    #[callback(output = "sometimes.data", input = "n.value")]
    fn sometimes(n: u32) -> Option<Table> {
        (n > 0).then(|| Table {
            rows: (0..n).collect(),
            missing: 0.0,
        })
    }

    #[callback(output = "sometimes_read.children", input = "sometimes.data")]
    fn sometimes_read(table: Option<Arc<Table>>) -> String {
        table.map(|table| describe(&table)).unwrap_or_default()
    }

    #[callback(output = "optional.children", input = "table.data")]
    fn optional(table: Option<Table>) -> String {
        table.map(|table| describe(&table)).unwrap_or_default()
    }
}

fn app() -> Dash {
    support::dash()
        .layout(html::Div::new().children([
            // `produce` takes a `u32`: the prop holds a number from the start.
            Component::html("Div").id("n").prop("value", 3).into(),
            ServerStore::<typed::Table>::new("table").into(),
            html::Div::new().id("shared").into(),
            html::Div::new().id("maybe").into(),
            html::Div::new().id("cloned").into(),
            html::Div::new().id("optional").into(),
            ServerStore::<typed::Table>::new("sometimes").into(),
            html::Div::new().id("sometimes_read").into(),
        ]))
        .app::<typed::Ids>()
}

async fn post(base: &str, output: &str, input: (&str, &str, Value)) -> Value {
    let (id, property) = output.split_once('.').unwrap();
    let response = support::http()
        .post(format!("{base}/_dash-update-component"))
        .json(&json!({
            "output": output,
            "outputs": {"id": id, "property": property},
            "inputs": [{"id": input.0, "property": input.1, "value": input.2}],
            "changedPropIds": [format!("{}.{}", input.0, input.1)],
        }))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert!(status.is_success(), "{output}: {status} {body}");
    body["response"][id][property].clone()
}

/// The handle for `n` rows, produced on `base`.
async fn produce(base: &str, n: u32) -> Value {
    let handle = post(base, "table.data", ("n", "value", json!(n))).await;
    assert!(handle["dash_server_store"].is_object(), "{handle}");
    handle
}

/// What each reader says about the table behind `handle`: address, length, NaN.
async fn read(base: &str, handle: &Value) -> [(String, String, String); 4] {
    let mut seen = Vec::new();
    for reader in ["shared", "maybe", "cloned", "optional"] {
        let text = post(
            base,
            &format!("{reader}.children"),
            ("table", "data", handle.clone()),
        )
        .await;
        let text = text.as_str().unwrap().to_owned();
        let mut parts = text.split(' ').map(str::to_owned);
        seen.push((
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        ));
    }
    seen.try_into().unwrap()
}

fn decodes() -> usize {
    DECODES.load(Ordering::SeqCst)
}

/// One test, in order: the decode counter is the process's own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readers_share_values_in_process_and_decode_them_across_processes() {
    // In memory: shared by the `Arc` readers, cloned for the owned one, never decoded.
    let memory = support::serve(app().cache(MemoryCache::new(1 << 20))).await;
    // (Startup checks try sample values on each reader's type.)
    let before = decodes();
    let handle = produce(&memory, 1000).await;
    assert!(
        serde_json::to_vec(&handle).unwrap().len() < 300,
        "a small handle: {handle}"
    );
    let [shared, maybe, cloned, optional] = read(&memory, &handle).await;
    let again = read(&memory, &handle).await;
    assert_eq!(shared.0, maybe.0, "both `Arc` readers see one value");
    assert_eq!(again[0].0, shared.0, "the same value on every read");
    assert_ne!(cloned.0, shared.0, "an owned reader has its own copy");
    assert_ne!(optional.0, shared.0);
    for seen in [&shared, &maybe, &cloned, &optional] {
        assert_eq!((seen.1.as_str(), seen.2.as_str()), ("1000", "true"));
    }
    assert_eq!(decodes() - before, 0, "nothing was decoded");

    // A producer returning `Option<Table>` keeps a `Table`: shared, not decoded.
    let some = post(&memory, "sometimes.data", ("n", "value", json!(7))).await;
    let read_some = || {
        post(
            &memory,
            "sometimes_read.children",
            ("sometimes", "data", some.clone()),
        )
    };
    let (first, second) = (read_some().await, read_some().await);
    assert_eq!(first, second, "the same value twice: {first}");
    assert!(first.as_str().unwrap().ends_with(" 7 false"), "{first}");
    assert_eq!(decodes() - before, 0, "still nothing decoded");
    let none = post(&memory, "sometimes.data", ("n", "value", json!(0))).await;
    assert_eq!(none, Value::Null, "`None` empties the store");
    let empty = post(
        &memory,
        "sometimes_read.children",
        ("sometimes", "data", none),
    )
    .await;
    assert_eq!(empty, json!(""));

    // Two servers on one Redis: the one that computed the value shares it; the other
    // decodes the compact bytes once, NaN and all, and its readers share that.
    let redis = support::Redis::start();
    let first = support::serve(app().cache(RedisCache::new(&redis.url()).unwrap())).await;
    let second = support::serve(app().cache(RedisCache::new(&redis.url()).unwrap())).await;
    let before = decodes();
    let handle = produce(&first, 5000).await;
    let [shared, maybe, _, _] = read(&first, &handle).await;
    assert_eq!(shared.0, maybe.0);
    assert_eq!(
        decodes() - before,
        0,
        "the computing server decodes nothing"
    );
    let [elsewhere, maybe, cloned, _] = read(&second, &handle).await;
    assert_eq!(
        (elsewhere.1.as_str(), elsewhere.2.as_str()),
        ("5000", "true")
    );
    assert_eq!((cloned.1.as_str(), cloned.2.as_str()), ("5000", "true"));
    assert_eq!(
        decodes() - before,
        1,
        "decoded once for the other server's readers"
    );
    assert_eq!(elsewhere.0, maybe.0, "which then share it");
    assert_ne!(elsewhere.0, shared.0);

    // Compact: integers up to 5000 take one to three bytes each, against two to five
    // characters in JSON.
    let bytes = handle["bytes"].as_u64().unwrap();
    let json_len = serde_json::to_vec(&(0..5000).collect::<Vec<u32>>())
        .unwrap()
        .len() as u64;
    assert!(
        bytes * 3 < json_len * 2,
        "{bytes} bytes against {json_len} in JSON"
    );
}
