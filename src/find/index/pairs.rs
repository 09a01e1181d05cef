//! Letter pairs of names: for each pair of ASCII letters or digits, the names that hold it as two
//! neighbouring characters (as nucleo reads them, whatever case and accents). A word matches a
//! name in at most `1 + len/4` pieces (`find::fuzzy::fuzzy_name`), so all but `len/4` of the
//! word's neighbouring pairs are neighbours in the name too: names holding fewer of them cannot
//! match, and nucleo never sees them. On a short common word (`less`) that rules out nine names
//! in ten of those the letter mask lets through.

use nucleo_matcher::Utf32Str;

use super::names::{char_mask, mask_bit, utf32};
use super::read_varint;

/// Letters and digits: the classes of a pair.
const CLASSES: usize = 36;
/// How many pairs there are, and lists in the index.
pub const PAIRS: usize = CLASSES * CLASSES;

/// The class of a needle's character, if it is a letter or digit nucleo matches only as itself
/// (in any case or with accents).
fn class(c: char) -> Option<usize> {
    if !c.is_ascii_alphanumeric() {
        return None;
    }
    Some(mask_bit(c).trailing_zeros() as usize)
}

/// The pairs a name holds, each once, in order.
pub fn name_pairs(text: &str, buf: &mut Vec<char>, out: &mut Vec<u16>) {
    out.clear();
    let mut last = 0u64;
    let mut add = |m: u64| {
        let mut a = last;
        while a != 0 {
            let i = a.trailing_zeros() as usize;
            a &= a - 1;
            let mut b = m;
            while b != 0 {
                let j = b.trailing_zeros() as usize;
                b &= b - 1;
                out.push((i * CLASSES + j) as u16);
            }
        }
        last = m;
    };
    match utf32(text, buf) {
        Utf32Str::Ascii(bytes) => bytes.iter().for_each(|&b| add(mask_bit(b as char))),
        Utf32Str::Unicode(chars) => chars.iter().for_each(|&c| add(char_mask(c))),
    }
    out.sort_unstable();
    out.dedup();
}

/// What a word of the query asks of a name's pairs: each pair with how often the word holds it,
/// and how many of those the name must hold at least.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairNeed {
    pub pairs: Vec<(u16, u32)>,
    pub at_least: u32,
}

/// What a word (as nucleo parsed it) asks of a name, or `None` if it asks nothing: a word
/// matching in `k` pieces has all but `k - 1` of its neighbouring pairs as neighbours in the
/// name, and `k` is at most `1 + len/4`. A pair with a character that is not an ASCII letter or
/// digit counts as held (nucleo may match it in ways the classes do not follow).
pub fn need(word: Utf32Str<'_>) -> Option<PairNeed> {
    let chars: Vec<char> = word.chars().collect();
    let broken = chars.len() / 4;
    let mut pairs: Vec<(u16, u32)> = Vec::new();
    for w in chars.windows(2) {
        if let (Some(a), Some(b)) = (class(w[0]), class(w[1])) {
            let id = (a * CLASSES + b) as u16;
            match pairs.iter_mut().find(|(p, _)| *p == id) {
                Some((_, n)) => *n += 1,
                None => pairs.push((id, 1)),
            }
        }
    }
    let held: u32 = pairs.iter().map(|&(_, n)| n).sum();
    let at_least = held.checked_sub(broken as u32).filter(|&n| n > 0)?;
    Some(PairNeed { pairs, at_least })
}

/// Adds `weight` to `counts[name]` for each name in a pair's list; `None` if the list is damaged.
pub(super) fn count(list: &[u8], weight: u32, counts: &mut [u32]) -> Option<()> {
    let mut bytes = list;
    let mut name = 0u32;
    while !bytes.is_empty() {
        let (gap, used) = read_varint(bytes)?;
        bytes = bytes.get(used..)?;
        name = name.checked_add(gap)?;
        *counts.get_mut(name as usize)? += weight;
    }
    Some(())
}
