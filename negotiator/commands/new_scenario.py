"""Write a commented template scenario that validates as written, for authors to fill in.

Refuses to overwrite an existing file unless --force is given.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from negotiator import paths, resources
from negotiator.cli_support import path_arg
from negotiator.scenario.template import template_text

SCHEMA_NAME = "scenario.schema.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", metavar="PATH", type=path_arg, help="where to write the new scenario (e.g. scenarios/mine.yaml)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite PATH if it exists")


def schema_file() -> Path:
    """The scenario format's JSON Schema on disk: the built-in copy, else one written to the user data folder."""
    try:
        return resources.file("schema", SCHEMA_NAME)
    except resources.ResourceError:
        from negotiator.scenario.schema import scenario_json_schema_text

        path = paths.user_data_dir() / SCHEMA_NAME
        text = scenario_json_schema_text()
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        return path


def _schema_ref(target: Path) -> str:
    """The schema's path relative to the new file, so editor completion works where it is written."""
    schema = schema_file().resolve()
    try:
        return Path(os.path.relpath(schema, target.resolve().parent)).as_posix()
    except ValueError:  # different drives on Windows
        return schema.as_uri()


def run(args: argparse.Namespace) -> int:
    target = Path(args.path)
    if target.is_dir():
        print(
            f"{target}: error: is a directory; give a file name such as {target / 'my_scenario.yaml'}",
            file=sys.stderr,
        )
        return 2
    if target.exists() and not args.force:
        print(f"{target}: error: file exists; use --force to overwrite it", file=sys.stderr)
        return 2
    from negotiator.files import atomic_write

    try:
        atomic_write(target, template_text(_schema_ref(target)))
    except OSError as exc:
        print(f"new-scenario: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {target}; edit it, then check it with: python main.py validate {target}")
    return 0
