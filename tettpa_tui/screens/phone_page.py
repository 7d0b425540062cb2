"""The phone page from the leader's side: its address as a QR code, and start codes.

Opened with `b` on the home screen (or the palette). The QR code is the address
of the running `tettpa serve` for this department (serving the whole kindergarten:
this department's own page on it), or, when none runs, the address
`tettpa serve ... --host 0.0.0.0` would have. A start code is made for
the staff member chosen in the list and shown only here, once; the store keeps
only its hash.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from tettpa_tui.domain.records import Department
from tettpa_tui.i18n import t
from tettpa_tui.widgets.literal import literal


def qr_lines(text: str) -> list[str]:
    """`text` as a QR code in half blocks: two rows of modules per line of the terminal.

    Drawn dark on light (the widget's colours), with the quiet zone around it
    that scanners need."""
    import segno

    rows = [list(row) for row in segno.make(text, error="m", micro=False).matrix_iter(scale=1, border=2)]
    if len(rows) % 2:
        rows.append([0] * len(rows[0]))
    glyph = {(0, 0): " ", (1, 0): "▀", (0, 1): "▄", (1, 1): "█"}
    return ["".join(glyph[(bool(a), bool(b))] for a, b in zip(top, bottom))
            for top, bottom in zip(rows[0::2], rows[1::2])]


class SignInsScreen(ModalScreen[None]):
    """The phone page's record of sign-ins, newest first (never a code, never a story)."""

    DEFAULT_CSS = """
    SignInsScreen { align: center middle; }
    SignInsScreen > Vertical {
        width: 100; max-width: 100%; height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    SignInsScreen VerticalScroll { height: 1fr; }
    SignInsScreen .buttons { height: auto; align-horizontal: right; }
    """
    BINDINGS = [Binding("escape", "close", t("keys.close"), id="close")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll():
                yield Static(Content(self.text), id="lines")
            with Horizontal(classes="buttons"):
                yield Button(literal(t("keys.close")), id="close")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)


class PhonePageScreen(ModalScreen[None]):
    """The address to scan at the meeting, and a start code for each staff member."""

    DEFAULT_CSS = """
    PhonePageScreen { align: center middle; }
    PhonePageScreen > Vertical {
        width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    PhonePageScreen #title { text-style: bold; }
    PhonePageScreen .hint { color: $text-muted; }
    PhonePageScreen VerticalScroll { height: auto; max-height: 100%; }
    PhonePageScreen #columns { height: auto; }
    PhonePageScreen #qr { width: auto; height: auto; color: #000000; background: #ffffff; margin-right: 2; }
    PhonePageScreen #side { width: 1fr; height: auto; }
    PhonePageScreen OptionList { height: auto; max-height: 10; }
    PhonePageScreen #code { display: none; margin-bottom: 1; padding: 0 1; border: tall $success; }
    PhonePageScreen #code.shown { display: block; }
    PhonePageScreen #url { text-style: bold; }
    PhonePageScreen .buttons { height: auto; align-horizontal: right; }
    PhonePageScreen .buttons Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("escape", "close", t("keys.close"), id="close"),
        Binding("k", "give_code", t("phone_page.give_key"), id="give_code"),
        Binding("l", "sign_ins", t("phone_page.signins_key"), id="sign_ins"),
    ]

    def __init__(self, department: Department, staff_id: str | None = None, port: int = 8000) -> None:
        super().__init__()
        self.department = department
        self.staff_id = staff_id
        self.port = port

    def address(self) -> tuple[str, str]:
        """The page's address, and the page's state: "department" or "kindergarten" (a server
        runs for this department, or one for every department of the kindergarten), "local_only"
        (it runs, but on this machine only: a phone cannot reach 127.0.0.1; the address shown is
        the one it gets with --host 0.0.0.0), or "" (none runs)."""
        from urllib.parse import urlsplit

        from tettpa_tui.domain.access import is_loopback
        from tettpa_tui.web.run import expected_address, served_page

        running = served_page(self.app.store, self.department)
        if running is None:
            return expected_address(self.port), ""
        url, whole = running
        parts = urlsplit(url)
        if is_loopback(parts.hostname or ""):
            return expected_address(parts.port or self.port), "local_only"
        return url, "kindergarten" if whole else "department"

    def _state(self, url: str, running: str) -> str:
        if running == "local_only":
            return t("phone_page.local_only", path=self.department.path)
        if running == "kindergarten":
            base = url.rsplit("/d/", 1)[0]
            return t("phone_page.kindergarten.running", url=base, department=self.department.name)
        if running:
            return t("phone_page.running")
        return t("phone_page.not_running", path=self.department.path) + "\n" + t(
            "phone_page.kindergarten.not_running", kindergarten=self.department.kindergarten)

    def compose(self) -> ComposeResult:
        url, state = self.address()
        with Vertical():
            yield Static(Content(t("phone_page.title", department=self.department.path)), id="title")
            yield Static(Content(""), id="code")
            with VerticalScroll():
                with Horizontal(id="columns"):
                    yield Static(Content("\n".join(qr_lines(url))), id="qr")
                    with Vertical(id="side"):
                        yield Static(Content(url), id="url")
                        yield Static(Content(self._state(url, state)), classes="hint", id="state")
                        # What travels in clear text without TLS, said plainly, and how to serve with it.
                        yield Static(Content(t("phone_page.encrypted") if url.startswith("https:")
                                             else t("phone_page.plain")),
                                     classes="hint", id="tls")
                        yield Static(Content(t("phone_page.codes_intro")), classes="hint")
                        yield OptionList(*self._options(), id="staff")
            with Horizontal(classes="buttons"):
                yield Button(literal(t("phone_page.give")), variant="primary", id="give")
                yield Button(literal(t("phone_page.signins_button")), id="sign-ins")
                yield Button(literal(t("keys.close")), id="close")

    def _sign_ins(self) -> str:
        """The newest lines of the page's record of sign-ins (all of it: `tettpa staff signins`)."""
        from tettpa_tui.domain.signins import KEEP_DAYS
        from tettpa_tui.messages import sign_in_line

        try:
            records = self.app.store.sign_ins(self.department, self.app.now())
        except Exception:  # noqa: BLE001 - an unreadable record is said by `tettpa check`
            records = []
        names = {m.id: m.name for m in self.department.staff}
        lines = [sign_in_line(r, names) for r in reversed(records)]
        return "\n".join([t("phone_page.signins", days=KEEP_DAYS, path=self.department.path), "",
                          *(lines or [t("signins.none")])])

    def _options(self) -> list[Option]:
        try:
            codes = self.app.store.staff_codes(self.department)
        except Exception:  # noqa: BLE001 - an unreadable file is said when a code is given
            codes = {}
        options = []
        for m in self.department.active_staff:
            kind = codes[m.id].kind if m.id in codes else "none"
            options.append(Option(Content(t(f"phone_page.has_{kind}", name=m.name)), id=m.id))
        return options

    def on_mount(self) -> None:
        staff = self.query_one("#staff", OptionList)
        ids = [m.id for m in self.department.active_staff]
        if self.staff_id in ids:
            staff.highlighted = ids.index(self.staff_id)
        elif ids:
            staff.highlighted = 0
        staff.focus()

    @on(Button.Pressed, "#give")
    def _give(self) -> None:
        self.action_give_code()

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#sign-ins")
    def _sign_ins_pressed(self) -> None:
        self.action_sign_ins()

    def action_sign_ins(self) -> None:
        self.app.push_screen(SignInsScreen(self._sign_ins()))

    @on(OptionList.OptionSelected, "#staff")
    def _chosen(self) -> None:
        self.action_give_code()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_give_code(self) -> None:
        staff = self.query_one("#staff", OptionList)
        if staff.highlighted is None:
            return
        option = staff.get_option_at_index(staff.highlighted)
        member = self.department.member(option.id or "")
        now = self.app.now()
        code, error = self.app.try_call(lambda: self.app.workspace.give_start_code(self.department, member, now))
        if error is not None:
            self.app.notify(error, severity="error", markup=False, timeout=12)
            return
        shown = self.query_one("#code", Static)
        shown.update(Content(t("codes.given", name=member.name, code=code) + "\n" + t("codes.given_hint")))
        shown.add_class("shown")
        keep = staff.highlighted
        staff.clear_options()
        staff.add_options(self._options())
        staff.highlighted = keep
