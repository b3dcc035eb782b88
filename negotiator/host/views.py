"""What one seat is sent: built from the engine's `ActorView`, through an allow-list of fields.

`ActorView` already keeps other actors' preferences, no-deal values and queued levers out of what it computes.
A network seat needs one more guard: the view's `scenario` is the whole file minus other actors' preferences, and
still holds every actor's confidential brief, goals and AI settings, the hidden bookkeeping meters and the
teacher's notes. So nothing is dumped wholesale here: each document names the fields it copies, and only the
seat's own confidential brief, goals and values are among them.
"""

from __future__ import annotations

import json
from typing import Any

from negotiator.engine.offers import Offer
from negotiator.engine.public_text import shown_entry
from negotiator.engine.records import LogEntry
from negotiator.engine.state import GameState
from negotiator.engine.view import ActorView, view
from negotiator.host import messages as m
from negotiator.i18n.news import ending_text, translated_entry
from negotiator.scenario.models import Scenario

SeatStatus = str  # "you", "student", "away", "ai" or "free"


def brief(scenario: Scenario, seat: str) -> m.Brief:
    """The public structure of the scenario and `seat`'s own private brief and values."""
    me = scenario.actor(seat)
    prefs = scenario.preferences.get(seat)
    return m.Brief(
        scenario_id=scenario.metadata.id,
        title=scenario.metadata.title,
        summary=scenario.metadata.summary,
        turns=scenario.rules.turns,
        action_points=scenario.rules.action_points,
        offers_per_turn=scenario.rules.offers_per_turn,
        actors=[
            m.ActorBrief(
                id=a.id,
                name=a.name,
                short_name=a.short_name,
                colour=a.colour,
                negotiates=a.negotiates,
                playable=a.playable,
                public_brief=a.public_brief,
            )
            for a in scenario.actors
        ],
        issues=[
            m.IssueBrief(
                id=i.id,
                name=i.name,
                description=i.description,
                options=[m.OptionBrief(id=o.id, label=o.label, description=o.description) for o in i.options],
                signatories=list(i.signatories),
            )
            for i in scenario.issues
        ],
        meters=[
            m.MeterBrief(
                id=mt.id,
                name=mt.name,
                description=mt.description,
                scope=mt.scope,
                min=mt.min,
                max=mt.max,
                higher_is_better=mt.higher_is_better,
            )
            for mt in scenario.shown_meters
        ],
        levers=[
            m.LeverBrief(
                id=lv.id,
                owner=lv.owner,
                name=lv.name,
                description=lv.description,
                cost=lv.cost,
                targets=list(lv.targets),
            )
            for lv in scenario.levers
        ],
        you=seat,
        confidential_brief=me.confidential_brief,
        goals=list(me.goals),
        values={
            issue_id: m.IssueValues(weight=p.weight, values=dict(p.values), red_lines=list(p.red_lines))
            for issue_id, p in (prefs.issues.items() if prefs else ())
        },
    )


def _plain(value: Any) -> Any:
    """JSON's view of a value (tuples become lists)."""
    return json.loads(json.dumps(value))


def _offer(offer: Offer) -> m.OfferDoc:
    return m.OfferDoc(
        id=offer.id,
        proposer=offer.proposer,
        terms=[list(t) for t in offer.terms],
        to=list(offer.to),
        turn=offer.turn,
        accepted_by=list(offer.accepted_by),
        rejected_by=offer.rejected_by,
        status=offer.status,
    )


def _entry(entry: LogEntry) -> m.EntryDoc:
    return m.EntryDoc(
        turn=entry.turn,
        phase=entry.phase,
        kind=entry.kind,
        text=entry.text,
        actor=entry.actor,
        visibility=entry.visibility,
        data=_plain(entry.data),
    )


def _shown_meters(scenario: Scenario, meters: dict[str, float]) -> dict[str, float]:
    hidden = {mt.id for mt in scenario.meters if mt.hidden}
    return {k: v for k, v in meters.items() if k.partition("@")[0] not in hidden}


def _outcome(state: GameState, seat: str, shown: Scenario) -> m.OutcomeDoc | None:
    outcome = state.outcome()
    if outcome is None:
        return None
    score = outcome.scores.get(seat)
    return m.OutcomeDoc(
        ending=outcome.ending,
        ending_text=ending_text(outcome.ending_text, state.scenario, shown),
        turn=outcome.turn,
        terms=dict(outcome.terms),
        complete=outcome.complete,
        actor=outcome.actor,
        score=None
        if score is None
        else m.ScoreDoc(
            total=score.total,
            breakdown=dict(score.breakdown),
            utility=score.utility,
            start_reservation=score.start_reservation,
        ),
    )


def seat_view(
    state: GameState,
    seat: str,
    *,
    table: int,
    started: bool,
    seats: dict[str, SeatStatus],
    log_offset: int = 0,
    paused: bool = False,
    timer_left: float | None = None,
    briefed: bool = True,
    lang: str | None = None,
) -> m.SeatView:
    """`seat`'s view of `state`, with the log entries from `log_offset` on (see `SeatView`), its words in `lang`
    (default: the scenario's own)."""
    v: ActorView = view(state, seat)
    base = state.scenario
    shown = base.translated(lang) if lang else base
    log = v.log
    if log_offset > len(log):  # cannot happen with an append-only log; send it whole rather than guess
        log_offset = 0
    return m.SeatView(
        table=table,
        seat=seat,
        started=started,
        paused=paused,
        timer_left=timer_left,
        briefed=briefed,
        actions=len(state.actions),
        turn=v.turn,
        turns=v.turns,
        current_actor=v.current_actor,
        my_move=v.my_move,
        over=v.is_over,
        action_points=v.action_points,
        offers_left=v.offers_left,
        meters=_shown_meters(state.scenario, v.meters),
        reservation=v.reservation,
        reservation_history=list(v.reservation_history),
        settled=dict(v.settled),
        offers=[_offer(o) for o in v.offers],
        public_red_lines={a: [list(t) for t in lines] for a, lines in v.public_red_lines.items()},
        removed_options=[list(t) for t in sorted(v.removed_options)],
        levers=[m.LeverDoc(id=s.lever.id, usable_targets=list(s.usable_targets), problem=s.problem) for s in v.levers],
        estimates={
            a: m.EstimateDoc(reservation=e.reservation, uncertainty=e.uncertainty) for a, e in v.estimates.items()
        },
        log_offset=log_offset,
        log=[  # others' scales in words, then the seat's language
            _entry(translated_entry(shown_entry(base, e, {seat}), base, shown)) for e in log[log_offset:]
        ],
        seats={a: seats.get(a, "ai") for a in seats} | {seat: "you"},
        outcome=_outcome(state, seat, shown),
    )
