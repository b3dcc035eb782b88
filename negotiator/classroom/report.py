"""The debrief report: one self-contained HTML page about a finished (or saved) game.

What a class discusses after playing: how it ended and why, each side's score, the turn-by-turn story
with the AI's reasons and the teacher's interventions, the meters and offers over time, the outcome
against the Pareto frontier and the Nash point, who kept their public commitments, and everyone's
hidden preferences, revealed. `write_report` is the one entry point for the command line and the end
screen alike; it also writes the JSON and CSV exports of the turn log.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from negotiator.classroom import assessment, charts, exports
from negotiator.classroom.describe import (
    actor_name,
    bullet_list,
    colour,
    footer,
    number,
    opening_reservations,
    paragraphs,
    preference_table,
    reservation_sentences,
    signed,
    swatch,
)
from negotiator.classroom.html import Markup, document, el, join
from negotiator.engine.analysis import analyze
from negotiator.engine.endings import KIND_NAMES
from negotiator.engine.par import Par, standing_text
from negotiator.engine.public_text import shown_log
from negotiator.engine.records import LogEntry
from negotiator.engine.state import GameState
from negotiator.engine.utility import UtilityModel, utility_model
from negotiator.scenario.models import Scenario
from negotiator.words import count

Format = Literal["html", "json", "csv", "gradebook"]
FORMATS: tuple[Format, ...] = ("html", "json", "csv", "gradebook")

KIND_LABELS = {
    "event": "Event",
    "offer": "Offer",
    "counter": "Counter",
    "accept": "Accepts",
    "reject": "Rejects",
    "lapse": "Lapsed",
    "lever_queued": "Prepares lever",
    "lever": "Lever",
    "red_line": "Public red line",
    "commitment_broken": "Broken commitment",
    "settled": "Ratified",
    "void": "Void",
    "upkeep": "Time passes",
    "ending": "Ending",
    "end": "Ends move",
    "adjust": "Meter adjusted",
    "bulletin": "Bulletin",
    "deadline": "Deadline",
}


# --- pieces --------------------------------------------------------------------------------------------


def _played_by(state: GameState, actor_id: str) -> str:
    role = state.settings.roles.get(actor_id)
    if role is None:
        actor = state.scenario.actor(actor_id)
        return f"the computer ({actor.ai.personality}, {actor.ai.difficulty})"
    if role.human:
        return f"a human player ({role.name})" if role.name else "a human player"
    actor = state.scenario.actor(actor_id)
    return f"the computer ({role.personality or actor.ai.personality}, {role.difficulty or actor.ai.difficulty})"


def _is_human(state: GameState, actor_id: str | None) -> bool:
    role = state.settings.roles.get(actor_id or "")
    return bool(role and role.human)


# The window's move timer writes its moves' reasons starting with this (negotiator.ui.facilitation.TIME_RAN_OUT;
# the report does not import the UI). Such a move is the timer's or the computer's, not the team's own note.
TIMER_REASON = "Time ran out"


def _reason_label(state: GameState, actor_id: str | None, reason: str) -> str:
    """Whose words a move's reason is: the team's note, the move timer's, or the computer's reasoning."""
    if reason.startswith(TIMER_REASON):
        return "Move timer"
    return "Player's note" if _is_human(state, actor_id) else "AI's reasoning"


def _option_label(scenario: Scenario, issue_id: str, option_id: str) -> str:
    return scenario.option_label(issue_id, option_id)


def _header(state: GameState) -> Markup:
    scenario = state.scenario
    players = [
        el("li", swatch(scenario, a.id), el("strong", a.short_name), f": {_played_by(state, a.id)}")
        for a in scenario.negotiators
    ]
    status = (
        f"Finished in turn {state.ending.turn} of {state.turns}."
        if state.ending
        else f"Saved during turn {state.turn} of {state.turns}; the game is not over."
    )
    return join(
        el(
            "header",
            el("p", f"Debrief report \u00b7 {scenario.metadata.title}", cls="kicker"),
            el("h1", scenario.metadata.title),
            el("p", f"{status} Seed {state.seed}; {len(state.actions)} actions.", cls="meta"),
            cls="band",
        ),
        el("ul", players, style="list-style:none;padding:0;columns:2"),
        el("div", el("strong", "Please note: "), scenario.metadata.content_note, cls="note")
        if scenario.metadata.content_note
        else None,
    )


def _toc() -> Markup:
    sections = (
        ("outcome", "How it ended"),
        ("scores", "Scores"),
        ("bargaining", "The outcome against the frontier"),
        ("offers", "Offers against no-deal values"),
        ("meters", "Meters over time"),
        ("commitments", "Commitments ledger"),
        ("timeline", "Turn by turn"),
        ("preferences", "Hidden preferences revealed"),
        ("team-questions", "Questions for each team"),
        ("questions", "Discussion questions"),
    )
    return el(
        "nav",
        el("strong", "Contents"),
        el("ol", [el("li", el("a", label, href=f"#{anchor}")) for anchor, label in sections]),
        cls="toc screen-only",
    )


def _outcome_section(state: GameState, student: bool = False) -> Markup:
    """How it ended and the terms; a `student` copy leaves out the summary line, which lists every side's score."""
    scenario = state.scenario
    outcome = state.outcome()
    parts: list[object] = [el("h2", "How it ended", id="outcome")]
    if outcome is None:
        parts.append(
            el(
                "p",
                f"The game was saved during turn {state.turn} and is not over. Scores are not final; what was "
                "settled so far is shown below.",
                cls="lead",
            )
        )
    else:
        parts += [
            el(
                "p",
                el("strong", KIND_NAMES.get(outcome.ending, outcome.ending), ". "),
                outcome.ending_text,
                cls="lead",
            ),
            None if student else el("p", outcome.summary),
        ]
    rows = []
    for issue in scenario.issues:
        option = state.settled.get(issue.id)
        rows.append(
            el(
                "tr",
                el("th", issue.name),
                el("td", _option_label(scenario, issue.id, option) if option else el("em", "not settled")),
            )
        )
    complete = all(i.id in state.settled for i in scenario.issues)
    caption = "The terms of the deal" if complete else "What was settled"
    parts += [el("h3", caption), el("table", el("tbody", rows))]
    return join(parts)


