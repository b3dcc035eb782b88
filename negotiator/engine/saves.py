"""Saved games: versioned JSON holding the seed, settings and action log, verified by replaying them.

A save does not store the state itself: the seed plus the actions reproduce it exactly (the engine is
deterministic), and the stored final `state_hash`, turn records and outcome let `restore` prove that the
replay matches. Saves contain no clock readings, so the same game always saves to the same bytes.

    write_save(path, state, scenario_hash, scenario_path)      # atomic: temp file, fsync, rename
    data = read_save(path)                                     # SaveError for anything malformed
    state = restore(data, scenario, scenario_hash)             # SaveError if it does not replay exactly

Every failure raises `SaveError(path, message, hint)`; nothing on disk changes when loading fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError

from negotiator import paths
from negotiator.engine.actions import Action, action_from_dict
from negotiator.engine.errors import IllegalActionError, InvalidActionError
from negotiator.engine.state import GameSettings, GameState, new_game
from negotiator.scenario.models import Scenario

FORMAT = "negotiator-save"
VERSION = 1
SUPPORTED_VERSIONS = frozenset({1})
AUTOSAVES_KEPT = 5


class SaveError(Exception):
    """A save that cannot be used: `path`, what is wrong (`message`) and what to do about it (`hint`)."""

    def __init__(self, path: str | os.PathLike[str], message: str, hint: str = ""):
        self.path = str(path)
        self.message = message
        self.hint = hint
        super().__init__(f"{self.path}: {message}" + (f" ({hint})" if hint else ""))


# --- the file format ---------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _RoleModel(_Strict):
    human: StrictBool = False
    name: StrictStr = ""
    personality: StrictStr | None = None
    difficulty: StrictStr | None = None


class _SettingsModel(_Strict):
    roles: dict[str, _RoleModel] = Field(default_factory=dict)
    turns: StrictInt | None = None


class SaveFile(_Strict):
    """The JSON document of a save, field for field. Validation errors name the field at fault."""

    format: Literal["negotiator-save"]
    version: Literal[1]
    scenario_id: StrictStr
    scenario_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    scenario_path: StrictStr | None = None
    seed: StrictInt
    settings: _SettingsModel
    actions: list[dict[str, Any]]
    records: list[dict[str, Any]]
    outcome: dict[str, Any] | None
    state_hash: str = Field(pattern=r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class SaveData:
    """A save as read from disk: the header fields plus the parsed action log. Restore it with `restore`."""

    path: str
    scenario_id: str
    scenario_hash: str
    scenario_path: str | None
    seed: int
    settings: GameSettings
    actions: tuple[Action, ...]
    records: tuple[dict[str, Any], ...]
    outcome: dict[str, Any] | None
    state_hash: str


# --- writing -----------------------------------------------------------------------------------------


def save_document(state: GameState, scenario_hash: str, scenario_path: str | os.PathLike[str] | None) -> dict[str, Any]:
    """The save of `state` as JSON-ready data (key order fixed, so equal games give equal bytes)."""
    outcome = state.outcome()
    return {
        "format": FORMAT,
        "version": VERSION,
        "scenario_id": state.scenario.metadata.id,
        "scenario_hash": scenario_hash,
        "scenario_path": None if scenario_path is None else str(scenario_path),
        "seed": state.seed,
        "settings": state.settings.to_dict(),
        "actions": [action_document(a) for a in state.actions],
        "records": [_plain(r.to_dict()) for r in state.records],
        "outcome": None if outcome is None else _plain(outcome.to_dict()),
        "state_hash": state.state_hash(),
    }


def action_document(action: Action) -> dict[str, Any]:
    """An action as saved: `Action.to_dict()` without class-level constants (`verb` duplicates `type`)."""
    data = action.to_dict()
    data.pop("verb", None)
    return data


def dumps_save(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def write_save(
    path: str | os.PathLike[str],
    state: GameState,
    scenario_hash: str,
    scenario_path: str | os.PathLike[str] | None = None,
) -> Path:
    """Write the save atomically: a crash leaves either the old file or the new one, never half of one."""
    target = Path(path)
    text = dumps_save(save_document(state, scenario_hash, scenario_path))
    atomic_write_text(target, text)
    return target


def atomic_write_text(target: Path, text: str) -> None:
    """Write to a temporary file in the target's folder, fsync it, then rename it over the target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable where the platform allows opening folders (POSIX)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _plain(value: Any) -> Any:
    """JSON's view of a value (tuples become lists), so stored and replayed records compare equal."""
    return json.loads(json.dumps(value))


# --- reading -----------------------------------------------------------------------------------------


