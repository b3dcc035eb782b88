"""AI-vs-AI simulation: many games, optionally in worker processes, summarised in game order.

Game `i` uses seed `seed + i`, and every game is deterministic, so the summary (timing aside) is the same
for any number of workers: workers return one small `GameResult` per game and results are aggregated by
game index, never by arrival order. Each worker loads the scenario once from its path.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from negotiator.engine import heap
from negotiator.engine.actions import Action, UseLever
from negotiator.engine.analysis import Analysis, analyze
from negotiator.engine.moves import lever_problem
from negotiator.engine.players import AISpec, play_ai_game
from negotiator.engine.state import GameState
from negotiator.scenario.inert import reachable_endings, usable
from negotiator.scenario.models import Scenario

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class GameResult:
    """What the summary needs from one finished game (small, so it crosses process boundaries cheaply)."""

    index: int
    seed: int
    ending: str
    turns: int
    terms: dict[str, str]
    complete: bool
    scores: dict[str, float]
    actions: int
    state_hash: str
    ending_actor: str | None = None
    ending_id: str | None = None  # the early ending's own id, when the scenario gives it one
    levers: dict[str, int] = field(default_factory=dict)  # lever id -> times used
    events: tuple[str, ...] = ()  # events that fired, in scenario order
    meters: dict[str, float] = field(default_factory=dict)  # at the end
    levers_open: tuple[str, ...] = ()  # levers their owner could have used at one of its moves
    levers_blocked: dict[str, str] = field(default_factory=dict)  # never open: why, at the owner's first move


@dataclass(frozen=True)
class DealCount:
    terms: dict[str, str]
    labels: dict[str, str]
    count: int
    pareto: bool
    nash_distance: float | None


@dataclass(frozen=True)
class Summary:
    """The aggregate of a simulation, in the order games were numbered."""

    scenario_id: str
    games: int
    seed: int
    workers: int
    agreement_rate: float
    partial_rate: float
    endings: dict[str, int]
    mean_turns: float
    mean_actions: float
    top_deals: list[DealCount]
    distinct_deals: int
    mean_score: dict[str, float]
    pareto_share: float | None
    mean_nash_distance: float | None
    seconds: float
    results: list[GameResult] = field(repr=False, default_factory=list)
    lever_use: dict[str, float] = field(default_factory=dict)  # lever -> share of games its owner used it in
    event_rates: dict[str, float] = field(default_factory=dict)  # event -> share of games it fired in
    ending_causes: dict[str, int] = field(default_factory=dict)  # "walk_away (washington)" -> games
    meters_end: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # key -> (mean, min, max)
    warnings: list[str] = field(default_factory=list)  # levers never used, endings that never happen
    possible_endings: list[dict[str, Any]] = field(default_factory=list)  # name, possible, why, games
    unused_levers: dict[str, str] = field(default_factory=dict)  # lever never used -> why

    @property
    def games_per_second(self) -> float:
        return self.games / self.seconds if self.seconds > 0 else float("inf")

    def to_dict(self) -> dict[str, Any]:
        """Plain data for `--json`; everything but the timing fields is identical for equal inputs."""
        return {
            "scenario": self.scenario_id,
            "games": self.games,
            "seed": self.seed,
            "workers": self.workers,
            "agreement_rate": self.agreement_rate,
            "partial_rate": self.partial_rate,
            "endings": dict(self.endings),
            "mean_turns": self.mean_turns,
            "mean_actions": self.mean_actions,
            "top_deals": [
                {
                    "terms": d.terms,
                    "labels": d.labels,
                    "count": d.count,
                    "pareto": d.pareto,
                    "nash_distance": d.nash_distance,
                }
                for d in self.top_deals
            ],
            "distinct_deals": self.distinct_deals,
            "mean_score": dict(self.mean_score),
            "pareto_share": self.pareto_share,
            "mean_nash_distance": self.mean_nash_distance,
            "seconds": self.seconds,
            "games_per_second": self.games_per_second,
            "lever_use": dict(self.lever_use),
            "event_rates": dict(self.event_rates),
            "ending_causes": dict(self.ending_causes),
            "meters_end": {k: {"mean": m, "min": lo, "max": hi} for k, (m, lo, hi) in self.meters_end.items()},
            "warnings": list(self.warnings),
            "possible_endings": [dict(e) for e in self.possible_endings],
            "unused_levers": dict(self.unused_levers),
        }


def _ending_id(state: GameState) -> str | None:
    ending = state.ending
    if ending is None or ending.index is None:
        return None
    return state.scenario.rules.endings[ending.index].id


class LeverWatch:
    """Watches a game's moves for which levers their owner could have used (`play_ai_game`'s `on_action`):
    a lever nobody uses is either never open or never worth it, and an author needs to know which."""

    def __init__(self, scenario: Scenario):
        self.levers = [lv for lv in scenario.levers if usable(scenario, lv)]
        self.open: set[str] = set()
        self.blocked: dict[str, str] = {}
        self._seen: set[tuple[int, str]] = set()

    def __call__(self, before: GameState, action: Action, after: GameState) -> None:
        actor = action.actor
        first = (before.turn, actor) not in self._seen
        self._seen.add((before.turn, actor))
        for lever in self.levers:
            if lever.owner != actor or lever.id in self.open:
                continue
            problems = [lever_problem(before.core, actor, lever, t) for t in lever.targets or [None]]
            if None in problems:
                self.open.add(lever.id)
            elif first:
                self.blocked.setdefault(lever.id, problems[0] or "")


def game_result(index: int, state: GameState, watch: LeverWatch | None = None) -> GameResult:
    outcome = state.outcome()
    assert outcome is not None, "simulated games always finish"
    return GameResult(
        index=index,
        seed=state.seed,
        ending=outcome.ending,
        turns=outcome.turn,
        terms=dict(outcome.terms),
        complete=outcome.complete,
        scores={a: s.total for a, s in outcome.scores.items()},
        actions=len(state.actions),
        state_hash=state.state_hash(),
        ending_actor=outcome.actor,
        ending_id=_ending_id(state),
        levers=dict(Counter(a.lever for a in state.actions if isinstance(a, UseLever))),
        events=tuple(e.id for e in state.scenario.events if e.id in state.fired_events),
        meters=dict(state.meters),
        levers_open=tuple(sorted(watch.open)) if watch else (),
        levers_blocked={k: v for k, v in watch.blocked.items() if k not in watch.open} if watch else {},
    )


# --- running games -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    """Everything a worker needs besides the scenario (which it loads once)."""

    seed: int
    overrides: dict[str, AISpec]
    save_dir: str | None
    scenario_hash: str | None
    scenario_path: str | None


def _run_games(scenario: Scenario, job: _Job, indexes: Sequence[int]) -> list[GameResult]:
    results = []
    for index in indexes:
        heap.between_games()
        watch = LeverWatch(scenario)
        state = play_ai_game(scenario, job.seed + index, job.overrides, on_action=watch)
        if job.save_dir is not None:
            from negotiator.engine.saves import write_save

            name = f"{scenario.metadata.id}-game{index:05d}-seed{job.seed + index}.json"
            write_save(Path(job.save_dir) / name, state, job.scenario_hash or "0" * 64, job.scenario_path)
        results.append(game_result(index, state, watch))
    return results


_WORKER_SCENARIO: Scenario | None = None
# The caller's scenario while its workers start: a forked worker inherits it with every table the parent's games
# already built (utility model, compiled rules, estimates), instead of loading the file and building them again
# (about 0.2 s of CPU per worker, a tenth of a 200-game run). A spawned worker starts without it and loads.
_PARENT: tuple[str, Scenario] | None = None


def _init_worker(scenario_path: str) -> None:
    global _WORKER_SCENARIO
    if _PARENT is not None and _PARENT[0] == scenario_path:
        _WORKER_SCENARIO = _PARENT[1]
    else:
        from negotiator.scenario import load_scenario

        _WORKER_SCENARIO = load_scenario(scenario_path)
    heap.settle()


def _worker_chunk(job: _Job, indexes: list[int]) -> list[GameResult]:
    assert _WORKER_SCENARIO is not None, "worker initialiser did not run"
    return _run_games(_WORKER_SCENARIO, job, indexes)


def _chunks(games: int, workers: int) -> Iterator[list[int]]:
    """Chunks small enough to balance load and show progress, large enough to amortise pickling."""
    size = max(1, min(50, games // (workers * 8) or 1))
    for start in range(0, games, size):
        yield list(range(start, min(games, start + size)))


def run_games(
    scenario: Scenario,
    scenario_path: str | os.PathLike[str] | None,
    games: int,
    seed: int = 0,
    overrides: Mapping[str, AISpec] | None = None,
    workers: int = 1,
    save_dir: str | os.PathLike[str] | None = None,
    scenario_hash: str | None = None,
    progress: Progress | None = None,
) -> list[GameResult]:
    """Play `games` AI games (seeds `seed`..`seed+games-1`), results in game order."""
    if games < 0:
        raise ValueError("games must not be negative")
    if workers < 1:
        raise ValueError("workers must be at least 1")
    if save_dir is not None:
        Path(save_dir).mkdir(parents=True, exist_ok=True)
    job = _Job(
        seed=seed,
        overrides=dict(overrides or {}),
        save_dir=None if save_dir is None else str(save_dir),
        scenario_hash=scenario_hash,
        scenario_path=None if scenario_path is None else str(scenario_path),
    )
    results: list[GameResult] = []
    if workers == 1 or games <= 1:
        heap.settle()
        for chunk in _chunks(games, 1):
            results += _run_games(scenario, job, chunk)
            if progress:
                progress(len(results), games)
        return results
    if scenario_path is None:
        raise ValueError("worker processes load the scenario from its file; give scenario_path")
    by_chunk: dict[int, list[GameResult]] = {}
    done = 0
    global _PARENT
    _PARENT = (str(scenario_path), scenario)  # workers play the caller's scenario, as one worker does
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(str(scenario_path),)) as pool:
            futures = {pool.submit(_worker_chunk, job, chunk): n for n, chunk in enumerate(_chunks(games, workers))}
            for future in as_completed(futures):
                chunk_results = future.result()
                by_chunk[futures[future]] = chunk_results
                done += len(chunk_results)
                if progress:
                    progress(done, games)
    finally:
        _PARENT = None
    for n in sorted(by_chunk):
        results += by_chunk[n]
    return results


# --- summarising -------------------------------------------------------------------------------------


def summarise(
    scenario: Scenario,
    results: Sequence[GameResult],
    seed: int = 0,
    workers: int = 1,
    seconds: float = 0.0,
    top: int = 5,
) -> Summary:
    """Aggregate results in game order. Pareto share and Nash distance use complete deals only and the
    starting no-deal values (the `analyze` command's picture), so they compare across simulations."""
    games = len(results)
    negotiators = [a.id for a in scenario.negotiators]
    analysis = analyze(scenario)
    deals = [r for r in results if r.ending == "deal"]
    partial = [r for r in results if r.ending != "deal" and r.terms]
    counts = Counter(tuple(sorted(r.terms.items())) for r in deals)
    top_deals = [_deal_count(analysis, dict(terms), count) for terms, count in counts.most_common(top)]

    lever_use = {lv.id: _ratio(sum(1 for r in results if r.levers.get(lv.id)), games) for lv in scenario.levers}
    event_rates = {e.id: _ratio(sum(1 for r in results if e.id in r.events), games) for e in scenario.events}
    causes = Counter(_cause(r) for r in results)
    meters_end = {}
    for key in results[0].meters if results else ():
        values = [r.meters[key] for r in results if key in r.meters]
        meters_end[key] = (round(sum(values) / len(values), 2), min(values), max(values))
    unused = {lv.id: _why_unused(scenario, lv.id, results) for lv in scenario.levers if not lever_use[lv.id]}
    warnings = [f"lever '{lv}' was never used: {why}" for lv, why in unused.items() if games]
    possible = [
        {"name": e.name, "possible": e.never is None, "why": e.never, "games": causes.get(e.name, 0)}
        for e in reachable_endings(scenario)
    ]
    warnings += [
        f"no game ended in '{e['name']}'" + ("" if e["possible"] else f": it never can ({e['why']})")
        for e in possible
        if games and not e["games"]
    ]
    complete = [analysis.model.package_from_ids(r.terms) for r in deals if r.complete]
    pareto_share = sum(analysis.is_pareto_optimal(p) for p in complete) / len(complete) if complete else None
    distances = [d for p in complete if (d := analysis.distance_to_nash(p)) is not None]
    return Summary(
        scenario_id=scenario.metadata.id,
        games=games,
        seed=seed,
        workers=workers,
        agreement_rate=_ratio(len(deals), games),
        partial_rate=_ratio(len(partial), games),
        endings=dict(sorted(Counter(r.ending for r in results).items(), key=lambda kv: (-kv[1], kv[0]))),
        mean_turns=_mean([r.turns for r in results]),
        mean_actions=_mean([r.actions for r in results]),
        top_deals=top_deals,
        distinct_deals=len(counts),
        mean_score={a: round(_mean([r.scores.get(a, 0.0) for r in results]), 4) for a in negotiators},
        pareto_share=None if pareto_share is None else round(pareto_share, 4),
        mean_nash_distance=round(sum(distances) / len(distances), 4) if distances else None,
        seconds=seconds,
        results=list(results),
        lever_use=lever_use,
        event_rates=event_rates,
        ending_causes=dict(sorted(causes.items(), key=lambda kv: (-kv[1], kv[0]))),
        meters_end=meters_end,
        warnings=warnings,
        possible_endings=possible,
        unused_levers=unused if games else {},
    )


def _why_unused(scenario: Scenario, lever_id: str, results: Sequence[GameResult]) -> str:
    """Why a lever nobody used stayed unused: never available (and what stood in the way), or never worth it
    to the computer players though open."""
    lever = next(lv for lv in scenario.levers if lv.id == lever_id)
    owner = next(a for a in scenario.actors if a.id == lever.owner)
    rules = scenario.rules
    if not owner.negotiates:
        return f"never available: its owner '{owner.id}' does not negotiate"
    if lever.cost > rules.action_points:
        return f"never available: it costs {lever.cost} action points, actors get {rules.action_points}"
    if lever.available_from_turn > rules.turns:
        return f"never available: from turn {lever.available_from_turn}, after the last ({rules.turns})"
    open_in = sum(1 for r in results if lever_id in r.levers_open)
    if open_in:
        return f"never worth it to the AI: open to its owner in {_ratio(open_in, len(results)) * 100:.0f}% of games"
    blocked = Counter(r.levers_blocked[lever_id] for r in results if lever_id in r.levers_blocked)
    if blocked:
        return f"never available: {blocked.most_common(1)[0][0]}"
    return "never available: the games ended before its owner could use it"


def _deal_count(analysis: Analysis, terms: dict[str, str], count: int) -> DealCount:
    model = analysis.model
    terms = {i: terms[i] for i in model.issue_ids if i in terms}  # scenario issue order, for people
    labels = {}
    for issue_id, option_id in terms.items():
        k = model.issue_ids.index(issue_id)
        labels[issue_id] = model.option_labels[k][model.option_ids[k].index(option_id)]
    if len(terms) == len(model.issue_ids):
        package = model.package_from_ids(terms)
        pareto, distance = analysis.is_pareto_optimal(package), analysis.distance_to_nash(package)
    else:
        pareto, distance = False, None
    return DealCount(terms, labels, count, pareto, None if distance is None else round(distance, 4))


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _mean(values: Sequence[float]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def simulate(
    scenario: Scenario,
    scenario_path: str | os.PathLike[str] | None,
    games: int,
    seed: int = 0,
    overrides: Mapping[str, AISpec] | None = None,
    workers: int = 1,
    save_dir: str | os.PathLike[str] | None = None,
    scenario_hash: str | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Run the games and summarise them; `seconds` is the wall time of the games (for games per second)."""
    start = time.perf_counter()
    results = run_games(scenario, scenario_path, games, seed, overrides, workers, save_dir, scenario_hash, progress)
    seconds = time.perf_counter() - start
    return summarise(scenario, results, seed=seed, workers=workers, seconds=seconds)


def _cause(result: GameResult) -> str:
    """How a game ended, as precisely as the scenario names it: "collapse: strike_fund_runs_out (union)"."""
    text = result.ending + (f": {result.ending_id}" if result.ending_id else "")
    return f"{text} ({result.ending_actor})" if result.ending_actor else text