def _scores_section(state: GameState, par: Par | None = None, only: str | None = None) -> Markup:
    """Every party's score (or `only` that role's, for a student's copy), never ranked."""
    scenario = state.scenario
    outcome = state.outcome()
    parts: list[object] = [el("h2", "Your score" if only else "Scores", id="scores")]
    if outcome is None:
        parts.append(el("p", "Scores are given when the game ends.", cls="meta"))
        return join(parts)
    head = el(
        "tr",
        el("th", "Party"),
        el("th", "Value of the outcome", cls="num"),
        el("th", "No-deal value at the start", cls="num"),
        el("th", "Outcome", cls="num"),
        el("th", "Meters", cls="num"),
        el("th", "Commitments", cls="num"),
        el("th", "Ending", cls="num"),
        el("th", "Total", cls="num"),
        el("th", "Against the computer in the same role"),
    )
    rows = []
    # Scenario order, never ranked: roles start from positions that differ by design, so each is judged against
    # the same role as the computer plays it (its par), not against the others.
    for actor_id, score in outcome.scores.items():
        if only is not None and actor_id != only:
            continue
        b = score.breakdown
        rows.append(
            el(
                "tr",
                el("td", swatch(scenario, actor_id), el("strong", actor_name(scenario, actor_id)), cls="who"),
                el("td", number(score.utility), cls="num"),
                el("td", number(score.start_reservation), cls="num"),
                *[
                    el("td", signed(b.get(k, 0.0) + (b.get("promises", 0.0) if k == "outcome" else 0.0), 1), cls="num")
                    for k in ("outcome", "meters", "commitments", "ending")
                ],
                el("td", el("strong", signed(score.total, 1)), cls="num"),
                el("td", _par_text(par, actor_id, actor_name(scenario, actor_id), score.total)),
            )
        )
    rules = scenario.rules
    parts += [
        el("table", el("thead", head), el("tbody", rows)),
        el(
            "p",
            f"Outcome: {rules.scoring.deal_points:g} points per unit the outcome is worth above the party's starting "
            "no-deal value (unsettled issues count at its final no-deal value). Meters: points for meters that moved "
            f"in the party's favour. Commitments: {rules.commitments.score_penalty:g} points off for each public red "
            "line it backed down from. Ending: points every party gets for how the game ended. The last column "
            "compares the total with the same role in games the computer played against itself (its par); the "
            "roles are not comparable with each other.",
            cls="meta",
        ),
    ]
    return join(parts)


def _par_text(par: Par | None, actor_id: str, name: str, total: float) -> str:
    if par is None:
        return "not computed"
    text = standing_text(par, actor_id, name, total)
    median = par.median(actor_id)
    return f"{text[:1].upper()}{text[1:]} (their median {median:+.1f})" if text and median is not None else "-"


def _outcome_utilities(state: GameState, model: UtilityModel) -> dict[str, float]:
    terms = model.terms_from_ids(state.settled)
    return {a: model.partial_utility(a, terms, state.reservation(a)) for a in model.parties}


