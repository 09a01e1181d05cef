//! Which lens each sentence belongs to. Deep dives announce their lenses with cue phrases ("From
//! a geopolitical lens", "Culturally", "Looking ahead"); a sentence with none is placed by its
//! position (the opening is background, a closing "This meeting exemplifies ..." sums up) or,
//! marked as guessed, by its words or the sentence before it.

use crate::data::model::{LensConfidence, SentenceLens};
use crate::find::fold::fold;

/// Where a sentence went and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assigned {
    pub lens: SentenceLens,
    /// The lens's title when `lens` is `Other` ("Economic lens").
    pub title: Option<String>,
    pub confidence: LensConfidence,
    pub why: String,
}

/// Where a cue must stand to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    /// At the start of the sentence, after a connective ("Moreover, ...").
    Start,
    Anywhere,
}

use SentenceLens as L;

mod perspective;
#[cfg(test)]
mod tests;
mod words;

use perspective::{persona, perspective_at};
pub use perspective::{perspective_given, perspective_name};
use words::*;

/// The lens of every sentence, in order.
pub fn assign(sentences: &[&str]) -> Vec<Assigned> {
    assign_under(sentences, &vec![None; sentences.len()])
}

/// [`assign`], each sentence with the heading of the section it stands in, if the text has
/// headings ("Outlook", "## Key actors"). A sentence's own cue wins; else a heading that names a
/// lens places it.
pub fn assign_under(sentences: &[&str], headings: &[Option<&str>]) -> Vec<Assigned> {
    let n = sentences.len();
    let mut out: Vec<Assigned> = Vec::with_capacity(n);
    let mut seen_cue = false;
    for (i, s) in sentences.iter().enumerate() {
        let folded = fold(s);
        if let Some(a) = by_cue(s, &folded).or_else(|| by_label(s)) {
            seen_cue = true;
            out.push(a);
            continue;
        }
        if let Some(a) = headings.get(i).copied().flatten().and_then(by_heading) {
            seen_cue = true;
            out.push(a);
            continue;
        }
        let last = i + 1 == n;
        if last && n >= 4 && sums_up(&folded) {
            out.push(Assigned {
                lens: L::Summary,
                title: None,
                confidence: LensConfidence::Position,
                why: "the closing sentence sums up".to_owned(),
            });
            continue;
        }
        if !seen_cue {
            out.push(Assigned {
                lens: L::Background,
                title: None,
                confidence: LensConfidence::Position,
                why: "opens the text, before any cue".to_owned(),
            });
            continue;
        }
        if let Some(word) = contrast(&folded) {
            out.push(Assigned {
                lens: L::Challenges,
                title: None,
                confidence: LensConfidence::Guessed,
                why: format!("no cue; opens with \"{word}\""),
            });
            continue;
        }
        if let Some((lens, words)) = by_keywords(&folded) {
            out.push(Assigned {
                lens,
                title: None,
                confidence: LensConfidence::Guessed,
                why: format!("no cue; its words: {}", words.join(", ")),
            });
            continue;
        }
        // The lens of the sentence before, unless that was a list of actors or an implication:
        // those are one sentence each, so the prose lens before them carries on.
        let previous = out
            .iter()
            .rev()
            .find(|a| !matches!(a.lens, L::Actors | L::Implications))
            .cloned()
            .unwrap_or(Assigned {
                lens: L::Background,
                title: None,
                confidence: LensConfidence::Guessed,
                why: String::new(),
            });
        out.push(Assigned {
            confidence: LensConfidence::Guessed,
            why: "no cue; follows the prose before it".to_owned(),
            ..previous
        });
    }
    out
}

/// The sentence without a leading connective ("Moreover, ").
fn opening(folded: &str) -> &str {
    let mut rest = folded.trim_start();
    loop {
        match CONNECTIVES.iter().find(|c| rest.starts_with(*c)) {
            Some(c) => rest = &rest[c.len()..],
            None => return rest,
        }
    }
}

