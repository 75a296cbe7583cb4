//! Rectangular linear assignment on integer costs: the shortest augmenting
//! path method (Jonker–Volgenant as described by Crouse, 2016, the algorithm
//! behind scipy's `linear_sum_assignment`), with forbidden cells that are
//! skipped rather than priced, so a forbidden pair can never be chosen.
//!
//! Integer costs keep the duals exact: no epsilon, no drift, and the same
//! input always gives the same assignment.

/// A cell that may not be used.
pub const FORBIDDEN: i64 = i64::MAX;

const UNREACHED: i64 = i64::MAX / 4;
const NONE: usize = usize::MAX;

/// A cost matrix of `rows × cols` cells, row-major.
pub struct CostMatrix<'a> {
    pub rows: usize,
    pub cols: usize,
    pub cells: &'a [i64],
}

/// Why no assignment exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SolveError {
    /// `cells.len()` is not `rows × cols`.
    Shape,
    /// More rows than columns: every row cannot get a column.
    MoreRowsThanColumns,
    /// This row cannot reach a free column through allowed cells.
    Infeasible { row: usize },
    /// A cost is so large that sums could overflow (|cost| ≥ 2^40).
    CostTooLarge,
}

/// Minimum-cost assignment of every row to a distinct column (rows ≤ cols).
/// Returns the column of each row.
pub fn solve(matrix: &CostMatrix<'_>) -> Result<Vec<usize>, SolveError> {
    if matrix.rows > matrix.cols {
        return Err(SolveError::MoreRowsThanColumns);
    }
    let none = vec![FORBIDDEN; matrix.rows];
    let assignment = solve_with_private(matrix, &none)?;
    Ok(assignment.into_iter().map(|a| a.unwrap_or(NONE)).collect())
}

/// Like [`solve`], but each row may instead take a column of its own, at
/// `private[row]` (FORBIDDEN: it may not). A row that takes its own column
/// gets `None`. This is "leave this participant unmatched" without adding a
/// column per row that every other row would have to scan past.
pub fn solve_with_private(
    matrix: &CostMatrix<'_>,
    private: &[i64],
) -> Result<Vec<Option<usize>>, SolveError> {
    check_input(matrix, private)?;
    let mut search = Search::new(matrix, private);
    for start in 0..matrix.rows {
        let (sink, min_val) = search.shortest_path(start)?;
        search.update_duals(start, min_val);
        search.augment(start, sink);
    }
    let nc = matrix.cols;
    Ok(search
        .col4row
        .into_iter()
        .map(|c| (c < nc).then_some(c))
        .collect())
}

fn check_input(matrix: &CostMatrix<'_>, private: &[i64]) -> Result<(), SolveError> {
    let (nr, nc) = (matrix.rows, matrix.cols);
    if matrix.cells.len() != nr.saturating_mul(nc) || private.len() != nr {
        return Err(SolveError::Shape);
    }
    const LIMIT: i64 = 1 << 40;
    if matrix
        .cells
        .iter()
        .chain(private)
        .any(|&c| c != FORBIDDEN && !(-LIMIT..LIMIT).contains(&c))
    {
        return Err(SolveError::CostTooLarge);
    }
    Ok(())
}

/// The solver's state: duals, the assignment so far, and the scratch space
/// of one shortest-path search, reused from row to row.
/// Columns 0..nc are shared; column nc + r belongs to row r alone.
struct Search<'a> {
    cells: &'a [i64],
    private: &'a [i64],
    nc: usize,
    u: Vec<i64>,
    v: Vec<i64>,
    shortest: Vec<i64>,
    path: Vec<usize>,
    col4row: Vec<usize>,
    row4col: Vec<usize>,
    remaining: Vec<usize>,
    settled_private: Vec<bool>,
    reached_private: Vec<usize>,
    touched_rows: Vec<usize>,
    touched_cols: Vec<usize>,
}

