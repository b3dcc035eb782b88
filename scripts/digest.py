"""One hash over many AI games: a change that should not alter play must leave it unchanged.

Plays 40 seeds of each shipped scenario at the default AIs and 20 more with every role at easy and at hard, and
prints a 16-hex digest of the final-state hashes. Run it before and after a refactor or a speed-up; a different
digest means the games changed. Usage: python scripts/digest.py [--games N]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from negotiator.engine.players import AISpec  # noqa: E402
from negotiator.engine.simulate import run_games  # noqa: E402
from negotiator.scenario.loader import load_scenario  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=40, help="default-AI games per scenario (graded: half)")
    args = parser.parse_args()
    hashes: list[str] = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = load_scenario(path)
        hashes += [r.state_hash for r in run_games(scenario, path, args.games, seed=1)]
        for level in ("easy", "hard"):
            overrides = {a.id: AISpec(difficulty=level) for a in scenario.negotiators}
            hashes += [r.state_hash for r in run_games(scenario, path, args.games // 2, seed=101, overrides=overrides)]
    print(hashlib.sha256("".join(hashes).encode()).hexdigest()[:16], f"({len(hashes)} games)")


if __name__ == "__main__":
    main()
