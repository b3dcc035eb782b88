"""Installs anywhere: the built-in files are package data read through importlib.resources (from a wheel's layout,
from a zip, from an editable install's record), nothing under negotiator/ locates files from the checkout layout,
`--version` and `doctor` answer, and the quick start and CI run the same test command.

The slow checks (building the wheel, installing it into a fresh venv, the PyInstaller build) are in
scripts/smoke_install.py, which .ci/run calls after the tests.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from negotiator import __version__, resources
from negotiator.cli import main
from negotiator.commands import doctor

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
DATA_PACKAGES = {name: folder for name, folder in SETUPTOOLS["package-dir"].items() if name.startswith("negotiator.")}


@pytest.fixture
def no_source_tree():
    """Forget the checkout that conftest handed over, as an installed copy would; restore it afterwards."""
    resources.reset()
    yield
    resources.reset()
    resources.use_source_tree(ROOT)


def package_data_files(package: str, folder: str) -> list[Path]:
    """The files of `folder` that the build takes as package data of `package` (pyproject's globs)."""
    globs = SETUPTOOLS["package-data"].get(package, [])
    return sorted({p for g in globs for p in (ROOT / folder).glob(g) if p.is_file()})


def wheel_layout(target: Path) -> Path:
    """The installed layout of a wheel, without building one: negotiator/ with the mapped data under data/."""
    site = target / "site"
    shutil.copytree(ROOT / "negotiator", site / "negotiator", ignore=shutil.ignore_patterns("__pycache__"))
    for package, folder in DATA_PACKAGES.items():
        destination = site.joinpath(*package.split("."))
        destination.mkdir(parents=True)
        for path in package_data_files(package, folder):
            copy = destination / path.relative_to(ROOT / folder)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, copy)
    return site


PROBE = """
import json, sys
from negotiator import resources
from negotiator.cli import main
from negotiator.scenario import load_scenario
origins = {k: resources.origin(k) for k in resources.KINDS}
scenarios = resources.builtin_scenarios()
titles = [load_scenario(p).metadata.title for p in scenarios]
code = main(["simulate", "--games", "1", "--json"])
print(json.dumps({
    "how": sorted({o.how for o in origins.values()}),
    "folders": {k: str(o.folder) for k, o in origins.items()},
    "scenarios": [str(p) for p in scenarios], "titles": titles,
    "default": str(resources.default_scenario()),
    "font": str(resources.file("fonts", "NotoSans-Regular.ttf")),
    "simulate": code,
}), file=sys.stderr)
"""


def run_probe(pythonpath: Path, cwd: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath), "NEGOTIATOR_DATA_DIR": str(cwd / "data")}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stderr.strip().splitlines()[-1])


def test_pyproject_maps_every_kind_and_packs_every_file() -> None:
    kinds = {name.rpartition(".")[2] for name in DATA_PACKAGES}
    assert kinds == set(resources.KINDS)
    for package, folder in DATA_PACKAGES.items():
        assert package.startswith(resources.DATA_PACKAGE + "."), package
        assert (ROOT / folder).is_dir(), folder
        packed = package_data_files(package, folder)
        assert packed, f"{package}: no files of {folder}/ match its package-data globs"
    for folder in ("scenarios", "assets/themes", "assets/fonts", "assets/sounds"):
        package = next(p for p, f in DATA_PACKAGES.items() if f == folder)
        left_out = {p.relative_to(ROOT / folder) for p in (ROOT / folder).rglob("*") if p.is_file()} - {
            p.relative_to(ROOT / folder) for p in package_data_files(package, folder)
        }
        assert not left_out, f"{folder}/ files a wheel would leave out: {sorted(left_out)}; add their pattern"
    assert SETUPTOOLS["dynamic"]["version"]["attr"] == "negotiator.__version__"
    assert SETUPTOOLS["include-package-data"] is False  # else MANIFEST.in's docs/ graft lands in the wheel


