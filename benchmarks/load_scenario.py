"""Time to load and validate the built-in scenario (target: under 50 ms on one core).

Usage: python benchmarks/load_scenario.py [--runs N] [PATH]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from negotiator.scenario import load_scenario  # noqa: E402

TARGET_MS = 50.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(ROOT / "scenarios" / "istanbul_talks.yaml"))
    parser.add_argument("--runs", type=int, default=30, help="number of timed runs (default 30)")
    args = parser.parse_args()
    load_scenario(args.path)  # warm-up: imports, pydantic schema build
    times = []
    for _ in range(max(1, args.runs)):
        start = time.perf_counter()
        load_scenario(args.path)
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    verdict = "under" if median < TARGET_MS else "OVER"
    print(
        f"{args.path}: median {median:.2f} ms over {len(times)} runs (min {min(times):.2f}, max {max(times):.2f}); "
        f"{verdict} the {TARGET_MS:.0f} ms target"
    )
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
