"""negotiator.scenario, .engine and .i18n must import without pygame (headless tools, CI, servers)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import importlib, pkgutil, sys
sys.modules["pygame"] = None  # any `import pygame` now raises ImportError
import negotiator.scenario
names = ["negotiator.scenario"]
for package_name in ("negotiator.scenario", "negotiator.engine", "negotiator.i18n"):
    try:
        package = importlib.import_module(package_name)
    except ModuleNotFoundError as exc:
        if exc.name == package_name:
            continue  # the package does not exist yet
        raise
    for info in pkgutil.walk_packages(package.__path__, package_name + "."):
        importlib.import_module(info.name)
        names.append(info.name)
assert "pygame" not in [m for m in sys.modules if sys.modules[m] is not None]
print(len(names))
"""


def test_scenario_and_engine_import_without_pygame() -> None:
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout.strip()) >= 1
