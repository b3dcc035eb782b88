"""Printable role briefs and the teacher's guide, as self-contained HTML pages.

A role brief is handed to one team: it holds the public picture, that role's confidential brief, goals,
priorities, red lines, no-deal value and levers, and never another role's confidential information. The
teacher's guide holds everything: all confidential information, the bargaining analysis, objectives,
questions, timings and how to run the session with this program.
"""

from __future__ import annotations

from pathlib import Path

from negotiator.classroom import charts
from negotiator.classroom.describe import (
    actor_name,
    bullet_list,
    condition_text,
    effects_text,
    footer,
    number,
    opening_reservations,
    paragraphs,
    preference_table,
    red_line_items,
    reservation_sentences,
    sources_block,
    swatch,
    trigger_text,
)
from negotiator.classroom.html import Markup, document, el, join
from negotiator.classroom.plans import HANDOVER_SECONDS, SUMMARY_SECONDS, group_problems, plan_fit, plan_problems, teams
from negotiator.engine.analysis import analyze
from negotiator.engine.meters import initial_meters, meter_key
from negotiator.engine.utility import UtilityModel, utility_model
from negotiator.files import atomic_write, ensure_folder
from negotiator.scenario.models import Actor, LessonPlan, Lever, Option, Scenario, Timing
from negotiator.words import count

TEACHER_FILE = "teacher-guide.html"
RULES_FILE = "rules-handout.html"
INDEX_FILE = "index.html"
ALL_ROLES_FILE = "all-role-briefs.html"


def role_file(actor: Actor) -> str:
    return f"role-{actor.id}.html"


# --- shared blocks -----------------------------------------------------------------------------------


def _situation(scenario: Scenario) -> Markup:
    m = scenario.metadata
    return join(
        el("p", m.summary, cls="lead"),
        el("p", el("strong", "When: "), m.period, cls="meta"),
        el("div", el("strong", "Please note: "), m.content_note, cls="note") if m.content_note else None,
    )


def _game_rules(scenario: Scenario) -> Markup:
    """The rules a player needs, in a few sentences."""
    rules = scenario.rules
    deal_issues = rules.deal_issues or [i.id for i in scenario.issues]
    names = ", ".join(scenario.issue(i).name for i in deal_issues)
    items = [
        f"The game lasts at most {rules.turns} turns. Each turn, every negotiating party makes one move, in an "
        "order that rotates each turn.",
        f"In a move you may answer offers made to you, make up to {rules.offers_per_turn} offer"
        f"{'s' if rules.offers_per_turn != 1 else ''}, use levers (you have {rules.action_points} action points per "
        "turn), and declare a red line in public.",
        "An offer settles its issues once every party that must sign them has accepted; it is ratified at the end "
        f"of the turn. A deal needs: {names}.",
        "Levers resolve together at the end of the turn; until then the others do not see them.",
    ]
    commitments = rules.commitments
    penalty = f"{commitments.score_penalty:g} points"
    if commitments.effects:
        penalty += " and " + effects_text(scenario, commitments.effects, owner="__self__", you="__self__").lower()
    items.append(
        "A red line declared in public is an audience cost: if you later propose or accept that option, you lose "
        f"{penalty}."
    )
    for ending in rules.endings:
        items.append(f"The game can end early ({ending.kind.replace('_', ' ')}): {ending.text}")
    scoring = rules.scoring
    items.append(
        f"Score: {scoring.deal_points:g} points per unit the outcome is worth above your starting no-deal value, "
        "plus points for meters that moved your way, minus broken commitments, plus or minus points for how the "
        "game ended."
    )
    return bullet_list(items) or Markup("")


def _meter_scope(scenario: Scenario, meter_id: str) -> str:
    """ "(one for everyone)", "(each actor has its own)" or "(held by the Authority)"."""
    if scenario.meter(meter_id).scope == "shared":
        return "(one for everyone)"
    start = initial_meters(scenario)
    holders = [a.short_name for a in scenario.actors if meter_key(meter_id, a.id) in start]
    if len(holders) == len(scenario.actors):
        return "(each actor has its own)"
    return f"(held by {', '.join(holders)})"


