"""The class debrief: every table of a hosted class side by side, for the discussion after the negotiation.

One game's debrief (`negotiator.classroom.report`) explains a table to itself; this one compares tables. It puts
every table's outcome on one chart per pair of parties against the Pareto frontier and the Nash point, compares
each role across tables (Kyiv at table 1 with Kyiv at table 2: a role is never ranked against another role, whose
scale means something else), and says what each table left on the table: the package every party there would
have preferred (or liked as much), with the most value added. All of it comes from the tables' game states, which
the host alone holds; the teacher shows it once the games are over, when nothing is private any more.

`class_debrief` works the figures out (no HTML), `build_class_report` writes the page, and
`negotiator.classroom.class_exports` the gradebook CSV files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from negotiator.classroom.charts import Chart, frontier_2d, party_pairs
from negotiator.classroom.describe import actor_name, colour, footer, number, opening_reservations
from negotiator.classroom.exports import write_file
from negotiator.classroom.html import Markup, document, el, join
from negotiator.classroom.svg import Note, RefLine, Region, Series, scatter_plot
from negotiator.engine.analysis import Analysis, analyze, candidate_indexes
from negotiator.engine.sampled import feasible_sample
from negotiator.engine.state import GameState
from negotiator.engine.utility import UtilityModel, utility_model
from negotiator.scenario.models import Scenario

EPSILON = 1e-9


@dataclass(frozen=True)
class TableResult:
    """One table of a class as the debrief needs it: its game, who sat in each seat, and where the computer
    stood in. A seat missing from `students` was played by the computer throughout."""

    number: int
    state: GameState
    students: dict[str, str] = field(default_factory=dict)  # seat -> the student's name as typed ("" unnamed)
    computer_turns: dict[str, tuple[int, ...]] = field(default_factory=dict)  # seat -> turns the AI stood in


@dataclass(frozen=True)
class LeftOver:
    """What a table left on the table: a package no party there liked less than its outcome, and the gains."""

    terms: dict[str, str]  # issue id -> option id
    labels: tuple[str, ...]  # the options, for people
    gains: dict[str, float]  # party -> utility it would have gained (0 or more)

    @property
    def total(self) -> float:
        return sum(self.gains.values())


@dataclass(frozen=True)
class TableDebrief:
    number: int
    over: bool
    ending: str  # the ending's kind (deal, deadline, ...); "" while the table plays
    ending_text: str
    turn: int
    terms: dict[str, str]  # what was settled, issue id -> option id
    complete: bool  # every issue settled: a whole deal
    utilities: dict[str, float]  # party -> utility of the outcome (unsettled issues at the no-deal value)
    scores: dict[str, float | None]  # party -> score, None while the table plays
    on_frontier: bool | None  # a whole deal: whether it is Pareto-optimal; None otherwise
    nash_distance: float | None  # a whole deal: its distance from the Nash point (0 to 1)
    left: LeftOver | None  # None: nothing every party would have liked at least as much


@dataclass(frozen=True)
class RoleLine:
    """One table's result for one role."""

    table: int
    student: str  # "" for the computer (or an unnamed student)
    by_computer: bool  # the computer played this role throughout
    computer_turns: tuple[int, ...]
    utility: float
    score: float | None
    rank: int | None  # 1 is the best score of this role among the finished tables; None while it plays


@dataclass(frozen=True)
class ClassDebrief:
    scenario: Scenario
    model: UtilityModel
    start: Analysis  # the bargaining space with the opening no-deal values
    tables: tuple[TableDebrief, ...]
    roles: dict[str, tuple[RoleLine, ...]]  # party -> its result at every table, by table number


def outcome_utilities(state: GameState, model: UtilityModel) -> dict[str, float]:
    """Each party's utility of what was settled; an unsettled issue counts at the party's no-deal value then
    (the same measure as the single game's debrief)."""
    terms = model.terms_from_ids(dict(state.settled))
    return {a: model.partial_utility(a, terms, state.reservation(a)) for a in model.parties}


def left_on_the_table(model: UtilityModel, utilities: dict[str, float]) -> LeftOver | None:
    """The package (crossing no red line) that no party likes less than `utilities` and that adds the most value
    in all, or None when none adds any: the outcome was already on the frontier."""
    parties = model.parties
    best: tuple[float, int] | None = None
    tables = [model.package_utilities[a] for a in parties]
    floor = [utilities[a] for a in parties]
    indexes = (
        [model.index_of(p) for p in feasible_sample(model, parties, 3000)] if model.large else candidate_indexes(model)
    )
    for i in indexes:
        values = [float(t[i]) for t in tables]
        if any(v < f - EPSILON for v, f in zip(values, floor, strict=True)):
            continue
        gain = sum(v - f for v, f in zip(values, floor, strict=True))
        if gain > 1e-6 and (best is None or gain > best[0] + EPSILON):
            best = (gain, i)
    if best is None:
        return None
    package = model.package_at(best[1])
    values = dict(zip(parties, model.utilities(package, parties), strict=True))
    return LeftOver(
        terms=model.package_to_ids(package),
        labels=tuple(model.option_labels[k][o] for k, o in enumerate(package)),
        gains={a: max(0.0, values[a] - utilities[a]) for a in parties},
    )


