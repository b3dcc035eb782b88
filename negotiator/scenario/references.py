"""Cross-reference and consistency checks on a model-valid scenario.

The models check each value on its own; whether an id names something that exists, whether every actor
ranks every option, or whether an event can ever fire needs the whole file. Findings carry the data path
of the offending value, so the loader can report its line; warnings mark content that can never happen.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from negotiator.scenario import text_template
from negotiator.scenario.bundles import bundle_signatories, ways_to_agree
from negotiator.scenario.inert import inert_findings
from negotiator.scenario.models import (
    COMPARE,
    MAX_PACKAGES,
    SAMPLED_PACKAGES,
    SLOW_PACKAGES,
    WHO_KEYWORDS,
    Arbitration,
    Condition,
    Effect,
    Event,
    Meter,
    Rules,
    Scale,
    Scenario,
    meter_key,
)
from negotiator.scenario.yaml_source import format_path

Path = tuple[str | int, ...]
ENDING_KINDS = ("deal", "deadline", "walk_away", "collapse", "escalation", "arbitration")


@dataclass(frozen=True)
class Finding:
    """One problem at a data path; `at_key` points at the mapping key rather than its value."""

    path: Path
    message: str
    severity: Literal["error", "warning"] = "error"
    at_key: bool = False


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """' — did you mean 'x'?' for the closest known name, or a list of what exists."""
    known = list(dict.fromkeys(known))
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f" — did you mean '{close[0]}'?"
    if not known:
        return " (none are defined)"
    shown = ", ".join(f"'{k}'" for k in known[:8]) + (", ..." if len(known) > 8 else "")
    return f" (known: {shown})"


def check_references(scenario: Scenario) -> list[Finding]:
    """Every cross-reference and semantic problem in `scenario`, errors and warnings alike."""
    return list(_Checker(scenario).run())


def check_templates(scenario: Scenario) -> list[Finding]:
    """Only the news-template checks: what a translation's texts must pass (negotiator.scenario.translations)."""
    return list(_Checker(scenario).template_checks())