/// Whether `phrase` occurs in `text` at `at` as whole words.
fn whole_word_at(text: &str, at: usize, phrase: &str) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + phrase.len()..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}

fn find_word(text: &str, phrase: &str) -> Option<usize> {
    text.match_indices(phrase)
        .map(|(i, _)| i)
        .find(|&i| whole_word_at(text, i, phrase))
}

fn by_cue(original: &str, folded: &str) -> Option<Assigned> {
    let open = opening(folded);
    let offset = folded.len() - open.len();
    // (position, length, assignment)
    let mut best: Option<(usize, usize, Assigned)> = None;
    let mut consider = |at: usize, len: usize, a: Assigned| {
        if best
            .as_ref()
            .is_none_or(|(p, l, _)| at < *p || (at == *p && len > *l))
        {
            best = Some((at, len, a));
        }
    };
    for &(phrase, lens, anchor) in CUES {
        let at = match anchor {
            Anchor::Start => {
                (open.starts_with(phrase) && whole_word_at(open, 0, phrase)).then_some(offset)
            }
            Anchor::Anywhere => find_word(folded, phrase),
        };
        if let Some(at) = at {
            // The cue as written, where folding kept the offsets (it does for ASCII).
            let shown = original
                .get(at..at + phrase.len())
                .filter(|s| s.eq_ignore_ascii_case(phrase))
                .unwrap_or(phrase);
            consider(at, phrase.len(), cue(lens, None, shown));
        }
    }
    // "The biggest obstacles are ...", "Risks remain ...".
    if let Some(at) = list_of_challenges(folded) {
        consider(at, 10, cue(L::Challenges, None, "obstacles ... are"));
    }
    // "The protagonists are ...", "Among the actors that matter most are ...".
    if let Some(at) = list_of_actors(folded) {
        consider(at, 6, cue(L::Actors, None, "actors ... are"));
    }
    // "The effects reach Europe", "The repercussions spread to ...".
    if let Some(at) = effects_travel(folded) {
        consider(at, 7, cue(L::Implications, None, "effects ... reach"));
    }
    // "Economically, ..." and other adverbs of further lenses.
    let first_word: &str = open
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("");
    if let Some((_, title)) = OTHER_LENSES.iter().find(|(w, _)| *w == first_word)
        && first_word.ends_with("ly")
    {
        consider(
            offset,
            first_word.len(),
            cue(L::Other, Some(title), first_word),
        );
    }
    // "From a/an <words> lens|perspective|standpoint ..."
    if let Some((at, len, a)) = from_a_lens(original, folded) {
        consider(at, len, a);
    }
    // "From the perspective of a Sahel correspondent, ..."
    for lead in PERSON_LEADS {
        if open.starts_with(lead) && perspective_name(original).is_some() {
            consider(
                offset,
                lead.len(),
                cue(L::Perspective, None, lead.trim_end()),
            );
        }
    }
    // "The International Affairs Correspondent perspective highlights ..."
    if let Some((at, name)) = perspective_at(original) {
        let phrase = format!("{name} perspective");
        consider(
            at,
            phrase.len(),
            Assigned {
                lens: L::Perspective,
                title: None,
                confidence: LensConfidence::Cue,
                why: format!("cue \"{phrase}\""),
            },
        );
    }
    best.map(|(_, _, a)| a)
}

/// Whether a line is nothing but the name of a lens ("Outlook", "Key actors", "Economic lens"),
/// and so heads a section even when the prose runs on from the next line. Stricter than
/// [`by_heading`]: the first line of a wrapped paragraph ("From a geopolitical lens, this") is
/// prose, not a heading.
pub fn names_a_lens(line: &str) -> bool {
    let folded = fold(line);
    let words = folded.trim_matches(|c: char| !c.is_alphanumeric());
    let named = |adjective: &str| {
        fixed_lens(adjective).is_some() || OTHER_LENSES.iter().any(|(w, _)| *w == adjective)
    };
    HEADINGS.iter().any(|(h, _)| *h == words)
        || CUES.iter().any(|(c, _, _)| *c == words)
        || VIEW_NOUNS.iter().chain(&["dimension", "view"]).any(|noun| {
            words
                .strip_suffix(noun)
                .and_then(|w| w.strip_suffix(' '))
                .is_some_and(|adjective| named(adjective.strip_prefix("the ").unwrap_or(adjective)))
        })
}

