//! Rows of small integers stored flat.
//!
//! What it buys: the matcher relates names to groups (a claim's names) and
//! to cluster roots; at a million claims both relations are mostly
//! one-to-one, so a `Vec<Vec<u32>>` would be a million one-element vectors,
//! each an allocation to make and to free on one core. Stored flat, a row
//! costs two integers (`docs/benchmark.md`, "Name/group relations are flat
//! rows").

use rayon::prelude::*;

/// Rows of `u32`: row `i` is `items[starts[i]..starts[i + 1]]`.
pub struct Rows {
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Rows {
    /// No rows yet, with room for `rows` rows of about one item each.
    pub fn with_capacity(rows: usize) -> Self {
        let mut starts = Vec::with_capacity(rows + 1);
        starts.push(0);
        Rows {
            starts,
            items: Vec::with_capacity(rows),
        }
    }

    /// Rows `0..rows` from (row, item) pairs, each row's items in the
    /// order given (a counting sort).
    pub fn grouped(rows: usize, pairs: &[(u32, u32)]) -> Self {
        let mut starts = vec![0u32; rows + 1];
        for &(row, _) in pairs {
            starts[row as usize + 1] += 1;
        }
        for i in 0..rows {
            starts[i + 1] += starts[i];
        }
        let mut next: Vec<u32> = starts[..rows].to_vec();
        let mut items = vec![0u32; pairs.len()];
        for &(row, item) in pairs {
            let slot = &mut next[row as usize];
            items[*slot as usize] = item;
            *slot += 1;
        }
        Rows { starts, items }
    }

    /// The number of complete rows.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// The same rows with every item mapped (in parallel), each row sorted
    /// and without repeats.
    pub fn mapped(&self, f: impl Fn(u32) -> u32 + Sync) -> Rows {
        let mapped: Vec<u32> = self.items.par_iter().map(|&x| f(x)).collect();
        let mut out = Rows::with_capacity(self.len());
        let mut row: Vec<u32> = Vec::new();
        for i in 0..self.len() {
            row.clear();
            row.extend_from_slice(&mapped[self.starts[i] as usize..self.starts[i + 1] as usize]);
            row.sort_unstable();
            row.dedup();
            out.items.extend_from_slice(&row);
            out.end_row();
        }
        out
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> &[u32] {
        &self.items[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// The row being filled by [`Rows::push_to_last`].
    pub fn last_row(&self) -> &[u32] {
        let start = self.starts.last().map_or(0, |&s| s as usize);
        &self.items[start..]
    }

    /// Adds `item` to the row being filled.
    pub fn push_to_last(&mut self, item: u32) {
        self.items.push(item);
    }

    /// Completes the row being filled; the next push starts a new one.
    pub fn end_row(&mut self) {
        self.starts.push(self.items.len() as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::Rows;

    #[test]
    fn rows_filled_in_order_or_grouped_from_pairs() {
        let mut rows = Rows::with_capacity(2);
        rows.push_to_last(3);
        assert_eq!(rows.last_row(), [3]);
        rows.push_to_last(1);
        rows.end_row();
        rows.end_row();
        assert_eq!(
            (rows.len(), rows.row(0), rows.row(1)),
            (2, &[3, 1][..], &[][..])
        );
        let grouped = Rows::grouped(3, &[(2, 7), (0, 5), (2, 6)]);
        assert_eq!(grouped.row(0), [5]);
        assert!(grouped.row(1).is_empty());
        assert_eq!(grouped.row(2), [7, 6]);
        let mapped = grouped.mapped(|x| x / 2);
        assert_eq!(mapped.row(2), [3]);
    }
}
