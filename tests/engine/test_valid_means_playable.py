"""Any file the validator accepts plays: generated scenarios (tests/scenario_strategies.py) and every shipped one.

For each generated scenario: three AI-vs-AI games to the end (`play_ai_game`, what `simulate` runs; the scenario's
own AIs, then a personality and difficulty per seat), and two games with a human seat that picks at random from
`legal_actions` (checking `in` on them) while the AI plays the others, reading every property of every actor's
`view` (non-negotiators too) before each human move; the second also with a shorter or longer deadline in the
settings and a facilitator stepping in (inject, adjust, bulletin, deadline), then rewound to a turn and played on
by the AI (`branching`). Games are saved and restored (`saves`), debriefed (`analysis`, the debrief's chart data,
the classroom report with a par, the exports, the role briefs) and summarised with the text renderers `analyze`,
`simulate` and `text` print. Every game must end with a recorded ending and nothing may raise.

Settings profile: `max_examples` comes from NEGOTIATOR_PLAYABLE_EXAMPLES (default 50, about 20 s here); a crash
hunt runs e.g. `NEGOTIATOR_PLAYABLE_EXAMPLES=500 pytest tests/engine/test_valid_means_playable.py
--hypothesis-show-statistics` (about 4 minutes; not for every run). The statistics list the endings reached.
Crashes found are kept as minimal files in tests/fixtures/crashes/ and replayed by `test_crash_reproducer`,
marked xfail(strict=True) until the engine is fixed (then the xfail flips and the mark must go).
"""

from __future__ import annotations

import collections
import itertools
import json
import os
import random
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings

import negotiator
from negotiator.classroom import briefs, exports
from negotiator.classroom.report import build_report
from negotiator.cli import main
from negotiator.commands import analyze as analyze_command
from negotiator.commands import simulate as simulate_command
from negotiator.commands.text import render_outcome, render_record
from negotiator.engine import (
    FACILITATOR,
    Action,
    AdjustMeter,
    GameSettings,
    GameState,
    InjectEvent,
    SendBulletin,
    SetDeadline,
    new_game,
    view,
)
from negotiator.engine.ai import DIFFICULTIES, PERSONALITIES
from negotiator.engine.analysis import analyze
from negotiator.engine.branching import rewind
from negotiator.engine.endings import KIND_NAMES
from negotiator.engine.par import Par, compute_par
from negotiator.engine.players import AISpec, make_ais, play_ai_game, role_settings, run_ai_until_human
from negotiator.engine.saves import read_save, restore, write_save
from negotiator.engine.simulate import game_result, summarise
from negotiator.engine.utility import utility_model
from negotiator.engine.view import ActorView
from negotiator.scenario import load_scenario, load_scenario_text, scenario_content_hash
from negotiator.scenario.models import Scenario
from negotiator.ui import debrief_data
from tests.scenario_strategies import REJECTIONS, Generated, valid_scenarios

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(negotiator.__file__).resolve().parent
CRASHES = sorted((ROOT / "tests" / "fixtures" / "crashes").glob("*.yaml"))
ENDINGS = set(KIND_NAMES)  # every ending kind the engine has
EXAMPLES = int(os.environ.get("NEGOTIATOR_PLAYABLE_EXAMPLES", "50"))
AI_GAMES = 3  # AI-vs-AI games per generated scenario (seeds 0..2)
HUMAN_MOVES = 400  # a random human seat's moves in one game, at most (each move spends something; never reached)
VIEW_PROPERTIES = sorted(name for name, value in vars(ActorView).items() if isinstance(value, property))


@dataclass(frozen=True)
class KnownCrash:
    """A crash the engine still has, kept as tests/fixtures/crashes/NAME.yaml: how to recognise it in a traceback."""

    reason: str
    error: type[BaseException]
    message: str  # a part of the exception's message
    where: str  # "path/inside/negotiator.py:function" of the innermost negotiator frame


# Crashes found by this test and not yet fixed (the engine is someone else's to change). Each reproducer runs in
# `test_crash_reproducer` as xfail(strict=True): once the engine is fixed it XPASSes, and its entry must go. Until
# then the property test tolerates exactly that crash (counted in KNOWN_HITS) so that it keeps hunting new ones.
KNOWN_CRASHES: dict[str, KnownCrash] = {}
KNOWN_HITS: collections.Counter[str] = collections.Counter()


