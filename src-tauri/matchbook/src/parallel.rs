//! Independent pieces of work spread over the computer's cores (a committee
//! laptop has at least two), the results in the order of the work.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `work` on each item, on up to `available_parallelism` threads that each
/// take the next item not yet taken (items may differ a lot in cost, as a
/// question whose options are learned from a whole column does from one
/// that is not). Returns the results in the items' order.
pub fn map_in_order<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get().min(8))
        .min(items.len());
    if threads < 2 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let take_turns = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, work(item)));
        }
    };
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(take_turns)).collect();
        let mut all = take_turns();
        for helper in helpers {
            match helper.join() {
                Ok(part) => all.extend(part),
                // A panic in the work is a bug; surface it as one.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        for (i, result) in all {
            results[i] = Some(result);
        }
    });
    results.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::map_in_order;

    #[test]
    fn results_come_back_in_the_order_of_the_work() {
        let items: Vec<u64> = (0..1000).collect();
        // Uneven work, so threads finish out of order.
        let squares = map_in_order(&items, |&n| {
            if n % 7 == 0 {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            n * n
        });
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert!(map_in_order(&[] as &[u8], |&b| b).is_empty());
        assert_eq!(map_in_order(&[3u8], |&b| b + 1), vec![4]);
    }
}
