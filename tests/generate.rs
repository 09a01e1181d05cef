//! `geolens generate`: a synthetic dataset that the rest of geolens accepts.

mod common;

use common::geolens;

#[test]
fn a_generated_dataset_is_checked_and_never_written_over() {
    let dir = std::env::temp_dir().join(format!("geolens-generate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.to_str().unwrap();

    let made = geolens(&["generate", "--analyses", "30", "--seed", "4", "--out", out]);
    let said = String::from_utf8(made.stdout).unwrap();
    assert_eq!(made.status.code(), Some(0), "{said}");
    assert!(
        said.starts_with("30 analyses, ")
            && said.trim_end().ends_with(&format!("written to {out}")),
        "{said}"
    );

    let checked = geolens(&["check", "--data", out]);
    let counts = String::from_utf8(checked.stdout).unwrap();
    assert_eq!(checked.status.code(), Some(0));
    assert!(counts.starts_with("30 analyses, "), "{counts}");
    // The same counts of entities as generate announced.
    let entities = |s: &str| s.split(", ").nth(1).map(str::to_owned);
    assert_eq!(entities(&counts), entities(&said));

    let again = geolens(&["generate", "--analyses", "30", "--out", out]);
    assert_eq!(again.status.code(), Some(2));
    let err = String::from_utf8(again.stderr).unwrap();
    assert!(err.contains("is not empty"), "{err}");

    let bad = geolens(&["generate", "--profile", "huge", "--out", out]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8(bad.stderr)
            .unwrap()
            .contains("brief or deep")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