def _bargaining_section(state: GameState, model: UtilityModel) -> Markup:
    scenario = state.scenario
    start = analyze(model, opening_reservations(scenario))
    final_r = {a: state.reservation(a) for a in model.parties}
    end = analyze(model, final_r)
    utilities = _outcome_utilities(state, model)
    complete = all(i.id in state.settled for i in scenario.issues)
    label = "the deal" if complete and state.is_over() else "the outcome" if state.is_over() else "so far"
    parts: list[object] = [el("h2", "The outcome against the Pareto frontier and the Nash point", id="bargaining")]
    names = [actor_name(scenario, a) for a in model.parties]
    head = el("tr", el("th", ""), *[el("th", n, cls="num") for n in names], el("th", "Terms"))

    def row(title: str, values: dict[str, float] | None, terms: str) -> Markup:
        cells = [el("td", number(values[a]) if values else "\u2014", cls="num") for a in model.parties]
        return el("tr", el("th", title), *cells, el("td", terms, cls="meta"))

    def terms_of(package: tuple[int, ...] | None) -> str:
        if package is None:
            return "no package beats no deal for every party"
        return "; ".join(start.labels(package).values())

    rows = [
        row("No-deal values at the start", start.reservations, ""),
        row("No-deal values at the end", final_r, ""),
        row("Nash point (no-deal values at the start)", start.nash_utilities, terms_of(start.nash)),
        row("Nash point (no-deal values at the end)", end.nash_utilities, terms_of(end.nash)),
        row(
            label.capitalize(),
            utilities,
            "; ".join(_option_label(scenario, i, o) for i, o in state.settled.items()) or "nothing settled",
        ),
    ]
    parts.append(el("table", el("thead", head), el("tbody", rows)))
    findings: list[str] = []
    on_frontier: bool | None = None
    if complete:
        package = model.package_from_ids(state.settled)
        on_frontier = start.is_pareto_optimal(package)
        findings.append(
            "The deal is on the Pareto frontier: no other package is better for one party without being worse for "
            "another."
            if start.is_pareto_optimal(package)
            else "The deal is not on the Pareto frontier: another package was at least as good for every party and "
            "better for one. Value was left on the table."
        )
        distance = start.distance_to_nash(package)
        if distance is not None:
            findings.append(
                f"Distance from the Nash point (start): {number(distance)} on a scale where 0 is the Nash point "
                "itself and 1 the opposite corner of the utility space."
            )
    findings.append(
        f"The zone of possible agreement held {start.zopa_text} at the start and {end.zopa_text} at the end "
        f"(of {start.feasible_size:,} that cross no red line)."
    )
    parts.append(bullet_list(findings))
    figures = [
        el("figure", c.svg, el("figcaption", c.caption), cls="pareto")
        for c in charts.pareto_charts(scenario, model, start, utilities, label, end=end, on_frontier=on_frontier)
    ]
    parts.append(el("div", figures, cls="charts") if len(figures) > 1 else join(figures))
    return join(parts)


def _figures(items: Sequence[charts.Chart], columns: int = 2) -> Markup:
    return el(
        "div",
        [el("figure", el("h4", c.title), c.svg, el("figcaption", c.caption)) for c in items],
        cls="charts" if columns == 2 else "charts one",
    )


def _commitments_section(state: GameState, reveal: frozenset[str] | None = None) -> Markup:
    """The public red lines and what each party did afterwards. The last column (was it a true red line?) reads
    hidden preferences: shown for every party, or in a student's copy only for the roles in `reveal`."""
    scenario = state.scenario
    entries = list(exports.all_entries(state))
    offers_terms = {o.id: dict(o.terms) for o in state.offers}
    model = utility_model(scenario)
    rows = []
    for actor in scenario.negotiators:
        declared = [(n, e) for n, e in enumerate(entries) if e.kind == "red_line" and e.actor == actor.id]
        broken_total = sum(1 for e in entries if e.kind == "commitment_broken" and e.actor == actor.id)
        if not declared:
            rows.append(
                el(
                    "tr",
                    el("td", swatch(scenario, actor.id), actor.short_name, cls="who"),
                    el("td", "\u2014"),
                    el("td", "\u2014"),
                    el("td", "declared no public red line"),
                    el("td", ""),
                )
            )
            continue
        for n, entry in declared:
            issue_id, option_id = entry.data.get("issue"), entry.data.get("option")
            deeds: list[str] = []
            for later in entries[n + 1 :]:
                if later.actor != actor.id:
                    continue
                if later.kind == "offer" and dict(later.data.get("terms") or {}).get(issue_id) == option_id:
                    deeds.append(f"proposed it in offer #{later.data.get('offer_id')} (turn {later.turn})")
                elif (
                    later.kind == "accept"
                    and offers_terms.get(later.data.get("offer_id"), {}).get(issue_id) == option_id
                ):
                    deeds.append(f"accepted offer #{later.data.get('offer_id')} with it (turn {later.turn})")
            k = model.issue_ids.index(issue_id) if issue_id in model.issue_ids else -1
            private = (
                k >= 0
                and option_id in model.option_ids[k]
                and model.option_ids[k].index(option_id) in model.red_lines.get(actor.id, ())[k]
            )
            kept = el("span", "kept", cls="badge ok") if not deeds else el("span", "broken", cls="badge red")
            rows.append(
                el(
                    "tr",
                    el("td", swatch(scenario, actor.id), actor.short_name, cls="who"),
                    el("td", str(entry.turn), cls="num"),
                    el(
                        "td",
                        f"{scenario.issue(issue_id).name}: {_option_label(scenario, issue_id, option_id)}"
                        if issue_id
                        else entry.text,
                    ),
                    el("td", kept, "; ".join(deeds) if deeds else "never proposed or accepted it afterwards"),
                    el(
                        "td",
                        "not shown in this copy"
                        if reveal is not None and actor.id not in reveal
                        else "yes, a private red line too"
                        if private
                        else "no: a bargaining position, not a true red line",
                    ),
                )
            )
        if broken_total:
            rows.append(
                el(
                    "tr",
                    el("td", ""),
                    el("td", ""),
                    el("td", ""),
                    el(
                        "td",
                        f"{actor.short_name} paid the audience cost {broken_total} time"
                        f"{'s' if broken_total != 1 else ''} (see the scores)",
                        cls="meta",
                    ),
                    el("td", ""),
                )
            )
    head = el(
        "tr",
        el("th", "Party"),
        el("th", "Turn", cls="num"),
        el("th", "Ruled out in public"),
        el("th", "What it did afterwards"),
        el("th", "Really unacceptable to it?"),
    )
    return join(
        el("h2", "Commitments ledger", id="commitments"),
        el(
            "p",
            "Public red lines are promises to the home audience. Breaking one (proposing or accepting the option "
            "later) costs domestic standing and score; the last column shows whether the promise matched the party's "
            "hidden preferences.",
            cls="meta",
        ),
        el("table", el("thead", head), el("tbody", rows)),
    )


