"""The AI negotiator: one decision at a time, from its own view only, each with a one-sentence reason.

Order within a move: announce red lines (first move only), answer offers (accept, or counter/reject),
use levers worth their cost, make an offer if none of its own is pending, then end the move.
"""

from __future__ import annotations

from dataclasses import dataclass

from negotiator.engine.actions import Action, Counter, DeclareRedLine, EndTurn, MakeOffer, Respond, UseLever
from negotiator.engine.ai.context import Context, build_context
from negotiator.engine.ai.levers import choose_lever
from negotiator.engine.ai.personality import Difficulty, Personality
from negotiator.engine.ai.strategy import acceptable, choose_bid
from negotiator.engine.view import ActorView


@dataclass(frozen=True)
class AINegotiator:
    actor: str
    personality: Personality
    difficulty: Difficulty
    seed: int = 0

    def decide(self, view: ActorView) -> Action:
        if not view.my_move:
            raise ValueError(f"it is not {self.actor}'s move")
        for step in (self._declare, self._answer, self._lever, self._offer):
            action = step(view)
            if action is not None:
                return action
        return EndTurn(self.actor, reason="We have said what we have to say this turn.")

    # --- steps -----------------------------------------------------------------------------------------
    def _declare(self, view: ActorView) -> Action | None:
        if view.turn != 1 or view.preferences is None:
            return None
        declared = set(view.public_red_lines.get(self.actor, ()))
        own_lines = [
            (issue_id, option)
            for issue_id, pref in view.preferences.issues.items()
            for option in pref.red_lines
            if issue_id not in view.settled
        ]
        if len(declared) >= min(self.personality.declares_red_lines, len(own_lines)):
            return None
        for issue_id, option in own_lines:
            if (issue_id, option) not in declared:
                label = next(o.label for o in view.scenario.issue(issue_id).options if o.id == option)
                return DeclareRedLine(
                    self.actor,
                    issue=issue_id,
                    option=option,
                    reason=f"'{label}' is unacceptable to us, and saying so publicly makes that credible.",
                )
        return None

    def _answer(self, view: ActorView) -> Action | None:
        if not view.awaiting_me:
            return None
        ctx = build_context(view)
        offer = view.awaiting_me[0]
        own_red = set(view.public_red_lines.get(self.actor, ()))
        if any(term in own_red for term in offer.terms):
            ok, why = False, "it includes an option we have publicly ruled out"
        elif view.preferences and any(
            option in view.preferences.issues[i].red_lines for i, option in offer.terms if i in view.preferences.issues
        ):
            ok, why = False, "it crosses one of our red lines"
        else:
            ok, why = acceptable(ctx, offer, self.personality, self.difficulty)
        if ok:
            return Respond(self.actor, offer_id=offer.id, accept=True, reason=f"We accept: {why}.")
        if view.offers_left > 0:
            bid = self._bid(ctx)
            if bid is not None:
                return Counter(self.actor, offer_id=offer.id, terms=bid[0], reason=f"We counter: {why}; {bid[1]}.")
        return Respond(self.actor, offer_id=offer.id, accept=False, reason=f"We reject: {why}.")

    def _lever(self, view: ActorView) -> Action | None:
        choice = choose_lever(view, self.personality.lever_appetite)
        if choice is None:
            return None
        status, target_id, _value = choice
        on = f" on {view.scenario.actor(target_id).short_name}" if target_id else ""
        return UseLever(
            self.actor,
            lever=status.lever.id,
            target=target_id,
            reason=f"Using {status.lever.name}{on} should strengthen our hand.",
        )

    def _offer(self, view: ActorView) -> Action | None:
        if view.offers_left <= 0 or any(o.status == "agreed" for o in view.offers):
            return None
        if any(o.is_open and o.proposer == self.actor for o in view.offers):
            return None  # our last offer is still on the table
        ctx = build_context(view)
        bid = self._bid(ctx)
        if bid is None:
            return None
        return MakeOffer(self.actor, terms=bid[0], reason=f"We propose this: {bid[1]}.")

    def _bid(self, ctx: Context) -> tuple[tuple[tuple[str, str], ...], str] | None:
        others = self._addressees(ctx)
        chosen = choose_bid(ctx, self.personality, self.difficulty, others, self.seed)
        if chosen is None:
            return None
        package, _value = chosen
        terms = tuple((ctx.model.issue_ids[k], ctx.model.option_ids[k][package[k]]) for k in ctx.open_issues)
        return terms, self._movement(ctx, dict(terms))

    def _movement(self, ctx: Context, terms: dict[str, str]) -> str:
        """Say how this proposal differs from our last one, in words (offers are public anyway)."""
        ours = [o for o in ctx.view.offers if o.proposer == self.actor]
        if not ours:
            return "our opening position"
        last = ours[-1].terms_dict()
        moved = [ctx.view.scenario.issue(i).name for i, option in terms.items() if last.get(i) != option]
        if not moved:
            return "we hold to our last proposal"
        return "we move on " + _join(moved)

    def _addressees(self, ctx: Context) -> tuple[str, ...]:
        scenario = ctx.view.scenario
        needed = {s for k in ctx.open_issues for s in scenario.issue(ctx.model.issue_ids[k]).signatories}
        return tuple(a for a in ctx.view.estimates if a in needed and a != self.actor)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
