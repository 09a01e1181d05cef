//! The index file: a header, numbered sections, and a checksum for every 4 KiB block.
//!
//! ```text
//! 0      header (4 KiB): magic, version, block size, file length, the block table's place and
//!        checksum, each section's offset and length, and a checksum of the header itself
//! 4 KiB  the sections, each starting on an 8-byte boundary
//! end    the block table: an xxh3 checksum of each 4 KiB block from the header to the table
//! ```
//!
//! Opening checks the header and the block table, which are small; a block is checked the first
//! time anything in it is read, so opening costs nothing like the file's size, and nothing read
//! from the file is ever used unchecked. A small file is checked whole at once. The file is
//! written to a temporary name and renamed into place, so no reader ever sees half a file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use memmap2::{Advice, Mmap};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::disk;

pub const MAGIC: [u8; 8] = *b"GEOLENSX";
/// Bumped with every change to what the file holds or how.
pub const VERSION: u32 = 8;
const HEADER: usize = 4096;
/// A page: a block checked is a page read, no more, so checking costs no memory of its own.
pub const BLOCK: usize = 4096;
/// The most sections a header has room for.
const MAX_SECTIONS: usize = (HEADER - 64 - 8) / 16;
/// Files up to this size are checked whole when opened: a few milliseconds at most.
const CHECK_WHOLE_BELOW: u64 = 16 << 20;

/// Why an index file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    Missing,
    Unreadable(String),
    Truncated {
        expected: u64,
        found: u64,
    },
    NotAnIndex,
    Version(u32),
    Header,
    BlockTable,
    /// A block whose checksum does not match, with its offset in the file.
    Block(u64),
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Damage::Missing => f.write_str("there is none yet"),
            Damage::Unreadable(e) => write!(f, "it cannot be read ({e})"),
            Damage::Truncated { expected, found } => {
                write!(f, "it is cut short ({found} bytes of {expected})")
            }
            Damage::NotAnIndex => f.write_str("it is not a geolens index"),
            Damage::Version(v) => write!(
                f,
                "it was written in format {v} by another version of geolens (this one reads {VERSION})"
            ),
            Damage::Header => f.write_str("its header is damaged"),
            Damage::BlockTable => f.write_str("its table of checksums is damaged"),
            Damage::Block(at) => write!(f, "the bytes at offset {at} are damaged"),
        }
    }
}

/// Writes sections one after the other into a temporary file beside `path`, checksumming each
/// block as it goes; [`Writer::finish`] renames the file into place.
pub struct Writer {
    out: BufWriter<File>,
    temp: std::path::PathBuf,
    at: usize,
    sections: Vec<(u64, u64)>,
    blocks: Vec<u64>,
    block: Xxh3,
    in_block: usize,
}

impl Writer {
    pub fn create(path: &Path) -> io::Result<Writer> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            disk::create_dir(dir)?;
        }
        let temp = disk::temp_path(path);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        out.write_all(&[0; HEADER])?;
        Ok(Writer {
            out,
            temp,
            at: HEADER,
            sections: Vec::new(),
            blocks: Vec::new(),
            block: Xxh3::new(),
            in_block: 0,
        })
    }

    fn put(&mut self, mut bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.at += bytes.len();
        while !bytes.is_empty() {
            let n = bytes.len().min(BLOCK - self.in_block);
            self.block.update(&bytes[..n]);
            self.in_block += n;
            bytes = &bytes[n..];
            if self.in_block == BLOCK {
                self.blocks.push(self.block.digest());
                self.block.reset();
                self.in_block = 0;
            }
        }
        Ok(())
    }

    /// Appends the next section (sections are numbered in the order they are added).
    pub fn section(&mut self, bytes: &[u8]) -> io::Result<()> {
        let pad = self.at.next_multiple_of(8) - self.at;
        self.put(&[0; 8][..pad])?;
        self.sections.push((self.at as u64, bytes.len() as u64));
        self.put(bytes)
    }

    /// Writes the block table and the header, and renames the file to `path`.
    pub fn finish(mut self, path: &Path) -> io::Result<()> {
        let result = self.seal(path);
        if result.is_err() {
            let _ = fs::remove_file(&self.temp);
        }
        result
    }

    fn seal(&mut self, path: &Path) -> io::Result<()> {
        if self.sections.len() > MAX_SECTIONS {
            return Err(io::Error::other("too many sections for the header"));
        }
        let pad = self.at.next_multiple_of(8) - self.at;
        self.put(&[0; 8][..pad])?;
        if self.in_block > 0 {
            self.blocks.push(self.block.digest());
        }
        let table_at = self.at as u64;
        let table: Vec<u8> = self.blocks.iter().flat_map(|b| b.to_le_bytes()).collect();
        self.out.write_all(&table)?;
        let len = table_at + table.len() as u64;
        let mut header = vec![0u8; HEADER];
        header[0..8].copy_from_slice(&MAGIC);
        header[8..12].copy_from_slice(&VERSION.to_le_bytes());
        header[12..16].copy_from_slice(&(BLOCK as u32).to_le_bytes());
        header[16..24].copy_from_slice(&len.to_le_bytes());
        header[24..32].copy_from_slice(&(self.sections.len() as u64).to_le_bytes());
        header[32..40].copy_from_slice(&table_at.to_le_bytes());
        header[40..48].copy_from_slice(&(table.len() as u64).to_le_bytes());
        header[48..56].copy_from_slice(&xxh3_64(&table).to_le_bytes());
        for (i, &(offset, len)) in self.sections.iter().enumerate() {
            let at = 64 + i * 16;
            header[at..at + 8].copy_from_slice(&offset.to_le_bytes());
            header[at + 8..at + 16].copy_from_slice(&len.to_le_bytes());
        }
        let sum = xxh3_64(&header[..HEADER - 8]);
        header[HEADER - 8..].copy_from_slice(&sum.to_le_bytes());
        self.out.flush()?;
        let file = self.out.get_mut();
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&header)?;
        // Not flushed to the disk, unlike the state files `disk::write_atomic` writes: an index
        // is a cache whose every block is checksummed, so one that a crash left half-written is
        // found out and rebuilt, and waiting seconds for the disk at every build buys nothing.
        fs::rename(&self.temp, path)
    }
}

