//! Moving the items of a vector into a new order.
//!
//! What it buys: the matcher lays out half a million parsed names afresh
//! in blocking's order before scoring (which halved scoring at a million
//! claims, `docs/benchmark.md`), and reconcile puts entities in id order.
//! Moving each item keeps that from cloning every name's strings and
//! touching every shared word's reference count.

/// The items of `items` in the order `order` lists their indices, each
/// moved, not cloned. `order` is a permutation of `0..items.len()`; an
/// index it repeats or lacks is left out.
pub fn reordered<T>(items: Vec<T>, order: impl IntoIterator<Item = usize>) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::reordered;

    #[test]
    fn moves_each_item_to_its_place() {
        let items = vec!["a".to_string(), "b".into(), "c".into()];
        assert_eq!(reordered(items, [2, 0, 1]), ["c", "a", "b"]);
        assert_eq!(reordered(vec![1, 2], [1, 1, 5]), [2]);
        assert!(reordered(Vec::<u8>::new(), []).is_empty());
    }
}