def _entry_item(state: GameState, entry: LogEntry, previous_reason: str | None) -> Markup:
    scenario = state.scenario
    data = entry.data
    facilitator = bool(data.get("facilitator")) or entry.phase == "facilitator"
    badges: list[object] = []
    if facilitator:
        badges.append(el("span", "Facilitator", cls="badge facilitator"))
    kind = KIND_LABELS.get(entry.kind, entry.kind.replace("_", " ").capitalize())
    if entry.kind == "lever" and "success" in data:
        badges.append(
            el("span", "worked" if data["success"] else "failed", cls="badge ok" if data["success"] else "badge red")
        )
    if entry.kind == "lever_queued":
        badges.append(el("span", "secret until the turn ends", cls="badge"))
    body: list[object] = [el("span", kind, cls="kind"), *badges]
    if entry.kind == "event" and data.get("name"):
        body += [el("strong", data["name"]), ": "]
    body.append(entry.text)
    quote = data.get("quote")
    if isinstance(quote, dict) and quote.get("text"):
        context = f", {quote['context']}" if quote.get("context") else ""
        body.append(
            el("div", "\u201c", quote["text"], "\u201d \u2014 ", quote.get("speaker", ""), context, cls="quote changes")
        )
    reason = data.get("reason")
    if reason and reason != previous_reason:
        who = _reason_label(state, entry.actor, str(reason))
        body.append(el("div", f"{who}: ", reason, cls="reason"))
    changes = data.get("changes")
    if changes:
        body.append(el("div", "Changes: ", "; ".join(changes), cls="changes"))
    style = f"--role:{colour(scenario, entry.actor)}" if entry.actor else ("--role:#e0a040" if facilitator else None)
    return el("li", body, cls="facilitator" if facilitator else None, style=style)


def _turn_block(state: GameState, turn: int, entries: Sequence[LogEntry], in_progress: bool = False) -> Markup:
    items = []
    previous: tuple[str | None, str | None] = (None, None)
    for entry in entries:
        if entry.kind == "end" and not (entry.data.get("reason") and _is_human(state, entry.actor)):
            continue  # "ends its move" carries no news (the export keeps it), unless a team said why
        reason = entry.data.get("reason")
        items.append(_entry_item(state, entry, previous[1] if previous[0] == entry.actor else None))
        previous = (entry.actor, reason)
    title = f"Turn {turn}" + (" (in progress when saved)" if in_progress else "")
    return el("section", el("h3", title, id=f"turn-{turn}"), el("ul", items, cls="timeline"), cls="turn")


def _timeline_section(state: GameState, viewer: str | None = None) -> Markup:
    """Every entry in order; for a student's copy (`viewer`), only what that seat's table showed, with other
    sides' no-deal changes in words (as `engine.public_text` gives them to the table)."""

    def seen(entries: Sequence[LogEntry]) -> Sequence[LogEntry]:
        if viewer is None:
            return entries
        return shown_log(
            state.scenario, [e for e in entries if e.visibility == "public" or e.actor == viewer], {viewer}
        )

    blocks = [_turn_block(state, r.turn, seen(r.entries)) for r in state.records]
    if state.entries or not state.is_over():
        blocks.append(_turn_block(state, state.turn, seen(state.entries), in_progress=True))
    intro = (
        "Everything your table showed, in order: your own levers as you prepared them, the others' once they "
        "resolved. Coloured bars show who acted; facilitator actions are marked."
        if viewer
        else "Everything that happened, in order, including levers prepared in secret. Coloured bars show who acted; "
        "facilitator actions are marked. Reasons are the one sentence each move came with."
    )
    return join(el("h2", "Turn by turn", id="timeline"), el("p", intro, cls="meta"), blocks)