class _Checker:
    def __init__(self, sc: Scenario):
        self.sc = sc
        self.actors = {a.id: a for a in sc.actors}
        self.issues = {i.id: i for i in sc.issues}
        self.meters: dict[str, Meter] = {m.id: m for m in sc.meters}

    def run(self) -> Iterator[Finding]:
        yield from self.duplicates()
        yield from self.actor_checks()
        yield from self.meter_checks()
        yield from self.issue_checks()
        yield from self.preference_checks()
        yield from self.lever_checks()
        yield from self.event_checks()
        yield from self.rule_checks()
        yield from self.teaching_checks()
        yield from self.tutorial_checks()
        yield from self.template_checks()
        yield from self.size_checks()
        yield from self.agreement_checks()
        yield from self.never_checks()
        yield from (Finding(path, message, "warning") for path, message in inert_findings(self.sc))

    def never_checks(self) -> Iterator[Finding]:
        """Warnings for content that validates but cannot play as written: an event waiting for a lever that
        never works or for a turn before any lever could, an ending that holds before anyone moves, and
        effects that between them would take every option of an issue off the table."""
        levers = {lv.id: lv for lv in self.sc.levers}
        for n, event in enumerate(self.sc.events):
            trig = event.trigger
            lever = levers.get(trig.after_lever or "")
            path: Path = ("events", n, "trigger", "after_lever")
            if lever is not None and lever.success_chance == 0:
                yield Finding(
                    path,
                    f"event '{event.id}' can never fire: lever '{lever.id}' never works (success_chance 0)",
                    "warning",
                )
            elif lever is not None and (trig.turn == 1 or (trig.until_turn or 99) < 2):
                yield Finding(
                    path,
                    f"event '{event.id}' can never fire: it waits for a lever that worked in the "
                    "turn before, and there is none before turn 2",
                    "warning",
                )
        start = self.sc.starting_meters()
        for k, ending in enumerate(self.sc.rules.endings):
            hidden = [c.meter for c in ending.when if c.meter in self.meters and self.meters[c.meter].hidden]
            if hidden:
                yield Finding(
                    ("rules", "endings", k, "when"),
                    f"this ending reads the hidden meter '{hidden[0]}': players cannot see it coming; show the "
                    "meter, or let a visible one end the game",
                    "warning",
                )
            if ending.when and all(_holds_at(cond, start) for cond in ending.when):
                yield Finding(
                    ("rules", "endings", k, "when"),
                    f"this {ending.kind.replace('_', ' ')} ending holds at the starting meters: every game ends "
                    "after turn 1; check its condition or the meters' initial values",
                    "warning",
                )
        named: dict[str, set[str]] = {}
        for effect in self._all_effects():
            if effect.kind in ("red_line", "remove_option") and effect.issue and effect.option:
                named.setdefault(effect.issue, set()).add(effect.option)
        for n, issue in enumerate(self.sc.issues):
            options = [o.id for o in issue.options]
            if options and set(options) <= named.get(issue.id, set()):
                yield Finding(
                    ("issues", n, "options"),
                    f"red_line and remove_option effects name every option of issue '{issue.id}'; the game never "
                    "takes the last open one off the table, so whichever is left decides the issue: leave one "
                    "option out of them",
                    "warning",
                )

    def _all_effects(self) -> Iterator[Effect]:
        for lever in self.sc.levers:
            yield from (*lever.costs, *lever.effects, *lever.failure_effects)
        for event in self.sc.events:
            yield from event.effects
        rules = self.sc.rules
        yield from (*rules.each_turn, *rules.each_turn_without_progress, *rules.commitments.effects)

    # -- helpers ------------------------------------------------------------------------------------------
    def unknown(
        self, kind: str, value: str, known: Iterable[str], path: Path, at_key: bool = False, where: str = ""
    ) -> Finding:
        return Finding(path, f"unknown {kind} '{value}'{where}{did_you_mean(value, known)}", at_key=at_key)

    def actor_ref(self, value: str, path: Path, at_key: bool = False) -> Iterator[Finding]:
        if value not in self.actors:
            yield self.unknown("actor", value, self.actors, path, at_key)

    def duplicates(self) -> Iterator[Finding]:
        sections: list[tuple[str, Path, list[str]]] = [
            ("actor", ("actors",), [a.id for a in self.sc.actors]),
            ("issue", ("issues",), [i.id for i in self.sc.issues]),
            ("meter", ("meters",), [m.id for m in self.sc.meters]),
            ("lever", ("levers",), [lv.id for lv in self.sc.levers]),
            ("event", ("events",), [e.id for e in self.sc.events]),
        ]
        for n, issue in enumerate(self.sc.issues):
            sections.append(("option", ("issues", n, "options"), [o.id for o in issue.options]))
        for kind, base, ids in sections:
            seen: dict[str, int] = {}
            for index, ident in enumerate(ids):
                if ident in seen:
                    yield Finding(
                        (*base, index, "id"),
                        f"duplicate {kind} id '{ident}' (same as {format_index(base, seen[ident])})",
                    )
                else:
                    seen[ident] = index

    # -- sections -----------------------------------------------------------------------------------------
    def actor_checks(self) -> Iterator[Finding]:
        negotiators = self.sc.negotiators
        if len(negotiators) < 2:
            yield Finding(
                ("actors",),
                f"at least two actors must negotiate (negotiates: true); found {len(negotiators)}",
            )
        if not any(a.playable and a.negotiates for a in self.sc.actors):
            yield Finding(("actors",), "no playable actor: at least one negotiating actor needs playable: true")
        for n, actor in enumerate(self.sc.actors):
            for meter_id, value in actor.meters.items():
                path: Path = ("actors", n, "meters", meter_id)
                meter = self.meters.get(meter_id)
                if meter is None:
                    yield self.unknown("meter", meter_id, self.meters, path, at_key=True)
                elif meter.scope == "shared":
                    yield Finding(path, f"meter '{meter_id}' is shared; actors cannot override it", at_key=True)
                elif meter.holders and actor.id not in meter.holders:
                    yield from self.not_held(meter, actor.id, path)
                elif not meter.min <= value <= meter.max:
                    yield Finding(path, f"{value:g} is outside meter '{meter_id}' range {meter.min:g}..{meter.max:g}")

    def meter_checks(self) -> Iterator[Finding]:
        for n, meter in enumerate(self.sc.meters):
            if meter.min >= meter.max:
                yield Finding(("meters", n, "max"), f"max ({meter.max:g}) must be greater than min ({meter.min:g})")
            elif not meter.min <= meter.initial <= meter.max:
                yield Finding(
                    ("meters", n, "initial"),
                    f"initial value {meter.initial:g} is outside the range {meter.min:g}..{meter.max:g}",
                )
            if meter.holders and meter.scope == "shared":
                yield Finding(("meters", n, "holders"), "a shared meter has no holders; remove 'holders'")
            for k, holder in enumerate(meter.holders):
                yield from self.actor_ref(holder, ("meters", n, "holders", k))
            if meter.hidden and meter.score_weight > 0:
                yield Finding(
                    ("meters", n, "score_weight"),
                    "a hidden meter cannot score: players could not see what they are judged on; remove "
                    "score_weight or show the meter",
                )

    def not_held(self, meter: Meter, actor: str, path: Path) -> Iterator[Finding]:
        """An actor id used with a per-actor meter it does not hold."""
        if meter.scope == "actor" and meter.holders and actor in self.actors and actor not in meter.holders:
            yield Finding(
                path,
                f"'{actor}' does not hold meter '{meter.id}' (holders: {', '.join(meter.holders)}); "
                "add it to the meter's holders or name a holder",
            )

    def size_checks(self) -> Iterator[Finding]:
        count = 1
        for issue in self.sc.issues:
            count *= len(issue.options)
        if count <= SLOW_PACKAGES:
            return
        largest = sorted(self.sc.issues, key=lambda i: -len(i.options))
        sizes = " x ".join(f"{i.id} ({len(i.options)})" for i in largest)
        if count > MAX_PACKAGES:
            yield Finding(
                ("issues",),
                f"the issues make {count:,} packages: {sizes}; the game samples large spaces, but beyond "
                f"{MAX_PACKAGES:,} a sample is too thin a share to bargain over: merge issues or drop options, "
                "starting with the largest",
            )
        elif count > SAMPLED_PACKAGES:
            yield Finding(
                ("issues",),
                f"the issues make {count:,} packages: {sizes}; above {SAMPLED_PACKAGES:,} the computer players and "
                "the analysis weigh a sample instead of every package (approximate results); merge issues or "
                "drop options for exact ones",
                "warning",
            )
        else:
            yield Finding(
                ("issues",),
                f"the issues make {count:,} packages: {sizes}; above {SLOW_PACKAGES:,} the computer players slow "
                "down (each decision weighs every package); merge issues or drop options to keep them quick",
                "warning",
            )

    def template_checks(self) -> Iterator[Finding]:
        """News lines are templates with a fixed syntax (negotiator.scenario.text_template); texts shown as
        written (event news, quotes, endings) take no placeholders, so a brace there is a mistake too."""
        for n, lever in enumerate(self.sc.levers):
            allowed = text_template.LEVER_PLACEHOLDERS if lever.targets else ("owner",)
            for key in ("news", "failure_news"):
                text = getattr(lever, key)
                if text is None:
                    continue
                for problem in text_template.check(text, allowed):
                    message = problem.message
                    if not lever.targets and message.startswith("unknown placeholder {target}"):
                        message = (
                            "{target} needs a lever with targets; this lever has none "
                            "(add targets or remove it; this text takes {owner})"
                        )
                    yield Finding(("levers", n, key), f"{message} (at character {problem.index + 1})")
        for n, event in enumerate(self.sc.events):
            yield from self.plain_text(event.news, ("events", n, "news"), "event news")
        for k, ending in enumerate(self.sc.rules.endings):
            yield from self.plain_text(ending.text, ("rules", "endings", k, "text"), "an ending's text")
        for key in ("deal_text", "deadline_text"):
            text = getattr(self.sc.rules, key)
            if text is not None:
                yield from self.plain_text(text, ("rules", key), "an ending's text")

    def plain_text(self, text: str, path: Path, what: str) -> Iterator[Finding]:
        brace = min((i for i in (text.find("{"), text.find("}")) if i >= 0), default=-1)
        if brace < 0:
            return
        used = text_template.placeholders(text)
        if used:
            why = f"{{{used[0]}}} would be shown as written: {what} takes no placeholders"
            why += " ({owner} and {target} are for lever news)" if used[0] in ("owner", "target") else ""
        else:
            why = f"a brace in {what}, which takes no placeholders"
        yield Finding(path, f"{why}; remove the braces (at character {brace + 1})")

    def teaching_checks(self) -> Iterator[Finding]:
        if self.sc.teaching is None:
            return
        for n, question in enumerate(self.sc.teaching.discussion_questions):
            if question.role is not None:
                yield from self.actor_ref(question.role, ("teaching", "discussion_questions", n, "role"))

    def tutorial_checks(self) -> Iterator[Finding]:
        """Warnings for tutorial steps no player could complete, or that would pass the moment they appear."""
        tutorial = self.sc.tutorial
        if tutorial is None:
            return
        playable = [a.id for a in self.sc.actors if a.playable and a.negotiates]
        first: dict[str, int] = {}
        for n, step in enumerate(tutorial.steps):
            path: Path = ("tutorial", "steps", n, "done_when")
            goal = step.done_when
            if goal in first:
                yield Finding(
                    path,
                    f"step {n + 1} waits for {goal}, as step {first[goal] + 1} does, so it would pass at once; "
                    "give it another done_when or remove it",
                    "warning",
                )
            first.setdefault(goal, n)
            if goal == "lever_used" and not any(lv.owner in playable for lv in self.sc.levers):
                yield Finding(path, "no playable side owns a lever, so this step can never be done", "warning")
            if goal == "red_line_declared" and not any(
                len(i.options) > 1 and set(i.signatories) & set(playable) for i in self.sc.issues
            ):
                yield Finding(
                    path,
                    "no playable side signs an issue with two options to rule out, so this step can never be done",
                    "warning",
                )
        teaching = self.sc.teaching
        if teaching is not None and teaching.turn_timer_seconds is not None:
            yield Finding(
                ("teaching", "turn_timer_seconds"),
                "a scenario with a tutorial plays without a move timer, so this suggestion is never offered; remove it",
                "warning",
            )

    def issue_checks(self) -> Iterator[Finding]:
        for n, issue in enumerate(self.sc.issues):
            for k, signatory in enumerate(issue.signatories):
                path: Path = ("issues", n, "signatories", k)
                actor = self.actors.get(signatory)
                if actor is None:
                    yield self.unknown("actor", signatory, self.actors, path)
                elif not actor.negotiates:
                    yield Finding(path, f"signatory '{signatory}' does not negotiate (negotiates: false)")
            for j, option in enumerate(issue.options):
                for k, actor_id in enumerate(option.consent):
                    path = ("issues", n, "options", j, "consent", k)
                    actor = self.actors.get(actor_id)
                    if actor is None:
                        yield self.unknown("actor", actor_id, self.actors, path)
                    elif not actor.negotiates:
                        yield Finding(path, f"'{actor_id}' does not negotiate, so it cannot consent to an offer")

    def preference_checks(self) -> Iterator[Finding]:
        for actor_id, prefs in self.sc.preferences.items():
            base: Path = ("preferences", actor_id)
            actor = self.actors.get(actor_id)
            if actor is None:
                yield self.unknown("actor", actor_id, self.actors, base, at_key=True)
                continue
            if not actor.negotiates:
                yield Finding(
                    base, f"actor '{actor_id}' does not negotiate, so it cannot have preferences", at_key=True
                )
                continue
            for issue_id in self.issues:
                if issue_id not in prefs.issues:
                    yield Finding((*base, "issues"), f"no preference for issue '{issue_id}'; every issue needs one")
            if prefs.issues and all(p.weight == 0 for p in prefs.issues.values()):
                yield Finding((*base, "issues"), f"every weight of '{actor_id}' is 0; at least one must be positive")
            for issue_id, pref in prefs.issues.items():
                path: Path = (*base, "issues", issue_id)
                issue = self.issues.get(issue_id)
                if issue is None:
                    yield self.unknown("issue", issue_id, self.issues, path, at_key=True)
                    continue
                options = [o.id for o in issue.options]
                for option_id in pref.values:
                    if option_id not in options:
                        yield self.unknown(
                            "option",
                            option_id,
                            options,
                            (*path, "values", option_id),
                            True,
                            f" of issue '{issue_id}'",
                        )
                for option_id in options:
                    if option_id not in pref.values:
                        yield Finding((*path, "values"), f"no value for option '{option_id}'; every option needs one")
                for k, option_id in enumerate(pref.red_lines):
                    if option_id not in options:
                        yield self.unknown(
                            "option",
                            option_id,
                            options,
                            (*path, "red_lines", k),
                            where=f" of issue '{issue_id}'",
                        )
                if (
                    pref.red_lines
                    and actor_id not in issue.signatories
                    and not any(actor_id in o.consent for o in issue.options)
                ):
                    yield Finding(
                        (*path, "red_lines"),
                        f"'{actor_id}' neither signs issue '{issue_id}' nor consents to any of its options, so it "
                        "is never asked and its red lines there can never stop a deal; remove them, or add it to "
                        "the issue's signatories or an option's consent",
                    )
                if set(options) <= set(pref.red_lines):
                    yield Finding(
                        (*path, "red_lines"),
                        f"every option of '{issue_id}' is a red line; no deal could ever pass",
                    )
            for k, driver in enumerate(prefs.reservation.moved_by):
                path = (*base, "reservation", "moved_by", k)
                yield from self.meter_use(driver.meter, driver.actor, path)
                meter = self.meters.get(driver.meter)
                if meter is not None:
                    whose = actor_id if driver.actor in (None, "self") else driver.actor
                    yield from self.not_held(meter, whose, (*path, "actor" if driver.actor else "meter"))
        for actor in self.sc.negotiators:
            if actor.id not in self.sc.preferences:
                yield Finding(("preferences",), f"negotiating actor '{actor.id}' has no preferences")

    def lever_checks(self) -> Iterator[Finding]:
        turns = self.sc.rules.turns
        for n, lever in enumerate(self.sc.levers):
            base: Path = ("levers", n)
            yield from self.actor_ref(lever.owner, (*base, "owner"))
            for k, target in enumerate(lever.targets):
                path: Path = (*base, "targets", k)
                if target == lever.owner:
                    yield Finding(path, f"lever '{lever.id}' cannot target its own owner '{target}'")
                else:
                    yield from self.actor_ref(target, path)
            for section in ("costs", "effects", "failure_effects"):
                for k, effect in enumerate(getattr(lever, section)):
                    path = (*base, section, k)
                    yield from self.effect(effect, path, "lever", bool(lever.targets))
                    yield from self.reach(effect, path, lever.owner, tuple(lever.targets))
            for k, cond in enumerate(lever.conditions):
                cpath: Path = (*base, "conditions", k)
                yield from self.condition(cond, cpath, "lever", bool(lever.targets))
                yield from self.keyword_holds(cond.meter, cond.actor, cpath, lever.owner, tuple(lever.targets))
            owner = self.actors.get(lever.owner)
            if owner is not None and not owner.negotiates:
                yield Finding(
                    (*base, "owner"),
                    f"lever '{lever.id}' belongs to '{owner.id}', which does not negotiate (negotiates: false) "
                    "and so never takes a turn: the lever can never be used; give it to a negotiating actor",
                    "warning",
                )
            if lever.cost > self.sc.rules.action_points:
                yield Finding(
                    (*base, "cost"),
                    f"lever '{lever.id}' costs {lever.cost} action points but actors get only "
                    f"{self.sc.rules.action_points} per turn; it can never be used",
                    "warning",
                )
            if lever.available_from_turn > turns:
                yield Finding(
                    (*base, "available_from_turn"),
                    f"lever '{lever.id}' is available only after the last turn ({turns}); never usable",
                    "warning",
                )

    def event_checks(self) -> Iterator[Finding]:
        turns = self.sc.rules.turns
        for n, event in enumerate(self.sc.events):
            base: Path = ("events", n)
            trig = event.trigger
            tpath: Path = (*base, "trigger")
            never = f"event '{event.id}' can never fire"
            if trig.turn is not None and trig.turn > turns:
                yield Finding(
                    (*tpath, "turn"), f"{never}: turn {trig.turn} is after the last turn ({turns})", "warning"
                )
            elif trig.turn is not None and (
                trig.turn < trig.from_turn or (trig.until_turn is not None and trig.turn > trig.until_turn)
            ):
                yield Finding(
                    (*tpath, "turn"), f"{never}: turn {trig.turn} is outside from_turn..until_turn", "warning"
                )
            if trig.from_turn > turns:
                yield Finding(
                    (*tpath, "from_turn"),
                    f"{never}: from_turn {trig.from_turn} is after the last turn ({turns})",
                    "warning",
                )
            if trig.until_turn is not None and trig.until_turn < trig.from_turn:
                yield Finding(
                    (*tpath, "until_turn"),
                    f"{never}: until_turn {trig.until_turn} is before from_turn {trig.from_turn}",
                    "warning",
                )
            if trig.chance == 0 and not trig.chance_moved_by:
                yield Finding((*tpath, "chance"), f"{never}: its chance is 0", "warning")
            for k, cond in enumerate(trig.when):
                yield from self.condition(cond, (*tpath, "when", k), "event", False)
            place = "event" if event.actor is None else "attributed event"
            for k, effect in enumerate(event.effects):
                yield from self.effect(effect, (*base, "effects", k), place, False)
                if event.actor is not None and effect.who == "self":
                    yield from self.reach(effect, (*base, "effects", k), event.actor, ())
            yield from self.trigger_extras(event, base)

    def rule_checks(self) -> Iterator[Finding]:
        rules = self.sc.rules
        if rules.deal_issues == []:
            yield Finding(
                ("rules", "deal_issues"),
                "deal_issues is empty, so nothing would need settling for a deal; list the issues a deal needs, "
                "or leave deal_issues out for every issue",
            )
        for k, issue_id in enumerate(rules.deal_issues or []):
            if issue_id not in self.issues:
                yield self.unknown("issue", issue_id, self.issues, ("rules", "deal_issues", k))
        for section in ("each_turn", "each_turn_without_progress"):
            for k, effect in enumerate(getattr(rules, section)):
                yield from self.effect(effect, ("rules", section, k), "rule", False)
        for k, effect in enumerate(rules.commitments.effects):
            yield from self.effect(effect, ("rules", "commitments", "effects", k), "commitment", False)
            yield from self.commitment_reach(effect, ("rules", "commitments", "effects", k))
        for k, ending in enumerate(rules.endings):
            path: Path = ("rules", "endings", k)
            if ending.actor is not None:
                yield from self.actor_ref(ending.actor, (*path, "actor"))
            for j, cond in enumerate(ending.when):
                yield from self.condition(cond, (*path, "when", j), "ending", False)
            if ending.kind == "arbitration" and rules.arbitration is None:
                yield Finding(
                    (*path, "kind"),
                    "an 'arbitration' ending needs rules.arbitration (the terms an arbitrator imposes); add it, "
                    "or use another kind",
                )
            yield from self.ending_points(ending.points, (*path, "points"))
        for kind, points in rules.scoring.ending_points.items():
            if kind not in ENDING_KINDS:
                yield Finding(
                    ("rules", "scoring", "ending_points", kind),
                    f"unknown ending kind '{kind}'{did_you_mean(kind, ENDING_KINDS)}",
                    at_key=True,
                )
            yield from self.ending_points(points, ("rules", "scoring", "ending_points", kind))
        yield from self.ending_ids(rules)
        if rules.arbitration is not None:
            yield from self.arbitration(rules.arbitration)

    def ending_points(self, points: float | dict[str, float] | None, path: Path) -> Iterator[Finding]:
        if not isinstance(points, dict):
            return
        for actor_id in points:
            if actor_id != "default" and actor_id not in self.actors:
                yield Finding(
                    (*path, actor_id),
                    f"unknown actor '{actor_id}'{did_you_mean(actor_id, self.actors)}; points go to actor ids, "
                    "and 'default' gives every actor left out",
                    at_key=True,
                )

    def ending_ids(self, rules: Rules) -> Iterator[Finding]:
        seen: set[str] = set()
        for k, ending in enumerate(rules.endings):
            if ending.id is not None:
                if ending.id in seen:
                    yield Finding(("rules", "endings", k, "id"), f"duplicate ending id '{ending.id}'")
                seen.add(ending.id)
        fearable = seen | set(ENDING_KINDS)
        for a, actor in enumerate(self.sc.actors):
            for k, fear in enumerate(actor.ai.fears or []):
                if fear not in fearable:
                    yield Finding(
                        ("actors", a, "ai", "fears", k),
                        f"unknown ending '{fear}'{did_you_mean(fear, sorted(fearable))}; fears name an ending's "
                        f"id or kind ({', '.join(ENDING_KINDS)})",
                    )

    def arbitration(self, arbitration: Arbitration) -> Iterator[Finding]:
        base: Path = ("rules", "arbitration")
        for issue_id, option_id in arbitration.package.items():
            issue = self.issues.get(issue_id)
            if issue is None:
                yield self.unknown("issue", issue_id, self.issues, (*base, "package", issue_id), at_key=True)
                continue
            options = [o.id for o in issue.options]
            if option_id not in options:
                yield Finding(
                    (*base, "package", issue_id),
                    f"unknown option '{option_id}' of issue '{issue_id}'{did_you_mean(option_id, options)}",
                )
        yield from self.plain_text(arbitration.text, (*base, "text"), "the arbitration text")

    def reach(self, effect: Effect, path: Path, owner: str, targets: tuple[str, ...]) -> Iterator[Finding]:
        """`who: self` (or no `who`, in a lever) and `who: target` name actors too: one that does not hold the
        effect's per-actor meter would be skipped by the engine, the same mistake as naming it by its id. The
        same holds for the meter a lever effect is `scaled_by`."""
        if effect.scaled_by is not None:
            scale_path: Path = (*path, "scaled_by")
            yield from self.keyword_holds(effect.scaled_by.meter, effect.scaled_by.actor, scale_path, owner, targets)
        if effect.kind == "meter":
            yield from self.keyword_holds(effect.meter or "", effect.who, path, owner, targets, "who")

    def keyword_holds(
        self, meter_id: str, who: str | None, path: Path, owner: str, targets: tuple[str, ...], key: str = "actor"
    ) -> Iterator[Finding]:
        """`self` (or nothing: the owner), `target` and the actor they stand for must hold a per-actor meter."""
        meter = self.meters.get(meter_id)
        if meter is None or meter.scope != "actor" or not meter.holders:
            return
        where: Path = (*path, key) if who is not None else path
        if who in (None, "self") and owner not in meter.holders and owner in self.actors:
            yield Finding(
                where,
                f"'self' here is '{owner}', which does not hold meter '{meter.id}' (holders: "
                f"{', '.join(meter.holders)}); the engine would find no value of it there: add it to the meter's "
                "holders or name a holder",
            )
        elif who == "target":
            spared = [t for t in targets if t in self.actors and t not in meter.holders]
            if spared:
                yield Finding(
                    where,
                    f"'target' can be {', '.join(repr(t) for t in spared)}, which does not hold meter '{meter.id}' "
                    f"(holders: {', '.join(meter.holders)}); aimed there the engine would find no value of it: add "
                    "the target to the meter's holders or drop it from the lever's targets",
                )

    def commitment_reach(self, effect: Effect, path: Path) -> Iterator[Finding]:
        """A commitment effect on a per-actor meter falls on the actor who broke its red line; one that
        does not hold the meter loses nothing there (the engine skips it), so its commitments are cheaper."""
        meter = self.meters.get(effect.meter or "")
        if effect.kind != "meter" or meter is None or meter.scope != "actor" or not meter.holders:
            return
        if effect.who not in (None, "self", "all"):
            return
        spared = [a.id for a in self.sc.negotiators if a.id not in meter.holders]
        if spared:
            one = len(spared) == 1
            names = ", ".join(f"'{a}'" for a in spared)
            them = "it" if one else "them"
            yield Finding(
                path,
                f"a commitment effect falls on whoever breaks a public red line, but {names} "
                f"{'does' if one else 'do'} not hold meter '{meter.id}' (holders: {', '.join(meter.holders)}), "
                f"so breaking one costs {them} nothing there; add {them} to the meter's holders or use a meter "
                "every negotiator holds",
                "warning",
            )

    def agreement_checks(self) -> Iterator[Finding]:
        """Warn when no deal is acceptable to everyone at the start (see `zone_of_agreement`)."""
        zone = zone_of_agreement(self.sc)
        if zone is None or zone.found:
            return
        start = "the zone of agreement is empty at the start: "
        if zone.ruled_out:
            issue, owners = zone.ruled_out
            who = "; ".join(f"{a}: {', '.join(options)}" for a, options in owners.items())
            yield Finding(
                ("preferences",),
                f"{start}every option of issue '{issue}' is someone's red line ({who}), so no deal can pass",
                "warning",
                at_key=True,
            )
            return
        values = ", ".join(f"'{a}' {r:.2f}" for a, r in zone.reservations.items())
        short = [a for a, best in zone.best.items() if best < zone.reservations[a] - _EPSILON]
        if short:
            why = "; ".join(
                f"the best package for '{a}' is worth {zone.best[a]:.2f}, below its no-deal value "
                f"{zone.reservations[a]:.2f}"
                for a in short
            )
        else:
            why = f"each reaches its no-deal value ({values}) in some package, but never all in the same one"
        yield Finding(
            ("preferences",),
            f"{start}no package of the issues, without anyone's red lines, is worth its starting no-deal value "
            f"to every negotiating actor ({why}); a deal can only come once pressure lowers a no-deal value",
            "warning",
            at_key=True,
        )

    # -- effects and conditions ---------------------------------------------------------------------------
    def who(self, who: str, path: Path, has_target: bool, allowed: tuple[str, ...]) -> Iterator[Finding]:
        words = tuple(w for w in allowed if w != "target" or has_target)
        if who in WHO_KEYWORDS:
            if who not in allowed:
                yield Finding(path, f"'{who}' cannot be used here; allowed: {self.allowed_who(words)}")
            elif who == "target" and not has_target:
                yield Finding(path, "'target' needs a lever with targets; this lever has none")
        elif who not in self.actors:
            yield self.unknown_who(who, words, path)

    def allowed_who(self, words: tuple[str, ...]) -> str:
        """ "all, others or an actor id: 'union', 'authority'": what may stand where an actor is named."""
        ids = list(self.actors)
        shown = ", ".join(f"'{k}'" for k in ids[:8]) + (", ..." if len(ids) > 8 else "")
        keywords = f"{', '.join(words)} or " if words else ""
        return f"{keywords}an actor id: {shown or 'none are defined'}"

    def unknown_who(self, who: str, words: tuple[str, ...], path: Path) -> Finding:
        """An unknown actor where a keyword would also do: the closest name of either kind, and all of them."""
        close = difflib.get_close_matches(who, [*words, *self.actors], n=1, cutoff=0.6)
        hint = f" — did you mean '{close[0]}'?" if close else ""
        return Finding(path, f"unknown actor '{who}'{hint} (allowed here: {self.allowed_who(words)})")

    def effect(self, effect: Effect, path: Path, place: str, has_target: bool) -> Iterator[Finding]:
        allowed = {
            "lever": ("self", "target", "all", "others"),
            "commitment": ("self", "all", "others"),
            "attributed event": ("self", "all", "others"),
        }.get(place, ("all", "others"))
        yield from self.effect_extras(effect, path, place, has_target)
        if effect.kind == "remove_option":
            return  # applies to the table, not to an actor
        if effect.kind == "meter":
            if effect.meter is None:
                yield Finding(path, "an effect of kind 'meter' needs 'meter: METER_ID'")
                return
            meter = self.meters.get(effect.meter)
            if meter is None:
                yield self.unknown("meter", effect.meter, self.meters, (*path, "meter"))
                return
            if meter.scope == "shared":
                if effect.who is not None:
                    yield Finding((*path, "who"), f"meter '{meter.id}' is shared; leave out 'who'")
                return
        elif effect.meter is not None:
            yield Finding((*path, "meter"), f"an effect of kind '{effect.kind}' takes no 'meter'; remove it")
        if effect.kind == "meter" and effect.who is not None:
            yield from self.not_held(self.meters[effect.meter], effect.who, (*path, "who"))  # type: ignore[index]
        if effect.who is None:
            if place in ("event", "rule"):
                yield Finding(path, f"an effect of kind '{effect.kind}' here needs 'who' (an actor id, all or others)")
            return
        yield from self.who(effect.who, (*path, "who"), has_target, allowed)

    def effect_extras(self, effect: Effect, path: Path, place: str, has_target: bool = False) -> Iterator[Finding]:
        """The parts of an effect beyond a meter and `who`: its change, the option it rules out or removes, and
        the meter that scales it."""
        numeric = effect.kind in ("meter", "reservation", "deal_bonus")
        if numeric and "change" not in effect.model_fields_set:
            yield Finding(path, f"an effect of kind '{effect.kind}' needs 'change: NUMBER'")
        for key in ("issue", "option"):
            if numeric and getattr(effect, key) is not None:
                yield Finding((*path, key), f"an effect of kind '{effect.kind}' takes no '{key}'; remove it")
        if not numeric:
            for key in ("change", "scaled_by"):
                if key in effect.model_fields_set:
                    yield Finding((*path, key), f"an effect of kind '{effect.kind}' takes no '{key}'; remove it")
            yield from self.option_ref(effect.issue, effect.option, path)
        if effect.kind == "remove_option" and effect.who is not None:
            yield Finding((*path, "who"), "an effect of kind 'remove_option' applies to everyone; remove 'who'")
        if effect.scaled_by is not None:
            yield from self.scale(effect.scaled_by, (*path, "scaled_by"), place)
            if effect.scaled_by.actor == "target" and not has_target:
                yield Finding((*path, "scaled_by", "actor"), "'target' needs a lever with targets; this lever has none")

    def option_ref(self, issue_id: str | None, option_id: str | None, path: Path) -> Iterator[Finding]:
        if issue_id is None or option_id is None:
            yield Finding(path, "this effect needs 'issue: ISSUE_ID' and 'option: OPTION_ID'")
            return
        issue = self.issues.get(issue_id)
        if issue is None:
            yield self.unknown("issue", issue_id, self.issues, (*path, "issue"))
            return
        options = [o.id for o in issue.options]
        if option_id not in options:
            yield Finding(
                (*path, "option"),
                f"unknown option '{option_id}' of issue '{issue_id}'{did_you_mean(option_id, options)}",
            )

    def scale(self, scale: Scale, path: Path, place: str) -> Iterator[Finding]:
        meter = self.meters.get(scale.meter)
        if meter is None:
            yield self.unknown("meter", scale.meter, self.meters, (*path, "meter"))
            return
        if meter.scope == "shared":
            if scale.actor is not None:
                yield Finding((*path, "actor"), f"meter '{meter.id}' is shared; leave out 'actor'")
            return
        keywords = {"lever": ("self", "target"), "attributed event": ("self",), "commitment": ("self",)}
        allowed = keywords.get(place, ())
        if scale.actor is None:
            if "self" not in allowed:
                yield Finding(path, f"meter '{meter.id}' is per actor; say whose with 'actor' (an actor id)")
        elif scale.actor in WHO_KEYWORDS:
            if scale.actor not in allowed:
                choices = ", ".join(("an actor id", *allowed))
                yield Finding((*path, "actor"), f"'{scale.actor}' cannot be used here; use {choices}")
        else:
            yield from self.actor_ref(scale.actor, (*path, "actor"))
            yield from self.not_held(meter, scale.actor, (*path, "actor"))

    def trigger_extras(self, event: Event, base: Path) -> Iterator[Finding]:
        trig = event.trigger
        tpath: Path = (*base, "trigger")
        if event.actor is not None:
            yield from self.actor_ref(event.actor, (*base, "actor"))
        for k, driver in enumerate(trig.chance_moved_by):
            yield from self.scale(driver, (*tpath, "chance_moved_by", k), "event")
        for k, issue_id in enumerate(trig.after_settled):
            if issue_id not in self.issues:
                yield self.unknown("issue", issue_id, self.issues, (*tpath, "after_settled", k))
        if trig.after_lever is not None and trig.after_lever not in {lv.id for lv in self.sc.levers}:
            levers = [lv.id for lv in self.sc.levers]
            yield self.unknown("lever", trig.after_lever, levers, (*tpath, "after_lever"))

    def condition(self, cond: Condition, path: Path, place: str, has_target: bool) -> Iterator[Finding]:
        meter = self.meters.get(cond.meter)
        if meter is None:
            yield self.unknown("meter", cond.meter, self.meters, (*path, "meter"))
            return
        if meter.scope == "shared":
            if cond.actor is not None:
                yield Finding((*path, "actor"), f"meter '{meter.id}' is shared; leave out 'actor'")
        elif cond.actor is None:
            if place != "lever":
                yield Finding(path, f"meter '{meter.id}' is per actor; say whose with 'actor' (an id, any or all)")
        else:
            allowed = ("self", "target", "any", "all") if place == "lever" else ("any", "all")
            yield from self.who(cond.actor, (*path, "actor"), has_target, allowed)
            yield from self.not_held(meter, cond.actor, (*path, "actor"))
        if meter.min < meter.max and not _can_hold(cond, meter):
            severity: Literal["error", "warning"] = "warning"
            yield Finding(
                (*path, "value"),
                f"'{meter.id} {cond.op} {cond.value:g}' can never hold: the meter stays within "
                f"{meter.min:g}..{meter.max:g}",
                severity,
            )

    def meter_use(self, meter_id: str, actor: str | None, path: Path) -> Iterator[Finding]:
        meter = self.meters.get(meter_id)
        if meter is None:
            yield self.unknown("meter", meter_id, self.meters, (*path, "meter"))
            return
        if meter.scope == "shared" and actor is not None:
            yield Finding((*path, "actor"), f"meter '{meter_id}' is shared; leave out 'actor'")
        elif actor is not None and actor != "self":
            if actor in WHO_KEYWORDS:
                yield Finding(
                    (*path, "actor"), f"'{actor}' cannot be used here; allowed: {self.allowed_who(('self',))}"
                )
            elif actor not in self.actors:
                yield self.unknown_who(actor, ("self",), (*path, "actor"))


