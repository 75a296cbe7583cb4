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

    // Columns 0..nc are shared; column nc + r belongs to row r alone.
    let all = nc + nr;
    let mut u = vec![0i64; nr];
    let mut v = vec![0i64; all];
    let mut shortest = vec![UNREACHED; all];
    let mut path = vec![NONE; all];
    let mut col4row = vec![NONE; nr];
    let mut row4col = vec![NONE; all];
    let mut remaining = vec![0usize; nc];
    let mut settled_private = vec![false; nr];
    let mut reached_private: Vec<usize> = Vec::with_capacity(nr);
    let mut touched_rows: Vec<usize> = Vec::with_capacity(nr);
    let mut touched_cols: Vec<usize> = Vec::with_capacity(all);

    for start in 0..nr {
        // Dijkstra from `start` over reduced costs until a free column is reached.
        for (k, slot) in remaining.iter_mut().enumerate() {
            // Reverse order, as scipy does, so ties resolve the same way.
            *slot = nc - 1 - k;
        }
        let mut num_remaining = nc;
        shortest[..nc].fill(UNREACHED);
        for &pc in &reached_private {
            shortest[pc] = UNREACHED;
            settled_private[pc - nc] = false;
        }
        reached_private.clear();
        touched_rows.clear();
        touched_cols.clear();
        let mut min_val = 0i64;
        let mut i = start;
        let sink = loop {
            touched_rows.push(i);
            let row = &matrix.cells[i * nc..(i + 1) * nc];
            let ui = u[i];
            let mut lowest = UNREACHED;
            let mut index = NONE;
            for (it, &j) in remaining[..num_remaining].iter().enumerate() {
                let c = row[j];
                if c != FORBIDDEN {
                    let reduced = min_val + c - ui - v[j];
                    if reduced < shortest[j] {
                        path[j] = i;
                        shortest[j] = reduced;
                    }
                }
                let s = shortest[j];
                // Prefer a free column on ties: it ends the search sooner.
                if s < lowest || (s == lowest && s < UNREACHED && row4col[j] == NONE) {
                    lowest = s;
                    index = it;
                }
            }
            // The row's own column, reachable from this row only.
            if private[i] != FORBIDDEN {
                let pc = nc + i;
                let reduced = min_val + private[i] - ui - v[pc];
                if reduced < shortest[pc] {
                    if shortest[pc] == UNREACHED {
                        reached_private.push(pc);
                    }
                    path[pc] = i;
                    shortest[pc] = reduced;
                }
            }
            let mut chosen = if index == NONE {
                NONE
            } else {
                remaining[index]
            };
            for &pc in &reached_private {
                if settled_private[pc - nc] {
                    continue;
                }
                let s = shortest[pc];
                if s < lowest || (s == lowest && s < UNREACHED && row4col[pc] == NONE) {
                    lowest = s;
                    chosen = pc;
                }
            }
            if chosen == NONE || lowest >= UNREACHED {
                return Err(SolveError::Infeasible { row: start });
            }
            min_val = lowest;
            touched_cols.push(chosen);
            if chosen >= nc {
                settled_private[chosen - nc] = true;
            } else {
                num_remaining -= 1;
                remaining[index] = remaining[num_remaining];
            }
            if row4col[chosen] == NONE {
                break chosen;
            }
            i = row4col[chosen];
        };

        // Update the duals of everything the search settled.
        u[start] += min_val;
        for &r in &touched_rows {
            if r != start {
                u[r] += min_val - shortest[col4row[r]];
            }
        }
        for &c in &touched_cols {
            v[c] -= min_val - shortest[c];
        }

        // Flip the augmenting path.
        let mut j = sink;
        loop {
            let r = path[j];
            row4col[j] = r;
            let previous = col4row[r];
            col4row[r] = j;
            if r == start {
                break;
            }
            j = previous;
        }
    }
    Ok(col4row.into_iter().map(|c| (c < nc).then_some(c)).collect())
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
