//! What the reader sees of each kind of entity: its row in a list and its page in the detail pane.
//! One module per kind. Pages are built as [`Doc`]s from the dataset; no terminal code here.

mod actor;
mod analysis;
mod draft;
mod implication;
mod place;
mod theme;

use crate::data::Target;
use crate::data::model::Source;
use crate::data::{ActorIx, AnalysisIx, ImplicationIx, PlaceIx, Store};
use crate::doc::{Doc, Line, Role, Span, paragraphs};

/// "1 analysis", "3 analyses".
fn count(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The few non-letter symbols the explorer draws, in a Unicode and an ASCII set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub arrow: &'static str,
    pub bullet: &'static str,
    pub link: &'static str,
    pub sep: &'static str,
    pub dash: &'static str,
    pub crumb: &'static str,
    pub ellipsis: &'static str,
    /// Between the two ends of a span of dates.
    pub range: &'static str,
    pub degree: &'static str,
    /// Key labels spell arrows out as words.
    pub ascii: bool,
}

pub const UNICODE: Glyphs = Glyphs {
    arrow: "→",
    bullet: "•",
    link: "▸",
    sep: " · ",
    dash: " — ",
    crumb: " › ",
    ellipsis: "…",
    range: " – ",
    degree: "°",
    ascii: false,
};

pub const ASCII: Glyphs = Glyphs {
    arrow: "->",
    bullet: "*",
    link: ">",
    sep: " | ",
    dash: " - ",
    crumb: " > ",
    ellipsis: "...",
    range: " - ",
    degree: " deg ",
    ascii: true,
};

/// The page of a target.
pub fn page(data: &dyn Store, target: Target, g: &Glyphs) -> Doc {
    let mut b = PageBuilder {
        doc: Doc::default(),
        g,
    };
    match target {
        Target::Analysis(ix) => analysis::page(&mut b, data, ix),
        Target::Actor(ix) => actor::page(&mut b, data, ix),
        Target::Theme(ix) => theme::page(&mut b, data, ix),
        Target::Implication(ix) => implication::page(&mut b, data, ix),
        Target::Place(ix) => place::page(&mut b, data, ix),
    }
    b.doc
}

/// An imported draft beside its source text: each sentence and where it went (key `D`).
pub fn draft_source(data: &dyn Store, ix: AnalysisIx, g: &Glyphs) -> Doc {
    let mut b = PageBuilder {
        doc: Doc::default(),
        g,
    };
    draft::page(&mut b, data, ix);
    b.doc
}

/// The row of a target in its list.
pub fn row(data: &dyn Store, target: Target, g: &Glyphs) -> Vec<Span> {
    match target {
        Target::Analysis(ix) => analysis::row(data, ix),
        Target::Actor(ix) => actor::row(data, ix, g),
        Target::Theme(ix) => theme::row(data, ix),
        Target::Implication(ix) => implication_summary(data, ix, g),
        Target::Place(ix) => place::row(data, ix, g),
    }
}

/// The row of a target in a list that is not in tree order: no indentation under a parent.
pub fn flat_row(data: &dyn Store, target: Target, g: &Glyphs) -> Vec<Span> {
    match target {
        Target::Theme(ix) => theme::flat_row(data, ix),
        other => row(data, other, g),
    }
}

/// A short name for breadcrumbs and titles (unsanitized: `Span::new` sanitizes at the edge).
pub fn label(data: &dyn Store, target: Target, g: &Glyphs) -> String {
    match target {
        Target::Implication(ix) => implication_route(data, ix, g),
        // Titles and names come from the store's light accessor, which an on-disk store answers
        // without decoding the entity.
        _ => data.name(target).into_owned(),
    }
}

/// A page lists at most this many links a section. An actor named in a third of a 100,000-analysis
/// archive would otherwise get a page of 30,000 lines: slow to build (a key would take a tenth of
/// a second) and no use to read; at a million analyses even 500 a section cost a key 17 ms. The
/// filters reach every one of them.
pub const MAX_LINKS: usize = 200;

