"""The scenario format and its loader: YAML in, a validated frozen `Scenario` (or a located error) out."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from negotiator.scenario.errors import Problem, ScenarioError
from negotiator.scenario.loader import load_scenario, load_scenario_text
from negotiator.scenario.models import Scenario
from negotiator.scenario.schema import scenario_json_schema

__all__ = [
    "Problem",
    "Scenario",
    "ScenarioError",
    "load_scenario",
    "load_scenario_text",
    "scenario_content_hash",
    "scenario_json_schema",
]


def scenario_content_hash(path_or_text: str | bytes | os.PathLike[str]) -> str:
    """SHA-256 hex digest of a scenario's bytes, so a save can tell whether its scenario file changed.

    A `Path` (or any path-like) is read from disk; `bytes` are hashed as given; a `str` containing a
    newline is scenario text (hashed as UTF-8), otherwise it is taken as a file path.
    """
    if isinstance(path_or_text, bytes):
        data = path_or_text
    elif isinstance(path_or_text, str) and "\n" in path_or_text:
        data = path_or_text.encode("utf-8")
    else:
        data = Path(path_or_text).read_bytes()
    return hashlib.sha256(data).hexdigest()