def _preferences_section(state: GameState, model: UtilityModel, only: str | None = None) -> Markup:
    scenario = state.scenario
    cards = []
    for actor in scenario.negotiators:
        if only is not None and actor.id != only:
            continue
        prefs = scenario.preferences.get(actor.id)
        if prefs is None:
            continue
        start = opening_reservations(scenario).get(actor.id, prefs.reservation.value)
        now = state.reservation(actor.id)
        cards.append(
            el(
                "div",
                el("h3", swatch(scenario, actor.id), actor.name),
                el(
                    "p",
                    f"Played by {_played_by(state, actor.id)}. No-deal value {number(start)} at the start, "
                    f"{number(now)} at the end.",
                    cls="meta",
                ),
                preference_table(scenario, model, actor.id),
                bullet_list(reservation_sentences(scenario, actor.id, prefs.reservation, you=False)),
                el(
                    "div",
                    el("div", f"Confidential brief of {actor.short_name}", cls="label"),
                    paragraphs(actor.confidential_brief),
                    cls="confidential",
                ),
                cls="role-secrets",
            )
        )
    if only is not None:
        return join(
            el("h2", "Your preferences", id="preferences"),
            el(
                "p",
                "What only your side knew: how much each issue mattered, what each option was worth, your red lines "
                "(\u2715) and how your no-deal value moved. The other sides' stay with them: ask them in the debrief.",
                cls="meta",
            ),
            cards,
        )
    return join(
        el("h2", "Hidden preferences revealed", id="preferences"),
        el(
            "p",
            "What each party knew only about itself: how much each issue mattered, what each option was worth, "
            "its red lines (\u2715) and how its no-deal value moved.",
            cls="meta",
        ),
        cards,
    )


def _questions_section(scenario: Scenario, role: str | None = None) -> Markup:
    """The scenario's discussion questions: for everyone and per role (a student's copy: its own role's only)."""
    teaching = scenario.teaching
    parts: list[object] = [el("h2", "Discussion questions", id="questions")]
    if teaching is None or not teaching.discussion_questions:
        parts.append(el("p", "This scenario lists no discussion questions.", cls="meta"))
        return join(parts)
    general = [q.text for q in teaching.discussion_questions if q.role is None]
    if general:
        parts.append(el("ol", [el("li", q) for q in general]))
    for actor in scenario.actors:
        if role is not None and actor.id != role:
            continue
        mine = [q.text for q in teaching.discussion_questions if q.role == actor.id]
        if mine:
            parts += [
                el("h3", swatch(scenario, actor.id), f"For {actor.short_name}"),
                el("ol", [el("li", q) for q in mine]),
            ]
    if teaching.learning_objectives:
        parts += [el("h3", "What this session set out to teach"), bullet_list(teaching.learning_objectives)]
    return join(parts)


# --- the page ----------------------------------------------------------------------------------------------


def build_report(state: GameState, scenario: Scenario | None = None, par: Par | None = None) -> str:
    """The debrief report of `state` as a complete HTML page; `par` compares each score with the same role as
    the computer plays it (see `negotiator.engine.par`)."""
    if scenario is not None and scenario is not state.scenario and scenario.metadata.id != state.scenario.metadata.id:
        raise ValueError(f"the game is for scenario '{state.scenario.metadata.id}', not '{scenario.metadata.id}'")
    scenario = state.scenario
    model = utility_model(scenario)
    records = state.records
    meter_charts = charts.meter_charts(scenario, records) if records else []
    body: list[object] = [
        _header(state),
        _toc(),
        _outcome_section(state),
        _scores_section(state, par),
        el("section", _bargaining_section(state, model), cls="page"),
        el(
            "section",
            el("h2", "Offers against no-deal values", id="offers"),
            el(
                "p",
                "Every offer's value to each party, turn by turn, against what no deal was worth to it at the "
                "time. An offer can only pass when it is above every signatory's dashed line.",
                cls="meta",
            ),
            _figures(charts.offer_charts(state, model), columns=1)
            if state.offers
            else el("p", "No offers were made.", cls="meta"),
            cls="page",
        ),
        el(
            "section",
            el("h2", "Meters over time", id="meters"),
            _figures([charts.reservation_chart(scenario, records), *meter_charts])
            if records
            else el("p", "No turn has finished yet.", cls="meta"),
            cls="page",
        ),
        el("section", _commitments_section(state), cls="page"),
        _timeline_section(state),
        el("section", _preferences_section(state, model), cls="page"),
        el("section", _team_questions_section(state, par), cls="page"),
        # The footer sits inside the last section so it never gets a printed page of its own.
        el("section", _questions_section(scenario), footer(scenario, "Debrief report"), cls="page"),
    ]
    return document(
        f"Debrief report \u2014 {scenario.metadata.title}",
        body,
        description="Debrief report of a Negotiator game",
    )


def _team_questions_section(state: GameState, par: Par | None) -> Markup:
    """The teacher's copy of every team's questions (the human teams', or every role's in a computer-only game)."""
    scenario = state.scenario
    humans = [a.id for a in scenario.negotiators if assessment.is_human(state, a.id)]
    roles = humans or [a.id for a in scenario.negotiators if a.id in scenario.preferences]
    return join(
        el("h2", "Questions for each team", id="team-questions"),
        el(
            "p",
            "Drawn from each team's own moves, with the numbers its screen showed. Each team's student copy "
            "(report --student ROLE) has its own, with a reflection sheet.",
            cls="meta",
        ),
        [assessment.questions_section(state, role, par, heading="h3", answers=False) for role in roles],
    )