_EPSILON = 1e-9


@dataclass(frozen=True)
class Zone:
    """Whether some package is acceptable to every negotiating actor at the start (`found`); if not, why:
    an issue whose every option is a red line (`ruled_out`: issue id and each actor's red lines there), or
    each actor's best package (`best`) against its starting no-deal value (`reservations`)."""

    found: bool
    reservations: dict[str, float]
    best: dict[str, float]
    ruled_out: tuple[str, dict[str, list[str]]] | None = None


def zone_of_agreement(sc: Scenario) -> Zone | None:
    """Search the packages (one option of every issue; an issue outside `rules.deal_issues` may also stay
    open, worth the no-deal value) for one the negotiating actors can reach at the start: valued by each at
    or above its starting no-deal value and holding no one's red line; or, failing that, reachable in parts
    (`scenario.bundles`): each bundle of issues valued by its own signatories alone, by their weighted mean
    over its issues, and holding none of their red lines there. Utilities are as in the engine: the
    weight-normalised sum of option values. None when the preferences are incomplete (their errors are
    reported elsewhere) or the search ran out of budget; `engine.analysis` judges zones the same way.

    A depth-first search that stops at the first such package and prunes a branch as soon as some actor
    could no longer reach its no-deal value, so even the largest allowed outcome space is quick."""
    actors = [a.id for a in sc.negotiators]
    if not actors or any(a not in sc.preferences for a in actors):
        return None
    if any(sum(p.weight for p in sc.preferences[a].issues.values()) <= 0 for a in actors):
        return None
    if any(i.id not in sc.preferences[a].issues for a in actors for i in sc.issues):
        return None
    if any(o.id not in sc.preferences[a].issues[i.id].values for a in actors for i in sc.issues for o in i.options):
        return None
    lines = {(a, i.id): set(sc.preferences[a].issues[i.id].red_lines) for a in actors for i in sc.issues}
    if any({o.id for o in i.options} <= lines[a, i.id] for a in actors for i in sc.issues):
        return None  # one actor refuses every option of an issue: an error of its own (preference_checks)
    reservations = {a: starting_reservation(sc, a) for a in actors}
    budget = [ZONE_SEARCH_BUDGET]
    everything = tuple(range(len(sc.issues)))
    try:
        whole = _zone_search(sc, actors, everything, reservations, budget)
        if whole.found:
            return whole
        signatories = [frozenset(a for a in i.signatories if a in actors) for i in sc.issues]
        bundles: dict[tuple[int, ...], bool] = {}
        for way in ways_to_agree(signatories, everything):
            for bundle in way:
                if bundle not in bundles:
                    judges = [a for a in actors if a in bundle_signatories(signatories, bundle)]
                    bundles[bundle] = _zone_search(sc, judges, bundle, reservations, budget).found
            if all(bundles[b] for b in way):
                return Zone(True, reservations, whole.best)
        return whole
    except _OutOfBudget:
        return None  # undecided within the budget: better no warning than a slow or a false one


