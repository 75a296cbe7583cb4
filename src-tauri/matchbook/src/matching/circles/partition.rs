//! Splitting people into circles (pure): every circle between the smallest
//! and largest size, people kept apart never in one circle, people locked
//! together always in one, and as much agreement inside circles as a
//! seeded search finds.
//!
//! A circle's agreement is each member's average agreement with the others,
//! summed over its members (`2 × pair points ÷ (size − 1)`): larger circles
//! gain nothing by size alone, and a circle where everyone agrees fully
//! reaches the most any split can. The search seeds circles greedily from
//! a shuffled order, then moves one person or swaps two while that raises
//! the total, and keeps the best of a few seeded restarts. The same input
//! and seed always give the same circles.

/// What the split is made from: `n` people, the points of every pair
/// (`points[i * n + j]`, symmetric), pairs kept apart, pairs kept together.
pub struct CircleProblem {
    pub n: usize,
    pub min: usize,
    pub max: usize,
    pub points: Vec<i64>,
    pub apart: Vec<bool>,
    pub together: Vec<(usize, usize)>,
}

/// A split: the circles (indices, ascending inside each) and who could not
/// be placed (too few people for one more circle).
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    pub circles: Vec<Vec<usize>>,
    pub unplaced: Vec<usize>,
}

/// A broken rule weighs more than any agreement can.
const PENALTY: i64 = 1 << 40;

impl CircleProblem {
    fn pair(&self, i: usize, j: usize) -> i64 {
        let k = i * self.n + j;
        if self.apart[k] {
            -PENALTY
        } else {
            self.points[k]
        }
    }

    /// How many circles `n` people make: sizes as near the middle of the
    /// range as the count allows, and as many people placed as possible.
    pub fn circle_count(&self) -> usize {
        let (n, min, max) = (self.n, self.min.max(1), self.max.max(1));
        if n < min {
            return 0;
        }
        let fewest = n.div_ceil(max);
        let most = n / min;
        let middle = (2 * n + (min + max) / 2) / (min + max);
        if fewest <= most {
            middle.clamp(fewest, most)
        } else {
            most
        }
    }

    /// Agreement of one circle in the unit of the points (as f64).
    fn circle_value(size: usize, pair_sum: i64) -> f64 {
        if size < 2 {
            0.0
        } else {
            2.0 * pair_sum as f64 / (size - 1) as f64
        }
    }

    fn sum_with(&self, x: usize, members: &[usize]) -> i64 {
        // A plain loop: the search's innermost step.
        let row = x * self.n;
        let mut sum = 0;
        for &y in members {
            if y != x {
                sum += if self.apart[row + y] {
                    -PENALTY
                } else {
                    self.points[row + y]
                };
            }
        }
        sum
    }

    fn pair_sum(&self, members: &[usize]) -> i64 {
        let mut sum = 0;
        for (a, &i) in members.iter().enumerate() {
            for &j in &members[a + 1..] {
                sum += self.pair(i, j);
            }
        }
        sum
    }

    /// Locks broken by a split (pairs locked together in different circles).
    fn broken_locks(&self, circle_of: &[usize]) -> i64 {
        self.together
            .iter()
            .filter(|&&(a, b)| circle_of[a] != circle_of[b])
            .count() as i64
    }

    /// The total agreement of a split (rules aside).
    pub fn agreement(&self, circles: &[Vec<usize>]) -> f64 {
        circles
            .iter()
            .map(|c| {
                let sum: i64 = c
                    .iter()
                    .enumerate()
                    .flat_map(|(a, &i)| c[a + 1..].iter().map(move |&j| (i, j)))
                    .map(|(i, j)| self.points[i * self.n + j])
                    .sum();
                Self::circle_value(c.len(), sum)
            })
            .sum()
    }

    /// Whether a split keeps every rule: sizes, people apart, people together.
    pub fn keeps_rules(&self, split: &Split) -> bool {
        let mut circle_of = vec![usize::MAX; self.n];
        for (c, members) in split.circles.iter().enumerate() {
            for &m in members {
                circle_of[m] = c;
            }
        }
        split
            .circles
            .iter()
            .all(|c| (self.min..=self.max).contains(&c.len()))
            && split.circles.iter().all(|c| {
                c.iter()
                    .enumerate()
                    .all(|(a, &i)| c[a + 1..].iter().all(|&j| !self.apart[i * self.n + j]))
            })
            && self.broken_locks(&circle_of) == 0
    }
}

/// The seeded generator of the search (the sample cohort's SplitMix64).
pub use crate::sample::Dice as Seeded;

/// Shuffles in place (Fisher–Yates) with the seeded generator.
pub fn shuffle<T>(rng: &mut Seeded, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i + 1);
        items.swap(i, j);
    }
}

/// How many seeded starts the search keeps the best of: more for small
/// cohorts (cheap, and where a start matters most), fewer for large ones.
fn restarts(n: usize) -> u64 {
    if n <= 100 {
        8
    } else {
        4
    }
}

