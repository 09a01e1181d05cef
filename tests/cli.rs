//! The command line, run as a user runs it: exit codes, stdout and stderr.

mod common;
#[path = "common/temp.rs"]
mod temp;

use std::process::Output;

use common::geolens;
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn check_prints_the_counts() {
    let mini = common::fixture_dir("mini");
    let o = geolens(&["check", "--data", mini.to_str().unwrap()]);
    assert_eq!(
        stdout(&o),
        "3 analyses, 7 actors, 4 themes, 5 implications, 7 places\n"
    );
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn check_of_the_bundled_data_matches_what_the_library_loads() {
    let d = common::bundled();
    let o = geolens(&["check"]);
    assert_eq!(
        stdout(&o),
        format!(
            "{} analyses, {} actors, {} themes, {} implications, {} places\n",
            d.analyses.len(),
            d.actors.len(),
            d.themes.len(),
            d.implications.len(),
            d.places.len()
        )
    );
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn check_of_a_broken_dataset_lists_every_problem_and_fails() {
    let dir = std::env::temp_dir().join(format!("geolens-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("analyses")).unwrap();
    for f in ["places.json", "actors.json", "themes.json"] {
        std::fs::copy(common::fixture_dir("mini").join(f), dir.join(f)).unwrap();
    }
    let read = |name: &str| {
        std::fs::read_to_string(common::fixture_dir("mini/analyses").join(name)).unwrap()
    };
    // A reference error in one file, a type error in another.
    let cpc = read("cpc-2022.json").replace("\"cpc\", \"role\"", "\"no-such-actor\", \"role\"");
    std::fs::write(dir.join("analyses/cpc-2022.json"), cpc).unwrap();
    let kz_uk = read("kz-uk-2024.json").replace("\"diplomacy\"", "\"pipelines\"");
    std::fs::write(dir.join("analyses/kz-uk-2024.json"), kz_uk).unwrap();
    // A hostile id must come out neutralised, not as a live escape sequence.
    std::fs::write(
        dir.join("analyses/evil.json"),
        "{\"id\": \"\\u001b]0;pwned\\u0007\", \"actors\": 5}",
    )
    .unwrap();
    let o = geolens(&["check", "--data", dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    // Each file is named as the user would type it from here: the directory given, then the file.
    let d = dir.display();
    assert_eq!(
        lines[0],
        format!(
            "{d}/analyses/cpc-2022.json:14:15: actors[0].actor: unknown actor \"no-such-actor\""
        )
    );
    assert_eq!(
        lines[1],
        format!("{d}/analyses/evil.json:1:42: actors: invalid type: integer `5`, expected a list")
    );
    assert!(
        lines[2].starts_with(&format!(
            "{d}/analyses/kz-uk-2024.json:23:121: implications[1].channel: unknown variant `pipelines`"
        )),
        "{err}"
    );
    assert_eq!(lines[3], "geolens: 3 problems found; nothing was loaded");
    assert!(!err.contains('\x1b'));
}

#[test]
fn snapshot_prints_the_same_screen_as_the_library() {
    let mini = common::fixture_dir("mini");
    let o = geolens(&[
        "snapshot",
        "--data",
        mini.to_str().unwrap(),
        "--size",
        "100x30",
        "--keys",
        "2 j <Enter>",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 100, 30);
    h.press(&parse_keys("2 j <Enter>").unwrap());
    assert_eq!(stdout(&o), h.text());
    assert!(stdout(&o).contains("David Cameron"));
}

#[test]
fn snapshot_refuses_bad_keys_and_sizes_with_one_line() {
    let o = geolens(&["snapshot", "--keys", "<Entr>"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "geolens: --keys: unknown key name <Entr>\n");
    let o = geolens(&["snapshot", "--size", "80by24"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("expected WIDTHxHEIGHT"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn without_a_terminal_the_explorer_says_so_in_one_line() {
    // stdout is a pipe here, as in `geolens | cat` or `ssh host geolens`.
    let o = geolens(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stdout(&o),
        "",
        "nothing, not even an escape sequence, on stdout"
    );
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("geolens: standard output is not a terminal"),
        "{err}"
    );
}

#[test]
fn the_shipped_schema_is_the_one_the_code_generates() {
    let o = geolens(&["schema"]);
    let shipped = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/dataset.schema.json"
    ))
    .unwrap();
    assert!(
        stdout(&o) == shipped,
        "docs/dataset.schema.json is stale: run `cargo run -- schema > docs/dataset.schema.json`"
    );
}

#[test]
fn the_default_config_prints_and_a_bad_one_is_refused_with_its_line() {
    let o = geolens(&["config", "--print-default"]);
    assert_eq!(o.status.code(), Some(0));
    let default = stdout(&o);
    assert!(default.contains("quit = [\"q\", \"<C-c>\"]"), "{default}");
    assert!(
        default.contains("\"detail.open\" = [\"l\", \"<Right>\"]"),
        "{default}"
    );
    let read = geolens::config::parse("default", &default).unwrap();
    let builtin = geolens::config::Config::default();
    assert_eq!(read.keymap, builtin.keymap);
    let env = geolens::config::Env::default();
    let auto = geolens::config::Choice::Auto;
    assert_eq!(
        read.theme(&env, auto, auto),
        builtin.theme(&env, auto, auto)
    );

    let path = std::env::temp_dir().join(format!("geolens-config-{}.toml", std::process::id()));
    std::fs::write(
        &path,
        "mouse = true\n[keys]\nqiut = [\"q\"]\nback = [\"<Bakspace>\"]\n",
    )
    .unwrap();
    // The config is checked before anything else, so this fails the same with or without a tty.
    let o = geolens(&["--config", path.to_str().unwrap()]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(o.status.code(), Some(2));
    let shown = path.display().to_string();
    assert_eq!(
        stderr(&o),
        format!(
            "{shown}:3:1: keys.qiut: unknown action \"qiut\" (geolens config --print-default lists them)\n\
             {shown}:4:9: keys.back[0]: unknown key name <Bakspace>\n\
             geolens: 2 problems found; nothing was loaded\n"
        )
    );
}

#[test]
fn a_missing_config_file_is_an_error_only_when_named() {
    let o = geolens(&["--config", "/nonexistent/geolens.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("/nonexistent/geolens.toml: no such file"),
        "{}",
        stderr(&o)
    );
    let o = geolens(&["--color", "sometimes", "check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("\"sometimes\" is not auto, always or never"));
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn implications_sort_by_a_column_both_ways_and_filter_by_direction() {
    let args = |extra: &[&'static str]| {
        let mut a = vec![
            "list",
            "implications",
            "--from",
            "central-asia",
            "--to",
            "europe",
            "--sort",
            "likelihood",
            "--json",
        ];
        a.extend_from_slice(extra);
        a
    };
    let o = geolens(&args(&[]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let items = json(&o)["items"].as_array().unwrap().clone();
    assert!(items.len() >= 3, "{items:?}");
    let scale = [
        "almost-no-chance",
        "very-unlikely",
        "unlikely",
        "roughly-even",
        "likely",
        "very-likely",
        "almost-certain",
    ];
    let rank = |i: &serde_json::Value| {
        let l = i["likelihood"].as_str().unwrap();
        scale.iter().position(|&s| s == l).unwrap()
    };
    let ranks: Vec<usize> = items.iter().map(rank).collect();
    assert!(
        ranks.windows(2).all(|w| w[0] >= w[1]),
        "most likely first: {ranks:?}"
    );
    let reversed = json(&geolens(&args(&["--reverse"])))["items"]
        .as_array()
        .unwrap()
        .clone();
    let ids = |v: &[serde_json::Value]| -> Vec<String> {
        v.iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let mut back = ids(&reversed);
    back.reverse();
    assert_eq!(back, ids(&items), "--reverse turns the order round");
    // Labels read as names; the direction holds for every item.
    for i in &items {
        assert!(!i["from_label"].as_str().unwrap().is_empty());
    }
    let d = common::bundled();
    let geo = geolens::find::geo::Geo::new(&d);
    let (ca, eu) = (
        d.place_ix("central-asia").unwrap(),
        d.place_ix("europe").unwrap(),
    );
    for id in ids(&items) {
        let ix = d.implication_ix(&id).unwrap();
        assert!(
            geo.meets(&geo.end(&d, ix, geolens::data::Side::Origin), ca),
            "{id}"
        );
        assert!(
            geo.meets(&geo.end(&d, ix, geolens::data::Side::Affected), eu),
            "{id}"
        );
    }
}

#[test]
fn a_date_given_to_from_says_where_dates_go() {
    let o = geolens(&["list", "implications", "--from", "2024-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "--from: no place or actor has the id \"2024-01\" (dates are --since and --until)"
        ),
        "{}",
        stderr(&o)
    );
    let o = geolens(&[
        "list", "analyses", "--since", "2024-01", "--until", "2024-12",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn view_prints_the_numbers_of_each_view() {
    let o = geolens(&["view", "matrix", "--by", "region", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let m = json(&o);
    assert_eq!(m["by"], "region");
    let areas: Vec<&str> = m["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(
        areas.contains(&"central-asia") && areas.contains(&"europe"),
        "{areas:?}"
    );
    let o = geolens(&[
        "view",
        "matrix",
        "--by",
        "country",
        "--channel",
        "energy",
        "--json",
    ]);
    assert_eq!(json(&o)["by"], "country");
    let o = geolens(&["view", "outlook", "--json"]);
    let total = json(&o)["total"]["count"].as_u64().unwrap();
    let listed = json(&geolens(&["list", "implications", "--json"]))["count"]
        .as_u64()
        .unwrap();
    assert_eq!(total, listed, "the outlook counts every implication once");
    let o = geolens(&[
        "view", "timeline", "--by", "theme", "--period", "month", "--json",
    ]);
    let t = json(&o);
    assert_eq!(
        (t["by"].as_str(), t["period"].as_str()),
        (Some("theme"), Some("month"))
    );
    let analyses = json(&geolens(&["list", "analyses", "--json"]))["count"]
        .as_u64()
        .unwrap();
    assert_eq!(t["total"].as_u64(), Some(analyses));
    let text = stdout(&geolens(&["view", "matrix"]));
    assert!(text.starts_with("Flow matrix by region:"), "{text}");
    for (args, want) in [
        (vec!["view", "pie"], "unknown view \"pie\""),
        (
            vec!["view", "matrix", "--by", "theme"],
            "unknown grouping \"theme\"",
        ),
        (
            vec!["open", "--view", "pie"],
            "--view: unknown view \"pie\"",
        ),
        (
            vec!["snapshot", "--view", "pie"],
            "--view: unknown view \"pie\"",
        ),
    ] {
        let o = geolens(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
    let o = geolens(&["snapshot", "--view", "outlook", "--size", "80x24"]);
    assert!(stdout(&o).contains("Outlook grid"), "{}", stdout(&o));
}

/// Each command's help lists the flags it takes and no other: `--mouse` means nothing to
/// `generate`. The explorer's own flags, given before a command they do not apply to, are refused
/// by name rather than ignored.
#[test]
fn each_command_lists_and_takes_only_its_own_flags() {
    let explorer = ["--data", "--color", "--ascii", "--mouse", "--config"];
    let cases: &[(&[&str], &[&str])] = &[
        (&[], &explorer),
        (&["open"], &explorer),
        (&["check"], &["--data"]),
        (&["search"], &["--data"]),
        (&["list"], &["--data"]),
        (&["view"], &["--data"]),
        (&["score"], &["--data"]),
        (&["show"], &["--data", "--ascii"]),
        (&["snapshot"], &["--data", "--ascii"]),
        (&["config"], &["--config"]),
        (&["schema"], &[]),
        (&["generate"], &[]),
    ];
    for (command, takes) in cases {
        let mut args = command.to_vec();
        args.push("--help");
        let o = geolens(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let help = stdout(&o);
        for flag in explorer {
            // A flag is listed as `--flag` at the start of an option line.
            let listed = help
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{flag} ")) || l.trim() == flag);
            assert_eq!(
                listed,
                takes.contains(&flag),
                "{flag} in `geolens {}` help:\n{help}",
                command.join(" ")
            );
        }
    }
    let o = geolens(&["--mouse", "generate", "--out", "/nonexistent/x"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "geolens: --mouse does not apply to `geolens generate`\n"
    );
    let mini = common::fixture_dir("mini");
    let o = geolens(&["--data", mini.to_str().unwrap(), "list", "themes"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn check_names_files_as_typed_from_the_current_directory() {
    let tmp = temp::TempDir::new("cli-relative");
    let data = tmp.path().join("my-analyses");
    std::fs::create_dir_all(data.join("analyses")).unwrap();
    for f in ["places.json", "actors.json", "themes.json"] {
        std::fs::copy(common::fixture_dir("mini").join(f), data.join(f)).unwrap();
    }
    std::fs::write(data.join("analyses/empty.json"), "").unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_geolens"))
        .args(["check", "--data", "my-analyses"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("my-analyses/analyses/empty.json:1:1: the file is empty"),
        "{}",
        stderr(&o)
    );
}

/// `geolens snapshot --open A --compare B` shows what `geolens open A --compare B` opens on, for
/// tests and bug reports; `--compare` needs `--open`, and a bad id is refused by name.
#[test]
fn snapshot_opens_on_an_item_and_compares_it() {
    let o = geolens(&[
        "snapshot",
        "--size",
        "100x30",
        "--open",
        "niger-coup-2023-security",
        "--compare",
        "niger-coup-2023-energy",
        "--keys",
        "}",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let d = common::bundled();
    let a = geolens::data::Target::Analysis(d.analysis_ix("niger-coup-2023-security").unwrap());
    let b = geolens::data::Target::Analysis(d.analysis_ix("niger-coup-2023-energy").unwrap());
    let mut h = Headless::new(&d, 100, 30);
    h.app.open(&d, a);
    h.app.compare(&d, a, b);
    h.press(&parse_keys("}").unwrap());
    assert_eq!(stdout(&o), h.text());
    assert_eq!(stdout(&o).matches("Summary").count(), 2, "{}", stdout(&o));
    let o = geolens(&["snapshot", "--compare", "KZ"]);
    assert_eq!(o.status.code(), Some(2));
    let o = geolens(&["snapshot", "--open", "KZ", "--compare", "nowhere"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "geolens: --compare: nothing has the id \"nowhere\"\n"
    );
}
