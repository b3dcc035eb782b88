"""The translation layer: complete catalogues, plural forms and number formats right for each language, the
pseudo-locale, and per-block languages (one seat's text in its own language)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from negotiator import i18n
from negotiator.i18n import plurals
from negotiator.words import count, count_key

ROOT = Path(__file__).resolve().parent.parent


def _texts(message: i18n.Message) -> list[str]:
    return [message] if isinstance(message, str) else list(message.values())


def test_every_key_exists_in_every_language() -> None:
    english = set(i18n.catalogue("en"))
    for lang in i18n.LANGUAGES:
        keys = set(i18n.catalogue(lang))
        assert keys == english, (lang, sorted(english - keys)[:10], sorted(keys - english)[:10])


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_translations_fill_in_the_same_placeholders_and_plural_forms(lang: str) -> None:
    english = i18n.catalogue("en")
    for key, message in i18n.catalogue(lang).items():
        wanted = set().union(*(i18n.placeholders(text) for text in _texts(english[key])))
        for text in _texts(message):
            assert i18n.placeholders(text) <= wanted, (lang, key, text)
            assert text.strip(), (lang, key)
            edges = {(e[: len(e) - len(e.lstrip())], e[len(e.rstrip()) :]) for e in _texts(english[key])}
            assert (text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]) in edges, (lang, key)
        assert isinstance(message, dict) == isinstance(english[key], dict), (lang, key)
        if isinstance(message, dict):
            assert set(plurals.REQUIRED[lang]) <= set(message), (lang, key)
            assert set(plurals.REQUIRED["en"]) <= set(english[key]), key
        elif lang != "en":
            assert set(i18n.placeholders(message)) == wanted, (lang, key, message)


def test_untranslated_text_is_not_left_in_english() -> None:
    """A Ukrainian or Russian message identical to the English one must be a name, a number or a symbol."""
    english = i18n.catalogue("en")
    for lang in ("uk", "ru"):
        same = [k for k, m in i18n.catalogue(lang).items() if m == english[k] and any(c.isalpha() for c in str(m))]
        allowed = {k for k in same if str(english[k]).strip("{}").isupper() or str(english[k]) in _NAMES}
        assert set(same) <= allowed, (lang, sorted(set(same) - allowed))


_NAMES = {"NEGOTIATOR", "F1", "F11", "Esc", "Enter", "OK", "PIN", "CSV", "HTML", "JSON", "YAML"}


@pytest.mark.parametrize(
    ("n", "uk", "ru"),
    [
        (0, "0 пропозицій", "0 предложений"),
        (1, "1 пропозиція", "1 предложение"),
        (2, "2 пропозиції", "2 предложения"),
        (4, "4 пропозиції", "4 предложения"),
        (5, "5 пропозицій", "5 предложений"),
        (11, "11 пропозицій", "11 предложений"),
        (12, "12 пропозицій", "12 предложений"),
        (14, "14 пропозицій", "14 предложений"),
        (21, "21 пропозиція", "21 предложение"),
        (22, "22 пропозиції", "22 предложения"),
        (25, "25 пропозицій", "25 предложений"),
        (101, "101 пропозиція", "101 предложение"),
        (111, "111 пропозицій", "111 предложений"),
    ],
)
def test_counts_take_the_east_slavic_plural_forms(n: int, uk: str, ru: str) -> None:
    assert count(n, "offer", lang="uk") == uk
    assert count(n, "offer", lang="ru") == ru
    assert count(n, "offer", lang="en") == (f"{n} offer" if n == 1 else f"{n} offers")


def test_plural_categories_follow_cldr() -> None:
    assert [plurals.category(n, "ru") for n in (1, 2, 5, 11, 21, 1.5)] == ["one", "few", "many", "many", "one", "other"]
    assert [plurals.category(n, "en") for n in (0, 1, 2)] == ["other", "one", "other"]


def test_the_current_language_applies_and_using_restores_it() -> None:
    assert count(3, "turn") == "3 turns"
    with i18n.using("uk"):
        assert count(3, "turn") == "3 ходи"
        with i18n.using("ru"):
            assert count(3, "turn") == "3 хода"
        assert i18n.current() == "uk"
    assert i18n.current() == "en"
    i18n.set_language("ru")
    assert count(1, "more turn") == "ещё 1 ход"
    with pytest.raises(i18n.TranslationError, match="unknown language 'de'"):
        i18n.set_language("de")


def test_numbers_are_written_the_way_each_language_writes_them() -> None:
    assert i18n.number(1234.5, 1, "en") == "1,234.5"
    assert i18n.number(1234.5, 1, "uk") == "1\u00a0234,5"
    assert i18n.number(-0.05, 2, "ru") == "-0,05"
    assert i18n.number(0.05, 2, "uk", sign=True) == "+0,05"
    assert i18n.number(7, lang="ru") == "7"
    assert i18n.percent(0.72, lang="en") == "72%"
    assert i18n.percent(0.72, lang="ru") == "72\u00a0%"
    assert count(1000, "offer", lang="uk") == "1\u00a0000 пропозицій"


def test_a_missing_key_or_value_is_an_error_naming_it() -> None:
    with pytest.raises(i18n.TranslationError, match=r"no text for .no\.such\.key."):
        i18n.t("no.such.key")
    with pytest.raises(i18n.TranslationError, match=r"count\.offer. is a counted phrase"):
        i18n.t("count.offer")


def test_the_pseudo_locale_is_longer_accented_and_still_formats() -> None:
    english = i18n.catalogue("en")
    pseudo = i18n.catalogue(i18n.PSEUDO)
    assert set(pseudo) == set(english)
    for key, message in english.items():
        if key in i18n.FIXED:
            assert pseudo[key] == message
            continue
        for text, fake in zip(_texts(message), _texts(pseudo[key]), strict=True):
            assert len(fake) >= len(text) + 0.35 * len(re.sub(r"\{[^{}]*\}|<[^<>]*>", "", text)), key
            assert i18n.placeholders(fake) == i18n.placeholders(text), key
            assert not fake.isascii(), key
    assert i18n.pseudo("<b>{name}</b> &amp; more").startswith("[<b>{name}</b> &amp; ɱöŕé")
    assert count(2, "offer", lang=i18n.PSEUDO).startswith("[2 öfféŕš")


def test_every_counted_word_in_the_code_has_a_catalogue_entry() -> None:
    """`words.count(n, 'word')` with a word no catalogue has would read as English in every language."""
    missing = []
    for path in (ROOT / "negotiator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "count":
                word = node.args[1] if len(node.args) > 1 else None
                if isinstance(word, ast.Constant) and not i18n.has(count_key(word.value), "en"):
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {word.value!r}")
    assert not missing, missing


def test_news_is_rendered_again_in_the_readers_language() -> None:
    from negotiator.engine.records import LogEntry
    from negotiator.i18n.news import translated_entry
    from negotiator.scenario import load_scenario

    scenario = load_scenario(ROOT / "scenarios" / "tutorial.yaml")
    uk = scenario.translated("uk")
    worked = LogEntry(
        2, "levers", "lever", "x", "union", data={"lever": "strike", "target": "authority", "success": True}
    )
    assert translated_entry(worked, scenario, uk).text == (
        "Профспілка зупиняє автобуси на день; Управління має справу з розлюченими пасажирами."
    )
    failed = LogEntry(2, "levers", "lever", "x", "authority", data={"lever": "authority_statement", "success": False})
    assert translated_entry(failed, scenario, uk).text == "Заява для преси: спроба (Управління) не вдається."
    news = LogEntry(3, "events", "event", scenario.events[0].news, None, data={"event": scenario.events[0].id})
    assert translated_entry(news, scenario, uk).text == uk.events[0].news
    ending = LogEntry(6, "end", "ending", scenario.rules.deadline_text or "", None)
    assert translated_entry(ending, scenario, uk).text == uk.rules.deadline_text
    offer = LogEntry(1, "moves", "offer", "Union offers #1 to Authority: ...", "union")
    assert translated_entry(offer, scenario, uk) is offer  # the engine's own words: as written
    assert translated_entry(worked, scenario, scenario) is worked


# Every screen reads its words from the catalogues (issue 16): none of them may be written in the code. Every module
# of the window and the two terminals a player reads (text mode, a joined seat) is checked.
CONVERTED = sorted(
    str(path.relative_to(ROOT))
    for path in [*(ROOT / "negotiator" / "ui").rglob("*.py"), *(ROOT / "negotiator" / "commands").glob("*.py")]
    if path.parent.name != "commands" or path.stem in ("text", "join")
)
SHOWN_BY = {"label", "button", "Choice", "set_tooltip", "show_message", "say", "set_text", "UILabel", "UIButton"}
SHOWN_AS = {"tooltip", "tool_tip_text", "placeholder_text", "heading", "text"}


def _words(node: ast.AST) -> list[str]:
    """The literal words in an expression (a string, or the fixed parts of an f-string), if any."""
    parts = [node] if isinstance(node, ast.Constant) else list(getattr(node, "values", []))
    found = [p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str)]
    return [w for w in found if re.search(r"[A-Za-z]{2,}", w) and not w.startswith(("#", "@", "<"))]


@pytest.mark.parametrize("module", CONVERTED)
def test_no_shown_string_in_a_converted_screen_bypasses_the_catalogues(module: str) -> None:
    leaks = []
    for node in ast.walk(ast.parse((ROOT / module).read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        shown = list(node.args[1:] if name == "Choice" else node.args) if name in SHOWN_BY else []  # Choice(key, ...)
        shown += [k.value for k in node.keywords if k.arg in SHOWN_AS]
        for arg in shown:
            leaks += [f"{module}:{node.lineno} {w!r}" for w in _words(arg)]
    assert not leaks, leaks


def test_the_bypass_check_finds_a_leak(tmp_path: Path) -> None:
    tree = ast.parse('self.label("Set up the game", rect)\nself.button(t("x"), tooltip=f"Back to {x}")')
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)]
    found = [w for c in calls for a in [*c.args, *(k.value for k in c.keywords)] for w in _words(a)]
    assert found == ["Set up the game", "Back to "]


def test_the_outcome_is_recorded_in_english_and_read_in_any_language() -> None:
    from negotiator.engine import new_game, view
    from negotiator.engine.ai import make_ai
    from negotiator.i18n.news import outcome_summary
    from negotiator.scenario import load_scenario

    scenario = load_scenario(ROOT / "scenarios" / "tutorial.yaml")
    ais = {a.id: make_ai(scenario, a.id, seed=4) for a in scenario.negotiators}
    state = new_game(scenario, seed=4)
    while not state.is_over():
        state = state.apply(ais[state.current_actor].decide(view(state, state.current_actor)))  # type: ignore[index,arg-type]
    with i18n.using("uk"):  # the window's language never reaches the record
        outcome = state.outcome()
    assert outcome is not None and outcome.summary.startswith("After ")
    assert outcome_summary(outcome, state, scenario) == outcome.summary  # the English reading is the record
    uk = outcome_summary(outcome, state, scenario.translated("uk"))
    assert uk.startswith("Після: ") and "Рахунок: " in uk and "Scores" not in uk


def test_the_short_budget_line_counts_offers_in_the_right_form() -> None:
    """The table's narrow budget line said "1 offers left": it is a counted phrase now."""
    from negotiator.i18n import plural

    assert plural("table.budget.short", 1, lang="en", points=2) == "2 AP · 1 offer left"
    assert plural("table.budget.short", 3, lang="en", points=2) == "2 AP · 3 offers left"
