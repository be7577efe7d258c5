//! Made-up but plausible weather for the sharing examples: deterministic, so every run and
//! every server process computes the same values.

/// The cities the examples offer.
pub const CITIES: [&str; 5] = ["Paris", "Oslo", "Cairo", "Sydney", "Montreal"];

/// Mean temperature over the year, its swing, and the day it is warmest (northern summer
/// around day 200; Sydney's around day 15).
fn climate(city: &str) -> (f64, f64, f64) {
    match city {
        "Paris" => (12.5, 8.0, 200.0),
        "Oslo" => (6.5, 10.5, 200.0),
        "Cairo" => (22.5, 7.0, 205.0),
        "Sydney" => (18.5, 4.5, 15.0),
        "Montreal" => (7.0, 14.0, 200.0),
        _ => (15.0, 6.0, 200.0),
    }
}

/// A reproducible number in [-1, 1) for a city and a moment.
fn noise(city: &str, tick: u64) -> f64 {
    let mut x = tick.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for byte in city.bytes() {
        x = (x ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3);
    }
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 29;
    (x >> 11) as f64 / (1u64 << 52) as f64 - 1.0
}

/// The temperature in ℃ in `city`, `minutes` after midnight on 1 January 2024.
pub fn temperature(city: &str, minutes: u64) -> f64 {
    let (mean, swing, warmest) = climate(city);
    let day = minutes as f64 / 1440.0;
    let season = swing * (2.0 * std::f64::consts::PI * (day - warmest) / 365.25).cos();
    let daily = 4.0 * (2.0 * std::f64::consts::PI * (day.fract() - 0.625)).cos();
    let weather = 3.0 * noise(city, minutes / 1440) + 0.6 * noise(city, minutes);
    ((mean + season + daily + weather) * 10.0).round() / 10.0
}

/// Days since 1970-01-01 of 1 January 2024.
const EPOCH_2024: i64 = 19_723;

/// `YYYY-MM-DD` of the day `days` after 1 January 2024.
pub fn date(days: i64) -> String {
    // Howard Hinnant's civil-from-days algorithm.
    let z = EPOCH_2024 + days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `YYYY-MM-DD HH:MM` of the minute `minutes` after midnight on 1 January 2024.
pub fn date_time(minutes: u64) -> String {
    let minutes = minutes as i64;
    format!(
        "{} {:02}:{:02}",
        date(minutes / 1440),
        minutes % 1440 / 60,
        minutes % 60
    )
}

/// Days after 1 January 2024 of a `YYYY-MM-DD` date, if it is one.
pub fn day_of(text: &str) -> Option<i64> {
    let mut parts = text.get(..10)?.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468 - EPOCH_2024)
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_round_trip() {
        assert_eq!(super::date(0), "2024-01-01");
        assert_eq!(super::date(59), "2024-02-29");
        assert_eq!(super::date(366), "2025-01-01");
        for days in [0, 31, 59, 60, 365, 366, 700] {
            assert_eq!(super::day_of(&super::date(days)), Some(days));
        }
    }
}
