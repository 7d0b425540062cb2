"""The command line's parser: argparse, failing with one line in the user's language.

Imported only when a command is given: `tettpa` alone opens the app without argparse
(a quicker start; tests/app/test_start.py).
"""

from __future__ import annotations

import argparse
import re
from typing import NoReturn

from tettpa_tui.cli.errors import UsageError
from tettpa_tui.i18n import language

_ARGPARSE_NB = [
    (r"the following arguments are required: (.*)", "mangler {0}"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", "ugyldig valg for {0}: {1} (velg blant {2})"),
    (r"unrecognized arguments: (.*)", "ukjent argument: {0}"),
    (r"argument (\S+): expected one argument", "{0} trenger en verdi"),
    (r"argument (\S+): invalid (\S+) value: (.*)", "ugyldig verdi for {0}: {2}"),
    (r"argument (\S+): not allowed with argument (\S+)", "{0} kan ikke brukes sammen med {1}"),
]


_HELP_NB = {
    "usage: ": "bruk: ",
    "positional arguments": "argumenter",
    "options": "valg",
    "show this help message and exit": "vis denne hjelpen og avslutt",
    "show program's version number and exit": "vis versjonen og avslutt",
}


def _translate_argparse() -> None:
    """argparse writes its help headings through gettext; give it the bokmål ones."""
    original = argparse._

    def nb(text: str) -> str:
        if language() != "nb":
            return original(text)
        return _HELP_NB.get(text, original(text))

    argparse._ = nb


_translate_argparse()  # (in English, argparse's own texts are used)


class Parser(argparse.ArgumentParser):
    """argparse that fails with one Norwegian line instead of usage text."""

    def error(self, message: str) -> NoReturn:
        for pattern, text in (_ARGPARSE_NB if language() == "nb" else []):
            m = re.fullmatch(pattern, message)
            if m:
                message = text.format(*m.groups())
                break
        raise UsageError(f"{self.prog}: {message}")
