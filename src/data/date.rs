//! Dates at day or month precision, written `YYYY-MM-DD` or `YYYY-MM`.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// A calendar date whose day may be unknown. Orders by year, month, then day (a month-only date
/// sorts before every day of that month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: u16,
    pub month: u8,
    pub day: Option<u8>,
}

impl PartialDate {
    /// The event date of a draft whose text gives none. No text parses to it; it prints as
    /// "undated" and sorts before every date, so "not before the event" checks pass it by and a
    /// newest-first list puts it last. Readers that must tell (a year facet, a date range) ask
    /// [`PartialDate::is_known`].
    pub const UNDATED: PartialDate = PartialDate {
        year: 0,
        month: 0,
        day: None,
    };

    /// For `#[serde(default)]`.
    pub fn undated() -> PartialDate {
        PartialDate::UNDATED
    }

    pub fn is_known(&self) -> bool {
        *self != PartialDate::UNDATED
    }

    pub fn has_day(&self) -> bool {
        self.day.is_some()
    }

    /// The last day this date can stand for: a month-only date covers the whole month.
    pub fn latest_day(&self) -> (u16, u8, u8) {
        (
            self.year,
            self.month,
            self.day
                .unwrap_or_else(|| days_in_month(self.year, self.month)),
        )
    }

    /// The first day this date can stand for.
    pub fn earliest_day(&self) -> (u16, u8, u8) {
        (self.year, self.month, self.day.unwrap_or(1))
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

/// Why a date string was refused; the message names the expected form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |why: &str| DateError(format!("invalid date {s:?}: {why}"));
        let parts: Vec<&str> = s.split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        let shape_ok = match parts.as_slice() {
            [y, m] => digits(y, 4) && digits(m, 2),
            [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
            _ => false,
        };
        if !shape_ok {
            return Err(bad("expected YYYY-MM-DD or YYYY-MM"));
        }
        // The shape check above guarantees these parse.
        let year: u16 = parts[0].parse().map_err(|_| bad("year"))?;
        let month: u8 = parts[1].parse().map_err(|_| bad("month"))?;
        if !(1..=12).contains(&month) {
            return Err(bad("month must be 01 to 12"));
        }
        let day = match parts.get(2) {
            Some(d) => {
                let day: u8 = d.parse().map_err(|_| bad("day"))?;
                let max = days_in_month(year, month);
                if day == 0 || day > max {
                    return Err(bad(&format!("day must be 01 to {max:02} in that month")));
                }
                Some(day)
            }
            None => None,
        };
        Ok(PartialDate { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.is_known() {
            // `pad`, so that `{:<10}` lines it up like a date.
            return f.pad("undated");
        }
        write!(f, "{:04}-{:02}", self.year, self.month)?;
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A date at day precision (YYYY-MM-DD) or month precision (YYYY-MM).",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_precisions_and_prints_them_back() {
        for s in ["2024-03", "2024-03-12", "2024-02-29"] {
            let d: PartialDate = s.parse().unwrap();
            assert_eq!(d.to_string(), s);
        }
    }

    #[test]
    fn refuses_impossible_dates_with_a_reason() {
        let err = |s: &str| s.parse::<PartialDate>().unwrap_err().to_string();
        assert_eq!(
            err("2023-02-29"),
            "invalid date \"2023-02-29\": day must be 01 to 28 in that month"
        );
        assert_eq!(
            err("2024-13"),
            "invalid date \"2024-13\": month must be 01 to 12"
        );
        assert_eq!(
            err("24-3-1"),
            "invalid date \"24-3-1\": expected YYYY-MM-DD or YYYY-MM"
        );
        assert_eq!(
            err("2024"),
            "invalid date \"2024\": expected YYYY-MM-DD or YYYY-MM"
        );
    }

    #[test]
    fn month_dates_sort_before_their_days() {
        let m: PartialDate = "2024-03".parse().unwrap();
        let d: PartialDate = "2024-03-01".parse().unwrap();
        assert!(m < d);
        assert_eq!(m.latest_day(), (2024, 3, 31));
    }
}