/// The lens a section heading names: a cue phrase ("Geopolitical lens", "Key actors"), a lens's
/// own name ("Outlook", "Challenges"), or a further lens ("Economic dimension").
fn by_heading(heading: &str) -> Option<Assigned> {
    let folded = fold(heading);
    let words = folded.trim_matches(|c: char| !c.is_alphanumeric());
    let lens = by_cue(heading, &folded)
        .map(|a| (a.lens, a.title))
        .or_else(|| {
            HEADINGS
                .iter()
                .find(|(h, _)| *h == words)
                .map(|&(_, lens)| (lens, None))
        })
        .or_else(|| {
            // "Cultural dimension", "Economic lens", "The legal angle".
            let first = words
                .strip_prefix("the ")
                .unwrap_or(words)
                .split(' ')
                .next()?;
            if let Some(lens) = fixed_lens(first) {
                return Some((lens, None));
            }
            let (_, title) = OTHER_LENSES.iter().find(|(w, _)| *w == first)?;
            Some((L::Other, Some((*title).to_owned())))
        })?;
    Some(Assigned {
        lens: lens.0,
        title: lens.1,
        confidence: LensConfidence::Cue,
        why: format!("under the heading \"{}\"", heading.trim()),
    })
}

/// A sentence that opens with a lens's name as a label: "Outlook: the mission may struggle".
fn by_label(sentence: &str) -> Option<Assigned> {
    let (label, rest) = sentence.split_once(':')?;
    if label.split_whitespace().count() > 3 || !rest.chars().any(char::is_alphanumeric) {
        return None;
    }
    let a = by_heading(label)?;
    Some(Assigned {
        why: format!("labelled \"{}:\"", label.trim()),
        ..a
    })
}

fn cue(lens: SentenceLens, title: Option<&str>, phrase: &str) -> Assigned {
    Assigned {
        lens,
        title: title.map(str::to_owned),
        confidence: LensConfidence::Cue,
        why: format!("cue \"{phrase}\""),
    }
}

/// "From a geopolitical lens", "From an economic standpoint", "From an investor's perspective".
fn from_a_lens(original: &str, folded: &str) -> Option<(usize, usize, Assigned)> {
    let open = opening(folded);
    let offset = folded.len() - open.len();
    let rest = [
        "from a ",
        "from an ",
        "from the ",
        "through a ",
        "through an ",
        "through the ",
        "seen through a ",
        "seen through an ",
        "seen through the ",
        "viewed through a ",
        "viewed through an ",
        "viewed through the ",
        "seen from a ",
        "seen from an ",
        "viewed from a ",
        "viewed from an ",
        "looked at through a ",
        "read through a ",
    ]
    .iter()
    .find_map(|p| open.strip_prefix(p))?;
    let (noun, at) = VIEW_NOUNS
        .iter()
        .filter_map(|n| find_word(rest, n).map(|i| (*n, i)))
        .min_by_key(|&(_, i)| i)?;
    let words = rest[..at]
        .trim()
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim();
    if words.is_empty() || words.split_whitespace().count() > 4 || words.contains(',') {
        return None;
    }
    let len = folded.len() - offset - (rest.len() - at - noun.len());
    let phrase = &original
        .get(offset..offset + len)
        .unwrap_or(words)
        .to_owned();
    if let Some(lens) = fixed_lens(words) {
        return Some((offset, len, cue(lens, None, phrase)));
    }
    if let Some((_, title)) = OTHER_LENSES.iter().find(|(w, _)| *w == words) {
        return Some((offset, len, cue(L::Other, Some(title), phrase)));
    }
    if noun != "lens" && persona(words) {
        return Some((offset, len, cue(L::Perspective, None, phrase)));
    }
    None
}

