"""Games that differ: does the built-in scenario tell a different story from game to game?

AI-vs-AI games at default settings (issue 8's targets):
- every ending kind the scenario enables occurs in at least 1% of games, none in more than 80%;
- no scripted event fires in more than 90% of games unless the source says it happened (`happened: true`);
- every lever is used by its owner's AI in at least 5% of the games where it is available;
- no single lever or event decides whether a deal is possible: with any one of them removed, deals still
  happen at least a third as often as with it;
- at least 10 distinct deals per 1,000 games.

    python benchmarks/variety.py [--games 1000] [--removal-games 300] [--workers 2] [--scenario PATH]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from negotiator.engine.simulate import simulate  # noqa: E402
from negotiator.scenario import load_scenario  # noqa: E402
from negotiator.scenario.errors import ScenarioError  # noqa: E402


def removed(path: Path, kind: str, item_id: str, folder: Path) -> Path:
    """A copy of the scenario file without one lever or event (YAML round trip; comments do not matter here)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[kind] = [x for x in data[kind] if x["id"] != item_id]
    if kind == "levers":  # an event set off by the lever goes with it (it could never fire, and would not validate)
        data["events"] = [e for e in data.get("events") or [] if (e.get("trigger") or {}).get("after_lever") != item_id]
    target = folder / f"without-{item_id}.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", default=str(ROOT / "scenarios" / "istanbul_talks.yaml"))
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--removal-games", type=int, default=300, help="games per lever or event removed")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    path = Path(args.scenario)
    scenario = load_scenario(path)
    start = time.perf_counter()
    summary = simulate(scenario, path, args.games, seed=args.seed, workers=args.workers)
    failures: list[str] = []
    games = summary.games

    print(f"{scenario.metadata.title}: {games} AI-vs-AI games, seeds {args.seed}..{args.seed + games - 1}")
    enabled = {"deal", "deadline"} | {e.kind for e in scenario.rules.endings}
    print("Endings:")
    for kind in sorted(enabled):
        share = summary.endings.get(kind, 0) / games
        ok = 0.01 <= share <= 0.80
        print(f"  {kind:<12} {share:6.1%}  {'ok' if ok else 'NOT met (1% to 80%)'}")
        if not ok:
            failures.append(f"ending {kind}: {share:.1%}")
    print("Events (share of games):")
    happened = {e.id for e in scenario.events if e.happened}
    for event, share in summary.event_rates.items():
        ok = share <= 0.90 or event in happened
        note = "happened in the source" if event in happened else ("ok" if ok else "NOT met (at most 90%)")
        print(f"  {event:<28} {share:6.1%}  {note}")
        if not ok:
            failures.append(f"event {event}: {share:.1%}")
    print("Levers (share of games their owner's AI used them; all are available from the start unless noted):")
    for lever in scenario.levers:
        share = summary.lever_use.get(lever.id, 0.0)
        ok = share >= 0.05
        print(f"  {lever.id:<28} {share:6.1%}  {'ok' if ok else 'NOT met (at least 5%)'}")
        if not ok:
            failures.append(f"lever {lever.id}: {share:.1%}")
    per_thousand = summary.distinct_deals * 1000 / games
    ok = per_thousand >= 10
    verdict = "ok" if ok else "NOT met"
    print(f"Distinct deals: {summary.distinct_deals} in {games} games ({per_thousand:.0f} per 1,000)  {verdict}")
    if not ok:
        failures.append(f"distinct deals: {per_thousand:.0f} per 1,000")

    base_rate = summary.agreement_rate
    print(f"Deal rate {base_rate:.1%}; with one lever or event removed ({args.removal_games} games each):")
    with tempfile.TemporaryDirectory() as folder:
        for kind, items in (("levers", scenario.levers), ("events", scenario.events)):
            for item in items:
                variant = removed(path, kind, item.id, Path(folder))
                try:
                    trimmed = load_scenario(variant)
                except ScenarioError as exc:  # something else refers to it: say so, and go on with the rest
                    print(f"  without {item.id:<28} skipped: the file does not validate without it ({exc})")
                    continue
                rate = simulate(
                    trimmed, variant, args.removal_games, seed=args.seed, workers=args.workers
                ).agreement_rate
                ok = rate >= base_rate / 3
                print(f"  without {item.id:<28} {rate:6.1%}  {'ok' if ok else 'NOT met (a third of the deal rate)'}")
                if not ok:
                    failures.append(f"without {item.id}: deal rate {rate:.1%}")
    print(f"\n{time.perf_counter() - start:.0f} s. Targets: {'all met' if not failures else 'NOT met'}")
    for failure in failures:
        print(f"  - {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
