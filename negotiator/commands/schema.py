"""Print (or write with --out) the JSON Schema of the scenario format (or, with --translation, of its translation
files), for editors and other tools."""

from __future__ import annotations

import argparse
import sys

from negotiator.cli_support import path_arg
from negotiator.files import atomic_write
from negotiator.scenario.schema import scenario_json_schema_text, translation_json_schema_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--translation", action="store_true", help="the schema of a scenario's translation files instead"
    )
    parser.add_argument("--out", metavar="FILE", type=path_arg, help="write the schema to FILE instead of printing it")


def run(args: argparse.Namespace) -> int:
    text = translation_json_schema_text() if args.translation else scenario_json_schema_text()
    if not args.out:
        sys.stdout.write(text)
        return 0
    try:
        atomic_write(args.out, text)
    except OSError as exc:
        print(f"schema: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}")
    return 0
