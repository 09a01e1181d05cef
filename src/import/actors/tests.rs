use super::*;
use crate::data::model::ActorKind;
use crate::import::gazetteer::Gazetteer;

fn bundled() -> Gazetteer {
    Gazetteer::from_store(&crate::data::bundled().unwrap())
}

#[test]
fn reads_the_seed_list_with_roles_interests_and_hedges() {
    let g = bundled();
    let got = key_actors(
        "Key actors include the Kazakh government, led by Foreign Minister Murat Nurtleu \
         (assuming current holder), pursuing economic diversification, and British firms \
         interested in Kazakhstan's untapped markets.",
        &g,
        Some("KZ"),
    );
    let summary: Vec<(Option<&str>, Vec<&str>, Option<&str>)> = got
        .iter()
        .map(|n| {
            (
                n.actor.as_deref(),
                n.interests.iter().map(String::as_str).collect(),
                n.hedge.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (Some("kz-gov"), vec!["Economic diversification"], None),
            (
                Some("murat-nurtleu"),
                vec![],
                Some("assuming current holder")
            ),
            (
                Some("british-business"),
                vec!["Kazakhstan's untapped markets"],
                None
            ),
        ]
    );
    assert_eq!(
        got[1].role.as_deref(),
        Some("Foreign Minister; leads the Kazakh government")
    );
}

#[test]
fn unknown_names_become_proposals_with_a_kind_and_country() {
    let g = bundled();
    let got = key_actors(
        "The main players are Ruritanian farmers, seeking higher prices, and Governor Ana Pelt.",
        &g,
        None,
    );
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].proposal.as_ref().unwrap().kind, ActorKind::Group);
    assert_eq!(got[0].interests, ["Higher prices"]);
    let p = got[1].proposal.as_ref().unwrap();
    assert_eq!((p.name.as_str(), p.kind), ("Ana Pelt", ActorKind::Person));
    assert_eq!(got[1].role.as_deref(), Some("Governor"));
}

#[test]
fn titled_people_need_a_name() {
    let g = bundled();
    let got = titled_people(
        "Kazakhstan's Foreign Minister and President Kassym-Jomart Tokayev met Minister Ana Pelt.",
        &g,
    );
    let who: Vec<(Option<&str>, Option<&str>)> = got
        .iter()
        .map(|n| {
            (
                n.actor.as_deref(),
                n.proposal.as_ref().map(|p| p.name.as_str()),
            )
        })
        .collect();
    assert_eq!(
        who,
        [
            (Some("kassym-jomart-tokayev"), None),
            (None, Some("Ana Pelt"))
        ]
    );
}

#[test]
fn a_list_item_gives_its_role_in_brackets_and_its_aim_after_a_colon() {
    let g = bundled();
    let read = |item: &str| {
        let n = key_actors(item, &g, None).remove(0);
        (n.surface, n.role, n.interests)
    };
    assert_eq!(
        read("William Ruto (President of Kenya): wants a foreign-policy win."),
        (
            "William Ruto".to_owned(),
            Some("President of Kenya".to_owned()),
            vec!["A foreign-policy win".to_owned()]
        )
    );
    assert_eq!(
        read("Garry Conille: seeking security for the capital"),
        (
            "Garry Conille".to_owned(),
            None,
            vec!["Security for the capital".to_owned()]
        )
    );
    assert_eq!(
        read("Garry Conille — Prime Minister of Haiti"),
        (
            "Garry Conille".to_owned(),
            Some("Prime Minister of Haiti".to_owned()),
            vec![]
        )
    );
}

#[test]
fn a_verb_after_a_name_describes_it_but_a_noun_phrase_is_an_actor() {
    let g = bundled();
    let heads = |sentence: &str| -> Vec<String> {
        key_actors(sentence, &g, None)
            .into_iter()
            .map(|n| n.surface)
            .collect()
    };
    assert_eq!(
        heads(
            "Key actors include Jimmy Chérizier, a gang leader in Port-au-Prince, opposes the force."
        ),
        ["Jimmy Chérizier"]
    );
    assert_eq!(
        heads("Key actors include aid agencies, host communities, support groups."),
        ["aid agencies", "host communities", "support groups"]
    );
}
