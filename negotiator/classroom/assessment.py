"""Assessment from each team's own game: debrief questions drawn from its record, a reflection sheet, and the
gradebook tables (one row per team, one row per offer with its value to every party).

The questions quote the numbers the team saw when it moved: the game is replayed, and before each of the team's
moves its no-deal value and what was settled are read from the state at that moment, so "in turn 4 you rejected
an offer worth 0.71 to you when your no-deal value was 0.55" says what the team's own screen said (the offer
cards and the builder print the same figures). A team's own notes (the reason typed with a human move) are
quoted back to it; a move the timer or the computer made for the team is never presented as the team's words.
Pure: no pygame, no clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from negotiator.classroom import exports
from negotiator.classroom.charts import offer_utilities, reservation_at
from negotiator.classroom.describe import actor_name, number, opening_reservations, signed
from negotiator.classroom.html import Markup, el, join
from negotiator.engine.actions import Action, Counter, DeclareRedLine, EndTurn, MakeOffer, Respond, UseLever
from negotiator.engine.endings import KIND_NAMES
from negotiator.engine.offers import Offer
from negotiator.engine.par import Par, standing_text
from negotiator.engine.state import GameState, new_game
from negotiator.engine.utility import UtilityModel, utility_model

#: Reasons written by the window's move timer start with this (`negotiator.ui.facilitation.TIME_RAN_OUT`; the
#: classroom package does not import the UI). Such a move is not the team's own.
TIMER_REASON = "Time ran out"
#: How many questions a team gets at most: enough for a debrief conversation, few enough to answer in writing.
MAX_QUESTIONS = 7


@dataclass(frozen=True)
class Moment:
    """One move of a team, with what the team saw when it made it."""

    turn: int
    action: Action
    reservation: float  # the team's no-deal value when it moved
    settled: dict[str, str]  # what was settled then
    offer: Offer | None  # the offer answered (Respond, Counter) or proposed (MakeOffer, Counter: the new one)
    answered: Offer | None = None  # for a Counter: the offer it turned down
    lapsed: tuple[Offer, ...] = ()  # offers waiting for the team when it ended its move without answering


@dataclass(frozen=True)
class Question:
    turn: int  # 0 for questions about the whole game
    text: str
    salience: float  # higher comes first when there are too many


def is_team_note(action: Action) -> bool:
    """Whether an action's reason is the team's own words (not the timer's, not the computer's stand-in)."""
    return bool(action.reason) and not action.reason.startswith(TIMER_REASON)


def moments(state: GameState, role: str) -> list[Moment]:
    """Every move `role` made, replayed from the start so each carries what the team saw at that moment."""
    replay = new_game(state.scenario, state.seed, state.settings)
    found: list[Moment] = []
    for action in state.actions:
        if action.actor == role:
            offers = {o.id: o for o in replay.offers}
            before = replay
            waiting = tuple(
                o
                for o in before.offers
                if o.is_open and role in o.to and role not in o.accepted_by and o.rejected_by is None
            )
            after = replay.apply(action)
            new = [o for o in after.offers if o.id not in offers]
            answered = offers.get(getattr(action, "offer_id", -1))
            moment = Moment(
                turn=before.turn,
                action=action,
                reservation=before.reservation(role),
                settled=dict(before.settled),
                offer=new[0] if isinstance(action, (MakeOffer, Counter)) and new else answered,
                answered=answered if isinstance(action, Counter) else None,
                lapsed=waiting if isinstance(action, EndTurn) else (),
            )
            found.append(moment)
            replay = after
        else:
            replay = replay.apply(action)
    return found


def value_to(model: UtilityModel, role: str, offer: Offer, settled: dict[str, str], reservation: float) -> float:
    """An offer's value to `role` on top of what was settled (the rest at its no-deal value), as its screen shows
    it (`negotiator.ui.predict.own_value`)."""
    merged = {**settled, **dict(offer.terms)}
    return model.partial_utility(role, model.terms_from_ids(merged), reservation)


def _private_red_line(state: GameState, role: str, issue: str, option: str) -> bool:
    prefs = state.scenario.preferences.get(role)
    return bool(prefs and issue in prefs.issues and option in prefs.issues[issue].red_lines)


def _label(state: GameState, issue: str, option: str) -> str:
    return f"'{state.scenario.option_label(issue, option)}' ({state.scenario.issue(issue).name})"


def _offer_words(state: GameState, offer: Offer) -> str:
    return f"offer #{offer.id} from {actor_name(state.scenario, offer.proposer)}"


def team_questions(state: GameState, role: str, par: Par | None = None) -> list[Question]:
    """Debrief questions for the team in `role`, from its own record, in the order of the game (at most
    `MAX_QUESTIONS`, the most telling kept)."""
    scenario = state.scenario
    model = utility_model(scenario)
    found: list[Question] = []
    public_lines: dict[tuple[str, str], int] = {}
    first_offer_asked = False
    bluffs: dict[str, tuple[int, list[str]]] = {}  # issue -> (turn, options ruled out that were no red line)
    levers_asked = 0
    played = moments(state, role)
    for m in played:
        a, r = m.action, m.reservation
        if isinstance(a, Respond) and m.offer is not None:
            u = value_to(model, role, m.offer, m.settled, r)
            if not a.accept and u > r + 0.005:
                found.append(
                    Question(
                        m.turn,
                        f"In turn {m.turn} you rejected {_offer_words(state, m.offer)}, worth {number(u)} to you when "
                        f"your no-deal value was {number(r)}: why? What did you expect to get instead, and did you?",
                        1.0 + (u - r) * 5,
                    )
                )
            elif a.accept and u < r - 0.005:
                found.append(
                    Question(
                        m.turn,
                        f"In turn {m.turn} you accepted {_offer_words(state, m.offer)}, worth {number(u)} to you, "
                        f"below your no-deal value of {number(r)}: what made it worth accepting?",
                        1.2 + (r - u) * 5,
                    )
                )
            elif a.accept:
                found.append(
                    Question(
                        m.turn,
                        f"In turn {m.turn} you accepted {_offer_words(state, m.offer)}, worth {number(u)} to you "
                        f"(no deal: {number(r)}). What told you it was the best you could get at that moment?",
                        0.6,
                    )
                )
        if isinstance(a, Counter) and m.answered is not None:
            u = value_to(model, role, m.answered, m.settled, r)
            if u > r + 0.005:
                found.append(
                    Question(
                        m.turn,
                        f"In turn {m.turn} you countered {_offer_words(state, m.answered)}, which was worth "
                        f"{number(u)} to you when your no-deal value was {number(r)}: what did your counter-offer "
                        "ask for, and was the risk of losing the first offer worth it?",
                        0.9 + (u - r) * 5,
                    )
                )
        if isinstance(a, EndTurn) and m.lapsed:
            worth = [(value_to(model, role, o, m.settled, r), o) for o in m.lapsed]
            u, offer = max(worth, key=lambda pair: pair[0])
            if u > r + 0.005:
                found.append(
                    Question(
                        m.turn,
                        f"In turn {m.turn} you ended your move without answering {_offer_words(state, offer)}, worth "
                        f"{number(u)} to you when your no-deal value was {number(r)}, so it lapsed: was that a choice?",
                        0.9 + (u - r) * 5,
                    )
                )
        if isinstance(a, (MakeOffer, Counter)) and m.offer is not None:
            terms = dict(m.offer.terms)
            for (issue, option), turn in public_lines.items():
                if terms.get(issue) == option:
                    found.append(
                        Question(
                            m.turn,
                            f"In turn {m.turn} you proposed {_label(state, issue, option)}, which you had ruled out "
                            f"in public in turn {turn}: what changed, and what did backing down cost you?",
                            1.5,
                        )
                    )
            if not first_offer_asked:
                first_offer_asked = True
                u = value_to(model, role, m.offer, m.settled, r)
                found.append(
                    Question(
                        m.turn,
                        f"Your first offer, in turn {m.turn}, was worth {number(u)} to you (no deal: {number(r)}). How "
                        "did you choose where to open, and what did the others' answers tell you?",
                        0.8,
                    )
                )
        if isinstance(a, DeclareRedLine):
            public_lines[(a.issue, a.option)] = m.turn
            if not _private_red_line(state, role, a.issue, a.option):
                bluffs.setdefault(a.issue, (m.turn, []))[1].append(a.option)
        if isinstance(a, UseLever) and levers_asked < 2:
            levers_asked += 1
            lever = scenario.lever(a.lever)
            on = f" on {actor_name(scenario, a.target)}" if a.target else ""
            found.append(
                Question(
                    m.turn,
                    f"In turn {m.turn} you used '{lever.name}'{on}{_lever_result(state, m.turn, role, a.lever)}. "
                    "What did you want it to change, and was it worth what it cost?",
                    0.7,
                )
            )
    for issue, (turn, options) in bluffs.items():
        names = [f"'{scenario.option_label(issue, o)}'" for o in options]
        ruled = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        found.append(
            Question(
                turn,
                f"In turn {turn} you ruled out {ruled} ({scenario.issue(issue).name}) in public, though "
                f"{'it was' if len(options) == 1 else 'they were'} not among your red lines: what did you want the "
                "others to believe, and did they?",
                1.1,
            )
        )
    notes = [m for m in played if is_team_note(m.action)] if is_human(state, role) else []
    if notes:
        m = notes[0]
        found.append(
            Question(
                m.turn,
                f"In turn {m.turn} your team wrote: \u201c{m.action.reason.rstrip('.')}\u201d. Looking back, do "
                "you still think so?",
                1.3,
            )
        )
    found.append(Question(0, _outcome_question(state, role, par), 10.0))
    kept = sorted(found, key=lambda q: -q.salience)[:MAX_QUESTIONS]
    return sorted(kept, key=lambda q: (q.turn == 0, q.turn))


def is_human(state: GameState, role: str) -> bool:
    setting = state.settings.roles.get(role)
    return bool(setting and setting.human)


def moments_with_notes(state: GameState, role: str) -> Iterator[Moment]:
    """A human team's moves that came with its own note, in order (the timer's and the stand-in's moves, and
    every reason of a computer-played role, excluded)."""
    if not is_human(state, role):
        return
    for m in moments(state, role):
        if is_team_note(m.action):
            yield m


def _lever_result(state: GameState, turn: int, role: str, lever: str) -> str:
    for record in state.records:
        if record.turn != turn:
            continue
        for entry in record.entries:
            if entry.kind == "lever" and entry.actor == role and entry.data.get("lever") == lever:
                return " (it worked)" if entry.data.get("success") else " (it failed)"
    return ""


def _ended(state: GameState) -> str:
    """ "The game ended in turn 4 with a deal on every issue." (the same words for every team, no scores)."""
    outcome = state.outcome()
    if outcome is None:
        return f"The game was saved in turn {state.turn}, before it ended."
    if outcome.ending == "deal":
        how = "a deal on every issue" if outcome.complete else "a partial deal"
    else:
        how = KIND_NAMES.get(outcome.ending, outcome.ending.replace("_", " ")).lower()
    return f"The game ended in turn {outcome.turn}: {how}."


def _outcome_question(state: GameState, role: str, par: Par | None) -> str:
    scenario = state.scenario
    outcome = state.outcome()
    name = actor_name(scenario, role)
    if outcome is None:
        return (
            f"The game was saved in turn {state.turn}, before it ended. Where would you take it from here, and what "
            "would you need from the others?"
        )
    score = outcome.scores[role]
    standing = standing_text(par, role, name, score.total)
    against = f", {standing}" if standing else ""
    return (
        f"{_ended(state)} The outcome is worth {number(score.utility)} to you against "
        f"your no-deal value of {number(score.start_reservation)} at the start (score {signed(score.total, 1)}"
        f"{against}). Which one move of yours would you change, and why?"
    )


# --- the pages ---------------------------------------------------------------------------------------------


def questions_section(
    state: GameState, role: str, par: Par | None = None, heading: str = "h2", answers: bool = True
) -> Markup:
    """The questions about one team's game, with room to answer (`answers`: the team's copy; the teacher's
    report lists them without)."""
    scenario = state.scenario
    team = state.settings.roles.get(role)
    who = f"{actor_name(scenario, role)}" + (f" ({team.name})" if team and team.name else "")
    items = [
        el("li", q.text, el("div", "", cls="answer") if answers else None) for q in team_questions(state, role, par)
    ]
    return join(
        el(heading, f"Questions about your game: {who}", id=f"questions-{role}"),
        el(
            "p",
            "Drawn from your own moves: the numbers are the ones your screen showed when you moved (values and "
            "no-deal values on your 0-to-1 scale).",
            cls="meta",
        ),
        el("ol", items, cls="team-questions"),
    )


REFLECTION_PROMPTS = (
    "Before the game: what did your team most want, and what were you ready to give? (Your worksheet.)",
    "Your best move and your worst, with their turns. What made the difference?",
    "What did you learn about another party's priorities, and from which of its moves?",
    "A public red line (yours or another's): did it help the one who declared it, or hurt?",
    "With the same brief, what would you do differently?",
    "What does the game leave out that would matter in real talks?",
)


def reflection_sheet(state: GameState, role: str, par: Par | None = None) -> Markup:
    """A one-page reflection sheet for the team: what it got (filled in from the game) and prompts to write to."""
    scenario = state.scenario
    outcome = state.outcome()
    name = actor_name(scenario, role)
    if outcome is not None:
        score = outcome.scores[role]
        standing = standing_text(par, role, name, score.total)
        got = (
            f"{_ended(state)} The outcome is worth {number(score.utility)} to {name}; no deal was worth "
            f"{number(score.start_reservation)} at the start and {number(state.reservation(role))} at the end. "
            f"Score {signed(score.total, 1)}" + (f" ({standing})." if standing else ".")
        )
    else:
        got = f"The game was saved in turn {state.turn}, before it ended."
    rows = [el("tr", el("th", prompt), el("td", "", cls="write")) for prompt in REFLECTION_PROMPTS]
    return join(
        el("h2", f"Reflection sheet: {name}", id=f"reflection-{role}"),
        el("p", el("strong", "What you got. "), got),
        el("p", "Team members: ______________________________________________", cls="meta"),
        el("table", el("tbody", rows), cls="worksheet reflection"),
    )


# --- the gradebook -----------------------------------------------------------------------------------------

GRADEBOOK_COLUMNS: dict[str, str] = {
    "role": "the role's id",
    "role_name": "the role's short name",
    "team": "the team's name as typed at setup (empty for the computer)",
    "played_by": "human or computer",
    "ending": "how the game ended (deal, deadline, walk_away, ...; empty while it runs)",
    "complete_deal": "1 if every issue was settled, else 0",
    "outcome_value": "what the outcome is worth to the role (0 to 1)",
    "no_deal_start": "the role's no-deal value at its first move (what its brief and screen showed)",
    "no_deal_end": "the role's no-deal value at the end",
    "score_outcome": "points for the outcome against the role's starting no-deal value (with promises)",
    "score_meters": "points for the meters",
    "score_commitments": "points lost for public red lines the role backed down from",
    "score_ending": "points for how the game ended",
    "score_total": "the total score (against the role's own starting position)",
    "par_median": "the median score of the same role when the computer plays every seat (empty: not computed)",
    "par_better_than": "the share of those games this score beats, 0 to 1 (empty: not computed)",
    "offers_made": "offers and counter-offers the role proposed",
    "offers_accepted": "offers the role accepted",
    "offers_rejected": "offers the role rejected, countered or let lapse",
    "red_lines_declared": "public red lines the role declared",
    "red_lines_broken": "times the role proposed or accepted an option it had ruled out in public",
    "moves_by_timer": "moves the move timer ended or the computer made for the team",
    "notes": "the team's own notes on its moves (turn: text), separated by ' | '",
}

OFFER_COLUMNS_FIXED = ("offer_id", "turn", "proposer", "proposer_name", "team", "to", "terms", "status", "note")


def gradebook_rows(state: GameState, par: Par | None = None) -> list[dict[str, Any]]:
    """One row per negotiating role with the `GRADEBOOK_COLUMNS` keys."""
    scenario = state.scenario
    outcome = state.outcome()
    opening = opening_reservations(scenario)
    entries = [e for r in state.records for e in r.entries] + list(state.entries)
    rows = []
    for actor in scenario.negotiators:
        role = state.settings.roles.get(actor.id)
        human = bool(role and role.human)
        mine = [a for a in state.actions if a.actor == actor.id]
        score = outcome.scores.get(actor.id) if outcome else None
        b = score.breakdown if score else {}
        notes = [f"{m.turn}: {m.action.reason}" for m in moments_with_notes(state, actor.id)]
        lapsed = sum(1 for e in entries if e.kind == "lapse" and e.actor == actor.id)
        rows.append(
            {
                "role": actor.id,
                "role_name": actor.short_name,
                "team": role.name if role and human else "",
                "played_by": "human" if human else "computer",
                "ending": outcome.ending if outcome else "",
                "complete_deal": bool(outcome and outcome.complete),
                "outcome_value": round(score.utility, 4) if score else None,
                "no_deal_start": round(opening.get(actor.id, 0.0), 4),
                "no_deal_end": round(state.reservation(actor.id), 4),
                "score_outcome": round(b.get("outcome", 0.0) + b.get("promises", 0.0), 2) if score else None,
                "score_meters": round(b.get("meters", 0.0), 2) if score else None,
                "score_commitments": round(b.get("commitments", 0.0), 2) if score else None,
                "score_ending": round(b.get("ending", 0.0), 2) if score else None,
                "score_total": round(score.total, 2) if score else None,
                "par_median": None if par is None or par.median(actor.id) is None else round(par.median(actor.id), 2),
                "par_better_than": None
                if par is None or score is None or par.standing(actor.id, score.total) is None
                else round(par.standing(actor.id, score.total), 3),
                "offers_made": sum(1 for a in mine if isinstance(a, (MakeOffer, Counter))),
                "offers_accepted": sum(1 for a in mine if isinstance(a, Respond) and a.accept),
                "offers_rejected": sum(
                    1 for a in mine if isinstance(a, Counter) or (isinstance(a, Respond) and not a.accept)
                )
                + lapsed,
                "red_lines_declared": sum(1 for a in mine if isinstance(a, DeclareRedLine)),
                "red_lines_broken": sum(1 for e in entries if e.kind == "commitment_broken" and e.actor == actor.id),
                "moves_by_timer": sum(1 for a in mine if a.reason.startswith(TIMER_REASON)) if human else 0,
                "notes": " | ".join(notes),
            }
        )
    return rows


def offer_columns(state: GameState) -> list[str]:
    parties = [a.id for a in state.scenario.negotiators if a.id in state.scenario.preferences]
    return [
        *OFFER_COLUMNS_FIXED,
        *[f"value@{a}" for a in parties],
        *[f"no_deal@{a}" for a in parties],
        *[f"crosses_red_line@{a}" for a in parties],
    ]


def offer_rows(state: GameState) -> list[dict[str, Any]]:
    """One row per offer: who proposed it to whom, its terms and status, the proposer's note, and its value to
    every party against that party's no-deal value in the turn it was made (as the report's offer charts)."""
    scenario = state.scenario
    model = utility_model(scenario)
    by_id = {o.id: o for o in state.offers}
    notes: dict[int, str] = {}
    replay = new_game(scenario, state.seed, state.settings)
    for action in state.actions:
        known = {o.id for o in replay.offers}
        replay = replay.apply(action)
        if isinstance(action, (MakeOffer, Counter)) and is_human(state, action.actor) and is_team_note(action):
            for o in replay.offers:
                if o.id not in known:
                    notes[o.id] = action.reason
    rows = []
    for offer_id, turn, proposer, utilities, crosses in offer_utilities(state, model):
        offer = by_id[offer_id]
        role = state.settings.roles.get(proposer)
        row: dict[str, Any] = {
            "offer_id": offer_id,
            "turn": turn,
            "proposer": proposer,
            "proposer_name": actor_name(scenario, proposer),
            "team": role.name if role and role.human else "",
            "to": " ".join(offer.to),
            "terms": "; ".join(f"{k}={v}" for k, v in offer.terms),
            "status": offer.status,
            "note": notes.get(offer_id, ""),
        }
        for a in utilities:
            row[f"value@{a}"] = round(utilities[a], 4)
            row[f"no_deal@{a}"] = round(reservation_at(state, a, turn), 4)
            row[f"crosses_red_line@{a}"] = bool(crosses[a])
        rows.append(row)
    return rows


def offers_path(path: str | Path) -> Path:
    """Where the offers table goes next to a gradebook: `NAME-offers.csv`."""
    target = Path(path)
    return target.with_name(f"{target.stem}-offers{target.suffix or '.csv'}")


def write_gradebook(state: GameState, path: str | Path, par: Par | None = None) -> list[Path]:
    """The gradebook: `path` (one row per team, `GRADEBOOK_COLUMNS`) and `offers_path(path)` (one row per offer,
    `offer_columns`), UTF-8 CSV that any spreadsheet opens, formula-like cells neutralised."""
    target = Path(path)
    exports.write_file(target, exports.csv_text(list(GRADEBOOK_COLUMNS), gradebook_rows(state, par)))
    second = offers_path(target)
    exports.write_file(second, exports.csv_text(offer_columns(state), offer_rows(state)))
    return [target, second]
