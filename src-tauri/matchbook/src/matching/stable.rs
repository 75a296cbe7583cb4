//! "No one would trade": participant-proposing deferred acceptance (Gale
//! and Shapley) with mentor capacities. Each participant asks the mentors
//! they prefer, in order; a mentor holds the participants they prefer up to
//! their places and lets the others go, who ask their next mentor. The
//! result is stable: no participant and mentor both prefer each other to
//! what they got; and among stable matchings it is the best for every
//! participant (tested against brute force over every matching).
//!
//! Pure: preferences in, partners out. Who prefers whom (stated choices
//! first, then scores: `Problem::participant_key`) is decided by the caller.

/// Everyone's preferences: a participant lists the mentors they would
/// accept, best first; a mentor ranks participants (lower is preferred,
/// `None` for one they would not accept).
pub struct Market {
    pub participant_prefs: Vec<Vec<usize>>,
    /// Mentor → participant → rank.
    pub mentor_rank: Vec<Vec<Option<u32>>>,
    /// Places each mentor has.
    pub capacity: Vec<u32>,
}

impl Market {
    fn accepts(&self, m: usize, p: usize) -> bool {
        self.mentor_rank[m][p].is_some()
    }

    fn rank(&self, m: usize, p: usize) -> u32 {
        self.mentor_rank[m][p].unwrap_or(u32::MAX)
    }
}

/// The market of the participants `rows` (by their number in the problem)
/// and every mentor with `left` places: a participant prefers mentors by
/// `participant_key(p, m)`, a mentor participants by `mentor_key(p, m)`
/// (lower first; the caller puts stated choices before scores), ties broken
/// by the list's order; pairs not `allowed` are acceptable to neither.
/// Participants are the market's rows in the order given.
pub fn market_by_preference<K: Ord>(
    rows: &[usize],
    left: &[u32],
    participant_key: impl Fn(usize, usize) -> K,
    mentor_key: impl Fn(usize, usize) -> K,
    allowed: impl Fn(usize, usize) -> bool,
) -> Market {
    let nm = left.len();
    let participant_prefs = rows
        .iter()
        .map(|&p| {
            let mut mentors: Vec<(K, usize)> = (0..nm)
                .filter(|&m| allowed(p, m) && left[m] > 0)
                .map(|m| (participant_key(p, m), m))
                .collect();
            mentors.sort();
            mentors.into_iter().map(|(_, m)| m).collect()
        })
        .collect();
    let mentor_rank = (0..nm)
        .map(|m| {
            let mut order: Vec<(K, usize, usize)> = (0..rows.len())
                .filter(|&i| allowed(rows[i], m))
                .map(|i| (mentor_key(rows[i], m), rows[i], i))
                .collect();
            order.sort();
            let mut rank = vec![None; rows.len()];
            for (r, &(_, _, i)) in order.iter().enumerate() {
                rank[i] = Some(r as u32);
            }
            rank
        })
        .collect();
    Market {
        participant_prefs,
        mentor_rank,
        capacity: left.to_vec(),
    }
}

/// Each participant's mentor, `None` for one no acceptable mentor kept.
pub fn deferred_acceptance(market: &Market) -> Vec<Option<usize>> {
    let np = market.participant_prefs.len();
    let nm = market.capacity.len();
    let mut next = vec![0usize; np];
    let mut held: Vec<Vec<usize>> = vec![Vec::new(); nm];
    let mut partner: Vec<Option<usize>> = vec![None; np];
    let mut free: Vec<usize> = (0..np).rev().collect();
    while let Some(p) = free.pop() {
        let prefs = &market.participant_prefs[p];
        while next[p] < prefs.len() {
            let m = prefs[next[p]];
            next[p] += 1;
            if m >= nm || market.capacity[m] == 0 || !market.accepts(m, p) {
                continue;
            }
            let holding = &mut held[m];
            if (holding.len() as u32) < market.capacity[m] {
                holding.push(p);
                partner[p] = Some(m);
                break;
            }
            // Full: the least preferred of those held and the newcomer leaves.
            let (worst_at, &worst) = holding
                .iter()
                .enumerate()
                .max_by_key(|&(_, &q)| market.rank(m, q))
                .expect("a full mentor holds someone");
            if market.rank(m, p) < market.rank(m, worst) {
                holding[worst_at] = p;
                partner[p] = Some(m);
                partner[worst] = None;
                free.push(worst);
                break;
            }
        }
    }
    partner
}