/// Builds a page from a few kinds of block, so every page is laid out the same way.
pub(crate) struct PageBuilder<'a> {
    doc: Doc,
    g: &'a Glyphs,
}

impl PageBuilder<'_> {
    fn title(&mut self, text: &str) {
        self.doc.push(Line {
            spans: vec![Span::new(text, Role::Title)],
            ..Line::default()
        });
    }

    /// A line of facts under the title, separated by the separator glyph.
    fn meta(&mut self, parts: &[&str]) {
        let parts: Vec<&str> = parts.iter().copied().filter(|p| !p.is_empty()).collect();
        if !parts.is_empty() {
            self.doc.push(Line {
                spans: vec![Span::new(&parts.join(self.g.sep), Role::Meta)],
                ..Line::default()
            });
        }
    }

    fn heading(&mut self, text: &str) {
        self.doc.gap();
        self.doc.push(Line {
            spans: vec![Span::new(text, Role::Heading)],
            ..Line::default()
        });
    }

    /// A heading with a count, omitted with its section when there is nothing to list.
    fn counted(&mut self, text: &str, n: usize) -> bool {
        if n > 0 {
            self.heading(&format!("{text} ({n})"));
        }
        n > 0
    }

    /// Closes a section that listed only the first [`MAX_LINKS`] of `total`.
    fn more(&mut self, total: usize) {
        if total > MAX_LINKS {
            let left = total - MAX_LINKS;
            self.bullet(
                &format!("{left} more, not listed here: filter the lists to see them all"),
                Role::Muted,
            );
        }
    }

    fn prose(&mut self, text: &str) {
        for (i, para) in paragraphs(text).enumerate() {
            if i > 0 {
                self.doc.push(Line::blank());
            }
            self.doc.push(Line {
                spans: vec![Span::new(para, Role::Body)],
                ..Line::default()
            });
        }
    }

    fn field(&mut self, label: &str, value: &str) {
        self.doc.push(Line {
            spans: vec![
                Span::new(&format!("{label}: "), Role::Label),
                Span::new(value, Role::Body),
            ],
            hang: 2,
            ..Line::default()
        });
    }

    /// A followable item: `▸ spans`, every row of which follows `target`.
    fn link(&mut self, target: Target, spans: Vec<Span>) {
        let mut all = vec![Span::new(&format!("{} ", self.g.link), Role::Muted)];
        all.extend(spans);
        self.doc.push(Line {
            spans: all,
            link: Some(target),
            indent: 2,
            hang: 2,
        });
    }

    /// A further line of the item above (interests, details), following the same link.
    fn link_note(&mut self, target: Target, spans: Vec<Span>) {
        self.doc.push(Line {
            spans,
            link: Some(target),
            indent: 4,
            hang: 0,
        });
    }

    fn bullet(&mut self, text: &str, role: Role) {
        self.doc.push(Line {
            spans: vec![
                Span::new(&format!("{} ", self.g.bullet), Role::Muted),
                Span::new(text, role),
            ],
            link: None,
            indent: 2,
            hang: 2,
        });
    }

    /// A section listing sources: publisher, date, title and address, each on its own bullet.
    fn sources(&mut self, heading: &str, sources: &[Source]) {
        if self.counted(heading, sources.len()) {
            for s in sources {
                let mut text = s.publisher.clone();
                if let Some(date) = s.date {
                    text.push_str(&format!(", {date}"));
                }
                text.push_str(&format!(": {}", s.title));
                if let Some(url) = &s.url {
                    text.push_str(&format!("{}{url}", self.g.dash));
                }
                self.bullet(&text, Role::Body);
            }
        }
    }

    /// A link to an analysis: date, title and an optional note.
    fn analysis_link(&mut self, data: &dyn Store, ix: AnalysisIx, note: Option<&str>) {
        let a = data.analysis(ix);
        let mut spans = vec![
            Span::new(&format!("{} ", a.event_date), Role::Muted),
            Span::new(&a.title, Role::Link),
        ];
        if let Some(note) = note {
            spans.push(Span::new(&format!("{}{note}", self.g.dash), Role::Body));
        }
        self.link(Target::Analysis(ix), spans);
    }

    /// A link to a place, with its kind.
    fn place_link(&mut self, data: &dyn Store, ix: PlaceIx) {
        let place = data.place(ix);
        self.link(
            Target::Place(ix),
            vec![
                Span::new(&place.name, Role::Link),
                Span::new(&format!(" ({})", place.kind.words()), Role::Muted),
            ],
        );
    }

    /// A link to an actor, with a note after it (its kind, how often it is shared ...).
    fn actor_link(&mut self, data: &dyn Store, ix: ActorIx, note: &str) {
        self.link(
            Target::Actor(ix),
            vec![
                Span::new(&data.actor(ix).name, Role::Link),
                Span::new(note, Role::Muted),
            ],
        );
    }

    fn implication_link(&mut self, data: &dyn Store, ix: ImplicationIx, note: Option<&str>) {
        let mut spans = implication_summary(data, ix, self.g);
        if let Some(note) = note {
            spans.push(Span::new(&format!(" ({note})"), Role::Muted));
        }
        self.link(Target::Implication(ix), spans);
    }
}

