//! Tooling that ships in the binary but is not the explorer: the synthetic-data generator behind
//! `geolens generate`, which the benchmarks and the large-data tests use, and the durability
//! drills of the state files behind the hidden `geolens state-drill`.

pub mod drill;
pub mod synth;
