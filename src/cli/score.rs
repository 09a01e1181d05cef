//! `geolens score`: how the dataset's forecasts turned out, as text or JSON.

use std::collections::BTreeMap;

use serde_json::{Value as Json, json};

use super::{Output, safe_json};
use crate::data::Store;
use crate::find::score::{self, Scoreboard, Tally};
use crate::text::sanitize;

/// `geolens score [--json]`. Exit 0 when any forecast has been judged, 1 when none has.
pub fn score(data: &dyn Store, json: bool) -> Output {
    let board = score::score(data, &|_| true);
    let found = board.overall.judged > 0;
    if json {
        return Output::new(safe_json(&board_json(data, &board)), found);
    }
    Output::new(board_text(data, &board), found)
}

fn number(x: Option<f64>) -> Json {
    x.map_or(Json::Null, |x| json!((x * 1000.0).round() / 1000.0))
}

fn tally_json(t: &Tally) -> Json {
    json!({
        "forecasts": t.forecasts,
        "judged": t.judged,
        "brier": number(t.brier()),
        "happened": number(t.share_happened()),
    })
}

fn group_json<K: ToString>(groups: &BTreeMap<K, Tally>) -> Json {
    Json::Object(
        groups
            .iter()
            .map(|(k, t)| (k.to_string(), tally_json(t)))
            .collect(),
    )
}

fn board_json(data: &dyn Store, board: &Scoreboard) -> Json {
    json!({
        "forecasts": board.overall.forecasts,
        "judged": board.overall.judged,
        "open": board.open,
        "pending": board.pending,
        "brier": number(board.overall.brier()),
        "calibration": board.calibration.iter().map(|(l, t)| {
            let (lo, hi) = score::band(*l);
            json!({
                "likelihood": l.as_str(),
                "band": [lo, hi],
                "judged": t.judged,
                "happened": number(t.share_happened()),
                "brier": number(t.brier()),
            })
        }).collect::<Vec<_>>(),
        "by_perspective": group_json(&board.by_perspective),
        "by_channel": group_json(&board.by_channel),
        "by_horizon": Json::Object(
            board
                .by_horizon
                .iter()
                .map(|(h, t)| (h.as_str().to_owned(), tally_json(t)))
                .collect(),
        ),
        "misses": board.misses.iter().take(10).map(|&(ix, err)| {
            let imp = data.implication(ix);
            json!({
                "id": data.implication_id(ix),
                "likelihood": imp.likelihood.as_str(),
                "outcome": imp.outcome.as_ref().map(|o| o.status.as_str()),
                "error": number(Some(err)),
            })
        }).collect::<Vec<_>>(),
    })
}

fn fixed(x: Option<f64>, digits: usize) -> String {
    x.map_or_else(|| "-".to_owned(), |x| format!("{x:.digits$}"))
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |x| format!("{:.0}%", x * 100.0))
}

fn board_text(data: &dyn Store, board: &Scoreboard) -> String {
    let o = &board.overall;
    let mut out = format!(
        "{} forecasts: {} judged, {} still open, {} without an outcome yet\n",
        o.forecasts, o.judged, board.open, board.pending
    );
    out.push_str(&format!(
        "Brier score {} over the judged ones (0 is perfect; \"roughly even\" to everything scores 0.250)\n",
        fixed(o.brier(), 3)
    ));
    out.push_str("\nCalibration: what was said, and how often it happened\n");
    out.push_str(&format!(
        "  {:<22} {:>7} {:>7} {:>9}\n",
        "stated", "band", "judged", "happened"
    ));
    for (l, t) in &board.calibration {
        let (lo, hi) = score::band(*l);
        out.push_str(&format!(
            "  {:<22} {:>7} {:>7} {:>9}\n",
            l.words(),
            format!("{lo}-{hi}%"),
            t.judged,
            percent(t.share_happened())
        ));
    }
    let group = |out: &mut String, title: &str, rows: Vec<(String, &Tally)>| {
        out.push_str(&format!("\nBy {title}\n"));
        out.push_str(&format!(
            "  {:<36} {:>9} {:>7} {:>6}\n",
            title, "forecasts", "judged", "Brier"
        ));
        for (name, t) in rows {
            out.push_str(&format!(
                "  {:<36} {:>9} {:>7} {:>6}\n",
                sanitize(&name),
                t.forecasts,
                t.judged,
                fixed(t.brier(), 3)
            ));
        }
    };
    group(
        &mut out,
        "perspective",
        board
            .by_perspective
            .iter()
            .map(|(k, t)| (k.clone(), t))
            .collect(),
    );
    group(
        &mut out,
        "channel",
        board
            .by_channel
            .iter()
            .map(|(k, t)| (k.to_string(), t))
            .collect(),
    );
    group(
        &mut out,
        "horizon",
        board
            .by_horizon
            .iter()
            .map(|(k, t)| (k.as_str().to_owned(), t))
            .collect(),
    );
    let misses: Vec<_> = board.misses.iter().take(5).collect();
    if !misses.is_empty() {
        out.push_str("\nFurthest off\n");
        for &&(ix, err) in &misses {
            let imp = data.implication(ix);
            let status = imp.outcome.as_ref().map_or("", |o| o.status.words());
            let note = imp.outcome.as_ref().map_or("", |o| o.note.as_str());
            out.push_str(&sanitize(&format!(
                "  {}  said {}, {} (error {:.3}): {}",
                data.implication_id(ix),
                imp.likelihood.words(),
                status,
                err,
                note
            )));
            out.push('\n');
        }
    }
    out
}