def _zone_search(
    sc: Scenario, judges: list[str], issues: tuple[int, ...], reservations: dict[str, float], budget: list[int]
) -> Zone:
    """Whether some choice of options on `issues` is worth each judge's no-deal value (its weighted mean over
    those issues) and holds none of their red lines; spends `budget`."""
    totals = [sum(sc.preferences[a].issues[sc.issues[k].id].weight for k in issues) for a in judges]
    deal = set(sc.rules.deal_issues) if sc.rules.deal_issues is not None else None
    # gains[k]: for each choice on the k-th issue searched, each judge's weighted value above its no-deal value
    gains: list[list[tuple[float, ...]]] = []
    for k in issues:
        issue = sc.issues[k]
        prefs = [sc.preferences[a].issues[issue.id] for a in judges]
        refused = {a: list(p.red_lines) for a, p in zip(judges, prefs, strict=True) if p.red_lines}
        choices: list[tuple[float, ...]] = []
        for option in issue.options:
            if any(option.id in lines for lines in refused.values()):
                continue
            parts = zip(judges, prefs, totals, strict=True)
            choices.append(
                tuple(p.weight / t * (p.values[option.id] - reservations[a]) if t > 0 else 0.0 for a, p, t in parts)
            )
        if deal is not None and issue.id not in deal:
            choices.append(tuple(0.0 for _ in judges))  # left open: worth the no-deal value
        if not choices:
            return Zone(False, reservations, {}, (issue.id, refused))
        gains.append(choices)
    n = len(judges)
    # rest[k][i]: the most judge i can still gain from the k-th issue searched onwards
    rest = [[0.0] * n for _ in range(len(gains) + 1)]
    for k in range(len(gains) - 1, -1, -1):
        rest[k] = [rest[k + 1][i] + max(c[i] for c in gains[k]) for i in range(n)]
    best = {a: reservations[a] + rest[0][i] for i, a in enumerate(judges)}

    def search(k: int, partial: list[float]) -> bool:
        if k == len(gains):
            return True
        for choice in gains[k]:
            budget[0] -= 1
            if budget[0] < 0:
                raise _OutOfBudget
            after = [partial[i] + choice[i] for i in range(n)]
            if all(after[i] + rest[k + 1][i] >= -_EPSILON for i in range(n)) and search(k + 1, after):
                return True
        return False

    return Zone(search(0, [0.0] * n), reservations, best)


