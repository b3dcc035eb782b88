"""The charts of the teacher's guide and the debrief report, built from scenario, analysis and game records.

- `pareto_charts`: every feasible package in the utility space of each pair of parties, with the
  Pareto frontier, the zone of possible agreement, the Nash point and (in the report) the outcome.
- `meter_charts`: every meter over the turns (one chart per per-actor meter, shared meters grouped).
- `reservation_chart`: every party's no-deal value over the turns.
- `offer_charts`: each offer's utility for each party against that party's no-deal value at the time.

Turn records hold meters and no-deal values at the *end* of each turn; x = 0 is the start of the game.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from negotiator.classroom.describe import actor_name, colour, number, opening_reservations
from negotiator.classroom.html import Markup
from negotiator.classroom.svg import (
    Note,
    RefLine,
    Region,
    Series,
    line_chart,
    scatter_plot,
    style_for,
)
from negotiator.engine.analysis import Analysis
from negotiator.engine.meters import initial_meters, meter_key
from negotiator.engine.records import TurnRecord
from negotiator.engine.sampled import feasible_sample
from negotiator.engine.state import GameState
from negotiator.engine.utility import UtilityModel
from negotiator.scenario.models import Meter, Scenario


@dataclass(frozen=True)
class Chart:
    """A chart and the caption printed under it."""

    title: str
    svg: Markup
    caption: str


def actor_style(scenario: Scenario, actor_id: str) -> tuple[str, str, str | None]:
    """The actor's own colour, plus a marker and dash fixed by its position (never colour alone)."""
    index = next((i for i, a in enumerate(scenario.actors) if a.id == actor_id), 0)
    _, shape, dash = style_for(index)
    return colour(scenario, actor_id), shape, dash


def turn_ticks(last: int) -> list[tuple[float, str]]:
    step = 1 if last <= 14 else 2 if last <= 30 else 5
    ticks: list[tuple[float, str]] = [(0, "start")]
    ticks += [(t, str(t)) for t in range(1, last + 1) if t % step == 0 or t == last]
    return ticks


# --- the bargaining space ----------------------------------------------------------------------------


def party_pairs(parties: Sequence[str]) -> list[tuple[str, str]]:
    return list(itertools.combinations(parties, 2))


