"""Scripted strategies that try to game the AI: what a clever or careless human might do in one seat.

Each strategy is a `Controller` (`decide(view) -> Action`) that sees exactly what a human in that seat
sees (its own `ActorView`) and acts through the ordinary action API, so anything it achieves a human
could achieve too. The exploit tournament (`negotiator.tournament.runner`) pits each one against the
built-in AI in the other seats and compares its score with the AI's own in the same seat.

Strategies are deliberately simple and public: the point is not to play well but to find play that
beats the AI for the wrong reasons (cheap talk, squeezing the deadline, spamming pressure).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from negotiator.engine import rng
from negotiator.engine.actions import Action, Counter, DeclareRedLine, EndTurn, MakeOffer, Respond, UseLever
from negotiator.engine.offers import Offer
from negotiator.engine.utility import utility_model
from negotiator.engine.view import ActorView

Terms = tuple[tuple[str, str], ...]


# --- what every strategy needs to know about its own seat --------------------------------------------


def open_issue_ids(view: ActorView) -> list[str]:
    return [i.id for i in view.scenario.issues if i.id not in view.settled]


def own_value(view: ActorView, terms: Terms | dict[str, str]) -> float:
    """My utility if `terms` were settled on top of what is settled (the rest at my no-deal value)."""
    model = utility_model(view.scenario)
    merged = {**view.settled, **dict(terms)}
    return model.partial_utility(view.actor, model.terms_from_ids(merged), view.reservation)


def crosses_own_red_line(view: ActorView, terms: Terms | dict[str, str]) -> bool:
    prefs = view.preferences
    if prefs is None:
        return False
    return any(o in prefs.issues[i].red_lines for i, o in dict(terms).items() if i in prefs.issues)


def crosses_public_line(view: ActorView, terms: Terms | dict[str, str]) -> bool:
    declared = set(view.public_red_lines.get(view.actor, ()))
    return any(t in declared for t in dict(terms).items())


def signs(view: ActorView, issue_id: str) -> bool:
    return view.actor in view.scenario.issue(issue_id).signatories


def has_addressee(view: ActorView, terms: Terms) -> bool:
    needed = {s for i, _ in terms for s in view.scenario.issue(i).signatories}
    return bool(needed - {view.actor})


def packages(view: ActorView) -> list[Terms]:
    """Every full package over the open issues that crosses none of my red lines, public or private."""
    open_ids = open_issue_ids(view)
    options = [[o.id for o in view.scenario.issue(i).options] for i in open_ids]
    result = []
    for combo in itertools.product(*options):
        terms = tuple(zip(open_ids, combo, strict=True))
        if not crosses_own_red_line(view, terms) and not crosses_public_line(view, terms):
            result.append(terms)
    return result


def best_package(view: ActorView) -> Terms | None:
    candidates = packages(view)
    if not candidates:
        return None
    return max(candidates, key=lambda t: (own_value(view, t), t))


def estimated_ok(view: ActorView, terms: Terms, margin: float = 0.0) -> bool:
    """Whether every other signatory of `terms` is estimated (from public behaviour) to prefer it to no deal."""
    needed = {s for i, _ in terms for s in view.scenario.issue(i).signatories} - {view.actor}
    merged = {**view.settled, **dict(terms)}
    for actor in needed:
        est = view.estimates.get(actor)
        if est is None:
            continue
        if est.utility(merged) < est.reservation + margin:
            return False
    return True


def answer_offer(view: ActorView, offer: Offer, accept: bool, reason: str) -> Action:
    return Respond(view.actor, offer_id=offer.id, accept=accept, reason=reason)


def can_accept(view: ActorView, offer: Offer) -> bool:
    return not crosses_own_red_line(view, offer.terms)


def own_open_offer(view: ActorView) -> bool:
    return any(o.is_open and o.proposer == view.actor for o in view.offers)


def offer_or_end(view: ActorView, terms: Terms | None, reason: str) -> Action:
    if terms and view.offers_left > 0 and not own_open_offer(view) and has_addressee(view, terms):
        return MakeOffer(view.actor, terms=terms, reason=reason)
    return EndTurn(view.actor, reason=reason)


def projected_last_turn(view: ActorView) -> int:
    """The turn the game is expected to end in: the deadline, or earlier if a walk-away meter is draining.

    Reads only public rules and meters: a per-actor meter that ends the game when it falls to a threshold,
    projected at its average fall per turn so far.
    """
    last = view.turns
    for ending in view.scenario.rules.endings:
        if len(ending.when) != 1:
            continue  # only a single falling meter is projected
        cond = ending.when[0]
        if cond.op not in ("<", "<="):
            continue
        meter = view.scenario.meter(cond.meter)
        key = cond.meter if meter.scope == "shared" else f"{cond.meter}@{cond.actor}"
        level = view.meters.get(key)
        if level is None:
            continue
        start = meter.initial
        if meter.scope != "shared" and cond.actor:
            start = view.scenario.actor(cond.actor).meters.get(cond.meter, meter.initial)
        elapsed = max(1, view.turn - 1)
        fall = (start - level) / elapsed
        if fall <= 0:
            continue
        turns_left = (level - cond.value) / fall
        last = min(last, view.turn + int(turns_left))
    return max(view.turn, last)


# --- the strategies ----------------------------------------------------------------------------------


@dataclass
class Stonewall:
    """Refuse everything, offer nothing."""

    actor: str
    seed: int = 0

    def decide(self, view: ActorView) -> Action:
        if view.awaiting_me:
            return answer_offer(view, view.awaiting_me[0], False, "We refuse.")
        return EndTurn(view.actor)


@dataclass
class Anchor:
    """Offer my best package every turn and refuse everything else."""

    actor: str
    seed: int = 0

    def decide(self, view: ActorView) -> Action:
        if view.awaiting_me:
            return answer_offer(view, view.awaiting_me[0], False, "We hold to our position.")
        return offer_or_end(view, best_package(view), "Our position.")


@dataclass
class AcceptFirst:
    """Accept the first offer worth more to me than no deal; otherwise keep offering my best package."""

    actor: str
    seed: int = 0

    def decide(self, view: ActorView) -> Action:
        for offer in view.awaiting_me:
            accept = can_accept(view, offer) and own_value(view, offer.terms) > view.reservation
            return answer_offer(view, offer, accept, "Good enough." if accept else "Not good enough.")
        return offer_or_end(view, best_package(view), "Our position.")


@dataclass
class LastTurnUltimatum:
    """Refuse everything until the final turn, then table the package best for me that the others are
    estimated to prefer (just) to no deal: a take-it-or-leave-it squeeze at the deadline."""

    actor: str
    seed: int = 0
    real_horizon: bool = False
    anchor: bool = False  # until then, table my best package every turn: the squeeze then looks like movement

    def decide(self, view: ActorView) -> Action:
        last = projected_last_turn(view) if self.real_horizon else view.turns
        final = view.turn >= last
        if view.awaiting_me:
            offer = view.awaiting_me[0]
            accept = final and can_accept(view, offer) and own_value(view, offer.terms) > view.reservation + 0.05
            return answer_offer(view, offer, accept, "Take it or leave it.")
        if not final:
            return offer_or_end(view, best_package(view), "Our position.") if self.anchor else EndTurn(view.actor)
        ok = [t for t in packages(view) if estimated_ok(view, t, 0.005) and own_value(view, t) > view.reservation]
        pick = max(ok, key=lambda t: (own_value(view, t), t)) if ok else best_package(view)
        return offer_or_end(view, pick, "Our final offer.")


@dataclass
class RandomPlay:
    """A uniformly random legal-looking move: answer at random, use a random lever, offer at random."""

    actor: str
    seed: int = 0

    def decide(self, view: ActorView) -> Action:
        r = random.Random(int(rng.draw(self.seed, "random-play", view.actor, view.turn, len(view.log)) * 2**53))
        if view.awaiting_me:
            offer = view.awaiting_me[0]
            accept = can_accept(view, offer) and r.random() < 0.5
            return answer_offer(view, offer, accept, "Why not." if accept else "No.")
        choice = r.random()
        usable = [(s.lever.id, t) for s in view.levers for t in s.usable_targets]
        if usable and choice < 0.3:
            lever, target = r.choice(usable)
            return UseLever(view.actor, lever=lever, target=target)
        if choice < 0.7 and view.offers_left > 0 and not own_open_offer(view):
            options = packages(view)
            if options:
                terms = r.choice(options)
                if has_addressee(view, terms):
                    return MakeOffer(view.actor, terms=terms)
        return EndTurn(view.actor)


@dataclass
class WithAI:
    """Base for strategies that do one thing their own way and let the built-in AI of the seat do the rest,
    so that only that one thing differs from the AI's own play."""

    actor: str
    seed: int = 0
    ai: object = field(default=None, repr=False)

    def rest(self, view: ActorView) -> Action:
        return self.ai.decide(view)  # type: ignore[attr-defined,no-any-return]