def _own_position(state: GameState, model: UtilityModel, role: str) -> Markup:
    """A student's copy of the bargaining section: its own value of the outcome against its own no-deal values,
    and nothing that reads another side's utilities (no frontier, no Nash point, no zone of agreement)."""
    scenario = state.scenario
    value = _outcome_utilities(state, model)[role]
    start = opening_reservations(scenario)[role]
    end = state.reservation(role)
    rows = [
        el("tr", el("th", "What the outcome is worth to you"), el("td", number(value), cls="num")),
        el("tr", el("th", "Your no-deal value at your first move"), el("td", number(start), cls="num")),
        el("tr", el("th", "Your no-deal value at the end"), el("td", number(end), cls="num")),
    ]
    verdict = (
        "The outcome is better for you than no deal was at the start."
        if value > start + 1e-9
        else "The outcome is no better for you than no deal was at the start."
    )
    return join(
        el("h2", "Your outcome against no deal", id="bargaining"),
        el("table", el("tbody", rows)),
        el("p", verdict),
        el(
            "p",
            "Whether a better deal for everyone existed depends on the others' hidden values: the teacher's debrief "
            "shows the frontier once every side has spoken.",
            cls="meta",
        ),
    )


def build_student_report(state: GameState, role: str, par: Par | None = None) -> str:
    """The report as one team may keep it: its own score, values, no-deal values, preferences and questions, the
    public record as its table showed it, and none of the other sides' hidden numbers (no frontier charts, whose
    dots place every package by every party's utility)."""
    scenario = state.scenario
    if role not in scenario.preferences or scenario.actor(role) not in scenario.negotiators:
        roles = ", ".join(a.id for a in scenario.negotiators if a.id in scenario.preferences)
        raise ValueError(f"'{role}' is not a negotiating role of this scenario; choose from: {roles}")
    model = utility_model(scenario)
    records = state.records
    name = actor_name(scenario, role)
    charts_of_role = [c for c in charts.offer_charts(state, model) if c.title == f"Offers as {name} saw them"]
    meter_charts = charts.meter_charts(scenario, records) if records else []
    body: list[object] = [
        _header(state),
        el("p", el("strong", f"The copy for {name}. "), "It shows your side's numbers only.", cls="note"),
        _outcome_section(state, student=True),
        _scores_section(state, par, only=role),
        _own_position(state, model, role),
        el(
            "section",
            el("h2", "Offers as you saw them", id="offers"),
            _figures(charts_of_role, columns=1) if state.offers else el("p", "No offers were made.", cls="meta"),
            cls="page",
        ),
        el(
            "section",
            el("h2", "Meters over time", id="meters"),
            _figures([charts.reservation_chart(scenario, records, only=role), *meter_charts])
            if records
            else el("p", "No turn has finished yet.", cls="meta"),
        ),
        el("section", _commitments_section(state, reveal=frozenset({role})), cls="page"),
        _timeline_section(state, viewer=role),
        el("section", _preferences_section(state, model, only=role), cls="page"),
        el("section", assessment.questions_section(state, role, par), cls="page"),
        el("section", assessment.reflection_sheet(state, role, par), cls="page"),
        el("section", _questions_section(scenario, role), footer(scenario, f"Debrief for {name}"), cls="page"),
    ]
    return document(
        f"Debrief for {name} \u2014 {scenario.metadata.title}",
        body,
        description=f"Debrief of a Negotiator game for {name}",
    )


def _slide(n: int, *children: object) -> Markup:
    """One screen of the projector report; `#slide-N` in the address jumps to it."""
    return el("section", *children, cls="slide", id=f"slide-{n}")


def _timeline_highlights(state: GameState) -> Markup:
    """One row per turn: the events, offers, public red lines, levers, settlements and facilitator actions."""
    scenario = state.scenario
    turns: dict[int, list[LogEntry]] = {}
    for entry in exports.all_entries(state):
        turns.setdefault(entry.turn, []).append(entry)
    rows = []
    for turn, entries in turns.items():
        public = [e for e in entries if e.visibility == "public"]
        events = [str(e.data.get("name") or "") for e in public if e.kind == "event" and e.phase != "facilitator"]
        offers = sum(1 for e in public if e.kind in ("offer", "counter"))
        lines = [
            f"{actor_name(scenario, e.actor)} rules out {_option_label(scenario, e.data['issue'], e.data['option'])}"
            for e in public
            if e.kind == "red_line" and e.data.get("issue")
        ]
        levers = [
            f"{actor_name(scenario, e.actor)}: {scenario.lever(e.data['lever']).name}"
            + (" \u2713" if e.data.get("success") else " \u2717")
            for e in public
            if e.kind == "lever" and e.data.get("lever")
        ]
        settled = [e.text for e in public if e.kind == "settled"]
        teacher = [e.text for e in public if e.data.get("facilitator") or e.phase == "facilitator"]
        what: list[object] = []
        if events:
            what.append(el("div", el("strong", "News: "), "; ".join(events)))
        if offers:
            what.append(el("div", count(offers, "offer")))
        if lines:
            what.append(el("div", el("strong", "Public red lines: "), "; ".join(lines)))
        if levers:
            what.append(el("div", el("strong", "Levers: "), "; ".join(levers)))
        if settled:
            what.append(el("div", el("strong", "Agreed: "), " ".join(settled)))
        if teacher:
            what.append(el("div", el("span", "Facilitator", cls="badge facilitator"), " ".join(teacher)))
        rows.append(el("tr", el("th", f"Turn {turn}"), el("td", what or "\u2014")))
    return el("table", el("tbody", rows), cls="highlights")