def frontier_2d(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The non-dominated points of a plane, left to right."""
    best: list[tuple[float, float]] = []
    top = float("-inf")
    for x, y in sorted(set(points), key=lambda p: (-p[0], -p[1])):
        if y > top:
            best.append((x, y))
            top = y
    return sorted(best)


def pareto_charts(
    scenario: Scenario,
    model: UtilityModel,
    analysis: Analysis,
    outcome: dict[str, float] | None = None,
    outcome_label: str = "the outcome",
    end: Analysis | None = None,
    on_frontier: bool | None = None,
) -> list[Chart]:
    """One scatter per pair of parties: feasible packages, frontier, ZOPA, Nash point, outcome.

    With `end` (the analysis at the no-deal values the game ended with), the zone is shown as it moved: the corner
    better than no deal for both is shaded at the end values, where the deal was made, and the start values are
    drawn as fainter lines. `on_frontier` (whether the deal is on the frontier of all parties) is said on the
    chart itself when this pair's picture could hide it: a deal on the all-party frontier can sit below a
    pair's own frontier, because moving it would cost the third party."""
    charts: list[Chart] = []
    # Every feasible package, or in a large space a sample of them with the analysis's frontier.
    packages = (
        [*feasible_sample(model, model.parties, 3000), *analysis.frontier]
        if model.large
        else [model.package_at(i) for i in range(model.size) if model.feasible[i]]
    )
    shown = f"a sample of {len(packages):,}" if model.large else f"{len(packages):,}"
    multi = len(analysis.actors) > 2
    for a, b in party_pairs(analysis.actors):
        utilities = [model.utilities(p, (a, b)) for p in packages]
        points = sorted({(round(u[0], 3), round(u[1], 3)) for u in utilities})
        pair_frontier = frontier_2d(points)
        series = [
            Series(
                "a feasible package",
                points,
                "#8a8a8a",
                line=False,
                size=2.0 if len(points) > 80 else 3.2,
                opacity=0.55 if len(points) > 80 else 0.9,
            ),
            Series(
                f"Pareto frontier for {actor_name(scenario, a)} and {actor_name(scenario, b)}",
                pair_frontier,
                "#333333",
                marker=None,
                width=1.4,
            ),
        ]
        if multi:
            best = sorted(
                {(round(u[0], 3), round(u[1], 3)) for u in (model.utilities(p, (a, b)) for p in analysis.frontier)}
            )
            series.append(Series("Pareto-optimal for all parties", best, "#0072B2", line=False, size=2.6, hollow=True))
        notes: list[Note] = []
        bargain = end if end is not None else analysis  # the Nash point of the no-deal values shaded
        if bargain.nash_utilities is not None:
            nash = (bargain.nash_utilities[a], bargain.nash_utilities[b])
            series.append(Series("Nash bargaining point", [nash], "#000000", line=False, marker="diamond", size=4.5))
        if outcome is not None:
            point = (outcome[a], outcome[b])
            series.append(Series(outcome_label.capitalize(), [point], "#D55E00", line=False, marker="star", size=4.2))
            notes.append(Note(point[0], point[1], outcome_label, dx=-8 if point[0] > 0.8 else 8))
        ra, rb = analysis.reservations[a], analysis.reservations[b]
        refs = [
            RefLine(ra, f"no-deal value of {actor_name(scenario, a)} ({number(ra)})", colour(scenario, a), axis="x"),
            RefLine(rb, f"no-deal value of {actor_name(scenario, b)} ({number(rb)})", colour(scenario, b), axis="y"),
        ]
        region = Region(ra, 1.0, rb, 1.0, "better than no deal for both")
        if end is not None:
            ea, eb = end.reservations[a], end.reservations[b]
            refs = [
                RefLine(
                    ra, f"{actor_name(scenario, a)}'s no-deal value at the start ({number(ra)})", "#9a9a9a", "x", "2 3"
                ),
                RefLine(
                    rb, f"{actor_name(scenario, b)}'s no-deal value at the start ({number(rb)})", "#9a9a9a", "y", "2 3"
                ),
                RefLine(
                    ea, f"{actor_name(scenario, a)}'s no-deal value at the end ({number(ea)})", colour(scenario, a), "x"
                ),
                RefLine(
                    eb, f"{actor_name(scenario, b)}'s no-deal value at the end ({number(eb)})", colour(scenario, b), "y"
                ),
            ]
            region = Region(ea, 1.0, eb, 1.0, "better than no deal for both, at the end")
        if outcome is not None and on_frontier and multi:
            point = (outcome[a], outcome[b])
            if any(x >= point[0] + 0.005 and y >= point[1] + 0.005 for x, y in pair_frontier):
                # Below this pair's frontier, yet no package is better for all: the chart says so itself.
                dx = notes[-1].dx
                notes.append(Note(point[0], point[1], "(on everyone's frontier)", dx=dx, dy=6))
        title = f"Packages in the utility space of {actor_name(scenario, a)} and {actor_name(scenario, b)}"
        svg = scatter_plot(
            series,
            title=title,
            x_label=f"Utility for {actor_name(scenario, a)}",
            y_label=f"Utility for {actor_name(scenario, b)}",
            refs=refs,
            regions=[region],
            notes=notes,
            square=True,
            width=380,
        )
        lines = (
            "Grey dotted lines mark the no-deal values at the start, coloured lines those at the end; the shaded "
            "corner holds the packages both prefer to no deal at the end, when the deal was made."
            if end is not None
            else "Lines mark the no-deal values at the start; the shaded corner holds packages both prefer to no deal."
        )
        caption = (
            f"Each grey dot is a package that crosses no party's red line ({shown} of {model.size:,}), placed "
            f"by its value to {actor_name(scenario, a)} (across) and {actor_name(scenario, b)} (up). {lines}"
        )
        if multi:
            caption += " Hollow blue circles are on the frontier of all parties together."
        charts.append(Chart(title, svg, caption))
    return charts


# --- meters over time --------------------------------------------------------------------------------


def _values(records: Sequence[TurnRecord], start: dict[str, float], key: str) -> list[tuple[float, float]]:
    return [(0.0, start[key])] + [(float(r.turn), r.meters[key]) for r in records]


def _ending_refs(scenario: Scenario, meter: Meter) -> list[RefLine]:
    refs = []
    for ending in scenario.rules.endings:
        also = " with other conditions" if len(ending.when) > 1 else ""
        for cond in ending.when:
            if cond.meter != meter.id:
                continue
            who = f"{actor_name(scenario, cond.actor)}: " if cond.actor not in (None, "any", "all") else ""
            label = f"{who}the game ends at {cond.op} {cond.value:g}{also} ({ending.kind.replace('_', ' ')})"
            refs.append(RefLine(cond.value, label, "#9b1c1c", dash="2 3"))
    return refs


def meter_charts(scenario: Scenario, records: Sequence[TurnRecord]) -> list[Chart]:
    """Per-actor meters one chart each (a line per actor that negotiates or moved); shared meters grouped
    by range (a line per meter)."""
    start = initial_meters(scenario)
    last = max((r.turn for r in records), default=1)
    ticks = turn_ticks(last)
    charts: list[Chart] = []
    for meter in scenario.shown_meters:
        if meter.scope != "actor":
            continue
        # Only the actors that hold a per-actor meter have a value of it (e.g. only a mediator has patience).
        holders = [a for a in scenario.actors if meter_key(meter.id, a.id) in start]
        lines = {a.id: _values(records, start, meter_key(meter.id, a.id)) for a in holders}
        moved = {a for a, points in lines.items() if len({v for _, v in points}) > 1}
        shown = [a for a in holders if a.id in moved or (not moved and a.negotiates)]
        series = []
        for actor in shown:
            c, shape, dash = actor_style(scenario, actor.id)
            series.append(Series(actor.short_name, lines[actor.id], c, marker=shape, dash=dash, size=2.6))
        hidden = [a.short_name for a in holders if a.negotiates and a not in shown]
        direction = "higher is better" if meter.higher_is_better else "lower is better"
        svg = line_chart(
            series,
            title=f"{meter.name} per actor, turn by turn",
            x_label="end of turn",
            y_label=meter.name,
            x_range=(0, last),
            y_range=(meter.min, meter.max),
            x_ticks=ticks,
            refs=_ending_refs(scenario, meter),
            width=360,
            height=150,
        )
        note = f" {', '.join(hidden)}: no change, not drawn." if hidden else ""
        charts.append(Chart(meter.name, svg, f"{meter.name} ({direction}): {meter.description}{note}"))
    shared = [m for m in scenario.shown_meters if m.scope == "shared"]
    groups: dict[tuple[float, float], list[Meter]] = {}
    for meter in shared:
        groups.setdefault((meter.min, meter.max), []).append(meter)
    for (lo, hi), meters in groups.items():
        series = []
        refs: list[RefLine] = []
        for n, meter in enumerate(meters):
            c, shape, dash = style_for(n)
            series.append(Series(meter.name, _values(records, start, meter.id), c, marker=shape, dash=dash, size=2.6))
            refs += _ending_refs(scenario, meter)
        names = ", ".join(m.name for m in meters)
        svg = line_chart(
            series,
            title=f"Shared meters: {names}",
            x_label="end of turn",
            y_label="value",
            x_range=(0, last),
            y_range=(lo, hi),
            x_ticks=ticks,
            refs=refs,
            width=360,
            height=150,
        )
        caption = " ".join(f"{m.name}: {m.description}" for m in meters)
        charts.append(Chart("Shared meters" if len(meters) > 1 else meters[0].name, svg, caption))
    return charts


def reservation_chart(scenario: Scenario, records: Sequence[TurnRecord], only: str | None = None) -> Chart:
    """Every party's no-deal value over the turns (`only`: that party's alone, for a student's copy)."""
    last = max((r.turn for r in records), default=1)
    opening = opening_reservations(scenario)
    series = []
    for actor in scenario.negotiators:
        if actor.id not in scenario.preferences or (only is not None and actor.id != only):
            continue
        start = opening[actor.id]
        points = [(0.0, start)] + [(float(r.turn), r.reservations[actor.id]) for r in records]
        c, shape, dash = actor_style(scenario, actor.id)
        series.append(Series(actor.short_name, points, c, marker=shape, dash=dash, size=2.6))
    svg = line_chart(
        series,
        title="No-deal values, turn by turn",
        x_label="end of turn",
        y_label="no-deal value",
        x_range=(0, last),
        y_range=(0, 1),
        x_ticks=turn_ticks(last),
        width=360,
        height=150,
    )
    if only is not None:
        return Chart(
            "Your no-deal value",
            svg,
            "What failing to agree was worth to you at the end of each turn (0 to 1, the scale of offers).",
        )
    return Chart(
        "No-deal values",
        svg,
        "What failing to agree was worth to each party at the end of each turn (0 to 1, the scale of offers).",
    )


# --- offers against no-deal values ---------------------------------------------------------------------


def reservation_at(state: GameState, actor: str, turn: int) -> float:
    """The actor's no-deal value at the end of `turn` (the current value for a turn still in play)."""
    for record in state.records:
        if record.turn == turn:
            return record.reservations[actor]
    return state.reservation(actor)


def offer_utilities(
    state: GameState, model: UtilityModel
) -> list[tuple[int, int, str, dict[str, float], dict[str, bool]]]:
    """(offer id, turn, proposer, utility per party, crosses-red-line per party) for every offer.

    An offer's utility is the partial utility of its terms, unsettled issues at the actor's no-deal value
    in that turn, so a partial offer and a full package compare on one scale.
    """
    rows = []
    for offer in state.offers:
        terms = model.terms_from_ids(dict(offer.terms))
        utilities = {a: model.partial_utility(a, terms, reservation_at(state, a, offer.turn)) for a in model.parties}
        crosses = {a: model.violates_red_line(a, terms) for a in model.parties}
        rows.append((offer.id, offer.turn, offer.proposer, utilities, crosses))
    return rows


def offer_charts(state: GameState, model: UtilityModel) -> list[Chart]:
    """One chart per party: every offer's value to it (marker = proposer) against its no-deal value."""
    scenario = state.scenario
    rows = offer_utilities(state, model)
    last = max(state.turn, 1)
    per_turn: dict[int, list[int]] = {}
    for offer_id, turn, *_ in rows:
        per_turn.setdefault(turn, []).append(offer_id)

    def x_of(offer_id: int, turn: int) -> float:
        ids = per_turn[turn]
        if len(ids) == 1:
            return float(turn)
        return turn - 0.32 + 0.64 * ids.index(offer_id) / (len(ids) - 1)

    settled = {o.id for o in state.offers if o.status == "settled"}
    charts = []
    for party in model.parties:
        series: list[Series] = []
        for proposer in [a.id for a in scenario.negotiators]:
            mine = [r for r in rows if r[2] == proposer]
            if not mine:
                continue
            c, shape, _ = actor_style(scenario, proposer)
            ok = [(x_of(r[0], r[1]), r[3][party]) for r in mine if not r[4][party]]
            bad = [(x_of(r[0], r[1]), r[3][party]) for r in mine if r[4][party]]
            label = f"offer by {actor_name(scenario, proposer)}"
            if ok:
                series.append(Series(label, ok, c, line=False, marker=shape, size=4.0))
            if bad:
                series.append(
                    Series(
                        label + f" crossing a red line of {actor_name(scenario, party)}",
                        bad,
                        c,
                        line=False,
                        marker=shape,
                        size=4.0,
                        hollow=True,
                    )
                )
        agreed = [(x_of(r[0], r[1]), r[3][party]) for r in rows if r[0] in settled]
        if agreed:
            series.append(Series("ratified", agreed, "#000000", line=False, marker="star", size=4.6, hollow=True))
        start = opening_reservations(scenario)[party]
        reservation = [(0.0, start)] + [(float(r.turn), r.reservations[party]) for r in state.records]
        if not state.is_over():
            reservation.append((float(state.turn), state.reservation(party)))
        c, _, _ = actor_style(scenario, party)
        series.insert(
            0,
            Series(
                f"no-deal value of {actor_name(scenario, party)}", reservation, c, marker=None, dash="5 3", width=1.6
            ),
        )
        name = actor_name(scenario, party)
        svg = line_chart(
            series,
            title=f"Every offer's value to {name}",
            x_label="turn in which the offer was made",
            y_label=f"value to {name}",
            x_range=(0, last + 0.5),
            y_range=(0, 1),
            x_ticks=turn_ticks(last),
            width=560,
            height=200,
        )
        charts.append(
            Chart(
                f"Offers as {name} saw them",
                svg,
                f"Each marker is one offer, placed at its value to {name} (its shape shows who proposed it). Above the "
                f"dashed line, the offer beat no deal for {name}; hollow markers cross one of {name}'s red lines. "
                "Offers in the same turn are spread left to right in the order they were made.",
            )
        )
    return charts