def test_a_wheel_layout_plays_from_another_folder(tmp_path: Path) -> None:
    site = wheel_layout(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    found = run_probe(site, elsewhere)
    assert found["how"] == ["package"]
    for folder in found["folders"].values():
        assert Path(folder).is_relative_to(site / "negotiator" / "data"), folder
    assert [Path(p).name for p in found["scenarios"]] == [p.name for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
    assert Path(found["default"]).parent == site / "negotiator" / "data" / "scenarios"
    assert Path(found["font"]).is_file() and found["simulate"] == 0


def test_a_zipped_package_extracts_its_files_and_cleans_up(tmp_path: Path) -> None:
    site = wheel_layout(tmp_path)
    archive = tmp_path / "negotiator.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted((site / "negotiator").rglob("*")):
            zf.write(path, path.relative_to(site).as_posix())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    found = run_probe(archive, elsewhere)
    assert found["how"] == ["package"] and found["simulate"] == 0
    assert found["titles"] and all(found["titles"])
    for folder in found["folders"].values():  # copies on disk while the program ran, removed when it ended
        assert not Path(folder).exists(), folder
        assert not Path(folder).is_relative_to(ROOT)


def test_the_checkout_hands_over_its_own_folders() -> None:
    assert resources.origin("scenarios") == resources.Origin("scenarios", "source tree", ROOT / "scenarios")
    assert resources.folder("fonts") == ROOT / "assets" / "fonts"
    assert resources.file("schema", "scenario.schema.json") == ROOT / "docs" / "scenario.schema.json"
    assert resources.builtin_scenarios() == sorted((ROOT / "scenarios").glob("*.yaml"))


def test_source_folders_reads_only_mapped_existing_folders(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.setuptools.package-dir]\n"negotiator.data.scenarios" = "mine"\n"negotiator.data.fonts" = "nowhere"\n'
        '"negotiator.other" = "mine"\n"negotiator.data.unknown" = "mine"\n',
        encoding="utf-8",
    )
    assert resources.source_folders(tmp_path) == {"scenarios": tmp_path / "mine"}
    (tmp_path / "pyproject.toml").write_text("this is [not toml", encoding="utf-8")
    assert resources.source_folders(tmp_path) == {}
    assert resources.source_folders(tmp_path / "missing") == {}


class _FakeDistribution:
    def __init__(self, text: str | None) -> None:
        self.text = text

    def read_text(self, name: str) -> str | None:
        return self.text if name == "direct_url.json" else None


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"url": ROOT.as_uri(), "dir_info": {"editable": True}}, ROOT),
        ({"url": ROOT.as_uri(), "dir_info": {}}, None),
        ({"url": "https://example.org/negotiator.tar.gz", "archive_info": {}}, None),
        (None, None),
    ],
)
def test_an_editable_install_is_found_through_its_pep610_record(
    monkeypatch: pytest.MonkeyPatch, no_source_tree: None, record: object, expected: Path | None
) -> None:
    text = None if record is None else json.dumps(record)
    monkeypatch.setattr(resources.importlib.metadata, "distribution", lambda name: _FakeDistribution(text))
    monkeypatch.setattr(resources, "_package_folder", lambda kind: None)
    assert resources.editable_project() == expected
    if expected:
        assert resources.origin("themes") == resources.Origin("themes", "editable install", ROOT / "assets" / "themes")
    else:
        with pytest.raises(resources.ResourceError):
            resources.origin("themes")