def build_projector_report(state: GameState, par: Par | None = None) -> str:
    """The debrief to project: one idea per screen in large type (how it ended, the deal against what was
    possible, the scores against the same role, the commitments ledger, the timeline, the questions)."""
    scenario = state.scenario
    model = utility_model(scenario)
    outcome = state.outcome()
    start = analyze(model, opening_reservations(scenario))
    end = analyze(model, {a: state.reservation(a) for a in model.parties})
    utilities = _outcome_utilities(state, model)
    complete = all(i.id in state.settled for i in scenario.issues)
    label = "the deal" if complete and state.is_over() else "the outcome" if state.is_over() else "so far"
    ended = (
        [el("p", el("strong", KIND_NAMES.get(outcome.ending, outcome.ending), ". "), outcome.ending_text, cls="lead")]
        if outcome
        else [el("p", f"Saved during turn {state.turn} of {state.turns}; the game is not over.", cls="lead")]
    )
    terms = [
        el(
            "tr",
            el("th", issue.name),
            el(
                "td",
                _option_label(scenario, issue.id, state.settled[issue.id])
                if issue.id in state.settled
                else el("em", "not settled"),
            ),
        )
        for issue in scenario.issues
    ]
    names = [actor_name(scenario, a) for a in model.parties]
    head = el("tr", el("th", ""), *[el("th", n, cls="num") for n in names])

    def row(title: str, values: dict[str, float] | None) -> Markup:
        return el(
            "tr",
            el("th", title),
            *[el("td", number(values[a]) if values else "\u2014", cls="num") for a in model.parties],
        )

    possible = el(
        "table",
        el("thead", head),
        el(
            "tbody",
            row(label.capitalize(), utilities),
            row("No deal, at the start", start.reservations),
            row("No deal, at the end", end.reservations),
            row("Nash point (end)", end.nash_utilities),
        ),
    )
    findings = []
    if complete:
        package = model.package_from_ids(state.settled)
        findings.append(
            "On the Pareto frontier: no package was better for one party without being worse for another."
            if start.is_pareto_optimal(package)
            else "Not on the Pareto frontier: another package was at least as good for every party and better for one."
        )
    findings.append(f"Zone of possible agreement: {start.zopa_text} at the start, {end.zopa_text} at the end.")
    score_rows = []
    if outcome is not None:
        for actor_id, score in outcome.scores.items():
            score_rows.append(
                el(
                    "tr",
                    el("td", swatch(scenario, actor_id), el("strong", actor_name(scenario, actor_id)), cls="who"),
                    el("td", el("strong", signed(score.total, 1)), cls="num"),
                    el("td", _par_text(par, actor_id, actor_name(scenario, actor_id), score.total)),
                )
            )
    scores = (
        el(
            "table",
            el(
                "thead",
                el("tr", el("th", "Party"), el("th", "Score", cls="num"), el("th", "Against the same role")),
            ),
            el("tbody", score_rows),
        )
        if score_rows
        else el("p", "Scores are given when the game ends.")
    )
    teaching = scenario.teaching
    general = [q.text for q in teaching.discussion_questions if q.role is None] if teaching else []
    on_frontier = start.is_pareto_optimal(model.package_from_ids(state.settled)) if complete else None
    pareto = charts.pareto_charts(scenario, model, start, utilities, label, end=end, on_frontier=on_frontier)
    body: list[object] = [
        _slide(
            1,
            el("p", f"Debrief \u00b7 {scenario.metadata.title}", cls="kicker"),
            el("h1", "How it ended"),
            *ended,
            el("p", scenario.metadata.content_note, cls="meta") if scenario.metadata.content_note else None,
        ),
        _slide(2, el("h2", "The terms" if complete else "What was settled"), el("table", el("tbody", terms))),
        _slide(3, el("h2", f"{label.capitalize()} against what was possible"), possible, bullet_list(findings)),
        _slide(
            4,
            el("h2", "Where it sits, pair by pair"),
            el("div", [el("figure", c.svg) for c in pareto], cls="slide-charts"),
            el(
                "p",
                "Grey dots: packages that cross no red line. Dotted lines: no-deal values at the start; coloured "
                "lines and the shaded corner: at the end. A deal on the frontier of all parties can sit inside the "
                "frontier of one pair: the third party would lose by moving it.",
                cls="meta",
            ),
        ),
        _slide(
            5,
            el("h2", "Scores, each against the same role"),
            scores,
            el("p", "Roles start from different positions by design: compare each only with itself.", cls="meta"),
        ),
        _slide(6, _commitments_section(state)),
        _slide(7, el("h2", "Turn by turn"), _timeline_highlights(state)),
        _slide(8, el("h2", "Questions"), el("ol", [el("li", q) for q in general]) if general else None),
    ]
    return document(
        f"Debrief (projector) \u2014 {scenario.metadata.title}",
        body,
        description="Debrief of a Negotiator game, for projecting",
        extra_style=PROJECTOR_STYLE,
    )


