"""Open the game window. Until the front end exists, list what is available."""

from __future__ import annotations

import argparse

from negotiator.cli_support import builtin_scenarios


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", help="scenario file (default: the built-in Istanbul talks)")
    parser.add_argument("--role", action="append", default=[], help="role played by a human (repeatable)")
    parser.add_argument("--seed", type=int, default=None, help="random seed")


def run(args: argparse.Namespace) -> int:
    print("Negotiator - the game window is not built yet. Available now:")
    print("  python main.py validate scenarios/*.yaml   check scenario files")
    print("  python main.py schema                      print the scenario JSON Schema")
    print("  python main.py new-scenario FILE           write a template scenario")
    print("Built-in scenarios:")
    for path in builtin_scenarios():
        print(f"  {path}")
    return 0
