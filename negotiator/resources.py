"""The game's built-in files: scenarios, themes, fonts, sounds, and the scenario format's JSON Schema.

They ship inside the package as `negotiator/data/<kind>/`: the build maps the source tree's top-level
`scenarios/` and `assets/<kind>/` folders (and the schema from `docs/`) there (`[tool.setuptools.package-dir]`
in pyproject.toml), and they are read through `importlib.resources`, so the same code works from a wheel, a zip
and a frozen (PyInstaller) build. A source tree has no `negotiator/data/`, and this module never guesses where one is:

1. folders handed over with `use_source_tree(root)` come first (the checkout's own launchers, `main.py` and the
   tests, do that, so a checkout always plays its own files);
2. then the package's own data (a wheel, a zip, a frozen build);
3. then, for an editable install, the project folder the installer recorded (PEP 610 `direct_url.json`), read
   through that project's pyproject.toml mapping.

Library code: nothing here prints; a missing kind raises `ResourceError` with a one-line message.
"""

from __future__ import annotations

import atexit
import importlib.metadata
import importlib.resources
import json
import shutil
import tempfile
import tomllib
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

PACKAGE = "negotiator"
DATA_PACKAGE = "negotiator.data"
KINDS = ("scenarios", "themes", "fonts", "sounds", "schema")
DEFAULT_SCENARIO = "istanbul_talks.yaml"


class ResourceError(Exception):
    """A built-in file or folder cannot be found; `str()` is one line for the user."""


@dataclass(frozen=True)
class Origin:
    """Where a kind of built-in file is read from: `how` is 'source tree', 'package' or 'editable install'."""

    kind: str
    how: str
    folder: Path


_registered: dict[str, Path] = {}
_extracted: dict[str, Path] = {}
_editable: dict[str, Path] | None = None


def source_folders(root: str | Path) -> dict[str, Path]:
    """The data folders a project's pyproject.toml maps into `negotiator.data` (the ones that exist)."""
    root = Path(root)
    try:
        with open(root / "pyproject.toml", "rb") as file:
            config = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    mapping = config.get("tool", {}).get("setuptools", {}).get("package-dir", {})
    folders = {}
    for package, relative in mapping.items() if isinstance(mapping, dict) else ():
        prefix, _, kind = str(package).rpartition(".")
        if prefix == DATA_PACKAGE and kind in KINDS and isinstance(relative, str) and (root / relative).is_dir():
            folders[kind] = root / relative
    return folders


def use_source_tree(root: str | Path) -> bool:
    """Read built-in files from this source tree's folders from now on; False when `root` maps none."""
    folders = source_folders(root)
    _registered.update(folders)
    return bool(folders)


def reset() -> None:
    """Forget registered source trees (tests)."""
    global _editable
    _registered.clear()
    _editable = None


def _package_folder(kind: str) -> Traversable | None:
    try:
        folder = importlib.resources.files(PACKAGE).joinpath("data", kind)
    except (ModuleNotFoundError, OSError, ValueError):
        return None
    try:
        return folder if folder.is_dir() else None
    except OSError:
        return None


def _on_disk(kind: str, folder: Traversable) -> Path:
    """A real folder with the files of `folder`: itself when it is one, else a copy (a zip) kept until exit."""
    if isinstance(folder, Path):
        return folder
    if kind not in _extracted:
        target = Path(tempfile.mkdtemp(prefix=f"negotiator-{kind}-"))
        atexit.register(shutil.rmtree, target, True)
        _copy_tree(folder, target)
        _extracted[kind] = target
    return _extracted[kind]


def _copy_tree(source: Traversable, target: Path) -> None:
    for item in source.iterdir():
        if item.is_dir():
            (target / item.name).mkdir(exist_ok=True)
            _copy_tree(item, target / item.name)
        else:
            (target / item.name).write_bytes(item.read_bytes())


def editable_project() -> Path | None:
    """The project folder of an editable install of this distribution, from its PEP 610 record; else None."""
    try:
        text = importlib.metadata.distribution(PACKAGE).read_text("direct_url.json")
    except (importlib.metadata.PackageNotFoundError, OSError):
        return None
    try:
        record = json.loads(text or "null")
    except ValueError:
        return None
    if not isinstance(record, dict) or not (record.get("dir_info") or {}).get("editable"):
        return None
    url = urlparse(str(record.get("url", "")))
    if url.scheme != "file":
        return None
    return Path(url2pathname(unquote(url.path)))


def _editable_folders() -> dict[str, Path]:
    global _editable
    if _editable is None:
        project = editable_project()
        _editable = source_folders(project) if project else {}
    return _editable


def origin(kind: str) -> Origin:
    """Where the built-in `kind` files come from. Raises ResourceError when they are nowhere."""
    if kind not in KINDS:
        raise ResourceError(f"unknown kind of built-in file '{kind}' (known: {', '.join(KINDS)})")
    if kind in _registered:
        return Origin(kind, "source tree", _registered[kind])
    packaged = _package_folder(kind)
    if packaged is not None:
        return Origin(kind, "package", _on_disk(kind, packaged))
    if kind in _editable_folders():
        return Origin(kind, "editable install", _editable_folders()[kind])
    raise ResourceError(
        f"the built-in {kind} are missing from this installation of negotiator; reinstall it "
        "(pip install --force-reinstall negotiator), or run `python main.py` from a source checkout"
    )


def folder(kind: str) -> Path:
    """A folder on disk holding the built-in `kind` files. Raises ResourceError."""
    return origin(kind).folder


def file(kind: str, name: str) -> Path:
    """One built-in file, such as file('themes', 'default.json'). Raises ResourceError when it is missing."""
    path = folder(kind) / name
    if not path.is_file():
        raise ResourceError(f"the built-in file {kind}/{name} is missing from this installation ({path})")
    return path


def files(kind: str, pattern: str = "*") -> list[Path]:
    """The built-in `kind` files matching `pattern`, sorted by name. Raises ResourceError."""
    return sorted(p for p in folder(kind).glob(pattern) if p.is_file())


def builtin_scenarios() -> list[Path]:
    """The shipped scenario files, sorted by name; empty when they are missing (callers say so)."""
    try:
        return files("scenarios", "*.yaml")
    except ResourceError:
        return []


def default_scenario() -> Path:
    """The scenario commands use without --scenario. Raises ResourceError when it is missing."""
    return file("scenarios", DEFAULT_SCENARIO)
