//! The generator's own checks: deterministic, valid, shaped like the corpus.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::*;
use crate::data::{self, Dataset, Sources};

/// A fresh directory under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("geolens-synth-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn generate(name: &str, analyses: usize, seed: u64, profile: Profile) -> (TempDir, Written) {
    let dir = TempDir::new(name);
    let spec = Spec {
        analyses,
        seed,
        profile,
    };
    let written = write(&dir.0, &spec).expect("written");
    (dir, written)
}

fn load(dir: &Path) -> Dataset {
    let sources = Sources::from_dir(dir).expect("readable");
    data::load(&sources).unwrap_or_else(|p| panic!("synthetic data does not load:\n{p}"))
}

fn mean(xs: impl Iterator<Item = usize>) -> f64 {
    let (sum, n) = xs.fold((0, 0), |(s, n), x| (s + x, n + 1));
    sum as f64 / n as f64
}

#[test]
fn a_generated_dataset_passes_validation_in_files_of_a_thousand() {
    let (dir, w) = generate("valid", 1500, 7, Profile::Brief);
    let d = load(&dir.0);
    assert_eq!(d.analyses.len(), 1500);
    assert_eq!(
        (d.actors.len(), d.themes.len(), d.places.len()),
        (w.actors, w.themes, w.places)
    );
    let mut parts: Vec<String> = fs::read_dir(dir.0.join("analyses"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    parts.sort();
    assert_eq!(parts, ["part-00000.json", "part-00001.json"]);
    assert_eq!(w.files, 5);
    let on_disk: u64 = ["places.json", "actors.json", "themes.json"]
        .iter()
        .map(|f| dir.0.join(f))
        .chain(parts.iter().map(|p| dir.0.join("analyses").join(p)))
        .map(|p| fs::metadata(p).unwrap().len())
        .sum();
    assert_eq!(w.bytes, on_disk);

    let (dir, _) = generate("valid-deep", 40, 7, Profile::Deep);
    assert_eq!(load(&dir.0).analyses.len(), 40);
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_other_bytes() {
    let part = |dir: &TempDir| fs::read(dir.0.join("analyses/part-00000.json")).unwrap();
    let (a, _) = generate("seed-a", 200, 3, Profile::Brief);
    let (b, _) = generate("seed-b", 200, 3, Profile::Brief);
    let (c, _) = generate("seed-c", 200, 4, Profile::Brief);
    assert!(part(&a) == part(&b), "same seed, different analyses");
    assert!(part(&a) != part(&c), "another seed, same analyses");
    let actors = |dir: &TempDir| fs::read(dir.0.join("actors.json")).unwrap();
    assert!(actors(&a) == actors(&b));
}

#[test]
fn the_deep_profile_has_the_corpus_counts_and_lengths() {
    let (dir, _) = generate("deep", 400, 11, Profile::Deep);
    let d = load(&dir.0);
    let words = |s: &str| s.split_whitespace().count();
    let a = &d.analyses;
    // The corpus: 7.6 actors, 4.8 themes, 6.9 places, 4.8 implications per analysis, every
    // fixed lens present, 121 words of background, 102 of summary.
    let actors = mean(a.iter().map(|a| a.actors.len()));
    assert!((7.0..=8.0).contains(&actors), "{actors}");
    let themes = mean(a.iter().map(|a| a.themes.len()));
    assert!((4.5..=5.5).contains(&themes), "{themes}");
    let places = mean(a.iter().map(|a| a.places.len()));
    assert!((6.0..=8.0).contains(&places), "{places}");
    let implications = mean(a.iter().map(|a| a.implications.len()));
    assert!((4.0..=5.0).contains(&implications), "{implications}");
    assert!(a.iter().all(|a| a.lenses.sections().count() == 7));
    let background = mean(
        a.iter()
            .map(|a| words(a.lenses.background.as_deref().unwrap())),
    );
    assert!((110.0..=135.0).contains(&background), "{background}");
    let summary = mean(a.iter().map(|a| words(&a.summary)));
    assert!((92.0..=113.0).contains(&summary), "{summary}");
    let shared = a.iter().filter(|a| a.event.is_some()).count();
    assert!(
        (60..=140).contains(&shared),
        "{shared} of 400 share an event"
    );
}

#[test]
fn the_brief_profile_is_about_1_8_kb_an_analysis() {
    let (_dir, w) = generate("brief", 3000, 5, Profile::Brief);
    let per_analysis = w.bytes as f64 / 3000.0;
    assert!(
        (1600.0..=2000.0).contains(&per_analysis),
        "{per_analysis} bytes an analysis"
    );
}

#[test]
fn entities_are_shared_with_a_skew_and_text_is_not_plain_ascii() {
    let (dir, _) = generate("skew", 2000, 9, Profile::Brief);
    let d = load(&dir.0);
    let mut uses: Vec<(usize, &str)> = d
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let n = d.actor_analyses(crate::data::ActorIx(i as u32)).len();
            (n, a.id.as_str())
        })
        .collect();
    uses.sort_unstable_by(|a, b| b.cmp(a));
    // A few actors are in a large share of analyses, the typical one in a handful.
    assert!(uses[0].0 > 2000 / 10, "top actor in {} analyses", uses[0].0);
    let median = uses[uses.len() / 2].0;
    assert!(median <= 5, "median actor in {median} analyses");
    let spec = Spec {
        analyses: 2000,
        seed: 9,
        profile: Profile::Brief,
    };
    assert_eq!(Synth::new(&spec).most_popular_actor(), uses[0].1);

    let texts: Vec<&str> = d
        .analyses
        .iter()
        .flat_map(|a| {
            std::iter::once(a.summary.as_str()).chain(a.lenses.sections().map(|(_, t)| t))
        })
        .collect();
    let with = |pred: &dyn Fn(char) -> bool| texts.iter().filter(|t| t.chars().any(pred)).count();
    let accented = with(&|c| ('\u{C0}'..='\u{17F}').contains(&c));
    let cjk = with(&|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let emoji = with(&|c| ('\u{1F300}'..='\u{1FAFF}').contains(&c));
    let quotes = with(&|c| matches!(c, '"' | '“'));
    for (what, n) in [
        ("accented", accented),
        ("CJK", cjk),
        ("emoji", emoji),
        ("quotes", quotes),
    ] {
        assert!(n >= 20, "only {n} texts with {what} characters");
    }
    assert!(
        d.analyses
            .iter()
            .all(|a| a.title.is_ascii() || !a.title.is_empty())
    );
    let phrase = texts
        .iter()
        .filter(|t| t.contains("middle corridor"))
        .count();
    assert!(phrase >= 5, "the phrase appears in {phrase} texts");
}

#[test]
fn writing_into_a_directory_that_holds_files_is_refused() {
    let (dir, _) = generate("refuse", 10, 1, Profile::Brief);
    let spec = Spec {
        analyses: 10,
        seed: 1,
        profile: Profile::Brief,
    };
    let err = write(&dir.0, &spec).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
}

#[test]
fn a_long_text_is_paragraphs_of_the_size_asked() {
    let mut s = Synth::new(&Spec {
        analyses: 1,
        seed: 2,
        profile: Profile::Brief,
    });
    let text = s.long_text(200_000);
    assert!((200_000..210_000).contains(&text.len()), "{}", text.len());
    let paragraphs = text.split("\n\n").count();
    assert!((200..=400).contains(&paragraphs), "{paragraphs} paragraphs");
}