/// An index file, mapped. Every read goes through [`Mapped::whole`] or [`Mapped::part`], which
/// check the blocks read against their checksums first (once each).
pub struct Mapped {
    map: Mmap,
    /// For [`Mapped::read`].
    file: File,
    sections: Vec<Range<usize>>,
    /// Where the blocks end: the block table's offset.
    end: usize,
    sums: Vec<u64>,
    /// One bit per block: checked, and good.
    good: Vec<AtomicU64>,
    whole: Vec<OnceLock<bool>>,
    /// The first damage found, as a file offset (`u64::MAX`: none).
    damage: AtomicU64,
}

fn le64(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or([0; 8]))
}

impl Mapped {
    pub fn open(path: &Path) -> Result<Mapped, Damage> {
        let (file, meta) = match disk::open_regular(path) {
            Ok(opened) => opened,
            Err(disk::ReadError::Missing) => return Err(Damage::Missing),
            Err(disk::ReadError::NotAFile(what)) => {
                return Err(Damage::Unreadable(format!("{what}, not a file")));
            }
            Err(e) => return Err(Damage::Unreadable(e.to_string())),
        };
        let found = meta.len();
        if found < HEADER as u64 {
            return Err(match found {
                n if n >= 8 => Damage::Truncated {
                    expected: HEADER as u64,
                    found,
                },
                _ => Damage::NotAnIndex,
            });
        }
        // SAFETY: the mapping is read only, and geolens never changes an index file in place: a
        // new one is written beside it and renamed over it, which leaves this mapping on the old
        // file. Every byte read from it is checked against its checksum before use.
        let map = unsafe { Mmap::map(&file) }.map_err(|e| Damage::Unreadable(e.to_string()))?;
        // Most reads are a few bytes here and there (a posting list, an entity): without this,
        // each page fault would map sixteen pages around it, all counted in the process's memory.
        let _ = map.advise(Advice::Random);
        // Nor may the kernel map a 2 MiB page of the file for a read of a few bytes (it does
        // where the page cache holds the file in large folios).
        let _ = map.advise(Advice::NoHugePage);
        let h = &map[..HEADER];
        if h[0..8] != MAGIC {
            return Err(match h.iter().all(|&b| b == 0) {
                true => Damage::Header,
                false => Damage::NotAnIndex,
            });
        }
        let version = u32::from_le_bytes(h[8..12].try_into().unwrap_or([0; 4]));
        if version != VERSION {
            return Err(Damage::Version(version));
        }
        if le64(h, HEADER - 8) != xxh3_64(&h[..HEADER - 8]) {
            return Err(Damage::Header);
        }
        let expected = le64(h, 16);
        if expected != found {
            return Err(Damage::Truncated { expected, found });
        }
        let block = u32::from_le_bytes(h[12..16].try_into().unwrap_or([0; 4])) as usize;
        let n = le64(h, 24) as usize;
        let (table_at, table_len) = (le64(h, 32) as usize, le64(h, 40) as usize);
        let len = map.len();
        if block != BLOCK
            || n > MAX_SECTIONS
            || table_at < HEADER
            || table_at.checked_add(table_len) != Some(len)
            || table_len != (table_at - HEADER).div_ceil(BLOCK) * 8
        {
            return Err(Damage::Header);
        }
        let table = &map[table_at..];
        if le64(h, 48) != xxh3_64(table) {
            return Err(Damage::BlockTable);
        }
        let mut sections = Vec::with_capacity(n);
        for i in 0..n {
            let (offset, size) = (le64(h, 64 + i * 16) as usize, le64(h, 72 + i * 16) as usize);
            match offset.checked_add(size) {
                Some(end) if offset >= HEADER && end <= table_at => sections.push(offset..end),
                _ => return Err(Damage::Header),
            }
        }
        let sums: Vec<u64> = table.chunks_exact(8).map(|c| le64(c, 0)).collect();
        let mapped = Mapped {
            good: (0..sums.len().div_ceil(64))
                .map(|_| AtomicU64::new(0))
                .collect(),
            whole: (0..n).map(|_| OnceLock::new()).collect(),
            damage: AtomicU64::new(u64::MAX),
            map,
            file,
            sections,
            end: table_at,
            sums,
        };
        if found <= CHECK_WHOLE_BELOW {
            mapped.check_all()?;
        }
        Ok(mapped)
    }

