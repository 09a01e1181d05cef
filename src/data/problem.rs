//! What is wrong with a dataset, said so that a person can go straight to the spot:
//! `analyses/kz-uk.json:14:9: actors[1].actor: unknown actor "uk-gov"`.

use std::fmt;

/// One step into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Where a value sits inside its file, e.g. `actors[1].actor`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<Seg>);

impl FieldPath {
    pub fn root() -> Self {
        FieldPath(Vec::new())
    }

    pub fn key(mut self, key: &str) -> Self {
        self.0.push(Seg::Key(key.to_owned()));
        self
    }

    pub fn index(mut self, index: usize) -> Self {
        self.0.push(Seg::Index(index));
        self
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// Converts the path serde_path_to_error reports for a type error.
    pub fn from_serde(path: &serde_path_to_error::Path) -> Self {
        use serde_path_to_error::Segment;
        FieldPath(
            path.iter()
                .filter_map(|seg| match seg {
                    Segment::Seq { index } => Some(Seg::Index(*index)),
                    Segment::Map { key } => Some(Seg::Key(key.clone())),
                    Segment::Enum { .. } | Segment::Unknown => None,
                })
                .collect(),
        )
    }

    /// This path followed by `rest`.
    pub fn join(&self, rest: &FieldPath) -> FieldPath {
        FieldPath(self.0.iter().chain(&rest.0).cloned().collect())
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Index(n) => write!(f, "[{n}]")?,
                Seg::Key(k) if i == 0 => f.write_str(k)?,
                Seg::Key(k) => write!(f, ".{k}")?,
            }
        }
        Ok(())
    }
}

/// One problem found while loading; a load reports all of them, not only the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, relative to the dataset root (`analyses/kz-uk.json`).
    pub file: String,
    /// 1-based line and column (in characters) of the offending value, when there is a file to
    /// point into.
    pub position: Option<(usize, usize)>,
    pub path: FieldPath,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        if !self.path.is_root() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// All the problems of one load, in file order. Displays one per line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

impl Problems {
    /// Names each file as the user would type it from here: the dataset's directory, then the
    /// file's place in it (`my-data/analyses/kz.json`). Loading names files within the dataset.
    pub fn under(mut self, dir: &std::path::Path) -> Problems {
        for p in &mut self.0 {
            p.file = dir.join(&p.file).display().to_string();
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_field_accesses() {
        let p = FieldPath::root().key("actors").index(1).key("actor");
        assert_eq!(p.to_string(), "actors[1].actor");
        let p = FieldPath::root().index(3).key("country");
        assert_eq!(p.to_string(), "[3].country");
    }

    #[test]
    fn a_problem_names_file_position_path_and_message() {
        let p = Problem {
            file: "analyses/kz-uk.json".into(),
            position: Some((14, 9)),
            path: FieldPath::root().key("actors").index(1).key("actor"),
            message: "unknown actor \"uk-gov\"".into(),
        };
        assert_eq!(
            p.to_string(),
            "analyses/kz-uk.json:14:9: actors[1].actor: unknown actor \"uk-gov\""
        );
    }
}
