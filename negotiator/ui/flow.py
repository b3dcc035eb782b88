"""The order of screens in a game: setup -> (privacy screen ->) briefing for each human -> the table.

Kept out of the scenes so each scene only says "done" and the path between them is written once. With
several humans, each private screen is *replaced* (not stacked) so nothing of one player's view survives
beneath the next player's.
"""

from __future__ import annotations

import importlib

from negotiator.ui.app import App
from negotiator.ui.session import Session


def begin_briefings(app: App, session: Session) -> None:
    show_briefing(app, session, 0, replace=False)


def show_briefing(app: App, session: Session, index: int, *, replace: bool = True) -> None:
    from negotiator.ui.scenes.briefing import BriefingScene
    from negotiator.ui.scenes.privacy import PrivacyScreen

    actor = session.humans[index]
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
    try:
        module = importlib.import_module("negotiator.ui.scenes.table")
    except ModuleNotFoundError:
        app.show_message(
            "The table is being built",
            "Setup and briefings are ready; the negotiating table arrives in the next version of the front end.",
        )
        return
    while len(app.stack) > 1:
        app.pop()
    app.push(module.TableScene(app, session))
