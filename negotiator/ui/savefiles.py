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
from negotiator.engine.endings import KIND_NAMES
from negotiator.engine.saves import SaveData, SaveError, read_save, save_path
from negotiator.i18n import t
from negotiator.scenario.models import Scenario

Folder = Literal["library", "saves", "autosaves", "opened"]
FOLDERS: dict[str, str] = {"library": "Finished games", "saves": "Saved", "autosaves": "Autosave", "opened": "Opened"}
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
    turns: int = 0  # the deadline (0: unknown)
    ending_kind: str = ""  # deal, deadline, walk_away ... for a finished game
    complete: bool = False  # a deal on every issue
    roles: str = ""  # who played, e.g. "Kyiv (Ana)" or "computer only"
    state_hash: str = ""
    branch: str = ""  # "branch of NAME from turn N" for a branched game's saves

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def when(self) -> str:
        return dt.datetime.fromtimestamp(self.modified).strftime("%d %b %Y, %H:%M") if self.modified else ""

    @property
    def status(self) -> str:
        """`turn 4 of 8` or `finished after turn 7`: where the game stands."""
        if not self.ok:
            return "cannot be loaded"
        of = f" of {self.turns}" if self.turns else ""
        return f"finished after turn {self.turn}{of}" if self.finished else f"turn {self.turn}{of}"

    @property
    def ended(self) -> str:
        """How a finished game ended in a few words (`a deal on every issue`, `the deadline passed`); "" if not."""
        if not self.finished:
            return ""
        if self.ending_kind == "deal":
            return "a deal on every issue" if self.complete else "a partial deal"
        return KIND_NAMES.get(self.ending_kind, self.ending_kind.replace("_", " ")).lower() or "finished"

    @property
    def headline(self) -> str:
        """The list row: scenario, who played and how far, so two games of one scenario differ."""
        if not self.ok:
            return f"{self.path.name}  ·  cannot be loaded"
        return "  ·  ".join(p for p in (self.title, self.roles, self.status, self.branch) if p)

    def headlines(self) -> tuple[str, ...]:
        """The row's wordings, longest first, for a narrow list: what tells games apart goes last."""
        if not self.ok:
            return (self.headline, "cannot be loaded")
        short = t("saves.status_branch", status=self.status) if self.branch else self.status
        return (self.headline, f"{self.roles}  ·  {short}", short)

    def captions(self) -> tuple[str, ...]:
        ended = self.ended.capitalize()
        return (self.caption, "  ·  ".join(p for p in (self.when, ended) if p), self.when)

    @property
    def caption(self) -> str:
        """The line under the row: when, how it ended (a finished game), and which folder it is in."""
        ended = self.ended.capitalize() if self.ok else ""
        return "  ·  ".join(p for p in (self.when, ended, FOLDERS[self.folder]) if p)


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
    outcome = data.outcome or {}
    return SaveSummary(
        path,
        folder,
        modified,
        title=scenario.metadata.title if scenario else _pretty(data.scenario_id),
        scenario_id=data.scenario_id,
        turn=save_turn(data),
        finished=data.outcome is not None,
        humans=tuple(a for a, r in data.settings.roles.items() if r.human),
        ending=str(outcome.get("summary") or ""),
        turns=data.settings.turns or (scenario.rules.turns if scenario else 0),
        ending_kind=str(outcome.get("ending") or ""),
        complete=outcome.get("complete") is True,
        roles=roles_text(data, scenario),
        state_hash=data.state_hash,
        branch=branch_text(data),
    )


def branch_text(data: SaveData) -> str:
    """`branch of istanbul-000004.json from turn 4` for a branch's saves, else ""."""
    saved = data.classroom
    if not saved.branch_of and saved.branch_turn is None:
        return ""
    origin = saved.branch_of or t("saves.another_game")
    if saved.branch_turn:
        return t("saves.branch_of_from_turn", origin=origin, turn=saved.branch_turn)
    return t("saves.branch_of", origin=origin)


def roles_text(data: SaveData, scenario: Scenario | None) -> str:
    """Who played the game's seats: `as Kyiv`, `Kyiv (Ana), Moscow (Ben)` or `computer only`."""

    def name(actor: str) -> str:
        try:
            return scenario.actor(actor).short_name if scenario else actor
        except (KeyError, LookupError):
            return actor

    humans = [(a, r.name) for a, r in data.settings.roles.items() if r.human]
    if not humans:
        return "computer only"
    if len(humans) == 1 and not humans[0][1]:
        return f"as {name(humans[0][0])}"
    return ", ".join(f"{name(a)} ({who})" if who else name(a) for a, who in humans)


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
    """Every save in the library, saves and autosaves folders plus `extra` opened files, newest first. A
    finished game's last autosave is left out when the library keeps the same game (it would show twice)."""
    scenarios = known_scenarios() if scenarios is None else scenarios
    found: dict[Path, SaveSummary] = {}
    sources: list[tuple[Folder, list[Path]]] = [
        ("library", _files_in(paths.library_dir)),
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
    kept = {s.state_hash for s in found.values() if s.folder == "library" and s.ok}
    shown = [s for s in found.values() if not (s.folder == "autosaves" and s.finished and s.state_hash in kept)]
    return sorted(shown, key=lambda s: (-s.modified, s.path.name))


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
