//! Browser store versus server-side store, for 10^4, 10^5 and 10^6 rows: the bytes on the
//! wire and the time from an input change to both readers' responses, as the Dash
//! renderer makes the requests (the producer's call, then the two readers' calls at once,
//! each carrying the store's data as the browser holds it).
//!
//! `cargo bench -p dash-tests --bench stores` (or `scripts/bench-stores`). The servers run
//! in this process on loopback; the server-side store is measured with the in-memory
//! backend and with a Redis server the benchmark starts on a free port, its readers on the
//! server that computed the value (which shares it) and on another server (which decodes
//! it from Redis). Medians of several rounds; ratios compare with the browser store
//! measured in the same run.

use std::time::{Duration, Instant};

use dash::cache::{MemoryCache, RedisCache};
use dash::prelude::*;
use serde_json::{Value, json};

#[dash::app]
mod bench {
    use std::sync::Arc;

    use dash::prelude::*;
    use serde::{Deserialize, Serialize};

    /// Rows of `(minute, temperature)`, like the server_store example.
    #[derive(Serialize, Deserialize)]
    pub struct Table {
        pub rows: Vec<(u32, f64)>,
    }

    #[ids]
    pub struct Ids {
        rows: Component,
        in_browser: Store<Table>,
        on_server: ServerStore<Table>,
        browser_summary: html::Div,
        browser_page: html::Div,
        server_summary: html::Div,
        server_page: html::Div,
    }

    fn table(n: u32) -> Table {
        Table {
            rows: (0..n)
                .map(|i| (i, f64::from(i % 400) / 10.0 - 5.0))
                .collect(),
        }
    }

    fn summary(table: &Table) -> String {
        let mean = table.rows.iter().map(|r| r.1).sum::<f64>() / table.rows.len().max(1) as f64;
        format!("{} rows, mean {mean:.2}", table.rows.len())
    }

    fn page(table: &Table) -> String {
        format!("{:?}", &table.rows[..table.rows.len().min(15)])
    }

    #[callback(output = "in_browser.data", input = "rows.value")]
    fn produce_in_browser(n: u32) -> Table {
        table(n)
    }

    #[callback(output = "on_server.data", input = "rows.value")]
    fn produce_on_server(n: u32) -> Table {
        table(n)
    }

    #[callback(output = "browser_summary.children", input = "in_browser.data")]
    fn browser_summary(table: Table) -> String {
        summary(&table)
    }

    #[callback(output = "browser_page.children", input = "in_browser.data")]
    fn browser_page(table: Table) -> String {
        page(&table)
    }

    // A server-side store's readers share the value the producer returned.
    #[callback(output = "server_summary.children", input = "on_server.data")]
    fn server_summary(table: Arc<Table>) -> String {
        summary(&table)
    }

    #[callback(output = "server_page.children", input = "on_server.data")]
    fn server_page(table: Arc<Table>) -> String {
        page(&table)
    }
}

fn app() -> Dash {
    let ids = [
        "browser_summary",
        "browser_page",
        "server_summary",
        "server_page",
    ];
    let mut children: Vec<Node> = vec![
        // The producers take a `u32`: the prop holds a number from the start.
        Component::html("Div").id("rows").prop("value", 10).into(),
        Store::<bench::Table>::new("in_browser").into(),
        ServerStore::<bench::Table>::new("on_server").into(),
    ];
    children.extend(ids.map(|id| Node::from(html::Div::new().id(id))));
    support::dash()
        .layout(html::Div::new().children(children))
        .app::<bench::Ids>()
        // The browser store sends its data back with every reader's request.
        .body_limit(1 << 30)
}

