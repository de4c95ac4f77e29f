"""The app served by ``werkhalle classroom`` (Solara looks up :data:`routes` in this module).

``/`` is a team's page, ``/board`` the lecturer's board; both are in
:mod:`sim.dashboard.classroom_pages`, and the classroom they serve is installed there by
:func:`sim.dashboard.classroom_server.serve` before Solara starts.
"""

from __future__ import annotations

import solara

from sim.dashboard.classroom_pages import BoardPage, ParticipantPage


@solara.component
def Plain(children: list | None = None) -> None:
    """A layout without navigation: participants see no tab to the board."""
    solara.Column(children=children or [], style={"padding": "0", "gap": "0"})


routes = [
    solara.Route(path="/", component=ParticipantPage, label="team", layout=Plain),
    solara.Route(path="board", component=BoardPage, label="board"),
]
"""The two pages."""
