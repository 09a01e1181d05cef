//! The data files an index points into: an entity is read from its file by offset when a page
//! asks for it (`layout::spans`), each file opened on first use.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::PathBuf;
use std::sync::OnceLock;

use xxhash_rust::xxh3::xxh3_64;

use super::build::Meta;
use crate::disk;
use crate::find::index::le64;

pub struct DataFiles {
    paths: Vec<PathBuf>,
    sizes: Vec<u64>,
    open: Vec<OnceLock<Option<File>>>,
}

impl DataFiles {
    pub fn new(meta: &Meta) -> DataFiles {
        let dir = PathBuf::from(&meta.data);
        DataFiles {
            paths: meta.files.iter().map(|f| dir.join(&f.name)).collect(),
            sizes: meta.files.iter().map(|f| f.size).collect(),
            open: meta.files.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// The bytes of an entity, from its record in `layout::spans`; `None` if they are no longer
    /// there as indexed (the file is gone, shorter, or its bytes there differ).
    pub fn entity(&self, record: &[u8]) -> Option<Vec<u8>> {
        let [file, start, len, hash] = [0, 8, 16, 24].map(|o| le64(&record[o..]));
        self.read(file, start, len)
            .filter(|bytes| xxh3_64(bytes) == hash)
    }

    fn read(&self, file: u64, start: u64, len: u64) -> Option<Vec<u8>> {
        let file = usize::try_from(file).ok()?;
        if start.checked_add(len)? > *self.sizes.get(file)? {
            return None;
        }
        let opened = self.open[file]
            .get_or_init(|| disk::open_regular(&self.paths[file]).ok().map(|(f, _)| f));
        let mut bytes = vec![0; usize::try_from(len).ok()?];
        opened.as_ref()?.read_exact_at(&mut bytes, start).ok()?;
        Some(bytes)
    }
}
