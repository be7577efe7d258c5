//! "Query once, show twice": a date and a unit drive one callback with two outputs, a
//! graph and a table, from a single query against an SQLite database the example creates
//! at startup (a year of hourly readings for five cities).
//!
//! `cargo run --example multi_output`, then open http://127.0.0.1:8050/.

use dash_examples::{view, weather};

use std::path::PathBuf;

use dash::prelude::*;

/// The example's database: a file in a temporary folder, removed when the app stops.
/// Each query opens its own read-only connection, so callbacks on several threads never
/// share one.
pub struct Database {
    path: PathBuf,
    _dir: tempfile::TempDir,
}

/// One city's readings on the chosen day, in the chosen unit.
pub struct CityDay {
    pub city: String,
    pub hours: Vec<String>,
    pub values: Vec<f64>,
}

impl Database {
    /// Creates the database: 366 × 24 readings for each city.
    pub fn create() -> rusqlite::Result<Database> {
        let dir = tempfile::tempdir()
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let path = dir.path().join("weather.sqlite");
        let mut connection = rusqlite::Connection::open(&path)?;
        connection.execute_batch(
            "CREATE TABLE readings (city TEXT NOT NULL, day TEXT NOT NULL, hour INTEGER NOT NULL, celsius REAL NOT NULL);
             CREATE INDEX readings_by_day ON readings (day, city, hour);",
        )?;
        let transaction = connection.transaction()?;
        {
            let mut insert = transaction.prepare(
                "INSERT INTO readings (city, day, hour, celsius) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for city in weather::CITIES {
                for day in 0..366u64 {
                    let date = weather::date(day as i64);
                    for hour in 0..24u64 {
                        let celsius = weather::temperature(city, day * 1440 + hour * 60);
                        insert.execute(rusqlite::params![city, date, hour as i64, celsius])?;
                    }
                }
            }
        }
        transaction.commit()?;
        Ok(Database { path, _dir: dir })
    }

    /// The one query: every city's hourly readings on `day`, converted to `unit`.
    pub fn day(&self, day: &str, fahrenheit: bool) -> rusqlite::Result<Vec<CityDay>> {
        let connection = rusqlite::Connection::open_with_flags(
            &self.path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )?;
        let mut query = connection.prepare(
            "SELECT city, hour, CASE WHEN ?2 THEN celsius * 9.0 / 5.0 + 32.0 ELSE celsius END
             FROM readings WHERE day = ?1 ORDER BY city, hour",
        )?;
        let mut cities: Vec<CityDay> = Vec::new();
        let rows = query.query_map(rusqlite::params![day, fahrenheit], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, f64>(2)?,
            ))
        })?;
        for row in rows {
            let (city, hour, value) = row?;
            if cities.last().is_none_or(|c| c.city != city) {
                cities.push(CityDay {
                    city,
                    hours: Vec::new(),
                    values: Vec::new(),
                });
            }
            let current = cities.last_mut().expect("just pushed");
            current.hours.push(format!("{day} {hour:02}:00"));
            current.values.push((value * 10.0).round() / 10.0);
        }
        Ok(cities)
    }
}

#[dash::app]
mod report {
    use super::Database;
    use dash::prelude::*;
    use serde_json::json;

    #[ids]
    pub struct Ids {
        date: dcc::DatePickerSingle,
        unit: dcc::RadioItems,
        graph: dcc::Graph,
        table: html::Tbody,
    }

    /// One query, two outputs: the graph and the table show the same rows.
    #[callback(
        output = "graph.figure",
        output = "table.children",
        input = "date.date",
        input = "unit.value"
    )]
    fn show_day(
        date: Option<String>,
        unit: String,
        database: Shared<Database>,
    ) -> Result<(Figure, Vec<Node>), CallbackError> {
        let date = date.ok_or(PreventUpdate)?;
        let fahrenheit = unit == "F";
        let symbol = if fahrenheit { "℉" } else { "℃" };
        let cities = database.day(&date[..date.len().min(10)], fahrenheit)?;
        let mut figure = Figure::new().layout(json!({
            "title": {"text": format!("Hourly temperature on {date}")},
            "yaxis": {"title": {"text": symbol}},
            "margin": {"t": 50, "r": 20},
        }));
        let mut rows = Vec::new();
        for city in &cities {
            figure = figure.trace(json!({
                "type": "scatter", "mode": "lines", "name": city.city,
                "x": city.hours, "y": city.values,
            }));
            let mean = city.values.iter().sum::<f64>() / city.values.len() as f64;
            let min = city.values.iter().copied().fold(f64::INFINITY, f64::min);
            let max = city
                .values
                .iter()
                .copied()
                .fold(f64::NEG_INFINITY, f64::max);
            rows.push(
                html::Tr::new()
                    .children([
                        html::Td::new().children(city.city.clone()).into(),
                        html::Td::new()
                            .children(format!("{min:.1} {symbol}"))
                            .into(),
                        html::Td::new()
                            .children(format!("{mean:.1} {symbol}"))
                            .into(),
                        html::Td::new()
                            .children(format!("{max:.1} {symbol}"))
                            .into(),
                    ])
                    .into(),
            );
        }
        Ok((figure, rows))
    }
}

fn layout() -> html::Div {
    html::Div::new().children([
        html::H1::new().children("One query, two views").into(),
        dcc::DatePickerSingle::new()
            .id("date")
            .date("2024-07-14")
            .min_date_allowed("2024-01-01")
            .max_date_allowed("2024-12-31")
            .display_format("YYYY-MM-DD")
            .into(),
        dcc::RadioItems::new()
            .id("unit")
            .options([("℃", "C"), ("℉", "F")])
            .value("C")
            .inline(true)
            .into(),
        dcc::Graph::new().id("graph").into(),
        view::table(&["City", "Lowest", "Mean", "Highest"], "table"),
    ])
}

/// The app, configured; `main` runs it.
pub fn app() -> Result<Dash, rusqlite::Error> {
    Ok(Dash::new()
        .title("Weather: one query, two views")
        .share(Database::create()?)
        .layout(layout())
        .app::<report::Ids>())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    app()?.run()?;
    Ok(())
}

/// `cargo test -p dash-example-multi-output`: one query fills both outputs, without a
/// browser.
#[cfg(test)]
mod tests {
    use dash::TestClient;
    use serde_json::Value;

    #[tokio::test]
    async fn one_query_fills_the_graph_and_the_table() {
        let mut client = TestClient::new(super::app().unwrap()).await.unwrap();
        let figure: Value = client.get("graph", "figure");
        let rows: Vec<Value> = client.get("table", "children");
        assert_eq!(figure["data"].as_array().unwrap().len(), rows.len());
        assert!(rows[0].to_string().contains("℃"));
        client.set("unit", "value", "F").await;
        let rows: Value = client.get("table", "children");
        assert!(rows.to_string().contains("℉"), "{rows}");
        client.set("date", "date", "2024-01-02").await;
        let figure: Value = client.get("graph", "figure");
        assert_eq!(
            figure["layout"]["title"]["text"],
            "Hourly temperature on 2024-01-02"
        );
        assert_eq!(
            client.calls("show_day"),
            3,
            "one call per change, both outputs"
        );
        assert!(client.errors().is_empty(), "{:?}", client.errors());
    }
}