    /// Checks every block; for `geolens index status`, and small files when opened.
    pub fn check_all(&self) -> Result<(), Damage> {
        match self.check(HEADER..self.end) {
            true => Ok(()),
            false => Err(self.damage().unwrap_or(Damage::BlockTable)),
        }
    }

    /// The first damage found so far.
    pub fn damage(&self) -> Option<Damage> {
        match self.damage.load(Ordering::Relaxed) {
            u64::MAX => None,
            at => Some(Damage::Block(at)),
        }
    }

    pub fn sections(&self) -> usize {
        self.sections.len()
    }

    /// Checks the blocks that `range` (of the file) lies in.
    fn check(&self, range: Range<usize>) -> bool {
        if range.is_empty() {
            return true;
        }
        let first = (range.start - HEADER) / BLOCK;
        let last = (range.end - 1 - HEADER) / BLOCK;
        for b in first..=last {
            let (word, bit) = (&self.good[b / 64], 1u64 << (b % 64));
            if word.load(Ordering::Acquire) & bit != 0 {
                continue;
            }
            let start = HEADER + b * BLOCK;
            let bytes = &self.map[start..(start + BLOCK).min(self.end)];
            if xxh3_64(bytes) != self.sums[b] {
                let _ = self.damage.compare_exchange(
                    u64::MAX,
                    start as u64,
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                );
                return false;
            }
            word.fetch_or(bit, Ordering::Release);
        }
        true
    }

    /// Says that section `id` is read from end to end (the names every search scans): pages are
    /// mapped in runs again there.
    pub fn read_through(&self, id: usize) {
        if let Some(s) = self.sections.get(id) {
            let _ = self.map.advise_range(Advice::Normal, s.start, s.len());
        }
    }

    /// Bytes `part` of section `id`, read rather than mapped, and checked: for an entity or a
    /// posting list, a few bytes in a large section. A mapping charges the process's memory by
    /// the page, or by the whole large folio where the page cache keeps the file in those.
    pub fn read(&self, id: usize, part: Range<usize>) -> Option<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let s = self.sections.get(id)?;
        let start = s.start.checked_add(part.start)?;
        let end = s.start.checked_add(part.end)?;
        if start > end || end > s.end {
            return None;
        }
        if start == end {
            return Some(Vec::new());
        }
        // Whole blocks, so that each can be checked.
        let from = HEADER + (start - HEADER) / BLOCK * BLOCK;
        let to = (HEADER + (end - HEADER).div_ceil(BLOCK) * BLOCK).min(self.end);
        let mut buf = vec![0; to - from];
        self.file.read_exact_at(&mut buf, from as u64).ok()?;
        for (i, block) in buf.chunks(BLOCK).enumerate() {
            let b = (from - HEADER) / BLOCK + i;
            let (word, bit) = (&self.good[b / 64], 1u64 << (b % 64));
            if word.load(Ordering::Acquire) & bit != 0 {
                continue;
            }
            if xxh3_64(block) != self.sums[b] {
                let at = (HEADER + b * BLOCK) as u64;
                let _ = self.damage.compare_exchange(
                    u64::MAX,
                    at,
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                );
                return None;
            }
            word.fetch_or(bit, Ordering::Release);
        }
        buf.truncate(end - from);
        buf.drain(..start - from);
        Some(buf)
    }

    /// Section `id`, checked whole (once); `None` if it is missing or damaged.
    pub fn whole(&self, id: usize) -> Option<&[u8]> {
        let range = self.sections.get(id)?.clone();
        let good = *self.whole[id].get_or_init(|| self.check(range.clone()));
        good.then(|| &self.map[range])
    }

    /// Bytes `part` of section `id`, checking only the blocks they lie in.
    pub fn part(&self, id: usize, part: Range<usize>) -> Option<&[u8]> {
        let s = self.sections.get(id)?;
        let start = s.start.checked_add(part.start)?;
        let end = s.start.checked_add(part.end)?;
        if start > end || end > s.end {
            return None;
        }
        self.check(start..end).then(|| &self.map[start..end])
    }
}

