"""Saved games: versioned JSON holding the seed, settings and action log, verified by replaying them.

A save does not store the state itself: the seed plus the actions reproduce it exactly (the engine is
deterministic), and the stored final `state_hash`, turn records and outcome let `restore` prove that the
replay matches. Saves contain no clock readings, so the same game always saves to the same bytes.

    write_save(path, state, scenario_hash, scenario_path)      # atomic: temp file, fsync, rename
    data = read_save(path)                                     # SaveError for anything malformed
    state = restore(data, scenario, scenario_hash)             # SaveError if it does not replay exactly

Files are read and written through `negotiator.files`: only regular files of at most `MAX_SAVE_BYTES`,
JSON guarded against deep nesting and huge numbers, and the whole document checked by the `SaveFile`
model (every action's fields typed and bounded, every text free of control characters) before a single
action is replayed. Every failure raises `SaveError(path, message, hint)`; nothing on disk changes when
loading fails.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    ValidationError,
    create_model,
    field_validator,
)

from negotiator import files, paths
from negotiator.engine import actions as _actions
from negotiator.engine.actions import Action, action_from_dict
from negotiator.engine.errors import IllegalActionError, InvalidActionError
from negotiator.engine.state import GameSettings, GameState, new_game
from negotiator.files import FileReadError
from negotiator.scenario import textrules
from negotiator.scenario.models import Difficulty, Id, Personality, Scenario

FORMAT = "negotiator-save"
VERSION = 1
SUPPORTED_VERSIONS = frozenset({1})
AUTOSAVES_KEPT = 5
MAX_SAVE_BYTES = 32_000_000  # a 100-turn game of many parties is a few MB
MAX_ACTIONS = 200_000
MAX_RECORDS = 1_000
SCENARIO_MAX_BYTES = 1_000_000  # as negotiator.scenario.yaml_source.MAX_BYTES
EDITED = "the file was edited or damaged; use another save"


class SaveError(FileReadError):
    """A save that cannot be used: `path`, what is wrong (`message`) and what to do about it (`hint`)."""


# --- the file format ---------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# Texts in a save: names and ids are one line, reasons and bulletins may be longer; none holds control or
# invisible characters (a terminal escape in a reason would otherwise reach the text mode raw).
_Line = Annotated[str, StringConstraints(max_length=400, pattern=textrules.LINE_PATTERN)]
_Prose = Annotated[str, StringConstraints(max_length=4000, pattern=textrules.TEXT_PATTERN)]
_PathText = Annotated[
    str, StringConstraints(min_length=1, max_length=files.PATH_MAX_CHARS, pattern=textrules.LINE_PATTERN)
]
_Int = Annotated[int, Field(strict=True, ge=-(2**63), le=2**63 - 1)]
_Float = Annotated[float, Field(ge=-1_000_000, le=1_000_000, allow_inf_nan=False)]
_Hash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class _RoleModel(_Strict):
    human: StrictBool = False
    name: _Line = ""
    personality: Personality | None = None
    difficulty: Difficulty | None = None
    language: Literal["en", "uk", "ru"] | None = None  # `i18n.LANGUAGES`: a hotseat seat's own language


class _SettingsModel(_Strict):
    roles: dict[Id, _RoleModel] = Field(default_factory=dict, max_length=50)
    turns: Annotated[int, Field(strict=True, ge=1, le=100)] | None = None


def _field_type(name: str, hint: Any) -> Any:
    """The bounded, strict type of one action field, from the dataclass's annotation."""
    optional = False
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (Union, types.UnionType) and type(None) in args:
        optional = True
        rest = [a for a in args if a is not type(None)]
        hint = rest[0] if len(rest) == 1 else Any
    if hint is str:
        base: Any = _Prose if name in ("reason", "text") else _Line
    elif hint is bool:
        base = StrictBool
    elif hint is int:
        base = _Int
    elif hint is float:
        base = _Float
    elif typing.get_origin(hint) is tuple:  # terms: ((issue, option), ...)
        base = Annotated[list[Annotated[list[_Line], Field(min_length=2, max_length=2)]], Field(max_length=100)]
    else:  # a field type this layer does not know yet: JSON checks (depth, numbers) still apply
        base = Any
    return base | None if optional else base


