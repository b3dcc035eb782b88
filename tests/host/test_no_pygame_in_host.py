"""negotiator.host runs on a teacher's machine without a display: it must import without pygame."""

from __future__ import annotations

import subprocess
import sys

from .helpers import root

SCRIPT = """
import importlib, pkgutil, sys
sys.modules["pygame"] = None  # any `import pygame` now raises ImportError
import negotiator.host
names = [info.name for info in pkgutil.walk_packages(negotiator.host.__path__, "negotiator.host.")]
for name in names:
    importlib.import_module(name)
import negotiator.commands.host, negotiator.commands.join
print(len(names))
"""


def test_the_host_and_its_commands_import_without_pygame() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=root(), timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) >= 6
