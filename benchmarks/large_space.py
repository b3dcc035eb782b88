"""Outcome spaces of growing size (issue 10, "beyond enumeration"): what the validator says, and what a game and
an analysis cost there.

For each synthetic scenario (3 parties, every party signs every issue; benchmarks/engine.py builds them):
- what `validate` reports (ok, a warning, or an error) and its first words;
- if it validates: building the utility model (CPU s; per-package tables come on first use), the AI's
  decisions in two games (median and p95 ms), `analyze` (CPU s and peak MB of allocations) and the
  process's largest resident size so far.

Targets (issue 10): a warning above 100,000 packages and an error above what the engine can play; a
10-issue x 5-option scenario (9,765,625 packages) plays with decisions under 10 ms median and `analyze`
finishes in seconds under 500 MB. Each is printed as met or NOT met; the exit code is 0 either way.

    python benchmarks/large_space.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.engine import play_timed, synthetic
from negotiator.engine.analysis import analyze
from negotiator.engine.utility import utility_model
from negotiator.scenario import ScenarioError, load_scenario_text
from negotiator.scenario.models import Scenario

SIZES = [(6, 4), (8, 4), (5, 10), (6, 8), (10, 5), (12, 4)]


def validate(scenario: Scenario) -> tuple[str, str]:
    """What `validate` says: ("ok" | "warning" | "error", first message)."""
    text = json.dumps(scenario.model_dump(mode="json", exclude_none=True))
    warnings: list = []
    try:
        load_scenario_text(text, "synthetic.yaml", warnings)
    except ScenarioError as exc:
        return "error", exc.problems[0].message
    size = [w.message for w in warnings if "packages" in w.message]
    return ("warning", size[0]) if size else ("ok", "")


def measure(issues: int, options: int) -> dict[str, object]:
    scenario = synthetic(issues, options, 3, seed=issues * 100 + options)
    verdict, message = validate(scenario)
    row: dict[str, object] = {"packages": options**issues, "validate": verdict, "message": message}
    if verdict == "error":
        return row
    start = time.process_time()
    model = utility_model(scenario)
    row["model_s"] = time.process_time() - start
    times, _, _, _ = play_timed(scenario.model_copy(), 2, 1)
    decisions = sorted(t * 1000 for ts in times.values() for t in ts)
    row["median_ms"] = statistics.median(decisions)
    row["p95_ms"] = decisions[int(0.95 * (len(decisions) - 1))]
    tracemalloc.start()
    start = time.process_time()
    analyze(model)
    row["analyze_s"] = time.process_time() - start
    row["analyze_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    row["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the small sizes only")
    args = parser.parse_args()
    sizes = SIZES[:2] if args.quick else SIZES
    print(
        f"{'issues':>6} {'options':>7} {'packages':>10} {'validate':>8} {'model s':>8} {'median ms':>9} "
        f"{'p95 ms':>7} {'analyze s':>9} {'peak MB':>8} {'max RSS':>8}"
    )
    rows = {}
    for issues, options in sizes:
        row = rows[(issues, options)] = measure(issues, options)

        def cell(key: str, width: int, fmt: str, row: dict[str, object] = row) -> str:
            value = row.get(key)
            return f"{value:{width}{fmt}}" if isinstance(value, float) else f"{'-':>{width}}"

        print(
            f"{issues:>6} {options:>7} {row['packages']:>10,} {row['validate']:>8} {cell('model_s', 8, '.2f')} "
            f"{cell('median_ms', 9, '.2f')} {cell('p95_ms', 7, '.2f')} {cell('analyze_s', 9, '.2f')} "
            f"{cell('analyze_mb', 8, '.0f')} {cell('rss_mb', 8, '.0f')}"
        )
        if row["message"]:
            print(f"{'':>6} {row['message']}")
    over = [r for r in rows.values() if int(r["packages"]) > 100_000]  # type: ignore[call-overload]
    warned = all(r["validate"] != "ok" for r in over)
    print(f"\nwarning or error above 100,000 packages: {'met' if warned else 'NOT met'}")
    big = rows.get((10, 5))
    if big is not None:
        plays = big["validate"] != "error"
        fast = plays and float(big.get("median_ms", 1e9)) <= 10  # type: ignore[arg-type]
        small = plays and float(big.get("analyze_mb", 1e9)) < 500 and float(big.get("analyze_s", 1e9)) < 10  # type: ignore[arg-type]
        print(
            f"10 x 5 (9,765,625 packages) plays: {'met' if plays else 'NOT met'}; decisions median <= 10 ms: "
            f"{'met' if fast else 'NOT met'}; analyze in seconds under 500 MB: {'met' if small else 'NOT met'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