def _meters_list(scenario: Scenario) -> Markup | None:
    if not scenario.shown_meters:
        return None
    return el(
        "dl",
        [
            join(
                el(
                    "dt",
                    meter.name,
                    " ",
                    el(
                        "span",
                        _meter_scope(scenario, meter.id),
                        cls="meta",
                    ),
                ),
                el("dd", meter.description),
            )
            for meter in scenario.shown_meters
        ],
        cls="glossary",
    )


def _glossary(scenario: Scenario) -> Markup | None:
    teaching = scenario.teaching
    if teaching is None or not teaching.glossary:
        return None
    return el(
        "dl",
        [join(el("dt", entry.term), el("dd", entry.definition)) for entry in teaching.glossary],
        cls="glossary glossary-grid",
    )


def _header(scenario: Scenario, kicker: str, title: str, subtitle: str, role_colour: str | None = None) -> Markup:
    return el(
        "header",
        el("p", kicker, cls="kicker"),
        el("h1", title),
        el("p", subtitle, cls="meta"),
        cls="band",
        style=f"--role:{role_colour}" if role_colour else None,
    )


def _red_lines_block(scenario: Scenario, actor_id: str) -> list[Markup]:
    """The role's red lines and what they mean, or one sentence that there are none (never both)."""
    reds = bullet_list(red_line_items(scenario, actor_id), cls="redlines")
    if reds is None:
        return [
            el(
                "p",
                "You have no absolute red lines: everything is negotiable at a price. You may still announce one "
                "in public to make a position credible, but backing down from it later costs you.",
            )
        ]
    note = (
        "You will never accept a package containing one of these. You may announce a red line in public to make it "
        "credible, but backing down from a public red line later costs you."
    )
    return [reds, el("p", note, cls="meta")]


# --- role briefs --------------------------------------------------------------------------------------


def _what_you_could_give(scenario: Scenario, model: UtilityModel, actor_id: str) -> Markup | None:
    """The issues that matter least to the role and what it could live with on them: the ground to trade."""
    weights = model.weights[actor_id]
    order = sorted(range(len(scenario.issues)), key=lambda k: weights[k])[:2]
    items = []
    for k in order:
        issue = scenario.issues[k]
        values = model.values[actor_id][k]
        red = model.red_lines[actor_id][k]
        options = [(values[o], opt.label) for o, opt in enumerate(issue.options) if o not in red]
        options.sort(reverse=True)
        best, rest = options[0], options[1:]
        text = f"{issue.name} ({weights[k]:.0%} of your interest): your best is {best[1]} ({number(best[0])})"
        if rest:
            text += "; you could give " + ", ".join(f"{label} ({number(v)})" for v, label in rest)
        items.append(text + ".")
    if not items:
        return None
    return join(
        el("p", "Giving ground where it costs you least, to win what matters most, is how both sides gain:"),
        bullet_list(items),
    )


def _lever_line(scenario: Scenario, lever: Lever, you: str) -> Markup:
    """A lever in one list item: name, cost, target, chance, what it does and what it changes."""
    facts = [count(lever.cost, "action point")]
    if lever.targets:
        facts.append("on " + " or ".join(actor_name(scenario, t) for t in lever.targets))
    facts.append(f"{lever.success_chance:.0%} chance" if lever.success_chance < 1 else "always works")
    if lever.cooldown:
        facts.append(f"then {count(lever.cooldown, 'turn')} to wait")
    if lever.uses:
        facts.append(f"at most {count(lever.uses, 'use')}")
    target = lever.targets[0] if len(lever.targets) == 1 else None
    parts: list[object] = [el("strong", lever.name), f" ({', '.join(facts)}). ", lever.description]
    if lever.conditions:
        parts.append(
            " Only when " + "; ".join(condition_text(scenario, c, lever.owner, you) for c in lever.conditions) + "."
        )
    if lever.costs:
        parts.append(" Costs: " + effects_text(scenario, lever.costs, lever.owner, you, target) + ".")
    parts.append(" If it works: " + effects_text(scenario, lever.effects, lever.owner, you, target) + ".")
    if lever.failure_effects:
        parts.append(" If it fails: " + effects_text(scenario, lever.failure_effects, lever.owner, you, target) + ".")
    return el("li", parts)


