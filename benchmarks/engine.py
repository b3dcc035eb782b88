"""Engine speed (issue 9): what an AI-vs-AI game, a decision, an analysis and start-up cost.

Reports, with the machine's load at the time:
- games/s on one core (CPU time of this process) and with worker processes (wall clock, identical results);
- actions per game, and per-decision median / p95 / max by kind of decision (offer, counter, answer, lever...);
- garbage-collection pauses during play (count and longest);
- a scaling table over issues x options x parties (synthetic scenarios): time per game and peak memory;
- `analyze` (Pareto frontier, zone of agreement, Nash point) for 3 and 6 parties over 65,536 packages;
- start-up to the first title frame (CPU time of a fresh process, dummy video driver).

Targets: a game <= 2.5 ms of CPU (>= 400 games/s on one core); decisions at hard: median <= 10 ms, p95 <= 50 ms;
no GC pause over 10 ms; 6-party analyze under 1 s; 2 workers >= 1.8x on an idle 2-core machine; start-up
under 0.5 s of CPU. Each is printed as met or NOT met with its figure; the exit code is 0 either way
(a benchmark reports, it does not gate).

    python benchmarks/engine.py [--games N] [--workers N] [--scenario PATH] [--quick]
    python benchmarks/engine.py --instructions N    # instructions per game under callgrind (valgrind)

CPU time swings with the machine's load (five engineers share two cores); `--instructions` counts what a game
costs in machine instructions instead, which does not: it runs this script under `valgrind --tool=callgrind`
with PYTHONHASHSEED=0, counting only inside the N games played after start-up and a warm-up game
(`--toggle-collect`), and reports the count per game (about 30 s per 5 games).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import operator
import os
import random
import statistics
import subprocess
import sys
import textwrap
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from negotiator.engine import heap, new_game, view  # noqa: E402
from negotiator.engine.actions import Action, Respond  # noqa: E402
from negotiator.engine.analysis import analyze  # noqa: E402
from negotiator.engine.players import make_ais, play_ai_game  # noqa: E402
from negotiator.engine.simulate import run_games  # noqa: E402
from negotiator.engine.utility import utility_model  # noqa: E402
from negotiator.scenario import load_scenario  # noqa: E402
from negotiator.scenario.models import Scenario  # noqa: E402

TARGETS = {
    "game_ms": 2.5,
    "decision_median_ms": 10.0,
    "decision_p95_ms": 50.0,
    "gc_pause_ms": 10.0,
    "analyze_6_s": 1.0,
    "workers_speedup": 1.8,
    "startup_cpu_s": 0.5,
}


def load() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load unknown"
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPU(s)"


def kind(action: Action) -> str:
    if isinstance(action, Respond):
        return "accept" if action.accept else "reject"
    return {"MakeOffer": "offer", "Counter": "counter", "UseLever": "lever", "DeclareRedLine": "red line"}.get(
        type(action).__name__, "end move"
    )


class GCWatch:
    """Times every garbage collection while active (gc.callbacks)."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._start)

    def __enter__(self) -> GCWatch:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


def play_timed(scenario: Scenario, games: int, seed: int) -> tuple[dict[str, list[float]], list[int], float, GCWatch]:
    """Play games one decision at a time: per-kind decision times, actions per game, CPU seconds in total."""
    times: dict[str, list[float]] = defaultdict(list)
    actions: list[int] = []
    heap.settle()  # as `simulate`, the tournament and the window do once loading is done
    with GCWatch() as watch:
        cpu = time.process_time()
        for index in range(games):
            heap.between_games()  # as `simulate` and the tournament do before each game
            state = new_game(scenario, seed + index)
            ais = make_ais(scenario, seed + index)
            n = 0
            while not state.is_over():
                actor = state.current_actor
                assert actor is not None
                v = view(state, actor)
                start = time.perf_counter()
                action = ais[actor].decide(v)
                times[kind(action)].append(time.perf_counter() - start)
                state = state.apply(action)
                n += 1
            actions.append(n)
        cpu = time.process_time() - cpu
    return times, actions, cpu, watch


