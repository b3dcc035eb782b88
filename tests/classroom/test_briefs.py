"""`briefs`: one page per playable role with only that role's secrets; a teacher's guide with all of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from negotiator.classroom.briefs import ALL_ROLES_FILE, INDEX_FILE, RULES_FILE, TEACHER_FILE, role_file
from negotiator.classroom.describe import red_line_items
from negotiator.cli import main
from negotiator.scenario.models import Scenario
from tests.classroom.conftest import SCENARIOS, page_text, parse_html, squash


@pytest.fixture(scope="module", params=SCENARIOS, ids=[p.stem for p in SCENARIOS])
def written(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Scenario, Path]:
    from negotiator.scenario import load_scenario

    path: Path = request.param
    out = tmp_path_factory.mktemp(path.stem)
    assert main(["briefs", "--scenario", str(path), "--out", str(out)]) == 0
    return load_scenario(path), out


def test_every_playable_role_has_a_page(written: tuple[Scenario, Path]) -> None:
    scenario, out = written
    names = {p.name for p in out.iterdir()}
    assert {role_file(a) for a in scenario.playable} | {TEACHER_FILE, INDEX_FILE, ALL_ROLES_FILE, RULES_FILE} == names


def test_every_page_is_well_formed_and_self_contained(written: tuple[Scenario, Path]) -> None:
    _, out = written
    for page in out.iterdir():
        text = page.read_text(encoding="utf-8")
        parser = parse_html(text)
        lowered = text.lower()
        assert "<script" not in lowered and "<link" not in lowered and "@import" not in lowered
        assert not [attrs for _, attrs in parser.tags if "src" in attrs], f"{page.name} loads an external resource"
        assert "url(" not in lowered
        assert "@page" in text and "break-before: page" in text


def test_role_pages_hold_their_own_secrets_and_no_one_elses(written: tuple[Scenario, Path]) -> None:
    scenario, out = written
    for actor in scenario.playable:
        text = page_text((out / role_file(actor)).read_text(encoding="utf-8"))
        assert squash(actor.confidential_brief) in text
        assert squash(actor.public_brief) in text
        for goal in actor.goals:
            assert squash(goal) in text
        for item in red_line_items(scenario, actor.id):
            assert item in text
        for lever in scenario.levers:
            if lever.owner == actor.id:
                assert lever.name in text and squash(lever.description) in text
        handout = page_text((out / RULES_FILE).read_text(encoding="utf-8"))
        for other in scenario.actors:
            assert squash(other.confidential_brief) not in handout, f"the rules handout leaks {other.id}'s secrets"
            assert squash(other.public_brief) in handout
            if other.id != actor.id:
                assert squash(other.confidential_brief) not in text, f"{actor.id}'s brief leaks {other.id}'s secrets"


def test_teacher_guide_has_every_secret_and_question(written: tuple[Scenario, Path]) -> None:
    scenario, out = written
    text = page_text((out / TEACHER_FILE).read_text(encoding="utf-8"))
    for actor in scenario.actors:
        assert squash(actor.confidential_brief) in text
    teaching = scenario.teaching
    assert teaching is not None, "shipped scenarios carry teaching material"
    for question in teaching.discussion_questions:
        assert squash(question.text) in text
    for objective in teaching.learning_objectives:
        assert squash(objective) in text
    for entry in teaching.glossary:
        assert entry.term in text
    for timing in teaching.timings:
        assert timing.phase in text
    assert "F9" in text and "report" in text and "--from-turn" in text
    assert "Nash bargaining point" in text
    assert (out / TEACHER_FILE).read_text(encoding="utf-8").count("<svg") >= 1


def test_all_roles_file_starts_each_role_on_a_new_page(written: tuple[Scenario, Path]) -> None:
    scenario, out = written
    html = (out / ALL_ROLES_FILE).read_text(encoding="utf-8")
    parse_html(html)
    assert html.count('class="page role"') == len(scenario.playable)


def test_index_links_every_page(written: tuple[Scenario, Path]) -> None:
    scenario, out = written
    parser = parse_html((out / INDEX_FILE).read_text(encoding="utf-8"))
    links = {attrs.get("href") for tag, attrs in parser.tags if tag == "a"}
    assert {role_file(a) for a in scenario.playable} | {TEACHER_FILE, ALL_ROLES_FILE, RULES_FILE} <= links


def test_scenario_text_is_escaped(tmp_path: Path) -> None:
    source = SCENARIOS[0].read_text(encoding="utf-8")
    hacked = tmp_path / "hacked.yaml"
    hacked.write_text(source.replace('short_name: "Kyiv"', "short_name: '<script>x</script>'", 1), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["briefs", "--scenario", str(hacked), "--out", str(out)]) == 0
    for page in out.iterdir():
        text = page.read_text(encoding="utf-8")
        assert "<script>" not in text and "&lt;script&gt;x&lt;/script&gt;" in text
        parse_html(text)


def test_invalid_scenario_exits_2_with_located_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SCENARIOS[0].read_text(encoding="utf-8").replace("turns:", "turnz:", 1), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["briefs", "--scenario", str(bad), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "turnz" in err and "nothing was written" in err
    assert not out.exists()


def test_missing_scenario_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["briefs", "--scenario", str(tmp_path / "nope.yaml"), "--out", str(out)]) == 2
    assert "nope.yaml" in capsys.readouterr().err
    assert not out.exists()
