//! Times: ISO 8601 dates, and relative times that stay current in the browser.

use crate::props::class_list;
use leptos::prelude::*;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub(super) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date (year, month, day) of a day count since 1970-01-01.
pub(super) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Parses an ISO 8601 / RFC 3339 time into unix seconds: `2024-05-01`, `2024-05-01T12:30`,
/// `2024-05-01T12:30:05.250Z`, `2024-05-01 12:30:05+02:00`. Without an offset, UTC.
/// `None` for anything else.
///
/// ```
/// use kiln_ui::parse_iso8601;
/// assert_eq!(parse_iso8601("1970-01-02T00:00:00Z"), Some(86_400));
/// assert_eq!(parse_iso8601("2024-05-01T14:00:00+02:00"), parse_iso8601("2024-05-01T12:00Z"));
/// assert_eq!(parse_iso8601("yesterday"), None);
/// // Out of range: `None`, never an overflow.
/// assert_eq!(parse_iso8601("99999999999999-01-01"), None);
/// assert_eq!(parse_iso8601("2024-01-01T00:00+9999999999999999"), None);
/// ```
pub fn parse_iso8601(text: &str) -> Option<i64> {
    let text = text.trim();
    let number = |part: &str| -> Option<i64> {
        (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (date, time) = match text.find(['T', 't', ' ']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let mut date_parts = date.splitn(3, '-');
    let year = number(date_parts.next()?)?;
    let month = number(date_parts.next()?)?;
    let day = number(date_parts.next()?)?;
    // Four-digit years only: anything larger is not a date a page shows, and would overflow.
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut seconds = days_from_civil(year, month, day) * 86_400;
    if let Some(time) = time {
        let (clock, offset) = if let Some(clock) = time.strip_suffix(['Z', 'z']) {
            (clock, 0)
        } else if let Some(at) = time.rfind(['+', '-']) {
            let sign = if time[at..].starts_with('-') { -1 } else { 1 };
            let zone = &time[at + 1..];
            let (hours, minutes) = match zone.split_once(':') {
                Some(parts) => parts,
                None if zone.len() == 4 && zone.is_char_boundary(2) => zone.split_at(2),
                None => (zone, "0"),
            };
            let (hours, minutes) = (number(hours)?, number(minutes)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            (&time[..at], sign * (hours * 3600 + minutes * 60))
        } else {
            (time, 0)
        };
        let mut clock_parts = clock.splitn(3, ':');
        let hour = number(clock_parts.next()?)?;
        let minute = number(clock_parts.next()?)?;
        let second = match clock_parts.next() {
            Some(second) => number(second.split_once('.').map_or(second, |(whole, _)| whole))?,
            None => 0,
        };
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        seconds += hour * 3600 + minute * 60 + second - offset;
    }
    Some(seconds)
}

/// Formats unix seconds as an ISO 8601 UTC time: `2024-05-01T12:00:00Z`.
///
/// ```
/// use kiln_ui::format_iso8601;
/// assert_eq!(format_iso8601(0), "1970-01-01T00:00:00Z");
/// assert_eq!(format_iso8601(1_700_000_000), "2023-11-14T22:13:20Z");
/// ```
pub fn format_iso8601(seconds: i64) -> String {
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let time = seconds.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        time / 3600,
        time / 60 % 60,
        time % 60
    )
}

/// How long before or after `now` the time `then` is (both unix seconds), in words:
/// "just now", "3 minutes ago", "in 2 days", "1 year ago".
///
/// ```
/// use kiln_ui::relative_time_text;
/// assert_eq!(relative_time_text(1_000, 1_000 + 180), "3 minutes ago");
/// assert_eq!(relative_time_text(1_000 + 2 * 86_400, 1_000), "in 2 days");
/// assert_eq!(relative_time_text(1_000, 1_010), "just now");
/// ```
pub fn relative_time_text(then: i64, now: i64) -> String {
    let delta = then.saturating_sub(now);
    let distance = delta.unsigned_abs();
    const MINUTE: u64 = 60;
    const HOUR: u64 = 60 * MINUTE;
    const DAY: u64 = 24 * HOUR;
    let round = |unit: f64| (distance as f64 / unit).round() as u64;
    let (count, unit) = match distance {
        d if d < 45 => return "just now".to_owned(),
        d if d < 45 * MINUTE => (round(MINUTE as f64), "minute"),
        d if d < 22 * HOUR => (round(HOUR as f64), "hour"),
        d if d < 26 * DAY => (round(DAY as f64), "day"),
        d if d < 320 * DAY => (round(30.44 * DAY as f64), "month"),
        _ => (round(365.25 * DAY as f64), "year"),
    };
    let count = count.max(1);
    let unit = if count == 1 {
        unit.to_owned()
    } else {
        format!("{unit}s")
    };
    if delta < 0 {
        format!("{count} {unit} ago")
    } else {
        format!("in {count} {unit}")
    }
}

/// The time now, in unix seconds.
pub(super) fn now_seconds() -> i64 {
    #[cfg(all(feature = "hydrate", target_arch = "wasm32"))]
    {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(all(feature = "hydrate", target_arch = "wasm32")))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs() as i64)
    }
}

/// A time shown relative to now ("3 minutes ago", "in 2 days"), as `<time datetime=...>` with
/// the absolute time in its tooltip.
///
/// Give the time as `unix` seconds or as an `iso` 8601 string. The server renders it relative
/// to its clock; the browser keeps that text through hydration, then updates it every minute.
/// `now` pins the reference time instead (previews, tests).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Posted() -> impl IntoView {
///     view! {
///         <p>"Posted " <RelativeTime unix=1_700_000_000/></p>
///         <p>"Due " <RelativeTime iso="2030-01-01T09:00:00Z"/></p>
///     }
/// }
/// ```
#[component]
pub fn RelativeTime(
    /// The time, in unix seconds.
    #[prop(optional)]
    unix: Option<i64>,
    /// The time, as ISO 8601 (used when `unix` is not given).
    #[prop(optional, into)]
    iso: Option<String>,
    /// The reference time in unix seconds (default: the clock, updated every minute).
    #[prop(optional)]
    now: Option<i64>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let then = unix.or_else(|| iso.as_deref().and_then(parse_iso8601));
    // The server's clock, carried to the browser so that hydration renders the same text.
    let rendered_at = match now {
        Some(now) => now,
        None => SharedValue::new(now_seconds).into_inner(),
    };
    let current = RwSignal::new(rendered_at);
    if now.is_none() && then.is_some() {
        Effect::new(move |_| {
            current.set(now_seconds());
            if let Ok(handle) = set_interval_with_handle(
                move || current.set(now_seconds()),
                std::time::Duration::from_secs(60),
            ) {
                on_cleanup(move || handle.clear());
            }
        });
    }
    let datetime = then.map(format_iso8601);
    let title = then.map(|then| {
        let iso = format_iso8601(then);
        format!("{} {} UTC", &iso[..10], &iso[11..16])
    });
    let fallback = iso.unwrap_or_default();
    view! {
        <time class=class_list("kiln-relative-time", class.as_deref()) datetime=datetime title=title>
            {move || match then {
                Some(then) => relative_time_text(then, current.get()),
                None => fallback.clone(),
            }}
        </time>
    }
}
