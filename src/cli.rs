//! The command line for scripts: `search`, `list` and `show`, as readable text or as JSON, on the
//! same finding layer as the explorer. Every function returns what to print and the exit status
//! (0: results, 1: none); a usage problem (an unknown id, a bad value) is an `Err` (status 2).
//! Everything printed passes through [`crate::text::sanitize`] or, for JSON, has every unsafe
//! character escaped, so data cannot drive the terminal of whoever reads the output.

mod ends;
mod facets;
pub mod views;

use serde_json::{Value as Json, json};

pub mod dossier;
pub mod import;
mod score;
pub use facets::{FacetArgs, parse_sort};
pub use score::score;

use crate::data::{ImplicationIx, Side, Store};
use crate::data::{ListKind, Target};
use crate::doc::wrap;
use crate::find::{self, Filter, Matched, Query, SearchIndex, Sort};
use crate::pages::{self, Glyphs};
pub use crate::text::safe_json;
use crate::text::sanitize;

/// What a command prints, and its exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    /// A note for the person, not the script: "no results" goes here, so a pipe reads only data.
    pub stderr: String,
    pub status: u8,
}

impl Output {
    /// Every command that finds things says the same when it finds nothing: "no results" on
    /// stderr and status 1, with its (empty) data on stdout.
    pub(crate) fn new(stdout: String, found: bool) -> Output {
        Output {
            stdout,
            stderr: if found {
                String::new()
            } else {
                "no results\n".to_owned()
            },
            status: if found { 0 } else { 1 },
        }
    }
}

/// The kind word used in ids like `actor:kz-gov`, in `list`, and in JSON.
pub fn kind_name(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Analyses => "analysis",
        ListKind::Actors => "actor",
        ListKind::Themes => "theme",
        ListKind::Implications => "implication",
        ListKind::Places => "place",
    }
}

pub fn parse_kind(word: &str) -> Result<ListKind, String> {
    Ok(match word {
        "analysis" | "analyses" => ListKind::Analyses,
        "actor" | "actors" => ListKind::Actors,
        "theme" | "themes" => ListKind::Themes,
        "implication" | "implications" => ListKind::Implications,
        "place" | "places" => ListKind::Places,
        other => {
            return Err(format!(
                "unknown kind {other:?}: use analyses, actors, themes, implications or places"
            ));
        }
    })
}

/// The id of a target as the dataset writes it.
pub fn id_of(data: &dyn Store, target: Target) -> String {
    data.id(target)
}

