"""Every file the game writes goes through one atomic writer (defect 13): no writing through a symlink, no
0-byte or half files on a full disk, leftovers of killed writes cleaned up, one-line errors with exit 2,
and relative save names under the saves folder, never the working directory."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from negotiator import files, paths
from negotiator.engine.saves import save_path
from negotiator.ui.savefiles import save_target
from tests.robustness.helpers import ROOT, TUTORIAL, real_save, run

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions, links and signals")


def disk_full(monkeypatch: pytest.MonkeyPatch, after: int = 0) -> None:
    """Every write fails with ENOSPC once `after` bytes have been written (a disk filling up mid-file)."""
    real_write = os.write
    budget = [after]

    def write(fd: int, data: bytes) -> int:
        if budget[0] <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = real_write(fd, bytes(data)[: budget[0]])
        budget[0] -= n
        return n

    monkeypatch.setattr(os, "write", write)


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


# --- the writer ------------------------------------------------------------------------------------------


def test_a_full_disk_keeps_the_old_file_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    disk_full(monkeypatch, after=3)
    with pytest.raises(files.FileWriteError) as info:
        files.atomic_write(target, "new contents")
    assert str(info.value) == f"{target}: cannot write: the disk is full"
    assert isinstance(info.value, OSError) and "\n" not in str(info.value)
    assert target.read_text() == "old" and not leftovers(tmp_path)


@posix_only
def test_a_symlink_at_the_target_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "out.txt"
    link.symlink_to(victim)
    with pytest.raises(files.FileWriteError, match="symbolic link"):
        files.atomic_write(link, "overwritten?")
    assert victim.read_text() == "precious" and link.is_symlink()


def test_leftovers_of_killed_writes_are_removed(tmp_path: Path) -> None:
    dead = 2**22 + 12345  # above the usual pid_max: no such process
    for n in range(20):
        (tmp_path / f".save.json.{dead}.{n:08x}.tmp").write_text("half")
    (tmp_path / f".other.json.{os.getpid()}.0000abcd.tmp").write_text("mine, in progress")
    old = tmp_path / ".legacy.json.abcd1234.tmp"  # a mkstemp name from an earlier version, hours old
    old.write_text("x")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    files.atomic_write(tmp_path / "save.json", "{}")
    assert leftovers(tmp_path) == [f".other.json.{os.getpid()}.0000abcd.tmp"]


@posix_only
def test_writes_killed_mid_way_leave_no_pile_of_temp_files(tmp_path: Path) -> None:
    """Before: 200 kills left 109 temporary files behind. A writer killed (SIGKILL) between writing and
    renaming leaves its temporary file; the next write in that folder removes it, so they never pile up."""
    code = (
        "import os, sys, time\n"
        "from negotiator import files\n"
        "os.fsync = lambda fd: (print('ready', flush=True), time.sleep(60))\n"
        "files.atomic_write(sys.argv[1], b'x' * 100_000)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for n in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", code, str(tmp_path / f"save-{n}.json")], env=env, stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        proc.kill()
        proc.wait()
        proc.stdout.close()
        assert len(leftovers(tmp_path)) == 1  # this writer's; the previous one's was removed by it
    files.atomic_write(tmp_path / "small.txt", "ok")
    assert not leftovers(tmp_path)
    assert not list(tmp_path.glob("save-*.json"))  # and no half file under the real name


@posix_only
def test_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    path = files.atomic_write(tmp_path / "report.html", "<p>x</p>")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


def test_a_file_in_the_way_of_the_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file, not a folder")
    with pytest.raises(files.FileWriteError) as info:
        files.atomic_write(tmp_path / "blocked" / "out.txt", "x")
    assert "in the way" in str(info.value) and "\n" not in str(info.value)


# --- the commands ----------------------------------------------------------------------------------------


def test_schema_out_through_a_symlink_and_on_a_full_disk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep")
    (tmp_path / "schema.json").symlink_to(victim)
    code, _, err = run(["schema", "--out", str(tmp_path / "schema.json")], capsys)
    assert code == 2 and "symbolic link" in err and victim.read_text() == "keep"
    disk_full(monkeypatch)
    code, _, err = run(["schema", "--out", str(tmp_path / "fresh.json")], capsys)
    assert code == 2 and "disk is full" in err and not (tmp_path / "fresh.json").exists()
    assert len(err.strip().splitlines()) == 1


def test_briefs_on_a_full_disk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    disk_full(monkeypatch, after=10_000)
    code, _, err = run(["briefs", "--scenario", str(TUTORIAL), "--out", str(tmp_path / "kit")], capsys)
    assert code == 2 and "disk is full" in err
    assert all(p.stat().st_size > 0 for p in (tmp_path / "kit").iterdir())  # no 0-byte page
    assert not leftovers(tmp_path / "kit")


def test_report_csv_on_a_full_disk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    save = real_save(tmp_path)
    disk_full(monkeypatch, after=100)
    code, _, err = run(["report", str(save), "--out", str(tmp_path / "log.csv")], capsys)
    assert code == 2 and "disk is full" in err and not (tmp_path / "log.csv").exists()


def test_simulate_save_games_into_an_unusable_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "blocked").write_text("a file")
    code, _, err = run(
        ["simulate", "--scenario", str(TUTORIAL), "--games", "2", "--save-games", str(tmp_path / "blocked")], capsys
    )
    assert code == 2 and err.startswith("simulate: --save-games:")


def test_simulate_save_games_on_a_full_disk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    disk_full(monkeypatch)
    code, _, err = run(
        ["simulate", "--scenario", str(TUTORIAL), "--games", "2", "--save-games", str(tmp_path / "g")], capsys
    )
    assert code == 2 and "disk is full" in err and len(err.strip().splitlines()) == 1


def test_demo_screenshot_into_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["demo", "--frames", "1", "--screenshot", str(tmp_path / "no" / "shot.png")], capsys)
    assert code == 2 and "does not exist" in err


def test_demo_screenshot_on_a_full_disk_is_not_exit_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    disk_full(monkeypatch)
    shot = tmp_path / "shot.png"
    code, _, err = run(["demo", "--frames", "2", "--scenario", str(TUTORIAL), "--screenshot", str(shot)], capsys)
    assert code == 2 and "disk is full" in err and not shot.exists()


def test_demo_screenshot_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shot = tmp_path / "shot.png"
    code, _, _ = run(["demo", "--frames", "2", "--scenario", str(TUTORIAL), "--screenshot", str(shot)], capsys)
    assert code == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("kind", ["file", "devnull"])
def test_an_unusable_data_folder_is_one_line_at_start_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    if kind == "file":
        folder = tmp_path / "data"
        folder.write_text("not a folder")
    else:
        folder = Path(os.devnull)
    monkeypatch.setenv("NEGOTIATOR_DATA_DIR", str(folder))
    code, _, err = run(["play", "--frames", "1"], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "NEGOTIATOR_DATA_DIR" in err


# --- save names ------------------------------------------------------------------------------------------


def test_relative_save_names_go_under_the_saves_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    saves = paths.saves_dir()
    assert save_target("a/b") == saves / "a" / "b.json"
    assert save_path("game") == saves / "game.json"
    assert save_path("~/x.json") == tmp_path / "home" / "x.json"
    for bad, words in (("../../up", "climb out"), ("a\x00b", "NUL"), ("x" * 300, "too long"), ("", "Type a name")):
        with pytest.raises(ValueError, match=words):
            save_path(bad)
    assert not any(tmp_path.glob("a"))  # nothing was created in the working directory


def test_text_mode_save_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    script = "save a/b\nsave ~/x\nsave bad\x00name\nsave " + "y" * 300 + "\nquit\n"
    code, out, _ = run(["text", "--scenario", str(TUTORIAL)], capsys, stdin=script)
    assert code == 0
    assert (paths.saves_dir() / "a" / "b.json").is_file() and (tmp_path / "home" / "x.json").is_file()
    assert "cannot hold U+0000" in out and "too long" in out
    assert not (tmp_path / "a").exists() and "\x00" not in out