@dataclass
class LeverSpam(WithAI):
    """Use every usable lever on every target as soon as possible; negotiate like the AI."""

    def decide(self, view: ActorView) -> Action:
        if not view.awaiting_me:
            for status in view.levers:
                for target in status.usable_targets:
                    return UseLever(view.actor, lever=status.lever.id, target=target, reason="More pressure.")
        return self.rest(view)


def _declarations(view: ActorView, choose: Callable[[ActorView], list[tuple[str, str]]]) -> Action | None:
    """The next public red line to declare that the (public) rules allow: only on an open issue one signs,
    and never every option of an issue."""
    declared = set(view.public_red_lines.get(view.actor, ()))
    for issue_id, option_id in choose(view):
        if (issue_id, option_id) in declared or issue_id in view.settled or not signs(view, issue_id):
            continue
        ruled_out = {o for i, o in declared if i == issue_id} | {option_id}
        if len(ruled_out) >= len(view.scenario.issue(issue_id).options):
            continue
        return DeclareRedLine(view.actor, issue=issue_id, option=option_id, reason="We will never accept this.")
    return None


def _all_but_favourite(view: ActorView, signed_only: bool) -> list[tuple[str, str]]:
    if view.preferences is None:
        return []
    lines = []
    for issue in view.scenario.issues:
        if signed_only and not signs(view, issue.id):
            continue
        pref = view.preferences.issues.get(issue.id)
        if pref is None:
            continue
        favourite = max(issue.options, key=lambda o: (pref.values.get(o.id, 0.0), o.id)).id
        lines += [(issue.id, o.id) for o in issue.options if o.id != favourite]
    return lines


def _worst_per_issue(view: ActorView) -> list[tuple[str, str]]:
    if view.preferences is None:
        return []
    lines = []
    for issue in view.scenario.issues:
        pref = view.preferences.issues.get(issue.id)
        if pref is None or not signs(view, issue.id):
            continue
        worst = min(issue.options, key=lambda o: (pref.values.get(o.id, 0.0), o.id)).id
        lines.append((issue.id, worst))
    return lines


