"""The rules for each action during an actor's move: what is allowed, and what it does.

Each action type maps to one checker (reads a `Core`; raises IllegalActionError or InvalidActionError with
what to do instead) and one handler (changes a copy of the core). `apply_to` is the only entry point; the
facilitator's actions (`negotiator.engine.facilitator`) join the same table.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from negotiator.engine import effects
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
from negotiator.engine.compiled import Compiled, compiled
from negotiator.engine.core import Core
from negotiator.engine.errors import IllegalActionError, InvalidActionError
from negotiator.engine.facilitator import FACILITATOR_RULES, check_facilitator
from negotiator.engine.offers import Offer
from negotiator.engine.turn import end_move
from negotiator.scenario.models import Lever, Scenario


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f"; did you mean '{close[0]}'?" if close else f"; choose from: {', '.join(choices)}"


def _normalise(c: Compiled, terms: Terms) -> Terms:
    chosen: dict[str, str] = {}
    for issue_id, option_id in terms:
        options = c.options.get(issue_id)
        if options is None:
            raise InvalidActionError(f"no issue '{issue_id}'" + _did_you_mean(issue_id, list(c.options)))
        if option_id not in options:
            raise InvalidActionError(
                f"issue '{issue_id}' has no option '{option_id}'" + _did_you_mean(option_id, list(options))
            )
        if issue_id in chosen:
            raise InvalidActionError(f"issue '{issue_id}' is named twice")
        chosen[issue_id] = option_id
    order = c.issue_order
    return tuple(sorted(chosen.items(), key=lambda t: order[t[0]]))


def _red_line(c: Compiled, actor: str, terms: Terms) -> tuple[str, str] | None:
    lines = c.red_lines.get(actor)
    if lines:
        for term in terms:
            if term in lines:
                return term
    return None


def _addressees(c: Compiled, proposer: str, terms: Terms) -> tuple[str, ...]:
    needed: set[str] = set()
    for term in terms:
        needed |= c.signatories[term[0]]
        needed |= c.consent.get(term, frozenset())  # an option that needs a non-signatory's consent
    return tuple(a for a in c.actor_ids if a in needed and a != proposer)


def normalise_terms(scenario: Scenario, terms: Terms) -> Terms:
    """Check ids and return the terms in scenario issue order; InvalidActionError names the bad id."""
    return _normalise(compiled(scenario), terms)


def private_red_line_in(scenario: Scenario, actor: str, terms: Terms) -> tuple[str, str] | None:
    return _red_line(compiled(scenario), actor, terms)


def addressees(scenario: Scenario, proposer: str, terms: Terms) -> tuple[str, ...]:
    """Every signatory of the issues in `terms` except the proposer, in scenario actor order."""
    return _addressees(compiled(scenario), proposer, terms)


# --- checks -----------------------------------------------------------------------------------------


def _check_terms(core: Core, actor: str, terms: Terms) -> Terms:
    c = core.c
    terms = _normalise(c, terms)
    if core.offers_left(actor) <= 0:
        raise IllegalActionError("you have made all the offers a turn allows; answer, use levers or end your move")
    for issue_id, _ in terms:
        if issue_id in core.settled:
            raise IllegalActionError(f"'{issue_id}' is already settled; leave it out of the offer")
    red = _red_line(c, actor, terms)
    if red:
        raise IllegalActionError(f"{red[0]}={red[1]} crosses one of your red lines; you cannot propose it")
    for line in terms:
        if line in core.removed_options:
            raise IllegalActionError(f"{line[0]}={line[1]} was taken off the table; choose another option")
    if not _addressees(c, actor, terms):
        raise IllegalActionError("you alone sign these issues; there is nobody to offer them to")
    return terms


def _check_offer_answerable(core: Core, actor: str, offer_id: int) -> Offer:
    offer = core.offer(offer_id)
    if offer is None:
        raise InvalidActionError(f"there is no offer {offer_id}")
    if not offer.is_open:
        raise IllegalActionError(f"offer {offer_id} is no longer open (it was {offer.status})")
    if actor not in offer.to or actor in offer.accepted_by:
        raise IllegalActionError(f"offer {offer_id} is not waiting for your answer")
    return offer


def check_offer(core: Core, action: MakeOffer) -> None:
    _check_terms(core, action.actor, action.terms)


def check_respond(core: Core, action: Respond) -> None:
    offer = _check_offer_answerable(core, action.actor, action.offer_id)
    if action.accept:
        red = _red_line(core.c, action.actor, offer.terms)
        if red:
            raise IllegalActionError(f"offer {offer.id} includes {red[0]}={red[1]}, one of your red lines")


def check_counter(core: Core, action: Counter) -> None:
    _check_offer_answerable(core, action.actor, action.offer_id)
    _check_terms(core, action.actor, action.terms)


def lever_problem(core: Core, actor: str, lever: Lever, target: str | None) -> str | None:
    """Why `actor` cannot use `lever` on `target` now, or None if it can. Shared with views and the UI."""
    c = core.c
    if lever.owner != actor:
        return f"'{lever.id}' belongs to {c.short_name(lever.owner)}"
    if lever.targets and target not in lever.targets:
        return f"'{lever.id}' must be aimed at one of: {', '.join(lever.targets)}"
    if not lever.targets and target is not None:
        return f"'{lever.id}' takes no target"
    if core.turn < lever.available_from_turn:
        return f"available from turn {lever.available_from_turn}"
    if any(q[0] == lever.id for q in core.queued_levers):
        return "already used this turn"
    ready = core.lever_ready.get(lever.id, 1)
    if core.turn < ready:
        return f"cooling down until turn {ready}"
    if lever.uses is not None and core.lever_uses.get(lever.id, 0) >= lever.uses:
        return "no uses left"
    points = core.action_points.get(actor, 0)
    if points < lever.cost:
        return f"needs {lever.cost} action points; you have {points}"
    for condition in lever.conditions:
        if not effects.holds(core, condition, owner=actor, target=target):
            if c.meters[condition.meter].hidden:  # a bookkeeping meter is never named to players
                return "a condition the game keeps hidden does not hold now"
            who = f" ({condition.actor})" if condition.actor else ""
            return f"needs {c.meters[condition.meter].name}{who} {condition.op} {condition.value:g}"
    return None


def lever_allowed(core: Core, actor: str, lever: Lever, target: str | None) -> bool:
    """Whether `lever_problem` finds nothing, without writing its sentence: views ask this of every lever and
    target before each decision, and the conditions come resolved from `Compiled.lever_ops`."""
    if lever.owner != actor:
        return False
    if lever.targets:
        if target not in lever.targets:
            return False
    elif target is not None:
        return False
    turn = core.turn
    lever_id = lever.id
    if turn < lever.available_from_turn or turn < core.lever_ready.get(lever_id, 1):
        return False
    for queued in core.queued_levers:
        if queued[0] == lever_id:
            return False
    if lever.uses is not None and core.lever_uses.get(lever_id, 0) >= lever.uses:
        return False
    if core.action_points.get(actor, 0) < lever.cost:
        return False
    meters = core.meters
    return all(test.holds(meters) for test in core.c.lever_ops(lever_id, actor, target).tests)


def check_lever(core: Core, action: UseLever) -> None:
    lever = core.c.levers.get(action.lever)
    if lever is None:
        raise InvalidActionError(f"no lever '{action.lever}'" + _did_you_mean(action.lever, list(core.c.levers)))
    problem = lever_problem(core, action.actor, lever, action.target)
    if problem:
        raise IllegalActionError(f"cannot use '{action.lever}': {problem}")


def check_red_line(core: Core, action: DeclareRedLine) -> None:
    ((issue_id, option_id),) = _normalise(core.c, ((action.issue, action.option),))
    if action.actor not in core.c.signatories[issue_id]:
        # A line you cannot be held to (you do not sign the issue) would be cheap talk with no audience cost.
        raise IllegalActionError(f"you do not sign '{issue_id}', so you cannot rule out its options")
    if issue_id in core.settled:
        raise IllegalActionError(f"'{issue_id}' is already settled")
    if (issue_id, option_id) in core.removed_options:
        # Nobody can offer it any more, so ruling it out would cost nothing and bind no one: an empty gesture.
        raise IllegalActionError(f"{issue_id}={option_id} has been taken off the table; there is nothing to rule out")
    declared = core.public_red_lines.get(action.actor, ())
    if (issue_id, option_id) in declared:
        raise IllegalActionError(f"you have already ruled out {issue_id}={option_id}")
    if not core.still_open(issue_id, action.actor) - {option_id}:
        raise IllegalActionError(
            f"ruling out every option of '{issue_id}' that is still on the table leaves nothing to negotiate"
        )


def check_end(core: Core, action: EndTurn) -> None:
    return None


# --- handlers ---------------------------------------------------------------------------------------


def _broken_lines(core: Core, actor: str, terms: Terms) -> Terms:
    declared = core.public_red_lines.get(actor, ())
    return tuple(term for term in terms if term in declared) if declared else ()


def commitments_broken_by(core: Core, action: Action) -> Terms:
    """The actor's own public red lines that `action` would break (an offer, counter or acceptance naming them),
    so a front end can ask before the player pays the audience cost; () for any other action."""
    if isinstance(action, MakeOffer | Counter):
        try:
            terms = _normalise(core.c, action.terms)
        except InvalidActionError:
            return ()
        return _broken_lines(core, action.actor, terms)
    if isinstance(action, Respond) and action.accept:
        offer = core.offer(action.offer_id)
        return _broken_lines(core, action.actor, offer.terms) if offer is not None else ()
    return ()


def _commitment_check(core: Core, actor: str, terms: Terms) -> None:
    """Audience costs: backing down from a public red line costs the actor at home."""
    for issue_id, option_id in _broken_lines(core, actor, terms):
        core.broken_commitments[actor] = core.broken_commitments.get(actor, 0) + 1
        changes = effects.apply_all(core, core.c.rules.commitments.effects, owner=actor)
        core.log(
            "moves",
            "commitment_broken",
            f"{core.name(actor)} backs down from its public red line on {issue_id}={option_id}.",
            actor,
            changes=changes,
        )


def _make_offer(core: Core, actor: str, terms: Terms, reason: str) -> Offer:
    c = core.c
    terms = _normalise(c, terms)
    offer = Offer(
        id=len(core.offers) + 1,
        proposer=actor,
        terms=terms,
        to=_addressees(c, actor, terms),
        turn=core.turn,
        accepted_by=(actor,),
    )
    core.offers = (*core.offers, offer)
    core.offers_made[actor] = core.offers_made.get(actor, 0) + 1
    to = ", ".join(core.name(a) for a in offer.to)
    core.log(
        "moves",
        "offer",
        f"{core.name(actor)} offers #{offer.id} to {to}: {describe_terms(c, terms)}.",
        actor,
        offer_id=offer.id,
        terms=dict(terms),
        reason=reason,
    )
    _commitment_check(core, actor, terms)
    return offer


def describe_terms(c: Compiled, terms: Terms) -> str:
    return "; ".join(f"{c.issues[i].name}: {c.label(i, o)}" for i, o in terms)


def _reject(core: Core, actor: str, offer: Offer, reason: str, kind: str = "reject") -> None:
    core.set_offer(offer.with_status("rejected", actor))
    verb = "rejects" if kind == "reject" else "counters"
    core.log("moves", kind, f"{core.name(actor)} {verb} offer #{offer.id}.", actor, offer_id=offer.id, reason=reason)


def handle_offer(core: Core, action: MakeOffer) -> None:
    _make_offer(core, action.actor, action.terms, action.reason)


def handle_respond(core: Core, action: Respond) -> None:
    offer = core.offers[action.offer_id - 1]
    if not action.accept:
        _reject(core, action.actor, offer, action.reason)
        return
    offer = offer.with_acceptance(action.actor)
    core.set_offer(offer)
    if offer.status == "agreed":
        core.progress = True
    done = (
        " Every party has now accepted; it will be ratified at the end of the turn." if offer.status == "agreed" else ""
    )
    core.log(
        "moves",
        "accept",
        f"{core.name(action.actor)} accepts offer #{offer.id}.{done}",
        action.actor,
        offer_id=offer.id,
        reason=action.reason,
    )
    _commitment_check(core, action.actor, offer.terms)


def handle_counter(core: Core, action: Counter) -> None:
    _reject(core, action.actor, core.offers[action.offer_id - 1], action.reason, kind="counter")
    _make_offer(core, action.actor, action.terms, action.reason)


def handle_lever(core: Core, action: UseLever) -> None:
    lever = core.c.levers[action.lever]
    core.action_points[action.actor] -= lever.cost
    core.lever_uses[lever.id] = core.lever_uses.get(lever.id, 0) + 1
    core.lever_ready[lever.id] = core.turn + lever.cooldown + 1
    core.queued_levers = (*core.queued_levers, (lever.id, action.actor, action.target))
    target = f" on {core.name(action.target)}" if action.target else ""
    core.log(
        "moves",
        "lever_queued",
        f"{core.name(action.actor)} prepares {lever.name}{target}.",
        action.actor,
        lever=lever.id,
        target=action.target,
        reason=action.reason,
        private=True,
    )


def handle_red_line(core: Core, action: DeclareRedLine) -> None:
    core.public_red_lines[action.actor] = (
        *core.public_red_lines.get(action.actor, ()),
        (action.issue, action.option),
    )
    c = core.c
    core.log(
        "moves",
        "red_line",
        f"{core.name(action.actor)} publicly rules out '{c.label(action.issue, action.option)}' on "
        f"{c.issues[action.issue].name}.",
        action.actor,
        issue=action.issue,
        option=action.option,
        reason=action.reason,
    )


def handle_end(core: Core, action: EndTurn) -> None:
    for offer in core.offers:
        if offer.is_open and action.actor in offer.to and action.actor not in offer.accepted_by:
            core.set_offer(offer.with_status("lapsed", action.actor))
            core.log(
                "moves",
                "lapse",
                f"{core.name(action.actor)} lets offer #{offer.id} lapse without an answer.",
                action.actor,
                offer_id=offer.id,
            )
    if action.reason:
        core.log("moves", "end", f"{core.name(action.actor)} ends its move.", action.actor, reason=action.reason)
    end_move(core)


Rule = tuple[Callable[[Core, Action], None], Callable[[Core, Action], None]]

RULES: dict[type[Action], Rule] = {
    MakeOffer: (check_offer, handle_offer),  # type: ignore[dict-item]
    Respond: (check_respond, handle_respond),  # type: ignore[dict-item]
    Counter: (check_counter, handle_counter),  # type: ignore[dict-item]
    UseLever: (check_lever, handle_lever),  # type: ignore[dict-item]
    DeclareRedLine: (check_red_line, handle_red_line),  # type: ignore[dict-item]
    EndTurn: (check_end, handle_end),  # type: ignore[dict-item]
}


def _rule(action: Action) -> Rule:
    rule = RULES.get(type(action)) or FACILITATOR_RULES.get(type(action))
    if rule is None:
        raise InvalidActionError(f"unknown action {action!r}")
    return rule


def check_action(core: Core, action: Action) -> None:
    """Raise if `action` is not allowed now; return None if it is."""
    if core.ending is not None:
        raise IllegalActionError("the game is over")
    if type(action) in FACILITATOR_RULES:
        check_facilitator(core, action)
        _rule(action)[0](core, action)
        return
    if action.actor != core.current_actor:
        mover = core.name(core.current_actor) if core.current_actor else "nobody"
        raise IllegalActionError(f"it is {mover}'s move, not '{action.actor}''s")
    _rule(action)[0](core, action)


def apply_to(core: Core, action: Action) -> Core:
    """A new core: `core` after `action` (checked first). `core` itself is never changed."""
    check_action(core, action)
    new = core.copy()
    new.actions = (*new.actions, action)
    _rule(action)[1](new, action)
    return new
