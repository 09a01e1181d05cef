//! `geolens search`, `list` and `show`: their output pinned by snapshots, their exit statuses
//! (0 results, 1 none, 2 a usage or data error), and their sanitizing of hostile text.

mod common;

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    let mini = common::fixture_dir("mini");
    Command::new(env!("CARGO_BIN_EXE_geolens"))
        .args(args)
        .args(["--data", mini.to_str().unwrap()])
        // Text output follows the locale (ASCII unless UTF-8): pin it.
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .output()
        .unwrap()
}

/// stdout, with the exit status in the first line so that snapshots pin both.
fn shown(args: &[&str]) -> String {
    let o = run(args);
    format!(
        "status {}\n{}{}",
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap()
    )
}

macro_rules! pinned {
    ($($name:ident: [$($arg:expr),+];)+) => {$(
        #[test]
        fn $name() {
            let args = [$($arg),+];
            insta::assert_snapshot!(stringify!($name), shown(&args), &args.join(" "));
        }
    )+};
}

pinned! {
    search_text: ["search", "kazakh"];
    search_json: ["search", "astana", "--json"];
    search_one_kind: ["search", "government", "--kind", "actors"];
    search_nothing: ["search", "zanzibar"];
    search_phrase: ["search", "\"british investors\""];
    list_analyses: ["list", "analyses"];
    list_actors_by_links: ["list", "actors", "--sort", "links"];
    list_themes: ["list", "themes"];
    list_implications_by_channel: ["list", "implications", "--channel", "energy"];
    list_places: ["list", "places"];
    list_json_with_facets: ["list", "analyses", "--theme", "energy-security", "--place", "central-asia", "--json"];
    list_nothing: ["list", "analyses", "--year", "1999"];
    list_unknown_theme: ["list", "analyses", "--theme", "no-such-theme"];
    list_bad_channel: ["list", "implications", "--channel", "nuclear"];
    list_bad_sort: ["list", "themes", "--sort", "date"];
    show_analysis: ["show", "kz-uk-2024", "--width", "80"];
    show_actor_json: ["show", "kz-gov", "--json"];
    show_place_by_lower_case_code: ["show", "kz", "--width", "80"];
    show_implication: ["show", "cpc-2022/europe-crude", "--width", "80"];
    show_ambiguous: ["show", "eu"];
    show_with_kind: ["show", "actor:eu", "--json"];
    show_unknown: ["show", "atlantis"];
}

/// A dataset whose text tries to drive the terminal: nothing of it may reach stdout raw.
#[test]
fn hostile_text_never_reaches_stdout_raw() {
    let dir = std::env::temp_dir().join(format!("geolens-hostile-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("analyses")).unwrap();
    let mini = common::fixture_dir("mini");
    for f in ["places.json", "themes.json"] {
        std::fs::copy(mini.join(f), dir.join(f)).unwrap();
    }
    let evil = "Evil\\u001b]0;pwned\\u0007 \\u009b2J \\u202ereversed\\u202c \\u007f";
    let actors = std::fs::read_to_string(mini.join("actors.json")).unwrap();
    let actors = actors.trim_end().trim_end_matches(']').to_owned()
        + &format!(
            ",{{\"id\": \"evil\", \"name\": \"{evil}\", \"kind\": \"group\", \"description\": \"{evil}\"}}]"
        );
    std::fs::write(dir.join("actors.json"), actors).unwrap();
    let analysis = std::fs::read_to_string(mini.join("analyses/kz-eu-minerals-2022.json"))
        .unwrap()
        .replace("\"eu\", \"role\"", "\"evil\", \"role\"")
        .replace("\"actors\": [\"eu\"]", "\"actors\": [\"evil\"]");
    std::fs::write(dir.join("analyses/a.json"), analysis).unwrap();
    for args in [
        vec!["search", "evil"],
        vec!["search", "evil", "--json"],
        vec!["list", "actors"],
        vec!["list", "actors", "--json"],
        vec!["show", "evil"],
        vec!["show", "evil", "--json"],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_geolens"))
            .args(&args)
            .args(["--data", dir.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.contains("Evil"), "{args:?}: {out}");
        let raw: Vec<char> = out
            .chars()
            .filter(|&c| c != '\n' && geolens::text::is_unsafe(c))
            .collect();
        assert!(raw.is_empty(), "{args:?} printed {raw:?}");
        if args.contains(&"--json") {
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            // The escapes decode back to the data as written.
            assert!(v.to_string().contains("\\u001b]0;pwned"), "{args:?}");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every command that finds things says the same when it finds nothing: data (none) on stdout,
/// "no results" on stderr, status 1; with --json the (empty) JSON is still printed.
#[test]
fn search_and_list_say_the_same_when_nothing_matches() {
    for args in [
        &["search", "zanzibar"][..],
        &["list", "analyses", "--year", "1999"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&o.stdout), "", "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&o.stderr),
            "no results\n",
            "{args:?}"
        );
        let mut json = args.to_vec();
        json.push("--json");
        let o = run(&json);
        assert_eq!(o.status.code(), Some(1), "{json:?}");
        let value: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let count = value.get("total").or(value.get("count")).unwrap();
        assert_eq!(count, 0, "{json:?}");
        assert_eq!(
            String::from_utf8_lossy(&o.stderr),
            "no results\n",
            "{json:?}"
        );
    }
}

#[test]
fn show_refuses_a_width_too_narrow_to_read() {
    for width in ["0", "19"] {
        let o = run(&["show", "KZ", "--width", width]);
        assert_eq!(o.status.code(), Some(2), "--width {width}");
        assert_eq!(o.stdout, b"", "--width {width}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("--width"), "{err}");
    }
    assert_eq!(run(&["show", "KZ", "--width", "20"]).status.code(), Some(0));
}
