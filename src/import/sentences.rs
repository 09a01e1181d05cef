//! Splitting prose into sentences, and sentences into words with their spans, for the matching
//! that follows. Abbreviations ("U.S.", "Dr.", "e.g.") and initials do not end a sentence.

/// A sentence of the cleaned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    /// Which paragraph of the text it is in, from 0.
    pub paragraph: usize,
}

/// Words after which a full stop does not end a sentence.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "rev",
    "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u",
    "no", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "a.m",
    "p.m", "cf", "fig", "vol", "maj", "capt", "adm", "cmdr", "pres", "mt", "ft", "d.c",
];

/// Splits `body` (paragraphs separated by blank lines) into sentences.
pub fn split(body: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (paragraph, para) in body.split("\n\n").enumerate() {
        let chars: Vec<(usize, char)> = para.char_indices().collect();
        let mut start = 0;
        for (k, &(i, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            // Closing quotes and brackets belong to the sentence they close.
            let mut end_k = k + 1;
            while chars
                .get(end_k)
                .is_some_and(|&(_, c)| matches!(c, '"' | '\'' | '”' | '’' | ')'))
            {
                end_k += 1;
            }
            let Some(&(space_at, space)) = chars.get(end_k) else {
                continue;
            };
            if !space.is_whitespace() {
                continue;
            }
            let next = chars[end_k..]
                .iter()
                .find(|(_, c)| !c.is_whitespace())
                .map(|&(_, c)| c);
            let opens = next.is_some_and(|n| {
                n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '\'' | '‘' | '(')
            });
            if !opens || (c == '.' && is_abbreviation(&para[start..i])) {
                continue;
            }
            push(&mut out, &para[start..space_at], paragraph);
            start = space_at;
        }
        push(&mut out, &para[start..], paragraph);
    }
    out
}

fn push(out: &mut Vec<Sentence>, text: &str, paragraph: usize) {
    let text = text.trim();
    if !text.is_empty() {
        out.push(Sentence {
            text: text.to_owned(),
            paragraph,
        });
    }
}

/// Whether the text before a full stop ends in an abbreviation or an initial ("J.").
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_initial || ABBREVIATIONS.contains(&lower.as_str())
}

/// A word of a sentence: as written, and where (byte offsets in the sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The word ends in a possessive ("Kazakhstan's"); `text` is without it.
    pub possessive: bool,
    /// Punctuation (a comma, a bracket) separates this word from the next.
    pub break_after: bool,
    /// Joined to the word before by a hyphen ("Brexit" in "post-Brexit").
    pub hyphen_before: bool,
}

impl Token {
    pub fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// The words of a sentence. Hyphens and slashes split words ("Russia-Ukraine" is two); dots
/// inside a word stay ("U.S."); a possessive "'s" is taken off and noted.
pub fn tokens(sentence: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut start: Option<usize> = None;
    let bytes_end = sentence.len();
    let mut iter = sentence.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let inner = matches!(c, '.' | '\'' | '’')
            && start.is_some()
            && next.is_some_and(char::is_alphanumeric);
        if c.is_alphanumeric() || inner {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            // "U.S." keeps its last dot when the word is dotted; "OPEC+" its plus.
            let end = if (c == '.' && sentence[s..i].contains('.')) || c == '+' {
                i + 1
            } else {
                i
            };
            push_token(&mut out, sentence, s, end);
        }
        if let Some(last) = out.last_mut()
            && !c.is_whitespace()
            && !matches!(c, '-' | '–' | '/' | '.' | '+')
        {
            last.break_after = true;
        }
        if c == '.' && out.last().is_some_and(|t| t.end == i) {
            // A full stop ends the sentence or an abbreviation: a break either way.
            if let Some(last) = out.last_mut() {
                last.break_after = true;
            }
        }
    }
    if let Some(s) = start {
        push_token(&mut out, sentence, s, bytes_end);
    }
    out
}

fn push_token(out: &mut Vec<Token>, sentence: &str, start: usize, end: usize) {
    let raw = &sentence[start..end];
    let (text, possessive) = ["'s", "’s", "'S"]
        .iter()
        .find_map(|p| raw.strip_suffix(p))
        .map_or((raw, false), |t| (t, true));
    if text.is_empty() {
        return;
    }
    let hyphen_before = out.last().is_some_and(|prev| {
        prev.end + 1 == start && sentence[prev.end..start].starts_with(['-', '–'])
    });
    out.push(Token {
        text: text.to_owned(),
        start,
        end: start + text.len(),
        possessive,
        break_after: false,
        hyphen_before,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<String> {
        split(body).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn sentences_end_at_stops_but_not_at_abbreviations() {
        assert_eq!(
            texts("The U.S. and Dr. Smith met J. Doe. Then they left! \"Why?\" Nobody knew."),
            [
                "The U.S. and Dr. Smith met J. Doe.",
                "Then they left!",
                "\"Why?\"",
                "Nobody knew."
            ]
        );
        assert_eq!(
            texts("Growth was 2.5 percent. It fell."),
            ["Growth was 2.5 percent.", "It fell."]
        );
        assert_eq!(texts("One.\n\nTwo."), ["One.", "Two."]);
        assert_eq!(split("One.\n\nTwo.")[1].paragraph, 1);
    }

    #[test]
    fn tokens_split_hyphens_keep_dotted_words_and_note_possessives() {
        let t = tokens("Kazakhstan's Russia-Ukraine U.S. ties, (assuming) al-Sharaa.");
        let words: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            words,
            [
                "Kazakhstan",
                "Russia",
                "Ukraine",
                "U.S.",
                "ties",
                "assuming",
                "al",
                "Sharaa"
            ]
        );
        assert!(t[0].possessive && !t[1].possessive);
        assert!(t[4].break_after, "a comma after ties");
        assert!(!t[1].break_after, "a hyphen is not a break");
        assert!(t[5].break_after, "a bracket closes");
    }
}
