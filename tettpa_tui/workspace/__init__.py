"""The store and content/ together: what both faces (app and CLI) ask for.

Answers questions that need a department's stored plan *and* the programme's
defaults: its year wheel, its next meeting, its programme year and theme.
No rules live here; they are in the domain, this only wires them up.

`Workspace` is made of one mixin per capability, each in its own module:
core (framework, year wheel, plan, programme), stories, codes (the phone
page's personal codes), meetings, search, overview (year view, participation,
the kindergarten overview), observations and pedagogue (the pedagogue meeting).
A new capability gets a module and a mixin of its own.
"""

from __future__ import annotations

from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.workspace.certification import CertificationMixin
from tettpa_tui.workspace.codes import CodesMixin
from tettpa_tui.workspace.core import ProgrammeStatus, WorkspaceCore
from tettpa_tui.workspace.meetings import MeetingsMixin
from tettpa_tui.workspace.microprojects import MicroProjectsMixin
from tettpa_tui.workspace.observations import ObservationsMixin
from tettpa_tui.workspace.overview import OverviewMixin
from tettpa_tui.workspace.pedagogue import PedagogueMixin
from tettpa_tui.workspace.search import SearchMixin
from tettpa_tui.workspace.stories import StoriesMixin


class Workspace(
    WorkspaceCore,
    StoriesMixin,
    CodesMixin,
    MeetingsMixin,
    SearchMixin,
    OverviewMixin,
    ObservationsMixin,
    PedagogueMixin,
    CertificationMixin,
    MicroProjectsMixin,
):
    """Everything the app, the CLI and the phone page ask of the store and content/."""


__all__ = ["Workspace", "ProgrammeStatus", "StoryStatus"]