def _scoring_block(scenario: Scenario, actor: Actor) -> Markup:
    scoring = scenario.rules.scoring
    per_hundredth = scoring.deal_points / 100
    return join(
        el(
            "p",
            f"You score {scoring.deal_points:g} points per unit ({per_hundredth:g} per 0.01) that the outcome is "
            "worth to you above your no-deal value at the start, plus points for meters that moved your way, minus "
            f"{scenario.rules.commitments.score_penalty:g} for each public red line you back down from, plus or "
            "minus points for how the game ended.",
        ),
        el(
            "p",
            el("strong", "Against the same role: "),
            f"your score is compared only with other teams who played {actor.short_name}, never with the other "
            "sides' scores. The roles start from different positions, so no side can \u201cbeat\u201d another.",
        ),
    )


WORKSHEET = (
    "Our two most important issues, and why",
    "Our first offer (one option per issue)",
    "What we could give, and what we want in return",
    "The least we will accept (check it is worth more than our no-deal value)",
    "What we think each other side wants most",
    "Which lever first, on whom, and why",
)
#: The jobs within a team (the teacher's guide gives them by group size), one line of names under the worksheet.
JOBS = ("negotiator", "analyst", "note-taker", "press officer")


def _worksheet() -> Markup:
    """The prompts in two columns, each over a box to write in: half the height of one prompt per row, so the
    role sheet stays on two printed pages on Letter as on A4."""
    cells = [el("div", el("div", prompt, cls="prompt"), el("div", "", cls="write"), cls="cell") for prompt in WORKSHEET]
    jobs = el(
        "div",
        el("span", "Jobs (names): ", cls="prompt"),
        [el("span", f"{job} ", el("span", "", cls="blank")) for job in JOBS],
        cls="jobs",
    )
    return join(el("div", cells, cls="worksheet"), jobs)


def role_section(scenario: Scenario, actor_id: str) -> Markup:
    """One role's sheet (a page of its own when several are printed together): only what differs by role.

    The rules, the parties' public pictures and the glossary are the same for everyone, so they are in the
    shared rules handout; the sheet fits two printed pages."""
    actor = scenario.actor(actor_id)
    model = utility_model(scenario)
    prefs = scenario.preferences.get(actor.id)
    levers = [lv for lv in scenario.levers if lv.owner == actor.id]
    parts: list[object] = [
        _header(
            scenario,
            f"Role sheet \u00b7 {scenario.metadata.title}",
            actor.name,
            f"You play {actor.short_name}. Confidential: for your team only. Read with the rules handout.",
            actor.colour,
        ),
        el("h2", "Your situation"),
        el("p", el("strong", "What everyone knows: "), squash_text(actor.public_brief)),
        el(
            "div",
            el("div", "Confidential \u2014 only your team knows this", cls="label"),
            paragraphs(actor.confidential_brief),
            cls="confidential",
        ),
    ]
    if actor.goals or prefs is not None:
        parts.append(el("h2", "What you want and why"))
    if actor.goals:
        parts.append(bullet_list(actor.goals))
    if prefs is not None:
        parts += [
            el(
                "p",
                "Importance is your share of interest in each issue; each option is worth 0 (worst for you) to 1 "
                "(best). A package's value is the importance-weighted sum.",
                cls="meta",
            ),
            preference_table(scenario, model, actor.id),
            el("h2", "What you could give"),
            _what_you_could_give(scenario, model, actor.id),
            el("h2", "Your red lines"),
            *_red_lines_block(scenario, actor.id),
            el("h2", "If there is no deal"),
            bullet_list(reservation_sentences(scenario, actor.id, prefs.reservation, you=True)),
        ]
    if levers:
        parts += [
            el("h2", "Your levers"),
            el("p", "Levers cost action points and resolve at the end of the turn.", cls="meta"),
            el("ul", [_lever_line(scenario, lv, actor.id) for lv in levers], cls="levers"),
        ]
    parts += [
        el("h2", "How you are scored"),
        _scoring_block(scenario, actor),
        el("h2", "Preparation worksheet"),
        _worksheet(),
        footer(scenario, f"Role sheet for {actor.short_name}"),
    ]
    return el("section", parts, cls="page role", id=f"role-{actor.id}", style=f"--role:{actor.colour}")


def squash_text(text: str) -> str:
    """Author text (folded YAML) on one line, for a sentence run into a paragraph."""
    return " ".join(text.split())


