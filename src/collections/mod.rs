//! Performance structures: the fast containers the algorithms use, each in
//! a file of its own that says what it buys, so that the code using them
//! reads as the algorithm.
//!
//! * [`IdIndex`]: ids to positions for records that already hold their ids,
//!   and dense numbering of distinct ids (in place of `HashMap<String, _>`);
//! * [`Rows`]: many short rows of integers stored flat (in place of a
//!   `Vec<Vec<u32>>` of a million one-element vectors);
//! * [`reordered`]: a vector's items moved, not cloned, into a new order.
//!
//! The hash maps of the matcher are `rustc_hash::FxHashMap`/`FxHashSet`
//! (the Fx hash of rustc, not SipHash): profiling showed SipHash at a
//! quarter of clustering time, on keys that are small integers and short
//! strings from the dataset itself, where resisting chosen-key flooding
//! does not matter. `docs/benchmark.md` has the measurements.

mod id_index;
mod permutation;
mod rows;

pub use id_index::IdIndex;
pub use permutation::reordered;
pub use rows::Rows;