/// Every participant and mentor who would both rather be together than
/// with what they have: the participant ranks the mentor above their own
/// (or has none), and the mentor accepts them and has a free place or
/// holds someone they rank lower. (Checked against every result in tests;
/// the quality panel counts pairs who would rather swap from the problem.)
#[cfg(test)]
pub fn blocking_pairs(market: &Market, partner: &[Option<usize>]) -> Vec<(usize, usize)> {
    let nm = market.capacity.len();
    let mut held: Vec<Vec<usize>> = vec![Vec::new(); nm];
    for (p, m) in partner.iter().enumerate() {
        if let Some(m) = *m {
            held[m].push(p);
        }
    }
    let mut out = Vec::new();
    for (p, prefs) in market.participant_prefs.iter().enumerate() {
        let now = partner[p].and_then(|m| prefs.iter().position(|&x| x == m));
        let better = &prefs[..now.unwrap_or(prefs.len())];
        for &m in better {
            if m >= nm || market.capacity[m] == 0 || !market.accepts(m, p) {
                continue;
            }
            let room = (held[m].len() as u32) < market.capacity[m];
            let prefers = held[m]
                .iter()
                .any(|&q| market.rank(m, p) < market.rank(m, q));
            if room || prefers {
                out.push((p, m));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so failures repeat.
    struct Dice(u64);
    impl Dice {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    fn random_market(dice: &mut Dice) -> Market {
        let np = 1 + dice.below(7);
        let nm = 1 + dice.below(4);
        // Forbidden pairs: neither side accepts them.
        let forbidden: Vec<Vec<bool>> = (0..np)
            .map(|_| (0..nm).map(|_| dice.below(5) == 0).collect())
            .collect();
        let shuffled = |n: usize, dice: &mut Dice| {
            let mut v: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                v.swap(i, dice.below(i + 1));
            }
            v
        };
        let participant_prefs = (0..np)
            .map(|p| {
                shuffled(nm, dice)
                    .into_iter()
                    .filter(|&m| !forbidden[p][m])
                    .collect()
            })
            .collect();
        let mentor_rank = (0..nm)
            .map(|m| {
                let order = shuffled(np, dice);
                let mut rank = vec![None; np];
                for (r, &p) in order.iter().enumerate() {
                    if !forbidden[p][m] {
                        rank[p] = Some(r as u32);
                    }
                }
                rank
            })
            .collect();
        let capacity = (0..nm).map(|_| dice.below(3) as u32).collect();
        Market {
            participant_prefs,
            mentor_rank,
            capacity,
        }
    }

    /// Every matching that respects acceptability and capacities.
    fn every_matching(market: &Market) -> Vec<Vec<Option<usize>>> {
        let np = market.participant_prefs.len();
        let mut all = Vec::new();
        let mut current = vec![None; np];
        let mut load = vec![0u32; market.capacity.len()];
        fn walk(
            p: usize,
            market: &Market,
            current: &mut Vec<Option<usize>>,
            load: &mut Vec<u32>,
            all: &mut Vec<Vec<Option<usize>>>,
        ) {
            if p == current.len() {
                all.push(current.clone());
                return;
            }
            walk(p + 1, market, current, load, all);
            for &m in &market.participant_prefs[p] {
                if market.accepts(m, p) && load[m] < market.capacity[m] {
                    load[m] += 1;
                    current[p] = Some(m);
                    walk(p + 1, market, current, load, all);
                    current[p] = None;
                    load[m] -= 1;
                }
            }
        }
        walk(0, market, &mut current, &mut load, &mut all);
        all
    }

    #[test]
    fn deferred_acceptance_is_stable_and_best_for_participants_against_brute_force() {
        let mut dice = Dice(0x5EED_1234_9876);
        for case in 0..400 {
            let market = random_market(&mut dice);
            let got = deferred_acceptance(&market);
            // Acceptable and within capacity.
            let mut load = vec![0u32; market.capacity.len()];
            for (p, m) in got.iter().enumerate() {
                if let Some(m) = *m {
                    assert!(market.participant_prefs[p].contains(&m) && market.accepts(m, p));
                    load[m] += 1;
                }
            }
            assert!(
                load.iter().zip(&market.capacity).all(|(l, c)| l <= c),
                "case {case}"
            );
            assert!(
                blocking_pairs(&market, &got).is_empty(),
                "case {case}: {got:?}"
            );
            // No stable matching gives any participant a mentor they prefer.
            let position = |p: usize, m: Option<usize>| {
                m.and_then(|m| market.participant_prefs[p].iter().position(|&x| x == m))
                    .unwrap_or(usize::MAX)
            };
            for other in every_matching(&market) {
                if blocking_pairs(&market, &other).is_empty() {
                    for p in 0..got.len() {
                        assert!(
                            position(p, got[p]) <= position(p, other[p]),
                            "case {case}: participant {p} does better in {other:?} than {got:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_blocking_pair_is_found_where_both_would_trade() {
        // Two participants, two mentors, both prefer the crossed pairs.
        let market = Market {
            participant_prefs: vec![vec![1, 0], vec![0, 1]],
            mentor_rank: vec![vec![Some(1), Some(0)], vec![Some(0), Some(1)]],
            capacity: vec![1, 1],
        };
        let crossed_out = vec![Some(0), Some(1)];
        assert_eq!(blocking_pairs(&market, &crossed_out), vec![(0, 1), (1, 0)]);
        assert!(blocking_pairs(&market, &deferred_acceptance(&market)).is_empty());
    }
}