def rules_handout(scenario: Scenario) -> str:
    """The page every team gets once: the situation, the rules, the parties' public pictures, the words."""
    parts: list[object] = [
        _header(
            scenario, f"Rules handout \u00b7 {scenario.metadata.title}", scenario.metadata.title, "For every team."
        ),
        el("h2", "The situation"),
        _situation(scenario),
        el("h2", "How the game runs"),
        _game_rules(scenario),
    ]
    meters = _meters_list(scenario)
    if meters is not None:
        parts += [el("h3", "What the game keeps track of"), meters]
    parts += [
        el("h2", "The parties"),
        el(
            "div",
            [
                el(
                    "div",
                    el("h3", swatch(scenario, a.id), a.name),
                    el("p", "Negotiates at the table" if a.negotiates else "Does not sit at the table", cls="meta"),
                    paragraphs(a.public_brief),
                    cls="card",
                )
                for a in scenario.actors
            ],
            cls="cards",
        ),
    ]
    glossary = _glossary(scenario)
    if glossary is not None:
        parts += [el("h2", "Words to know"), glossary]
    parts += [
        el("h2", "Sources"),
        sources_block(scenario, _public_sources(scenario)),
        footer(scenario, "Rules handout"),
    ]
    return document(f"Rules handout \u2014 {scenario.metadata.title}", parts, description="Rules for every team")


def _public_sources(scenario: Scenario) -> list[tuple[str, str]]:
    quotes: list[tuple[str, str]] = []
    for issue in scenario.issues:
        if issue.source:
            quotes.append((f"Issue: {issue.name}", issue.source))
    return quotes


def role_brief(scenario: Scenario, actor_id: str) -> str:
    """The whole HTML page for one playable role."""
    actor = scenario.actor(actor_id)
    return document(
        f"{actor.short_name} \u2014 role brief \u2014 {scenario.metadata.title}",
        role_section(scenario, actor_id),
        description=f"Confidential role brief for {actor.name}",
    )


def all_role_briefs(scenario: Scenario) -> str:
    """Every playable role's brief in one file, each starting on a new page: print once, hand out."""
    return document(
        f"All role briefs \u2014 {scenario.metadata.title}",
        [role_section(scenario, a.id) for a in scenario.playable],
        description="Every role brief; each role starts on a new page",
    )


# --- the teacher's guide ---------------------------------------------------------------------------------


def _option_span(scenario: Scenario, issue_id: str, n: int, option: Option) -> Markup:
    """One option in the issues table: its place, its label, and whose consent it needs."""
    consent = scenario.consent_note(issue_id, option.id)
    return el("span", f"{n}. {option.label}", f" ({consent})" if consent else None, cls="opt")


def _at_a_glance(scenario: Scenario) -> Markup:
    rules = scenario.rules
    roles = el(
        "table",
        el("thead", el("tr", el("th", "Role"), el("th", "Seat"), el("th", "The computer plays it as"))),
        el(
            "tbody",
            [
                el(
                    "tr",
                    el("td", swatch(scenario, a.id), el("strong", a.short_name), " \u2014 ", a.name),
                    el(
                        "td",
                        ("playable" if a.playable else "not playable")
                        + (", negotiates" if a.negotiates else ", does not negotiate"),
                    ),
                    el("td", f"{a.ai.personality}, {a.ai.difficulty}" if a.negotiates else "\u2014"),
                )
                for a in scenario.actors
            ],
        ),
    )
    issues = el(
        "table",
        el("thead", el("tr", el("th", "Issue"), el("th", "Options, in order"), el("th", "Must sign"))),
        el(
            "tbody",
            [
                el(
                    "tr",
                    el("td", el("strong", i.name), el("div", i.description, cls="meta")),
                    el("td", [_option_span(scenario, i.id, n, o) for n, o in enumerate(i.options, start=1)]),
                    el("td", ", ".join(actor_name(scenario, s) for s in i.signatories)),
                )
                for i in scenario.issues
            ],
        ),
    )
    facts = (
        f"{rules.turns} turns at most \u00b7 {rules.action_points} action points per turn \u00b7 "
        f"{count(rules.offers_per_turn, 'offer')} per move \u00b7 "
        f"{len(scenario.levers)} levers \u00b7 {len(scenario.events)} events"
    )
    return join(el("p", facts, cls="meta"), el("h3", "Roles"), roles, el("h3", "Issues"), issues)


