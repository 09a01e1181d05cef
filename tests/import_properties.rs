//! `geolens import` on text nobody wrote: random mixes of cue phrases, names, dates, hedges,
//! punctuation and stray characters. Whatever comes in, the importer never panics, keeps the
//! text verbatim, and either refuses it or makes a draft the dataset's own validation accepts.

mod common;

use geolens::data::{Drafts, Sources, load_with};
use geolens::import::{self, Gazetteer, Options};
use proptest::prelude::*;

/// Pieces of deep dives and of what goes wrong in them.
const PIECES: &[&str] = &[
    "Key actors include",
    "the Kazakh government, led by Foreign Minister Murat Nurtleu (assuming current holder),",
    "pursuing economic diversification",
    "and British firms interested in Kazakhstan's untapped markets.",
    "Cross-border implications extend to",
    "European energy markets, where UK investments could bolster supply,",
    "affecting consumers in the EU and beyond.",
    "Culturally,",
    "From a geopolitical lens,",
    "The International Affairs Correspondent perspective highlights",
    "Looking ahead,",
    "However, challenges like",
    "corruption and tensions may temper enthusiasm.",
    "This interaction exemplifies diplomacy.",
    "Regionally,",
    "On 24 April 2024,",
    "31 April 2024",
    "May 2024",
    "Astana",
    "London",
    "Brussels",
    "the U.S.",
    "Dr.",
    "President",
    "Minister",
    "led by",
    "signed by Ali Shamkhani for Tehran, and",
    "the plant's operator, TEPCO,",
    "the Demokraatit party",
    "(",
    ")",
    ",",
    ".",
    "?",
    "\n",
    "\n\n",
    "Share this deep dive",
    "OPEC+",
    "post-Brexit",
    "Kassym-Jomart",
    "Türkiye’s",
    "—",
    "the",
    "and",
    "extend to",
    "where",
    "affecting",
    "could",
    "likely",
    "reportedly",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        1 => "[A-Z][a-z]{0,8}",
        1 => "[a-z]{1,8}",
        1 => "\\PC{1,4}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|pieces| pieces.join(" "))
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap()
}

proptest! {
    // 1,500 cases by default, PROPTEST_CASES for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1500),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_text_is_refused_or_becomes_a_valid_draft(text in text()) {
        let data = common::bundled();
        let g = Gazetteer::from_store(&data);
        let opts = Options { today: "2026-01-15".parse().unwrap(), as_of: None };
        let Ok(imported) = import::import_text(&text, "random.txt", &g, &opts) else {
            return Ok(());
        };
        let draft = imported.analysis.draft.as_ref().unwrap();
        prop_assert_eq!(&draft.source_text, &text);
        prop_assert!(draft.sentences.iter().all(|s| !s.text.trim().is_empty()));
        let mut files: Vec<(String, String)> = Sources::bundled()
            .files
            .into_iter()
            .map(|f| (f.name, f.text.into_owned()))
            .collect();
        files.push(("analyses/drafts/random.json".into(), json(&imported.analysis)));
        if !imported.new_actors.is_empty() {
            files.push(("actors/drafts/random.json".into(), json(&imported.new_actors)));
        }
        let checked = load_with(&Sources::from_memory(files), Drafts::Accept);
        prop_assert!(checked.is_ok(), "{}\n{}", checked.unwrap_err(), json(&imported.analysis));
    }
}
