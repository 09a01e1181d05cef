//! `geolens import` run as a user runs it: what it writes, what it prints, and what it refuses
//! (a binary file, an empty one, 50 MB of text, bytes that are not UTF-8), leaving nothing
//! half-written behind.

mod common;
#[path = "common/temp.rs"]
mod temp;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use temp::TempDir;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/import/texts/00-seed-kazakhstan-uk.txt"
);

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_geolens"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("geolens runs")
}

fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_geolens"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("geolens runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn drafts(dir: &Path) -> Vec<String> {
    files(dir)
        .into_iter()
        .filter(|f| f.contains("/drafts/"))
        .collect()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_seed_imports_into_a_new_dataset_that_checks_with_drafts_only() {
    let dir = TempDir::new("import-seed");
    let out = dir.path().join("mine");
    let o = run(&["import", SEED, "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let stdout = text(&o.stdout);
    assert!(stdout.starts_with("started a dataset in"), "{stdout}");
    let line = stdout.lines().nth(1).unwrap();
    assert!(
        line.contains("00-seed-kazakhstan-uk.txt -> analyses/drafts/"),
        "{line}"
    );
    assert!(
        line.contains(": 9 lenses (0 guessed), actors 3 matched / 0 new, 9 places matched, 1 implication; needs a human: "),
        "{line}"
    );
    assert!(line.contains("event_date"), "{line}");
    assert_eq!(drafts(&out).len(), 1, "{:?}", files(&out));

    let checked = run(&["check", "--data", s(&out), "--drafts"]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stderr));
    assert!(text(&checked.stdout).contains("(1 draft analyses, 0 draft actors)"));
    let strict = run(&["check", "--data", s(&out)]);
    assert_eq!(strict.status.code(), Some(2));
    let err = text(&strict.stderr);
    assert!(
        err.contains("draft: an unreviewed draft, imported from"),
        "{err}"
    );
    assert!(err.contains("event_date: missing"), "{err}");
}

#[test]
fn the_readme_shows_what_importing_the_seed_prints() {
    let dir = TempDir::new("import-readme");
    std::fs::copy(SEED, dir.path().join("seed.txt")).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_geolens"))
        .args(["import", "seed.txt", "--out", "my-analyses"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .split("## Importing your own deep dives")
        .nth(1)
        .expect("README has the section");
    let printed = text(&o.stdout);
    assert!(
        section.contains(&format!("```text\n{printed}```")),
        "README's import example is stale; it prints:\n{printed}"
    );
}

#[test]
fn importing_the_same_text_again_replaces_its_draft() {
    let dir = TempDir::new("import-again");
    let out = dir.path().join("mine");
    assert_eq!(
        run(&["import", SEED, "--out", s(&out)]).status.code(),
        Some(0)
    );
    let first = drafts(&out);
    let again = run(&["import", SEED, "--out", s(&out)]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    // An existing dataset is not started again.
    assert!(!text(&again.stdout).contains("started a dataset"));
    assert_eq!(drafts(&out), first);
}

/// Two imports into one dataset at once, each proposing the same new actor (Naval Group): the
/// second waits for the first and matches the actor it proposed. Without the wait both load the
/// dataset before either writes, both propose the actor, and the dataset no longer loads (a
/// duplicate id).
#[test]
fn two_imports_at_once_propose_a_new_actor_once() {
    let dir = TempDir::new("import-race");
    let texts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/texts");
    let aukus = std::fs::read_to_string(texts.join("01-aukus.txt")).unwrap();
    let title = aukus.lines().next().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, &aukus).unwrap();
    // Another title, so another draft.
    std::fs::write(
        &b,
        aukus.replacen(title, "AUKUS: the pact as Paris reads it", 1),
    )
    .unwrap();
    for round in 0..3 {
        let out = dir.path().join(format!("out-{round}"));
        let start = |text: &Path| {
            Command::new(env!("CARGO_BIN_EXE_geolens"))
                .args(["import", s(text), "--out", s(&out)])
                .env("XDG_CACHE_HOME", dir.path().join("cache"))
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("geolens runs")
        };
        let (first, second) = (start(&a), start(&b));
        let said: String = [first, second]
            .map(|child| {
                let o = child.wait_with_output().unwrap();
                assert!(o.status.success(), "{}", text(&o.stderr));
                text(&o.stdout)
            })
            .concat();
        assert_eq!(said.matches("/ 1 new").count(), 1, "{said}");
        assert_eq!(said.matches("/ 0 new").count(), 1, "{said}");
        let checked = run(&["check", "--data", s(&out), "--drafts"]);
        assert!(
            checked.status.success(),
            "round {round}: {}",
            text(&checked.stderr)
        );
    }
}

#[test]
fn a_directory_and_standard_input_are_read_too() {
    let dir = TempDir::new("import-dir");
    let texts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/texts");
    let out = dir.path().join("mine");
    let o = run(&[
        "import",
        s(&texts),
        "--out",
        s(&out),
        "--as-of",
        "2025-06-01",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let n = std::fs::read_dir(&texts).unwrap().count();
    assert_eq!(text(&o.stdout).lines().count(), n + 1);
    let checked = run(&["check", "--data", s(&out), "--drafts"]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stderr));

    let piped = dir.path().join("piped");
    let seed = std::fs::read(SEED).unwrap();
    let o = run_with_stdin(&["import", "-", "--out", s(&piped)], &seed);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("\n- -> analyses/drafts/"));
}

#[test]
fn without_somewhere_to_write_it_says_so() {
    let o = run(&["import", SEED]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("say where to write the drafts: --out DIR"));
}

/// A bad input: the message it must get, and its name on disk.
fn bad(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn bad_inputs_get_a_clear_error_and_leave_nothing_behind() {
    let dir = TempDir::new("import-bad");
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let png = bad(&inputs, "picture.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let empty = bad(&inputs, "empty.txt", b"");
    let latin1 = bad(&inputs, "latin1.txt", b"Caf\xe9 society in Bogot\xe1.\n");
    let furniture = bad(&inputs, "share.txt", b"Share this deep dive\n");
    let escape = bad(
        &inputs,
        "escape.txt",
        b"Regionally, it matters.\nKey actors include \x1b]0;owned\x07 Kazakhstan.\n",
    );
    let page = bad(
        &inputs,
        "saved.html",
        b"<!DOCTYPE html>\n<html><body><p>Kenya sends police.</p></body></html>\n",
    );
    // 50 MB, refused from its size before a byte is read.
    let huge = inputs.join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(50 << 20)
        .unwrap();
    let cases: [(&Path, &str); 7] = [
        (&png, "is a binary file, not text"),
        (
            &page,
            "is an HTML or XML page, not plain text: save the page as text",
        ),
        (
            &escape,
            "2:20: a control character (0x1B) in the text, such as a terminal escape code",
        ),
        (&empty, "is empty: there is no text to import"),
        (
            &latin1,
            "1:4: not valid UTF-8 (byte 0xE9): save the file as UTF-8",
        ),
        (&furniture, "holds only page furniture"),
        (&huge, "is 50.0 MiB, over the limit of 1.0 MiB for one text"),
    ];
    for (path, message) in cases {
        let out = dir.path().join("out");
        let o = run(&["import", s(path), "--out", s(&out)]);
        assert_eq!(o.status.code(), Some(2), "{}", path.display());
        let err = text(&o.stderr);
        assert!(
            err.contains(&format!("geolens: import: {}: {message}", path.display())),
            "{err}"
        );
        assert!(files(&out).is_empty(), "{:?} left {:?}", path, files(&out));
    }
    // All of them at once, with one good text among them: the good one is written whole,
    // the rest named, no temporary file left, and the status says something failed.
    std::fs::copy(SEED, inputs.join("seed.txt")).unwrap();
    let out = dir.path().join("mixed");
    let o = run(&["import", s(&inputs), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o.stderr).lines().count(), 7, "{}", text(&o.stderr));
    assert_eq!(drafts(&out).len(), 1, "{:?}", files(&out));
    assert!(!files(&out).iter().any(|f| f.contains(".tmp-")));
}

#[test]
fn the_explorer_marks_drafts_and_shows_one_beside_its_source() {
    use geolens::data::{Sources, load};
    use geolens::import::{self, Gazetteer, Options, write};
    use geolens::keys::parse_keys;
    use geolens::snapshot::Headless;
    // Through the library, with a fixed day and source name, so the screens are the same on
    // every machine and every day.
    let dir = TempDir::new("import-explore");
    let base = Sources::bundled();
    let g = Gazetteer::from_store(&load(&base).unwrap());
    let opts = Options {
        today: "2026-01-15".parse().unwrap(),
        as_of: Some("2024-05-15".parse().unwrap()),
    };
    let seed = std::fs::read_to_string(SEED).unwrap();
    let imported = import::import_text(&seed, "seed.txt", &g, &opts).unwrap();
    write::seed(dir.path(), &base).unwrap();
    write::write_draft(dir.path(), &imported).unwrap();
    let data = load(&Sources::from_dir(dir.path()).unwrap()).unwrap();
    let mut h = Headless::new(&data, 100, 30);
    // The bundled analyses are not copied: the draft is alone in its list.
    let list = h.text();
    assert!(
        list.contains("│ undated    [draft] The meeting betwe"),
        "{list}"
    );
    h.press(&parse_keys("l").unwrap());
    insta::assert_snapshot!("draft_page", h.text());
    h.press(&parse_keys("D").unwrap());
    let screen = h.text();
    assert!(screen.contains("→ background · position"), "{screen}");
    insta::assert_snapshot!("draft_beside_its_source", screen);
    h.press(&parse_keys("D").unwrap());
    assert!(
        h.text().contains("Draft imported from seed.txt"),
        "{}",
        h.text()
    );
    // With a draft in the data, the filter panel offers the Drafts facet.
    h.press(&parse_keys("f").unwrap());
    assert!(h.text().contains("│Drafts"), "{}", h.text());
    h.press(&parse_keys("<Esc>").unwrap());
    // The Drafts facet's second value keeps reviewed analyses only: none here.
    h.press(&parse_keys("f G <Space> j <Space> <Esc>").unwrap());
    assert!(h.text().contains("Analyses (0"), "{}", h.text());
}