/// One POST as the renderer sends it; returns the response JSON and the bytes sent and
/// received (bodies only; headers are the same few hundred bytes either way).
async fn post(
    client: &reqwest::Client,
    url: &str,
    output: &str,
    input: (&str, &str, Value),
) -> (Value, usize) {
    let (id, property) = output.split_once('.').unwrap();
    let body = serde_json::to_vec(&json!({
        "output": output,
        "outputs": {"id": id, "property": property},
        "inputs": [{"id": input.0, "property": input.1, "value": input.2}],
        "changedPropIds": [format!("{}.{}", input.0, input.1)],
    }))
    .unwrap();
    let sent = body.len();
    let response = client
        .post(format!("{url}/_dash-update-component"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "{output}: {}",
        response.status()
    );
    let bytes = response.bytes().await.unwrap();
    let json: Value = serde_json::from_slice(&bytes).unwrap();
    (json, sent + bytes.len())
}

/// An input change: the producer (on `url`), then both readers at once (on `readers_url`,
/// another server when the value must cross processes). Returns the bytes on the wire and
/// the elapsed time.
async fn round(
    client: &reqwest::Client,
    (url, readers_url): (&str, &str),
    rows: u32,
    on_server: bool,
) -> (usize, Duration) {
    let (store, readers) = if on_server {
        (
            "on_server",
            ["server_summary.children", "server_page.children"],
        )
    } else {
        (
            "in_browser",
            ["browser_summary.children", "browser_page.children"],
        )
    };
    let started = Instant::now();
    let (produced, up) = post(
        client,
        url,
        &format!("{store}.data"),
        ("rows", "value", json!(rows)),
    )
    .await;
    let data = produced["response"][store]["data"].clone();
    let (a, b) = tokio::join!(
        post(
            client,
            readers_url,
            readers[0],
            (store, "data", data.clone())
        ),
        post(client, readers_url, readers[1], (store, "data", data)),
    );
    let elapsed = started.elapsed();
    let summary = &a.0["response"][readers[0].split('.').next().unwrap()]["children"];
    assert!(
        summary
            .as_str()
            .is_some_and(|s| s.starts_with(&format!("{rows} rows"))),
        "{summary}"
    );
    (up + a.1 + b.1, elapsed)
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn human_bytes(bytes: usize) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

#[tokio::main]
async fn main() {
    let redis = support::Redis::start();
    let memory = support::serve(app().cache(MemoryCache::new(1 << 30))).await;
    let shared =
        || async { support::serve(app().cache(RedisCache::new(&redis.url()).unwrap())).await };
    let (first, second) = (shared().await, shared().await);
    let client = support::http();
    println!("An input change: the producer's call, then two readers of the store at once.");
    println!("Bytes are request and response bodies; times are medians.\n");
    println!("| rows | store | bytes on the wire | time | faster than the browser store |");
    println!("|---:|---|---:|---:|---:|");
    let mut fresh = 0;
    for rows in [10_000u32, 100_000, 1_000_000] {
        let rounds = if rows >= 1_000_000 { 9 } else { 15 };
        let variants: [(&str, (&str, &str), bool); 4] = [
            ("browser `Store`", (&memory, &memory), false),
            ("`ServerStore`, memory", (&memory, &memory), true),
            (
                "`ServerStore`, Redis, read where computed",
                (&first, &first),
                true,
            ),
            (
                "`ServerStore`, Redis, read by another process",
                (&first, &second),
                true,
            ),
        ];
        let mut baseline = None;
        for (name, urls, on_server) in variants {
            // Every round asks for a different number of rows, so that no server has
            // the value from an earlier round.
            fresh += 1;
            round(&client, urls, rows + fresh, on_server).await; // warm-up
            let mut times = Vec::new();
            let mut bytes = 0;
            for _ in 0..rounds {
                fresh += 1;
                let (b, t) = round(&client, urls, rows + fresh, on_server).await;
                bytes = b;
                times.push(t);
            }
            let time = median(times);
            let base = *baseline.get_or_insert(time);
            println!(
                "| {rows} | {name} | {} | {:.1} ms | {:.1}x |",
                human_bytes(bytes),
                time.as_secs_f64() * 1000.0,
                base.as_secs_f64() / time.as_secs_f64()
            );
        }
    }
}