/// The best split the search finds, from `seed`.
pub fn split(problem: &CircleProblem, seed: u64) -> Split {
    let k = problem.circle_count();
    if k == 0 {
        return Split {
            circles: vec![],
            unplaced: (0..problem.n).collect(),
        };
    }
    let mut best: Option<(f64, Split)> = None;
    for restart in 0..restarts(problem.n) {
        let mut rng = Seeded(seed ^ restart.wrapping_mul(0xA24B_AED4_963E_E407));
        let mut state = Search::seed(problem, k, &mut rng);
        state.improve(problem);
        let value = state.value(problem);
        if best.as_ref().is_none_or(|(v, _)| value > *v + 1e-9) {
            best = Some((value, state.into_split(problem)));
        }
    }
    best.map(|(_, s)| s).unwrap_or(Split {
        circles: vec![],
        unplaced: (0..problem.n).collect(),
    })
}

/// A random split into the same number of circles, sizes as even as the
/// count allows, rules ignored: what the benchmark compares against.
pub fn random_split(problem: &CircleProblem, rng: &mut Seeded) -> Vec<Vec<usize>> {
    let k = problem.circle_count();
    let mut order: Vec<usize> = (0..problem.n).collect();
    shuffle(rng, &mut order);
    let sizes = even_sizes(problem, k);
    let mut circles = Vec::new();
    let mut at = 0;
    for size in sizes {
        circles.push(order[at..at + size].to_vec());
        at += size;
    }
    circles
}

/// `k` sizes as even as possible, all within the range, placing as many as fit.
fn even_sizes(problem: &CircleProblem, k: usize) -> Vec<usize> {
    if k == 0 {
        return vec![];
    }
    let placed = problem.n.min(k * problem.max);
    let (base, extra) = (placed / k, placed % k);
    (0..k).map(|c| base + usize::from(c < extra)).collect()
}

struct Search {
    circles: Vec<Vec<usize>>,
    sums: Vec<i64>,
    circle_of: Vec<usize>,
    unplaced: Vec<usize>,
}

impl Search {
    /// Locked groups first, then everyone in a shuffled order, each to the
    /// circle with room where they add most.
    fn seed(problem: &CircleProblem, k: usize, rng: &mut Seeded) -> Search {
        let sizes = even_sizes(problem, k);
        let mut circles: Vec<Vec<usize>> = vec![Vec::new(); k];
        let mut circle_of = vec![usize::MAX; problem.n];
        let mut order: Vec<usize> = (0..problem.n).collect();
        shuffle(rng, &mut order);
        // People locked together go first, so they find room side by side.
        let locked: Vec<usize> = problem.together.iter().flat_map(|&(a, b)| [a, b]).collect();
        order.sort_by_key(|x| !locked.contains(x));
        let mut unplaced = Vec::new();
        for x in order {
            let mut choice: Option<(i64, usize)> = None;
            for (c, members) in circles.iter().enumerate() {
                if members.len() >= sizes[c] {
                    continue;
                }
                let together = problem
                    .together
                    .iter()
                    .filter(|&&(a, b)| {
                        (a == x && members.contains(&b)) || (b == x && members.contains(&a))
                    })
                    .count() as i64;
                let gain = problem.sum_with(x, members) + together * PENALTY;
                // Fill empty circles first so every circle gets a seed.
                let gain = if members.is_empty() {
                    gain + PENALTY / 2
                } else {
                    gain
                };
                if choice.is_none_or(|(g, _)| gain > g) {
                    choice = Some((gain, c));
                }
            }
            match choice {
                Some((_, c)) => {
                    circles[c].push(x);
                    circle_of[x] = c;
                }
                None => unplaced.push(x),
            }
        }
        let sums = circles.iter().map(|c| problem.pair_sum(c)).collect();
        Search {
            circles,
            sums,
            circle_of,
            unplaced,
        }
    }

    fn value(&self, problem: &CircleProblem) -> f64 {
        let agreement: f64 = self
            .circles
            .iter()
            .zip(&self.sums)
            .map(|(c, &s)| CircleProblem::circle_value(c.len(), s))
            .sum();
        agreement - (problem.broken_locks(&self.circle_of) * PENALTY) as f64
    }

    /// Moves and swaps that raise the total, until none does.
    fn improve(&mut self, problem: &CircleProblem) {
        let mut improved = true;
        let mut rounds = 0;
        while improved && rounds < 200 {
            improved = false;
            rounds += 1;
            for x in 0..problem.n {
                if self.circle_of[x] == usize::MAX {
                    continue;
                }
                if self.best_step(problem, x) {
                    improved = true;
                }
            }
            if self.swap_in_unplaced(problem) {
                improved = true;
            }
        }
    }