def _phases_table(phases: list[Timing]) -> Markup:
    total = sum(t.minutes for t in phases)
    return el(
        "table",
        el("thead", el("tr", el("th", "Phase"), el("th", "Minutes", cls="num"), el("th", "What you do"))),
        el(
            "tbody",
            [
                el("tr", el("td", el("strong", t.phase)), el("td", str(t.minutes), cls="num"), el("td", t.notes))
                for t in phases
            ],
            el("tr", el("td", el("strong", "Total")), el("td", el("strong", str(total)), cls="num"), el("td", "")),
        ),
    )


def _timer_text(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min" + (f" {rest} s" if rest else "") if minutes else f"{rest} s"


def _lesson_plan(scenario: Scenario, plan: LessonPlan) -> Markup:
    fit = plan_fit(scenario, plan)
    settings = [f"deadline: turn {fit.turns}"]
    if fit.timer_seconds:
        settings.append(f"move timer: {_timer_text(fit.timer_seconds)}")
    worst = (
        f"At worst (every move running to the timer, {HANDOVER_SECONDS} s to hand over the keyboard, "
        f"{SUMMARY_SECONDS} s for each turn's summary) the game takes {fit.worst_minutes} minutes of the "
        f"{fit.phase_minutes} for “{plan.game_phase}”."
        if fit.worst_minutes is not None
        else "Without a move timer nothing bounds how long the game takes."
    )
    return el(
        "div",
        el("h3", f"{plan.name} ({plan.minutes} minutes)"),
        el("p", el("strong", "Before the lesson: "), plan.homework) if plan.homework else None,
        el(
            "p",
            el("strong", "Set at the start: "),
            "; ".join(settings),
            f" (choose \u201cPlan: {plan.minutes} minutes\u201d on the setup screen, which sets both; or the "
            "facilitator panel, F9, or ",
            el("code", f"fac deadline {fit.turns}"),
            " in text mode). ",
            worst,
        ),
        _phases_table(plan.phases),
        cls="keep",
    )


def _groups_block(scenario: Scenario) -> Markup | None:
    teaching = scenario.teaching
    if teaching is None or not teaching.groups:
        return None
    per_table = teams(scenario)
    rows = [
        el(
            "tr",
            el("td", f"{g.students_from}\u2013{g.students_to}"),
            el("td", str(g.tables), cls="num"),
            el("td", str(g.tables * per_table), cls="num"),
            el("td", f"{g.team_size_from}\u2013{g.team_size_to}"),
            el("td", g.notes),
        )
        for g in teaching.groups
    ]
    return el(
        "table",
        el(
            "thead",
            el(
                "tr",
                el("th", "Students"),
                el("th", "Games", cls="num"),
                el("th", "Teams", cls="num"),
                el("th", "Per team"),
                el("th", "How"),
            ),
        ),
        el("tbody", rows),
    )


def _plan(scenario: Scenario) -> Markup | None:
    teaching = scenario.teaching
    if teaching is None:
        return None
    parts: list[object] = []
    problems = plan_problems(scenario) + group_problems(scenario)
    if problems:
        parts.append(el("div", el("strong", "These plans do not add up: "), bullet_list(problems), cls="note"))
    for plan in teaching.plans:
        parts.append(_lesson_plan(scenario, plan))
    if teaching.timings:
        parts += [el("h3", "Suggested timings"), _phases_table(teaching.timings)]
    groups = _groups_block(scenario)
    if groups is not None:
        parts += [
            el("h3", "Roles and jobs by class size"),
            el("p", f"One team per role, {teams(scenario)} teams to a game; each game needs its own computer."),
            groups,
        ]
    if teaching.jobs:
        parts += [
            el("h3", "Jobs within a team"),
            el("dl", [join(el("dt", j.name), el("dd", j.does)) for j in teaching.jobs], cls="glossary"),
        ]
    if teaching.turn_timer_seconds:
        after = "the move ends (auto-pass)" if teaching.on_timeout == "pass" else "the computer finishes the move"
        parts.append(
            el(
                "p",
                el("strong", "Suggested move timer: "),
                f"the setup screen starts with {_timer_text(teaching.turn_timer_seconds)} per human move; when it "
                f"runs out, {after}. Set the plan's timer there or in the facilitator panel.",
            )
        )
    return join(parts) if parts else None


def _how_to_run(scenario: Scenario, scenario_arg: str) -> Markup:
    """The session with this program, step by step (kept in step with docs/classroom.md)."""
    playable = [a.id for a in scenario.playable]
    roles = " ".join(f"--role {r}" for r in playable)
    steps = [
        join(
            "Print the briefs: ",
            el("code", f"python main.py briefs{scenario_arg} --out briefs"),
            ". Give each team its own role file (or print ",
            el("code", ALL_ROLES_FILE),
            ", one role per page); keep this guide to yourself.",
        ),
        join(
            "Start the game: ",
            el("code", "python main.py"),
            ", choose the scenario and, for each role, a human "
            "(type the team's name) or the computer. Several human roles share one machine in turn (hotseat); a "
            "privacy screen hides each team's view until it takes the keyboard. In a terminal: ",
            el("code", f"python main.py text{scenario_arg} {roles}"),
            ".",
        ),
        join(
            "Steer the session from the facilitator panel: press ",
            el("kbd", "F9"),
            " (or use the menu). Pause "
            "and resume; set a per-move timer; inject one of the events listed below; adjust a meter; send a news "
            "bulletin; extend or shorten the deadline. Every facilitator action is marked in the game log and in "
            "the report.",
        ),
        join(
            "After the game, export the debrief report from the end screen, or from any save: ",
            el("code", "python main.py report SAVE.json --out report.html"),
            ". Open it in a browser to project or print it. ",
            el("code", "--format csv"),
            " or ",
            el("code", "--format json"),
            " export the turn log for grading.",
        ),
        join(
            "Ask \u201cwhat if?\u201d: replay a saved game from the start of any turn and play on, keeping the "
            "original: ",
            el("code", "python main.py text --load SAVE.json --from-turn N"),
            ".",
        ),
    ]
    return el("ol", [el("li", s) for s in steps])


def _analysis_block(scenario: Scenario) -> Markup:
    model = utility_model(scenario)
    result = analyze(model, opening_reservations(scenario))
    names = [actor_name(scenario, a) for a in result.actors]
    lines = [
        f"The outcome space has {result.outcome_space_size} packages (one option for every issue); "
        f"{result.feasible_size} cross no party's red line.",
        "No-deal values at the first move: "
        + ", ".join(f"{n} {number(result.reservations[a])}" for n, a in zip(names, result.actors, strict=True))
        + ".",
        f"Zone of possible agreement at the start: {result.zopa_text} "
        "worth at least its no-deal value to every party. Levers and events move the no-deal values and so "
        "widen or narrow it during the game.",
        f"Pareto frontier: {len(result.frontier)} packages that cannot be improved for one party without "
        "hurting another.",
    ]
    parts: list[object] = [bullet_list(lines)]
    if result.nash is not None and result.nash_utilities is not None:
        labels = result.labels(result.nash)
        parts += [
            el("h3", "Nash bargaining point at the start"),
            el(
                "table",
                el("tbody", [el("tr", el("th", i.name), el("td", labels[i.id])) for i in scenario.issues]),
            ),
            el(
                "p",
                "Value to each party: "
                + ", ".join(
                    f"{n} {number(result.nash_utilities[a])}" for n, a in zip(names, result.actors, strict=True)
                )
                + ". A reference point for how the gains could be shared, not a prediction or a verdict.",
                cls="meta",
            ),
        ]
    else:
        parts.append(
            el("p", "There is no Nash point at the start: no package beats no deal for every party.", cls="meta")
        )
    figures = [el("figure", c.svg, el("figcaption", c.caption)) for c in charts.pareto_charts(scenario, model, result)]
    parts.append(el("div", figures, cls="charts") if len(figures) > 1 else join(figures))
    return join(parts)


def _confidential_all(scenario: Scenario) -> Markup:
    model = utility_model(scenario)
    sections = []
    for actor in scenario.actors:
        prefs = scenario.preferences.get(actor.id)
        parts: list[object] = [
            el("h3", swatch(scenario, actor.id), actor.name, f" ({actor.short_name})"),
            el(
                "div",
                el("div", f"Confidential brief of {actor.short_name}", cls="label"),
                paragraphs(actor.confidential_brief),
                cls="confidential",
            ),
        ]
        if actor.goals:
            parts += [el("h4", "Goals"), bullet_list(actor.goals)]
        if prefs is not None:
            reds = red_line_items(scenario, actor.id)
            parts += [
                el("h4", "Priorities"),
                preference_table(scenario, model, actor.id),
                el("h4", "Red lines"),
                bullet_list(reds) or el("p", "None."),
                el("h4", "No-deal value"),
                bullet_list(reservation_sentences(scenario, actor.id, prefs.reservation, you=False)),
            ]
        levers = [lv for lv in scenario.levers if lv.owner == actor.id]
        if levers:
            parts += [el("h4", "Levers"), bullet_list([f"{lv.name} ({lv.cost} AP): {lv.description}" for lv in levers])]
        sections.append(el("div", parts, cls="role-secrets"))
    return join(sections)


def _events_table(scenario: Scenario) -> Markup | None:
    if not scenario.events:
        return None
    return el(
        "table",
        el("thead", el("tr", el("th", "Event"), el("th", "Fires by itself"), el("th", "Effects"))),
        el(
            "tbody",
            [
                el(
                    "tr",
                    el("td", el("strong", e.name), el("div", e.id, cls="meta")),
                    el("td", trigger_text(scenario, e.trigger)),
                    el("td", effects_text(scenario, e.effects)),
                )
                for e in scenario.events
            ],
        ),
    )


def _questions(scenario: Scenario) -> Markup | None:
    teaching = scenario.teaching
    if teaching is None or not teaching.discussion_questions:
        return None
    general = [q.text for q in teaching.discussion_questions if q.role is None]
    parts: list[object] = []
    if general:
        parts += [el("h3", "For everyone"), el("ol", [el("li", q) for q in general])]
    for actor in scenario.actors:
        mine = [q.text for q in teaching.discussion_questions if q.role == actor.id]
        if mine:
            parts += [
                el("h3", swatch(scenario, actor.id), f"For {actor.short_name}"),
                el("ol", [el("li", q) for q in mine]),
            ]
    return join(parts)


def _all_sources(scenario: Scenario) -> list[tuple[str, str]]:
    quotes: list[tuple[str, str]] = []
    for actor in scenario.actors:
        if actor.source:
            quotes.append((f"Role: {actor.short_name}", actor.source))
    for meter in scenario.meters:
        if meter.source:
            quotes.append((f"Meter: {meter.name}", meter.source))
    for issue in scenario.issues:
        if issue.source:
            quotes.append((f"Issue: {issue.name}", issue.source))
    for actor_id, prefs in scenario.preferences.items():
        if prefs.reservation.source:
            quotes.append((f"No-deal value of {actor_name(scenario, actor_id)}", prefs.reservation.source))
    for lever in scenario.levers:
        if lever.source:
            quotes.append((f"Lever: {lever.name} ({actor_name(scenario, lever.owner)})", lever.source))
    for event in scenario.events:
        if event.source:
            quotes.append((f"Event: {event.name}", event.source))
    return quotes


def teacher_guide(scenario: Scenario, scenario_arg: str = "") -> str:
    """The teacher's guide page. `scenario_arg` (e.g. " --scenario PATH") is shown in the commands."""
    teaching = scenario.teaching
    parts: list[object] = [
        _header(
            scenario,
            f"Teacher's guide \u00b7 {scenario.metadata.title}",
            scenario.metadata.title,
            "For the teacher only: this guide contains every role's confidential information.",
        ),
        el(
            "nav",
            el("strong", "Contents"),
            el(
                "ol",
                [
                    el("li", el("a", label, href=f"#{anchor}"))
                    for anchor, label in (
                        ("glance", "The scenario at a glance"),
                        ("objectives", "Learning objectives"),
                        ("plan", "Session plan"),
                        ("run", "Running the session with Negotiator"),
                        ("notes", "Facilitator notes"),
                        ("analysis", "The bargaining picture"),
                        ("confidential", "All confidential information"),
                        ("events", "Events you can inject"),
                        ("questions", "Discussion questions"),
                        ("glossary", "Glossary"),
                        ("sources", "Sources"),
                    )
                ],
            ),
            cls="toc screen-only",
        ),
        el("h2", "The scenario at a glance", id="glance"),
        _situation(scenario),
        _at_a_glance(scenario),
        el("h2", "Learning objectives", id="objectives"),
        bullet_list(teaching.learning_objectives if teaching else [])
        or el("p", "This scenario lists no learning objectives.", cls="meta"),
        el("h2", "Session plan", id="plan"),
        _plan(scenario) or el("p", "This scenario suggests no timings.", cls="meta"),
        el("h2", "Running the session with Negotiator", id="run"),
        _how_to_run(scenario, scenario_arg),
        el("h2", "Facilitator notes", id="notes"),
        paragraphs(teaching.facilitator_notes)
        if teaching and teaching.facilitator_notes
        else el("p", "None.", cls="meta"),
        el("section", el("h2", "The bargaining picture", id="analysis"), _analysis_block(scenario)),
        el(
            "section",
            el("h2", "All confidential information", id="confidential"),
            _confidential_all(scenario),
            cls="page",
        ),
        el(
            "section",
            el("h2", "Events you can inject", id="events"),
            el(
                "p",
                "Events fire by themselves when their trigger holds; from the facilitator panel you can fire any of "
                "them at once.",
                cls="meta",
            ),
            _events_table(scenario) or el("p", "This scenario has no events.", cls="meta"),
            cls="page",
        ),
        el("h2", "Discussion questions", id="questions"),
        _questions(scenario) or el("p", "This scenario lists no discussion questions.", cls="meta"),
        el("h2", "Glossary", id="glossary"),
        _glossary(scenario) or el("p", "This scenario has no glossary.", cls="meta"),
        el("h2", "Sources", id="sources"),
        sources_block(scenario, _all_sources(scenario)),
        footer(scenario, "Teacher's guide"),
    ]
    return document(
        f"Teacher's guide \u2014 {scenario.metadata.title}",
        parts,
        description="Teacher's guide with all confidential information",
    )


def index_page(scenario: Scenario) -> str:
    """A page linking the guide and every role brief."""
    items = [
        el(
            "li",
            el("a", el("strong", "Teacher's guide"), href=TEACHER_FILE),
            " \u2014 for the teacher only (all confidential information).",
        ),
    ]
    items.append(el("li", el("a", el("strong", "Rules handout"), href=RULES_FILE), " \u2014 one copy for every team."))
    for actor in scenario.playable:
        items.append(
            el(
                "li",
                swatch(scenario, actor.id),
                el("a", f"{actor.name} ({actor.short_name})", href=role_file(actor)),
                " \u2014 role sheet (two pages) for that team only.",
            )
        )
    items.append(
        el(
            "li",
            el("a", "All role briefs in one file", href=ALL_ROLES_FILE),
            " \u2014 each role on its own page, for printing in one go.",
        )
    )
    return document(
        f"Briefs \u2014 {scenario.metadata.title}",
        _header(scenario, "Classroom kit", scenario.metadata.title, "Printable briefs for a session."),
        _situation(scenario),
        el("h2", "Files"),
        el("ul", items),
        el("p", "Print from your browser (A4 or Letter). The pages need no internet connection.", cls="meta"),
        footer(scenario, "Classroom kit"),
    )


def write_briefs(scenario: Scenario, out_dir: str | Path, scenario_arg: str = "") -> list[Path]:
    """Write every role brief, all briefs in one file, the teacher's guide and an index; return the paths."""
    folder = ensure_folder(out_dir)
    pages: list[tuple[str, str]] = [(role_file(a), role_brief(scenario, a.id)) for a in scenario.playable]
    pages += [
        (RULES_FILE, rules_handout(scenario)),
        (ALL_ROLES_FILE, all_role_briefs(scenario)),
        (TEACHER_FILE, teacher_guide(scenario, scenario_arg)),
        (INDEX_FILE, index_page(scenario)),
    ]
    written = []
    for name, text in pages:
        written.append(atomic_write(folder / name, text))  # each page whole or not at all
    return written


__all__ = [
    "ALL_ROLES_FILE",
    "INDEX_FILE",
    "RULES_FILE",
    "TEACHER_FILE",
    "all_role_briefs",
    "index_page",
    "role_brief",
    "role_file",
    "rules_handout",
    "teacher_guide",
    "write_briefs",
]
