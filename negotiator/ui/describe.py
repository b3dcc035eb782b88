"""Short texts the table shows, built from scenario data: terms, lever effects, option labels. Pure (no pygame)."""

from __future__ import annotations

from collections.abc import Iterable

from negotiator import i18n
from negotiator.i18n import t
from negotiator.scenario.models import Effect, Lever, Scenario
from negotiator.words import count


def option_label(scenario: Scenario, issue_id: str, option_id: str) -> str:
    return scenario.option_label(issue_id, option_id)


def terms_lines(scenario: Scenario, terms: Iterable[tuple[str, str]]) -> list[str]:
    return [f"{scenario.issue(i).name}: {option_label(scenario, i, o)}" for i, o in terms]


def short_name(scenario: Scenario, actor: str | None) -> str:
    return scenario.actor(actor).short_name if actor else ""


def _who(scenario: Scenario, who: str | None, owner: str) -> str:
    if who in (None, "self"):
        return short_name(scenario, owner) if who == "self" else ""
    if who in ("target", "all", "others"):
        return t(f"describe.who.{who}")
    return short_name(scenario, who)


def effect_text(scenario: Scenario, effect: Effect, owner: str) -> str:
    """One effect as a player reads it on a lever card, e.g. `target: Economy -6` ("" for a hidden meter)."""
    scaled = ""
    if effect.scaled_by:
        scale = scenario.meter(effect.scaled_by.meter)
        scaled = t("describe.scaled_hidden") if scale.hidden else t("describe.scaled_by", meter=scale.name)
    if effect.kind == "meter" and effect.meter:
        meter = scenario.meter(effect.meter)
        if meter.hidden:
            return ""
        who = "" if meter.scope == "shared" else _who(scenario, effect.who or "self", owner)
        return f"{who + ': ' if who else ''}{meter.name} {_change(effect.change)}{scaled}"
    if effect.kind == "remove_option":
        return t("describe.off_the_table", option=option_label(scenario, effect.issue or "", effect.option or ""))
    who = _who(scenario, effect.who or "self", owner)
    if effect.kind == "red_line":
        ruled = t("describe.rules_out", option=option_label(scenario, effect.issue or "", effect.option or ""))
        return f"{who + ': ' if who else ''}{ruled}"
    what = t("describe.no_deal_value") if effect.kind == "reservation" else t("describe.deal_value")
    return f"{who + ': ' if who else ''}{what} {_change(effect.change)}{scaled}"


def _change(change: float) -> str:
    """A change as `+4`, `-0.05` (`+g`), with the language's decimal mark."""
    return f"{change:+g}".replace(".", i18n.number(0.5, 1)[1])


def lever_effects(scenario: Scenario, lever: Lever) -> str:
    """Expected effects of a lever (what happens when it works, and its chance), in one line."""
    parts = [t for t in (effect_text(scenario, e, lever.owner) for e in lever.effects) if t]
    costs = [t for t in (effect_text(scenario, e, lever.owner) for e in lever.costs) if t]
    text = "; ".join(parts) or t("describe.no_effect")
    if lever.success_chance < 1:
        text = t("describe.chance", chance=i18n.percent(lever.success_chance), effects=text)
    if costs:
        text += t("describe.costs", costs="; ".join(costs))
    return text


def lever_terms(lever: Lever, uses_left: int | None) -> str:
    """Cost, cooldown and uses in a few words."""
    parts = [t("describe.cost", cost=lever.cost) if lever.cost else t("describe.free")]
    if lever.cooldown:
        parts.append(t("describe.cooldown", turns=lever.cooldown))
    if uses_left is not None:
        parts.append(t("describe.uses_left", uses=count(uses_left, "use")))
    return " · ".join(parts)


def red_line_cost(scenario: Scenario, actor: str) -> str:
    """What breaking a public red line would cost `actor` (the scenario's audience costs), as a phrase,
    e.g. `10 points off your final score, your Domestic support -8 and your International standing -4`."""
    rules = scenario.rules.commitments
    mine = f"{short_name(scenario, actor)}: "
    parts = [t("describe.points_off", points=f"{rules.score_penalty:g}")] if rules.score_penalty else []
    for effect in rules.effects:
        text = effect_text(scenario, effect, actor)
        if text:
            parts.append(t("describe.your", what=text.removeprefix(mine)) if text.startswith(mine) else text)
    if not parts:
        return t("describe.nothing_more")
    return parts[0] if len(parts) == 1 else t("describe.and", first=", ".join(parts[:-1]), last=parts[-1])