def _table(result: TableResult, model: UtilityModel, start: Analysis) -> TableDebrief:
    state = result.state
    outcome = state.outcome()
    utilities = outcome_utilities(state, model)
    complete = all(i.id in state.settled for i in state.scenario.issues)
    package = model.package_from_ids(dict(state.settled)) if complete else None
    return TableDebrief(
        number=result.number,
        over=outcome is not None,
        ending=outcome.ending if outcome else "",
        ending_text=outcome.ending_text if outcome else "",
        turn=state.turn,
        terms=dict(state.settled),
        complete=complete,
        utilities=utilities,
        scores={a: (outcome.scores[a].total if outcome and a in outcome.scores else None) for a in model.parties},
        on_frontier=start.is_pareto_optimal(package) if package is not None else None,
        nash_distance=start.distance_to_nash(package) if package is not None else None,
        left=left_on_the_table(model, utilities),
    )


def _roles(
    results: Sequence[TableResult], tables: Sequence[TableDebrief], parties: Sequence[str]
) -> dict[str, tuple[RoleLine, ...]]:
    roles: dict[str, tuple[RoleLine, ...]] = {}
    for party in parties:
        finished = sorted(
            {t.scores[party] for t in tables if t.over and t.scores[party] is not None},  # type: ignore[misc]
            reverse=True,
        )
        lines = []
        for result, t in zip(results, tables, strict=True):
            score = t.scores[party]
            lines.append(
                RoleLine(
                    table=t.number,
                    student=result.students.get(party, ""),
                    by_computer=party not in result.students,
                    computer_turns=tuple(result.computer_turns.get(party, ())),
                    utility=t.utilities[party],
                    score=score,
                    rank=finished.index(score) + 1 if t.over and score is not None else None,  # ties share a rank
                )
            )
        roles[party] = tuple(lines)
    return roles


def class_debrief(results: Sequence[TableResult]) -> ClassDebrief:
    """Every table's figures, compared. ValueError when there are no tables or they play different scenarios."""
    if not results:
        raise ValueError("a class debrief needs at least one table")
    scenario = results[0].state.scenario
    for r in results:
        if r.state.scenario.metadata.id != scenario.metadata.id:
            raise ValueError(
                f"table {r.number} plays '{r.state.scenario.metadata.id}', not '{scenario.metadata.id}': "
                "a class debrief compares tables of one scenario"
            )
    ordered = sorted(results, key=lambda r: r.number)
    model = utility_model(scenario)
    start = analyze(model, opening_reservations(scenario))
    tables = tuple(_table(r, model, start) for r in ordered)
    return ClassDebrief(scenario, model, start, tables, _roles(ordered, tables, model.parties))


# --- charts --------------------------------------------------------------------------------------------------


def class_charts(debrief: ClassDebrief) -> list[Chart]:
    """One chart per pair of parties: the feasible packages, their frontier, the Nash point and every table's
    outcome, labelled by table (tables with the same outcome share one label)."""
    scenario, model, start = debrief.scenario, debrief.model, debrief.start
    packages = (
        [*feasible_sample(model, model.parties, 3000), *start.frontier]
        if model.large
        else [model.package_at(i) for i in candidate_indexes(model)]
    )
    out = []
    for a, b in party_pairs(start.actors):
        na, nb = actor_name(scenario, a), actor_name(scenario, b)
        points = sorted({(round(u[0], 3), round(u[1], 3)) for u in (model.utilities(p, (a, b)) for p in packages)})
        series = [
            Series("a feasible package", points, "#8a8a8a", line=False, size=2.4, opacity=0.6),
            Series(f"Pareto frontier for {na} and {nb}", frontier_2d(points), "#333333", marker=None, width=1.4),
        ]
        if start.nash_utilities is not None:
            nash = (start.nash_utilities[a], start.nash_utilities[b])
            series.append(Series("Nash bargaining point", [nash], "#000000", line=False, marker="diamond", size=4.5))
        at: dict[tuple[float, float], list[int]] = {}
        for t in debrief.tables:
            at.setdefault((round(t.utilities[a], 3), round(t.utilities[b], 3)), []).append(t.number)
        whole = {t.number: t.complete for t in debrief.tables}
        deals = [p for p, ns in at.items() if any(whole[n] for n in ns)]
        others = [p for p in at if p not in deals]
        if deals:
            series.append(Series("a table's deal", deals, "#D55E00", line=False, marker="star", size=4.4))
        if others:
            series.append(Series("a table without a whole deal", others, "#0072B2", line=False, marker="square"))
        notes = [
            Note(x, y, "T" + ",".join(map(str, ns)), dx=-8 if x > 0.8 else 8, dy=-6 - 10 * (i % 2))
            for i, ((x, y), ns) in enumerate(sorted(at.items()))
        ]
        ra, rb = start.reservations[a], start.reservations[b]
        svg = scatter_plot(
            series,
            title=f"Every table's outcome in the utility space of {na} and {nb}",
            x_label=f"Utility for {na}",
            y_label=f"Utility for {nb}",
            refs=[
                RefLine(ra, f"no-deal value of {na} ({number(ra)})", colour(scenario, a), axis="x"),
                RefLine(rb, f"no-deal value of {nb} ({number(rb)})", colour(scenario, b), axis="y"),
            ],
            regions=[Region(ra, 1.0, rb, 1.0, "better than no deal for both")],
            notes=notes,
            square=True,
            width=380,
        )
        caption = (
            f"Each label Tn is table n's outcome, placed by its value to {na} (across) and {nb} (up); grey dots are "
            "the packages that cross no red line. An outcome below and left of the frontier left value that both "
            "could have had."
        )
        out.append(Chart(f"{na} and {nb}", svg, caption))
    return out