/// One end of an implication as a reader names it: its places by name, then its actors, leaving
/// out an actor that only stands for a place already named: the government of a listed country
/// ("Qatar", not "Qatar, Government of Qatar"), or an actor named as a listed place (the EU beside
/// the European Union).
fn endpoints_label(data: &dyn Store, e: &crate::data::model::Endpoints) -> String {
    // Names and kinds through the store's light accessors: a page lists hundreds of these, and
    // an index would otherwise decode every place and actor named.
    let places: Vec<(Option<PlaceIx>, String)> = e
        .places
        .iter()
        .map(|p| match data.place_ix(p) {
            Some(ix) => (Some(ix), data.name(Target::Place(ix)).into_owned()),
            None => (None, p.clone()),
        })
        .collect();
    let stands_for_a_place = |actor: ActorIx, name: &str| {
        places.iter().any(|(ix, place)| {
            name.eq_ignore_ascii_case(place)
                || (data.actor_kind(actor) == crate::data::model::ActorKind::Government
                    && ix.is_some()
                    && data.actor_country(actor) == *ix)
        })
    };
    let actors = e.actors.iter().filter_map(|a| match data.actor_ix(a) {
        Some(ix) => {
            let name = data.name(Target::Actor(ix));
            (!stands_for_a_place(ix, &name)).then(|| name.into_owned())
        }
        None => Some(a.clone()),
    });
    places
        .iter()
        .map(|(_, name)| name.clone())
        .chain(actors)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The label of one end of an implication: where it starts or whom it reaches.
pub fn end_label(
    data: &dyn Store,
    ix: ImplicationIx,
    side: crate::data::Side,
    _g: &Glyphs,
) -> String {
    let imp = data.implication(ix);
    match side {
        crate::data::Side::Origin => endpoints_label(data, &imp.from),
        crate::data::Side::Affected => endpoints_label(data, &imp.to),
    }
}

/// `origin → channel → affected`.
pub fn implication_route(data: &dyn Store, ix: ImplicationIx, g: &Glyphs) -> String {
    let imp = data.implication(ix);
    format!(
        "{} {} {} {} {}",
        endpoints_label(data, &imp.from),
        g.arrow,
        imp.channel.words(),
        g.arrow,
        endpoints_label(data, &imp.to)
    )
}

/// `origin → channel → affected: effect`, the one-line form of an implication.
pub fn implication_summary(data: &dyn Store, ix: ImplicationIx, g: &Glyphs) -> Vec<Span> {
    let imp = data.implication(ix);
    let ends = |e| endpoints_label(data, e);
    vec![
        Span::new(&ends(&imp.from), Role::Link),
        Span::new(&format!(" {} ", g.arrow), Role::Muted),
        Span::new(imp.channel.words(), Role::Label),
        Span::new(&format!(" {} ", g.arrow), Role::Muted),
        Span::new(&ends(&imp.to), Role::Link),
        Span::new(": ", Role::Muted),
        Span::new(&imp.effect, Role::Body),
    ]
}
