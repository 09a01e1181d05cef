//! The guide to writing one's own dataset (docs/dataset.md) shows a minimal example; it must be
//! exactly the files in docs/example/, and `geolens check` must accept them.

use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn the_example_in_the_guide_is_the_example_directory() {
    let guide = std::fs::read_to_string(format!("{ROOT}/docs/dataset.md")).unwrap();
    for file in [
        "places.json",
        "actors.json",
        "themes.json",
        "analyses/kz-uk-agreement-2024.json",
    ] {
        let text = std::fs::read_to_string(format!("{ROOT}/docs/example/{file}")).unwrap();
        let shown = format!("`{file}`:\n\n```json\n{}\n```", text.trim_end());
        assert!(
            guide.contains(&shown),
            "docs/dataset.md does not show {file} as it is"
        );
    }
}

#[test]
fn geolens_check_accepts_the_example() {
    let o = Command::new(env!("CARGO_BIN_EXE_geolens"))
        .args(["check", "--data", &format!("{ROOT}/docs/example")])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "1 analyses, 3 actors, 2 themes, 1 implications, 5 places\n"
    );
}
