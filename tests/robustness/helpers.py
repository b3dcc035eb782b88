"""Shared pieces of the robustness tests: a real scenario and save to damage, and a way to run a command
in-process and see its exit code and output (a traceback would fail the test as an exception)."""

from __future__ import annotations

import copy
import io
import json
import os
import re
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from negotiator.cli import main
from negotiator.engine import EndTurn, GameState, new_game, parse_action
from negotiator.engine.saves import write_save
from negotiator.scenario import load_scenario, scenario_content_hash

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
ISTANBUL = ROOT / "scenarios" / "istanbul_talks.yaml"
TUTORIAL_TEXT = TUTORIAL.read_text(encoding="utf-8")

# `PATH:LINE:COLUMN: error: MESSAGE`: what every refused scenario prints, one line per problem.
LOCATED = re.compile(r"^.+:\d+:\d+: (error|warning): .+$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def run(argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str | None = None) -> tuple[int, str, str]:
    """Run a command in-process; returns (exit code, stdout, stderr)."""
    if stdin is not None:
        mp = pytest.MonkeyPatch()
        mp.setattr("sys.stdin", io.StringIO(stdin))
        try:
            code = main(argv)
        finally:
            mp.undo()
    else:
        code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def edited_tutorial(old: str, new: str, count: int = 1) -> str:
    assert old in TUTORIAL_TEXT, old
    return TUTORIAL_TEXT.replace(old, new, count)


def write(tmp_path: Path, text: str, name: str = "scenario.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def scripted_game() -> GameState:
    """A short tutorial game with every kind of action in it, facilitator actions included."""
    scenario = load_scenario(TUTORIAL)
    state = new_game(scenario, seed=3)
    state = state.apply(parse_action("bulletin Talks resume at the depot", "facilitator"))
    state = state.apply(parse_action("adjust disruption 5", "facilitator"))
    state = state.apply(parse_action("redline pay=pay_1", state.current_actor))
    state = state.apply(parse_action("offer pay=pay_3 breaks=breaks_30 weekends=rotating", state.current_actor))
    state = state.apply(parse_action("lever union_statement", state.current_actor))
    state = state.apply(EndTurn(state.current_actor, reason="Let them think."))
    state = state.apply(parse_action("reject 1", state.current_actor))
    state = state.apply(EndTurn(state.current_actor))
    state = state.apply(parse_action("inject editorial", "facilitator"))
    while not state.is_over() and state.turn <= 3:
        state = state.apply(EndTurn(state.current_actor))
    return state


def real_save(tmp_path: Path, state: GameState | None = None, name: str = "game.json") -> Path:
    return write_save(tmp_path / name, state or scripted_game(), scenario_content_hash(TUTORIAL), str(TUTORIAL))


def edit_save(path: Path, change: Any) -> Path:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def node_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path (keys and list indexes) of every node below `node`, in document order."""
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += node_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += node_paths(value, (*path, index))
    return found


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A deep copy of `data` with the node at `path` replaced by `value`."""
    data = copy.deepcopy(data)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


def _socket(path: Path) -> tuple[Path, socket.socket]:
    short = Path(tempfile.gettempdir()) / f"negotiator-special-{os.getpid()}.sock"  # socket paths are short
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(short))
    return short, server


SPECIAL_FILES: dict[str, Callable[[Path], object]] = {
    "fifo": os.mkfifo,
    "zero": lambda path: path.symlink_to("/dev/zero"),
    "null": lambda path: path.symlink_to("/dev/null"),
    "folder": Path.mkdir,
    "dangling": lambda path: path.symlink_to(path.with_name("nowhere")),
    "socket": _socket,
}


def make_special(kind: str, path: Path) -> tuple[Path, socket.socket | None]:
    """A special file of `kind` (a key of SPECIAL_FILES) at `path`, or, for a socket, at a short path of its
    own; returns the path and the socket's server, which the caller closes (and unlinks its path)."""
    made = SPECIAL_FILES[kind](path)
    return made if isinstance(made, tuple) else (path, None)
