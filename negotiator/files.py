"""Every file the game reads or writes goes through here: one reader, one JSON loader, one writer.

Files come from players, teachers and other programs, and the folders they live in can be full, read-only
or booby-trapped. So:

- `read_regular(path, limit)` reads only regular files (never a FIFO, which would wait forever, a device
  such as /dev/zero, which never ends, a socket or a folder) and never more than `limit` bytes, checked
  before and while reading. Symbolic links are followed: reading through one harms nothing.
- `load_json(data, path)` parses JSON with the dangerous parts guarded: nesting depth (100,000 brackets
  would exhaust the interpreter's stack), integers with thousands of digits, NaN and infinities, and
  duplicate keys, each refused with a line and column. `validate(model, data, path)` checks the decoded
  document against a pydantic model and names the field at fault.
- `atomic_write(path, data)` writes a temporary file in the target's folder, fsyncs it and renames it over
  the target, so a crash or a full disk leaves the old file or the new one, never half of one. It refuses
  to write through a symbolic link (or onto a folder, FIFO or device) at the target, and removes the
  temporary files of writes that were killed.

Errors carry their context and say what to do: `FileReadError(path, message, hint)` and
`FileWriteError(path, message)` (an `OSError`, so existing `except OSError` handlers keep working).
Library code raises them; only commands and the UI print them. Pure: no pygame, no engine.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import itertools
import json
import math
import os
import re
import secrets
import stat
import time
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

MAX_JSON_DEPTH = 64
MAX_INT_DIGITS = 20  # 64-bit integers have at most 20 digits; a save or setting never needs more
NAME_MAX_BYTES = 255  # the usual limit for one file or folder name
PATH_MAX_CHARS = 4096

Model = TypeVar("Model", bound=BaseModel)


class FileReadError(Exception):
    """A file that cannot be used: `path`, what is wrong (`message`) and what to do about it (`hint`)."""

    def __init__(self, path: str | os.PathLike[str], message: str, hint: str = ""):
        self.path = shown_path(path)  # for people: a NUL or escape in a file name is shown escaped
        self.message = message
        self.hint = hint
        super().__init__(f"{self.path}: {message}" + (f" ({hint})" if hint else ""))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.message, self.hint))


class FileWriteError(OSError):
    """A file that could not be written. `str()` is one line: the path and what went wrong."""

    def __init__(self, path: str | os.PathLike[str], message: str, code: int = 0):
        super().__init__(code or errno.EIO, message)
        self.path = shown_path(path)
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.message, self.errno))


# --- names -------------------------------------------------------------------------------------------


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as text for people, on one line: control and invisible characters escaped, so printing it is
    safe and a message that names it stays one line."""
    from negotiator.scenario.textrules import one_line

    text = os.fspath(path)
    return one_line(text if isinstance(text, str) else os.fsdecode(text))


def path_problem(path: str | os.PathLike[str]) -> str | None:
    """Why `path` cannot name a file on any ordinary file system (NUL, too long), or None."""
    text = os.fspath(path)
    if "\x00" in text:
        return "the name holds a NUL character"
    if len(text) > PATH_MAX_CHARS:
        return f"the path is {len(text):,} characters long; at most {PATH_MAX_CHARS:,} work"
    for part in Path(text).parts:
        if len(part.encode("utf-8", "surrogateescape")) > NAME_MAX_BYTES:
            return (
                f"the name '{part[:24]}...' is too long ({len(part)} characters); at most {NAME_MAX_BYTES} bytes work"
            )
    return None


def user_path(text: str | os.PathLike[str]) -> Path:
    """A path as a person typed it (a command-line argument, a path field in the window): spaces and one pair
    of quotes around it dropped, `~` and `~name` expanded. Raises ValueError with a sentence saying why not."""
    raw = os.fspath(text).strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        raw = raw[1:-1].strip()
    if not raw:
        raise ValueError("no path was given")
    problem = path_problem(raw)
    if problem is not None:
        raise ValueError(f"that path cannot be used: {problem}")
    return expand_home(raw)


def expand_home(text: str) -> Path:
    """`text` as a Path with a leading `~` or `~name` expanded; ValueError when that names no home folder."""
    try:
        return Path(text).expanduser()
    except RuntimeError:  # ~name of nobody on this computer, or no home folder at all
        raise ValueError(f"'{Path(text).parts[0]}' names no home folder on this computer") from None


