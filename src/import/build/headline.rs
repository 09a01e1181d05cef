//! The headline facts of a draft: which sentence states the event, the title made from it, and
//! the date the text gives, if any (none is ever made up).

use crate::data::date::PartialDate;
use crate::data::model::DateBasis;

use super::super::actors::capitalise;
use super::super::dates;
use super::super::sentences::Token;
use super::{Builder, lower_first};

impl Builder<'_> {
    /// The sentence that says what happened: the first whose subject is an event ("The meeting
    /// between ..."), else the first dated one near the top, else none (the first is used).
    pub(super) fn event_sentence(&self) -> Option<usize> {
        self.read
            .iter()
            .take(3)
            .position(|r| event_phrase(&r.tokens, &r.text).is_some())
            .or_else(|| {
                self.read
                    .iter()
                    .take(3)
                    .position(|r| !dates::find_dates(&r.text).is_empty())
            })
    }

    pub(super) fn title(&mut self, heading: Option<&str>, event: Option<usize>) -> String {
        if let Some(h) = heading {
            self.need("title", "the text's own heading; check it");
            return h.to_owned();
        }
        let i = event.unwrap_or(0);
        let r = &self.read[i];
        if let Some(phrase) = event_phrase(&r.tokens, &r.text) {
            // The first sentence's subject leads, when the event phrase does not name it.
            let first = &self.read[0];
            let subject = first
                .mentions
                .first()
                .filter(|m| m.first <= 1)
                .map(|m| &first.text[m.start_byte..m.end_byte]);
            let title = match subject {
                Some(s) if !phrase.contains(s) => format!("{s}: {}", lower_first(&phrase)),
                _ => phrase,
            };
            self.need(
                "title",
                &format!("proposed from sentence {} (the event); check it", i + 1),
            );
            return title;
        }
        let title = main_clause(&r.text);
        if !title.chars().any(char::is_alphabetic) {
            self.need("title", "the text offers none; write one");
            return "Untitled imported text".to_owned();
        }
        self.need(
            "title",
            &format!("the main clause of sentence {}; make it a headline", i + 1),
        );
        title
    }

    pub(super) fn event_date(
        &mut self,
        date_line: Option<&str>,
        event: Option<usize>,
    ) -> (PartialDate, DateBasis) {
        if let Some(line) = date_line
            && let Some(d) = dates::find_dates(line).first()
        {
            self.need(
                "event_date",
                &format!(
                    "from the line {line:?} above the text, which may be the publication date"
                ),
            );
            return (d.date, DateBasis::Stated);
        }
        let in_event = event.and_then(|i| dates::find_dates(&self.read[i].text).first().copied());
        let all: Vec<dates::FoundDate> = self
            .read
            .iter()
            .flat_map(|r| dates::find_dates(&r.text))
            .collect();
        let chosen = in_event.or_else(|| all.first().copied());
        match chosen {
            Some(d) => {
                let mut distinct: Vec<String> = all.iter().map(|x| x.date.to_string()).collect();
                distinct.dedup();
                if distinct.len() > 1 {
                    self.need(
                        "event_date",
                        &format!(
                            "the text gives several dates ({}); {} was taken",
                            distinct.join(", "),
                            d.date
                        ),
                    );
                }
                (d.date, DateBasis::Stated)
            }
            None => {
                let years: Vec<String> = self
                    .read
                    .iter()
                    .flat_map(|r| dates::find_years(&r.text))
                    .map(|y| y.to_string())
                    .collect();
                let message = if years.is_empty() {
                    "the text gives no date; left empty, to be set from a source".to_owned()
                } else {
                    format!(
                        "the text gives no day or month (only the years {}); left empty, to be set from a source",
                        years.join(", ")
                    )
                };
                self.need("event_date", &message);
                (PartialDate::UNDATED, DateBasis::Stated)
            }
        }
    }
}

/// Nouns of events that a title can be made from: "The meeting between ...".
#[rustfmt::skip]
const EVENT_NOUNS: &[&str] = &[
    "meeting", "meetings", "visit", "summit", "talks", "agreement", "deal", "signing", "election",
    "elections", "vote", "referendum", "coup", "attack", "attacks", "invasion", "offensive",
    "decision", "announcement", "launch", "protests", "crackdown", "sanctions", "ceasefire",
    "truce", "accord", "treaty", "pact", "conference", "forum", "dialogue", "negotiations",
    "ruling", "crisis", "default", "devaluation", "blockade", "strike", "strikes", "explosion",
    "earthquake", "floods", "war", "handover", "withdrawal", "expansion", "accession",
    "partnership", "memorandum", "initiative", "reform", "law", "ban", "tariffs", "cut", "merger",
    "acquisition", "contract", "inauguration", "assassination", "resignation", "collapse",
    "takeover", "seizure", "fall", "arrest", "shutdown", "suspension", "closure", "opening",
    "entry", "exit", "bid", "sale", "purchase", "launching", "admission", "decree", "vote",
];

