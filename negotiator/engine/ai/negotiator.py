"""The AI negotiator: one decision per call, in this order within its move: announce its true red lines (first
move only), answer the offers waiting for it (accept, or counter, or reject), use levers worth their cost, make
an offer if none of its own is still on the table, then end the move.

Every decision is a pure function of the view and the AI's seed (its random numbers are drawn from the seed
and the moment, never kept between calls), so a game replays exactly and a saved game's AIs play on as the
original ones would. Every action carries a one-sentence reason in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from negotiator.engine import rng
from negotiator.engine.actions import Action, Counter, DeclareRedLine, EndTurn, MakeOffer, Respond, UseLever
from negotiator.engine.ai.acceptance import acceptable
from negotiator.engine.ai.bidding import Bid, choose_bid
from negotiator.engine.ai.commitments import commitments
from negotiator.engine.ai.context import Context
from negotiator.engine.ai.levers import lever_plan, next_lever
from negotiator.engine.ai.personality import Difficulty, Personality
from negotiator.engine.view import ActorView


@dataclass(frozen=True)
class AINegotiator:
    actor: str
    personality: Personality
    difficulty: Difficulty
    seed: int = 0
    # This move's lever plan, keyed by where the move began; only a cache: the plan is recomputed identically
    # from any point of the move (see `negotiator.engine.ai.levers.lever_plan`).
    _plans: dict[object, object] = field(default_factory=dict, compare=False, repr=False)
    # What the decisions of one move share (see `negotiator.engine.ai.context`); only a cache.
    _moves: dict[object, dict[str, object]] = field(default_factory=dict, compare=False, repr=False)

    def decide(self, view: ActorView) -> Action:
        if not view.my_move:
            raise ValueError(f"it is not {self.actor}'s move")
        key = (
            view.turn,
            tuple(view.meter_values),
            view.public_red_lines.get(self.actor, ()),
            tuple(view.settled.items()),
        )
        move = self._moves.get(key)
        if move is None:
            if len(self._moves) > 8:
                self._moves.clear()
            move = self._moves[key] = {}
        ctx = Context(view, self.personality, self.difficulty, move)
        for step in (self._declare, self._answer, self._lever, self._offer):
            action = step(ctx)
            if action is not None:
                return action
        return EndTurn(self.actor, reason="We have said what we have to say this turn.")

    def _draw_at(self, ctx: Context, purpose: str, n: int) -> float:
        """A uniform number in [0, 1) for the n-th pick of this move's plan (the same at any point of the move)."""
        return rng.draw(self.seed, "ai", self.actor, purpose, ctx.view.turn, n)

    def _draw(self, ctx: Context, purpose: str) -> float:
        """A uniform number in [0, 1) for this decision, from the AI's seed and the moment."""
        view = ctx.view
        moment = (view.turn, len(view.offers), view.action_points, view.offers_left)
        return rng.draw(self.seed, "ai", self.actor, purpose, *moment)

    def _random(self, ctx: Context, purpose: str) -> Callable[[], float]:
        """This decision's random number, drawn only if the decision needs one."""
        return lambda: self._draw(ctx, purpose)

    # --- steps -----------------------------------------------------------------------------------------
    def _declare(self, ctx: Context) -> Action | None:
        view = ctx.view
        if view.preferences is None:
            return None
        return (self._true_line(ctx) if view.turn == 1 else None) or self._commit(ctx)

    def _true_line(self, ctx: Context) -> Action | None:
        view = ctx.view
        assert view.preferences is not None
        declared = set(view.public_red_lines.get(self.actor, ()))
        own_lines = [
            (issue_id, option)
            for issue_id, pref in view.preferences.issues.items()
            for option in pref.red_lines
            if issue_id not in view.settled and self.actor in view.scenario.issue(issue_id).signatories
        ]
        if len(declared) >= min(self.personality.declares_red_lines, len(own_lines)):
            return None
        for issue_id, option in own_lines:
            if (issue_id, option) not in declared and view.may_rule_out(issue_id, option):
                label = next(o.label for o in view.scenario.issue(issue_id).options if o.id == option)
                return DeclareRedLine(
                    self.actor,
                    issue=issue_id,
                    option=option,
                    reason=f"'{label}' is unacceptable to us, and saying so publicly makes that credible.",
                )
        return None

    def _commit(self, ctx: Context) -> Action | None:
        pending = [line for line in commitments(ctx) if ctx.view.may_rule_out(*line)]
        if not pending:
            return None
        issue_id, option = pending[0]  # one per decision, in scenario order
        issue = ctx.view.scenario.issue(issue_id)
        label = next(o.label for o in issue.options if o.id == option)
        return DeclareRedLine(
            self.actor,
            issue=issue_id,
            option=option,
            reason=f"We can do without '{label}' on {issue.name}, and a deal without it is within reach.",
        )

    def _answer(self, ctx: Context) -> Action | None:
        view = ctx.view
        if not view.awaiting_me:
            return None
        offer = view.awaiting_me[0]
        ok, why = acceptable(ctx, offer, self._random(ctx, "accept"))
        if ok:
            return Respond(self.actor, offer_id=offer.id, accept=True, reason=f"We accept: {why}.")
        if view.offers_left > 0:
            bid = choose_bid(ctx, self._random(ctx, "bid"))
            if bid is not None:
                terms = bid.terms
                return Counter(
                    self.actor, offer_id=offer.id, terms=terms, reason=f"We counter: {why}; {self._movement(ctx, bid)}."
                )
        return Respond(self.actor, offer_id=offer.id, accept=False, reason=f"We reject: {why}.")

    def _lever(self, ctx: Context) -> Action | None:
        view = ctx.view
        if view.action_points <= 0 or not any(s.usable_targets for s in view.levers):
            return None
        choices, points = view.move_start_levers
        key = (view.turn, tuple(view.meter_values), points, tuple((lever.id, aim) for lever, aim in choices))
        plan = self._plans.get(key)
        if plan is None:
            if len(self._plans) > 64:
                self._plans.clear()
            plan = self._plans[key] = lever_plan(ctx, self.seed, lambda n: self._draw_at(ctx, "lever", n))
        choice = next_lever(ctx, plan)
        if choice is None:
            return None
        lever, target_id = choice
        on = f" on {view.scenario.actor(target_id).short_name}" if target_id else ""
        return UseLever(
            self.actor,
            lever=lever.id,
            target=target_id,
            reason=f"Using {lever.name}{on} should strengthen our hand.",
        )

    def _offer(self, ctx: Context) -> Action | None:
        view = ctx.view
        if view.offers_left <= 0 or any(o.status == "agreed" for o in view.offers):
            return None
        if any(o.is_open and o.proposer == self.actor for o in view.offers):
            return None  # our last offer is still on the table
        bid = choose_bid(ctx, self._random(ctx, "bid"))
        if bid is None:
            return None
        return MakeOffer(self.actor, terms=bid.terms, reason=f"We propose this: {self._movement(ctx, bid)}.")

    def _movement(self, ctx: Context, bid: Bid) -> str:
        """Say how this proposal differs from our last one, in words (offers are public anyway)."""
        ours = [o for o in ctx.view.offers if o.proposer == self.actor]
        if not ours:
            return "our opening position"
        last = ours[-1].terms_dict()
        terms = dict(bid.terms)
        moved = [ctx.view.scenario.issue(i).name for i, option in terms.items() if last.get(i) != option]
        if not moved:
            return "we hold to our last proposal"
        return "we move on " + _join(moved)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
