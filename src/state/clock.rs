//! When things were bookmarked and noted: UTC times as RFC 3339 text (`2025-03-04T05:06:07Z`),
//! which sorts as it reads and means the same on every machine. A clock is a plain function so
//! tests can fix the time.

/// Seconds since the Unix epoch, now.
pub fn system() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A clock: the seconds since the Unix epoch.
pub type Clock = fn() -> i64;

/// `secs` since the epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn stamp(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    let (y, m, d) = civil(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// The day of a stamp (`2025-03-04`), for lists and exports that need no time of day.
pub fn day(stamp: &str) -> &str {
    stamp.get(..10).unwrap_or(stamp)
}

/// The proleptic Gregorian date of a day count from 1970-01-01: eras of 400 years repeat exactly,
/// so the day is placed within its era, then within a March-based year (the leap day falls last).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_match_known_dates() {
        assert_eq!(stamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(stamp(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(stamp(1_709_251_199), "2024-02-29T23:59:59Z");
        assert_eq!(stamp(1_735_689_600), "2025-01-01T00:00:00Z");
        assert_eq!(stamp(4_102_444_800), "2100-01-01T00:00:00Z");
        assert_eq!(stamp(-1), "1969-12-31T23:59:59Z");
        assert_eq!(day("2025-01-01T00:00:00Z"), "2025-01-01");
    }

    #[test]
    fn every_day_follows_the_one_before() {
        // Four centuries, one day at a time: each date is the next after the previous.
        let mut last = civil(-1);
        for days in 0..146_097 {
            let (y, m, d) = civil(days);
            let next = if d > 1 {
                (last.0, last.1, last.2 + 1) == (y, m, d)
            } else if m > 1 {
                last.0 == y && last.1 + 1 == m
            } else {
                last.0 + 1 == y && last.1 == 12 && last.2 == 31
            };
            assert!(next, "{last:?} then {:?}", (y, m, d));
            last = (y, m, d);
        }
    }
}
