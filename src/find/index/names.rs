//! The names each entity is known by, as the index lays them out: a record and the text of each,
//! and a mask of the letters each holds, so that a search reads the text of few of them.

use nucleo_matcher::Utf32Str;

use super::{DocId, le32, le64};

/// Bytes of one name record: doc `u32`, kind `u32`, start `u64`, then the lengths (`u32`) of the
/// text, the folded text and nucleo's form, and 4 bytes of padding.
pub const NAME_RECORD: usize = 32;

/// A name an entity is known by: its name or title, an alias, an id or ISO code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name<'a> {
    pub doc: DocId,
    pub kind: NameKind,
    /// The name as shown (unsanitized).
    pub text: &'a str,
    pub folded: &'a str,
    /// The first character of each grapheme when `text` is not ASCII (what nucleo reads);
    /// empty for ASCII.
    nucleo: &'a str,
}

impl<'a> Name<'a> {
    /// The name as nucleo reads it: bytes for ASCII, else the first character of each grapheme
    /// (what `Utf32String::from` makes), in `buf`.
    pub fn utf32<'b>(&self, buf: &'b mut Vec<char>) -> Utf32Str<'b>
    where
        'a: 'b,
    {
        if self.nucleo.is_empty() {
            return utf32(self.text, buf);
        }
        buf.clear();
        buf.extend(self.nucleo.chars());
        Utf32Str::Unicode(buf)
    }
}

/// What nucleo reads of a name that is not ASCII, stored so that no search splits graphemes.
pub fn nucleo_form(text: &str) -> String {
    match text.is_ascii() {
        true => String::new(),
        false => nucleo_matcher::chars::graphemes(text).collect(),
    }
}

/// `text` as nucleo reads it, exactly as `Utf32String::from` converts it.
pub fn utf32<'b>(text: &'b str, buf: &'b mut Vec<char>) -> Utf32Str<'b> {
    if text.is_ascii() {
        Utf32Str::Ascii(text.as_bytes())
    } else {
        buf.clear();
        buf.extend(nucleo_matcher::chars::graphemes(text));
        Utf32Str::Unicode(buf)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameKind {
    /// The name of an actor, theme or place, the title of an analysis.
    Primary,
    Alias,
    /// An id or ISO code.
    Code,
}

impl NameKind {
    fn from_u32(n: u32) -> NameKind {
        match n {
            0 => NameKind::Primary,
            1 => NameKind::Alias,
            _ => NameKind::Code,
        }
    }
}

/// The bit of an ASCII letter or digit in a name mask.
pub(super) fn mask_bit(c: char) -> u64 {
    match c.to_ascii_lowercase() {
        c @ 'a'..='z' => 1 << (c as u32 - 'a' as u32),
        c @ '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 0,
    }
}

/// The ASCII letters and digits a name can match, whatever case and accents nucleo ignores:
/// each character counts as itself, lower-cased, and with its accents removed. A query word's
/// letters and digits must all be in the mask of any name it matches, so the mask rules most
/// names out with one test.
pub fn name_mask(text: &str) -> u64 {
    let mut buf = Vec::new();
    match utf32(text, &mut buf) {
        Utf32Str::Ascii(bytes) => bytes.iter().fold(0, |m, &b| m | mask_bit(b as char)),
        Utf32Str::Unicode(chars) => chars.iter().fold(0, |m, &c| m | char_mask(c)),
    }
}

/// The letters and digits one character of a name (as nucleo reads it) can match: itself,
/// lower-cased, and with its accents removed.
pub(super) fn char_mask(c: char) -> u64 {
    use nucleo_matcher::chars::{normalize, to_lower_case};
    [c, normalize(c)]
        .into_iter()
        .fold(0, |m, c| m | mask_bit(c) | mask_bit(to_lower_case(c)))
}

/// The letters and digits of a needle, as a mask to test names against.
pub fn needle_mask(needle: Utf32Str<'_>) -> u64 {
    needle.chars().fold(0, |m, c| m | mask_bit(c))
}

/// The names of an index, read in place.
#[derive(Debug, Clone, Copy, Default)]
pub struct Names<'a> {
    pub(super) masks: &'a [u8],
    pub(super) records: &'a [u8],
    pub(super) text: &'a str,
}

impl<'a> Names<'a> {
    pub fn len(&self) -> usize {
        self.records.len() / NAME_RECORD
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The mask of name `i` ([`name_mask`]); 0 past the end.
    pub fn mask(&self, i: usize) -> u64 {
        self.masks.get(i * 8..i * 8 + 8).map_or(0, le64)
    }

    pub fn get(&self, i: usize) -> Option<Name<'a>> {
        let r = self.records.get(i * NAME_RECORD..(i + 1) * NAME_RECORD)?;
        let start = usize::try_from(le64(&r[8..16])).ok()?;
        let mid = start.checked_add(le32(&r[16..20]) as usize)?;
        let folded = mid.checked_add(le32(&r[20..24]) as usize)?;
        let end = folded.checked_add(le32(&r[24..28]) as usize)?;
        Some(Name {
            doc: le32(&r[0..4]),
            kind: NameKind::from_u32(le32(&r[4..8])),
            text: self.text.get(start..mid)?,
            folded: self.text.get(mid..folded)?,
            nucleo: self.text.get(folded..end)?,
        })
    }

    /// The first name of document `doc` or after (names are laid out in document order).
    pub fn first_of(&self, doc: DocId) -> usize {
        let doc_of = |i: usize| {
            self.records
                .get(i * NAME_RECORD..i * NAME_RECORD + 4)
                .map_or(DocId::MAX, le32)
        };
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if doc_of(mid) < doc {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    pub fn iter(&self) -> impl Iterator<Item = Name<'a>> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}
