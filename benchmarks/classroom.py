"""A class on one laptop: one host process, 10 tables, 30 scripted clients playing whole games over loopback.

The host runs as `negotiator host` in its own process (as a teacher would run it); the clients share one
asyncio loop in this process, each a websockets connection playing its seat from its SeatView alone
(`negotiator.host.scripted`). For every action it measures the round trip: from sending the action to
receiving the view that shows it played. At the end the host is stopped and its database checked: every
table's stored log must be exactly the actions the clients were told were played, in order, and replay to
finished games.

Prints: round-trip latency (median, p95, max), messages and bytes the clients received per action, the host
process's CPU time and peak memory (Linux /proc). Targets (issue 13): p95 under 50 ms, zero lost or duplicated
actions, host under 200 MB.

    python benchmarks/classroom.py [--tables 10] [--clients 30] [--think-ms 0] [--seed 1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from websockets.asyncio.client import connect  # noqa: E402

from negotiator.engine.saves import action_document  # noqa: E402
from negotiator.host import messages as m  # noqa: E402
from negotiator.host.core import Host  # noqa: E402
from negotiator.host.scripted import repeatable  # noqa: E402
from negotiator.host.store import open_store  # noqa: E402
from negotiator.resources import default_scenario, use_source_tree  # noqa: E402
from negotiator.scenario import load_scenario, scenario_content_hash  # noqa: E402

use_source_tree(ROOT)  # this checkout's scenarios, not an installed copy's (as main.py and benchmarks/ui.py do)


@dataclass
class Client:
    table: int
    latencies: list[float] = field(default_factory=list)
    played: list[dict[str, object]] = field(default_factory=list)  # (seq, action) acknowledged
    messages: int = 0
    bytes: int = 0
    over: bool = False


async def play(address: str, code: str, client: Client, think: float) -> None:
    async with connect(address, max_size=m.MAX_HOST_BYTES) as ws:
        await ws.send(json.dumps({"type": "join", "code": code, "table": client.table}))
        brief: m.Brief | None = None
        view: m.SeatView | None = None
        sent_at: float | None = None
        sent_seq = -1
        pending: dict[str, object] | None = None
        async for raw in ws:
            client.messages += 1
            client.bytes += len(raw)
            message = m.parse_host(raw)
            if isinstance(message, m.Welcome):
                brief = message.brief
                continue
            if isinstance(message, m.Error):
                if message.seq == sent_seq:  # a scripted move the rules refused: the next view decides again
                    sent_at, pending = None, None
                    continue
                raise RuntimeError(f"table {client.table}: {message.code}: {message.message}")
            if isinstance(message, m.Ok):
                assert pending is not None and message.seq == sent_seq
                client.played.append({"seq": sent_seq, "action": pending})
                continue
            if not isinstance(message, m.SeatView):
                continue
            view = message
            if sent_at is not None and view.actions > sent_seq:
                client.latencies.append(time.perf_counter() - sent_at)
                sent_at = None
            if view.over:
                client.over = True
                return
            if view.started and view.my_move and sent_at is None and brief is not None:
                if think:
                    await asyncio.sleep(think)
                action = repeatable(view, brief)
                pending = action_document(action)
                sent_seq = view.actions
                sent_at = time.perf_counter()
                await ws.send(json.dumps({"type": "act", "seq": sent_seq, "action": pending}))


def _proc_stats(pid: int) -> tuple[float, float, float]:
    """CPU seconds (user + system), current and peak resident memory in MB of a process (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    rss = int(status["VmRSS"].split()[0]) / 1024
    peak = int(status["VmHWM"].split()[0]) / 1024
    return cpu, rss, peak


def _start_host(db: Path, tables: int, seed: int) -> tuple[subprocess.Popen[str], str, str]:
    command = [sys.executable, str(ROOT / "main.py"), "host", "--tables", str(tables), "--seed", str(seed)]
    command += ["--bind", "127.0.0.1", "--port", "0", "--db", str(db)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEGOTIATOR_DATA_DIR": str(db.parent / "data")}
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    code = address = ""
    for line in proc.stdout:
        if "Class code:" in line:
            code = line.split()[-1]
        if "Address:" in line:
            address = line.split()[-1]
            break
    if not address:
        raise SystemExit("the host did not start")
    return proc, code, address


def _set_timer(proc: subprocess.Popen[str], seconds: int) -> None:
    """The teacher's move timer at every table (console `timer all N`), set before any student joins."""
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(f"timer all {seconds}\n")
    proc.stdin.flush()
    for line in proc.stdout:
        if "Move timer" in line:
            return
    raise SystemExit("the host did not take the move timer")


async def run_class(address: str, code: str, clients: list[Client], think: float) -> float:
    start = time.perf_counter()
    await asyncio.gather(*(play(address, code, c, think) for c in clients))
    return time.perf_counter() - start


@dataclass
class ClassResult:
    clients: list[Client]
    wall: float
    own_cpu: float
    host_cpu: float
    rss: float
    peak: float
    lost: int
    duplicated: int
    unfinished: int


def one_class(scenario: Any, scenario_path: Path, args: argparse.Namespace, seed: int) -> ClassResult:
    """One host process, its tables played to the end by the clients, then its stored logs checked."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "class.db"
        proc, code, address = _start_host(db, args.tables, seed)
        try:
            if args.timer:
                _set_timer(proc, args.timer)
            clients = [Client(1 + n % args.tables) for n in range(args.clients)]
            cpu_before, _, _ = _proc_stats(proc.pid)
            own_before = time.process_time()
            wall = asyncio.run(run_class(address, code, clients, args.think_ms / 1000))
            own = time.process_time() - own_before
            cpu_after, rss, peak = _proc_stats(proc.pid)
            proc.communicate("quit\n", timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
        store = open_store(str(db))
        record = store.load()
        assert record is not None
        host = Host.resume(scenario, scenario_content_hash(scenario_path), store)
        lost = duplicated = 0
        for table, stored in zip(host.tables, record.tables, strict=True):
            told = sorted(
                (p for c in clients if c.table == table.number for p in c.played),
                key=lambda p: p["seq"],  # type: ignore[arg-type, return-value]
            )
            seqs = [p["seq"] for p in told]
            duplicated += len(seqs) - len(set(seqs))
            lost += sum(1 for i, p in enumerate(told) if i >= len(stored.actions) or stored.actions[i] != p["action"])
            lost += abs(len(stored.actions) - len(told))
        unfinished = sum(1 for t in host.tables if not t.state.is_over())
        store.close()
    return ClassResult(clients, wall, own, cpu_after - cpu_before, rss, peak, lost, duplicated, unfinished)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=10)
    parser.add_argument("--clients", type=int, default=30, help="clients, spread over the tables (default: 30)")
    parser.add_argument("--think-ms", type=float, default=0.0, help="each client's pause before acting (default: 0)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="classes played one after another (default: 3)")
    parser.add_argument(
        "--timer",
        type=int,
        default=0,
        help="a move timer at every table, in seconds, long enough never to run out: its countdown is in every "
        "view (default: off)",
    )
    args = parser.parse_args()
    scenario_path = default_scenario()
    scenario = load_scenario(scenario_path)
    seats = len([a for a in scenario.negotiators if a.playable])
    if args.clients > args.tables * seats:
        raise SystemExit(f"{args.tables} tables have only {args.tables * seats} seats")
    clients: list[Client] = []
    wall = own = cpu = 0.0
    rss = peak = 0.0
    lost = duplicated = unfinished = 0
    for round_ in range(args.rounds):
        result = one_class(scenario, scenario_path, args, args.seed + round_ * args.tables)
        clients += result.clients
        wall += result.wall
        own += result.own_cpu
        cpu += result.host_cpu
        rss, peak = max(rss, result.rss), max(peak, result.peak)
        lost += result.lost
        duplicated += result.duplicated
        unfinished += result.unfinished
    latencies = sorted(x * 1000 for c in clients for x in c.latencies)
    actions = sum(len(c.played) for c in clients)
    messages = sum(c.messages for c in clients)
    received = sum(c.bytes for c in clients)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"{args.rounds} x ({args.tables} tables, {args.clients} clients), think {args.think_ms:g} ms: "
        f"{actions} actions in {wall:.1f} s of play"
    )
    print(
        f"round trip (ms): median {statistics.median(latencies):.1f}, p95 {p95:.1f}, max {latencies[-1]:.1f} "
        f"over {len(latencies)} actions"
    )
    print(f"per action: {messages / actions:.1f} messages, {received / actions / 1024:.1f} KiB received by the clients")
    print(
        f"host: {cpu:.2f} s CPU while playing ({100 * cpu / wall:.0f}% of one core), "
        f"memory {rss:.0f} MB, peak {peak:.0f} MB"
    )
    print(f"clients (one process): {own:.2f} s CPU ({100 * own / wall:.0f}% of one core)")
    print(f"stored logs: {lost} lost, {duplicated} duplicated actions; {unfinished} unfinished games")
    met = p95 < 50 and lost == 0 and duplicated == 0 and peak < 200 and unfinished == 0
    print("targets (p95 < 50 ms, nothing lost or duplicated, host < 200 MB):", "met" if met else "NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
