"""Small helpers shared by command modules: where built-in scenarios live, and how to print problems."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCENARIO_DIR = PROJECT_ROOT / "scenarios"
DEFAULT_SCENARIO = SCENARIO_DIR / "istanbul_talks.yaml"


def builtin_scenarios() -> list[Path]:
    """The shipped scenario files, sorted by name."""
    return sorted(SCENARIO_DIR.glob("*.yaml"))