@dataclass
class Bluff(WithAI):
    """Publicly rule out options on the first move (cheap talk), then negotiate like the AI, which keeps
    to its own public red lines."""

    mode: str = "all"  # all: every option but my favourite on every issue; signed: only issues I sign;
    # one: the worst option for me on each issue I sign

    def decide(self, view: ActorView) -> Action:
        if view.turn == 1:
            choose = {
                "all": lambda v: _all_but_favourite(v, signed_only=False),
                "signed": lambda v: _all_but_favourite(v, signed_only=True),
                "one": _worst_per_issue,
            }[self.mode]
            action = _declarations(view, choose)
            if action is not None:
                return action
        return self.rest(view)


@dataclass
class EchoFloor(WithAI):
    """Negotiate like the AI, with two changes an outside tester found to pay: where the AI would propose, table
    instead the best full package (for me) that another party has already proposed, if it beats the AI's own
    bid; and refuse any deal worth less than my no-deal value plus `margin`."""

    margin: float = 0.08

    def decide(self, view: ActorView) -> Action:
        action = self.rest(view)
        if isinstance(action, MakeOffer | Counter):
            echoed = self._best_proposed(view)
            if echoed is not None and own_value(view, echoed) > own_value(view, action.terms) + 1e-9:
                if isinstance(action, Counter):
                    return Counter(view.actor, offer_id=action.offer_id, terms=echoed, reason="Your own terms.")
                return MakeOffer(view.actor, terms=echoed, reason="Terms already proposed at this table.")
        if isinstance(action, Respond) and action.accept:
            offer = next(o for o in view.offers if o.id == action.offer_id)
            if own_value(view, offer.terms) < view.reservation + self.margin:
                return answer_offer(view, offer, False, "Not enough.")
        return action

    @staticmethod
    def _best_proposed(view: ActorView) -> Terms | None:
        open_ids = set(open_issue_ids(view))
        found = []
        for offer in view.offers:
            if offer.proposer == view.actor or not {i for i, _ in offer.terms} >= open_ids:
                continue
            terms = tuple(t for t in offer.terms if t[0] in open_ids)
            if not crosses_own_red_line(view, terms) and not crosses_public_line(view, terms):
                found.append(terms)
        found = [t for t in found if has_addressee(view, t)]
        return max(found, key=lambda t: (own_value(view, t), t), default=None)


@dataclass
class Boulware:
    """A simple concession heuristic of the kind that beats naive agents: concede late (Boulware pacing)
    over the *real* horizon (the projected end, not the nominal deadline), announce true red lines, use
    only levers that hurt an opponent, and propose the best package for me the others are estimated to
    accept at my current target."""

    actor: str
    seed: int = 0
    exponent: float = 0.3

    def target(self, view: ActorView) -> float:
        last = projected_last_turn(view)
        span = max(1, last - 1)
        t = min(1.0, (view.turn - 1) / span)
        best = best_package(view)
        top = own_value(view, best) if best else view.reservation
        return view.reservation + (top - view.reservation) * (1 - t ** (1 / self.exponent))

    def decide(self, view: ActorView) -> Action:
        if view.turn == 1 and view.preferences is not None:
            true_lines = [(i, o) for i, p in view.preferences.issues.items() for o in p.red_lines if signs(view, i)]
            action = _declarations(view, lambda v: true_lines)
            if action is not None:
                return action
        goal = self.target(view)
        for offer in view.awaiting_me:
            value = own_value(view, offer.terms)
            accept = can_accept(view, offer) and value >= goal - 1e-9 and value > view.reservation
            return answer_offer(view, offer, accept, "Acceptable." if accept else "Not yet.")
        for status in view.levers:
            if status.lever.targets and status.usable_targets and _hurts_target(status.lever):
                return UseLever(view.actor, lever=status.lever.id, target=status.usable_targets[0])
        ok = [t for t in packages(view) if own_value(view, t) >= goal - 1e-9 and estimated_ok(view, t)]
        pick = max(ok, key=lambda t: (own_value(view, t), t)) if ok else None
        if pick is None:
            above = [t for t in packages(view) if own_value(view, t) >= goal - 1e-9]
            pick = min(above, key=lambda t: (own_value(view, t), t)) if above else None
        return offer_or_end(view, pick, "Our proposal.")


def _last_turn(view: ActorView) -> bool:
    return view.turn >= min(view.turns, projected_last_turn(view))


@dataclass
class Closer(WithAI):
    """Negotiate like the AI, but on the (projected) last turn accept the open offer best for me that beats my
    no-deal value. Found by an outside attack (2026-12-03): the hard AI's last-chance refusal (AC_combi) walks it
    into deadlines against players who are not squeezing it."""

    def decide(self, view: ActorView) -> Action:
        if _last_turn(view):
            ok = [o for o in view.awaiting_me if can_accept(view, o) and own_value(view, o.terms) > view.reservation]
            if ok:
                return answer_offer(view, max(ok, key=lambda o: (own_value(view, o.terms), o.id)), True, "Deal.")
        return self.rest(view)


def _nash_package(view: ActorView) -> Terms | None:
    """The package (over open issues) that maximises my gain over no deal times every other signatory's estimated
    gain over its estimated no-deal value, from my view's estimates; None if no package gains for all."""
    best: Terms | None = None
    best_product = 0.0
    for terms in packages(view):
        if not has_addressee(view, terms):
            continue
        product = own_value(view, terms) - view.reservation
        if product <= 0:
            continue
        merged = {**view.settled, **dict(terms)}
        for actor in {a for i, _ in terms for a in view.scenario.issue(i).signatories} - {view.actor}:
            est = view.estimates.get(actor)
            if est is not None:
                product *= max(0.0, est.utility(merged) - est.reservation)
        if product > best_product + 1e-12:
            best, best_product = terms, product
    return best


