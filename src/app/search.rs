//! The search box: the text typed, the query it parses to, and the results when they come back.
//!
//! Searching is an effect, not part of `update`: editing the text bumps a generation and leaves a
//! request for the runner (a worker thread in the terminal, inline in snapshots). Results that
//! come back for an older generation are dropped, so typing is never held up by a search.

use crate::data::ListKind;
use crate::find::{Filter, Hit, Query, Results};

/// The longest search text, in characters: room for any name or phrase, and a bound on the work
/// each keystroke costs after someone pastes a whole file.
pub const MAX_INPUT: usize = 1_000;

/// What the status line says when text did not fit.
pub fn too_long() -> String {
    format!("the search text is limited to {MAX_INPUT} characters")
}

/// A search for the runner to carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: Query,
    /// Searches stay within what the filter lets through.
    pub filter: Filter,
}

#[derive(Debug, Clone, Default)]
pub struct SearchBox {
    pub input: String,
    pub query: Query,
    pub results: Results,
    /// Bumped at every edit; results carry the generation they answer.
    pub generation: u64,
    /// True from an edit until its complete results arrive.
    pub waiting: bool,
    /// The generation the results shown answer: a quick first pass may show before the rest.
    pub received: u64,
    /// Enter was pressed while waiting: open the first result when it comes.
    pub open_when_ready: bool,
    /// The selected hit, counted over all groups.
    pub selected: usize,
    /// The text is the last search's, offered selected: the first edit replaces it.
    pub replace: bool,
    /// Search everything, not only what the filters let through.
    pub past_filters: bool,
    /// First displayed row (group headings count as rows).
    pub offset: usize,
}

/// A row of the result list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultRow<'a> {
    Heading { kind: ListKind, total: usize },
    Hit { hit: &'a Hit, index: usize },
}

impl SearchBox {
    pub fn rows(&self) -> Vec<ResultRow<'_>> {
        let mut rows = Vec::new();
        let mut index = 0;
        for group in &self.results.groups {
            rows.push(ResultRow::Heading {
                kind: group.kind,
                total: group.total,
            });
            for hit in &group.hits {
                rows.push(ResultRow::Hit { hit, index });
                index += 1;
            }
        }
        rows
    }

    pub fn hit_count(&self) -> usize {
        self.results.hits().count()
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.results.hits().nth(self.selected)
    }

    /// The row the selected hit is drawn on.
    pub fn selected_row(&self) -> usize {
        self.rows()
            .iter()
            .position(|r| matches!(r, ResultRow::Hit { index, .. } if *index == self.selected))
            .unwrap_or(0)
    }

    /// Adds typed or pasted text, up to [`MAX_INPUT`] characters; returns whether all of it fit.
    /// Control characters, such as the line breaks of a pasted paragraph, become spaces.
    pub fn type_text(&mut self, text: &str) -> bool {
        let room = MAX_INPUT.saturating_sub(self.input.chars().count());
        let mut chars = text.chars().map(|c| if c.is_control() { ' ' } else { c });
        self.input.extend(chars.by_ref().take(room));
        chars.next().is_none()
    }

    /// Records an edit; returns the request for the runner, numbered after `last`, the last
    /// generation requested by any search box.
    pub fn edited(&mut self, last: u64, filter: &Filter) -> SearchRequest {
        self.generation = last + 1;
        self.query = Query::parse(&self.input, true);
        self.waiting = true;
        self.open_when_ready = false;
        SearchRequest {
            generation: self.generation,
            query: self.query.clone(),
            filter: if self.past_filters {
                Filter::default()
            } else {
                filter.clone()
            },
        }
    }

    /// Takes results if they answer the latest edit. The complete results of a search whose
    /// quick pass is already shown keep the reader's selected hit where it is still found.
    pub fn receive(&mut self, generation: u64, results: Results) -> bool {
        if generation != self.generation {
            return false;
        }
        let kept = match self.received == generation {
            true => self
                .selected_hit()
                .and_then(|old| results.hits().position(|h| h.target == old.target)),
            false => None,
        };
        self.waiting = !results.complete;
        self.received = generation;
        self.results = results;
        self.selected = kept.unwrap_or(0);
        if kept.is_none() {
            self.offset = 0;
        }
        true
    }

    /// Whether the results shown are a first pass for the current text, with more to come.
    pub fn partial(&self) -> bool {
        self.waiting && self.received == self.generation
    }
}

/// Deletes the last word (and the spaces after it), as Ctrl-W does in a shell.
pub fn delete_word(input: &mut String) {
    let trimmed = input.trim_end().len();
    input.truncate(trimmed);
    let start = input
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    input.truncate(start);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_w_deletes_the_last_word() {
        let mut s = "middle corridor  ".to_owned();
        delete_word(&mut s);
        assert_eq!(s, "middle ");
        delete_word(&mut s);
        assert_eq!(s, "");
        delete_word(&mut s);
        assert_eq!(s, "");
    }

    #[test]
    fn the_search_text_has_a_limit() {
        let mut b = SearchBox::default();
        assert!(b.type_text("line\nbreak\t"));
        assert_eq!(b.input, "line break ");
        assert!(!b.type_text(&"é".repeat(MAX_INPUT)));
        assert_eq!(b.input.chars().count(), MAX_INPUT);
        assert!(!b.type_text("x"));
        assert_eq!(b.input.chars().count(), MAX_INPUT);
    }

    #[test]
    fn stale_results_are_dropped() {
        let mut b = SearchBox::default();
        b.input.push('a');
        let first = b.edited(0, &Filter::default()).generation;
        b.input.push('s');
        let second = b.edited(first, &Filter::default()).generation;
        let done = Results {
            complete: true,
            ..Results::default()
        };
        assert!(!b.receive(first, done.clone()));
        assert!(b.waiting);
        assert!(b.receive(second, done));
        assert!(!b.waiting);
    }

    fn results(targets: &[u32], complete: bool) -> Results {
        use crate::data::ActorIx;
        use crate::find::search::Group;
        use crate::find::{Hit, Matched};
        let hits: Vec<Hit> = targets
            .iter()
            .map(|&i| Hit {
                target: crate::data::Target::Actor(ActorIx(i)),
                score: 1,
                matched: Matched::Name,
                highlight: Vec::new(),
            })
            .collect();
        Results {
            query: Query::default(),
            groups: vec![Group {
                kind: ListKind::Actors,
                total: hits.len(),
                hits,
            }],
            complete,
            hidden: 0,
        }
    }

    #[test]
    fn the_complete_results_keep_the_hit_chosen_among_the_first_ones() {
        let mut b = SearchBox::default();
        b.input.push('k');
        let g = b.edited(0, &Filter::default()).generation;
        assert!(b.receive(g, results(&[1, 2], false)));
        assert!(b.waiting && b.partial(), "a first pass: more to come");
        b.selected = 1;
        assert!(b.receive(g, results(&[3, 1, 2], true)));
        assert!(!b.waiting && !b.partial());
        assert_eq!(b.selected, 2, "still on actor 2");
        // A new edit starts again from the top.
        b.input.push('a');
        let g = b.edited(g, &Filter::default()).generation;
        assert!(b.receive(g, results(&[3, 1, 2], false)));
        assert_eq!(b.selected, 0);
    }
}
