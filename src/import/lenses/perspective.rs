//! The perspective a text names: "The International Affairs Correspondent perspective", "From
//! an energy economist's perspective", "From the perspective of a Sahel correspondent".

use crate::find::fold::fold;

use super::words::*;
use super::{find_word, opening};

pub(super) fn persona(words: &str) -> bool {
    words
        .split_whitespace()
        .last()
        .is_some_and(|w| PERSONAS.contains(&w.trim_end_matches("'s")))
}

/// The perspective a sentence names, and where: "The International Affairs Correspondent
/// perspective highlights" gives "International Affairs Correspondent"; "From an energy
/// economist's perspective" gives "Energy Economist". A lens adjective ("a geopolitical
/// perspective") is not a perspective's name.
pub fn perspective_name(sentence: &str) -> Option<String> {
    if let Some((_, name)) = perspective_at(sentence) {
        return Some(name);
    }
    let folded = fold(sentence);
    let open = opening(&folded);
    // "From the perspective of an energy economist", "through the eyes of a diplomat"
    for lead in PERSON_LEADS {
        if let Some(rest) = open.strip_prefix(lead) {
            let rest = rest
                .strip_prefix("an ")
                .or_else(|| rest.strip_prefix("a "))
                .or_else(|| rest.strip_prefix("the "))
                .unwrap_or(rest);
            let end = rest.find([',', '.', ';']).unwrap_or(rest.len());
            let words = rest[..end].trim();
            if persona(words) && words.split_whitespace().count() <= 4 {
                return Some(title_case(words));
            }
        }
    }
    // "From an energy economist's perspective"
    let rest = ["from a ", "from an ", "from the "]
        .iter()
        .find_map(|p| open.strip_prefix(p))?;
    let at = find_word(rest, "perspective")?;
    let words = rest[..at]
        .trim()
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim();
    (persona(words) && words.split_whitespace().count() <= 4).then(|| title_case(words))
}

/// The perspective a `Perspective:` line gives: "International Affairs Correspondent", "an
/// energy economist" (as "Energy Economist"), "The Sahel Correspondent perspective".
pub fn perspective_given(value: &str) -> Option<String> {
    if let Some(name) = perspective_name(value) {
        return Some(name);
    }
    let mut words: Vec<&str> = value
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'))
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .first()
        .is_some_and(|w| ["a", "an", "the"].contains(&w.to_lowercase().as_str()))
    {
        words.remove(0);
    }
    if words
        .last()
        .is_some_and(|w| w.eq_ignore_ascii_case("perspective"))
    {
        words.pop();
    }
    if let Some(last) = words.last_mut() {
        *last = last.trim_end_matches("'s").trim_end_matches("’s");
    }
    let name = words.join(" ");
    if words.is_empty() || words.len() > 6 || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    // Spelled as the dataset spells perspectives.
    Some(title_case(&name))
}

/// "<Capitalised words> perspective", with where the words start.
pub(super) fn perspective_at(sentence: &str) -> Option<(usize, String)> {
    let tokens = super::super::sentences::tokens(sentence);
    let k = tokens.iter().position(|t| t.text == "perspective")?;
    let mut first = k;
    while first > 0 && tokens[first - 1].capitalised() && !tokens[first - 1].break_after {
        first -= 1;
    }
    // The sentence's first word is capitalised anyway: "From ..." or "The ..." are no names.
    if first < k
        && first == 0
        && matches!(
            tokens[0].text.as_str(),
            "The" | "A" | "An" | "This" | "From"
        )
    {
        first = 1;
    }
    if first == k {
        return None;
    }
    let words: Vec<&str> = tokens[first..k].iter().map(|t| t.text.as_str()).collect();
    let all_adjectives = words.iter().all(|w| {
        let l = w.to_lowercase();
        fixed_lens(&l).is_some() || OTHER_LENSES.iter().any(|(x, _)| *x == l)
    });
    if all_adjectives {
        return None;
    }
    let name = sentence[tokens[first].start..tokens[k - 1].end].to_owned();
    Some((tokens[first].start, name))
}

pub(super) fn title_case(words: &str) -> String {
    words
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && matches!(w, "of" | "and" | "the" | "for" | "in" | "on") {
                return w.to_owned();
            }
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
