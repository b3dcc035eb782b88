"""Check this installation, for a bug report or a school's IT department: the Python, pygame-ce and pygame_gui
versions, the display and audio drivers SDL chose, where saves, settings and logs live, where the built-in files
come from, and whether the built-in scenarios load.

Exit 0 when everything the game needs works; a missing display or sound card is reported as a warning (the
terminal game and the other commands still work). Exit 1 when something is broken, with one line saying what.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import json
import os
import platform
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from negotiator import __version__, paths, resources
from negotiator.words import count

EXIT_OK = 0
EXIT_PROBLEM = 1
MIN_PYTHON = (3, 11)
HEADLESS_DRIVERS = {"dummy", "offscreen", "disk"}
NO_WINDOW = "the game window cannot open here; the terminal game and the other commands work (`text`)"

Status = Literal["ok", "warning", "problem"]


@dataclass(frozen=True)
class Check:
    """One line of the report: what was checked, what was found, and (when not ok) what to do about it."""

    name: str
    value: str
    status: Status = "ok"
    hint: str = ""
    data: dict[str, Any] = field(default_factory=dict)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the results as one JSON document")


def run(args: argparse.Namespace) -> int:
    checks = gather()
    problems = [c for c in checks if c.status == "problem"]
    if args.json:
        document = {
            "version": __version__,
            "ok": not problems,
            "checks": [asdict(c) for c in checks],
            "builtin_scenarios": [c.data["path"] for c in checks if c.name == "scenario" and "path" in c.data],
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print(render(checks))
    return EXIT_PROBLEM if problems else EXIT_OK


def render(checks: list[Check]) -> str:
    width = max(len(c.name) for c in checks) + 2
    lines = []
    for check in checks:
        mark = {"ok": "", "warning": "  [warning]", "problem": "  [PROBLEM]"}[check.status]
        lines.append(f"{check.name:<{width}}{check.value}{mark}")
        if check.hint and check.status != "ok":
            lines.append(f"{'':<{width}}-> {check.hint}")
    problems = [c for c in checks if c.status == "problem"]
    warnings = [c for c in checks if c.status == "warning"]
    if problems:
        lines.append(f"doctor: {count(len(problems), 'problem')} found ({', '.join(c.name for c in problems)})")
    elif warnings:
        lines.append(f"doctor: the game can run; {count(len(warnings), 'warning')} above")
    else:
        lines.append("doctor: everything the game needs works")
    return "\n".join(lines)


# --- the checks (each returns its lines and never raises) ----------------------------------------------------


PROBES = ("negotiator", "python", "pygame", "pygame_gui", "display", "audio", "builtin_files", "scenarios", "user")


def gather() -> list[Check]:
    """Every check, in report order; a probe that fails unexpectedly becomes a 'problem' line."""
    checks: list[Check] = []
    module = sys.modules[__name__]
    for name in PROBES:
        try:
            checks.extend(getattr(module, f"_{name}")())
        except Exception as exc:  # the doctor reports broken installs; it must not become one more traceback
            checks.append(Check(name.replace("_", " "), f"check failed ({type(exc).__name__}: {exc})", "problem"))
    return checks


def _negotiator() -> list[Check]:
    build = "desktop build" if getattr(sys, "frozen", False) else _install_kind()
    return [Check("negotiator", f"{__version__} ({build})")]


def _install_kind() -> str:
    try:
        how = resources.origin("scenarios").how
    except resources.ResourceError:
        return "built-in files missing"
    return {"package": "installed package", "source tree": "source checkout"}.get(how, how)


def _python() -> list[Check]:
    where = "bundled in the desktop build" if getattr(sys, "frozen", False) else sys.executable or "unknown"
    version = f"{platform.python_version()} ({platform.python_implementation()}, {where})"
    checks = [Check("python", version), Check("platform", platform.platform())]
    if sys.version_info < MIN_PYTHON:
        checks[0] = Check("python", version, "problem", "Negotiator needs Python 3.11 or newer")
    return checks


def _distribution_version(*names: str) -> str | None:
    for name in names:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            return importlib.metadata.version(name)
    return None


def _pygame() -> list[Check]:
    from negotiator.ui.compat import WRONG_PYGAME_MESSAGE, StartupError, require_pygame_ce

    try:
        require_pygame_ce()
    except StartupError:
        return [Check("pygame-ce", "missing or not pygame-ce", "problem", WRONG_PYGAME_MESSAGE)]
    import pygame

    version = _distribution_version("pygame-ce") or pygame.version.ver
    sdl = ".".join(str(n) for n in pygame.get_sdl_version())
    return [Check("pygame-ce", f"{version} (SDL {sdl})")]


def _pygame_gui() -> list[Check]:
    try:
        import pygame_gui  # noqa: F401
    except Exception as exc:
        return [Check("pygame_gui", f"cannot be imported ({exc})", "problem", "pip install pygame-gui==0.6.14")]
    return [Check("pygame_gui", _distribution_version("pygame_gui", "pygame-gui") or "installed (version unknown)")]


def _have_pygame_ce() -> bool:
    """pygame-ce was imported by the pygame check (plain pygame, or none, leaves SDL unprobed)."""
    return bool(getattr(sys.modules.get("pygame"), "IS_CE", False))


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """SDL and ALSA print to the C stderr while they probe devices; the report should say it in one line."""
    if _have_pygame_ce():
        from negotiator.ui.sound import quiet_stderr

        with quiet_stderr():
            yield
    else:
        yield


def _display() -> list[Check]:
    from negotiator.ui.compat import display_problem

    if not _have_pygame_ce():
        return [Check("display", "not checked (pygame-ce is missing)", "warning")]
    if display_problem():
        return [Check("display", "none (no DISPLAY or WAYLAND_DISPLAY set)", "warning", NO_WINDOW)]
    import pygame

    return [_sdl_driver("display", pygame.display, NO_WINDOW)]


def _audio() -> list[Check]:
    if not _have_pygame_ce():
        return [Check("audio", "not checked (pygame-ce is missing)", "warning")]
    import pygame

    from negotiator.ui.sound import MIXER

    return [_sdl_driver("audio", pygame.mixer, "the game plays without sound", lambda: pygame.mixer.init(**MIXER))]


def _sdl_driver(name: str, module: Any, consequence: str, init: Callable[[], object] | None = None) -> Check:
    """Which driver SDL picks for `module` (pygame.display or pygame.mixer); shuts it again if we started it."""
    import pygame

    started = not module.get_init()
    try:
        if started:
            with _quiet():
                (init or module.init)()
        driver = module.get_driver()
    except (pygame.error, NotImplementedError) as exc:
        return Check(name, f"none ({exc})", "warning", consequence)
    finally:
        if started and module.get_init():
            module.quit()
    variable = "SDL_VIDEODRIVER" if name == "display" else "SDL_AUDIODRIVER"
    if os.environ.get(variable):
        return Check(name, f"{driver} (set by {variable})")
    if driver in HEADLESS_DRIVERS:  # SDL found no real device and fell back to one that shows or plays nothing
        return Check(name, f"{driver} (no usable {name} device found)", "warning", consequence)
    return Check(name, driver)


def _builtin_files() -> list[Check]:
    origins, missing = [], []
    for kind in resources.KINDS:
        try:
            origins.append(resources.origin(kind))
        except resources.ResourceError as exc:
            missing.append(Check(f"built-in {kind}", "missing", "problem", str(exc)))
    checks = []
    hows = {o.how for o in origins}
    parents = {o.folder.parent for o in origins}
    if origins and len(hows) == 1 and len(parents) == 1:
        checks.append(Check("built-in files", f"{origins[0].how}: {parents.pop()}"))
    else:
        checks += [Check(f"built-in {o.kind}", f"{o.how}: {o.folder}") for o in origins]
    return checks + missing


def _scenarios() -> list[Check]:
    from negotiator.scenario import ScenarioError, load_scenario

    found = resources.builtin_scenarios()
    if not found:
        return [Check("scenario", "no built-in scenarios found", "problem", "reinstall negotiator")]
    checks = []
    for path in found:
        data = {"path": str(path)}
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            first = exc.problems[0] if exc.problems else exc
            checks.append(Check("scenario", f"{path.name}: does not load", "problem", str(first), data))
        except OSError as exc:
            reason = f"{path.name}: cannot be read ({exc.strerror or exc})"
            checks.append(Check("scenario", reason, "problem", "", data))
        else:
            title = scenario.metadata.title
            size = f"{count(len(scenario.actors), 'actor')}, {count(len(scenario.issues), 'issue')}"
            checks.append(Check("scenario", f"{path.name}: loads ({title}; {size})", data=data))
    return checks


def _user() -> list[Check]:
    override = " (set by NEGOTIATOR_DATA_DIR)" if os.environ.get("NEGOTIATOR_DATA_DIR") else ""
    try:
        base = paths.user_data_dir()
        with tempfile.TemporaryFile(dir=base):
            pass
    except OSError as exc:
        folder = os.environ.get("NEGOTIATOR_DATA_DIR") or "the user data folder"
        hint = "set NEGOTIATOR_DATA_DIR to a folder this user can write to"
        return [Check("data folder", f"{folder}: cannot write ({exc.strerror or exc})", "problem", hint)]
    settings = paths.settings_path()
    user_scenarios = paths.user_scenarios_dir()
    files_found = sum(1 for p in user_scenarios.glob("*.yaml") if p.is_file())
    return [
        Check("data folder", f"{base}{override}"),
        Check("saves", str(paths.saves_dir())),
        Check("autosaves", str(paths.autosaves_dir())),
        Check("settings", f"{settings}" + ("" if settings.is_file() else " (not written yet)")),
        Check("your scenarios", f"{user_scenarios} ({count(files_found, 'file')})"),
        Check("log file", str(paths.log_file())),
    ]
