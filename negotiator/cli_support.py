"""Small helpers shared by command modules: where built-in scenarios live, and how to print problems."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from negotiator.scenario.models import Scenario

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCENARIO_DIR = PROJECT_ROOT / "scenarios"
DEFAULT_SCENARIO = SCENARIO_DIR / "istanbul_talks.yaml"


def builtin_scenarios() -> list[Path]:
    """The shipped scenario files, sorted by name."""
    return sorted(SCENARIO_DIR.glob("*.yaml"))


def load_scenario_or_report(command: str, path: str | os.PathLike[str], note: str = "") -> Scenario | None:
    """The scenario at `path`, or None after printing why not to stderr: every located problem (then
    `note`, if any) or the read error. The command then exits with its error code."""
    from negotiator.scenario import ScenarioError, load_scenario

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