def test_missing_files_give_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], no_source_tree: None
) -> None:
    monkeypatch.setattr(resources, "_package_folder", lambda kind: None)
    monkeypatch.setattr(resources, "editable_project", lambda: None)
    with pytest.raises(resources.ResourceError, match="missing from this installation") as error:
        resources.default_scenario()
    assert "\n" not in str(error.value)
    with pytest.raises(resources.ResourceError, match="unknown kind"):
        resources.folder("music")
    assert resources.builtin_scenarios() == []
    for argv in (["simulate", "--games", "1"], ["analyze"], ["briefs", "--out", "x"], ["text"]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "missing from this installation" in err and "Traceback" not in err, err
        assert len(err.strip().splitlines()) == 1, err

    from negotiator.ui.theme import build_theme, font_files

    assert font_files() is None
    assert build_theme().font_name == "noto_sans"  # pygame_gui's own font: the window still opens


def test_files_inside_a_source_folder() -> None:
    with pytest.raises(resources.ResourceError, match=r"themes/nope\.json"):
        resources.file("themes", "nope.json")
    assert [p.name for p in resources.files("themes", "*.json")] == ["colourblind.json", "default.json"]


# --- no module builds paths from the checkout layout ------------------------------------------------------


def checkout_layout_uses(path: Path) -> list[str]:
    """Where a module works out file locations from where its own source sits (the checkout layout)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{path.name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Name) and node.id in {"__file__", "PROJECT_ROOT", "ROOT"}:
            found.append(f"{where}: {node.id}")
        elif isinstance(node, ast.Attribute) and node.attr in {"parents", "__file__"}:
            found.append(f"{where}: .{node.attr}")
        elif isinstance(node, ast.Constant) and node.value in {"assets", "docs"}:
            found.append(f"{where}: {node.value!r}")
    return found


def test_no_module_builds_paths_from_the_checkout_layout() -> None:
    found = [use for path in sorted((ROOT / "negotiator").rglob("*.py")) for use in checkout_layout_uses(path)]
    assert not found, "read built-in files through negotiator.resources instead:\n" + "\n".join(found)


def test_the_layout_check_catches_the_old_way(tmp_path: Path) -> None:
    old = tmp_path / "old.py"
    old.write_text(
        'from pathlib import Path\nROOT = Path(__file__).resolve().parents[1]\nA = ROOT / "assets"\n', encoding="utf-8"
    )
    uses = checkout_layout_uses(old)
    assert any("__file__" in u for u in uses) and any(".parents" in u for u in uses)
    assert any("'assets'" in u for u in uses)


# --- --version and doctor ----------------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"negotiator {__version__}"
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_doctor_reports_everything_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    for name in ("negotiator", "python", "pygame-ce", "pygame_gui", "display", "audio", "saves", "settings"):
        assert re.search(rf"^{re.escape(name)}\s+\S", out, re.M), (name, out)
    assert re.search(r"^display\s+dummy", out, re.M)
    assert re.search(r"^audio\s+dummy", out, re.M)
    assert f"{__version__} (source checkout)" in out
    assert out.count("scenario ") >= 2 and "does not load" not in out
    assert str(os.environ["NEGOTIATOR_DATA_DIR"]) in out
    assert out.rstrip().endswith("doctor: everything the game needs works")


def test_doctor_json_lists_the_builtin_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["ok"] is True and document["version"] == __version__
    assert document["builtin_scenarios"] == [str(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
    assert {c["status"] for c in document["checks"]} <= {"ok", "warning"}


def test_doctor_names_a_broken_scenario_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("metadata: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(resources, "builtin_scenarios", lambda: [broken])
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "broken.yaml: does not load  [PROBLEM]" in out and "Traceback" not in out
    assert out.rstrip().splitlines()[-1] == "doctor: 1 problem found (scenario)"


def test_doctor_with_an_unwritable_data_folder(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    monkeypatch.setenv("NEGOTIATOR_DATA_DIR", str(not_a_folder / "data"))
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "cannot write" in out and "NEGOTIATOR_DATA_DIR" in out and "Traceback" not in out


def test_doctor_without_files_or_a_display(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], no_source_tree: None
) -> None:
    monkeypatch.setattr(resources, "_package_folder", lambda kind: None)
    monkeypatch.setattr(resources, "editable_project", lambda: None)
    monkeypatch.setattr(doctor, "_display", lambda: [doctor.Check("display", "none", "warning", doctor.NO_WINDOW)])
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "built-in files missing" in out and "built-in scenarios" in out and "[PROBLEM]" in out
    assert "no built-in scenarios found" in out and "Traceback" not in out


class _FakeSDL:
    """Stands in for pygame.display / pygame.mixer: SDL found no device and fell back to a headless driver."""

    def __init__(self, driver: str) -> None:
        self.driver, self.started = driver, False

    def get_init(self) -> bool:
        return self.started

    def init(self) -> None:
        self.started = True

    def quit(self) -> None:
        self.started = False

    def get_driver(self) -> str:
        return self.driver


def test_doctor_warns_when_sdl_falls_back_to_a_headless_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SDL_VIDEODRIVER")
    fake = _FakeSDL("offscreen")
    check = doctor._sdl_driver("display", fake, doctor.NO_WINDOW)
    assert check == doctor.Check("display", "offscreen (no usable display device found)", "warning", doctor.NO_WINDOW)
    assert not fake.started  # what the doctor started, it stops again
    assert doctor._sdl_driver("display", _FakeSDL("x11"), doctor.NO_WINDOW) == doctor.Check("display", "x11")
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    assert doctor._sdl_driver("display", _FakeSDL("dummy"), "").value == "dummy (set by SDL_VIDEODRIVER)"


def test_doctor_without_pygame_ce(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "pygame", None)  # `import pygame` now fails, as with no pygame-ce installed
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^pygame-ce\s+missing or not pygame-ce  \[PROBLEM\]", out, re.M), out
    assert "pip install --force-reinstall pygame-ce" in out
    assert re.search(r"^display\s+not checked", out, re.M) and "Traceback" not in out


def test_a_failing_probe_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode() -> list[doctor.Check]:
        raise RuntimeError("boom")

    monkeypatch.setattr(doctor, "_audio", explode)
    checks = doctor.gather()
    assert doctor.Check("audio", "check failed (RuntimeError: boom)", "problem") in checks


# --- the quick start and CI --------------------------------------------------------------------------------


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", quick_start, re.S)


def test_quick_start_makes_its_own_virtual_environment() -> None:
    play, test = readme_commands()[:2]
    for command in (play, test):
        assert command.startswith("python3 -m venv .venv && .venv/bin/python -m pip install"), command
    assert play.endswith(".venv/bin/python main.py") and test.endswith(".venv/bin/python -m pytest")


def test_ci_runs_exactly_the_readme_test_command_then_the_install_smoke() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test = readme_commands()[1]
    lines = [line.strip() for line in ci.splitlines() if not line.lstrip().startswith("#")]
    assert test in lines, f".ci/run must run the README's test command literally: {test}"
    smoke = [i for i, line in enumerate(lines) if "scripts/smoke_install.py" in line]
    assert smoke and smoke[0] > lines.index(test)