/// Words that end an event's noun phrase: the main verb follows.
#[rustfmt::skip]
const PHRASE_ENDS: &[&str] = &[
    "that", "which", "who", "under", "fits", "marks", "is", "was", "are", "were", "comes", "came",
    "represents", "signals", "underscores", "highlights", "reflects", "follows", "followed", "has",
    "have", "had", "will", "could", "may", "might", "shows", "demonstrates", "illustrates",
    "points", "sends", "adds", "opens", "raises", "took", "takes", "saw", "sees", "brought",
    "brings", "builds", "forms", "belongs", "signifies", "suggests", "puts", "sets", "offers",
    "ended", "ends", "began", "begins", "left", "leaves", "caps", "reshapes", "exposed", "exposes",
    "tests", "deepens",
];

/// "The meeting between Kazakhstan's Foreign Minister and the British business community": the
/// sentence's subject, when it is an event: a determiner (after at most a leading phrase set off
/// by a comma), at most three words, an event noun, a preposition, and the words up to the verb.
fn event_phrase(tokens: &[Token], text: &str) -> Option<String> {
    let lower: Vec<String> = tokens.iter().map(|t| t.text.to_lowercase()).collect();
    // The subject starts the sentence, or follows "In July 2022," and the like.
    let lead_end = tokens
        .iter()
        .take(6)
        .position(|t| t.break_after)
        .map_or(0, |k| k + 1);
    for i in [0, lead_end] {
        let Some(w) = lower.get(i) else { continue };
        if !matches!(w.as_str(), "the" | "this" | "a" | "an") {
            continue;
        }
        let Some(noun) =
            (i + 1..(i + 5).min(tokens.len())).find(|&k| EVENT_NOUNS.contains(&lower[k].as_str()))
        else {
            continue;
        };
        // Only adjectives between: no break, no verb.
        if tokens[i..noun].iter().any(|t| t.break_after) {
            continue;
        }
        let Some(prep) = lower.get(noun + 1) else {
            continue;
        };
        if !matches!(
            prep.as_str(),
            "between"
                | "of"
                | "in"
                | "by"
                | "at"
                | "with"
                | "on"
                | "to"
                | "from"
                | "for"
                | "over"
                | "against"
        ) {
            continue;
        }
        let mut end = noun + 1;
        while end < tokens.len() && end - i < 16 && !PHRASE_ENDS.contains(&lower[end].as_str()) {
            let stop = tokens[end].break_after;
            end += 1;
            if stop {
                break;
            }
        }
        if end - noun < 3 {
            continue;
        }
        let phrase = &text[tokens[i].start..tokens[end - 1].end];
        let phrase = phrase.trim_end_matches([',', ';', ':']);
        return Some(match lower[i].as_str() {
            "the" | "this" => format!("The{}", &phrase[tokens[i].text.len()..]),
            _ => capitalise(phrase),
        });
    }
    None
}

/// A sentence cut to its main clause for a title: a leading "On 26 July 2023," dropped, and the
/// rest ended before a relative or trailing clause ("..., becoming", "under which").
fn main_clause(sentence: &str) -> String {
    let mut text = sentence.trim().trim_end_matches(['.', '!', '?']);
    if let Some(comma) = text.find(", ")
        && comma < 40
        && !dates::find_dates(&text[..comma]).is_empty()
    {
        text = &text[comma + 2..];
    }
    // A date in brackets at the end ("... to Haiti (June 2024)") is the event's date, which the
    // draft holds apart.
    if let Some(open) = text.rfind(" (")
        && text.ends_with(')')
        && dates::find_dates(&text[open..])
            .first()
            .is_some_and(|d| text[open..].split_whitespace().count() <= d.words + 1)
    {
        text = text[..open].trim_end();
    }
    let lower = text.to_ascii_lowercase();
    let cut = [
        ", which",
        ", who",
        ", becoming",
        ", making",
        ", ending",
        ", beginning",
        ", and ",
        ", a ",
        ", the ",
        " under which",
        " in which",
        " that ",
        " in an ",
        " after ",
        ", as ",
        ", while",
        "; ",
        " — ",
        " so that",
    ]
    .iter()
    .filter_map(|c| lower.find(c))
    .filter(|&i| text[..i].split_whitespace().count() >= 5)
    .min()
    .unwrap_or(text.len());
    let words: Vec<&str> = text[..cut].split_whitespace().collect();
    let mut title = capitalise(&words[..words.len().min(16)].join(" "));
    title = title.trim_end_matches([',', ';', ':']).to_owned();
    if words.len() > 16 {
        title.push('…');
    }
    title
}

#[cfg(test)]
mod tests {
    use super::main_clause;

    #[test]
    fn a_title_leaves_the_date_to_the_draft() {
        for (sentence, title) in [
            (
                "Kenyan police deploy to Haiti (June 2024)",
                "Kenyan police deploy to Haiti",
            ),
            (
                "On 25 June 2024, Kenyan police arrived in Haiti (on 25 June 2024).",
                "Kenyan police arrived in Haiti",
            ),
            (
                "Kenyan police arrived in Haiti (the first contingent)",
                "Kenyan police arrived in Haiti (the first contingent)",
            ),
        ] {
            assert_eq!(main_clause(sentence), title);
        }
    }
}