impl<'a> Search<'a> {
    fn new(matrix: &CostMatrix<'a>, private: &'a [i64]) -> Self {
        let (nr, nc) = (matrix.rows, matrix.cols);
        let all = nc + nr;
        Search {
            cells: matrix.cells,
            private,
            nc,
            u: vec![0i64; nr],
            v: vec![0i64; all],
            shortest: vec![UNREACHED; all],
            path: vec![NONE; all],
            col4row: vec![NONE; nr],
            row4col: vec![NONE; all],
            remaining: vec![0usize; nc],
            settled_private: vec![false; nr],
            reached_private: Vec::with_capacity(nr),
            touched_rows: Vec::with_capacity(nr),
            touched_cols: Vec::with_capacity(all),
        }
    }

    /// Clears the scratch space of the previous search.
    fn reset(&mut self) {
        let nc = self.nc;
        for (k, slot) in self.remaining.iter_mut().enumerate() {
            // Reverse order, as scipy does, so ties resolve the same way.
            *slot = nc - 1 - k;
        }
        self.shortest[..nc].fill(UNREACHED);
        for &pc in &self.reached_private {
            self.shortest[pc] = UNREACHED;
            self.settled_private[pc - nc] = false;
        }
        self.reached_private.clear();
        self.touched_rows.clear();
        self.touched_cols.clear();
    }

    /// Dijkstra from `start` over reduced costs until a free column is
    /// reached. Returns that column and the length of the path to it.
    fn shortest_path(&mut self, start: usize) -> Result<(usize, i64), SolveError> {
        self.reset();
        let nc = self.nc;
        let mut num_remaining = nc;
        let mut min_val = 0i64;
        let mut i = start;
        loop {
            self.touched_rows.push(i);
            let (mut lowest, index) = self.relax_shared(i, min_val, num_remaining);
            self.relax_private(i, min_val);
            let mut chosen = if index == NONE {
                NONE
            } else {
                self.remaining[index]
            };
            for &pc in &self.reached_private {
                if self.settled_private[pc - nc] {
                    continue;
                }
                let s = self.shortest[pc];
                if s < lowest || (s == lowest && s < UNREACHED && self.row4col[pc] == NONE) {
                    lowest = s;
                    chosen = pc;
                }
            }
            if chosen == NONE || lowest >= UNREACHED {
                return Err(SolveError::Infeasible { row: start });
            }
            min_val = lowest;
            self.touched_cols.push(chosen);
            if chosen >= nc {
                self.settled_private[chosen - nc] = true;
            } else {
                num_remaining -= 1;
                self.remaining[index] = self.remaining[num_remaining];
            }
            if self.row4col[chosen] == NONE {
                return Ok((chosen, min_val));
            }
            i = self.row4col[chosen];
        }
    }

    /// Shortens the paths to the shared columns through row `i`; returns the
    /// lowest path length among the columns not yet settled, and its index
    /// in `remaining`.
    fn relax_shared(&mut self, i: usize, min_val: i64, num_remaining: usize) -> (i64, usize) {
        let nc = self.nc;
        let row = &self.cells[i * nc..(i + 1) * nc];
        let ui = self.u[i];
        let mut lowest = UNREACHED;
        let mut index = NONE;
        for (it, &j) in self.remaining[..num_remaining].iter().enumerate() {
            let c = row[j];
            if c != FORBIDDEN {
                let reduced = min_val + c - ui - self.v[j];
                if reduced < self.shortest[j] {
                    self.path[j] = i;
                    self.shortest[j] = reduced;
                }
            }
            let s = self.shortest[j];
            // Prefer a free column on ties: it ends the search sooner.
            if s < lowest || (s == lowest && s < UNREACHED && self.row4col[j] == NONE) {
                lowest = s;
                index = it;
            }
        }
        (lowest, index)
    }

