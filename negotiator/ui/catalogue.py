"""The scenarios the player can choose from: built-in files, the user's folder, and files opened by path.

Loading happens when the chooser opens or the player presses F5, never per frame. Opening the chooser again
reuses what an unchanged file (same size and modification time) gave last time, so the screen opens without
parsing every scenario again (issue 12: most of its 100 ms); F5 always reads every file afresh. A file that fails to
load is kept in the list with its located problems, so an author sees what to fix; one broken file (or a
FIFO, a device, a link to nowhere) never stops the others from being listed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from negotiator import i18n, paths
from negotiator.resources import builtin_scenarios
from negotiator.scenario import Problem, Scenario, ScenarioError, load_scenario

Origin = Literal["built-in", "yours", "opened"]
log = logging.getLogger("negotiator.ui")


@dataclass(frozen=True)
class Entry:
    """One scenario file and what loading it gave: a Scenario, or the problems that stopped it."""

    path: Path
    origin: Origin
    scenario: Scenario | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.scenario is not None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def title(self) -> str:
        """The scenario's title in the language shown (the file name when it does not load)."""
        return self.scenario.translated(i18n.current()).metadata.title if self.scenario else self.path.name


def load_entry(path: Path, origin: Origin) -> Entry:
    warnings: list[Problem] = []
    try:
        scenario = load_scenario(path, warnings=warnings)
    except ScenarioError as exc:
        problems = exc.problems or [Problem(str(path), 1, 1, "", str(exc))]
        return Entry(path, origin, None, problems)
    except Exception as exc:  # a loader bug costs this file its place, not the player the screen
        log.exception("could not load %s", path)
        return Entry(path, origin, None, [Problem(str(path), 1, 1, "", f"cannot be loaded ({type(exc).__name__})")])
    return Entry(path, origin, scenario, warnings)


_loaded: dict[tuple[str, Origin], tuple[tuple[int, int], Entry]] = {}


def cached_entry(path: Path, origin: Origin) -> Entry:
    """`load_entry`, reusing the last result for a file whose size and modification time have not changed."""
    try:
        stat = path.stat()
    except OSError:
        return load_entry(path, origin)  # a broken link or a vanished file: let the loader say what is wrong
    key, stamp = (str(path), origin), (stat.st_mtime_ns, stat.st_size)
    found = _loaded.get(key)
    if found is not None and found[0] == stamp:
        return found[1]
    entry = load_entry(path, origin)
    _loaded[key] = (stamp, entry)
    return entry


def user_scenario_files() -> list[Path]:
    """The `.yaml` entries of the player's scenarios folder that are not folders: a FIFO or a broken link
    is listed too, so the chooser can say what is wrong with it."""
    try:
        return sorted(p for p in paths.user_scenarios_dir().glob("*.yaml") if not p.is_dir())
    except OSError:
        return []


def scan(extra: list[Path] | None = None, *, fresh: bool = False) -> list[Entry]:
    """Every built-in and user scenario, plus `extra` files the player opened by path this session; `fresh`
    reads every file again even if it looks unchanged (F5)."""
    load = load_entry if fresh else cached_entry
    entries = [load(p, "built-in") for p in builtin_scenarios()]
    entries += [load(p, "yours") for p in user_scenario_files()]
    seen = {e.path.resolve() for e in entries}
    for p in extra or []:
        if p.resolve() not in seen:
            entries.append(load(p, "opened"))
            seen.add(p.resolve())
    return entries


def tutorial_entry() -> Entry | None:
    """The first built-in scenario with a guided tutorial (`tutorial:` section); None if none loads."""
    for path in builtin_scenarios():
        entry = cached_entry(path, "built-in")
        if entry.scenario is not None and entry.scenario.tutorial is not None:
            return entry
    return None
