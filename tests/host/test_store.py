"""The SQLite store keeps every table's actions as they happen and gives the same class back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from negotiator.host.store import ClassRecord, SeatRecord, SQLiteStore, StoreError, TableRecord, open_store


def _record() -> ClassRecord:
    return ClassRecord("ABCDEF", "s", "0" * 64, "/x.yaml", (TableRecord(1, 7, {"roles": {}}), TableRecord(2, 8, {})))


def test_sqlite_round_trip_and_wal(tmp_path: Path) -> None:
    path = tmp_path / "class.db"
    store = open_store(f"sqlite:{path}")
    assert store.load() is None
    store.create(_record())
    store.append_action(1, 0, {"type": "end", "actor": "a"})
    store.append_action(1, 1, {"type": "end", "actor": "b", "reason": "Київ"})
    store.set_started(1)
    store.claim_seat(2, SeatRecord("a", "h" * 64, "Ana"))
    store.close()
    again = SQLiteStore(path).load()
    assert again is not None and again.code == "ABCDEF"
    one, two = again.tables
    assert one.actions == ({"type": "end", "actor": "a"}, {"type": "end", "actor": "b", "reason": "Київ"})
    assert one.started and not two.started
    assert two.seats == (SeatRecord("a", "h" * 64, "Ana"),)
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_an_action_is_never_stored_twice(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "c.db")
    store.create(_record())
    store.append_action(1, 0, {"type": "end", "actor": "a"})
    with pytest.raises(StoreError, match="action 1 refused"):
        store.append_action(1, 0, {"type": "end", "actor": "b"})
    with pytest.raises(StoreError, match="already holds a class"):
        store.create(_record())


def test_a_gap_in_the_log_is_reported(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "c.db")
    store.create(_record())
    store.append_action(1, 0, {"type": "end", "actor": "a"})
    store.append_action(1, 1, {"type": "end", "actor": "a"})
    store._db.execute("DELETE FROM actions WHERE idx=0")
    with pytest.raises(StoreError, match="table 1's action log has a gap"):
        store.load()


def test_unusable_storage_says_why(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no storage called 'postgres'"):
        open_store("postgres://db/class")
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StoreError, match="cannot open the class database"):
        open_store(str(tmp_path / "dir.db"))
    bad = tmp_path / "junk.db"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError):
        open_store(str(bad))


def test_memory_store_behaves_like_sqlite() -> None:
    store = open_store("memory:")
    store.create(_record())
    store.append_action(2, 0, {"type": "end", "actor": "a"})
    with pytest.raises(StoreError):
        store.append_action(2, 0, {"type": "end", "actor": "a"})
    loaded = store.load()
    assert loaded is not None and loaded.tables[1].actions == ({"type": "end", "actor": "a"},)


def test_sync_full_is_a_url_option(tmp_path: Path) -> None:
    full = open_store(f"sqlite:{tmp_path / 'a.db'}?sync=full")
    assert full._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # type: ignore[attr-defined]
    normal = open_store(str(tmp_path / "b.db"))
    assert normal._db.execute("PRAGMA synchronous").fetchone()[0] == 1  # type: ignore[attr-defined]
    with pytest.raises(StoreError, match="sync must be one of"):
        open_store(f"sqlite:{tmp_path / 'c.db'}?sync=sometimes")
    with pytest.raises(StoreError, match="unknown option"):
        open_store(f"sqlite:{tmp_path / 'd.db'}?colour=blue")