def unreachable(path: str | os.PathLike[str]) -> str | None:
    """Why a file cannot be written at `path` (its nearest existing folder is a file, or not writable), or None.
    Missing folders on the way are fine: writing creates them."""
    target = Path(path).absolute()
    if target.is_dir():
        return f"{shown_path(target)} is a folder; name a file in it"
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        return f"{shown_path(folder)} is a file, not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"{shown_path(folder)} is not writable (permission denied)"
    return None


# --- reading -----------------------------------------------------------------------------------------


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _read_failure(path: str, exc: OSError | ValueError, what: str) -> FileReadError:
    if isinstance(exc, ValueError):  # an embedded NUL, refused by the OS layer
        return FileReadError(path, f"cannot open the {what}: the name holds a NUL character")
    if isinstance(exc, FileNotFoundError):
        return FileReadError(path, f"no such {what}", "check the path")
    if isinstance(exc, IsADirectoryError):
        return FileReadError(path, f"this is a folder, not a {what}")
    if isinstance(exc, PermissionError):
        return FileReadError(path, f"cannot read the {what}: permission denied")
    if exc.errno == errno.ENAMETOOLONG:
        return FileReadError(path, f"cannot open the {what}: the name is too long")
    if exc.errno == errno.ENOTDIR:
        return FileReadError(path, f"no such {what} (a part of the path is a file, not a folder)", "check the path")
    if exc.errno == errno.ELOOP:
        return FileReadError(path, f"cannot open the {what}: too many symbolic links")
    return FileReadError(path, f"cannot read the {what}: {exc.strerror or exc}")


def read_regular(path: str | os.PathLike[str], limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; `FileReadError` for anything else."""
    name = os.fspath(path)
    problem = path_problem(name)
    if problem is not None:
        raise FileReadError(name, f"cannot open the {what}: {problem}")
    try:
        info = os.stat(name)  # stat never blocks, even on a FIFO
    except (OSError, ValueError) as exc:
        raise _read_failure(name, exc, what) from None
    if not stat.S_ISREG(info.st_mode):
        raise FileReadError(name, f"this is {_kind(info.st_mode)}, not a {what}", f"choose a {what} written to disk")
    if info.st_size > limit:
        raise FileReadError(name, f"the {what} is {info.st_size:,} bytes; at most {limit:,} are read")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(name, flags)
    except (OSError, ValueError) as exc:
        raise _read_failure(name, exc, what) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):  # swapped between the two looks
            raise FileReadError(name, f"this is {_kind(opened.st_mode)}, not a {what}")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise _read_failure(name, exc, what) from None
    finally:
        os.close(fd)
    if size > limit:
        raise FileReadError(name, f"the {what} is more than {limit:,} bytes; at most {limit:,} are read")
    return b"".join(chunks)


# --- JSON --------------------------------------------------------------------------------------------

# Strings (so brackets and digits inside them are skipped), brackets, and runs of digits too long for an int.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|\d{' + str(MAX_INT_DIGITS + 1) + ",}", re.DOTALL)
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_LONG_DIGITS = re.compile(r"\d{" + str(MAX_INT_DIGITS + 1) + ",}")
_DELTA = {"[": 1, "{": 1, "]": -1, "}": -1}
_HUGE_EXPONENT = re.compile(r"\d(?:\.\d*)?[eE][+-]?\d{3,}")


class _JSONRefusal(ValueError):
    """Raised from inside json's hooks; turned into a located FileReadError."""


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _scan(text: str, path: str, what: str) -> None:
    """Refuse nesting deeper than MAX_JSON_DEPTH and integers longer than MAX_INT_DIGITS, with their place.

    The quick look (regexes and `accumulate`, all in C) finds whether there is a problem; only then is the
    text walked token by token to say where."""
    skeleton = _STRINGS.sub('""', text)
    brackets = _NOT_BRACKETS.sub("", skeleton)
    deepest = max(itertools.accumulate(map(_DELTA.__getitem__, brackets)), default=0)
    if deepest <= MAX_JSON_DEPTH and not _LONG_DIGITS.search(skeleton):
        return
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                line, column = _position(text, match.start())
                raise FileReadError(
                    path,
                    f"the {what} nests deeper than {MAX_JSON_DEPTH} levels (line {line}, column {column})",
                    "the file was damaged or edited",
                )
        elif token in ("]", "}"):
            depth -= 1
        elif token[0] != '"':
            line, column = _position(text, match.start())
            raise FileReadError(
                path,
                f"a number with {len(token):,} digits at line {line}, column {column}; "
                f"numbers here have at most {MAX_INT_DIGITS}",
                "the file was damaged or edited",
            )
    raise FileReadError(path, f"the {what} nests too deeply", "the file was damaged or edited")


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:  # _scan catches these first; this is the backstop
        raise _JSONRefusal(f"a number with {len(text):,} digits")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _JSONRefusal(f"the number {text[:24]} is too large")
    return value


def _parse_constant(text: str) -> Any:
    raise _JSONRefusal(f"{text} is not a number JSON allows")


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _JSONRefusal(f"the key '{key[:40]}' appears twice in one object")
        result[key] = value
    return result


def load_json(data: bytes | str, path: str | os.PathLike[str], what: str = "file") -> Any:
    """Decode UTF-8 JSON with depth, number and key guards; `FileReadError` (with line and column) if bad."""
    name = os.fspath(path)
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FileReadError(
                name, f"not a {what} (not UTF-8 text: byte {exc.start:,} is 0x{data[exc.start]:02x})"
            ) from None
    else:
        text = data
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise FileReadError(name, f"the {what} is empty", "it was probably cut off while being written")
    _scan(text, name, what)
    try:
        return json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
            object_pairs_hook=_pairs,
        )
    except json.JSONDecodeError as exc:
        raise FileReadError(
            name,
            f"not valid JSON ({exc.msg}; line {exc.lineno}, column {exc.colno})",
            "the file was damaged or edited",
        ) from None
    except _JSONRefusal as exc:
        where = ""
        match = _HUGE_EXPONENT.search(text) if "too large" in str(exc) else None
        if match:
            line, column = _position(text, match.start())
            where = f" (line {line}, column {column})"
        raise FileReadError(name, f"{exc}{where}", "the file was damaged or edited") from None
    except RecursionError:  # pragma: no cover - _scan bounds the depth far below the interpreter's limit
        raise FileReadError(name, f"the {what} nests too deeply", "the file was damaged or edited") from None


