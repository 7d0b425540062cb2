"""Run `tettpa` in this process, as bytes on real text streams: quick enough for large tables.

stdout and stderr are UTF-8 text streams over byte buffers with strict errors,
as on a UTF-8 terminal, so what the CLI writes is checked byte for byte (an
ESC byte, a line break) and a text a terminal could not take fails loudly.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tettpa_tui import i18n
from tettpa_tui.cli import main


@dataclass
class Result:
    code: int
    out: bytes
    err: bytes

    @property
    def err_lines(self) -> list[str]:
        return self.err.decode("utf-8").splitlines()


def _stream(data: bytes = b"") -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict", newline=None, write_through=True)


def tettpa(monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: bytes = b"") -> Result:
    out, err, inp = _stream(), _stream(), _stream(stdin)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdin", inp)
    # The language is process-wide (and set_language exports it to TETTPA_LANG for child
    # processes): both go back to what they were after the test.
    monkeypatch.setenv("TETTPA_LANG", "")
    monkeypatch.delenv("TETTPA_LANG")
    lang = i18n.language()
    try:
        code = main(list(argv))
    finally:
        i18n.set_language(lang)
        monkeypatch.setattr(sys, "stdout", sys.__stdout__)
        monkeypatch.setattr(sys, "stderr", sys.__stderr__)
    return Result(code, out.buffer.getvalue(), err.buffer.getvalue())


def snapshot(root: Path) -> dict[str, bytes]:
    """Every data file under `root` with its bytes (lock files aside: they hold nothing)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".lock"}
