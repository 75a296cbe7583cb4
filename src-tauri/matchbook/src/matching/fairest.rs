//! "Raise the weakest pair first": the highest floor such that pairs scoring
//! at least that much can still match as many participants as the highest
//! total does (a bottleneck assignment). The floor is found by a binary
//! search over the distinct pair scores; each step asks only whether enough
//! participants can be matched at all, which a maximum matching answers in
//! a fraction of a full solve. The solver then runs once above the floor.

use super::problem::Problem;

const UNSEEN: u32 = u32::MAX;
const NOBODY: u32 = u32::MAX;

/// The highest score `f` such that participants `rows` can be matched, at
/// least `need` of them, to mentors with places `left` using only allowed
/// pairs scoring `f` or more. `need` must be achievable with every allowed
/// pair (the highest-total solution shows it is).
pub(super) fn highest_floor(problem: &Problem, rows: &[usize], left: &[u32], need: usize) -> i64 {
    let nm = problem.mentors.len();
    // Each participant's allowed mentors with room, best first: the pairs
    // at or above any floor are then a prefix of the list.
    let options: Vec<Vec<(i64, u32)>> = rows
        .iter()
        .map(|&p| {
            let mut list: Vec<(i64, u32)> = (0..nm)
                .filter(|&m| left[m] > 0 && problem.cell(p, m).forbidden.is_none())
                .map(|m| (problem.cell(p, m).total_tenths(), m as u32))
                .collect();
            list.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            list
        })
        .collect();
    // No floor can be above the need-th best of the participants' best pairs.
    let mut bests: Vec<i64> = options
        .iter()
        .filter_map(|list| list.first().map(|o| o.0))
        .collect();
    bests.sort_unstable_by(|a, b| b.cmp(a));
    let Some(&ceiling) = bests.get(need.saturating_sub(1)) else {
        return i64::MIN;
    };
    let mut floors: Vec<i64> = options
        .iter()
        .flatten()
        .map(|o| o.0)
        .filter(|&s| s <= ceiling)
        .collect();
    floors.sort_unstable();
    floors.dedup();
    if floors.is_empty() {
        return i64::MIN;
    }
    // floors[lo] is feasible (the lowest uses every pair); floors[hi + 1..] are not.
    let (mut lo, mut hi) = (0, floors.len() - 1);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if maximum_matching(&options, floors[mid], left, need) >= need {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    floors[lo]
}

/// The size of a largest matching (stopping early at `need`) of
/// participants to mentors with `capacity` places each, using only the
/// options scoring `floor` or more: Hopcroft–Karp, with a mentor's places
/// treated as interchangeable copies.
pub(super) fn maximum_matching(
    options: &[Vec<(i64, u32)>],
    floor: i64,
    capacity: &[u32],
    need: usize,
) -> usize {
    let allowed: Vec<&[(i64, u32)]> = options
        .iter()
        .map(|list| &list[..list.partition_point(|o| o.0 >= floor)])
        .collect();
    let mut graph = Matching {
        allowed,
        capacity,
        mentor_of: vec![NOBODY; options.len()],
        mentees: vec![Vec::new(); capacity.len()],
        layer: vec![UNSEEN; options.len()],
    };
    let mut matched = 0;
    // A greedy start: each participant takes their best mentor with room.
    for row in 0..options.len() {
        if let Some(&(_, m)) = graph.allowed[row].iter().find(|o| graph.has_room(o.1)) {
            graph.assign(row, m);
            matched += 1;
        }
    }
    while matched < need && graph.layer_from_free_rows() {
        for row in 0..options.len() {
            if graph.mentor_of[row] == NOBODY && graph.augment(row) {
                matched += 1;
            }
        }
    }
    matched
}

struct Matching<'a> {
    allowed: Vec<&'a [(i64, u32)]>,
    capacity: &'a [u32],
    mentor_of: Vec<u32>,
    mentees: Vec<Vec<u32>>,
    /// Breadth-first layer of each participant in this phase.
    layer: Vec<u32>,
}