# Packages tried before the zone search gives up (a pathological file must not make `validate` slow).
ZONE_SEARCH_BUDGET = 500_000


class _OutOfBudget(Exception):
    pass


def starting_reservation(sc: Scenario, actor: str) -> float:
    """An actor's no-deal value at the start: its base value moved by its drivers' meters, within 0..1
    (as the engine computes it from the starting meters)."""
    res = sc.preferences[actor].reservation
    value = res.value
    shared = {m.id for m in sc.meters if m.scope == "shared"}
    start = sc.starting_meters()
    for driver in res.moved_by:
        whose = actor if driver.actor in (None, "self") else driver.actor
        level = start.get(meter_key(driver.meter, None if driver.meter in shared else whose))
        if level is not None:  # an unknown meter or a non-holder: its error is reported elsewhere
            value += driver.per_point * (level - driver.pivot)
    return min(1.0, max(0.0, value))


def _holds_at(cond: Condition, start: dict[str, float]) -> bool:
    """Whether an ending's condition holds at the starting meters (`Scenario.starting_meters`; False when it
    cannot be told)."""
    compare = COMPARE[cond.op]
    if cond.meter in start:  # a shared meter
        return compare(start[cond.meter], cond.value)
    values = [v for key, v in start.items() if key.partition("@")[0] == cond.meter]
    if cond.actor == "all":
        return bool(values) and all(compare(v, cond.value) for v in values)
    if cond.actor == "any":
        return any(compare(v, cond.value) for v in values)
    value = start.get(meter_key(cond.meter, cond.actor))
    return value is not None and compare(value, cond.value)


def _can_hold(cond: Condition, meter: Meter) -> bool:
    lo, hi, v = meter.min, meter.max, cond.value
    return {
        "<": v > lo,
        "<=": v >= lo,
        ">": v < hi,
        ">=": v <= hi,
        "==": lo <= v <= hi,
    }[cond.op]


def format_index(base: Path, index: int) -> str:
    return format_path((*base, index))
