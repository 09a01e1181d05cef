//! How the forecasts turned out: implications read as forecasts, scored against their outcomes.
//!
//! A likelihood word stands for the middle of its ICD-203 band (likely: 55-80 %, so 0.675); an
//! outcome that happened counts 1, one that partly happened 0.5, one that did not 0. The Brier
//! score is the mean squared gap between the two: 0 is perfect, 0.25 is what saying "roughly
//! even" to everything earns, 1 is always certain and always wrong. Open outcomes and
//! implications not yet due are counted but not scored. `geolens score` and the forecasts view
//! both read [`score`], so they cannot disagree.

use std::collections::BTreeMap;

use crate::data::model::{Horizon, Likelihood, OutcomeStatus};
use crate::data::{ImplicationIx, ListKind, Store};

/// The ICD-203 band of a likelihood word, in percent.
pub fn band(l: Likelihood) -> (u8, u8) {
    match l {
        Likelihood::AlmostNoChance => (1, 5),
        Likelihood::VeryUnlikely => (5, 20),
        Likelihood::Unlikely => (20, 45),
        Likelihood::RoughlyEven => (45, 55),
        Likelihood::Likely => (55, 80),
        Likelihood::VeryLikely => (80, 95),
        Likelihood::AlmostCertain => (95, 99),
    }
}

/// The probability a likelihood word stands for: the middle of its band.
pub fn probability(l: Likelihood) -> f64 {
    let (lo, hi) = band(l);
    (f64::from(lo) + f64::from(hi)) / 200.0
}

/// What an outcome counts as, or `None` while it is open.
pub fn truth(status: OutcomeStatus) -> Option<f64> {
    match status {
        OutcomeStatus::Happened => Some(1.0),
        OutcomeStatus::Partly => Some(0.5),
        OutcomeStatus::DidNot => Some(0.0),
        OutcomeStatus::Open => None,
    }
}

/// Forecasts of one group, and how they scored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Every forecast in the group.
    pub forecasts: usize,
    /// Those with a judged outcome (happened, partly, did not).
    pub judged: usize,
    /// Sum of squared errors over the judged ones.
    squared: f64,
    /// Sum of outcomes (1, 0.5, 0) over the judged ones.
    pub happened: f64,
}

impl Tally {
    fn add(&mut self, p: f64, outcome: Option<f64>) {
        self.forecasts += 1;
        if let Some(o) = outcome {
            self.judged += 1;
            self.squared += (p - o) * (p - o);
            self.happened += o;
        }
    }

    /// The Brier score, when anything was judged.
    pub fn brier(&self) -> Option<f64> {
        (self.judged > 0).then(|| self.squared / self.judged as f64)
    }

    /// The share of judged forecasts that came true (partly counting half).
    pub fn share_happened(&self) -> Option<f64> {
        (self.judged > 0).then(|| self.happened / self.judged as f64)
    }
}

/// The whole scoreboard.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scoreboard {
    pub overall: Tally,
    pub by_perspective: BTreeMap<String, Tally>,
    pub by_channel: BTreeMap<&'static str, Tally>,
    pub by_horizon: BTreeMap<Horizon, Tally>,
    /// Stated likelihood against the share that happened, in the order of the scale.
    pub calibration: Vec<(Likelihood, Tally)>,
    /// Judged forecasts with the worst errors first: (implication, squared error).
    pub misses: Vec<(ImplicationIx, f64)>,
    /// Outcomes recorded as still open.
    pub open: usize,
    /// Forecasts with no outcome recorded (not yet due, or not yet judged).
    pub pending: usize,
}

/// Scores every implication of the dataset (or those `keep` lets through).
pub fn score(data: &dyn Store, keep: &dyn Fn(ImplicationIx) -> bool) -> Scoreboard {
    let mut board = Scoreboard {
        calibration: Likelihood::ALL
            .iter()
            .map(|&l| (l, Tally::default()))
            .collect(),
        ..Scoreboard::default()
    };
    for i in 0..data.count(ListKind::Implications) as u32 {
        let ix = ImplicationIx(i);
        if !keep(ix) {
            continue;
        }
        let imp = data.implication(ix);
        let p = probability(imp.likelihood);
        let outcome = imp.outcome.as_ref().and_then(|o| truth(o.status));
        match &imp.outcome {
            None => board.pending += 1,
            Some(o) if o.status == OutcomeStatus::Open => board.open += 1,
            Some(_) => {}
        }
        let perspective = data.perspective(data.implication_source(ix)).into_owned();
        board.overall.add(p, outcome);
        board
            .by_perspective
            .entry(perspective)
            .or_default()
            .add(p, outcome);
        board
            .by_channel
            .entry(imp.channel.as_str())
            .or_default()
            .add(p, outcome);
        board
            .by_horizon
            .entry(imp.horizon)
            .or_default()
            .add(p, outcome);
        if let Some((_, tally)) = board
            .calibration
            .iter_mut()
            .find(|(l, _)| *l == imp.likelihood)
        {
            tally.add(p, outcome);
        }
        if let Some(o) = outcome {
            board.misses.push((ix, (p - o) * (p - o)));
        }
    }
    board
        .misses
        .sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    board
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_stand_for_the_middle_of_their_band() {
        assert_eq!(probability(Likelihood::RoughlyEven), 0.5);
        assert_eq!(probability(Likelihood::Likely), 0.675);
        assert_eq!(probability(Likelihood::AlmostNoChance), 0.03);
        let mut last = 0.0;
        for &l in Likelihood::ALL {
            assert!(probability(l) > last, "{l:?}");
            last = probability(l);
        }
    }

    #[test]
    fn a_tally_scores_only_what_was_judged() {
        let mut t = Tally::default();
        t.add(0.675, Some(1.0));
        t.add(0.675, Some(0.0));
        t.add(0.5, None);
        assert_eq!((t.forecasts, t.judged), (3, 2));
        let expected = ((0.325f64).powi(2) + (0.675f64).powi(2)) / 2.0;
        assert!((t.brier().unwrap() - expected).abs() < 1e-12);
        assert_eq!(t.share_happened(), Some(0.5));
        assert_eq!(Tally::default().brier(), None);
    }
}
