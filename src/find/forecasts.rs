//! The rows of the forecasts view: the scoreboard of [`score`](super::score) for what the filter
//! keeps, laid out as the table the reader moves through, each row with the filter that lists its
//! forecasts. The view draws these rows and Enter applies a row's filter, so every number on the
//! screen leads to exactly the implications it counts.

use super::filter::{Filter, members};
use super::score::{self, Scoreboard, Tally};
use crate::data::model::{Channel, Horizon, Likelihood};
use crate::data::{ListKind, Store, Target};

/// Which part of the table a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// Every forecast the filter keeps.
    All,
    /// One word of the likelihood scale: stated chance against what happened.
    Calibration,
    Perspective,
    Channel,
    Horizon,
}

impl Part {
    /// The heading above the part's rows (none for the overall row).
    pub fn heading(self) -> &'static str {
        match self {
            Part::All => "",
            Part::Calibration => "Calibration: what was said, and how often it happened",
            Part::Perspective => "By perspective",
            Part::Channel => "By channel",
            Part::Horizon => "By horizon",
        }
    }
}

/// What a row narrows the filter to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Group {
    All,
    Likelihood(Likelihood),
    Perspective(String),
    Channel(Channel),
    Horizon(Horizon),
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub part: Part,
    pub group: Group,
    /// What the row is called on screen (unsanitized: the perspective comes from the data).
    pub label: String,
    pub tally: Tally,
}

impl Row {
    /// The filter that lists this row's forecasts: the one the table was counted under, with the
    /// row's own facet set to its value alone. The value is within the facet's old values, or the
    /// row would count nothing, so this lists exactly the forecasts the row counts.
    pub fn filter(&self, base: &Filter) -> Filter {
        let mut f = base.clone();
        match &self.group {
            Group::All => {}
            Group::Likelihood(l) => f.likelihoods = vec![*l],
            Group::Perspective(p) => f.perspectives = vec![p.clone()],
            Group::Channel(c) => f.channels = vec![*c],
            Group::Horizon(h) => f.horizons = vec![*h],
        }
        f
    }

    /// The stated probability of a calibration row.
    pub fn stated(&self) -> Option<f64> {
        match self.group {
            Group::Likelihood(l) => Some(score::probability(l)),
            _ => None,
        }
    }
}

/// The forecasts view's numbers: the scoreboard and its rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Forecasts {
    pub board: Scoreboard,
    pub rows: Vec<Row>,
}

/// Scores the implications `filter` keeps, as `geolens score` scores them all.
pub fn forecasts(data: &dyn Store, filter: &Filter) -> Forecasts {
    let board = if filter.is_empty() {
        score::score(data, &|_| true)
    } else {
        let mut keep = vec![false; data.count(ListKind::Implications)];
        for t in members(data, ListKind::Implications, filter) {
            if let Target::Implication(ix) = t {
                keep[ix.get()] = true;
            }
        }
        score::score(data, &|ix| keep[ix.get()])
    };
    let mut rows = vec![Row {
        part: Part::All,
        group: Group::All,
        label: "All forecasts".to_owned(),
        tally: board.overall.clone(),
    }];
    rows.extend(board.calibration.iter().map(|(l, t)| Row {
        part: Part::Calibration,
        group: Group::Likelihood(*l),
        label: l.words().to_owned(),
        tally: t.clone(),
    }));
    rows.extend(board.by_perspective.iter().map(|(p, t)| Row {
        part: Part::Perspective,
        group: Group::Perspective(p.clone()),
        label: p.clone(),
        tally: t.clone(),
    }));
    rows.extend(board.by_channel.iter().filter_map(|(c, t)| {
        let channel = Channel::ALL.iter().find(|x| x.as_str() == *c)?;
        Some(Row {
            part: Part::Channel,
            group: Group::Channel(*channel),
            label: channel.words().to_owned(),
            tally: t.clone(),
        })
    }));
    rows.extend(board.by_horizon.iter().map(|(h, t)| Row {
        part: Part::Horizon,
        group: Group::Horizon(*h),
        label: h.words().to_owned(),
        tally: t.clone(),
    }));
    Forecasts { board, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_sets_its_own_facet_and_keeps_the_others() {
        let base = Filter {
            likelihoods: vec![Likelihood::Likely, Likelihood::Unlikely],
            channels: vec![Channel::Energy],
            years: vec![2022],
            ..Filter::default()
        };
        let row = |group| Row {
            part: Part::Calibration,
            group,
            label: String::new(),
            tally: Tally::default(),
        };
        let f = row(Group::Likelihood(Likelihood::Likely)).filter(&base);
        assert_eq!(f.likelihoods, [Likelihood::Likely]);
        assert_eq!(
            (f.channels.as_slice(), f.years.as_slice()),
            (&[Channel::Energy][..], &[2022][..])
        );
        let f = row(Group::Horizon(Horizon::Long)).filter(&base);
        assert_eq!(
            (f.horizons.as_slice(), f.likelihoods.len()),
            (&[Horizon::Long][..], 2)
        );
        assert_eq!(row(Group::All).filter(&base), base);
        let f = row(Group::Perspective("Trade Lawyer".to_owned())).filter(&base);
        assert_eq!(f.perspectives, ["Trade Lawyer"]);
    }
}