def read_save(path: str | os.PathLike[str]) -> SaveData:
    """Read and check a save file's structure (not yet its game: see `restore`)."""
    source = Path(path)
    try:
        raw = source.read_bytes()
    except FileNotFoundError:
        raise SaveError(source, "no such save file", "check the path; autosaves live in " + _autosave_hint()) from None
    except IsADirectoryError:
        raise SaveError(source, "this is a folder, not a save file") from None
    except OSError as exc:
        raise SaveError(source, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(source, "not a save file (not UTF-8 text)", "choose a .json save written by the game") from None
    if not text.strip():
        raise SaveError(source, "the save file is empty", "it was probably cut off while being written")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if _looks_truncated(text, exc):
            raise SaveError(
                source,
                f"the save file is truncated (it ends early, at line {exc.lineno})",
                "the file was cut off; use an earlier save or autosave",
            ) from None
        raise SaveError(
            source,
            f"not valid JSON ({exc.msg}; line {exc.lineno}, column {exc.colno})",
            "the file was edited or is not a save; use an earlier save or autosave",
        ) from None
    return parse_save(data, source)


def _looks_truncated(text: str, exc: json.JSONDecodeError) -> bool:
    """A parse error at (or just before) the end of an unbalanced document means the file was cut off."""
    stripped = text.rstrip()
    near_end = exc.pos >= len(stripped) - 1 or exc.msg.startswith("Unterminated string")
    opens = stripped.count("{") + stripped.count("[")
    closes = stripped.count("}") + stripped.count("]")
    return near_end and opens > closes


def parse_save(data: Any, path: str | os.PathLike[str] = "<save>") -> SaveData:
    """Check a decoded save document and turn it into `SaveData`."""
    if not isinstance(data, dict):
        raise SaveError(path, "not a Negotiator save (the file holds no JSON object)")
    fmt = data.get("format")
    if fmt != FORMAT:
        raise SaveError(
            path,
            f"not a Negotiator save (format is {fmt!r}, expected {FORMAT!r})",
            "choose a save written by this game",
        )
    version = data.get("version")
    if type(version) is not int or version not in SUPPORTED_VERSIONS:
        supported = ", ".join(str(v) for v in sorted(SUPPORTED_VERSIONS))
        raise SaveError(
            path,
            f"unsupported save version {version!r} (this game reads version {supported})",
            "saves from a newer version of the game need that version",
        )
    try:
        model = SaveFile.model_validate(data)
    except ValidationError as exc:
        raise SaveError(
            path, "the save is damaged: " + _describe(exc), "the file was edited; use another save"
        ) from None
    actions: list[Action] = []
    for index, entry in enumerate(model.actions, start=1):
        try:
            action = action_from_dict(entry)
            _check_field_types(action)
        except InvalidActionError as exc:
            raise SaveError(
                path, f"action {index} is damaged: {exc}", "the file was edited; use another save"
            ) from None
        actions.append(action)
    return SaveData(
        path=str(path),
        scenario_id=model.scenario_id,
        scenario_hash=model.scenario_hash,
        scenario_path=model.scenario_path,
        seed=model.seed,
        settings=GameSettings.from_dict(model.settings.model_dump()),
        actions=tuple(actions),
        records=tuple(model.records),
        outcome=model.outcome,
        state_hash=model.state_hash,
    )


_FIELD_TYPES: dict[str, tuple[type | None, ...]] = {
    "actor": (str,),
    "reason": (str,),
    "offer_id": (int,),
    "accept": (bool,),
    "lever": (str,),
    "target": (str, None),
    "issue": (str,),
    "option": (str,),
}


def _check_field_types(action: Action) -> None:
    """Actions are plain dataclasses; make sure an edited save cannot smuggle in a wrongly typed field."""
    for name in action.__dataclass_fields__:
        expected = _FIELD_TYPES.get(name)
        if expected is None:
            continue
        value = getattr(action, name)
        ok = any(value is None if t is None else isinstance(value, t) for t in expected)
        if name == "offer_id" and isinstance(value, bool):
            ok = False
        if not ok:
            raise InvalidActionError(f"'{name}' has the wrong type ({type(value).__name__})")


def _describe(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error["loc"]) or "the document"
        problems.append(f"{where}: {error['msg'].lower()}")
    more = len(exc.errors()) - len(problems)
    return "; ".join(problems) + (f" (and {more} more)" if more > 0 else "")


# --- restoring ---------------------------------------------------------------------------------------


def restore(save: SaveData, scenario: Scenario, scenario_hash: str) -> GameState:
    """Replay the save's actions from its seed on `scenario` and prove the result matches what was saved."""
    if save.scenario_id != scenario.metadata.id:
        raise SaveError(
            save.path,
            f"the save is for scenario '{save.scenario_id}', not '{scenario.metadata.id}'",
            f"load it with the scenario whose id is '{save.scenario_id}'",
        )
    if save.scenario_hash != scenario_hash:
        raise SaveError(
            save.path,
            f"the scenario '{save.scenario_id}' has changed since this game was saved",
            "a save replays only on the exact scenario file it was played on",
        )
    settings = save.settings
    if settings.turns is not None and settings.turns < 1:
        raise SaveError(save.path, f"settings.turns is {settings.turns}; it must be at least 1")
    state = new_game(scenario, save.seed, settings)
    for index, action in enumerate(save.actions, start=1):
        try:
            state = state.apply(action)
        except (IllegalActionError, InvalidActionError, LookupError, TypeError) as exc:
            raise SaveError(
                save.path,
                f"action {index} ('{action}' by {action.actor}) is not legal on replay: {exc}",
                "the save was edited or comes from a different version of the rules",
            ) from None
    if state.state_hash() != save.state_hash:
        raise SaveError(
            save.path,
            "the replayed game does not match the saved one (state hash differs)",
            "the save was edited; use another save",
        )
    records = [_plain(r.to_dict()) for r in state.records]
    if records != list(save.records):
        turn = next((i + 1 for i, (a, b) in enumerate(zip(records, save.records, strict=False)) if a != b), None)
        where = f"turn {turn}" if turn else f"{len(save.records)} saved vs {len(records)} replayed turns"
        raise SaveError(
            save.path,
            f"the saved turn records do not match the replay ({where})",
            "the save was edited; use another save",
        )
    outcome = state.outcome()
    if (None if outcome is None else _plain(outcome.to_dict())) != save.outcome:
        raise SaveError(
            save.path, "the saved outcome does not match the replay", "the save was edited; use another save"
        )
    return state


def find_scenario_file(save: SaveData, candidates: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """The scenario file this save was played on: its recorded path, else a candidate with the same bytes.

    Raises SaveError when no candidate has the saved content (the hash names the changed-file case).
    """
    from negotiator.scenario import scenario_content_hash

    seen: list[Path] = []
    for candidate in (save.scenario_path, *candidates):
        if candidate is None:
            continue
        path = Path(candidate)
        if path in seen or not path.is_file():
            continue
        seen.append(path)
        with contextlib.suppress(OSError):
            if scenario_content_hash(path) == save.scenario_hash:
                return path
    if seen:
        raise SaveError(
            save.path,
            f"the scenario '{save.scenario_id}' has changed since this game was saved ({seen[0]} differs)",
            "a save replays only on the exact scenario file it was played on",
        )
    raise SaveError(
        save.path,
        f"cannot find the scenario file '{save.scenario_path}' this game was played on",
        "pass it with --scenario PATH",
    )


# --- autosaves ---------------------------------------------------------------------------------------

_AUTOSAVE = re.compile(r"^(?P<scenario>[a-z0-9_-]+)-(?P<counter>\d{6,})\.json$")


def _autosave_hint() -> str:
    return str(paths.autosaves_dir())


def _autosaves(folder: Path) -> list[tuple[int, Path]]:
    found = []
    for entry in folder.iterdir():
        match = _AUTOSAVE.match(entry.name)
        if match and entry.is_file():
            found.append((int(match.group("counter")), entry))
    return sorted(found)


def autosave(state: GameState, scenario_hash: str, scenario_path: str | os.PathLike[str] | None) -> Path:
    """Save into the autosave folder under the next counter, keeping only the newest `AUTOSAVES_KEPT` files."""
    folder = paths.autosaves_dir()
    existing = _autosaves(folder)
    counter = existing[-1][0] + 1 if existing else 1
    target = folder / f"{state.scenario.metadata.id}-{counter:06d}.json"
    write_save(target, state, scenario_hash, scenario_path)
    for _, old in _autosaves(folder)[:-AUTOSAVES_KEPT]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def keep_original(save_path: str | os.PathLike[str]) -> Path | None:
    """Copy an autosave about to be branched into the saves folder: autosaves rotate, and a branch must not
    cost the class its original game. The autosave itself is only read. Returns the copy, or None when the
    file is not an autosave (an ordinary save is never deleted by the game)."""
    source = Path(save_path)
    if source.resolve().parent != paths.autosaves_dir().resolve():
        return None
    target = paths.saves_dir() / f"{source.stem}-original.json"
    if not target.exists():
        shutil.copyfile(source, target)
    return target


def latest_autosave() -> Path | None:
    """The newest autosave, or None if there is none."""
    found = _autosaves(paths.autosaves_dir())
    return found[-1][1] if found else None


# --- one call for front ends -------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedGame:
    """A save restored and verified, with the scenario it was played on."""

    save: SaveData
    scenario: Scenario
    scenario_path: Path
    scenario_hash: str
    state: GameState


def load_game(
    save_path: str | os.PathLike[str],
    scenario_path: str | os.PathLike[str] | None = None,
    candidates: Iterable[str | os.PathLike[str]] = (),
) -> LoadedGame:
    """Read, find the scenario (the given path, else the recorded one, else a candidate), and restore.

    Every failure, including a scenario that no longer loads, is a SaveError.
    """
    from negotiator.scenario import ScenarioError, load_scenario, scenario_content_hash

    save = read_save(save_path)
    if scenario_path is not None:
        path = Path(scenario_path)
        if not path.is_file():
            raise SaveError(save.path, f"no scenario file {path}", "check the --scenario path")
    else:
        path = find_scenario_file(save, candidates)
    try:
        scenario = load_scenario(path)
    except ScenarioError as exc:
        raise SaveError(
            save.path, f"its scenario {path} does not load ({len(exc.problems)} problem(s))", "run validate on it"
        ) from None
    scenario_hash = scenario_content_hash(path)
    return LoadedGame(save, scenario, path, scenario_hash, restore(save, scenario, scenario_hash))
