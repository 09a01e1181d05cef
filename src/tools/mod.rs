//! Tooling that ships in the binary but is not the explorer: the synthetic-data generator behind
//! `geolens generate`, which the benchmarks and the large-data tests use.

pub mod synth;
