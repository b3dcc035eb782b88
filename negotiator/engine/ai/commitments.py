"""Strategic commitments: publicly ruling out options the AI is able to do without (Schelling's commitment).

On an issue it must sign, an actor can rule out the options it values least: backing down later costs it (the
scenario's `commitments`), which is what makes the announcement credible, and the others then know that a deal
must avoid them. That pays only if a deal without them is still likely, so the AI commits when its opponent
model says so: it considers on each open issue it signs the options worth much less to it than its favourite
there (`GAP`), and rules them all out if the best package avoiding them is still fairly likely to be accepted
by everyone (`SURE`) and scores nearly as well as its best package overall (`SLACK`, in the bidding's own
score: options it would be glad to do without). Where agreement is tight (every option might be needed) it commits
to nothing. It decides before its own opening offer, never after.

Without this, a scripted player who announced "all but my favourite" on its veto issue beat the AI in that
seat by more than ten points (the exploit tournament, Washington's bluff): the AI conceded options that it could
have ruled out at no cost.
"""

from __future__ import annotations

import numpy as np

from negotiator.engine.ai.bidding import GREED, acceptance_log
from negotiator.engine.ai.context import EPSILON, Context
from negotiator.engine.ai.space import bundle

GAP = 0.2  # how far below its favourite (per-issue value) an option must be for the AI to consider ruling it out
SURE = 0.3  # the least estimated chance that everyone accepts the best package avoiding them
KNOWN = 0.67  # the opponent model's uncertainty must be at most this (one proposal seen) for every party
SLACK = 0.25  # the most that avoiding them may lower its best bid's score (log chance + GREED * log gain)


def commitments(ctx: Context) -> list[tuple[str, str]]:
    """The (issue, option) pairs the AI should rule out now, in scenario order (empty most of the time)."""
    return ctx.once("commitments", lambda: _commitments(ctx))


def _commitments(ctx: Context) -> list[tuple[str, str]]:
    view = ctx.view
    prefs = view.preferences
    if not ctx.difficulty.commits or prefs is None or not ctx.open_issues:
        return []
    if any(o.proposer == ctx.me for o in view.offers):
        return []  # a commitment is made before one's own opening, or not at all (later, it reads as a bluff)
    model = ctx.model
    declared = set(view.public_red_lines.get(ctx.me, ()))
    candidates: list[tuple[int, int]] = []  # never an issue's favourite, so never every option of an issue
    for k in ctx.open_issues:
        issue_id = model.issue_ids[k]
        if ctx.me not in ctx.c.signatories[issue_id] or issue_id not in prefs.issues:
            continue
        values = model.values[ctx.me][k]
        best = max(values)
        candidates += [
            (k, o)
            for o, v in enumerate(values)
            if v <= best - GAP and (issue_id, model.option_ids[k][o]) not in declared
        ]
    if not candidates:
        return []
    b = bundle(model, ctx.open_issues)
    own = b.own(ctx.me)
    r = ctx.reservation
    lines = ctx.my_lines
    allowed = own >= r + EPSILON
    if lines:
        allowed &= ~b.crossing(lines)
    log_chance = np.zeros(b.size)
    for actor in sorted({a for k in ctx.open_issues for a in ctx.c.signatories[model.issue_ids[k]] if a != ctx.me}):
        est = ctx.beliefs.get(actor)
        if est is None or est.uncertainty > KNOWN:
            return []  # a party it knows nothing about yet: a commitment now would be a blind one
        log_chance += acceptance_log(est, b)
    score = np.where(allowed, log_chance + GREED * np.log(np.maximum(1e-6, own - r)), -np.inf)
    if not np.isfinite(score).any():
        return []
    free = float(score.max())
    restricted = np.where(b.crossing(lines | frozenset(candidates)), -np.inf, score)
    pick = int(np.argmax(restricted))
    # All or nothing: one option at a time would always look free while the best bid avoids it, and an AI
    # that ruled out, one by one, everything its best bid does not use would leave no room to agree.
    if not np.isfinite(restricted[pick]) or np.exp(log_chance[pick]) < SURE or free - restricted[pick] > SLACK:
        return []
    return [(model.issue_ids[k], model.option_ids[k][o]) for k, o in sorted(candidates)]