def role_chart(debrief: ClassDebrief, party: str) -> Chart:
    """One role's utility at every table, against its own no-deal value at the start and its Nash share: the
    same role compared with itself, never with another."""
    scenario, start = debrief.scenario, debrief.start
    name = actor_name(scenario, party)
    lines = debrief.roles[party]
    points = [(float(line.table), line.utility) for line in lines]
    refs = [RefLine(start.reservations[party], f"no-deal value at the start ({number(start.reservations[party])})",
                    colour(scenario, party), axis="y")]  # fmt: skip
    if start.nash_utilities is not None:
        nash = start.nash_utilities[party]
        refs.append(RefLine(nash, f"at the Nash point ({number(nash)})", "#000000", axis="y"))
    n = max(line.table for line in lines)
    svg = scatter_plot(
        [Series(f"{name} at each table", points, colour(scenario, party), line=False, size=4.0)],
        title=f"{name}'s outcome at every table",
        x_label="Table",
        y_label=f"Utility for {name}",
        x_range=(0.5, n + 0.5),
        x_ticks=[(float(line.table), str(line.table)) for line in lines],
        refs=refs,
        width=380,
        height=160,
    )
    caption = f"{name}'s outcome at each table; the lines are {name}'s own no-deal value and Nash share."
    return Chart(name, svg, caption)


# --- the page ------------------------------------------------------------------------------------------------


def _label(scenario: Scenario, issue_id: str, option_id: str) -> str:
    issue = scenario.issue(issue_id)
    return next((o.label for o in issue.options if o.id == option_id), option_id)


def short_ending(t: TableDebrief) -> str:
    """How a table ended in a few words: "Deal", or the ending text's first sentence."""
    if t.complete:
        return "Deal"
    first = t.ending_text.split(". ")[0].rstrip(".")
    return first if len(first) <= 60 else t.ending.replace("_", " ").capitalize()


def _figures(charts: Sequence[Chart]) -> Markup:
    figures = [el("figure", el("h4", c.title), c.svg, el("figcaption", c.caption)) for c in charts]
    return el("div", figures, cls="charts")


def _tables_section(debrief: ClassDebrief) -> Markup:
    sc, parties = debrief.scenario, debrief.model.parties
    head = el(
        "tr",
        el("th", "Table"),
        el("th", "Ending"),
        *[el("th", actor_name(sc, a), cls="num") for a in parties],
        el("th", "On the frontier"),
        el("th", "From Nash", cls="num"),
    )
    rows = []
    for t in debrief.tables:
        ending = f"{short_ending(t)}, turn {t.turn}" if t.over else f"still playing, turn {t.turn}"
        frontier = "\u2014" if t.on_frontier is None else "yes" if t.on_frontier else "no"
        distance = "\u2014" if t.nash_distance is None else number(t.nash_distance)
        rows.append(
            el(
                "tr",
                el("th", str(t.number)),
                el("td", ending),
                *[el("td", number(t.utilities[a]), cls="num") for a in parties],
                el("td", frontier),
                el("td", distance, cls="num"),
            )
        )
    issues = sc.issues
    terms_head = el("tr", el("th", "Table"), *[el("th", i.name) for i in issues])
    terms_rows = [
        el(
            "tr",
            el("th", str(t.number)),
            *[el("td", _label(sc, i.id, t.terms[i.id]) if i.id in t.terms else "\u2014", cls="meta") for i in issues],
        )
        for t in debrief.tables
    ]
    nash = debrief.start.nash_utilities
    note = (
        "Utilities run from 0 to 1 for each party on its own scale; an issue left open counts at that party's "
        "no-deal value. 'From Nash' is a whole deal's distance from the Nash point (0 is the point itself)."
    )
    if nash is not None and debrief.start.nash is not None:
        labels = "; ".join(debrief.start.labels(debrief.start.nash).values())
        note += f" The Nash point with the opening no-deal values: {labels}."
    return join(
        el("h2", "Every table's outcome", id="tables"),
        el("table", el("thead", head), el("tbody", rows)),
        el("p", note, cls="meta"),
        el("h3", "What each table settled"),
        el("table", el("thead", terms_head), el("tbody", terms_rows)),
        el("h3", "On one chart, against the Pareto frontier and the Nash point"),
        _figures(class_charts(debrief)),
    )