    /// Who is left out matters too: swaps a member for someone unplaced
    /// when that raises the total (applied one at a time).
    fn swap_in_unplaced(&mut self, problem: &CircleProblem) -> bool {
        let mut improved = false;
        for u_at in 0..self.unplaced.len() {
            let u = self.unplaced[u_at];
            let mut best: Option<(f64, usize)> = None;
            for x in 0..problem.n {
                let a = self.circle_of[x];
                if a == usize::MAX {
                    continue;
                }
                let size = self.circles[a].len();
                let x_in_a = problem.sum_with(x, &self.circles[a]);
                let u_in_a = problem.sum_with(u, &self.circles[a]) - problem.pair(u, x);
                let before = CircleProblem::circle_value(size, self.sums[a]);
                let after = CircleProblem::circle_value(size, self.sums[a] - x_in_a + u_in_a);
                let locks =
                    self.lock_change(problem, &[(x, usize::MAX), (u, a)]) as f64 * PENALTY as f64;
                let gain = after - before + locks;
                if gain > 1e-9 && best.is_none_or(|(g, _)| gain > g) {
                    best = Some((gain, x));
                }
            }
            if let Some((_, x)) = best {
                let a = self.circle_of[x];
                self.take_out(problem, x);
                self.put_in(problem, u, a);
                self.unplaced[u_at] = x;
                improved = true;
            }
        }
        improved
    }

    fn lock_change(&self, problem: &CircleProblem, moves: &[(usize, usize)]) -> i64 {
        if problem.together.is_empty() {
            return 0;
        }
        let at = |p: usize| {
            moves
                .iter()
                .find(|(who, _)| *who == p)
                .map_or(self.circle_of[p], |(_, to)| *to)
        };
        let broken_after = problem
            .together
            .iter()
            .filter(|&&(a, b)| at(a) != at(b))
            .count() as i64;
        problem.broken_locks(&self.circle_of) - broken_after
    }

    /// The best move or swap for `x`; applies it when it raises the total.
    fn best_step(&mut self, problem: &CircleProblem, x: usize) -> bool {
        let a = self.circle_of[x];
        let size_a = self.circles[a].len();
        let x_in_a = problem.sum_with(x, &self.circles[a]);
        let value_a = CircleProblem::circle_value(size_a, self.sums[a]);
        let mut best: Option<(f64, usize, Option<usize>)> = None;
        for b in 0..self.circles.len() {
            if b == a {
                continue;
            }
            let size_b = self.circles[b].len();
            let value_b = CircleProblem::circle_value(size_b, self.sums[b]);
            let before = value_a + value_b;
            let x_in_b = problem.sum_with(x, &self.circles[b]);
            if size_a > problem.min && size_b < problem.max {
                let after = CircleProblem::circle_value(size_a - 1, self.sums[a] - x_in_a)
                    + CircleProblem::circle_value(size_b + 1, self.sums[b] + x_in_b);
                let locks = self.lock_change(problem, &[(x, b)]) as f64 * PENALTY as f64;
                let gain = after - before + locks;
                if gain > 1e-9 && best.is_none_or(|(g, _, _)| gain > g) {
                    best = Some((gain, b, None));
                }
            }
            for &y in &self.circles[b] {
                let y_in_b = problem.sum_with(y, &self.circles[b]);
                let y_in_a = problem.sum_with(y, &self.circles[a]) - problem.pair(x, y);
                let x_in_b_without_y = x_in_b - problem.pair(x, y);
                let after = CircleProblem::circle_value(size_a, self.sums[a] - x_in_a + y_in_a)
                    + CircleProblem::circle_value(size_b, self.sums[b] - y_in_b + x_in_b_without_y);
                let locks = self.lock_change(problem, &[(x, b), (y, a)]) as f64 * PENALTY as f64;
                let gain = after - before + locks;
                if gain > 1e-9 && best.is_none_or(|(g, _, _)| gain > g) {
                    best = Some((gain, b, Some(y)));
                }
            }
        }
        let Some((_, b, swap)) = best else {
            return false;
        };
        self.take_out(problem, x);
        if let Some(y) = swap {
            self.take_out(problem, y);
            self.put_in(problem, y, a);
        }
        self.put_in(problem, x, b);
        true
    }

    fn take_out(&mut self, problem: &CircleProblem, x: usize) {
        let c = self.circle_of[x];
        self.circles[c].retain(|&m| m != x);
        self.sums[c] -= problem.sum_with(x, &self.circles[c]);
        self.circle_of[x] = usize::MAX;
    }

    fn put_in(&mut self, problem: &CircleProblem, x: usize, c: usize) {
        self.sums[c] += problem.sum_with(x, &self.circles[c]);
        self.circles[c].push(x);
        self.circle_of[x] = c;
    }

    fn into_split(mut self, _problem: &CircleProblem) -> Split {
        for c in &mut self.circles {
            c.sort_unstable();
        }
        self.circles.sort();
        self.unplaced.sort_unstable();
        Split {
            circles: self.circles,
            unplaced: self.unplaced,
        }
    }
}