def one_core_rate(scenario: Scenario, games: int, seed: int) -> tuple[float, float]:
    """Games per CPU second and per wall second, playing as `simulate` does (no per-decision timing)."""
    cpu, wall = time.process_time(), time.perf_counter()
    for index in range(games):
        heap.between_games()
        play_ai_game(scenario, seed + index)
    return games / (time.process_time() - cpu), games / (time.perf_counter() - wall)


def digest(results: list[object]) -> str:
    return hashlib.sha256("".join(r.state_hash for r in results).encode()).hexdigest()[:16]  # type: ignore[attr-defined]


def workers_rate(scenario: Scenario, path: Path, games: int, seed: int, workers: int) -> tuple[float, float, bool]:
    start = time.perf_counter()
    one = run_games(scenario, path, games, seed=seed, workers=1)
    single = time.perf_counter() - start
    start = time.perf_counter()
    many = run_games(scenario, path, games, seed=seed, workers=workers)
    multi = time.perf_counter() - start
    return games / single, games / multi, digest(one) == digest(many)  # type: ignore[arg-type]


# --- synthetic scenarios for the scaling table ----------------------------------------------------------


def synthetic(issues: int, options: int, parties: int, seed: int = 0) -> Scenario:
    """Every party signs every issue; random values and weights; a no-deal value that leaves some room."""
    rnd = random.Random(seed)
    actors = [f"p{k}" for k in range(parties)]
    issue_ids = [f"i{k}" for k in range(issues)]
    return Scenario.model_validate(
        {
            "format_version": 1,
            "metadata": {"id": "synthetic", "title": "Synthetic", "summary": "s", "period": "p", "version": "1"},
            "actors": [
                {
                    "id": a,
                    "name": a.upper(),
                    "short_name": a,
                    "colour": "#123456",
                    "public_brief": "b",
                    "confidential_brief": "c",
                }
                for a in actors
            ],
            "issues": [
                {
                    "id": i,
                    "name": i.upper(),
                    "description": "d",
                    "options": [{"id": f"o{j}", "label": f"O{j}"} for j in range(options)],
                    "signatories": actors,
                }
                for i in issue_ids
            ],
            "preferences": {
                a: {
                    "reservation": {"value": 0.45},
                    "issues": {
                        i: {
                            "weight": rnd.randint(1, 5),
                            "values": {f"o{j}": round(rnd.random(), 2) for j in range(options)},
                        }
                        for i in issue_ids
                    },
                }
                for a in actors
            },
            "rules": {"turns": 8},
        }
    )


