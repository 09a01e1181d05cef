//! Dates written in prose ("24 April 2024", "April 24, 2024", "April 2024", "2024-04-24"), so an
//! event date is taken from the text when it states one, and never made up when it does not.

use crate::data::date::PartialDate;

/// A date found in a text, with where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub date: PartialDate,
    /// Byte offsets in the text searched.
    pub start: usize,
    pub end: usize,
    /// How many words it took ("24 April 2024" is three).
    pub words: usize,
}

#[rustfmt::skip]
const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];

/// The month a word names: full names, and the usual abbreviations with or without a dot.
fn month(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    let i = MONTHS
        .iter()
        .position(|m| *m == w || ((3..=4).contains(&w.len()) && m.starts_with(w.as_str())))?;
    Some(i as u8 + 1)
}

/// Whether a word is a month's name (capitalised words that are not names).
pub fn is_month(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && word.len() >= 3 && month(word).is_some()
}

fn day(word: &str) -> Option<u8> {
    let w = word.trim_end_matches(',');
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .unwrap_or(w);
    let n: u8 = w.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn year(word: &str) -> Option<u16> {
    let w = word.trim_end_matches([',', '.', ';', ':', ')']);
    let n: u16 = (w.len() == 4).then(|| w.parse().ok()).flatten()?;
    (1900..=2100).contains(&n).then_some(n)
}

/// Whitespace-separated words with their byte spans, brackets and quotes around them dropped.
fn words(text: &str) -> Vec<(&str, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                let raw = &text[s..i];
                let trimmed = raw.trim_start_matches(['(', '"', '“', '\'']);
                let lead = raw.len() - trimmed.len();
                let trimmed = trimmed.trim_end_matches([')', '"', '”', '\'', ',', '.', ';', ':']);
                if !trimmed.is_empty() {
                    out.push((trimmed, s + lead, s + lead + trimmed.len()));
                }
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// Every date of at least month precision in `text`, in order. A day that does not exist in its
/// month ("31 April 2024") is not a date.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let w = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let at = |k: usize| w.get(i + k).map(|x| x.0);
        let span = |n: usize| (w[i].1, w[i + n - 1].2);
        // (date if valid, words the shape took): an impossible day spoils the whole shape.
        let shape: Option<(Option<PartialDate>, usize)> = if let Ok(date) = w[i].0.parse() {
            Some((Some(date), 1))
        } else if let (Some(d), Some(m), Some(y)) =
            (day(w[i].0), at(1).and_then(month), at(2).and_then(year))
        {
            Some((make(y, m, Some(d)), 3))
        } else if let (Some(m), Some(d), Some(y)) =
            (month(w[i].0), at(1).and_then(day), at(2).and_then(year))
        {
            Some((make(y, m, Some(d)), 3))
        } else if let (Some(m), Some(y)) = (month(w[i].0), at(1).and_then(year)) {
            // "May 2024" but not "may 2024 bring": a month name must be capitalised.
            w[i].0
                .starts_with(|c: char| c.is_uppercase())
                .then(|| (make(y, m, None), 2))
        } else {
            None
        };
        let found = match shape {
            Some((Some(date), n)) => Some((date, n)),
            Some((None, n)) => {
                i += n;
                continue;
            }
            None => None,
        };
        match found {
            Some((date, n)) => {
                let (start, end) = span(n);
                out.push(FoundDate {
                    date,
                    start,
                    end,
                    words: n,
                });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

fn make(year: u16, month: u8, day: Option<u8>) -> Option<PartialDate> {
    let text = match day {
        Some(d) => format!("{year:04}-{month:02}-{d:02}"),
        None => format!("{year:04}-{month:02}"),
    };
    text.parse().ok()
}

/// The years a text names on their own ("in 2022"), for saying why no date was taken.
pub fn find_years(text: &str) -> Vec<u16> {
    let mut years: Vec<u16> = words(text).iter().filter_map(|w| year(w.0)).collect();
    years.dedup();
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<String> {
        find_dates(text)
            .iter()
            .map(|d| d.date.to_string())
            .collect()
    }

    #[test]
    fn reads_the_usual_ways_of_writing_a_date() {
        assert_eq!(dates("On 24 April 2024, they met."), ["2024-04-24"]);
        assert_eq!(dates("On April 24, 2024 they met."), ["2024-04-24"]);
        assert_eq!(dates("(3rd Sept. 2023)"), ["2023-09-03"]);
        assert_eq!(
            dates("In March 2023 and on 2024-05-01."),
            ["2023-03", "2024-05-01"]
        );
        assert_eq!(dates("Published: 2025-08"), ["2025-08"]);
    }

    #[test]
    fn refuses_what_only_looks_like_a_date() {
        assert!(dates("31 April 2024").is_empty());
        assert!(dates("it may 2024 be").is_empty());
        assert!(dates("since independence in 1991").is_empty());
        assert!(dates("They met on 24 April.").is_empty());
        assert_eq!(find_years("since 1991, and in 2022."), [1991, 2022]);
    }
}
