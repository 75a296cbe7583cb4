#!/usr/bin/env python3
"""Measure the peers that `make bench` puts beside Matchbook's assignment solver.

Matchbook's solver is only worth its code if it is at least as fast as what a
technical volunteer would otherwise reach for, measured on the same machine in
the same run (never against numbers remembered from another machine):

  matrices OUTDIR
      scipy.optimize.linear_sum_assignment, the solver call alone, on square
      int64 cost matrices from numpy.random.default_rng([20250101, n, HI]),
      n in 500/1000/2000, HI = 1,000,000 (distinct costs) and HI = 100 (many
      ties). Each matrix is written to OUTDIR/cost-{n}-{HI}.bin (raw
      little-endian int64, row-major, no header) so the Rust bench solves the
      very same matrices and can check its optimal total against scipy's.

  mentor-match [DATA_DIR]
      the PyPI package mentor-match 7.0.1, the matching core of the open-source
      jonodrew/mentor-match service, run the way that service runs it by
      default: three rounds of Munkres with the service's base rules and an
      unmatched bonus of 6, on its 500-mentor, 500-mentee sample data. Timed
      once, end to end, from reading the CSVs to the pairs. Without DATA_DIR,
      data of the same shape is generated with a fixed seed.

Each prints one JSON object on stdout; progress goes to stderr.
"""

import argparse
import csv
import json
import operator
import random
import statistics
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

try:
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    import matching.rules.rule as rl
    from matching import process
    from matching.mentee import Mentee
    from matching.mentor import Mentor
except ImportError as missing:
    print(
        f"bench_peers.py: {missing}.\n"
        "Install the peers first: pip install scipy numpy mentor-match==7.0.1",
        file=sys.stderr,
    )
    sys.exit(3)

SEED = 20250101
SIZES = (500, 1000, 2000)
HIGHS = (1_000_000, 100)
DEFAULT_DATA_DIR = Path("/work/shared/peer-data/mentor-match-large")

# The service's grade ladder, lowest first; the library wants grades as ints.
GRADES = ["AA", "AO", "EO", "HEO", "SEO", "Grade 7", "Grade 6",
          "SCS1", "SCS2", "SCS3", "SCS4"]
ORGANISATIONS = [f"Department of {name}"
                 for name in ("Fun", "Truth", "Joy", "Love", "Virtue", "Peace")]
PROFESSIONS = ["Policy", "DDaT", "Operations", "HR", "Security"]
IDENTITIES = ["Asexual or aromantic", "Gay", "Lesbian", "Bisexual or pansexual",
              "Transgender", "Non-binary"]
SAMPLE_SIZE = 500
UNMATCHED_BONUS = 6  # the service's default
ROUNDS = 3


def log(message):
    print(message, file=sys.stderr, flush=True)


# --- scipy on random cost matrices ------------------------------------------


def cost_matrix(n, hi):
    return np.random.default_rng([SEED, n, hi]).integers(0, hi + 1, (n, n))


def time_scipy(cost, runs):
    """Median milliseconds of the solver call alone, and the optimal total."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        rows, cols = linear_sum_assignment(cost)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), int(cost[rows, cols].sum())


def bench_matrices(outdir):
    outdir.mkdir(parents=True, exist_ok=True)
    cases = []
    for n in SIZES:
        for hi in HIGHS:
            cost = cost_matrix(n, hi)
            assert cost.dtype == np.int64
            name = f"cost-{n}-{hi}.bin"
            cost.astype("<i8", copy=False).tofile(outdir / name)
            scipy_ms, total = time_scipy(cost, runs=3 if n >= 2000 else 5)
            log(f"scipy n={n} hi={hi}: {scipy_ms:.1f} ms, total {total}")
            cases.append({"n": n, "hi": hi, "file": name,
                          "scipy_ms": round(scipy_ms, 2), "total": total})
    return {"cases": cases}


# --- mentor-match on its sample data ----------------------------------------


def library_fields(row):
    """The CSV row with the fields the library reads under the names it expects,
    as the service's CSPerson maps them."""
    return {**row, "grade": GRADES.index(row["grade"]),
            "email": row["email address"], "role": row["job title"]}


class SampleMentor(Mentor):
    """A mentor from the service's mentors.csv, as its CSMentor reads one."""

    def __init__(self, **row):
        self.characteristics = row.get("characteristics", "").split(", ")
        super().__init__(**library_fields(row))

    @property
    def current_profession(self):
        return self.profession


