"""Show a scenario's outcome space at the start of the game: every party's utilities, the zone of possible
agreement, the Pareto frontier and the Nash bargaining point (no-deal values as the disagreement point)."""

from __future__ import annotations

import argparse
import json

from negotiator.cli_support import DEFAULT_HELP, load_scenario_or_report, path_arg
from negotiator.engine.analysis import Analysis, analyze
from negotiator.engine.utility import UtilityModel, utility_model
from negotiator.scenario.models import Scenario

FRONTIER_SHOWN = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", type=path_arg, help=DEFAULT_HELP)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario_or_report("analyze", args.scenario)
    if scenario is None:
        return 2
    model = utility_model(scenario)
    result = analyze(model)
    if args.json:
        print(json.dumps(to_json(scenario, model, result), indent=2))
    else:
        print(render(scenario, model, result))
    return 0


def to_json(scenario: Scenario, model: UtilityModel, result: Analysis) -> dict[str, object]:
    """The analysis as plain data, with issues, options and actors by id."""
    parties = result.actors
    return {
        "scenario": scenario.metadata.id,
        "issues": [
            {"id": issue_id, "options": list(options)}
            for issue_id, options in zip(model.issue_ids, model.option_ids, strict=True)
        ],
        "actors": list(parties),
        "utilities": {
            a: {
                issue_id: dict(zip(options, values, strict=True))
                for issue_id, options, values in zip(model.issue_ids, model.option_ids, model.values[a], strict=True)
            }
            for a in parties
        },
        "weights": {a: dict(zip(model.issue_ids, model.weights[a], strict=True)) for a in parties},
        "reservation": dict(result.reservations),
        "outcome_space": result.outcome_space_size,
        "zopa_size": result.zopa_size,
        "zopa_in_parts_only": result.in_parts_only,
        "estimated": result.estimated,
        "frontier": [result.to_ids(p) for p in result.frontier],
        "nash": None if result.nash is None else result.to_ids(result.nash),
        "nash_utilities": result.nash_utilities,
    }


def render(scenario: Scenario, model: UtilityModel, result: Analysis) -> str:
    """The analysis as text tables for a terminal."""
    parties = result.actors
    lines = [
        f"{scenario.metadata.title} ({scenario.metadata.id})",
        f"Outcome space: {result.outcome_space_size:,} packages over {len(model.issue_ids)} issues; "
        f"{result.feasible_size:,} cross no party's red line.",
        "",
        "Utilities: issue weight, then the value of each option (* = red line).",
    ]
    lines += _utility_tables(scenario, model, parties)
    lines += ["", "No-deal values: " + ", ".join(f"{a} {result.reservations[a]:.2f}" for a in parties)]
    lines.append(f"Zone of possible agreement: {result.zopa_text}")
    if result.estimated:
        lines.append("(A large space: the frontier and the Nash point come from a sample and may miss a few packages.)")
    lines.append("")
    lines += _frontier_lines(result)
    lines.append("")
    lines += _nash_lines(scenario, result)
    return "\n".join(line.rstrip() for line in lines)


def _utility_tables(scenario: Scenario, model: UtilityModel, parties: tuple[str, ...]) -> list[str]:
    """One table per issue: options down, parties across."""
    label_width = max(len(label) for labels in model.option_labels for label in labels)
    label_width = max(label_width, len("weight"))
    width = max(8, *(len(a) + 2 for a in parties))
    header = " " * (label_width + 4) + "".join(f"{a + ' ':>{width}}" for a in parties)
    lines: list[str] = []
    for k, issue in enumerate(scenario.issues):
        lines += ["", f"  {issue.name} ({issue.id})", header]
        weights = "".join(f"{_value_cell(model.weights[a][k], False):>{width}}" for a in parties)
        lines.append(f"    {'weight':<{label_width}}{weights}")
        for o, label in enumerate(model.option_labels[k]):
            cells = "".join(
                f"{_value_cell(model.values[a][k][o], o in model.red_lines[a][k]):>{width}}" for a in parties
            )
            lines.append(f"    {label:<{label_width}}{cells}")
    return lines


def _value_cell(value: float, red_line: bool) -> str:
    return f"{value:.2f}" + ("*" if red_line else " ")


def _utilities_text(result: Analysis, utilities: dict[str, float]) -> str:
    return ", ".join(f"{a} {utilities[a]:.3f}" for a in result.actors)


def _frontier_lines(result: Analysis) -> list[str]:
    """The frontier's size and the packages on it nearest the Nash point (index order without one)."""
    packages = list(result.frontier)
    if result.nash is not None:
        packages.sort(key=lambda p: (result.distance_to_nash(p), result.model.index_of(p)))
    shown = packages[:FRONTIER_SHOWN]
    order = "nearest the Nash point" if result.nash is not None else "in package order"
    more = f"; the {len(shown)} {order}" if len(packages) > len(shown) else ""
    lines = [f"Pareto frontier: {len(packages)} packages{more}"]
    for package in shown:
        terms = " | ".join(result.labels(package).values())
        lines.append(f"  {terms}  ->  {_utilities_text(result, result.utilities(package))}")
    return lines


def _nash_lines(scenario: Scenario, result: Analysis) -> list[str]:
    if result.nash is None or result.nash_utilities is None:
        return ["Nash point: none (no package is worth its no-deal value to every party)"]
    lines = ["Nash point:"]
    for issue, label in zip(scenario.issues, result.labels(result.nash).values(), strict=True):
        lines.append(f"  {issue.name}: {label}")
    lines.append(f"  utilities: {_utilities_text(result, result.nash_utilities)}")
    return lines
