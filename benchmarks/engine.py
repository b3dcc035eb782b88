"""Engine speed: AI-vs-AI games per second on the built-in scenario (one core and with worker processes),
and how long one AI decision takes. Targets (issue 3): a whole game under 5 ms (200+ games/s on one core)
and an AI decision under 10 ms, so the front end never waits.

    python benchmarks/engine.py [--games N] [--workers N] [--scenario PATH]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from negotiator.engine import new_game, view  # noqa: E402
from negotiator.engine.players import make_ais  # noqa: E402
from negotiator.engine.simulate import run_games  # noqa: E402
from negotiator.scenario import load_scenario  # noqa: E402

GAME_TARGET_MS = 5.0
DECISION_TARGET_MS = 10.0


def decision_times(scenario_path: Path, games: int, seed: int) -> tuple[list[float], list[float]]:
    """Per-decision times (AI `decide` only) and per-game times (everything: decide, view, apply)."""
    scenario = load_scenario(scenario_path)
    decisions: list[float] = []
    per_game: list[float] = []
    for index in range(games):
        start_game = time.perf_counter()
        state = new_game(scenario, seed + index)
        ais = make_ais(scenario, seed + index)
        while not state.is_over():
            actor = state.current_actor
            assert actor is not None
            v = view(state, actor)
            start = time.perf_counter()
            action = ais[actor].decide(v)
            decisions.append(time.perf_counter() - start)
            state = state.apply(action)
        per_game.append(time.perf_counter() - start_game)
    return decisions, per_game


def games_per_second(scenario_path: Path, games: int, seed: int, workers: int) -> float:
    scenario = load_scenario(scenario_path)
    start = time.perf_counter()
    run_games(scenario, scenario_path, games, seed=seed, workers=workers)
    return games / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", default=str(ROOT / "scenarios" / "istanbul_talks.yaml"))
    parser.add_argument("--games", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    path = Path(args.scenario)

    games_per_second(path, min(10, args.games), args.seed, 1)  # warm caches (utility model, imports)
    decisions, per_game = decision_times(path, args.games, args.seed)
    one_core = games_per_second(path, args.games, args.seed, 1)
    many = games_per_second(path, args.games, args.seed, args.workers)

    median_decision = statistics.median(decisions) * 1000
    p95_decision = statistics.quantiles(decisions, n=20)[-1] * 1000
    max_decision = max(decisions) * 1000
    game_ms = 1000 / one_core
    median_game = statistics.median(per_game) * 1000
    print(f"scenario: {path.name}, {args.games} games from seed {args.seed}, {os.cpu_count()} CPU(s)")
    print(f"one core:   {one_core:8.1f} games/s  ({game_ms:.2f} ms per game; median game {median_game:.2f} ms)")
    print(f"{args.workers} workers: {many:8.1f} games/s  (x{many / one_core:.2f})")
    print(
        f"AI decision: median {median_decision:.3f} ms, 95th percentile {p95_decision:.3f} ms, "
        f"max {max_decision:.2f} ms over {len(decisions)} decisions "
        f"({len(decisions) / args.games:.1f} per game)"
    )
    game_ok = game_ms < GAME_TARGET_MS
    decision_ok = median_decision < DECISION_TARGET_MS
    print(f"target game < {GAME_TARGET_MS:g} ms (200+ games/s on one core): {'met' if game_ok else 'NOT met'}")
    print(f"target AI decision < {DECISION_TARGET_MS:g} ms (median): {'met' if decision_ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
