//! Data display: badges, avatars, callouts, tables, data lists, lists, progress, spinners,
//! skeletons, icons, images and relative times.

mod list;
mod media;
mod progress;
mod status;
mod table;
mod time;

pub use list::{DataList, DataListItem, List, ListItem, ListMarker};
pub use media::{Icon, Image, ImageFit};
pub use progress::{Progress, Skeleton, Spinner, progress_percent};
pub use status::{Avatar, Badge, Callout, CalloutRole};
pub use table::{
    Table, TableBody, TableCell, TableColumnHeader, TableHeader, TableRow, TableRowHeader,
};
pub use time::{RelativeTime, format_iso8601, parse_iso8601, relative_time_text};

#[cfg(test)]
mod tests {
    use super::status::initials;
    use super::time::civil_from_days;
    use super::time::days_from_civil;
    use super::time::now_seconds;
    use super::*;

    #[test]
    fn initials_take_the_first_and_last_words() {
        assert_eq!(initials("Ada Lovelace"), "AL");
        assert_eq!(initials("Ada King Lovelace"), "AL");
        assert_eq!(initials("kiln"), "K");
        assert_eq!(initials("jd"), "JD");
        assert_eq!(initials("  "), "");
        assert_eq!(initials("émile zola"), "ÉZ");
    }

    #[test]
    fn civil_dates_round_trip() {
        for days in [-800_000, -1, 0, 1, 59, 365, 11_016, 19_844, 2_932_896] {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(
                days_from_civil(year, month, day),
                days,
                "{year}-{month}-{day}"
            );
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn iso_times_parse_with_offsets_and_fractions() {
        assert_eq!(parse_iso8601("2023-11-14T22:13:20Z"), Some(1_700_000_000));
        assert_eq!(
            parse_iso8601("2023-11-14 22:13:20.999"),
            Some(1_700_000_000)
        );
        assert_eq!(
            parse_iso8601("2023-11-15T00:13:20+02:00"),
            Some(1_700_000_000)
        );
        assert_eq!(
            parse_iso8601("2023-11-14T17:13:20-0500"),
            Some(1_700_000_000)
        );
        assert_eq!(parse_iso8601("2023-11-14T23:13:20+01"), Some(1_700_000_000));
        assert_eq!(
            parse_iso8601("2023-11-14T17:13:20-05:00"),
            Some(1_700_000_000)
        );
        assert_eq!(parse_iso8601("2023-11-14"), Some(1_699_920_000));
        assert_eq!(parse_iso8601("2023-13-01"), None);
        assert_eq!(parse_iso8601("2023-11-14T25:00"), None);
        assert_eq!(parse_iso8601(""), None);
        assert_eq!(parse_iso8601("2023-11"), None);
        assert_eq!(parse_iso8601("2023-11-14T"), None);
    }

    #[test]
    fn iso_times_format_in_utc() {
        assert_eq!(format_iso8601(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(format_iso8601(-1), "1969-12-31T23:59:59Z");
        let now = now_seconds();
        assert_eq!(parse_iso8601(&format_iso8601(now)), Some(now));
    }

    #[test]
    fn relative_times_read_naturally() {
        let now = 1_700_000_000;
        let cases = [
            (0, "just now"),
            (-44, "just now"),
            (-60, "1 minute ago"),
            (-180, "3 minutes ago"),
            (150, "in 3 minutes"),
            (-3600, "1 hour ago"),
            (5 * 3600, "in 5 hours"),
            (-86_400, "1 day ago"),
            (2 * 86_400, "in 2 days"),
            (-60 * 86_400, "2 months ago"),
            (-400 * 86_400, "1 year ago"),
            (3 * 365 * 86_400, "in 3 years"),
        ];
        for (offset, text) in cases {
            assert_eq!(relative_time_text(now + offset, now), text, "{offset}");
        }
    }

    #[test]
    fn progress_percent_handles_bad_input() {
        assert_eq!(progress_percent(Some(f64::NAN), 100.0), None);
        assert_eq!(progress_percent(Some(-5.0), 100.0), Some(0.0));
        assert_eq!(progress_percent(Some(5.0), 0.0), Some(5.0));
        assert_eq!(progress_percent(Some(5.0), f64::INFINITY), Some(5.0));
        assert_eq!(progress_percent(Some(3.0), 4.0), Some(75.0));
    }
}