@dataclass
class NashIfStuck(Closer):
    """Closer, and on the turn before the last, where the AI would propose or counter, table the estimated Nash
    package if no other party has yet proposed a full package worth more to me than no deal (outside attack)."""

    def decide(self, view: ActorView) -> Action:
        action = super().decide(view)
        if view.turn != min(view.turns, projected_last_turn(view)) - 1 or not isinstance(action, MakeOffer | Counter):
            return action
        open_ids = set(open_issue_ids(view))
        for offer in view.offers:
            if offer.proposer != view.actor and {i for i, _ in offer.terms} >= open_ids:
                terms = tuple(t for t in offer.terms if t[0] in open_ids)
                usable = not crosses_own_red_line(view, terms) and not crosses_public_line(view, terms)
                if usable and has_addressee(view, terms) and own_value(view, terms) > view.reservation:
                    return action
        terms = _nash_package(view)
        if terms is None:
            return action
        if isinstance(action, Counter):
            return Counter(view.actor, offer_id=action.offer_id, terms=terms, reason="A fair trade.")
        return MakeOffer(view.actor, terms=terms, reason="A fair trade.")


def _negotiator_ids(view: ActorView) -> tuple[str, ...]:
    return tuple(a.id for a in view.scenario.negotiators)


def final_chance(view: ActorView, addressees: set[str]) -> bool:
    """Whether this move is my last one that every addressee still gets to answer before the projected end:
    no later move of mine (up to the projected last turn) is followed by a move of each addressee."""
    from negotiator.engine.turn import turn_order

    last = min(view.turns, projected_last_turn(view))
    sequence = [(t, a) for t in range(view.turn, last + 1) for a in turn_order(_negotiator_ids(view), t)]
    now = sequence.index((view.turn, view.actor))
    later = sequence[now + 1 :]
    for k, (_, actor) in enumerate(later):
        if actor == view.actor and addressees <= {a for _, a in later[k + 1 :]}:
            return False
    return True


def _moves_left(view: ActorView, addressees: set[str]) -> int:
    """How many of my moves remain, this one included, that the addressees can still answer."""
    from negotiator.engine.turn import turn_order

    last = min(view.turns, projected_last_turn(view))
    sequence = [(t, a) for t in range(view.turn, last + 1) for a in turn_order(_negotiator_ids(view), t)]
    count = 0
    for k, (_, actor) in enumerate(sequence):
        if actor == view.actor and addressees <= {a for _, a in sequence[k + 1 :]}:
            count += 1
    return max(1, count)


def _others(view: ActorView, terms: Terms) -> set[str]:
    return {s for i, _ in terms for s in view.scenario.issue(i).signatories} - {view.actor}


def _est_margin(view: ActorView, terms: Terms) -> float:
    """The smallest estimated gain over no deal among the other signatories of `terms` (public estimates)."""
    merged = {**view.settled, **dict(terms)}
    gains = [
        view.estimates[a].utility(merged) - view.estimates[a].reservation
        for a in _others(view, terms)
        if a in view.estimates
    ]
    return min(gains, default=0.0)