# Large type and one screen per idea: sizes follow the screen's width (clamped), so a projected 1280 x 720 and
# 1920 x 1080 show the same picture and read from the back of a classroom. Printed, each slide is one landscape
# page.
PROJECTOR_STYLE = """
body { background: #fff; font-size: clamp(16px, 1.4vw, 28px); line-height: 1.35; }
main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
section.slide { min-height: 100vh; padding: 5vh 6vw; display: flex; flex-direction: column;
                justify-content: center; border-bottom: 4px solid var(--rule); break-after: page;
                page-break-after: always; }
section.slide h1 { font-size: clamp(36px, 3.4vw, 68px); }
section.slide h2 { font-size: clamp(28px, 2.5vw, 50px); border-bottom-width: 3px; margin-top: 0; }
section.slide .kicker { font-size: clamp(14px, 1.15vw, 23px); }
section.slide .lead, section.slide li, section.slide p { font-size: clamp(17px, 1.55vw, 31px); }
section.slide .meta { font-size: clamp(13px, 1.15vw, 23px); }
section.slide table { font-size: clamp(15px, 1.35vw, 27px); }
section.slide th, section.slide td { padding: .3em .5em; }
section.slide .badge { font-size: clamp(10px, .85vw, 17px); }
section.slide .slide-charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(16vw, 1fr));
                              gap: 1.5vw; }
section.slide .slide-charts figure { margin: 0; }
section.slide .slide-charts svg { width: 100%; height: auto; max-height: 66vh; }
section.slide table.highlights td div { margin-bottom: .2em; font-size: clamp(13px, 1.15vw, 23px); }
section.slide table.highlights tbody th { width: 12%; white-space: nowrap; }
@page { size: landscape; margin: 10mm; }
@media print { section.slide { min-height: auto; border: 0; } body { font-size: 18pt; } }
"""


def write_report(
    state: GameState,
    scenario: Scenario | None,
    path: str | Path,
    format: Format = "html",
    par: Par | None = None,
    *,
    projector: bool = False,
    student: str | None = None,
) -> list[Path]:
    """Write the report (html: the teacher's, `projector`'s or one team's `student` copy), the turn-log export
    (json, csv) or the gradebook (two CSV files), and return the files written.

    The end screen and the `report` command both call this. Files are written atomically, so a failure
    never leaves half a report behind. CSV writes two files (see `negotiator.classroom.exports`).
    """
    if format not in FORMATS:
        raise ValueError(f"unknown report format '{format}'; choose from: {', '.join(FORMATS)}")
    if format == "json":
        return exports.write_json(state, path)
    if format == "csv":
        return exports.write_csv(state, path)
    if format == "gradebook":
        return assessment.write_gradebook(state, path, par)
    target = Path(path)
    if student is not None:
        text = build_student_report(state, student, par)
    elif projector:
        text = build_projector_report(state, par)
    else:
        text = build_report(state, scenario, par)
    exports.write_file(target, text)
    return [target]


def class_set_paths(state: GameState, path: str | Path) -> dict[str, Path]:
    """Where `write_class_set` puts each copy: "" the teacher's report at `path`, "projector" beside it as
    NAME-projector.html, and each human team's copy as NAME-ROLE.html (every role's in a computer-only game)."""
    target = Path(path)
    scenario = state.scenario
    humans = [a.id for a in scenario.negotiators if assessment.is_human(state, a.id)]
    roles = humans or [a.id for a in scenario.negotiators if a.id in scenario.preferences]
    stem, suffix = target.stem, target.suffix or ".html"
    paths = {"": target, "projector": target.with_name(f"{stem}-projector{suffix}")}
    paths.update({role: target.with_name(f"{stem}-{role}{suffix}") for role in roles})
    return paths


def write_class_set(state: GameState, path: str | Path, par: Par | None = None) -> list[Path]:
    """The teacher's report, the projector version and each team's own copy, side by side (the end screen's
    export): everything a debrief needs from one game in one go. Returns the files written, the report first."""
    written = []
    for key, target in class_set_paths(state, path).items():
        if key == "":
            text = build_report(state, None, par)
        elif key == "projector":
            text = build_projector_report(state, par)
        else:
            text = build_student_report(state, key, par)
        exports.write_file(target, text)
        written.append(target)
    return written