class SampleMentee(Mentee):
    """A mentee from the service's mentees.csv, as its CSMentee reads one."""

    def __init__(self, **row):
        self.characteristic = row.get("identity to match")
        super().__init__(**library_fields(row))

    @property
    def target_profession(self):
        return self.profession


def service_rules():
    """The service's base rules (app/helpers.py base_rules) plus its default
    unmatched bonus, as async_process_data builds them for each round."""
    return [
        rl.Disqualify(lambda m: m.mentee.organisation == m.mentor.organisation),
        rl.Disqualify(rl.Grade(target_diff=2, logical_operator=operator.gt).evaluate),
        rl.Disqualify(rl.Grade(target_diff=0, logical_operator=operator.le).evaluate),
        rl.Disqualify(lambda m: m.mentee in m.mentor.mentees),
        rl.Grade(2, operator.eq, {True: 12, False: 0}),
        rl.Grade(1, operator.eq, {True: 9, False: 0}),
        rl.Generic({True: 10, False: 0},
                   lambda m: m.mentee.target_profession == m.mentor.current_profession),
        rl.Generic({True: 6, False: 0},
                   lambda m: m.mentee.characteristic in m.mentor.characteristics
                   and m.mentee.characteristic != ""),
        rl.UnmatchedBonus(UNMATCHED_BONUS),
    ]


def sample_rows(role, rng):
    """Rows shaped like the service's sample data (sample_data/large)."""
    rows = []
    for i in range(SAMPLE_SIZE):
        number = f"{i:03d}"
        row = {
            "first name": role,
            "last name": number,
            "email address": f"{role}.{number}@gov.uk",
            "both mentor and mentee": rng.choice(["yes", "no"]),
            "job title": "Some role",
            # Mentors sit at EO or above, mentees at SCS2 or below.
            "grade": rng.choice(GRADES[2:] if role == "mentor" else GRADES[:-2]),
            "organisation": rng.choice(ORGANISATIONS),
            "profession": rng.choice(PROFESSIONS),
        }
        if role == "mentor":
            several = ", ".join(rng.sample(IDENTITIES, rng.randint(1, 3)))
            identity = rng.choice(["", several])
            row["characteristics"] = identity
        else:
            row["match with similar identity"] = rng.choice(["yes", "no"])
            identity = rng.choice([""] + IDENTITIES)
            row["identity to match"] = identity
        row["biography"] = (
            f"My name is {role} {number}. I am a {row['grade']}. I am in the "
            f"{row['organisation']}, in the {row['profession']} profession. "
            f"My characteristics is/are {identity}. "
        )
        rows.append(row)
    return rows


def write_sample_data(folder):
    rng = random.Random(SEED)
    for role in ("mentor", "mentee"):
        rows = sample_rows(role, rng)
        with open(folder / f"{role}s.csv", "w", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)


def run_mentor_match(data_dir):
    """Seconds from reading the CSVs to the pairs, and the counts."""
    start = time.perf_counter()
    mentors = process.create_participant_list_from_path(SampleMentor, data_dir)
    mentees = process.create_participant_list_from_path(SampleMentee, data_dir)
    process.process_data(mentors, mentees, [service_rules() for _ in range(ROUNDS)])
    seconds = time.perf_counter() - start
    pairs = sum(len(mentee.mentors) for mentee in mentees)
    return {"seconds": round(seconds, 3), "pairs": pairs,
            "mentors": len(mentors), "mentees": len(mentees)}


def bench_mentor_match(data_dir):
    log(f"mentor-match {metadata.version('mentor-match')}, "
        f"munkres {metadata.version('munkres')}")
    if data_dir.is_dir():
        log(f"mentor-match on {data_dir}")
        return run_mentor_match(data_dir)
    log(f"{data_dir} not found: generating {SAMPLE_SIZE} + {SAMPLE_SIZE} "
        "participants of the same shape")
    with tempfile.TemporaryDirectory() as folder:
        write_sample_data(Path(folder))
        return run_mentor_match(Path(folder))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    matrices = commands.add_parser("matrices", help="scipy on random cost matrices")
    matrices.add_argument("outdir", type=Path)
    mentor_match = commands.add_parser("mentor-match",
                                       help="mentor-match on its sample data")
    mentor_match.add_argument("data_dir", type=Path, nargs="?", default=DEFAULT_DATA_DIR)
    args = parser.parse_args()

    if args.command == "matrices":
        result = bench_matrices(args.outdir)
    else:
        result = bench_mentor_match(args.data_dir)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