def format_location(loc: tuple[Any, ...]) -> str:
    """`("actions", 3, "text")` -> `actions[3].text` (as scenario problems name fields), or "the document"."""
    from negotiator.scenario.yaml_source import format_path

    return format_path(loc) or "the document"


def describe_value(value: Any) -> str:
    """What was found, in words, short and safe to print."""
    from negotiator.scenario.textrules import one_line

    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{one_line(shown)}'" if value else "an empty text"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def validation_message(exc: ValidationError | list[Any], limit: int = 3, strip: int = 0) -> str:
    """A pydantic error as `field: problem; found X` sentences, at most `limit` of them; `strip` drops that
    many leading parts of each location (the caller has already said where)."""
    from negotiator.scenario.textrules import one_line

    errors = exc.errors() if isinstance(exc, ValidationError) else exc
    parts = []
    for error in errors[:limit]:
        where = one_line(format_location(tuple(error["loc"])[strip:]))
        message = str(error["msg"])
        message = message[0].lower() + message[1:] if message else "is not valid"
        quiet = error["type"] in ("missing", "extra_forbidden")
        message = one_line(message[:300])  # pydantic quotes what it found (a tag, a key): never raw
        if error["type"] == "string_pattern_mismatch":
            message, quiet = _pattern_message(error)
        found = "" if quiet else f"; found {describe_value(error['input'])}"
        parts.append(f"{where}: {message}{found}")
    more = len(errors) - len(parts)
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def _pattern_message(error: Any) -> tuple[str, bool]:
    """The message for a text that does not match its pattern, and whether it already says what was found."""
    from negotiator.scenario import textrules

    pattern = (error.get("ctx") or {}).get("pattern")
    value = error.get("input")
    if pattern in (textrules.TEXT_PATTERN, textrules.LINE_PATTERN) and isinstance(value, str):
        said = textrules.problem(value, line=pattern == textrules.LINE_PATTERN)
        if said:
            return said, True
    return "is not in the expected form", False