impl Matching<'_> {
    fn has_room(&self, m: u32) -> bool {
        (self.mentees[m as usize].len() as u32) < self.capacity[m as usize]
    }

    fn assign(&mut self, row: usize, m: u32) {
        let old = self.mentor_of[row];
        if old != NOBODY {
            self.mentees[old as usize].retain(|&r| r as usize != row);
        }
        self.mentor_of[row] = m;
        self.mentees[m as usize].push(row as u32);
    }

    /// Layers the participants by their distance from an unmatched one;
    /// true when some mentor with room can be reached.
    fn layer_from_free_rows(&mut self) -> bool {
        let mut queue = Vec::with_capacity(self.layer.len());
        for (row, layer) in self.layer.iter_mut().enumerate() {
            if self.mentor_of[row] == NOBODY {
                *layer = 0;
                queue.push(row);
            } else {
                *layer = UNSEEN;
            }
        }
        let mut reached_room = false;
        let mut next = 0;
        while next < queue.len() {
            let row = queue[next];
            next += 1;
            for &(_, m) in self.allowed[row] {
                if self.has_room(m) {
                    reached_room = true;
                    continue;
                }
                for &other in &self.mentees[m as usize] {
                    let other = other as usize;
                    if self.layer[other] == UNSEEN {
                        self.layer[other] = self.layer[row] + 1;
                        queue.push(other);
                    }
                }
            }
        }
        reached_room
    }

    /// Finds an augmenting path from `row` along the layers and flips it.
    fn augment(&mut self, row: usize) -> bool {
        let allowed = self.allowed[row];
        for &(_, m) in allowed {
            if self.has_room(m) {
                self.assign(row, m);
                return true;
            }
            let mut k = 0;
            // A failed search changes nothing, so the list can be walked by index.
            while k < self.mentees[m as usize].len() {
                let other = self.mentees[m as usize][k] as usize;
                if self.layer[other] == self.layer[row].wrapping_add(1) && self.augment(other) {
                    self.assign(row, m);
                    return true;
                }
                k += 1;
            }
        }
        self.layer[row] = UNSEEN;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Largest matching by trying every choice (tiny instances only).
    fn brute_force(options: &[Vec<(i64, u32)>], floor: i64, capacity: &[u32]) -> usize {
        fn go(options: &[Vec<(i64, u32)>], floor: i64, left: &mut [u32], row: usize) -> usize {
            if row == options.len() {
                return 0;
            }
            let mut best = go(options, floor, left, row + 1);
            for &(s, m) in &options[row] {
                if s >= floor && left[m as usize] > 0 {
                    left[m as usize] -= 1;
                    best = best.max(1 + go(options, floor, left, row + 1));
                    left[m as usize] += 1;
                }
            }
            best
        }
        go(options, floor, &mut capacity.to_vec(), 0)
    }

    #[test]
    fn maximum_matchings_with_capacities_match_brute_force() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut below = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..3000 {
            let rows = 1 + below(7) as usize;
            let mentors = 1 + below(4) as usize;
            let capacity: Vec<u32> = (0..mentors).map(|_| below(3) as u32).collect();
            let options: Vec<Vec<(i64, u32)>> = (0..rows)
                .map(|_| {
                    let mut list = Vec::new();
                    for m in 0..mentors as u32 {
                        if below(3) != 0 {
                            list.push((below(5) as i64 * 10, m));
                        }
                    }
                    list.sort_unstable_by_key(|o| std::cmp::Reverse(o.0));
                    list
                })
                .collect();
            for floor in [0, 10, 20, 30, 40, 50] {
                assert_eq!(
                    maximum_matching(&options, floor, &capacity, usize::MAX),
                    brute_force(&options, floor, &capacity),
                    "{options:?} {capacity:?} floor {floor}"
                );
            }
        }
    }
}