/// Where a list of actors is announced: "actors", "players" or "stakeholders" followed within a
/// few words by "are" or "include".
fn list_of_actors(folded: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = word_spans(folded);
    words.iter().enumerate().find_map(|(k, &(at, w))| {
        let noun = matches!(
            w,
            "actors" | "players" | "stakeholders" | "protagonists" | "parties"
        );
        let verb = words[k + 1..].iter().take(5).any(|(_, v)| {
            matches!(
                *v,
                "are" | "include" | "includes" | "including" | "comprise" | "were"
            )
        });
        (noun && verb).then_some(at)
    })
}

/// Where challenges are announced near the start: "The biggest obstacles are ...".
fn list_of_challenges(folded: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = word_spans(folded);
    words.iter().take(5).enumerate().find_map(|(k, &(at, w))| {
        let noun = matches!(
            w,
            "challenges"
                | "obstacles"
                | "hurdles"
                | "risks"
                | "threats"
                | "constraints"
                | "dangers"
        );
        let verb = words[k + 1..].iter().take(3).any(|(_, v)| {
            matches!(
                *v,
                "are" | "include" | "includes" | "remain" | "lie" | "loom"
            )
        });
        (noun && verb).then_some(at)
    })
}

/// Where effects are said to travel: "effects", "implications", "repercussions" ... followed
/// within a few words by "reach", "extend", "spread", "spill" ...
fn effects_travel(folded: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = word_spans(folded);
    words.iter().enumerate().find_map(|(k, &(at, w))| {
        let noun = matches!(
            w,
            "effects"
                | "implications"
                | "consequences"
                | "repercussions"
                | "fallout"
                | "ripples"
                | "spillover"
                | "spillovers"
                | "impact"
                | "impacts"
        );
        let verb = words[k + 1..].iter().take(4).any(|(_, v)| {
            matches!(
                *v,
                "reach"
                    | "reaches"
                    | "extend"
                    | "extends"
                    | "spread"
                    | "spreads"
                    | "spill"
                    | "spills"
                    | "ripple"
                    | "ripples"
                    | "reverberate"
                    | "reverberates"
                    | "felt"
                    | "stretch"
                    | "stretches"
                    | "travel"
                    | "travels"
            )
        });
        (noun && verb).then_some(at)
    })
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let part = c.is_alphanumeric() || c == '-';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// A sentence that opens by turning against what came before ("Yet Moscow may respond ...").
fn contrast(folded: &str) -> Option<&'static str> {
    [
        "yet",
        "however",
        "but",
        "still",
        "nevertheless",
        "nonetheless",
        "even so",
    ]
    .into_iter()
    .find(|w| folded.starts_with(w) && whole_word_at(folded, 0, w))
}

fn sums_up(folded: &str) -> bool {
    let open = opening(folded);
    let mut words = open.split_whitespace();
    let first = words.next().unwrap_or("");
    if !matches!(first, "this" | "these" | "such" | "the") {
        return false;
    }
    open.split_whitespace()
        .take(6)
        .any(|w| SUMMING_VERBS.contains(&w))
}

fn by_keywords(folded: &str) -> Option<(SentenceLens, Vec<&'static str>)> {
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let mut scored: Vec<(SentenceLens, Vec<&'static str>)> = KEYWORDS
        .iter()
        .map(|(lens, keys)| {
            let hits: Vec<&'static str> =
                keys.iter().copied().filter(|k| words.contains(k)).collect();
            (*lens, hits)
        })
        .collect();
    scored.sort_by_key(|(_, hits)| std::cmp::Reverse(hits.len()));
    let top = scored[0].1.len();
    let runner_up = scored[1].1.len();
    (top >= 2 && top > runner_up).then(|| scored.swap_remove(0))
}