@dataclass
class Ladder(WithAI):
    """A visible, steady concession ladder that ends in a final offer timed to the others' last chance to answer.

    From my best package it steps down every move, in equal steps of my own value, to a final package: the best
    for me that every other signatory is estimated (from my public view) to value at least `margin` above its
    estimated no-deal value. The final package is tabled at my last move the others can still answer
    (`final_chance`: move order rotates, so in the tutorial the union's is turn 5, not turn 6). Until then it
    accepts only what is worth as much to me as my current step; after it, the best open offer above no deal.
    Levers and red lines as the seat's AI. Idea: a concession path that looks like real movement, so an
    opponent that paces its own concessions on the others' ("earned" concessions) and judges its last answer
    by the best offer it received recently, meets a final offer that beats both.

    Measured (outside attack, 2026-12-04, paired seeds, default settings): BEATS the AI as Kyiv, +5.4 [+3.6, +7.3]
    (100/29/71, 200 seeds): it tables the package Washington proposed (contact line, guarantees, phased relief,
    all for all, immediate ceasefire) early and holds it, where the AI Kyiv, its no-deal value dipped by
    airstrikes, accepts a worse one (seed 5: +16.6). Elsewhere it loses (100 seeds): Moscow -15.0, Washington
    -14.0, union -10.6, authority -3.5. `ladder_late` (early=0): Kyiv the same, union +4.2 [+3.0, +5.3] (40/160/0,
    200 seeds), authority -48.5 (60 seeds). Fresh seeds 1001-1200: Kyiv +6.0 [+4.1, +7.9] (96/41/63), union
    (ladder_late) +3.8 [+2.6, +5.0] (38/161/1). `ladder_wide`, `ladder_firm`, `ladder_pressure`: see STRATEGIES."""

    margin: float = 0.02
    floor: float = 0.0  # never table a package worth less than my no-deal value plus this
    early: int = 1  # table the final package this many answerable moves before the last (an open offer blocks)
    firm: bool = False  # never take a concession back: once a package was tabled, nothing better for me follows
    pressure: bool = False  # also use every usable lever that hurts its target, whenever it is usable

    def candidates(self, view: ActorView) -> list[Terms]:
        """My acceptable packages that cross no other signatory's public red line (they would have to back down)."""
        lines = {
            (i, o) for actor, declared in view.public_red_lines.items() if actor != view.actor for i, o in declared
        }
        return [t for t in packages(view) if has_addressee(view, t) and not set(t) & lines]

    def final_package(self, view: ActorView) -> Terms | None:
        cands = self.candidates(view)
        ok = [t for t in cands if _est_margin(view, t) >= self.margin and own_value(view, t) > view.reservation]
        if not ok:
            return None
        return max(ok, key=lambda t: (own_value(view, t), _est_margin(view, t), t))

    def step(self, view: ActorView) -> tuple[Terms | None, float]:
        terms, level = self._step(view)
        if not self.firm or terms is None:
            return terms, level
        open_ids = set(open_issue_ids(view))
        mine = [
            tuple(t for t in o.terms if t[0] in open_ids)
            for o in view.offers
            if o.proposer == view.actor and {i for i, _ in o.terms} >= open_ids
        ]
        mine = [t for t in mine if not crosses_public_line(view, t) and own_value(view, t) > view.reservation]
        if not mine:
            return terms, level
        lowest = min(mine, key=lambda t: (own_value(view, t), t))
        if own_value(view, terms) > own_value(view, lowest) + 1e-9:
            return lowest, own_value(view, lowest)
        return terms, level

    def _step(self, view: ActorView) -> tuple[Terms | None, float]:
        best = best_package(view)
        final = self.final_package(view)
        if best is None:
            return None, view.reservation
        if final is None:
            return best, own_value(view, best)
        top, low = own_value(view, best), own_value(view, final)
        addressees = _others(view, final)
        left = _moves_left(view, addressees)
        steps = max(1, left - self.early)
        level = low + (top - low) * max(0, steps - 1) / steps
        if left <= 1 + self.early:
            return final, low
        above = [t for t in self.candidates(view) if own_value(view, t) >= level - 1e-9]
        pick = max(above, key=lambda t: (_est_margin(view, t), own_value(view, t), t)) if above else final
        return pick, level

    def decide(self, view: ActorView) -> Action:
        action = self.rest(view)
        if isinstance(action, UseLever | DeclareRedLine):
            return action
        if self.pressure and not view.awaiting_me:
            for status in view.levers:
                if status.lever.targets and status.usable_targets and _hurts_target(status.lever):
                    return UseLever(view.actor, lever=status.lever.id, target=status.usable_targets[0])
        terms, level = self.step(view)
        floor = view.reservation + self.floor
        if view.awaiting_me:
            addressees = {o.proposer for o in view.awaiting_me}
            late = final_chance(view, addressees) or _last_turn(view)
            ok = [o for o in view.awaiting_me if can_accept(view, o) and own_value(view, o.terms) > floor]
            good = [o for o in ok if late or own_value(view, o.terms) >= level - 1e-9]
            if good:
                pick = max(good, key=lambda o: (own_value(view, o.terms), o.id))
                return answer_offer(view, pick, True, "Agreed.")
            offer = view.awaiting_me[0]
            if terms and view.offers_left > 0 and not own_open_offer(view) and has_addressee(view, terms):
                return Counter(view.actor, offer_id=offer.id, terms=terms, reason="Our proposal.")
            return answer_offer(view, offer, False, "Not enough.")
        if terms and own_value(view, terms) <= floor:
            terms = None
        return offer_or_end(view, terms, "Our proposal.")


@dataclass
class HoldBest(WithAI):
    """Negotiate like the AI, but never settle for less than the best full package another party has proposed
    (it has shown it accepts that): where the AI would accept something worse, counter with that package
    instead, and where the AI would propose something worse for me, table it. On my last move the others can
    answer, and on the last turn, accept the best open offer above no deal. Idea: the AI accepts a worse
    package when its no-deal value dips after a strike, though a better one is on the record.
    Measured (2026-12-04, 60 seeds): Kyiv -4.1 [-7.5, -0.7], Moscow +1.2 [-0.3, +2.7], Washington -19.2, tutorial
    0/60/0 in both seats: no win."""

    def decide(self, view: ActorView) -> Action:
        action = self.rest(view)
        held = EchoFloor._best_proposed(view)
        if held is not None and own_value(view, held) <= view.reservation:
            held = None
        if view.awaiting_me:
            proposers = {o.proposer for o in view.awaiting_me}
            late = final_chance(view, proposers) or _last_turn(view)
            ok = [o for o in view.awaiting_me if can_accept(view, o) and own_value(view, o.terms) > view.reservation]
            if late and ok:
                return answer_offer(view, max(ok, key=lambda o: (own_value(view, o.terms), o.id)), True, "Deal.")
            if held is not None and isinstance(action, Respond) and action.accept:
                offer = next(o for o in view.offers if o.id == action.offer_id)
                if own_value(view, offer.terms) < own_value(view, held) - 1e-9:
                    if view.offers_left > 0 and not own_open_offer(view):
                        return Counter(view.actor, offer_id=offer.id, terms=held, reason="Terms already on the table.")
                    return answer_offer(view, offer, False, "Better terms are on the table.")
        better = held is not None and isinstance(action, MakeOffer | Counter)
        if better and held is not None and own_value(view, held) > own_value(view, action.terms) + 1e-9:  # type: ignore[union-attr]
            if isinstance(action, Counter):
                return Counter(view.actor, offer_id=action.offer_id, terms=held, reason="Terms already proposed.")
            return MakeOffer(view.actor, terms=held, reason="Terms already proposed at this table.")
        return action


