"""Small helpers shared by command modules: the built-in scenarios, and how to print problems."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from negotiator import files, resources
from negotiator.resources import ResourceError, builtin_scenarios, default_scenario

if TYPE_CHECKING:
    from negotiator.scenario.models import Scenario

__all__ = [
    "DEFAULT_HELP",
    "builtin_scenarios",
    "file_arg",
    "load_scenario_or_report",
    "path_arg",
    "scenario_or_default",
]

DEFAULT_HELP = f"scenario file (default: the built-in {resources.DEFAULT_SCENARIO})"


def scenario_or_default(command: str, path: str | os.PathLike[str] | None) -> Path | None:
    """`path`, or the built-in default scenario when it is None; None after one line on stderr when the
    built-in one is missing from this installation."""
    if path is not None:
        return Path(path)
    try:
        return default_scenario()
    except ResourceError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return None


def load_scenario_or_report(command: str, path: str | os.PathLike[str] | None, note: str = "") -> Scenario | None:
    """The scenario at `path` (None: the built-in default), or None after printing why not to stderr: every
    located problem (then `note`, if any) or the read error. The command then exits with its error code."""
    from negotiator.scenario import ScenarioError, load_scenario

    path = scenario_or_default(command, path)
    if path is None:
        return None
    try:
        return load_scenario(path)
    except ScenarioError as error:
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
        if note:
            print(f"{command}: {note}", file=sys.stderr)
    except OSError as error:
        print(f"{command}: cannot read {path}: {error.strerror or error}", file=sys.stderr)
    return None


def path_arg(text: str) -> str:
    """argparse `type=` for any path argument: a leading `~` expanded, as the shell does only for an unquoted
    word (a quoted one, a launcher or a script passes it on as typed); `~name` of nobody is refused with a
    sentence (argparse exits 2). Everything else about the path is the command's to check and explain. A
    string, as the commands (and their JSON output) expect."""
    try:
        return str(files.expand_home(text)) if text.startswith("~") else text
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def file_arg(text: str) -> Path:
    """`path_arg` as a Path, for the commands that take one."""
    return Path(path_arg(text))
