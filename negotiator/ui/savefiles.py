"""The saved games the load dialog lists: one summary per file, newest first, unreadable files included.

Summaries come from `read_save` (structure only, no replay), so listing stays fast; the full check happens
when a game is opened. A file that cannot be read keeps its place in the list with its problem, so a player
sees *why* a save is unusable instead of wondering where it went. Pure (no pygame).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from negotiator import paths
from negotiator.engine.saves import SaveData, SaveError, read_save, save_path
from negotiator.scenario.models import Scenario

Folder = Literal["saves", "autosaves", "opened"]
log = logging.getLogger("negotiator.ui")


@dataclass(frozen=True)
class SaveSummary:
    """What the list shows for one file: the game's header, or the reason it cannot be used."""

    path: Path
    folder: Folder
    modified: float
    title: str = ""
    scenario_id: str = ""
    turn: int = 0
    finished: bool = False
    humans: tuple[str, ...] = ()
    ending: str = ""
    problem: str = ""
    hint: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def when(self) -> str:
        return dt.datetime.fromtimestamp(self.modified).strftime("%d %b %Y, %H:%M") if self.modified else ""

    @property
    def status(self) -> str:
        """`turn 4` or `finished after turn 7`: where the game stands."""
        if not self.ok:
            return "cannot be loaded"
        return f"finished after turn {self.turn}" if self.finished else f"turn {self.turn}"


def known_scenarios() -> dict[str, Scenario]:
    """Scenario id -> scenario for the built-in and the player's scenarios (ids are what saves record)."""
    from negotiator.ui.catalogue import scan

    return {e.scenario.metadata.id: e.scenario for e in scan() if e.scenario is not None}


def summarise(path: Path, folder: Folder, scenarios: dict[str, Scenario]) -> SaveSummary:
    try:
        modified = path.stat().st_mtime
    except OSError:
        modified = 0.0
    try:
        data = read_save(path)
    except SaveError as exc:
        return SaveSummary(path, folder, modified, title=path.name, problem=exc.message, hint=exc.hint)
    except Exception as exc:  # a reader bug must cost one line in the list, never the whole screen
        log.exception("could not summarise %s", path)
        return SaveSummary(path, folder, modified, title=path.name, problem=f"cannot be read ({type(exc).__name__})")
    scenario = scenarios.get(data.scenario_id)
    return SaveSummary(
        path,
        folder,
        modified,
        title=scenario.metadata.title if scenario else _pretty(data.scenario_id),
        scenario_id=data.scenario_id,
        turn=save_turn(data),
        finished=data.outcome is not None,
        humans=tuple(a for a, r in data.settings.roles.items() if r.human),
        ending=str((data.outcome or {}).get("summary") or ""),
    )


def save_turn(data: SaveData) -> int:
    """The turn the game stands at: the last finished one if it is over, else the one being played."""
    finished = len(data.records)
    return max(1, finished) if data.outcome is not None else finished + 1


def _pretty(scenario_id: str) -> str:
    return scenario_id.replace("_", " ").replace("-", " ").capitalize()


def save_files(folder: Path) -> list[Path]:
    """The `.json` entries in a folder that are not folders (temporary files from an interrupted write are
    skipped); a FIFO or a link to a device is included, so the list can say what is wrong with it."""
    try:
        return [p for p in folder.glob("*.json") if not p.is_dir() and not p.name.startswith(".")]
    except OSError:
        return []


def list_saves(extra: Iterable[Path] = (), scenarios: dict[str, Scenario] | None = None) -> list[SaveSummary]:
    """Every save in the saves and autosaves folders plus `extra` opened files, newest first."""
    scenarios = known_scenarios() if scenarios is None else scenarios
    found: dict[Path, SaveSummary] = {}
    sources: list[tuple[Folder, list[Path]]] = [
        ("saves", _files_in(paths.saves_dir)),
        ("autosaves", _files_in(paths.autosaves_dir)),
        ("opened", [Path(p) for p in extra]),
    ]
    for folder, files in sources:
        for path in files:
            try:
                key = path.resolve()
            except (OSError, RuntimeError):  # a link loop
                key = path.absolute()
            if key not in found:
                found[key] = summarise(path, folder, scenarios)
    return sorted(found.values(), key=lambda s: (-s.modified, s.path.name))


def _files_in(folder: Callable[[], Path]) -> list[Path]:
    try:
        return save_files(folder())
    except OSError:  # the data folder is unusable: nothing to list
        return []


_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def default_save_name(scenario_id: str, turn: int, folder: Path | None = None) -> str:
    """`<scenario>-turn04.json`, with `-2`, `-3` ... added if that name is taken in `folder`."""
    folder = folder or paths.saves_dir()
    stem = f"{_UNSAFE.sub('_', scenario_id)}-turn{turn:02d}"
    name, n = f"{stem}.json", 1
    while (folder / name).exists():
        n += 1
        name = f"{stem}-{n}.json"
    return name


def save_target(text: str, folder: Path | None = None) -> Path:
    """Where a name typed in the save dialog points: a relative name goes under the saves folder (never the
    folder the game was started from), `~` is expanded and `.json` added (`negotiator.engine.saves.save_path`).

    Raises ValueError with a sentence the dialog can show.
    """
    return save_path(text, folder)
