"""The exploit tournament: can simple scripted play beat the built-in AI in its own seat?

Each scripted strategy (negotiator/tournament/strategies.py) plays one seat of each shipped scenario
against the AI in the others; each game is paired with the all-AI game on the same seed, and the seat's
score difference is reported as a mean with its 95% confidence interval and wins/ties/losses.
Also: difficulty comparisons (hard vs easy, normal vs easy, hard vs normal in the same seat),
personality comparisons, and the bluffs against hard opponents.

Targets (issue 8), at default settings:
- no strategy beats the AI in its seat: the interval's lower bound is at most 0;
- hard beats easy by at least 3 points in every seat;
- bluffs never gain against hard: with hard opponents, each bluff's mean difference is at most 0 (exactly 0,
  every game tied, where the AI itself makes the same commitments: see negotiator/engine/ai/commitments.py).

    python benchmarks/tournament.py [--seeds N] [--workers N] [--scenario PATH ...] [--only STRATEGY ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from negotiator.engine.ai import DIFFICULTIES, PERSONALITIES  # noqa: E402
from negotiator.scenario import load_scenario  # noqa: E402
from negotiator.tournament.runner import Comparison, Job, compare, default_workers, lineup, run_jobs  # noqa: E402
from negotiator.tournament.strategies import STRATEGIES  # noqa: E402

SCENARIOS = [ROOT / "scenarios" / "istanbul_talks.yaml", ROOT / "scenarios" / "tutorial.yaml"]
BLUFFS = ("bluff_all", "bluff_signed", "one_red_line")
PARTS = {
    "opponent model: basic": "beliefs=basic",
    "opponent model: none": "beliefs=none",
    "acceptance: AC_next": "acceptance=next",
    "levers: greedy": "levers=greedy",
    "levers: one turn ahead": "levers=linear",
    "pacing: nominal deadline": "pacing=nominal",
}
HARD_MARGIN = 3.0


def row(c: Comparison) -> str:
    w, t, lo = c.record
    return f"  {c.seat:<12} {c.label:<36} {c.mean:+7.2f}  [{c.low:+7.2f}, {c.high:+7.2f}]  {w:4d}/{t:3d}/{lo:4d}"


def header(title: str) -> str:
    return f"\n{title}\n  {'seat':<12} {'player':<36} {'mean':>7}  {'95% interval':^18}  {'W/T/L':>14}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=200, help="paired games per cell (default: %(default)s)")
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--scenario", action="append", help="scenario file(s); default: the shipped ones")
    parser.add_argument("--only", action="append", help="only these strategies (repeat, or separate with commas)")
    parser.add_argument("--no-extras", action="store_true", help="skip difficulty and personality comparisons")
    args = parser.parse_args()

    paths = [Path(p) for p in args.scenario] if args.scenario else SCENARIOS
    strategies = [name for group in args.only or [",".join(STRATEGIES)] for name in group.split(",") if name]
    unknown = [name for name in strategies if name not in STRATEGIES]
    if unknown:  # refused here, before any worker starts (a worker's KeyError came back as a traceback)
        parser.error(f"unknown strategy {', '.join(unknown)}; choose from: {', '.join(STRATEGIES)}")
    seeds = list(range(args.first_seed, args.first_seed + args.seeds))

    plan: list[tuple[str, str, str, tuple, tuple]] = []  # (section, scenario, seat, a, b) with label in a
    labels: dict[tuple, str] = {}
    for path in paths:
        scenario = load_scenario(path)
        sp = str(path)
        base = lineup()
        for actor in scenario.negotiators:
            seat = actor.id
            for name in strategies:
                a = lineup(**{seat: f"strategy:{name}"})
                plan.append(("exploits", sp, seat, a, base))
                labels[a] = name
            if args.no_extras:
                continue
            levels = {d: lineup(**{seat: f"ai:{d}"}) for d in DIFFICULTIES}
            for hi, lo in (("hard", "easy"), ("normal", "easy"), ("hard", "normal")):
                plan.append(("difficulty", sp, seat, levels[hi], levels[lo]))
                labels[levels[hi] + levels[lo]] = f"{hi} - {lo}"
            for p in PERSONALITIES:
                a = lineup(**{seat: f"ai:{p}:{actor.ai.difficulty}"})
                plan.append(("personality", sp, seat, a, base))
                labels[a] = f"{p} - default {actor.ai.personality}"
            # BOA parts, each benchmarked on its own: the hard AI with one part swapped for the weaker one (or,
            # for lever choice, for rollouts of the rules), against the hard AI itself.
            for part, spec in PARTS.items():
                a = lineup(**{seat: f"variant:{spec}"})
                plan.append(("parts (vs hard)", sp, seat, a, lineup(**{seat: "ai:hard"})))
                labels[a + lineup(**{seat: "ai:hard"})] = part
            others = {a.id: "ai:hard" for a in scenario.negotiators if a.id != seat}
            for name in BLUFFS:
                a = lineup(**others, **{seat: f"strategy:{name}"})
                plan.append(("bluffs vs hard", sp, seat, a, lineup(**others)))
                labels[a] = name

    jobs: list[Job] = [(sp, s, lu) for _, sp, _, a, b in plan for lu in (a, b) for s in seeds]
    start = time.perf_counter()
    cpu_start = time.process_time()
    results = run_jobs(jobs, workers=args.workers)
    wall = time.perf_counter() - start
    print(
        f"{len(results)} games ({len(seeds)} seeds per cell) in {wall:.1f} s with {args.workers} worker(s); "
        f"parent CPU {time.process_time() - cpu_start:.1f} s"
    )

    failures: list[str] = []
    sections: dict[str, list[Comparison]] = {}
    for section, sp, seat, a, b in plan:
        label = labels.get(a + b) or labels.get(a) or "?"
        c = compare(results, sp, seat, label, a, b, seeds)
        sections.setdefault(f"{section}: {Path(sp).stem}", []).append(c)
        if section == "exploits" and c.low > 0:
            failures.append(f"{c.scenario}/{seat}: {label} beats the AI ({c.mean:+.2f}, low {c.low:+.2f})")
        if section == "difficulty" and label == "hard - easy" and c.mean < HARD_MARGIN:
            failures.append(f"{c.scenario}/{seat}: hard - easy is {c.mean:+.2f} (< {HARD_MARGIN:g})")
        if section == "bluffs vs hard" and c.mean > 0:  # 0/N/0: the AI makes the same commitments itself
            failures.append(f"{c.scenario}/{seat}: {label} gains against hard ({c.mean:+.2f})")
    for title, comparisons in sections.items():
        print(header(title))
        for c in comparisons:
            print(row(c))
    print("\nTargets:")

    def verdict(marker: str) -> str:
        return "NOT met" if any(marker in f for f in failures) else "met"

    print(f"  no strategy beats the AI in its seat (low <= 0): {verdict('beats')}")
    if not args.no_extras:
        print(f"  hard beats easy by >= {HARD_MARGIN:g} in every seat: {verdict('hard - easy')}")
        print(f"  bluffs never gain against hard (lose, or tie where the AI commits alike): {verdict('gains against')}")
    for failure in failures:
        print(f"  - {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