@dataclass
class Seal(WithAI):
    """Negotiate like the AI, but accept at once any offer that every other addressee has already accepted
    (my acceptance seals it) and that beats my no-deal value by `margin`. Idea: in a three-party game the hard
    AI refuses a package the other two have both signed, to counter with a greedier one, and ends with less.
    Measured (2026-12-04, 60 seeds): it does not (the AI already seals): Moscow -0.0 (2/56/2), Kyiv -0.8,
    Washington -33.2 (it also seals partial bundles too cheaply), union -0.05, authority -5.4."""

    margin: float = 0.0

    def decide(self, view: ActorView) -> Action:
        sealed = [
            o
            for o in view.awaiting_me
            if set(o.to) - {view.actor} <= set(o.accepted_by) | {o.proposer}
            and can_accept(view, o)
            and own_value(view, o.terms) > view.reservation + self.margin
        ]
        if sealed:
            return answer_offer(view, max(sealed, key=lambda o: (own_value(view, o.terms), o.id)), True, "Agreed.")
        return self.rest(view)


@dataclass
class SplitFirst(WithAI):
    """Settle first, as a partial deal, the smallest bundle of issues that I sign with exactly one other party
    (Moscow and Washington: sanctions), at the best terms for me that the other is estimated to accept and that
    cross none of its public red lines; then negotiate the rest like the AI. Idea: take one party's stake out of
    the remaining issues, so a mediator with nothing left to sign stops backing the third party's terms.
    Measured (2026-12-04, 60 seeds): Moscow -6.8 [-13.2, -0.3] (24/3/33): Washington then does propose Moscow's
    terms, but Kyiv holds out and the game can end with no deal (seed 16: -41.8); other seats have no such
    bundle (0/60/0)."""

    margin: float = 0.02

    def bundle(self, view: ActorView) -> list[str]:
        groups: dict[frozenset[str], list[str]] = {}
        for issue_id in open_issue_ids(view):
            signers = frozenset(view.scenario.issue(issue_id).signatories)
            if view.actor in signers and len(signers) == 2:
                groups.setdefault(signers, []).append(issue_id)
        if len(groups) < 2:
            return []  # one bundle is the whole game for me: nothing to split off
        return min(groups.values(), key=lambda ids: (len(ids), ids))

    def decide(self, view: ActorView) -> Action:
        action = self.rest(view)
        ids = self.bundle(view)
        if not ids or not isinstance(action, MakeOffer | Counter):
            return action
        lines = {
            (i, o) for actor, declared in view.public_red_lines.items() if actor != view.actor for i, o in declared
        }
        options = [[o.id for o in view.scenario.issue(i).options] for i in ids]
        cands = []
        for combo in itertools.product(*options):
            terms = tuple(zip(ids, combo, strict=True))
            if crosses_own_red_line(view, terms) or crosses_public_line(view, terms) or set(terms) & lines:
                continue
            if own_value(view, terms) > view.reservation and _est_margin(view, terms) >= self.margin:
                cands.append(terms)
        if not cands:
            return action
        terms = max(cands, key=lambda t: (own_value(view, t), t))
        if isinstance(action, Counter):
            return Counter(view.actor, offer_id=action.offer_id, terms=terms, reason="Let us settle this part first.")
        return MakeOffer(view.actor, terms=terms, reason="Let us settle this part first.")


def decisive_move(view: ActorView, addressees: set[str]) -> bool:
    """Whether an offer made now is my last one the addressees can answer: this is my final answerable move,
    or my next answerable move is the final one and they do not move before it (my offer would still be open
    then, and one offer at a time is the rule)."""
    from negotiator.engine.turn import turn_order

    if final_chance(view, addressees):
        return True
    last = min(view.turns, projected_last_turn(view))
    sequence = [(t, a) for t in range(view.turn, last + 1) for a in turn_order(_negotiator_ids(view), t)]
    later = sequence[sequence.index((view.turn, view.actor)) + 1 :]
    for k, (_, actor) in enumerate(later):
        if actor == view.actor:
            answered = addressees <= {a for _, a in later[:k]}
            rest = later[k + 1 :]
            if not addressees <= {a for _, a in rest}:
                continue  # that move of mine is not answerable either
            final_next = not any(
                a == view.actor and addressees <= {b for _, b in rest[j + 1 :]} for j, (_, a) in enumerate(rest)
            )
            return final_next and not answered
    return False


