"""The rules for each action during an actor's move: what is allowed, and what it does.

Each action type maps to one checker (raises IllegalActionError or InvalidActionError with what to do
instead) and one handler (changes a Draft). `apply_action` is the only entry point.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from negotiator.engine.actions import (
    Action,
    Counter,
    DeclareRedLine,
    EndTurn,
    MakeOffer,
    Respond,
    Terms,
    UseLever,
)
from negotiator.engine.errors import IllegalActionError, InvalidActionError
from negotiator.engine.offers import Offer
from negotiator.engine.state import Draft, GameState
from negotiator.scenario.models import Lever, Scenario


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f"; did you mean '{close[0]}'?" if close else f"; choose from: {', '.join(choices)}"


def normalise_terms(scenario: Scenario, terms: Terms) -> Terms:
    """Check ids and return the terms in scenario issue order; InvalidActionError names the bad id."""
    issue_ids = [i.id for i in scenario.issues]
    chosen: dict[str, str] = {}
    for issue_id, option_id in terms:
        if issue_id not in issue_ids:
            raise InvalidActionError(f"no issue '{issue_id}'" + _did_you_mean(issue_id, issue_ids))
        options = [o.id for o in scenario.issue(issue_id).options]
        if option_id not in options:
            raise InvalidActionError(
                f"issue '{issue_id}' has no option '{option_id}'" + _did_you_mean(option_id, options)
            )
        if issue_id in chosen:
            raise InvalidActionError(f"issue '{issue_id}' is named twice")
        chosen[issue_id] = option_id
    return tuple((i, chosen[i]) for i in issue_ids if i in chosen)


def private_red_line_in(scenario: Scenario, actor: str, terms: Terms) -> tuple[str, str] | None:
    prefs = scenario.preferences.get(actor)
    if prefs is None:
        return None
    for issue_id, option_id in terms:
        pref = prefs.issues.get(issue_id)
        if pref and option_id in pref.red_lines:
            return issue_id, option_id
    return None


def addressees(scenario: Scenario, proposer: str, terms: Terms) -> tuple[str, ...]:
    """Every signatory of the issues in `terms` except the proposer, in scenario actor order."""
    needed = {s for issue_id, _ in terms for s in scenario.issue(issue_id).signatories}
    return tuple(a.id for a in scenario.actors if a.id in needed and a.id != proposer)


# --- checks -----------------------------------------------------------------------------------------


def _check_terms(state: GameState, actor: str, terms: Terms) -> Terms:
    scenario = state.scenario
    terms = normalise_terms(scenario, terms)
    if state.offers_left(actor) <= 0:
        raise IllegalActionError("you have made all the offers a turn allows; answer, use levers or end your move")
    for issue_id, _ in terms:
        if issue_id in state.settled:
            raise IllegalActionError(f"'{issue_id}' is already settled; leave it out of the offer")
    red = private_red_line_in(scenario, actor, terms)
    if red:
        raise IllegalActionError(f"{red[0]}={red[1]} crosses one of your red lines; you cannot propose it")
    if not addressees(scenario, actor, terms):
        raise IllegalActionError("you alone sign these issues; there is nobody to offer them to")
    return terms


def _check_offer_answerable(state: GameState, actor: str, offer_id: int) -> Offer:
    offer = state.offer(offer_id)
    if offer is None:
        raise InvalidActionError(f"there is no offer {offer_id}")
    if not offer.is_open:
        raise IllegalActionError(f"offer {offer_id} is no longer open (it was {offer.status})")
    if actor not in offer.to or actor in offer.accepted_by:
        raise IllegalActionError(f"offer {offer_id} is not waiting for your answer")
    return offer


def check_offer(state: GameState, action: MakeOffer) -> None:
    _check_terms(state, action.actor, action.terms)


def check_respond(state: GameState, action: Respond) -> None:
    offer = _check_offer_answerable(state, action.actor, action.offer_id)
    if action.accept:
        red = private_red_line_in(state.scenario, action.actor, offer.terms)
        if red:
            raise IllegalActionError(f"offer {offer.id} includes {red[0]}={red[1]}, one of your red lines")


def check_counter(state: GameState, action: Counter) -> None:
    _check_offer_answerable(state, action.actor, action.offer_id)
    _check_terms(state, action.actor, action.terms)


def lever_problem(state: GameState, actor: str, lever: Lever, target: str | None) -> str | None:
    """Why `actor` cannot use `lever` on `target` now, or None if it can. Shared with views and the UI."""
    from negotiator.engine.meters import MeterBook

    if lever.owner != actor:
        return f"'{lever.id}' belongs to {state.scenario.actor(lever.owner).short_name}"
    if lever.targets and target not in lever.targets:
        return f"'{lever.id}' must be aimed at one of: {', '.join(lever.targets)}"
    if not lever.targets and target is not None:
        return f"'{lever.id}' takes no target"
    if state.turn < lever.available_from_turn:
        return f"available from turn {lever.available_from_turn}"
    if any(q[0] == lever.id for q in state.queued_levers):
        return "already used this turn"
    ready = state.lever_ready.get(lever.id, 1)
    if state.turn < ready:
        return f"cooling down until turn {ready}"
    if lever.uses is not None and state.lever_uses.get(lever.id, 0) >= lever.uses:
        return "no uses left"
    if state.action_points.get(actor, 0) < lever.cost:
        return f"needs {lever.cost} action points; you have {state.action_points.get(actor, 0)}"
    book = MeterBook(state.scenario, state.meters, state.reservation_shift, state.pressure)
    for condition in lever.conditions:
        if not book.holds(condition, owner=actor, target=target):
            who = f" ({condition.actor})" if condition.actor else ""
            return f"needs {state.scenario.meter(condition.meter).name}{who} {condition.op} {condition.value:g}"
    return None


def check_lever(state: GameState, action: UseLever) -> None:
    lever_ids = [lv.id for lv in state.scenario.levers]
    if action.lever not in lever_ids:
        raise InvalidActionError(f"no lever '{action.lever}'" + _did_you_mean(action.lever, lever_ids))
    problem = lever_problem(state, action.actor, state.scenario.lever(action.lever), action.target)
    if problem:
        raise IllegalActionError(f"cannot use '{action.lever}': {problem}")


def check_red_line(state: GameState, action: DeclareRedLine) -> None:
    ((issue_id, option_id),) = normalise_terms(state.scenario, ((action.issue, action.option),))
    if issue_id in state.settled:
        raise IllegalActionError(f"'{issue_id}' is already settled")
    declared = state.public_red_lines.get(action.actor, ())
    if (issue_id, option_id) in declared:
        raise IllegalActionError(f"you have already ruled out {issue_id}={option_id}")
    ruled_out = {o for i, o in declared if i == issue_id} | {option_id}
    if len(ruled_out) >= len(state.scenario.issue(issue_id).options):
        raise IllegalActionError(f"ruling out every option of '{issue_id}' leaves nothing to negotiate")


def check_end(state: GameState, action: EndTurn) -> None:
    return None


# --- handlers ---------------------------------------------------------------------------------------


def _commitment_check(draft: Draft, actor: str, terms: Terms) -> None:
    """Audience costs: backing down from a public red line costs the actor at home."""
    declared = set(draft.public_red_lines.get(actor, ()))
    for issue_id, option_id in terms:
        if (issue_id, option_id) in declared:
            draft.broken_commitments[actor] = draft.broken_commitments.get(actor, 0) + 1
            changes: list[str] = []
            for effect in draft.scenario.rules.commitments.effects:
                changes += draft.book().apply(effect, owner=actor)
            draft.log(
                "moves",
                "commitment_broken",
                f"{draft.name(actor)} backs down from its public red line on {issue_id}={option_id}.",
                actor,
                changes=changes,
            )


def _make_offer(draft: Draft, actor: str, terms: Terms, reason: str) -> Offer:
    terms = normalise_terms(draft.scenario, terms)
    offer = Offer(
        id=len(draft.offers) + 1,
        proposer=actor,
        terms=terms,
        to=addressees(draft.scenario, actor, terms),
        turn=draft.turn,
        accepted_by=(actor,),
    )
    draft.offers = (*draft.offers, offer)
    draft.offers_made[actor] = draft.offers_made.get(actor, 0) + 1
    to = ", ".join(draft.name(a) for a in offer.to)
    draft.log(
        "moves",
        "offer",
        f"{draft.name(actor)} offers #{offer.id} to {to}: {_describe_terms(draft.scenario, terms)}.",
        actor,
        offer_id=offer.id,
        terms=dict(terms),
        reason=reason,
    )
    _commitment_check(draft, actor, terms)
    return offer


def _describe_terms(scenario: Scenario, terms: Terms) -> str:
    parts = []
    for issue_id, option_id in terms:
        issue = scenario.issue(issue_id)
        label = next(o.label for o in issue.options if o.id == option_id)
        parts.append(f"{issue.name}: {label}")
    return "; ".join(parts)


def _reject(draft: Draft, actor: str, offer: Offer, reason: str, kind: str = "reject") -> None:
    draft.set_offer(offer.with_status("rejected", actor))
    verb = "rejects" if kind == "reject" else "counters"
    draft.log("moves", kind, f"{draft.name(actor)} {verb} offer #{offer.id}.", actor, offer_id=offer.id, reason=reason)


def handle_offer(draft: Draft, action: MakeOffer) -> None:
    _make_offer(draft, action.actor, action.terms, action.reason)


def handle_respond(draft: Draft, action: Respond) -> None:
    offer = draft.offers[action.offer_id - 1]
    if not action.accept:
        _reject(draft, action.actor, offer, action.reason)
        return
    offer = offer.with_acceptance(action.actor)
    draft.set_offer(offer)
    if offer.status == "agreed":
        draft.progress = True
    done = (
        " Every party has now accepted; it will be ratified at the end of the turn." if offer.status == "agreed" else ""
    )
    draft.log(
        "moves",
        "accept",
        f"{draft.name(action.actor)} accepts offer #{offer.id}.{done}",
        action.actor,
        offer_id=offer.id,
        reason=action.reason,
    )
    _commitment_check(draft, action.actor, offer.terms)


def handle_counter(draft: Draft, action: Counter) -> None:
    _reject(draft, action.actor, draft.offers[action.offer_id - 1], action.reason, kind="counter")
    _make_offer(draft, action.actor, action.terms, action.reason)


def handle_lever(draft: Draft, action: UseLever) -> None:
    lever = draft.scenario.lever(action.lever)
    draft.action_points[action.actor] -= lever.cost
    draft.lever_uses[lever.id] = draft.lever_uses.get(lever.id, 0) + 1
    draft.lever_ready[lever.id] = draft.turn + lever.cooldown + 1
    draft.queued_levers = (*draft.queued_levers, (lever.id, action.actor, action.target))
    target = f" on {draft.name(action.target)}" if action.target else ""
    draft.log(
        "moves",
        "lever_queued",
        f"{draft.name(action.actor)} prepares {lever.name}{target}.",
        action.actor,
        lever=lever.id,
        target=action.target,
        reason=action.reason,
        private=True,
    )


def handle_red_line(draft: Draft, action: DeclareRedLine) -> None:
    draft.public_red_lines[action.actor] = (
        *draft.public_red_lines.get(action.actor, ()),
        (action.issue, action.option),
    )
    issue = draft.scenario.issue(action.issue)
    label = next(o.label for o in issue.options if o.id == action.option)
    draft.log(
        "moves",
        "red_line",
        f"{draft.name(action.actor)} publicly rules out '{label}' on {issue.name}.",
        action.actor,
        issue=action.issue,
        option=action.option,
        reason=action.reason,
    )


def handle_end(draft: Draft, action: EndTurn) -> None:
    from negotiator.engine.turn import end_move

    for offer in draft.offers:
        if offer.is_open and action.actor in offer.to and action.actor not in offer.accepted_by:
            draft.set_offer(offer.with_status("lapsed", action.actor))
            draft.log(
                "moves",
                "lapse",
                f"{draft.name(action.actor)} lets offer #{offer.id} lapse without an answer.",
                action.actor,
                offer_id=offer.id,
            )
    if action.reason:
        draft.log("moves", "end", f"{draft.name(action.actor)} ends its move.", action.actor, reason=action.reason)
    end_move(draft)


RULES: dict[type[Action], tuple[Callable[[GameState, Action], None], Callable[[Draft, Action], None]]] = {
    MakeOffer: (check_offer, handle_offer),  # type: ignore[dict-item]
    Respond: (check_respond, handle_respond),  # type: ignore[dict-item]
    Counter: (check_counter, handle_counter),  # type: ignore[dict-item]
    UseLever: (check_lever, handle_lever),  # type: ignore[dict-item]
    DeclareRedLine: (check_red_line, handle_red_line),  # type: ignore[dict-item]
    EndTurn: (check_end, handle_end),  # type: ignore[dict-item]
}


def _rule(action: Action) -> tuple[Callable[[GameState, Action], None], Callable[[Draft, Action], None]]:
    from negotiator.engine.facilitator import FACILITATOR_RULES

    rule = RULES.get(type(action)) or FACILITATOR_RULES.get(type(action))
    if rule is None:
        raise InvalidActionError(f"unknown action {action!r}")
    return rule


def check_action(state: GameState, action: Action) -> None:
    """Raise if `action` is not allowed now; return None if it is."""
    from negotiator.engine.facilitator import FACILITATOR_RULES, check_facilitator

    if state.ending is not None:
        raise IllegalActionError("the game is over")
    if type(action) in FACILITATOR_RULES:
        check_facilitator(state, action)
        _rule(action)[0](state, action)
        return
    if action.actor != state.current_actor:
        mover = state.scenario.actor(state.current_actor).short_name if state.current_actor else "nobody"
        raise IllegalActionError(f"it is {mover}'s move, not '{action.actor}''s")
    _rule(action)[0](state, action)


def apply_action(state: GameState, action: Action) -> GameState:
    check_action(state, action)
    draft = state.draft()
    draft.actions = (*draft.actions, action)
    _rule(action)[1](draft, action)
    return draft.freeze()
