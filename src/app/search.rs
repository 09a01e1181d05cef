//! The search box: the text typed, the query it parses to, and the results when they come back.
//!
//! Searching is an effect, not part of `update`: editing the text bumps a generation and leaves a
//! request for the runner (a worker thread in the terminal, inline in snapshots). Results that
//! come back for an older generation are dropped, so typing is never held up by a search.

use crate::app::nav::ListKind;
use crate::find::{Filter, Hit, Query, Results};

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
    /// True from an edit until its results arrive.
    pub waiting: bool,
    /// Enter was pressed while waiting: open the first result when it comes.
    pub open_when_ready: bool,
    /// The selected hit, counted over all groups.
    pub selected: usize,
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

    /// Records an edit; returns the request for the runner.
    pub fn edited(&mut self, filter: &Filter) -> SearchRequest {
        self.generation += 1;
        self.query = Query::parse(&self.input, true);
        self.waiting = true;
        self.open_when_ready = false;
        SearchRequest {
            generation: self.generation,
            query: self.query.clone(),
            filter: filter.clone(),
        }
    }

    /// Takes results if they answer the latest edit.
    pub fn receive(&mut self, generation: u64, results: Results) -> bool {
        if generation != self.generation {
            return false;
        }
        self.results = results;
        self.waiting = false;
        self.selected = 0;
        self.offset = 0;
        true
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
    fn stale_results_are_dropped() {
        let mut b = SearchBox::default();
        b.input.push('a');
        let first = b.edited(&Filter::default()).generation;
        b.input.push('s');
        let second = b.edited(&Filter::default()).generation;
        assert!(!b.receive(first, Results::default()));
        assert!(b.waiting);
        assert!(b.receive(second, Results::default()));
        assert!(!b.waiting);
    }
}