def scaling_row(issues: int, options: int, parties: int, games: int) -> tuple[int, float, float]:
    scenario = synthetic(issues, options, parties)
    packages = options**issues
    play_ai_game(scenario, 0)  # warm the per-scenario caches (utility model, bundles)
    cpu = time.process_time()
    for seed in range(1, games + 1):
        play_ai_game(scenario, seed)
    per_game = (time.process_time() - cpu) / games * 1000
    tracemalloc.start()
    play_ai_game(scenario, games + 1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return packages, per_game, peak / 1e6


def analyze_time(parties: int) -> tuple[float, float]:
    """CPU seconds to build the utility tables, then to analyse (frontier, zone, Nash point), from scratch."""
    scenario = synthetic(8, 4, parties, seed=parties)
    start = time.process_time()
    model = utility_model(scenario)
    _ = model.package_utilities  # the per-package tables are built on first use: count them as building
    built = time.process_time()
    analyze(model)
    return built - start, time.process_time() - built


STARTUP = textwrap.dedent(
    """
    import os, resource, sys, time
    os.environ["SDL_VIDEODRIVER"] = "dummy"; os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    sys.path.insert(0, sys.argv[1])
    import negotiator.cli  # what `main.py` imports first
    from negotiator.ui.app import App
    from negotiator.ui.scenes.title import TitleScene
    from negotiator.ui.settings import load_settings
    settings, _ = load_settings()
    app = App(settings, title_factory=TitleScene)
    app.reset_to_title()
    app.step(1 / 60, [])
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(usage.ru_utime + usage.ru_stime)
    """
)


def startup_cpu() -> float | None:
    env = {**os.environ, "NEGOTIATOR_DATA_DIR": str(Path(os.environ.get("TMPDIR", "/tmp")) / "negotiator-bench")}
    out = subprocess.run(
        [sys.executable, "-c", STARTUP, str(ROOT)], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    )
    try:
        return float(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        print(f"  (start-up measurement failed: {out.stderr.strip()[-300:]})")
        return None


def play_only(scenario: Scenario, games: int, seed: int) -> None:
    """What `--instructions` measures: one warm-up game (as `one_core_rate` warms caches), then `games` games,
    inside one `operator.call` (the C function `--instructions` has callgrind count in; nothing else calls it)."""
    heap.settle()
    play_ai_game(scenario, seed + 10_000)

    def play() -> None:
        for index in range(games):
            heap.between_games()
            play_ai_game(scenario, seed + index)

    operator.call(play)


MARKER = "_operator_call"  # the C function behind operator.call: callgrind counts only inside it


def instructions_per_game(path: Path, games: int, seed: int) -> float | None:
    """Machine instructions per game (callgrind), or None without valgrind.

    Counted inside the games only (`--toggle-collect` on the call that plays them): the difference between a
    run with N games and one with none, as this measured before, varied by +-3 M instructions per game between
    identical runs (start-up is not the same twice), more than most single speed-ups; inside the games, two
    identical runs agree within 0.05%. Falls back to that difference if the marker is not found."""
    base = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    tail = [sys.executable, __file__, "--scenario", str(path), "--seed", str(seed), "--play-only"]

    def collected(options: list[str], n: int) -> int | None:
        try:
            done = subprocess.run(
                [*base, *options, *tail, str(n)],
                capture_output=True,
                text=True,
                env={**os.environ, "PYTHONHASHSEED": "0"},
                check=True,
            )
        except (OSError, subprocess.CalledProcessError):
            return None
        found = [line for line in done.stderr.splitlines() if "Collected :" in line]
        return int(found[-1].split()[-1]) if found else None

    inside = collected([f"--toggle-collect={MARKER}"], games)
    if inside:
        return inside / max(1, games)
    counts = [collected([], n) for n in (0, games)]
    if None in counts:
        return None
    return (counts[1] - counts[0]) / max(1, games)  # type: ignore[operator]


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", default=str(ROOT / "scenarios" / "istanbul_talks.yaml"))
    parser.add_argument("--games", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="fewer games and a smaller scaling table")
    parser.add_argument("--instructions", type=int, metavar="N", help="only: instructions per game over N games")
    parser.add_argument("--play-only", type=int, metavar="N", help=argparse.SUPPRESS)  # what --instructions runs
    args = parser.parse_args()
    games = 30 if args.quick else args.games
    path = Path(args.scenario)
    scenario = load_scenario(path)
    if args.play_only is not None:
        play_only(scenario, args.play_only, args.seed)
        return 0
    if args.instructions is not None:
        per_game = instructions_per_game(path, args.instructions, args.seed)
        if per_game is None:
            print("instructions per game: valgrind (callgrind) is not available or failed")
            return 0
        print(f"scenario: {path.name}, {args.instructions} games from seed {args.seed}")
        print(f"instructions per game (callgrind, PYTHONHASHSEED=0): {per_game / 1e6:.1f} million")
        return 0
    print(f"scenario: {path.name}, {games} games from seed {args.seed}; {load()}")

    one_core_rate(scenario, min(5, games), args.seed)  # warm caches (utility model, imports)
    heap.settle()
    cpu_rate, wall_rate = one_core_rate(scenario, games, args.seed)
    game_ms = 1000 / cpu_rate
    print(
        f"\none core: {cpu_rate:7.1f} games per CPU second ({game_ms:.2f} ms of CPU per game; wall {wall_rate:.1f}/s)"
    )
    single, multi, same = workers_rate(scenario, path, games, args.seed, args.workers)
    speedup = multi / single
    print(f"{args.workers} workers: {multi:7.1f} games/s wall against {single:.1f} with one (x{speedup:.2f}); ", end="")
    print("identical results" if same else "RESULTS DIFFER")

    times, actions, _, watch = play_timed(scenario, games, args.seed)
    every = [t for ts in times.values() for t in ts]
    print(f"\nactions per game: mean {statistics.mean(actions):.1f}, min {min(actions)}, max {max(actions)}")
    print(f"{'decision':<10} {'count':>7} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    for name, ts in [*sorted(times.items(), key=lambda kv: -len(kv[1])), ("all", every)]:
        p95 = statistics.quantiles(ts, n=20)[-1] if len(ts) > 1 else ts[0]
        print(
            f"{name:<10} {len(ts):>7} {statistics.median(ts) * 1000:>10.3f} {p95 * 1000:>8.3f} {max(ts) * 1000:>8.2f}"
        )
    median_ms = statistics.median(every) * 1000
    p95_ms = statistics.quantiles(every, n=20)[-1] * 1000
    longest_gc = max(watch.pauses, default=0.0) * 1000
    print(f"garbage collections during play: {len(watch.pauses)}, longest {longest_gc:.2f} ms")

    print("\nscaling (synthetic scenarios, every party signs every issue, 8 turns)")
    print(f"{'issues':>6} {'options':>7} {'parties':>7} {'packages':>9} {'ms/game':>9} {'peak MB':>8}")
    rows = [(3, 3, 2), (5, 4, 3), (6, 4, 3), (8, 4, 3), (5, 4, 4), (5, 4, 6)]
    if not args.quick:
        rows += [(8, 4, 6)]
    for issues, options, parties in rows:
        packages, per_game, peak = scaling_row(issues, options, parties, 3 if args.quick else 10)
        print(f"{issues:>6} {options:>7} {parties:>7} {packages:>9} {per_game:>9.1f} {peak:>8.1f}")

    (build3, an3), (build6, an6) = analyze_time(3), analyze_time(6)
    three, six = build3 + an3, build6 + an6
    print(
        f"\nanalyze over 65,536 packages, CPU seconds (utility tables + analysis): 3 parties {three:.2f} "
        f"({build3:.2f} + {an3:.2f}), 6 parties {six:.2f} ({build6:.2f} + {an6:.2f})"
    )
    startup = startup_cpu()
    if startup is not None:
        print(f"start-up to the first title frame: {startup:.2f} s of CPU")

    print("\ntargets")
    print(f"  a game <= {TARGETS['game_ms']} ms of CPU: {verdict(game_ms <= TARGETS['game_ms'])} ({game_ms:.2f} ms)")
    print(
        f"  decisions median <= {TARGETS['decision_median_ms']:g} ms, p95 <= {TARGETS['decision_p95_ms']:g} ms: "
        f"{verdict(median_ms <= TARGETS['decision_median_ms'] and p95_ms <= TARGETS['decision_p95_ms'])} "
        f"({median_ms:.2f} / {p95_ms:.2f} ms)"
    )
    print(f"  no GC pause over {TARGETS['gc_pause_ms']:g} ms: {verdict(longest_gc <= TARGETS['gc_pause_ms'])}")
    print(f"  6-party analyze < {TARGETS['analyze_6_s']:g} s: {verdict(six < TARGETS['analyze_6_s'])} ({six:.2f} s)")
    print(
        f"  {args.workers} workers >= x{TARGETS['workers_speedup']} (idle machine): "
        f"{verdict(speedup >= TARGETS['workers_speedup'] and same)} (x{speedup:.2f})"
    )
    if startup is not None:
        ok = startup < TARGETS["startup_cpu_s"]
        print(f"  start-up < {TARGETS['startup_cpu_s']} s of CPU: {verdict(ok)} ({startup:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