def _action_model(cls: type[Action]) -> type[BaseModel]:
    hints = typing.get_type_hints(cls)
    fields_: dict[str, Any] = {"type": (Literal[cls.verb], ...)}  # type: ignore[valid-type]
    for f in dataclasses.fields(cls):
        default = f.default if f.default is not dataclasses.MISSING else ...
        if f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        fields_[f.name] = (_field_type(f.name, hints[f.name]), default)
    return create_model(  # type: ignore[call-overload, no-any-return]
        f"{cls.__name__}Document",
        __config__=ConfigDict(extra="forbid", frozen=True, strict=True),
        **fields_,
    )


def _action_classes() -> list[type[Action]]:
    found = [
        obj
        for obj in vars(_actions).values()
        if isinstance(obj, type) and issubclass(obj, Action) and obj is not Action and obj.verb
    ]
    return list({cls.verb: cls for cls in found}.values())


_ACTION_MODELS = tuple(_action_model(cls) for cls in _action_classes())
_ACTION_VERBS = frozenset(cls.verb for cls in _action_classes())
ActionDocument = Annotated[Union[_ACTION_MODELS], Field(discriminator="type")]  # type: ignore[valid-type]  # noqa: UP007


def _clean_json(value: Any, where: str = "") -> None:
    """Every text inside free-form JSON (turn records, the outcome) free of control characters."""
    if isinstance(value, str):
        problem = textrules.problem(value)
        if problem:
            raise ValueError(f"{where or 'a text'}: {problem}")
    elif isinstance(value, dict):
        for key, item in value.items():
            _clean_json(key, where)
            _clean_json(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _clean_json(item, f"{where}[{index}]")


_PinHash = Annotated[str, StringConstraints(pattern=r"^(pbkdf2_sha256\$[0-9]{1,7}\$[0-9a-f]{32}\$[0-9a-f]{64})?$")]


class _ClassroomModel(_Strict):
    pin_hash: _PinHash = ""
    timer_seconds: Annotated[int, Field(strict=True, ge=1, le=3600)] | None = None
    on_timeout: Literal["pass", "ai"] = "pass"
    branch_of: _Line = ""
    branch_turn: Annotated[int, Field(strict=True, ge=1, le=100)] | None = None


@dataclass(frozen=True)
class Classroom:
    """What a save carries for the teacher besides the game: the facilitator PIN (only as a salted hash), the move
    timer, and for a branch the game it came from and the turn. None of it is a game action and nothing replays
    it; it travels with saves so a Continue, a Load or a branch keeps the PIN (else any student could press F9
    after a "what if") and the clock, and the load dialog can mark a branch as one."""

    pin_hash: str = ""
    timer_seconds: int | None = None
    on_timeout: Literal["pass", "ai"] = "pass"
    branch_of: str = ""
    branch_turn: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @property
    def empty(self) -> bool:
        return self == Classroom()


def branch_origin(path: str | os.PathLike[str]) -> str:
    """The name a branch records of the file it came from: the file name, with anything a save's text may not
    hold dropped (a save must always read back), at most 200 characters."""
    return textrules.clean_typed(Path(path).name, line=True)[:200]


class SaveFile(_Strict):
    """The JSON document of a save, field for field. Validation errors name the field at fault."""

    format: Literal["negotiator-save"]
    version: Literal[1]
    scenario_id: Id
    scenario_hash: _Hash
    scenario_path: _PathText | None = None
    seed: _Int
    settings: _SettingsModel
    actions: list[ActionDocument] = Field(max_length=MAX_ACTIONS)  # type: ignore[valid-type]
    records: list[dict[str, Any]] = Field(max_length=MAX_RECORDS)
    outcome: dict[str, Any] | None
    state_hash: _Hash
    classroom: _ClassroomModel | None = None

    @field_validator("records", "outcome", mode="after")
    @classmethod
    def _texts_are_clean(cls, value: Any) -> Any:
        _clean_json(value)
        return value

    @field_validator("outcome", mode="after")
    @classmethod
    def _summary_is_text(cls, value: Any) -> Any:
        if value is not None and not isinstance(value.get("summary", ""), str):
            raise ValueError("outcome.summary must be text")
        return value


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
    classroom: Classroom = Classroom()


# --- writing -----------------------------------------------------------------------------------------


def save_document(
    state: GameState,
    scenario_hash: str,
    scenario_path: str | os.PathLike[str] | None,
    classroom: Classroom | None = None,
) -> dict[str, Any]:
    """The save of `state` as JSON-ready data (key order fixed, so equal games give equal bytes). `classroom` is
    written only when it holds something, so a save without a teacher's settings reads as before."""
    outcome = state.outcome()
    document = {
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
    if classroom is not None and not classroom.empty:
        document["classroom"] = classroom.to_dict()
    return document


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
    classroom: Classroom | None = None,
) -> Path:
    """Write the save atomically: a crash leaves either the old file or the new one, never half of one.

    `path` is used as given (see `save_path` for turning a typed name into one); a failure is a
    `negotiator.files.FileWriteError`, an OSError whose `str()` is one line."""
    target = Path(path)
    text = dumps_save(save_document(state, scenario_hash, scenario_path, classroom))
    files.atomic_write(target, text, private=True)  # as before: a save is its owner's (mode 0600)
    return target


def atomic_write_text(target: Path, text: str) -> None:
    """Write text atomically (`negotiator.files.atomic_write`); kept for the callers that import it here."""
    files.atomic_write(target, text)


def save_path(name: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """Where a save name typed by a player points: `~` is expanded, a relative name goes under the saves
    folder (never the working directory), and `.json` is added. Raises ValueError with a sentence to show."""
    raw = name.strip().strip("'\"").strip()
    if not raw:
        raise ValueError("Type a name for the save.")
    bad = textrules.first_forbidden(raw, line=True)
    if bad is not None:
        raise ValueError(f"A save name cannot hold {textrules.describe_char(bad[1])}.")
    problem = files.path_problem(raw)
    if problem is not None:
        raise ValueError(f"That name cannot be used: {problem}.")
    try:
        path = Path(raw).expanduser()
    except RuntimeError:  # ~someone who does not exist
        raise ValueError(f"'{raw.split('/')[0]}' names no home folder on this computer.") from None
    if not path.is_absolute():
        if ".." in path.parts:
            raise ValueError("A save name cannot climb out of the saves folder (no '..').")
        path = Path(folder) if folder is not None else paths.saves_dir()
        path = path / Path(raw)
    if path.name in ("", ".", ".."):
        raise ValueError("That is a folder, not a file name.")
    if path.suffix.lower() != ".json":
        path = path.with_name(path.name + ".json")
    problem = files.path_problem(path)
    if problem is not None:
        raise ValueError(f"That name cannot be used: {problem}.")
    if path.is_dir():
        raise ValueError(f"{files.shown_path(path)} is a folder; type a file name.")
    problem = files.unreachable(path)
    if problem is not None:
        raise ValueError(f"Cannot save there: {problem}.")
    return path


def _plain(value: Any) -> Any:
    """JSON's view of a value (tuples become lists), so stored and replayed records compare equal."""
    return json.loads(json.dumps(value))


# --- reading -----------------------------------------------------------------------------------------


def read_save(path: str | os.PathLike[str]) -> SaveData:
    """Read and check a save file's structure (not yet its game: see `restore`)."""
    source = Path(path)
    try:
        raw = files.read_regular(source, MAX_SAVE_BYTES, "save file")
    except FileReadError as exc:
        hint = exc.hint
        if exc.message.startswith("no such"):
            hint = "check the path; autosaves live in " + _autosave_hint()
        raise SaveError(source, exc.message, hint) from None
    try:
        data = files.load_json(raw, source, "save file")
    except FileReadError as exc:
        line = _truncated_at(raw)
        if line is not None:
            raise SaveError(
                source,
                f"the save file is truncated (it ends early, at line {line})",
                "the file was cut off; use an earlier save or autosave",
            ) from None
        hint = exc.hint
        if exc.message.startswith("not valid JSON"):
            hint = "the file was edited or is not a save; use an earlier save or autosave"
        elif "not UTF-8" in exc.message:
            hint = "choose a .json save written by the game"
        raise SaveError(source, exc.message, hint) from None
    return parse_save(data, source)


def _truncated_at(raw: bytes) -> int | None:
    """The line where a save that was cut off ends, or None when it was not cut off (only called after
    `files.load_json` refused it, so it is never asked to parse anything deep)."""
    try:
        text = raw.decode("utf-8")
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.lineno if _looks_truncated(text, exc) else None
    except (ValueError, RecursionError):
        return None
    return None


def _damage(exc: ValidationError) -> str:
    """What is wrong, naming the action by number (as the text mode and replay count them) or the field."""
    errors = exc.errors()
    loc = tuple(errors[0]["loc"])
    if len(loc) >= 2 and loc[0] == "actions" and isinstance(loc[1], int):
        mine = [e for e in errors if tuple(e["loc"])[:2] == loc[:2]]
        tagged = len(loc) >= 3 and isinstance(loc[2], str) and loc[2] in _ACTION_VERBS
        what = files.validation_message(mine, strip=3 if tagged else 2)
        return f"action {loc[1] + 1} is damaged: {what}"
    return "the save is damaged: " + files.validation_message(exc)


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
        raise SaveError(path, _damage(exc), EDITED) from None
    actions: list[Action] = []
    for index, entry in enumerate(model.actions, start=1):
        try:
            action = action_from_dict(entry.model_dump())
        except InvalidActionError as exc:
            raise SaveError(path, f"action {index} is damaged: {textrules.visible(str(exc))[:300]}", EDITED) from None
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
        classroom=Classroom(**model.classroom.model_dump()) if model.classroom is not None else Classroom(),
    )


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
    return _find_scenario(save, candidates)[0]


def _find_scenario(save: SaveData, candidates: Iterable[str | os.PathLike[str]] = ()) -> tuple[Path, bytes]:
    """`find_scenario_file`, with the bytes that were hashed (so the scenario is read only once)."""
    seen: list[Path] = []
    for n, candidate in enumerate((save.scenario_path, *candidates)):
        if candidate is None:
            continue
        path = Path(candidate)
        if path in seen:
            continue
        try:
            data = files.read_regular(path, SCENARIO_MAX_BYTES, "scenario file")
        except FileReadError as exc:
            if n == 0 and not exc.message.startswith("no such"):
                # the recorded path is there but is not a scenario file (a device, a FIFO, a folder)
                raise SaveError(
                    save.path, f"its scenario path {exc.path} cannot be used: {exc.message}", "pass --scenario PATH"
                ) from None
            continue
        seen.append(path)
        if hashlib.sha256(data).hexdigest() == save.scenario_hash:
            return path, data
    if seen:
        raise SaveError(
            save.path,
            f"the scenario '{save.scenario_id}' has changed since this game was saved ({seen[0]} differs)",
            "a save replays only on the exact scenario file it was played on",
        )
    raise SaveError(
        save.path,
        f"cannot find the scenario file '{files.shown_path(save.scenario_path or '')}' this game was played on",
        "pass it with --scenario PATH",
    )


# --- autosaves ---------------------------------------------------------------------------------------

_AUTOSAVE = re.compile(r"^(?P<scenario>[a-z0-9_-]+)-(?P<counter>\d{6,})\.json$")


def _autosave_hint() -> str:
    """The autosave folder's name, without creating it (this runs while reporting another problem)."""
    try:
        return files.shown_path(paths.autosaves_path())
    except Exception:  # the data folder's name itself is unusable
        return "the autosaves folder"


def _autosaves(folder: Path) -> list[tuple[int, Path]]:
    found = []
    for entry in folder.iterdir():
        match = _AUTOSAVE.match(entry.name)
        if match and entry.is_file():
            found.append((int(match.group("counter")), entry))
    return sorted(found)


def autosave(
    state: GameState,
    scenario_hash: str,
    scenario_path: str | os.PathLike[str] | None,
    classroom: Classroom | None = None,
) -> Path:
    """Save into the autosave folder under the next counter, keeping only the newest `AUTOSAVES_KEPT` files."""
    folder = paths.autosaves_dir()
    existing = _autosaves(folder)
    counter = existing[-1][0] + 1 if existing else 1
    target = folder / f"{state.scenario.metadata.id}-{counter:06d}.json"
    write_save(target, state, scenario_hash, scenario_path, classroom)
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
        try:
            data = files.read_regular(source, MAX_SAVE_BYTES, "save file")
        except FileReadError as exc:
            raise files.FileWriteError(target, f"cannot copy {exc.path}: {exc.message}") from None
        files.atomic_write(target, data)
    return target


def latest_autosave() -> Path | None:
    """The newest autosave, or None if there is none."""
    found = _autosaves(paths.autosaves_dir())
    return found[-1][1] if found else None


def latest_unfinished_autosave() -> Path | None:
    """The newest autosave of a game still in progress (what Continue resumes), or None. A finished game's
    autosave is skipped (it lives on in the library); one that cannot be read counts as in progress, so the
    player is told what is wrong with it rather than silently handed an older game."""
    for _, path in reversed(_autosaves(paths.autosaves_dir())):
        try:
            if read_save(path).outcome is None:
                return path
        except SaveError:
            return path
    return None


# --- the library of finished games -------------------------------------------------------------------


def keep_finished(
    state: GameState,
    scenario_hash: str,
    scenario_path: str | os.PathLike[str] | None,
    stamp: str = "",
    classroom: Classroom | None = None,
) -> Path | None:
    """Keep a finished game in the library folder, apart from the autosave rotation; None if it is not over.

    One file per game: the name ends in the final state's hash, so keeping the same game again returns the
    file already there. `stamp` (e.g. `20261202-1740`, from the caller's clock; the engine reads none) goes
    into the name so a folder listing sorts and reads by date."""
    if not state.is_over():
        return None
    folder = paths.library_dir()
    tag = state.state_hash()[:12]
    for existing in folder.glob(f"*-{tag}.json"):
        if existing.is_file():
            return existing
    parts = [state.scenario.metadata.id, _UNSAFE_NAME.sub("_", stamp) if stamp else "", tag]
    target = folder / ("-".join(p for p in parts if p) + ".json")
    return write_save(target, state, scenario_hash, scenario_path, classroom)


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


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
    from negotiator.scenario import ScenarioError, load_scenario_text

    save = read_save(save_path)
    if scenario_path is not None:
        path = Path(scenario_path)
        try:
            data = files.read_regular(path, SCENARIO_MAX_BYTES, "scenario file")
        except FileReadError as exc:
            raise SaveError(save.path, f"the scenario {exc.path}: {exc.message}", "check the --scenario path") from None
    else:
        path, data = _find_scenario(save, candidates)
    try:
        scenario = load_scenario_text(data, str(path))
    except ScenarioError as exc:
        first = f"; first: {exc.errors[0]}" if exc.errors else ""
        raise SaveError(
            save.path,
            f"its scenario {files.shown_path(path)} does not load ({len(exc.problems)} problem(s){first})",
            "run validate on it",
        ) from None
    scenario_hash = hashlib.sha256(data).hexdigest()
    return LoadedGame(save, scenario, path, scenario_hash, restore(save, scenario, scenario_hash))
