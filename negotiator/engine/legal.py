"""Legal actions as a lazy collection: test one with `in`, iterate them all, or `count()` them.

Offers are enumerated over every non-empty partial package of the unsettled issues, so the full list can
run to thousands; iterate lazily and stop early where you can.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from negotiator.engine.actions import Action, Counter, DeclareRedLine, EndTurn, MakeOffer, Respond, UseLever
from negotiator.engine.errors import IllegalActionError, InvalidActionError
from negotiator.engine.moves import check_action

if TYPE_CHECKING:
    from negotiator.engine.state import GameState


class LegalActions:
    def __init__(self, state: GameState, actor: str):
        self.state = state
        self.actor = actor

    def __contains__(self, action: object) -> bool:
        if not isinstance(action, Action) or action.actor != self.actor:
            return False
        try:
            check_action(self.state.core, action)
        except (IllegalActionError, InvalidActionError):
            return False
        return True

    def __iter__(self) -> Iterator[Action]:
        state, actor = self.state, self.actor
        if state.current_actor != actor:
            return
        yield EndTurn(actor)
        answerable = state.open_offers(to=actor)
        for offer in answerable:
            for accept in (True, False):
                action = Respond(actor, offer_id=offer.id, accept=accept)
                if action in self:
                    yield action
        for lever in state.scenario.levers:
            if lever.owner != actor:
                continue
            for target in lever.targets or [None]:
                action = UseLever(actor, lever=lever.id, target=target)
                if action in self:
                    yield action
        for issue in state.scenario.issues:
            for option in issue.options:
                action = DeclareRedLine(actor, issue=issue.id, option=option.id)
                if action in self:
                    yield action
        if state.offers_left(actor) > 0:
            for terms in self.offer_terms():
                offer = MakeOffer(actor, terms=terms)
                if offer in self:
                    yield offer
                    for answered in answerable:
                        yield Counter(actor, offer_id=answered.id, terms=terms)

    def offer_terms(self) -> Iterator[tuple[tuple[str, str], ...]]:
        """Every non-empty combination of options over the unsettled issues (None = left out)."""
        open_issues = [i for i in self.state.scenario.issues if i.id not in self.state.settled]
        choices = [[None, *(o.id for o in issue.options)] for issue in open_issues]
        for combo in itertools.product(*choices):
            terms = tuple((issue.id, opt) for issue, opt in zip(open_issues, combo, strict=True) if opt is not None)
            if terms:
                yield terms

    def count(self) -> int:
        return sum(1 for _ in self)
