use super::*;

fn lens_of(s: &str) -> (SentenceLens, Option<String>) {
    let a = by_cue(s, &fold(s)).unwrap_or_else(|| panic!("no cue in {s:?}"));
    (a.lens, a.title)
}

#[test]
fn cue_phrases_name_their_lens() {
    assert_eq!(
        lens_of("From a geopolitical lens, this matters.").0,
        L::Geopolitical
    );
    assert_eq!(lens_of("Culturally, the steppe matters.").0, L::Cultural);
    assert_eq!(
        lens_of("Moreover, regionally this matters.").0,
        L::RegionalImpact
    );
    assert_eq!(lens_of("Looking ahead, deals could follow.").0, L::Outlook);
    assert_eq!(
        lens_of("However, challenges like graft may bite.").0,
        L::Challenges
    );
    assert_eq!(lens_of("Key actors include the EU.").0, L::Actors);
    assert_eq!(
        lens_of("Cross-border implications extend to Europe.").0,
        L::Implications
    );
    assert_eq!(
        lens_of("Economically, the deal is small."),
        (L::Other, Some("Economic lens".to_owned()))
    );
    assert_eq!(
        lens_of("From an economic standpoint, it is small."),
        (L::Other, Some("Economic lens".to_owned()))
    );
    assert_eq!(
        lens_of("The International Affairs Correspondent perspective highlights trade.").0,
        L::Perspective
    );
    assert_eq!(
        lens_of("Seen through a geopolitical prism, the deal tests lenders.").0,
        L::Geopolitical
    );
    let s = "From the vantage point of a West Africa economics reporter, prices matter.";
    assert_eq!(lens_of(s).0, L::Perspective);
    assert_eq!(
        perspective_name(s).as_deref(),
        Some("West Africa Economics Reporter")
    );
}

#[test]
fn the_earliest_cue_wins() {
    // "geopolitical lens" comes before "challenges like".
    assert_eq!(
        lens_of("From a geopolitical lens, challenges like sanctions loom.").0,
        L::Geopolitical
    );
}

#[test]
fn perspective_names_come_from_the_text() {
    let name = |s: &str| perspective_name(s);
    assert_eq!(
        name("The International Affairs Correspondent perspective highlights how.").as_deref(),
        Some("International Affairs Correspondent")
    );
    assert_eq!(
        name("From the perspective of an energy economist, prices matter.").as_deref(),
        Some("Energy Economist")
    );
    assert_eq!(
        name("From a security analyst's perspective, the base matters.").as_deref(),
        Some("Security Analyst")
    );
    assert_eq!(name("From a geopolitical perspective, it matters."), None);
    assert_eq!(name("The Geopolitical perspective matters."), None);
}

#[test]
fn uncued_sentences_go_by_position_then_words_then_neighbour() {
    let got = assign(&[
        "Kazakhstan has long balanced its neighbours.",
        "It sells oil.",
        "Culturally, the steppe shapes habits.",
        "Its heritage and identity and traditions persist.",
        "Nothing to see.",
        "This episode illustrates pragmatic diplomacy.",
    ]);
    let lenses: Vec<(SentenceLens, LensConfidence)> =
        got.iter().map(|a| (a.lens, a.confidence)).collect();
    assert_eq!(
        lenses,
        [
            (L::Background, LensConfidence::Position),
            (L::Background, LensConfidence::Position),
            (L::Cultural, LensConfidence::Cue),
            (L::Cultural, LensConfidence::Guessed),
            (L::Cultural, LensConfidence::Guessed),
            (L::Summary, LensConfidence::Position),
        ]
    );
}

#[test]
fn headings_name_their_lens() {
    let of = |h: &str| by_heading(h).map(|a| (a.lens, a.title));
    assert_eq!(of("Outlook"), Some((L::Outlook, None)));
    assert_eq!(of("The road ahead"), Some((L::Outlook, None)));
    assert_eq!(of("Key actors"), Some((L::Actors, None)));
    assert_eq!(of("Geopolitical lens"), Some((L::Geopolitical, None)));
    assert_eq!(
        of("Cross-border implications"),
        Some((L::Implications, None))
    );
    assert_eq!(of("Risks and challenges"), Some((L::Challenges, None)));
    assert_eq!(of("Cultural dimension"), Some((L::Cultural, None)));
    assert_eq!(
        of("Economic lens"),
        Some((L::Other, Some("Economic lens".to_owned())))
    );
    assert_eq!(of("A closing note"), None);
    // Only a lens's name and nothing else heads a section the prose runs on from.
    for name in [
        "Outlook",
        "Key actors",
        "Economic lens",
        "The cultural dimension",
    ] {
        assert!(names_a_lens(name), "{name}");
    }
    for prose in [
        "From a geopolitical lens, this",
        "Culturally, the steppe",
        "Economic ties",
    ] {
        assert!(!names_a_lens(prose), "{prose}");
    }
    assert_eq!(of("Kazakhstan and the UK"), None);
    // A sentence's own cue wins over its section's heading; an uncued one takes the heading's.
    let sentences = ["Culturally, the steppe matters.", "Deals could follow."];
    let assigned = assign_under(&sentences, &[Some("Outlook"), Some("Outlook")]);
    assert_eq!(assigned[0].lens, L::Cultural);
    assert_eq!(assigned[1].lens, L::Outlook);
    assert_eq!(assigned[1].confidence, LensConfidence::Cue);
    assert_eq!(assigned[1].why, "under the heading \"Outlook\"");
}

#[test]
fn a_perspective_line_names_the_perspective_as_the_dataset_spells_them() {
    for (given, name) in [
        (
            "International Affairs Correspondent",
            Some("International Affairs Correspondent"),
        ),
        ("an energy economist", Some("Energy Economist")),
        ("a Sahel correspondent's", Some("Sahel Correspondent")),
        ("The Markets Desk perspective", Some("Markets Desk")),
        ("—", None),
    ] {
        assert_eq!(perspective_given(given).as_deref(), name, "{given}");
    }
}