impl crate::find::index::Backing for Mapped {
    fn whole(&self, id: usize) -> Option<&[u8]> {
        Mapped::whole(self, id)
    }
    fn part(&self, id: usize, range: Range<usize>) -> Option<&[u8]> {
        Mapped::part(self, id, range)
    }
    fn read(&self, id: usize, range: Range<usize>) -> Option<Vec<u8>> {
        Mapped::read(self, id, range)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("geolens-file-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir.join("index")
    }

    fn write(path: &Path, sections: &[Vec<u8>]) {
        let mut w = Writer::create(path).unwrap();
        for s in sections {
            w.section(s).unwrap();
        }
        w.finish(path).unwrap();
    }

    #[test]
    fn sections_read_back_as_written() {
        let path = scratch("round");
        let big: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let sections = vec![b"one".to_vec(), Vec::new(), big.clone(), b"four".to_vec()];
        write(&path, &sections);
        let m = Mapped::open(&path).unwrap();
        assert_eq!(m.sections(), 4);
        for (i, s) in sections.iter().enumerate() {
            assert_eq!(m.whole(i), Some(&s[..]));
        }
        assert_eq!(m.part(2, 70_000..70_010), Some(&big[70_000..70_010]));
        assert_eq!(m.part(2, 10..300_001), None, "past the section");
        assert_eq!(
            m.read(2, 70_000..70_010).as_deref(),
            Some(&big[70_000..70_010])
        );
        assert_eq!(m.read(2, 4090..8200).as_deref(), Some(&big[4090..8200]));
        assert_eq!(m.read(2, 10..300_001), None, "past the section");
        assert_eq!(m.whole(4), None);
        fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }

    #[test]
    fn damage_anywhere_is_found() {
        let path = scratch("damage");
        let big: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 256) as u8).collect();
        write(&path, &[big, b"tail".to_vec()]);
        let good = fs::read(&path).unwrap();
        type Case = (Vec<u8>, fn(&Damage) -> bool);
        let cases: Vec<Case> = vec![
            (good[..good.len() - 1].to_vec(), |d| {
                matches!(d, Damage::Truncated { .. })
            }),
            (good[..100].to_vec(), |d| {
                matches!(d, Damage::Truncated { .. })
            }),
            (Vec::new(), |d| *d == Damage::NotAnIndex),
            ([vec![0; HEADER], good[HEADER..].to_vec()].concat(), |d| {
                *d == Damage::Header
            }),
            (
                {
                    let mut b = good.clone();
                    b[8] = 9;
                    b
                },
                |d| *d == Damage::Version(9),
            ),
            (
                {
                    let mut b = good.clone();
                    b[100] ^= 1;
                    b
                },
                |d| *d == Damage::Header,
            ),
            (
                {
                    let mut b = good.clone();
                    b[HEADER + 70_000] ^= 0x10;
                    b
                },
                |d| *d == Damage::Block((HEADER + 70_000 / BLOCK * BLOCK) as u64),
            ),
            (
                {
                    let mut b = good.clone();
                    let n = b.len();
                    b[n - 3] ^= 1;
                    b
                },
                |d| *d == Damage::BlockTable,
            ),
            (b"GEOLENSX but not really".to_vec(), |d| {
                matches!(d, Damage::Truncated { .. })
            }),
            (
                [b"{\"json\": true}".to_vec(), vec![b' '; HEADER]].concat(),
                |d| *d == Damage::NotAnIndex,
            ),
        ];
        for (i, (bytes, expected)) in cases.into_iter().enumerate() {
            fs::write(&path, &bytes).unwrap();
            let err = Mapped::open(&path)
                .err()
                .unwrap_or_else(|| panic!("case {i} opened"));
            assert!(expected(&err), "case {i}: {err:?}");
        }
        fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }
}