    /// The row's own column, reachable from this row only.
    fn relax_private(&mut self, i: usize, min_val: i64) {
        if self.private[i] == FORBIDDEN {
            return;
        }
        let pc = self.nc + i;
        let reduced = min_val + self.private[i] - self.u[i] - self.v[pc];
        if reduced < self.shortest[pc] {
            if self.shortest[pc] == UNREACHED {
                self.reached_private.push(pc);
            }
            self.path[pc] = i;
            self.shortest[pc] = reduced;
        }
    }

    /// Updates the duals of everything the search settled.
    fn update_duals(&mut self, start: usize, min_val: i64) {
        self.u[start] += min_val;
        for &r in &self.touched_rows {
            if r != start {
                self.u[r] += min_val - self.shortest[self.col4row[r]];
            }
        }
        for &c in &self.touched_cols {
            self.v[c] -= min_val - self.shortest[c];
        }
    }

    /// Flips the augmenting path from `sink` back to `start`.
    fn augment(&mut self, start: usize, sink: usize) {
        let mut j = sink;
        loop {
            let r = self.path[j];
            self.row4col[j] = r;
            let previous = self.col4row[r];
            self.col4row[r] = j;
            if r == start {
                break;
            }
            j = previous;
        }
    }
}

/// Sum of the chosen cells.
pub fn total_cost(matrix: &CostMatrix<'_>, assignment: &[usize]) -> i64 {
    assignment
        .iter()
        .enumerate()
        .map(|(r, &c)| matrix.cells[r * matrix.cols + c])
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift64*), enough for test instances.
    pub(crate) struct Rng(u64);
    impl Rng {
        pub fn new(seed: u64) -> Self {
            Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
        }
        pub fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        pub fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// Every injective map of rows to columns, the minimum total (None if none).
    fn brute_force(m: &CostMatrix<'_>) -> Option<i64> {
        fn go(
            m: &CostMatrix<'_>,
            row: usize,
            used: &mut Vec<bool>,
            acc: i64,
            best: &mut Option<i64>,
        ) {
            if row == m.rows {
                *best = Some(best.map_or(acc, |b| b.min(acc)));
                return;
            }
            for c in 0..m.cols {
                let cost = m.cells[row * m.cols + c];
                if !used[c] && cost != FORBIDDEN {
                    used[c] = true;
                    go(m, row + 1, used, acc + cost, best);
                    used[c] = false;
                }
            }
        }
        let mut best = None;
        go(m, 0, &mut vec![false; m.cols], 0, &mut best);
        best
    }

    #[test]
    fn random_instances_match_brute_force() {
        let mut rng = Rng::new(7);
        for case in 0..3_000 {
            let rows = 1 + rng.below(6) as usize;
            let cols = rows + rng.below(3) as usize;
            let hi = [3, 10, 1_000][case % 3];
            let forbid = [0, 20, 60][(case / 3) % 3];
            let cells: Vec<i64> = (0..rows * cols)
                .map(|_| {
                    if (rng.below(100) as i64) < forbid {
                        FORBIDDEN
                    } else {
                        rng.below(hi) as i64 - (hi as i64) / 3
                    }
                })
                .collect();
            let m = CostMatrix {
                rows,
                cols,
                cells: &cells,
            };
            match (solve(&m), brute_force(&m)) {
                (Ok(a), Some(best)) => {
                    assert_eq!(total_cost(&m, &a), best, "case {case}: {cells:?}");
                    let mut seen = a.clone();
                    seen.sort_unstable();
                    seen.dedup();
                    assert_eq!(seen.len(), rows, "columns used once");
                    assert!(a
                        .iter()
                        .enumerate()
                        .all(|(r, &c)| cells[r * cols + c] != FORBIDDEN));
                    assert_eq!(solve(&m), Ok(a), "deterministic");
                }
                (Err(SolveError::Infeasible { .. }), None) => {}
                (got, want) => panic!("case {case}: solver {got:?}, brute force {want:?}"),
            }
        }
    }

    #[test]
    fn private_columns_match_brute_force_with_one_extra_column_per_row() {
        let mut rng = Rng::new(99);
        for case in 0..2_000 {
            let rows = 1 + rng.below(5) as usize;
            let cols = rng.below(5) as usize;
            let cells: Vec<i64> = (0..rows * cols)
                .map(|_| {
                    if rng.below(4) == 0 {
                        FORBIDDEN
                    } else {
                        rng.below(7) as i64 - 5
                    }
                })
                .collect();
            let private: Vec<i64> = (0..rows)
                .map(|_| {
                    if rng.below(5) == 0 {
                        FORBIDDEN
                    } else {
                        rng.below(3) as i64 - 1
                    }
                })
                .collect();
            // The same problem written out in full: row r's own column is cols + r.
            let wide = cols + rows;
            let mut full = vec![FORBIDDEN; rows * wide];
            for r in 0..rows {
                full[r * wide..r * wide + cols].copy_from_slice(&cells[r * cols..(r + 1) * cols]);
                full[r * wide + cols + r] = private[r];
            }
            let m = CostMatrix {
                rows,
                cols,
                cells: &cells,
            };
            let expanded = CostMatrix {
                rows,
                cols: wide,
                cells: &full,
            };
            match (solve_with_private(&m, &private), brute_force(&expanded)) {
                (Ok(a), Some(best)) => {
                    let total: i64 = a
                        .iter()
                        .enumerate()
                        .map(|(r, c)| c.map_or(private[r], |c| cells[r * cols + c]))
                        .sum();
                    assert_eq!(total, best, "case {case}");
                    let mut used: Vec<usize> = a.iter().flatten().copied().collect();
                    let n = used.len();
                    used.sort_unstable();
                    used.dedup();
                    assert_eq!(used.len(), n, "case {case}: a column used twice");
                }
                (Err(SolveError::Infeasible { .. }), None) => {}
                (got, want) => panic!("case {case}: solver {got:?}, brute force {want:?}"),
            }
        }
    }

    #[test]
    fn shapes_and_limits_are_refused_not_panicked() {
        let cells = [1, 2, 3];
        assert_eq!(
            solve(&CostMatrix {
                rows: 2,
                cols: 2,
                cells: &cells
            }),
            Err(SolveError::Shape)
        );
        let cells = [1, 2];
        assert_eq!(
            solve(&CostMatrix {
                rows: 2,
                cols: 1,
                cells: &cells
            }),
            Err(SolveError::MoreRowsThanColumns)
        );
        let cells = [1 << 60];
        assert_eq!(
            solve(&CostMatrix {
                rows: 1,
                cols: 1,
                cells: &cells
            }),
            Err(SolveError::CostTooLarge)
        );
        assert_eq!(
            solve(&CostMatrix {
                rows: 0,
                cols: 0,
                cells: &[]
            }),
            Ok(vec![])
        );
    }

    #[test]
    fn tie_heavy_square_matrices_are_solved_exactly() {
        let mut rng = Rng::new(11);
        let n = 60;
        let cells: Vec<i64> = (0..n * n).map(|_| rng.below(3) as i64).collect();
        let m = CostMatrix {
            rows: n,
            cols: n,
            cells: &cells,
        };
        let a = solve(&m).unwrap();
        // With 60 columns and costs 0–2, a perfect all-zero assignment exists
        // when the zero cells allow it; check against the dual bound instead:
        // no assignment can cost less than the sum of row minima.
        let lower: i64 = (0..n)
            .map(|r| *cells[r * n..(r + 1) * n].iter().min().unwrap())
            .sum();
        assert!(total_cost(&m, &a) >= lower);
        // And permuting any two rows' columns never lowers the total (2-opt optimality).
        let base = total_cost(&m, &a);
        for r1 in 0..n {
            for r2 in r1 + 1..n {
                let swapped = base - cells[r1 * n + a[r1]] - cells[r2 * n + a[r2]]
                    + cells[r1 * n + a[r2]]
                    + cells[r2 * n + a[r1]];
                assert!(swapped >= base);
            }
        }
    }
}
