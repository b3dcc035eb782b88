"""Let the AI play every role for many games and summarise how they end: agreement rate, endings, common
deals, scores, how often deals are Pareto-optimal and how far they lie from the Nash point. Game i uses
seed S+i, so the same seed gives the same results with any number of workers."""

from __future__ import annotations

import argparse
import json
import os
import sys

from negotiator.cli_support import DEFAULT_HELP, load_scenario_or_report, path_arg, scenario_or_default
from negotiator.engine.players import AISpec, parse_ai_spec
from negotiator.engine.simulate import Summary, simulate
from negotiator.files import ensure_folder
from negotiator.scenario import scenario_content_hash
from negotiator.words import count


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", type=path_arg, help=DEFAULT_HELP)
    parser.add_argument("--games", type=int, default=100, help="number of games (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first game (default: %(default)s)")
    parser.add_argument(
        "--ai",
        action="append",
        default=[],
        metavar="ROLE=PERSONALITY[:DIFFICULTY]",
        help="override a role's AI, e.g. authority=hawk:hard (repeatable)",
    )
    parser.add_argument("--workers", type=int, default=1, help="worker processes (0: one per CPU; default: 1)")
    parser.add_argument(
        "--save-games", metavar="DIR", type=path_arg, help="also write every game as a save file into DIR"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a report")


def run(args: argparse.Namespace) -> int:
    if args.games < 1:
        print("simulate: --games must be at least 1", file=sys.stderr)
        return 2
    workers = args.workers if args.workers > 0 else (os.cpu_count() or 1)
    if args.workers < 0:
        print("simulate: --workers must be 0 (one per CPU) or more", file=sys.stderr)
        return 2
    path = scenario_or_default("simulate", args.scenario)
    scenario = None if path is None else load_scenario_or_report("simulate", path)
    if path is None or scenario is None:
        return 2
    args.scenario = str(path)
    overrides: dict[str, AISpec] = {}
    for spec in args.ai:
        try:
            role, ai = parse_ai_spec(spec, scenario)
        except ValueError as error:
            print(f"simulate: --ai {spec}: {error}", file=sys.stderr)
            return 2
        overrides[role] = ai
    if args.save_games is not None:
        try:
            ensure_folder(args.save_games)
        except OSError as error:
            print(f"simulate: --save-games: {error}", file=sys.stderr)
            return 2
    progress = _ProgressBar(args.games) if sys.stderr.isatty() else None
    try:
        summary = simulate(
            scenario,
            args.scenario,
            args.games,
            seed=args.seed,
            overrides=overrides,
            workers=min(workers, args.games),
            save_dir=args.save_games,
            scenario_hash=scenario_content_hash(args.scenario),
            progress=progress,
        )
    except OSError as error:  # a save could not be written: a full disk, a folder gone read-only
        if progress:
            progress.close()
        print(f"simulate: --save-games: {error}", file=sys.stderr)
        return 2
    if progress:
        progress.close()
    if args.json:
        print(json.dumps(summary.to_dict(), indent=2))
    else:
        print(render(summary, scenario_names={a.id: a.short_name for a in scenario.actors}))
    return 0


class _ProgressBar:
    """A one-line bar on stderr, redrawn at most once per percent."""

    def __init__(self, total: int, width: int = 30):
        self.total, self.width, self.last = total, width, -1

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // max(1, total)
        if percent == self.last:
            return
        self.last = percent
        filled = self.width * done // max(1, total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} games")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def render(summary: Summary, scenario_names: dict[str, str]) -> str:
    """The summary as a short report for a terminal."""
    lines = [
        f"Scenario {summary.scenario_id}: {summary.games} games, "
        f"seeds {summary.seed}..{summary.seed + summary.games - 1}",
        f"Agreement rate: {_pct(summary.agreement_rate)} (partial agreements without a deal: "
        f"{_pct(summary.partial_rate)})",
        "Endings: " + ", ".join(f"{kind} {n}" for kind, n in summary.endings.items()),
        f"Mean turns: {summary.mean_turns:.2f}   mean actions per game: {summary.mean_actions:.1f}",
        "Mean score: " + ", ".join(f"{scenario_names.get(a, a)} {s:+.2f}" for a, s in summary.mean_score.items()),
        f"Deals on the Pareto frontier: {_pct(summary.pareto_share)}   mean distance to the Nash point: "
        + ("n/a" if summary.mean_nash_distance is None else f"{summary.mean_nash_distance:.3f}"),
    ]
    if summary.top_deals:
        lines.append(f"Most common deals ({summary.distinct_deals} distinct):")
        for deal in summary.top_deals:
            marks = []
            if deal.pareto:
                marks.append("Pareto")
            if deal.nash_distance is not None:
                marks.append(f"Nash distance {deal.nash_distance:.3f}")
            lines.append(
                f"  {deal.count:>5} x  "
                + " | ".join(deal.labels.values())
                + (f"  ({', '.join(marks)})" if marks else "")
            )
    else:
        lines.append("No deals were reached.")
    if summary.ending_causes:
        lines.append(
            "Endings and what triggered them: " + ", ".join(f"{k} {v}" for k, v in summary.ending_causes.items())
        )
    if summary.lever_use:
        lines.append("Levers (share of games their owner used them in):")
        lines += [f"  {_pct(share):>6}  {lever}" for lever, share in summary.lever_use.items()]
    if summary.event_rates:
        lines.append("Events (share of games they fired in):")
        lines += [f"  {_pct(share):>6}  {event}" for event, share in summary.event_rates.items()]
    if summary.meters_end:
        lines.append("Meters at the end (mean, range):")
        lines += [f"  {key}: {m:g} ({lo:g} to {hi:g})" for key, (m, lo, hi) in summary.meters_end.items()]
    if summary.possible_endings:
        lines.append("Possible endings (games):")
        lines += [
            f"  {e['games']:>5}  {e['name']}" + ("" if e["possible"] else f"  (never possible: {e['why']})")
            for e in summary.possible_endings
        ]
    lines += [f"Warning: {w}" for w in summary.warnings]
    lines.append(
        f"Speed: {summary.games_per_second:.1f} games/s "
        f"({summary.seconds:.2f} s with {count(summary.workers, 'worker')})"
    )
    return "\n".join(lines)