def known_crash(exc: BaseException) -> str | None:
    """The name of the known crash `exc` is, or None for a new one."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).resolve().is_relative_to(PACKAGE)]
    if not frames:
        return None
    inner = frames[-1]
    where = f"{Path(inner.filename).resolve().relative_to(PACKAGE).as_posix()}:{inner.name}"
    for name, crash in KNOWN_CRASHES.items():
        if isinstance(exc, crash.error) and crash.message in str(exc) and where == crash.where:
            return name
    return None


# --- checks --------------------------------------------------------------------------------------------


def check_finished(state: GameState) -> None:
    assert state.is_over(), "the game did not finish"
    outcome = state.outcome()
    assert outcome is not None, "a finished game has no outcome"
    assert outcome.ending in ENDINGS, f"unknown ending {outcome.ending!r}"
    assert state.ending is not None, "no ending recorded in the state"
    assert outcome.summary.strip()
    assert set(outcome.scores) == {a.id for a in state.scenario.negotiators}
    assert 1 <= outcome.turn <= state.turns


def read_views(state: GameState) -> None:
    """Every property of every actor's view, as a front end would draw it (non-negotiators included)."""
    for actor in state.scenario.actors:
        seen = view(state, actor.id)
        for name in VIEW_PROPERTIES:
            getattr(seen, name)


def facilitator_move(state: GameState, rng: random.Random) -> GameState:
    """What a teacher may do between moves: fire an event, move a meter, post news, move the deadline."""
    scenario = state.scenario
    moves: list[Action] = [SendBulletin(FACILITATOR, text="Breaking: a bulletin.")]
    moves += [InjectEvent(FACILITATOR, event=e.id) for e in scenario.events]
    for meter in scenario.meters:
        holders = [None] if meter.scope == "shared" else scenario.holders(meter.id)
        moves += [AdjustMeter(FACILITATOR, meter=meter.id, holder=h, change=rng.uniform(-30, 30)) for h in holders]
    moves.append(SetDeadline(FACILITATOR, turns=min(100, state.turn + rng.randint(0, 3))))
    return state.apply(rng.choice(moves))


def human_game(scenario: Scenario, human: str, seed: int, facilitated: bool = False) -> GameState:
    """The paths a human seat takes: views, legal actions (and `in` on them), random legal moves among AIs;
    with `facilitated`, also a shorter or longer deadline from the settings and a teacher stepping in."""
    humans = {human}
    rng = random.Random(seed)
    turns = rng.choice([None, 1, 2, scenario.rules.turns + 2]) if facilitated else None
    state = new_game(scenario, seed, GameSettings(roles=role_settings(scenario, humans=humans), turns=turns))
    ais = make_ais(scenario, seed, humans=humans)
    for _ in range(HUMAN_MOVES):
        state = run_ai_until_human(state, ais, humans)
        if state.is_over():
            return state
        assert state.current_actor == human
        read_views(state)
        if facilitated and rng.random() < 0.3:
            state = facilitator_move(state, rng)
            if state.is_over() or state.current_actor != human:
                continue
        legal = state.legal_actions(human)
        options = list(itertools.islice(legal, 200))
        assert options, "a human seat has no legal action"
        assert all(a in legal for a in options[:20])
        # end the move now and then, so the clock advances; otherwise anything legal
        state = state.apply(options[0] if rng.random() < 0.35 else rng.choice(options))
    raise AssertionError(f"the human seat made {HUMAN_MOVES} moves and the game is not over")


def save_and_restore(state: GameState, text: str, folder: Path) -> None:
    digest = scenario_content_hash(text.encode("utf-8"))
    path = write_save(folder / f"game-{state.seed}-{len(state.actions)}.json", state, digest)
    restored = restore(read_save(path), state.scenario, digest)
    assert restored.state_hash() == state.state_hash()


def debrief(state: GameState, par: Par | None = None) -> None:
    """What the debrief, the reports and the exports show of a finished game."""
    scenario = state.scenario
    lines = render_outcome(state)
    for record in state.records:
        lines += render_record(scenario, record)
    assert lines
    debrief_data.meter_history(state)
    debrief_data.offer_history(state)
    parties = [a.id for a in scenario.negotiators]
    for pair in itertools.combinations(parties, 2):
        debrief_data.bargaining(state, pair)
    assert build_report(state, par=par).startswith("<!")
    json.loads(exports.to_json(state))
    exports.log_csv(state)
    exports.meters_csv(state)


def analyse(scenario: Scenario, results: list) -> None:  # type: ignore[type-arg]
    model = utility_model(scenario)
    result = analyze(model)
    analyze_command.render(scenario, model, result)
    json.dumps(analyze_command.to_json(scenario, model, result))
    summary = summarise(scenario, results)
    simulate_command.render(summary, scenario_names={a.id: a.short_name for a in scenario.actors})
    json.dumps(summary.to_dict())