@dataclass
class LastStep(WithAI):
    """Negotiate like the AI, but at my decisive move (the last offer the others can still answer) table the
    next package down from the AI's own bid: the best for me among those worth less to me than that bid and
    estimated (from my public view) to be worth more than it to every other signatory. One extra concession,
    made only when it is the last word; the AI otherwise anchors until then.

    Measured (outside attack, 2026-12-04, 200 paired seeds, default settings, hard AIs elsewhere): it BEATS the AI
    in three seats: tutorial union +16.2 [+14.0, +18.5] (99/101/0), Istanbul Moscow +3.1 [+1.6, +4.7] (33/153/14),
    Kyiv +1.7 [+0.3, +3.1] (31/120/49); Washington +0.3 [-2.1, +2.7]; the tutorial's authority -17.5 (0/0/200).
    Tutorial seed 2: the AI union tables pay 3 %/30 min/volunteers in turn 4 and ends with the authority's
    1 %/30 min/mandatory (+4.6); one package down, 3 %/30 min/rotating, the authority accepts in turn 5, its
    last chance to answer (+37.9). steps=2 (`last_step2`): Moscow +3.0 [+1.4, +4.7], union 0/200/0.
    Fresh seeds 1001-1200: union +18.2 [+15.9, +20.5] (111/88/1), but Moscow +0.2 [-1.6, +2.0] and Kyiv +1.2
    [-0.3, +2.7]; over seeds 1-600: Moscow +2.5 [+1.4, +3.5] (92/462/46), Kyiv +1.1 [+0.4, +1.9] (96/344/160).
    The timing hardly matters: `step_always` (one step down at every offer) scores union +16.2 (200 seeds),
    Moscow +2.3 [+1.2, +3.4], Kyiv +1.3 [+0.5, +2.1] (600 seeds): the AI's own bids are one package too
    greedy in those seats. `last_step_pressure` (levers first): union +7.6, Moscow -5.9, Kyiv -4.2 (100 seeds)."""

    steps: int = 1  # how many packages down my ranking to go (among those better for the others)
    always: bool = False  # the control: one step down at every offer, not only the decisive one
    pressure: bool = False  # before the decisive offer, use every usable lever that hurts its target

    def decide(self, view: ActorView) -> Action:
        action = self.rest(view)
        if not isinstance(action, MakeOffer | Counter):
            return action
        bid = tuple(action.terms)
        others = _others(view, bid)
        if self.pressure and others and decisive_move(view, others):
            for status in view.levers:
                if status.lever.targets and status.usable_targets and _hurts_target(status.lever):
                    return UseLever(view.actor, lever=status.lever.id, target=status.usable_targets[0])
        if not others or not (self.always or decisive_move(view, others)):
            return action
        mine = own_value(view, bid)
        theirs = _est_margin(view, bid)
        lines = {
            (i, o) for actor, declared in view.public_red_lines.items() if actor != view.actor for i, o in declared
        }
        below = [
            t
            for t in packages(view)
            if {i for i, _ in t} == {i for i, _ in bid}
            and not set(t) & lines
            and view.reservation < own_value(view, t) < mine - 1e-9
            and _est_margin(view, t) > theirs + 1e-9
        ]
        below.sort(key=lambda t: (-own_value(view, t), t))
        if not below:
            return action
        terms = below[min(self.steps, len(below)) - 1]
        if isinstance(action, Counter):
            return Counter(view.actor, offer_id=action.offer_id, terms=terms, reason="Our last step.")
        return MakeOffer(view.actor, terms=terms, reason="Our last step.")


@dataclass
class EarlyOffer(WithAI):
    """Negotiate like the AI, but at turn `turn` table, where the AI would propose or counter, a package of my
    own choosing: `terms` if given (a scripted test for one scenario; ignored where its issues are not all open),
    else the estimated Nash package (`_nash_package`). Idea: a moderate offer before the others' no-deal values
    and meters have moved, where the AI keeps bidding high and settles later for less.

    Measured (outside attack, 2026-12-04, paired seeds, default settings): `nash_early` BEATS the AI as Moscow,
    +5.7 [+3.0, +8.4] (99/30/71, seeds 1-200) and +4.8 [+2.4, +7.3] (85/30/85, fresh seeds 1001-1200), and as the
    tutorial's union, +3.9 [+2.7, +5.2] (40/158/2) and +3.8 [+2.6, +5.0] (38/161/1); Kyiv -0.7, Washington -50.2,
    authority 0/100/0 (100 seeds). Istanbul seed 3: Moscow's turn-2 package (recognition, neutrality with
    guarantees, lift all, all for all, immediate) moves the mediator: Washington tables the same terms with phased
    relief in turn 3, Kyiv (its no-deal value down to 0.46 after airstrikes) and Moscow accept: a deal worth 0.705
    to Moscow in turn 3 instead of the contact-line deal (0.50) in turn 4, +23.0. The scripted
    `recognition_t2` (best of a 96-cell search over turn and package on 20 seeds, +5.7 there): +1.6 [-0.2, +3.4]
    on 100 seeds, so the search overfitted and the estimate-driven version is the real finding. Timing: turn 1
    or 3 gains nothing significant (Moscow +1.5 / +1.3, 100 seeds). Strongest of the attack, `nash_then_step`
    (this, with `LastStep` on top): union +21.4 [+19.3, +23.6] (150/43/7) and Moscow +6.4 [+3.9, +8.9]
    (111/25/64) on seeds 1-200, +21.9 [+19.8, +24.1] and +6.3 [+3.8, +8.9] on seeds 1001-1200; Kyiv +1.1
    [-0.8, +3.0], Washington -19.7, authority -17.5. Tutorial seed 1: the union's turn-2 counter 3 %/30 min/
    mandatory (the AI's is 5 %/30 min/volunteers) is accepted in turn 3 (+25.5 against +4.6)."""

    turn: int = 2
    terms: Terms = ()

    def decide(self, view: ActorView) -> Action:
        action = self.rest(view)
        if view.turn != self.turn or not isinstance(action, MakeOffer | Counter):
            return action
        open_ids = set(open_issue_ids(view))
        terms: Terms | None = self.terms or _nash_package(view)
        if not terms or {i for i, _ in terms} - open_ids or crosses_public_line(view, terms):
            return action
        if crosses_own_red_line(view, terms) or own_value(view, terms) <= view.reservation:
            return action
        if isinstance(action, Counter):
            return Counter(view.actor, offer_id=action.offer_id, terms=terms, reason="A fair package, now.")
        return MakeOffer(view.actor, terms=terms, reason="A fair package, now.")


_MOSCOW_T2: Terms = (
    ("territory", "freeze_with_recognition"),
    ("security", "guarantees_eu_path"),
    ("sanctions", "phased_relief"),
    ("prisoners", "all_for_all"),
    ("ceasefire", "immediate"),
)


def _hurts_target(lever: object) -> bool:
    effects = getattr(lever, "effects", [])
    return any(getattr(e, "who", None) == "target" and getattr(e, "change", 0) < 0 for e in effects) or any(
        getattr(e, "kind", "") == "reservation" and getattr(e, "change", 0) < 0 for e in effects
    )


