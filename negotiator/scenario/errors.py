"""Errors raised while loading a scenario. They carry every problem found, each with its location."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal


@dataclass(frozen=True)
class Problem:
    """One located problem in a scenario file. `field` is a dotted path such as `actors[2].levers[0].cost`."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f" ({self.field})" if self.field else ""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}{where}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class ScenarioError(Exception):
    """A scenario could not be loaded. `problems` lists every error (and warning) found, in file order."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{path}: {len(errors)} error(s)" + (f"; first: {errors[0]}" if errors else ""))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]
