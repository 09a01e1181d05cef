//! Laying out the names' sections. Each thread that indexes a run of documents lays out its own
//! names, so that preparing them (folding, nucleo's form, masks, letter pairs) is shared between
//! threads and only concatenation is left for the merge.

use super::names::{NAME_RECORD, NameKind, name_mask, nucleo_form};
use super::pairs::{PAIRS, name_pairs};
use super::{DocId, read_varint, sec, write_varint};
use crate::find::fold::fold;

/// The names sections of some documents, in the order their names were pushed.
pub(super) struct NameSections {
    masks: Vec<u8>,
    records: Vec<u8>,
    text: Vec<u8>,
    /// Per letter pair, the gaps between the names holding it, and the last name holding it.
    pairs: Vec<Vec<u8>>,
    last: Vec<u32>,
    count: u32,
    chars: Vec<char>,
    held: Vec<u16>,
}

impl Default for NameSections {
    fn default() -> Self {
        NameSections {
            masks: Vec::new(),
            records: Vec::new(),
            text: Vec::new(),
            pairs: vec![Vec::new(); PAIRS],
            last: vec![0; PAIRS],
            count: 0,
            chars: Vec::new(),
            held: Vec::new(),
        }
    }
}

impl NameSections {
    /// Adds the next name.
    pub fn push(&mut self, doc: DocId, kind: NameKind, text: &str) {
        let folded = fold(text);
        let nucleo = nucleo_form(text);
        self.masks.extend_from_slice(&name_mask(text).to_le_bytes());
        self.records.extend_from_slice(&doc.to_le_bytes());
        self.records.extend_from_slice(&(kind as u32).to_le_bytes());
        self.records
            .extend_from_slice(&(self.text.len() as u64).to_le_bytes());
        for len in [text.len(), folded.len(), nucleo.len(), 0] {
            self.records.extend_from_slice(&(len as u32).to_le_bytes());
        }
        self.text.extend_from_slice(text.as_bytes());
        self.text.extend_from_slice(folded.as_bytes());
        self.text.extend_from_slice(nucleo.as_bytes());
        let name = self.count;
        name_pairs(text, &mut self.chars, &mut self.held);
        for &p in &self.held {
            let p = p as usize;
            write_varint(&mut self.pairs[p], name - self.last[p]);
            self.last[p] = name;
        }
        self.count += 1;
    }

    /// Appends the names of the documents after these: their text moves up by this text's
    /// length, and each pair list's first gap is counted from this one's last name.
    pub fn append(&mut self, mut next: NameSections) {
        self.masks.append(&mut next.masks);
        let base = self.text.len() as u64;
        for record in next.records.chunks_exact_mut(NAME_RECORD) {
            let start = u64::from_le_bytes(record[8..16].try_into().unwrap_or_default());
            record[8..16].copy_from_slice(&(start + base).to_le_bytes());
        }
        self.records.append(&mut next.records);
        self.text.append(&mut next.text);
        for (p, list) in next.pairs.iter().enumerate() {
            let Some((first, used)) = read_varint(list) else {
                continue;
            };
            write_varint(&mut self.pairs[p], self.count + first - self.last[p]);
            self.pairs[p].extend_from_slice(&list[used..]);
            self.last[p] = self.count + next.last[p];
        }
        self.count += next.count;
    }

    /// Puts the names' sections in their places among the index's.
    pub fn into_sections(self, s: &mut [Vec<u8>]) {
        let mut at = Vec::with_capacity((PAIRS + 1) * 8);
        let mut all = Vec::with_capacity(self.pairs.iter().map(Vec::len).sum());
        for list in &self.pairs {
            at.extend_from_slice(&(all.len() as u64).to_le_bytes());
            all.extend_from_slice(list);
        }
        at.extend_from_slice(&(all.len() as u64).to_le_bytes());
        s[sec::NAME_PAIRS_AT] = at;
        s[sec::NAME_PAIRS] = all;
        s[sec::NAME_MASKS] = self.masks;
        s[sec::NAMES] = self.records;
        s[sec::NAME_TEXT] = self.text;
    }
}
