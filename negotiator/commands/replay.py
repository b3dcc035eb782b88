"""Re-run a saved game from its seed and actions, check that it matches the save exactly, and print its
turn records. A truncated, edited or mismatched save (or a changed scenario file) exits with code 2."""

from __future__ import annotations

import argparse
import json
import sys

from negotiator.cli_support import builtin_scenarios, path_arg
from negotiator.commands.text import render_outcome, render_record
from negotiator.engine.saves import SaveError, action_document, load_game
from negotiator.words import count


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "save", metavar="SAVE", type=path_arg, help="a save file (from `text`, `simulate --save-games` or autosave)"
    )
    parser.add_argument("--scenario", type=path_arg, help="the scenario file, if it is not where the save says it was")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the turn reports")


def run(args: argparse.Namespace) -> int:
    try:
        loaded = load_game(args.save, args.scenario, builtin_scenarios())
    except SaveError as error:
        print(f"replay: {error.path}: {error.message}", file=sys.stderr)
        if error.hint:
            print(f"  hint: {error.hint}", file=sys.stderr)
        return 2
    state = loaded.state
    outcome = state.outcome()
    if args.json:
        print(
            json.dumps(
                {
                    "save": loaded.save.path,
                    "verified": True,
                    "scenario_id": loaded.scenario.metadata.id,
                    "scenario_path": str(loaded.scenario_path),
                    "seed": state.seed,
                    "turn": state.turn,
                    "over": state.is_over(),
                    "state_hash": state.state_hash(),
                    "actions": [action_document(a) for a in state.actions],
                    "records": [r.to_dict() for r in state.records],
                    "outcome": None if outcome is None else outcome.to_dict(),
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    scenario = loaded.scenario
    print(
        f"{scenario.metadata.title} ({scenario.metadata.id}), seed {state.seed}: "
        f"{len(state.actions)} actions over {count(len(state.records), 'finished turn')}; replay matches the save."
    )
    for record in state.records:
        print()
        print("\n".join(render_record(scenario, record)))
    print()
    if outcome is None:
        print(f"The game was saved during turn {state.turn}; it is not over (resume it with `text --load`).")
    else:
        print("\n".join(render_outcome(state)))
    return 0