# name -> (factory(actor, seed, ai) -> Controller, one-line description); the order is the report's order.
STRATEGIES: dict[str, tuple[Callable[[str, int, object], object], str]] = {
    "stonewall": (lambda a, s, ai: Stonewall(a, s), "refuse everything, offer nothing"),
    "anchor": (lambda a, s, ai: Anchor(a, s), "offer my best package every turn, refuse the rest"),
    "accept_first": (lambda a, s, ai: AcceptFirst(a, s), "accept the first offer above my no-deal value"),
    "ultimatum": (lambda a, s, ai: LastTurnUltimatum(a, s), "refuse until the last turn, then take it or leave it"),
    "ultimatum_real": (
        lambda a, s, ai: LastTurnUltimatum(a, s, real_horizon=True),
        "the same, timed to the projected real end (patience)",
    ),
    "anchor_ultimatum": (
        lambda a, s, ai: LastTurnUltimatum(a, s, real_horizon=True, anchor=True),
        "anchor on my best package, then the real-horizon ultimatum (a squeeze that looks like movement)",
    ),
    "lever_spam": (lambda a, s, ai: LeverSpam(a, s, ai), "every usable lever at once; otherwise the AI"),
    "random": (lambda a, s, ai: RandomPlay(a, s), "random legal play"),
    "bluff_all": (lambda a, s, ai: Bluff(a, s, ai, "all"), "rule out all but my favourite on every issue"),
    "bluff_signed": (lambda a, s, ai: Bluff(a, s, ai, "signed"), "the same, on the issues I sign"),
    "one_red_line": (lambda a, s, ai: Bluff(a, s, ai, "one"), "rule out my worst option on each issue I sign"),
    "boulware": (lambda a, s, ai: Boulware(a, s), "Boulware pacing on the real horizon, pressure levers only"),
    "closer": (lambda a, s, ai: Closer(a, s, ai), "the AI, but take the best offer above no deal on the last turn"),
    "nash_if_stuck": (
        lambda a, s, ai: NashIfStuck(a, s, ai),
        "closer, and table the estimated Nash package the turn before the last if nothing acceptable was proposed",
    ),
    "ladder": (
        lambda a, s, ai: Ladder(a, s, ai),
        "steady concessions to an estimated final offer at the others' last chance",
    ),
    "ladder_wide": (
        lambda a, s, ai: Ladder(a, s, ai, margin=0.08),
        "ladder, its final offer estimated to leave the others 0.08 above no deal",
    ),
    "ladder_late": (
        lambda a, s, ai: Ladder(a, s, ai, early=0),
        "ladder, the final offer at the very last answerable move",
    ),
    "hold_best": (
        lambda a, s, ai: HoldBest(a, s, ai),
        "the AI, but never settle below the best package another party proposed; take the best at the end",
    ),
    "seal": (lambda a, s, ai: Seal(a, s, ai), "the AI, but accept at once an offer the others have all accepted"),
    "split_first": (
        lambda a, s, ai: SplitFirst(a, s, ai),
        "settle first the issues I sign with one other party alone (a partial deal), then the AI",
    ),
    "ladder_firm": (
        lambda a, s, ai: Ladder(a, s, ai, early=0, firm=True),
        "ladder_late, never taking a concession back (re-table my lowest offer rather than ask more)",
    ),
    "ladder_pressure": (
        lambda a, s, ai: Ladder(a, s, ai, early=0, pressure=True),
        "ladder_late, and every usable lever that hurts its target as soon as it is usable",
    ),
    "last_step": (
        lambda a, s, ai: LastStep(a, s, ai),
        "the AI, but one package further down at my last answerable offer (a late, single concession)",
    ),
    "last_step2": (
        lambda a, s, ai: LastStep(a, s, ai, steps=2),
        "the same, two packages further down",
    ),
    "step_always": (
        lambda a, s, ai: LastStep(a, s, ai, always=True),
        "last_step's control: one package further down at every offer, not only the last answerable one",
    ),
    "last_step_pressure": (
        lambda a, s, ai: LastStep(a, s, ai, pressure=True),
        "last_step, and every usable pressure lever just before the decisive offer",
    ),
    "nash_early": (
        lambda a, s, ai: EarlyOffer(a, s, ai),
        "the AI, but table the estimated Nash package at turn 2",
    ),
    "nash_t1": (lambda a, s, ai: EarlyOffer(a, s, ai, turn=1), "nash_early at turn 1"),
    "nash_t3": (lambda a, s, ai: EarlyOffer(a, s, ai, turn=3), "nash_early at turn 3"),
    "nash_then_step": (
        lambda a, s, ai: LastStep(a, s, EarlyOffer(a, s, ai)),
        "nash_early, then last_step on top (the estimated Nash package at turn 2, one step down at the last offer)",
    ),
    "ladder_then_step": (
        lambda a, s, ai: LastStep(a, s, Ladder(a, s, ai)),
        "ladder, then last_step on top (2026-12-04, 200 seeds: Kyiv +3.8 [+1.9, +5.6], Moscow +3.4 [+1.1, +5.7])",
    ),
    "recognition_t2": (
        lambda a, s, ai: EarlyOffer(a, s, ai, terms=_MOSCOW_T2),
        "Istanbul script: the AI, but at turn 2 table recognition, guarantees, phased relief, all for all, now",
    ),
    "echo_floor": (
        lambda a, s, ai: EchoFloor(a, s, ai),
        "the AI, but table others' best earlier package back, and refuse deals near my no-deal value",
    ),
}