/// Finds the entity an id names: `kz-gov`, `KZ` (or `kz`), `kz-uk-business-2024/european-supply`,
/// or with its kind for ids two kinds share: `actor:eu`, `place:eu`.
pub fn resolve(data: &dyn Store, id: &str) -> Result<Target, String> {
    let (kind, bare) = match id.split_once(':') {
        Some((k, rest)) => (Some(parse_kind(k)?), rest),
        None => (None, id),
    };
    let upper = bare.to_ascii_uppercase();
    let candidates: Vec<Target> = [
        data.analysis_ix(bare).map(Target::Analysis),
        data.actor_ix(bare).map(Target::Actor),
        data.theme_ix(bare).map(Target::Theme),
        data.implication_ix(bare).map(Target::Implication),
        data.place_ix(bare)
            .or_else(|| data.place_ix(&upper))
            .map(Target::Place),
    ]
    .into_iter()
    .flatten()
    .filter(|t| kind.is_none_or(|k| t.list() == k))
    .collect();
    match candidates.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!("nothing has the id {:?}", sanitize(id))),
        many => Err(format!(
            "{:?} names several things; say which: {}",
            sanitize(bare),
            many.iter()
                .map(|&t| format!("{}:{}", kind_name(t.list()), id_of(data, t)))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// What `geolens check` prints for a dataset that passed: its counts, and its drafts if any.
pub fn check_counts(d: &crate::data::Dataset) -> String {
    let mut line = format!(
        "{} analyses, {} actors, {} themes, {} implications, {} places",
        d.analyses.len(),
        d.actors.len(),
        d.themes.len(),
        d.implications.len(),
        d.places.len()
    );
    let analyses = d.analyses.iter().filter(|a| a.is_draft()).count();
    let actors = d.actors.iter().filter(|a| a.draft).count();
    if analyses + actors > 0 {
        line.push_str(&format!(
            " ({analyses} draft analyses, {actors} draft actors)"
        ));
    }
    line
}

/// `geolens search QUERY`
pub fn search(
    data: &dyn Store,
    index: &SearchIndex,
    text: &str,
    kind: Option<ListKind>,
    limit: usize,
    json: bool,
) -> Output {
    // Parsed as the explorer's search box parses what is typed into it, so that one query gets
    // one answer in both: a last word the text does not hold is taken as the start of one.
    let query = Query::parse(text, true);
    let mut results = find::search(index, data, &query, &Filter::default(), limit);
    if let Some(kind) = kind {
        results.groups.retain(|g| g.kind == kind);
    }
    let found = results.total() > 0;
    let g = &pages::UNICODE;
    if json {
        let hits: Vec<Json> = results
            .hits()
            .map(|h| {
                let (matched, alias, snippet) = match &h.matched {
                    Matched::Name => ("name", None, None),
                    Matched::Alias(a) => ("alias", Some(a.clone()), None),
                    Matched::Text(s) => ("text", None, Some(s.shown("…", &[]).0)),
                };
                json!({
                    "kind": kind_name(h.target.list()),
                    "id": id_of(data, h.target),
                    "name": pages::label(data, h.target, g),
                    "matched": matched,
                    "alias": alias,
                    "snippet": snippet,
                    "score": h.score,
                })
            })
            .collect();
        let counts: serde_json::Map<String, Json> = results
            .groups
            .iter()
            .map(|g| (kind_name(g.kind).to_owned(), json!(g.total)))
            .collect();
        let value = json!({
            "query": text,
            "total": results.total(),
            "counts": counts,
            "results": hits,
        });
        return Output::new(safe_json(&value), found);
    }
    let mut out = String::new();
    for group in &results.groups {
        out.push_str(&format!("{} ({})\n", group.kind.title(), group.total));
        for h in &group.hits {
            let name = pages::label(data, h.target, g);
            let extra = match &h.matched {
                Matched::Name => String::new(),
                Matched::Alias(a) => format!("  (also {a})"),
                Matched::Text(s) => {
                    format!("  {}{}", g.dash.trim_start(), s.shown(g.ellipsis, &[]).0)
                }
            };
            let id = format!("{}:{}", kind_name(h.target.list()), id_of(data, h.target));
            out.push_str(&sanitize(&format!("  {id}  {name}{extra}")));
            out.push('\n');
        }
        if group.total > group.hits.len() {
            out.push_str(&format!(
                "  … and {} more\n",
                group.total - group.hits.len()
            ));
        }
    }
    Output::new(out, found)
}

/// `geolens list KIND [filters]`
pub fn list(
    data: &dyn Store,
    kind: ListKind,
    filter: &Filter,
    sort: Sort,
    reverse: bool,
    json: bool,
) -> Output {
    let items = find::ordered(data, kind, filter, sort, reverse);
    let found = !items.is_empty();
    if json {
        let value = json!({
            "kind": kind_name(kind),
            "count": items.len(),
            "items": items.iter().map(|&t| item_json(data, t)).collect::<Vec<_>>(),
        });
        return Output::new(safe_json(&value), found);
    }
    let g = &pages::UNICODE;
    let mut out = String::new();
    for &t in &items {
        let line = match t {
            // From the light accessors: an on-disk store lists without decoding analyses.
            Target::Analysis(ix) => {
                format!("{}  {}  {}", data.id(t), data.event_date(ix), data.name(t))
            }
            Target::Actor(ix) => {
                let a = data.actor(ix);
                let country = a
                    .country
                    .as_deref()
                    .map(|c| format!(", {c}"))
                    .unwrap_or_default();
                format!("{}  {}  ({}{country})", a.id, a.name, a.kind.as_str())
            }
            Target::Theme(ix) => {
                let n = data.theme_analyses(ix).len();
                format!(
                    "{}  {}  ({n} analyses)",
                    data.theme(ix).id,
                    data.theme(ix).name
                )
            }
            Target::Implication(ix) => {
                let route = pages::implication_route(data, ix, g);
                format!(
                    "{}  {route}: {}",
                    data.implication_id(ix),
                    data.implication(ix).effect
                )
            }
            Target::Place(ix) => {
                let p = data.place(ix);
                format!("{}  {}  ({})", p.id, p.name, p.kind.as_str())
            }
        };
        out.push_str(&sanitize(&line));
        out.push('\n');
    }
    Output::new(out, found)
}

/// One item of `list --json`: the fields a script needs to pick items and look them up.
fn item_json(data: &dyn Store, t: Target) -> Json {
    match t {
        Target::Analysis(ix) => {
            let a = data.analysis(ix);
            json!({
                "id": a.id,
                "title": a.title,
                "event_date": a.event_date.to_string(),
                "as_of": a.as_of.to_string(),
                "perspective": a.perspective,
                "event": a.event,
                "places": a.places,
                "themes": a.themes,
                "actors": a.actors.iter().map(|r| &r.actor).collect::<Vec<_>>(),
            })
        }
        Target::Actor(ix) => {
            let a = data.actor(ix);
            json!({
                "id": a.id,
                "name": a.name,
                "kind": a.kind.as_str(),
                "country": a.country,
                "aliases": a.aliases,
                "analyses": data.actor_analyses(ix).len(),
            })
        }
        Target::Theme(ix) => {
            let th = data.theme(ix);
            json!({
                "id": th.id,
                "name": th.name,
                "parent": th.parent,
                "analyses": data.theme_analyses(ix).len(),
            })
        }
        Target::Implication(ix) => {
            let imp = data.implication(ix);
            let g = &pages::UNICODE;
            let analysis = data.implication_source(ix);
            json!({
                "id": data.implication_id(ix),
                "analysis": data.analysis(analysis).id,
                "event_date": data.event_date(analysis).to_string(),
                "from": imp.from,
                "to": imp.to,
                "from_label": pages::end_label(data, ix, Side::Origin, g),
                "to_label": pages::end_label(data, ix, Side::Affected, g),
                "channel": imp.channel.as_str(),
                "effect": imp.effect,
                "affected": imp.affected,
                "horizon": imp.horizon.as_str(),
                "likelihood": imp.likelihood.as_str(),
                "confidence": imp.confidence.as_str(),
            })
        }
        Target::Place(ix) => {
            let p = data.place(ix);
            json!({
                "id": p.id,
                "name": p.name,
                "kind": p.kind.as_str(),
                "aliases": p.aliases,
                "members": p.members,
                "touching": p.touching,
                "analyses": data.place_analyses(ix).len(),
            })
        }
    }
}

/// `geolens show ID`: the page as the explorer shows it, or the entity and its links as JSON.
pub fn show(
    data: &dyn Store,
    id: &str,
    json: bool,
    width: u16,
    g: &Glyphs,
) -> Result<Output, String> {
    let target = resolve(data, id)?;
    if json {
        return Ok(Output::new(safe_json(&show_json(data, target)), true));
    }
    let doc = pages::page(data, target, g);
    let mut out = String::new();
    for row in wrap(&doc, width.max(20)) {
        let text: String = row.spans.iter().map(|s| s.text()).collect();
        let line = format!("{}{}", " ".repeat(row.pad as usize), text);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    Ok(Output::new(out, true))
}

fn show_json(data: &dyn Store, t: Target) -> Json {
    let ids = |it: &mut dyn Iterator<Item = Target>| -> Vec<String> {
        it.map(|t| id_of(data, t)).collect()
    };
    let side = |s: Side| match s {
        Side::Origin => "origin",
        Side::Affected => "affected",
    };
    let (entity, links) = match t {
        Target::Analysis(ix) => (
            serde_json::to_value(data.analysis(ix)),
            json!({
                "other_readings": ids(&mut data.other_readings(ix).iter().map(|&a| Target::Analysis(a))),
                "implications": ids(&mut data.analysis_implications(ix).map(|i| Target::Implication(ImplicationIx(i)))),
            }),
        ),
        Target::Actor(ix) => (
            serde_json::to_value(data.actor(ix)),
            json!({
                "analyses": data.actor_analyses(ix).iter().map(|app| json!({
                    "id": data.analysis(app.analysis).id,
                    "role": data.analysis(app.analysis).actors[app.role].role,
                })).collect::<Vec<_>>(),
                "appears_with": data.actor_peers(ix).iter().map(|&(p, n)| json!({
                    "id": data.actor(p).id, "shared_analyses": n,
                })).collect::<Vec<_>>(),
                "implications": data.actor_implications(ix).iter().map(|&(i, s)| json!({
                    "id": data.implication_id(i), "side": side(s),
                })).collect::<Vec<_>>(),
            }),
        ),
        Target::Theme(ix) => (
            serde_json::to_value(data.theme(ix)),
            json!({
                "analyses": data.theme_analyses(ix).iter().map(|l| json!({
                    "id": data.analysis(l.analysis).id, "via": data.theme(l.via).id,
                })).collect::<Vec<_>>(),
                "sub_themes": ids(&mut data.theme_children(ix).iter().map(|&c| Target::Theme(c))),
                "related": data.theme_related(ix).iter().map(|&(r, n)| json!({
                    "id": data.theme(r).id, "shared_analyses": n,
                })).collect::<Vec<_>>(),
            }),
        ),
        Target::Implication(ix) => (
            serde_json::to_value(data.implication(ix)),
            json!({ "analysis": data.analysis(data.implication_source(ix)).id }),
        ),
        Target::Place(ix) => (
            serde_json::to_value(data.place(ix)),
            json!({
                "member_of": ids(&mut data.place_groups(ix).iter().map(|&p| Target::Place(p))),
                "partly_in": ids(&mut data.place_partly_in(ix).iter().map(|&p| Target::Place(p))),
                "analyses": ids(&mut data.place_analyses(ix).iter().map(|&a| Target::Analysis(a))),
                "implications": data.place_implications(ix).iter().map(|l| json!({
                    "id": data.implication_id(l.implication),
                    "side": side(l.side),
                    "via": l.via.map(|v| data.place(v).id.clone()),
                })).collect::<Vec<_>>(),
                "actors": ids(&mut data.place_actors(ix).iter().map(|&a| Target::Actor(a))),
            }),
        ),
    };
    json!({
        "kind": kind_name(t.list()),
        "id": id_of(data, t),
        "entity": entity.expect("model types serialise"),
        "links": links,
    })
}
