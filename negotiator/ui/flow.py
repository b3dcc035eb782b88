"""The order of screens in a game: setup -> (privacy screen ->) briefing for each human -> the table.

Kept out of the scenes so each scene only says "done" and the path between them is written once. With
several humans, each private screen is *replaced* (not stacked) so nothing of one player's view survives
beneath the next player's.
"""

from __future__ import annotations

import importlib

from negotiator.i18n import t
from negotiator.ui.app import App
from negotiator.ui.session import Session


def begin_briefings(app: App, session: Session) -> None:
    show_briefing(app, session, 0, replace=False)


def show_briefing(app: App, session: Session, index: int, *, replace: bool = True) -> None:
    from negotiator.ui.scenes.briefing import BriefingScene
    from negotiator.ui.scenes.privacy import PrivacyScreen

    actor = session.humans[index]
    app.speak(session.language_of(actor))  # each player's screens in the language they chose at setup
    briefing = BriefingScene(app, session, actor, index)
    scene = PrivacyScreen(app, session, actor, then=briefing) if session.hotseat else briefing
    (app.replace if replace else app.push)(scene)


def after_briefing(app: App, session: Session, index: int) -> None:
    if index + 1 < len(session.humans):
        show_briefing(app, session, index + 1)
    else:
        start_table(app, session)


def start_table(app: App, session: Session) -> None:
    """Open the negotiating table, leaving only the title beneath it."""
    module = importlib.import_module("negotiator.ui.scenes.table")  # imported late: the table imports the flow
    while len(app.stack) > 1:
        app.pop()
    app.speak(session.shared_language())
    app.push(module.TableScene(app, session))


def start_tutorial(app: App) -> None:
    """How to play's "Play the tutorial": a game in progress is autosaved (Continue resumes it), then the setup
    of the built-in tutorial opens over the title."""
    from negotiator.ui.catalogue import tutorial_entry
    from negotiator.ui.scenes.setup import SetupScene

    entry = tutorial_entry()
    if entry is None or entry.scenario is None:
        app.show_message(t("flow.no_tutorial"), t("flow.no_tutorial.text"))
        return
    saved = app.autosave_all()
    app.reset_to_title()
    app.push(SetupScene(app, entry.path, entry.scenario))
    if saved:
        app.show_message(t("flow.saved"), t("flow.saved.text", name=saved[0].name))
