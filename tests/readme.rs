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

/// The screen a marker asks for: `<!-- screenshot: 100x30 keys="..." ... -->`.
fn screenshot(marker: &str) -> String {
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
    format!("```text\n{}```\n", headless.text())
}

/// Every screenshot marker is followed by the fenced screen it asks for.
fn with_screens(current: &str) -> String {
    let mut out = String::new();
    let mut rest = current;
    while let Some(at) = rest.find("<!-- screenshot: ") {
        let line_end = at + rest[at..].find('\n').unwrap() + 1;
        let marker = &rest[at..line_end - 1];
        out.push_str(&rest[..line_end]);
        rest = &rest[line_end..];
        assert!(
            rest.starts_with("```text\n"),
            "a fenced screen after {marker:?}"
        );
        // From the end of "```text" on, so that an empty fence closes at once.
        let end = rest["```text".len()..]
            .find("\n```\n")
            .map(|i| "```text".len() + i + "\n```\n".len())
            .expect("the fence closes");
        out.push_str(&screenshot(marker));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn expected_readme(current: &str) -> String {
    splice(
        &with_screens(current),
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
