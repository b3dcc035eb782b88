"""Exports are safe by construction (defect 9): CSV cells a spreadsheet would evaluate are neutralised,
and a URL reaches an `href` only with an http or https scheme (HTML escaping is tested with the briefs)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from negotiator.classroom.briefs import teacher_guide
from negotiator.classroom.exports import log_csv, neutralise_cell
from negotiator.classroom.html import el, safe_url
from negotiator.engine import EndTurn, new_game, parse_action
from negotiator.scenario import load_scenario
from negotiator.scenario.models import Source
from tests.classroom.conftest import parse_html
from tests.robustness.helpers import TUTORIAL, real_save, run

FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1", " =1", "＝1"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_cells_are_neutralised(text: str) -> None:
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Union", "a=b", "5 - 3", "", "'already"])
def test_ordinary_cells_are_unchanged(text: str) -> None:
    assert neutralise_cell(text) == text


def test_report_csv_never_holds_a_live_formula(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = new_game(load_scenario(TUTORIAL), seed=3)
    for text in FORMULAS[:4]:
        state = state.apply(parse_action(f"bulletin {text}", "facilitator"))
    state = state.apply(EndTurn(state.current_actor, reason="=cmd|' /C calc'!A0"))
    rows = list(csv.reader(io.StringIO(log_csv(state).lstrip("\ufeff"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c.startswith("-") and not _number(c))]
    assert '\'=HYPERLINK("http://evil.example","click")' in cells and "'=cmd|' /C calc'!A0" in cells
    save = real_save(tmp_path, state)
    code, _, _ = run(["report", str(save), "--out", str(tmp_path / "log.csv")], capsys)
    assert code == 0 and "'=HYPERLINK" in (tmp_path / "log.csv").read_text(encoding="utf-8-sig")


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JavaScript:x", " java\tscript:x", "data:text/html,<b>", "vbscript:x", "//evil.example"],
)
def test_unsafe_urls_never_become_links(url: str) -> None:
    assert safe_url(url) is None
    assert "href" not in el("a", "source", href=url)


@pytest.mark.parametrize("url", ["https://example.org/a?b=c", "HTTP://example.org", "#turn-3", "teacher-guide.html"])
def test_safe_urls_stay(url: str) -> None:
    assert safe_url(url) == url


def test_the_teachers_guide_writes_no_javascript_link() -> None:
    """The validator refuses such a URL; the page refuses it too, whatever a model holds."""
    scenario = load_scenario(TUTORIAL)
    evil = Source.model_construct(title="T", outlet="O", date="D", url="javascript:alert(document.cookie)")
    metadata = scenario.metadata.model_copy(update={"sources": [evil]})
    page = parse_html(teacher_guide(scenario.model_copy(update={"metadata": metadata})))
    hrefs = [attrs.get("href") or "" for tag, attrs in page.tags if tag == "a"]
    assert hrefs and not [h for h in hrefs if "javascript" in h.lower()]
    assert "javascript:alert(document.cookie)" in " ".join(page.text)  # still shown, as text
