"""The endgame: which of the AI's moves is its last word, the last offer its addressee can still answer.

At that move an offer the other refuses is not followed by another of its own, so holding out at its target is
a gamble on the other giving in first (in a two-party game with a deadline, a game of chicken). An AI that
waited there for the other's squeeze took whatever it tabled at the very end, and a player who conceded one
package at that move got the deal instead: the tutorial union's `last_step` (+16.2 over the AI in its seat)
and `nash_then_step` (+21.4). So at its decisive move the hard AI makes its final offer in time
(`Difficulty.final_offer`): the package with the best expected gain over no deal (the opponent model's chance
of acceptance times the gain, `bidding.FINAL_GREED`), among all those down to its floor (`bidding.floor`: its
no-deal value plus the share of the surplus its personality never gives up), instead of one above its target.
Measured on 200 paired seeds, both exploits fall to 0.0, and no strategy beats the AI in the authority's
seat. Down to the no-deal value itself instead of the floor, every Istanbul exploit cell was 0.2 to 0.3 points
larger (200 seeds).

Only a last word to one party counts. An expected-gain offer to several parties multiplies their uncertain
chances of acceptance, where the opponent model is weakest; in Istanbul it opened Moscow exploits
(`nash_if_stuck` +5.4, `closer` +3.0 on 100 seeds, against +3.0 and +0.8 without), so a last word to several
is left to the ordinary target.

What it costs: a last word that concedes rewards an addressee that holds out for it. In Istanbul Moscow's
last word to Kyiv (on the issues those two alone sign) is most of why `echo_floor` in Kyiv's seat rose from
+0.5 to +4.8 (100 seeds; +2.3 with Moscow's final offer switched off), while the hard Kyiv AI itself, which
takes a good offer early rather than gamble the deal (`acceptance.continuation`), gains nothing from it: making
it less fearful (a higher `DEAL_LATER`, or one more turn of hope) lowered its own score by 1 to 1.6 points.
How greedy the final offer is decides who can exploit it, and there is no safe middle: weighting the gain
twice the chance (`FINAL_GREED` 2) closes the tutorial union's `accept_first` and `anchor_ultimatum` (+4.7 to
-0.4 and -6.7) and cuts `echo_floor` in Kyiv's seat to +3.2, but a single red line then wins +18.0 as the
union; at 3 the authority's seat opens (`ladder` +14.8, `boulware` +15.6, `echo_floor` +19.4). The plain
expected gain (1) is kept.

Bounding the final offer also by what the addressee's concessions have earned (`bidding.earned` at the end of
the clock) closed the tutorial union's `accept_first` (+4.7 to -3.3) and Moscow's `nash_if_stuck` (+4.8 to 0),
but a bluffed red line per issue then won +15.8 as the union and `echo_floor` +2.6 as the authority, and Istanbul
kept 12 winning cells (Kyiv `ladder` +4.1, Moscow `last_step2` +2.5; 200 seeds): not kept.

Tried and not kept (2026-12-04): making the AI, at its own last chance, hold out with the mixed responder
(`acceptance.final_chance`) for part of what it last asked, and expecting the same of the others when it makes
its last offer, deadlocked hard against hard (deals fell from 100% to 61% of tutorial games at the full ask,
81% at 0.3 of it) and opened the union's `ladder` and `boulware` (+14 to +30); capping what each side holds
out for at its Nash value as it estimates it deadlocked worse (6% deals), because each side's estimate of the
other's values differs.
"""

from __future__ import annotations

from negotiator.engine.ai.context import Context
from negotiator.engine.turn import turn_order


def decisive(ctx: Context, addressees: tuple[str, ...]) -> bool:
    """Whether an offer made now is my last one that every addressee can answer before the projected end: no
    later move of mine is answerable, or the next answerable one comes before they have moved (my offer would
    still stand then, one offer at a time) and is itself the last."""
    return ctx.once(("decisive", addressees), lambda: _decisive(ctx, set(addressees)))


def _decisive(ctx: Context, addressees: set[str]) -> bool:
    if not addressees:
        return False
    if len(addressees) > 1:
        return False  # see the module docstring: a last word to several parties is left to the target
    me = ctx.me
    order = ctx.c.negotiators
    sequence = [(t, a) for t in range(ctx.view.turn, ctx.end_turn + 1) for a in turn_order(order, t)]
    try:
        later = sequence[sequence.index((ctx.view.turn, me)) + 1 :]
    except ValueError:
        return False
    answerable = [
        k for k, (_, actor) in enumerate(later) if actor == me and addressees <= {a for _, a in later[k + 1 :]}
    ]
    if not answerable:
        return True
    first = answerable[0]
    answered = addressees <= {a for _, a in later[:first]}
    return len(answerable) == 1 and not answered