def ai_overrides(scenario: Scenario, seed: int) -> dict[str, AISpec]:
    """Game 0 with the scenario's own AIs, later games with a personality and difficulty per seat drawn from seed."""
    if seed == 0:
        return {}
    rng = random.Random(seed)
    kinds, levels = sorted(PERSONALITIES), sorted(DIFFICULTIES)
    return {a.id: AISpec(rng.choice(kinds), rng.choice(levels)) for a in scenario.negotiators}


def plays(generated: Generated, folder: Path) -> list[str]:
    """Play the scenario every way above; the endings of its games (for hypothesis's statistics)."""
    scenario = generated.scenario
    results = []
    for seed in range(AI_GAMES):
        state = play_ai_game(scenario, seed, ai_overrides(scenario, seed))
        check_finished(state)
        results.append(game_result(seed, state))
        if seed == 0:
            read_views(state)
            save_and_restore(state, generated.text, folder)
            debrief(state)
    analyse(scenario, results)
    briefs.all_role_briefs(scenario)
    briefs.teacher_guide(scenario)
    briefs.index_page(scenario)
    playable = [a.id for a in scenario.negotiators if a.playable]
    for n, facilitated in enumerate((False, True)):
        state = human_game(scenario, playable[n % len(playable)], seed=7 + n, facilitated=facilitated)
        check_finished(state)
        read_views(state)
        save_and_restore(state, generated.text, folder)
        debrief(state, compute_par(scenario, state.turns, games=2) if facilitated else None)
    # a branch: rewind the last game to the start of a turn and let the AI play every seat from there
    branch = rewind(state, 1 + len(state.actions) % state.turn)
    branch = run_ai_until_human(branch, make_ais(scenario, 11))
    check_finished(branch)
    return [r.ending for r in results] + [state.outcome().ending, branch.outcome().ending]  # type: ignore[union-attr]


# --- generated scenarios -------------------------------------------------------------------------------


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(generated=valid_scenarios())
def test_every_valid_scenario_plays(generated: Generated, tmp_path: Path) -> None:
    try:
        endings = plays(generated, tmp_path)
    except Exception as exc:
        name = known_crash(exc)
        if name is None:
            raise
        KNOWN_HITS[name] += 1  # tracked by its reproducer below; a new crash still fails here
        event(f"known crash: {name}")
        return
    for ending in sorted(set(endings)):
        event(f"some game ended in {ending}")


def test_generator_is_rarely_refused() -> None:
    """The generator writes consistent references, so the validator refuses few draws (and `assume` filters
    those). Draw a fixed batch here so the rate is measured whatever order the tests ran in; derandomized, so the
    batch is the same on every run (a random batch of 40 went over the bar now and then)."""
    before_drawn, before_rejected = REJECTIONS.drawn, REJECTIONS.rejected

    @settings(max_examples=40, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(generated=valid_scenarios())
    def draw(generated: Generated) -> None:
        assert generated.scenario.negotiators

    draw()
    drawn, rejected = REJECTIONS.drawn - before_drawn, REJECTIONS.rejected - before_rejected
    assert drawn >= 40
    assert rejected / drawn < 0.2, str(REJECTIONS)


# --- crash reproducers ---------------------------------------------------------------------------------


def _reproducer(path: Path) -> object:
    crash = KNOWN_CRASHES.get(path.stem)
    marks = [pytest.mark.xfail(strict=True, raises=crash.error, reason=crash.reason)] if crash else []
    return pytest.param(path, id=path.stem, marks=marks)


@pytest.mark.parametrize("path", [_reproducer(p) for p in CRASHES])
def test_crash_reproducer(path: Path, tmp_path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    scenario = load_scenario_text(text, str(path))  # the validator accepts it ...
    try:
        plays(Generated({}, text, scenario), tmp_path)  # ... so it must play
    except Exception as exc:
        assert known_crash(exc) == path.stem, "the reproducer now fails in another way"
        raise


# --- shipped scenarios and the template ----------------------------------------------------------------

SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))


def simulate_100(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`python main.py simulate --scenario PATH --games 100`, as an author runs it: exit 0, 100 games ended."""
    assert main(["simulate", "--scenario", str(path), "--games", "100", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["games"] == 100
    assert sum(summary["endings"].values()) == 100
    assert set(summary["endings"]) <= ENDINGS
    assert main(["simulate", "--scenario", str(path), "--games", "3"]) == 0  # and the text report
    assert "Endings:" in capsys.readouterr().out


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_scenario_plays_100_games(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    simulate_100(path, capsys)


def test_template_plays_100_games(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "my_scenario.yaml"
    assert main(["new-scenario", str(path)]) == 0  # the template (negotiator/scenario/template.py), as written
    capsys.readouterr()
    load_scenario(path)
    simulate_100(path, capsys)
