"""The install smoke that CI runs after the tests: build the sdist and the wheel, install the wheel into a fresh
virtual environment outside the checkout, and play from another folder; then freeze the desktop build with
scripts/build_desktop.py, move it, and run the same smoke from the moved folder with a bare environment
(no PATH to any Python, PYTHONHOME and PYTHONPATH pointing nowhere).

    python3 scripts/smoke_install.py                  # wheel and desktop build
    python3 scripts/smoke_install.py --skip-desktop   # the wheel only
    python3 scripts/smoke_install.py --keep           # keep the work folder to look at

The smoke, run with SDL's dummy drivers: `--version`, `doctor`, `validate` on the built-in scenarios (their
paths from `doctor --json`), `simulate --games 5 --save-games`, `demo --frames 30 --screenshot`, `briefs`, and
`report` on a save simulate wrote. Every command must exit 0, print no traceback, and name no file of the checkout.
Needs only the standard library and network access to the package index. Exit 0 when everything passed.
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAMES = 5
FRAMES = 30


class SmokeError(Exception):
    pass


def version() -> str:
    tree = ast.parse((ROOT / "negotiator" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__version__" for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise SmokeError("negotiator/__init__.py has no __version__")


def expected_data_files() -> set[str]:
    """negotiator/data/<kind>/<file> for every file pyproject.toml maps into the package."""
    with open(ROOT / "pyproject.toml", "rb") as file:
        setuptools = tomllib.load(file)["tool"]["setuptools"]
    expected = set()
    for package, folder in setuptools["package-dir"].items():
        globs = setuptools["package-data"].get(package, [])
        for path in sorted((ROOT / folder).rglob("*")):  # globs may name subfolders ("translations/*.yaml")
            relative = path.relative_to(ROOT / folder).as_posix()
            if path.is_file() and any(
                fnmatch.fnmatchcase(relative, g) and relative.count("/") == g.count("/") for g in globs
            ):
                expected.add(f"{package.replace('.', '/')}/{relative}")
    return expected


def step(title: str) -> float:
    print(f"--- {title}", flush=True)
    return time.perf_counter()


def done(started: float) -> None:
    print(f"    ok ({time.perf_counter() - started:.1f} s)", flush=True)


def run(argv: Sequence[str | Path], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    """Run a command; its stdout, or SmokeError with its output when it fails or prints a traceback."""
    shown = " ".join(str(a) for a in argv)
    proc = subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    if proc.returncode != 0 or "Traceback" in proc.stderr or "Traceback" in proc.stdout:
        raise SmokeError(f"`{shown}` exited {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc.stdout


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def make_venv(venv: Path, *packages: str) -> Path:
    run([sys.executable, "-m", "venv", venv])
    python = venv_python(venv)
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *packages])
    return python


def build(work: Path) -> Path:
    started = step("build the sdist, then the wheel from it (python -m build)")
    python = make_venv(work / "build-venv", "build")
    dist = work / "dist"
    run([python, "-m", "build", "--outdir", dist, ROOT])
    wheels = sorted(dist.glob("negotiator-*.whl"))
    if len(wheels) != 1 or not list(dist.glob("negotiator-*.tar.gz")):
        raise SmokeError(f"expected one wheel and one sdist in {dist}, found {sorted(p.name for p in dist.iterdir())}")
    with zipfile.ZipFile(wheels[0]) as wheel:
        packed = {name for name in wheel.namelist() if name.startswith("negotiator/data/")}
    if packed != expected_data_files():
        missing, extra = sorted(expected_data_files() - packed), sorted(packed - expected_data_files())
        raise SmokeError(f"the wheel's built-in files differ from the source tree's: missing {missing}, extra {extra}")
    print(f"    {wheels[0].name} carries {len(packed)} built-in files")
    done(started)
    return wheels[0]


def smoke(label: str, command: list[str], folder: Path, env: dict[str, str], *, frozen: bool) -> None:
    """The same checks for the wheel and the desktop build, run from `folder` (outside the checkout)."""
    folder.mkdir(parents=True)
    env = {**env, "NEGOTIATOR_DATA_DIR": str(folder / "user-data")}

    def negotiator(*args: str | Path) -> str:
        out = run([*command, *args], cwd=folder, env=env)
        if str(ROOT) in out:
            raise SmokeError(f"`negotiator {' '.join(map(str, args))}` names the checkout {ROOT}:\n{out}")
        return out

    started = step(f"{label}: --version, doctor")
    expected = f"negotiator {version()}"
    if negotiator("--version").strip() != expected:
        raise SmokeError(f"--version printed {negotiator('--version')!r}, expected {expected!r}")
    report = json.loads(negotiator("doctor", "--json"))
    checks = {c["name"]: c["value"] for c in report["checks"]}
    if not report["ok"] or not checks.get("built-in files", "").startswith("package:"):
        raise SmokeError(f"doctor is not happy:\n{negotiator('doctor')}")
    if frozen != ("desktop build" in checks["negotiator"]) or checks.get("display", "").split()[0] != "dummy":
        raise SmokeError(f"doctor reports {checks}")
    print(negotiator("doctor"), end="")
    scenarios = report["builtin_scenarios"]
    done(started)

    started = step(f"{label}: validate the {len(scenarios)} built-in scenarios")
    out = negotiator("validate", *scenarios)
    if not scenarios or out.count(": ok (") != len(scenarios):
        raise SmokeError(f"validate did not pass every built-in scenario:\n{out}")
    done(started)

    started = step(f"{label}: simulate --games {GAMES} --save-games")
    negotiator("simulate", "--games", str(GAMES), "--save-games", "games")
    saves = sorted((folder / "games").glob("*.json"))
    if len(saves) != GAMES:
        raise SmokeError(f"simulate wrote {len(saves)} saves, expected {GAMES}")
    done(started)

    started = step(f"{label}: demo --frames {FRAMES} --screenshot")
    negotiator("demo", "--frames", str(FRAMES), "--screenshot", "demo.png")
    shot = folder / "demo.png"
    if not shot.is_file() or shot.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n" or shot.stat().st_size < 20_000:
        raise SmokeError(f"demo's screenshot {shot} is missing or blank")
    done(started)

    started = step(f"{label}: briefs, report")
    negotiator("briefs", "--out", "briefs")
    if not (folder / "briefs" / "index.html").is_file():
        raise SmokeError("briefs wrote no index.html")
    negotiator("report", saves[0], "--out", "report.html")
    if "<html" not in (folder / "report.html").read_text(encoding="utf-8").lower():
        raise SmokeError("report wrote no HTML")
    done(started)


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    return {**env, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}


def wheel_smoke(work: Path, wheel: Path) -> None:
    started = step(f"install {wheel.name} into a fresh virtual environment")
    python = make_venv(work / "wheel-venv", str(wheel))
    done(started)
    scripts = python.parent
    smoke("wheel", [str(scripts / "negotiator")], work / "play-wheel", clean_env(), frozen=False)


def desktop_smoke(work: Path, wheel: Path) -> None:
    started = step("install the wheel with its [desktop] extra (PyInstaller) into another fresh venv")
    python = make_venv(work / "desktop-venv", f"negotiator[desktop] @ {wheel.as_uri()}")
    done(started)
    started = step("freeze it with scripts/build_desktop.py")
    print(run([python, ROOT / "scripts" / "build_desktop.py", "--dist", work / "desktop"], cwd=work).strip())
    moved = work / "moved" / "Negotiator"  # the folder must work wherever it is copied to
    moved.parent.mkdir()
    shutil.move(work / "desktop" / "negotiator", moved)
    left_in = [p.name for p in moved.rglob("*") if p.name.startswith(("NotoSansJP", "NotoSansSC", "NotoSansKR"))]
    if left_in:
        raise SmokeError(f"the desktop build still carries pygame_gui's unused fonts: {left_in}")
    done(started)
    bare = {
        "PATH": "/usr/bin:/bin" if os.name != "nt" else os.environ.get("SYSTEMROOT", "C:\\Windows"),
        "HOME": str(work / "home"),
        "PYTHONHOME": str(work / "no-python-here"),
        "PYTHONPATH": str(work / "no-python-here"),
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
    }
    executable = moved / ("negotiator.exe" if os.name == "nt" else "negotiator")
    smoke("desktop build", [str(executable)], work / "play-desktop", bare, frozen=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-desktop", action="store_true", help="only the wheel (no PyInstaller build)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder and say where it is")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="negotiator-smoke-"))
    try:
        wheel = build(work)
        wheel_smoke(work, wheel)
        if not args.skip_desktop:
            desktop_smoke(work, wheel)
    except SmokeError as error:
        print(f"smoke_install: FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"smoke_install: everything passed in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