def validate(model: type[Model], data: Any, path: str | os.PathLike[str], what: str = "file") -> Model:
    """`model.model_validate(data)`, or `FileReadError` naming the fields at fault."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise FileReadError(
            os.fspath(path), f"the {what} is damaged: {validation_message(exc)}", "the file was damaged or edited"
        ) from None


def read_json(path: str | os.PathLike[str], model: type[Model], limit: int, what: str = "file") -> tuple[Model, bytes]:
    """Read, parse and validate a JSON file in one step; the model and the bytes it came from."""
    data = read_regular(path, limit, what)
    return validate(model, load_json(data, path, what), path, what), data


# --- writing -----------------------------------------------------------------------------------------

_TEMP = re.compile(r"^\.(?P<stem>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp$")
_LEGACY_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")  # tempfile.mkstemp names from earlier versions
LEFTOVER_AGE = 3600.0  # a temporary file this old belongs to no running write


def _write_failure(path: str, exc: OSError | ValueError) -> FileWriteError:
    if isinstance(exc, FileWriteError):
        return exc
    if isinstance(exc, ValueError):
        return FileWriteError(path, "cannot write: the name holds a NUL character", errno.EINVAL)
    code = exc.errno or 0
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied (the folder is not writable)",
        errno.EPERM: "permission denied (the folder is not writable)",
        errno.EROFS: "the disk is read-only",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.ENAMETOOLONG: "the name is too long",
        errno.EISDIR: "it is a folder",
        errno.ELOOP: "too many symbolic links in the path",
        errno.EEXIST: "a file with that name is in the way of a folder",
        errno.EFBIG: "the file is too large for this disk",
    }.get(code) or (exc.strerror or str(exc))
    return FileWriteError(path, f"cannot write: {reason}", code)


def _temp_stem(name: str) -> str:
    """The target's name as used in its temporary file's name (kept short enough for the file system)."""
    if len(name.encode("utf-8", "surrogateescape")) <= 160:
        return name
    return name[:40] + "~" + hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:12]


def _alive(pid: int) -> bool:
    """Whether process `pid` may still be writing. On Windows `os.kill` would terminate it, so there only
    the age of a temporary file tells."""
    if pid == os.getpid() or os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True
    return True


def clean_leftovers(folder: str | os.PathLike[str], now: float | None = None) -> int:
    """Remove temporary files of killed writes from `folder`: ours whose process is gone, and any that are
    over an hour old. Returns how many were removed; never raises."""
    removed = 0
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.endswith(".tmp") or not entry.name.startswith("."):
            continue
        match = _TEMP.match(entry.name)
        if match is None and not _LEGACY_TEMP.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            stale = now - info.st_mtime > LEFTOVER_AGE
            dead = match is not None and not _alive(int(match.group("pid")))
            if stale or dead:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def _check_target(target: Path) -> None:
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _write_failure(str(target), exc) from None
    if stat.S_ISLNK(info.st_mode):
        raise FileWriteError(
            target,
            "cannot write: it is a symbolic link, and the game does not write through links; "
            "remove the link or choose another name",
            errno.ELOOP,
        )
    if not stat.S_ISREG(info.st_mode):
        raise FileWriteError(target, f"cannot write: it is {_kind(info.st_mode)}", errno.EISDIR)


def ensure_folder(folder: str | os.PathLike[str]) -> Path:
    """`folder`, created if needed; `FileWriteError` when it cannot be (a file in the way, no permission)."""
    path = Path(folder)
    problem = path_problem(path)
    if problem is not None:
        raise FileWriteError(path, f"cannot use this folder: {problem}", errno.EINVAL)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise FileWriteError(
            path, "cannot use this folder: a file with that name is in the way", errno.EEXIST
        ) from None
    except (OSError, ValueError) as exc:
        raise _write_failure(str(path), exc) from None
    if not path.is_dir():
        raise FileWriteError(path, "cannot use this folder: it is not a folder", errno.ENOTDIR)
    return path


def atomic_write(path: str | os.PathLike[str], data: bytes | str, *, private: bool = False) -> Path:
    """Write `data` to `path` atomically and durably; text is written as UTF-8 with `\\n` line ends.

    The file gets the usual permissions for a new file (or keeps those of the file it replaces); `private`
    makes it readable by its owner only. Raises `FileWriteError` (an OSError) with a one-line reason.
    """
    target = Path(path)
    problem = path_problem(target)
    if problem is not None:
        raise FileWriteError(target, f"cannot write: {problem}", errno.EINVAL)
    if target.name in ("", ".", ".."):
        raise FileWriteError(target, "cannot write: that is a folder, not a file name", errno.EISDIR)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = ensure_folder(target.parent)
    _check_target(target)
    clean_leftovers(folder)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = 0o600 if private else 0o666  # the umask applies to a new file, as for any program's file
    tmp = folder / f".{_temp_stem(target.name)}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(tmp, flags, mode)
    except (OSError, ValueError) as exc:
        raise _write_failure(str(target), exc) from None
    try:
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        _check_target(target)  # a link planted while we wrote is refused too
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError | ValueError):
            raise _write_failure(str(target), exc) from None
        raise
    _fsync_folder(folder)
    return target


def _fsync_folder(folder: Path) -> None:
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
