//! `geolens score`: the Brier score and the calibration table, on a fixture whose outcomes make
//! the arithmetic checkable by hand, and pinned as text.

mod common;

use std::process::Command;

fn score(args: &[&str]) -> (i32, String) {
    let dir = common::fixture_dir("scored");
    let out = Command::new(env!("CARGO_BIN_EXE_geolens"))
        .arg("score")
        .args(args)
        .args(["--data", dir.to_str().unwrap()])
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn the_brier_score_is_the_mean_squared_gap_over_judged_forecasts() {
    let (status, text) = score(&["--json"]);
    assert_eq!(status, 0);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    // likely (0.675) happened, likely did not, unlikely (0.325) partly (0.5); the open one and
    // the one not yet due are counted but not scored.
    let expected = ((0.675f64 - 1.0).powi(2) + 0.675f64.powi(2) + (0.325f64 - 0.5).powi(2)) / 3.0;
    assert!(
        (v["brier"].as_f64().unwrap() - expected).abs() < 0.001,
        "{v}"
    );
    assert_eq!(
        (&v["forecasts"], &v["judged"], &v["open"], &v["pending"]),
        (&5.into(), &3.into(), &1.into(), &1.into())
    );
    let likely = v["calibration"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["likelihood"] == "likely")
        .unwrap();
    assert_eq!(
        (&likely["judged"], &likely["happened"]),
        (&2.into(), &0.5.into())
    );
    assert_eq!(v["by_channel"]["energy"]["judged"], 1);
    assert_eq!(v["misses"][0]["id"], "forecasts/likely-did-not");
}

#[test]
fn the_scoreboard_as_text() {
    let (status, text) = score(&[]);
    assert_eq!(status, 0);
    insta::assert_snapshot!(text);
}
