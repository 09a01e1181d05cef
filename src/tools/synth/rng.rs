//! Deterministic randomness: the same seed gives the same dataset on every platform.

use super::*;

/// SplitMix64: small, fast, and the same sequence on every platform, which is all a generator of
/// test data needs.
#[derive(Debug, Clone)]
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5851_F42D_4C95_7F2D)
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub(super) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [0, n); n must be positive.
    pub(super) fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub(super) fn count(&mut self, (lo, hi): Count) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub(super) fn words(&mut self, (lo, mode, hi): Words) -> usize {
        let u = self.unit();
        let split = (mode - lo) / (hi - lo);
        let x = if u < split {
            lo + (u * (hi - lo) * (mode - lo)).sqrt()
        } else {
            hi - ((1.0 - u) * (hi - lo) * (hi - mode)).sqrt()
        };
        x.round().max(1.0) as usize
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Ranks drawn with probability proportional to 1/(rank+1): the shape of word frequencies in text
/// and of how often entities are named.
#[derive(Debug, Clone)]
pub(super) struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    pub(super) fn new(n: usize) -> Zipf {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|rank| {
                total += 1.0 / (rank + 1) as f64;
                total
            })
            .collect();
        Zipf { cumulative }
    }

    pub(super) fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let at = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= at)
            .min(self.cumulative.len() - 1)
    }

    /// `n` distinct ranks (fewer if there are not that many).
    pub(super) fn distinct(&self, rng: &mut Rng, n: usize) -> Vec<usize> {
        let n = n.min(self.cumulative.len());
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let r = self.sample(rng);
            if !out.contains(&r) {
                out.push(r);
            }
        }
        out
    }
}
