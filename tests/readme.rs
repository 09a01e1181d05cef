//! The README shows a screenshot and the key table; both are generated, and this test keeps them
//! current. Run with `UPDATE_README=1` to rewrite them after an intended change.

mod common;

use geolens::app::keymap::Keymap;
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

/// Replaces the text between the line starting with `start` and the line starting with `end`.
fn splice(text: &str, start: &str, end: &str, body: &str) -> String {
    let a = text
        .find(start)
        .unwrap_or_else(|| panic!("README lacks {start:?}"));
    let a = a + text[a..].find('\n').unwrap() + 1;
    let b = a + text[a..]
        .find(end)
        .unwrap_or_else(|| panic!("README lacks {end:?}"));
    format!("{}{}{}", &text[..a], body, &text[b..])
}

fn expected_readme(current: &str) -> String {
    let marker = current
        .lines()
        .find(|l| l.starts_with("<!-- screenshot: "))
        .expect("screenshot marker");
    // <!-- screenshot: 100x30 keys="..." ... -->
    let spec = marker.trim_start_matches("<!-- screenshot: ");
    let (size, rest) = spec.split_once(' ').unwrap();
    let keys = rest
        .strip_prefix("keys=\"")
        .and_then(|r| r.split_once('"'))
        .map(|(k, _)| k)
        .expect("keys=\"...\" in the screenshot marker");
    let (w, h) = size.split_once('x').unwrap();
    let data = common::bundled();
    let mut headless = Headless::new(&data, w.parse().unwrap(), h.parse().unwrap());
    headless.press(&parse_keys(keys).unwrap());
    let screen = format!("```text\n{}```\n", headless.text());
    let with_screen = splice(
        current,
        "<!-- screenshot: ",
        "\n## ",
        &format!("{screen}\n"),
    );
    splice(
        &with_screen,
        "<!-- keys: ",
        "<!-- keys end -->",
        &Keymap::default().markdown(),
    )
}

#[test]
fn readme_screenshot_and_keys_are_current() {
    let current = std::fs::read_to_string(README).unwrap();
    let expected = expected_readme(&current);
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(README, &expected).unwrap();
        return;
    }
    assert!(
        current == expected,
        "README.md is stale: run `UPDATE_README=1 cargo test --test readme` and review the diff"
    );
}

#[test]
fn readme_test_command_is_the_one_ci_runs() {
    let readme = std::fs::read_to_string(README).unwrap();
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    let command = "cargo test --release --locked";
    assert!(readme.contains(&format!("`{command}`")));
    assert!(ci.lines().any(|l| l.trim() == command));
}
