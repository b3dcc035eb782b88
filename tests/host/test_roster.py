"""The teacher's seating plan: named students are seated where the plan says, the others take the rest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from negotiator.host import messages as m
from negotiator.host.core import Host
from negotiator.host.roster import Roster, parse_roster
from negotiator.host.store import open_store
from negotiator.scenario import scenario_content_hash

from .helpers import SCENARIO_PATH, Recorder, join, new_host, root, scenario

PLAN = "name,table,role\nAna,2,Kyiv\nBen Ortiz,2,moscow\nChloe,2,Kyiv\n"


def test_the_plan_is_read_with_its_mistakes_named() -> None:
    roster = parse_roster("\ufeff" + PLAN, scenario(), 3)
    assert roster.rows == (("Ana", 2, "kyiv"), ("Ben Ortiz", 2, "moscow"), ("Chloe", 2, "kyiv"))
    assert roster.place("  ben   ORTIZ ") == (2, "moscow") and roster.place("Dev") is None and roster.place("") is None
    assert roster.team_size() == 2 and roster.reserved() == {(2, "kyiv"), (2, "moscow")}
    bad = {
        "table,name,role\nAna,1,Kyiv\n": "line 1 must be the header",
        "name,table,role\nAna,4,Kyiv\n": "line 2: the table is 1 to 3",
        "name,table,role\nAna,1,Paris\n": "line 2: no role 'Paris'",
        "name,table,role\nAna,1,Kyiv\nana,2,Moscow\n": "line 3: ana is already on line 2",
        "name,table,role\n,1,Kyiv\n": "the name is empty",
        "name,table,role\nAna,1\n": "give a name, a table and a role",
    }
    for text, message in bad.items():
        with pytest.raises(ValueError, match=message):
            parse_roster(text, scenario(), 3)


def test_named_students_are_seated_by_the_plan_and_the_others_elsewhere(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    host = new_host(open_store(str(db)), tables=2, roster=parse_roster(PLAN, scenario(), 2))
    assert host.record.team_size == 2  # two names on Kyiv at table 2 make a team
    ana = join(host, Recorder("ana"), name="ana", table=1, seat="washington")  # the plan wins over the ask
    assert (ana.table, ana.seat) == (2, "kyiv")
    others = [join(host, Recorder(f"s{n}"), name=f"S{n}") for n in range(4)]
    assert {(w.table, w.seat) for w in others} == {(1, "kyiv"), (1, "moscow"), (1, "washington"), (2, "washington")}
    ask = Recorder("ask")
    host.receive(ask, json.dumps({"type": "seats", "code": host.code}))
    listed = ask.last(m.SeatList)
    every = ["kyiv", "moscow", "washington"]  # all taken once; teams of two have room, the plan's seats kept
    assert listed.free == {"1": every, "2": ["washington"]} and listed.teams == {"1": every, "2": ["washington"]}
    chloe = join(host, Recorder("chloe"), name="Chloe")
    assert (chloe.table, chloe.seat) == (2, "kyiv") and host.table(2).seats["kyiv"].names == "ana + Chloe"
    ben = join(host, Recorder("ben"), name="Ben Ortiz")
    assert (ben.table, ben.seat) == (2, "moscow")
    host.store.close()
    again = Host.resume(scenario(), scenario_content_hash(SCENARIO_PATH), open_store(str(db)))
    assert again.roster.rows == host.roster.rows and again.record.team_size == 2


def test_a_planned_seat_that_is_taken_says_so() -> None:
    host = new_host(tables=1, roster=Roster((("Ana", 1, "kyiv"),)))
    join(host, Recorder("ana"), name="Ana")
    twin = Recorder("twin")
    host.receive(twin, json.dumps({"type": "join", "code": host.code, "name": "ANA"}))
    assert twin.last(m.Error).code == "no_seat" and "table 1, Kyiv" in twin.last(m.Error).message
    with pytest.raises(ValueError, match="beyond table 1"):
        new_host(tables=1, roster=Roster((("Ben", 2, "kyiv"),)))


def test_the_host_command_reads_the_plan_and_refuses_a_bad_one(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(root())}
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN, encoding="utf-8")
    cmd = [sys.executable, str(root() / "main.py"), "host", "--port", "0", "--tables", "2", "--roster", str(plan)]
    done = subprocess.run([*cmd, "--db", str(tmp_path / "c.db")], input="quit\n", capture_output=True, text=True,
                          env=env, timeout=60)  # fmt: skip
    assert done.returncode == 0 and "3 students placed by the seating plan" in done.stdout, done.stderr
    plan.write_text("name,table,role\nAna,9,Kyiv\n", encoding="utf-8")
    bad = subprocess.run([*cmd, "--db", str(tmp_path / "d.db")], input="quit\n", capture_output=True, text=True,
                         env=env, timeout=60)  # fmt: skip
    assert bad.returncode == 2 and "line 2: the table is 1 to 2" in bad.stderr and "Traceback" not in bad.stderr