def _roles_section(debrief: ClassDebrief) -> Markup:
    sc = debrief.scenario
    parts: list[object] = [
        el("h2", "Each role across the tables", id="roles"),
        el(
            "p",
            "Each role is compared only with the same role at the other tables: the parties value different things, "
            "so one role's score says nothing about another's. Rank 1 is the role's best score among the finished "
            "tables.",
            cls="meta",
        ),
    ]
    for party, lines in debrief.roles.items():
        rows = []
        for line in lines:
            who = "the computer" if line.by_computer else line.student or "a student"
            if line.computer_turns:
                who += f" (the computer stood in, turn {', '.join(map(str, line.computer_turns))})"
            rows.append(
                el(
                    "tr",
                    el("th", str(line.table)),
                    el("td", who),
                    el("td", number(line.utility), cls="num"),
                    el("td", "\u2014" if line.score is None else f"{line.score:.1f}", cls="num"),
                    el("td", "\u2014" if line.rank is None else str(line.rank), cls="num"),
                )
            )
        head = el(
            "tr",
            el("th", "Table"),
            el("th", "Played by"),
            el("th", "Utility", cls="num"),
            el("th", "Score", cls="num"),
            el("th", "Rank", cls="num"),
        )
        chart = role_chart(debrief, party)
        parts += [
            el("h3", actor_name(sc, party)),
            el("table", el("thead", head), el("tbody", rows)),
            el("figure", chart.svg, el("figcaption", chart.caption), cls="pareto"),
        ]
    return join(parts)


def _left_section(debrief: ClassDebrief) -> Markup:
    sc, parties = debrief.scenario, debrief.model.parties
    items = []
    for t in debrief.tables:
        if t.left is None:
            items.append(el("li", f"Table {t.number}: nothing; no package was at least as good for every party."))
            continue
        gains = ", ".join(f"{actor_name(sc, a)} +{number(t.left.gains[a])}" for a in parties if t.left.gains[a] > 0)
        items.append(
            el(
                "li",
                f"Table {t.number}: {number(t.left.total)} in all ({gains}) with ",
                el("em", "; ".join(t.left.labels)),
                ", which no party there liked less than its outcome.",
            )
        )
    return join(
        el("h2", "What each table left on the table", id="left"),
        el(
            "p",
            "The package (crossing no red line) that every party at the table would have liked at least as much as "
            "what it got, with the most value added in all. A table with nothing left reached the frontier.",
            cls="meta",
        ),
        el("ul", items),
    )


def build_class_report(debrief: ClassDebrief, title: str = "") -> str:
    """The class debrief as one self-contained HTML page."""
    sc = debrief.scenario
    finished = sum(t.over for t in debrief.tables)
    deals = sum(t.complete and t.over for t in debrief.tables)
    header = el(
        "header",
        el("p", "Class debrief", cls="kicker"),
        el("h1", title or sc.metadata.title),
        el(
            "p",
            f"{len(debrief.tables)} tables; {finished} finished, {deals} with a whole deal. "
            f"The zone of possible agreement at the start held {debrief.start.zopa_text}.",
            cls="meta",
        ),
    )
    body = [
        header,
        el("section", _tables_section(debrief), cls="page"),
        el("section", _roles_section(debrief), cls="page"),
        el("section", _left_section(debrief), footer(sc, "Class debrief"), cls="page"),
    ]
    return document(
        f"Class debrief \u2014 {sc.metadata.title}", body, description="Class debrief of a Negotiator class"
    )


def write_class_report(results: Sequence[TableResult], path: str | Path) -> Path:
    """Write the class debrief page (atomically) and return where it went."""
    target = Path(path)
    write_file(target, build_class_report(class_debrief(results)))
    return target
