"""Scenario names read back from a recorded English sentence and shown from a translation: one lookup for the
news (`i18n.news`), the engine's sentences (`i18n.engine_words`) and the AI's reasons (`i18n.reason_words`).

Every lookup tolerates what is not there (an id or a name from another version of the scenario): the callers then
leave the sentence as it was written.
"""

from __future__ import annotations

from negotiator.scenario.models import Scenario


def actor_name(scenario: Scenario, actor: str | None) -> str:
    """The actor's short name (its id when the scenario has no such actor, "" for none)."""
    return next((a.short_name for a in scenario.actors if a.id == actor), actor or "")


def actor_id(scenario: Scenario, name: str) -> str | None:
    """The actor a short name stands for, or None."""
    return next((a.id for a in scenario.actors if a.short_name == name), None)


def issue_name(scenario: Scenario, issue: str) -> str:
    """The issue's name (its id when the scenario has no such issue)."""
    return next((i.name for i in scenario.issues if i.id == issue), issue)


def shown_issue(base: Scenario, shown: Scenario, name: str) -> str | None:
    """`base`'s issue called `name`, as `shown` names it; None when `base` has no issue of that name."""
    issue = next((i for i in base.issues if i.name == name), None)
    return None if issue is None else issue_name(shown, issue.id)


def shown_option(base: Scenario, shown: Scenario, label: str) -> str | None:
    """`base`'s option labelled `label`, as `shown` labels it; None when `base` has no option of that label."""
    for issue in base.issues:
        for option in issue.options:
            if option.label == label:
                return shown.option_label(issue.id, option.id)
    return None
