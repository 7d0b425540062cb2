"""Every CLI command against hostile input: one clear line, nothing raw on the terminal, no file changed.

Most runs are in-process (tests/cli/inprocess.py) so the whole table stays
quick; a few run `tettpa` as a subprocess with real bytes that are not UTF-8.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.inprocess import snapshot, tettpa
from tests.cli.test_observation_cli import GOOD as GOOD_SCORES
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.store import Store
from tettpa_tui.store.storage import encode, read_file

DEPT = "Solsikken barnehage/Blåklokka"

HOSTILE = {
    "escape": "\x1b]0;pwned\x07\x1b[2J\x1b[31m",
    "newlines": "a\nb\r\nc\rd\n\n\n",
    "not-utf8": "x\udcff\udcfe",  # how Python hands over argv bytes that are not UTF-8
    "zero-width": "\u200b\u200b\ufeff",
    "bidi": "\u202eabc\u2066d\u2069",
    "1mb": "\x1b[2J" + "x" * 1_000_000,
    "empty": "",
}

# Each command with the hostile text where the command must refuse it ({h}).
# {dept} is the demo department, {story} a good story file, {scores} a good scores file.
COMMANDS = {
    "app": ["--lang", "{h}"],
    "demo": ["demo", "--create-only", "--lang", "{h}"],
    "serve": ["serve", "Solsikken barnehage/{h}"],
    "department create": ["department", "create", "Ny/Avdeling", "--age-group", "toddler", "--staff", "{h}"],
    "department create age": ["department", "create", "Ny/Avdeling", "--age-group", "{h}"],
    "department list": ["department", "list", "{h}"],
    "staff add": ["staff", "add", "{dept}", "Kari", "--role", "{h}"],
    "staff add path": ["staff", "add", "{h}/Blåklokka", "Kari", "--role", "teacher"],
    "dimensions": ["dimensions", "{h}"],
    "plan show": ["plan", "show", "{dept}", "--year", "{h}"],
    "plan set month": ["plan", "set", "{dept}", "{h}", "--dimension", "productivity"],
    "plan set dimension": ["plan", "set", "{dept}", "2027-01", "--dimension", "{h}"],
    "plan set date": ["plan", "set", "{dept}", "2027-01", "--date", "{h}"],
    "story add author": ["story", "add", "{dept}", "--author", "{h}", "--file", "{story}"],
    "story add month": ["story", "add", "{dept}", "--author", "{leader}", "--month", "{h}", "--file", "{story}"],
    "story add dimension": ["story", "add", "{dept}", "--author", "{leader}", "--dimension", "{h}",
                            "--file", "{story}"],
    "story add file": ["story", "add", "{dept}", "--author", "{leader}", "--file", "{h}"],
    "story list author": ["story", "list", "{dept}", "--author", "{h}"],
    "story list month": ["story", "list", "{dept}", "--month", "{h}"],
    "story next id": ["story", "next", "{dept}", "{h}"],
    "story check": ["story", "check", "{h}", "--file", "{story}"],
    "meeting list": ["meeting", "list", "Solsikken barnehage/{h}"],
    "meeting show": ["meeting", "show", "{dept}", "{h}"],
    "meeting export": ["meeting", "export", "{dept}", "{h}"],
    "meeting export format": ["meeting", "export", "{dept}", "latest", "--format", "{h}"],
    "observation add date": ["observation", "add", "{dept}", "--date", "{h}", "--observer", "Eva",
                             "--file", "{scores}"],
    "observation add observer": ["observation", "add", "{dept}", "--date", "2026-10-01", "--observer", "{h}",
                                 "--file", "{scores}"],
    "observation add file": ["observation", "add", "{dept}", "--date", "2026-10-01", "--observer", "Eva",
                             "--file", "{h}"],
    "observation list": ["observation", "list", "{h}"],
    "observation add oral": ["observation", "add", "{dept}", "--date", "2026-10-01", "--observer", "Eva",
                             "--external", "--oral-feedback", "{h}", "--file", "{scores}"],
    "observation feedback": ["observation", "feedback", "{dept}", "{h}", "--oral", "2026-11-01"],
    "certification add person": ["certification", "add", "Solsikken barnehage", "--person", "{h}",
                                 "--instrument", "toddler", "--date", "2026-09-01"],
    "certification add date": ["certification", "add", "Solsikken barnehage", "--person", "Ingrid Solberg",
                               "--instrument", "toddler", "--date", "{h}"],
    "certification list": ["certification", "list", "{h}"],
    "microproject add leader": ["microproject", "add", "{dept}", "--leader", "{h}", "--title", "T", "--goal", "G",
                                "--review", "2027-02-01"],
    "microproject add review": ["microproject", "add", "{dept}", "--leader", "{leader}", "--title", "T",
                                "--goal", "G", "--review", "{h}"],
    "microproject list": ["microproject", "list", "{h}"],
    "microproject close": ["microproject", "close", "{dept}", "{h}", "--status", "done"],
    "overview": ["overview", "{h}"],
    "overview year": ["overview", "--all", "--year", "{h}"],
    "search": ["search", "Solsikken barnehage/{h}", "barn"],
    "search text": ["search", "{dept}", "{h}"],
    "check": ["check", "{h}"],
    "department instrument": ["department", "instrument", "{dept}", "{h}"],
    "staff code": ["staff", "code", "{dept}", "{h}"],
    "staff leave": ["staff", "leave", "{dept}", "{h}"],
    "staff signins": ["staff", "signins", "Solsikken barnehage/{h}"],
    "retention show": ["retention", "show", "Solsikken barnehage/{h}"],
    "retention apply": ["retention", "apply", "Solsikken barnehage/{h}", "--dry-run"],
    "retention set": ["retention", "set", "{dept}", "--used-months", "{h}"],
    "retention log": ["retention", "log", "Solsikken barnehage/{h}"],
    "person export": ["person", "export", "{dept}", "{h}", "-o", "{out}"],
    "person erase": ["person", "erase", "{dept}", "{h}", "--yes"],
    "backup": ["backup", "Solsikken barnehage/{h}", "-o", "{out}/b.tettpa-backup", "--passphrase-stdin"],
    "restore": ["restore", "{h}", "--passphrase-stdin"],
    "report export": ["report", "export", "{h}"],
    "report municipality": ["report", "municipality", "{h}", "-o", "{out}/k.html"],
    "overview reports": ["overview", "--reports", "{h}"],
}

# Commands left out of the table above, and why (every other command must be in it).
NOT_IN_TABLE = {
    "serve": "runs a server; its hostile input is tested in tests/web and tests/cli/test_serve_cli.py",
    "report folder": "any bytes make a valid folder path to choose; its output is checked below",
}

# Where a hostile value is fine as it is (it is only looked for, or it is a valid name once
# its whitespace is tidied), the command may succeed; it still writes nothing raw.
MAY_SUCCEED = {
    ("search text", "escape"), ("search text", "newlines"), ("search text", "bidi"), ("search text", "1mb"),
    ("search text", "zero-width"),
    ("observation add observer", "newlines"),  # a name's whitespace is tidied: "a b c d"
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "data"
    create_demo(Store(root), TODAY)
    return root


@pytest.fixture
def world(template: Path, tmp_path: Path) -> dict[str, str]:
    data = tmp_path / "data"
    shutil.copytree(template, data)
    story = tmp_path / "story.txt"
    story.write_text("Jeg satt med barnet ved bordet og vi snakket om dagen. " * 5, encoding="utf-8")
    scores = tmp_path / "scores.toml"
    scores.write_text(GOOD_SCORES, encoding="utf-8")
    dept = read_file(data / "solsikken-barnehage" / "blaklokka" / "department.json")["department"]["1"]
    leader = next(s["name"] for s in dept["staff"] if s["role"] == "leader")
    out = tmp_path / "out"
    out.mkdir()
    return {"data": str(data), "dept": DEPT, "story": str(story), "scores": str(scores), "leader": leader,
            "out": str(out)}


def _argv(template: list[str], world: dict[str, str], hostile: str) -> list[str]:
    argv = []
    for arg in template:
        for name in ("dept", "story", "scores", "leader", "out"):
            arg = arg.replace("{%s}" % name, world[name])
        argv.append(arg.replace("{h}", hostile))
    return ["--data-dir", world["data"], *argv]


def test_the_table_holds_every_command() -> None:
    """A new command is tried with hostile input too: it must be in COMMANDS (or say why not)."""
    import argparse

    from tettpa_tui.cli import build_parser

    def leaves(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[str]:
        found = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found += leaves(sub, prefix + (name,))
        return found or [" ".join(prefix)]

    tried = {" ".join(arg for arg in argv if not arg.startswith(("-", "{", "S")))  # the command words
             for argv in COMMANDS.values()}
    missing = [cmd for cmd in leaves(build_parser())
               if cmd not in NOT_IN_TABLE and not any(t == cmd or t.startswith(cmd + " ") for t in tried)]
    assert missing == []


@pytest.mark.parametrize("hostile", list(HOSTILE), ids=list(HOSTILE))
@pytest.mark.parametrize("command", list(COMMANDS), ids=list(COMMANDS))
def test_hostile_input_gets_one_clear_line(
    command: str, hostile: str, world: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = Path(world["data"])
    before = snapshot(data)
    result = tettpa(monkeypatch, *_argv(COMMANDS[command], world, HOSTILE[hostile]))
    assert b"\x1b" not in result.out and b"\x1b" not in result.err
    for raw in ("\u202e", "\u2066", "\x07", "\r"):
        assert raw.encode() not in result.err
    assert b"Traceback" not in result.err
    if (command, hostile) in MAY_SUCCEED and result.code == 0:
        assert result.err == b""
        return
    else:
        assert result.code in (1, 2), (result.code, result.out[:300], result.err[:300])
        assert len(result.err_lines) == 1, result.err[:1000]
        line = result.err_lines[0]
        assert len(line) <= 800
        assert "uventet" not in line, line  # never "Noe uventet gikk galt"
    assert snapshot(data) == before


# ---- stored text that would steer the terminal -------------------------------------------

EVIL = "\x1b]0;pwned\x07\x1b[2J\u202eevil\u202c\x9b31m\nline2\rX"
EVIL_STORY = EVIL.replace("\r", "\n")  # in a story a lone CR is a line break (domain/linebreaks.py)


def _poison(data: Path) -> None:
    """Put terminal control sequences into every free text the demo stored (notes, goals,
    stories, observers), as a hand-edited or foreign file could hold them."""
    fields = {"text", "note", "goal", "useful", "observer", "summary", "summary_draft", "goals", "actions"}

    def visit(value):
        if isinstance(value, dict):
            return {k: (v + EVIL if k in fields and isinstance(v, str) and v else visit(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [visit(v) for v in value]
        return value

    for path in data.rglob("*.json"):
        raw = json.loads(path.read_bytes())
        meta = raw.pop("_meta")
        poisoned = visit(raw)
        poisoned["_meta"] = meta
        path.write_bytes(encode(poisoned))


PLAIN = [
    ["search", DEPT, "barn"],
    ["search", DEPT, "pwned"],
    ["story", "list", DEPT],
    ["meeting", "list", DEPT],
    ["meeting", "show", DEPT, "{meeting}"],
    ["meeting", "export", DEPT, "latest", "--with-stories"],
    ["meeting", "export", DEPT, "latest", "--with-stories", "--format", "html"],
    ["observation", "list", DEPT],
    ["department", "list"],
    ["plan", "show", DEPT],
    ["overview", "--all"],
]


def _meeting_id(monkeypatch: pytest.MonkeyPatch, data: str) -> str:
    rows = json.loads(tettpa(monkeypatch, "--data-dir", data, "meeting", "list", DEPT, "--json").out)
    return next(r["id"] for r in rows if r["turns"])


@pytest.mark.parametrize("argv", PLAIN, ids=[" ".join(a[:2] + a[4:]) for a in PLAIN])
def test_stored_control_sequences_are_shown_as_symbols(
    argv: list[str], world: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _poison(Path(world["data"]))
    argv = [a.replace("{meeting}", _meeting_id(monkeypatch, world["data"])) for a in argv]
    result = tettpa(monkeypatch, "--data-dir", world["data"], *argv)
    assert result.code == 0, result.err
    shown = result.out.decode("utf-8")
    for raw in ("\x1b", "\x07", "\u202e", "\u202c", "\x9b"):
        assert raw not in shown and raw not in result.err.decode()
    if argv[0] == "search" or argv[:2] in (["meeting", "show"], ["meeting", "export"], ["observation", "list"]):
        assert "␛" in shown and "⇆" in shown  # what was stored is visible, not dropped


@pytest.mark.parametrize("argv", [a for a in PLAIN if "--format" not in a and a[:2] != ["meeting", "export"]],
                         ids=lambda a: " ".join(a[:2]))
def test_json_keeps_the_stored_text_exact(
    argv: list[str], world: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _poison(Path(world["data"]))
    argv = [a.replace("{meeting}", _meeting_id(monkeypatch, world["data"])) for a in argv]
    result = tettpa(monkeypatch, "--data-dir", world["data"], *argv, "--json")
    assert result.code == 0, result.err
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\u202c"):  # JSON escapes them ...
        assert raw.encode() not in result.out
    parsed = json.loads(result.out)
    if argv[0] == "search" or argv[:2] in (["story", "list"], ["meeting", "show"], ["observation", "list"]):
        assert any(v.endswith((EVIL, EVIL_STORY)) for v in _strings(parsed))  # ... and keeps it exactly


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_a_story_with_control_sequences_is_handed_in_and_listed_safely(
    world: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    story = tmp_path / "evil.txt"
    story.write_text("Jeg satt med barnet og vi leste. " * 5 + EVIL, encoding="utf-8")
    added = tettpa(monkeypatch, "--data-dir", world["data"], "story", "add", DEPT, "--author", world["leader"],
                   "--file", str(story))
    assert added.code == 0, added.err
    for argv in (["story", "list", DEPT], ["search", DEPT, "pwned"], ["story", "check", DEPT, "--file", str(story)]):
        result = tettpa(monkeypatch, "--data-dir", world["data"], *argv)
        assert result.code == 0 and b"\x1b" not in result.out + result.err
    listed = json.loads(tettpa(monkeypatch, "--data-dir", world["data"], "story", "list", DEPT, "--json").out)
    assert any(s["text"].endswith(EVIL_STORY) for s in listed)  # kept exactly as handed in (its CR a line break)


@pytest.mark.parametrize("text", ["\u200b\u200b\u200b", "\x00\x00\n", "\ufeff \u2060\u202e"])
def test_a_story_of_only_invisible_characters_is_empty(
    text: str, world: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(Path(world["data"]))
    result = tettpa(monkeypatch, "--data-dir", world["data"], "story", "add", DEPT, "--author", world["leader"],
                    "--file", "-", stdin=text.encode("utf-8"))
    assert result.code == 1 and len(result.err_lines) == 1
    assert "tom" in result.err_lines[0]
    assert snapshot(Path(world["data"])) == before


def test_a_passphrase_that_is_not_utf8_gets_one_line(world: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    result = tettpa(monkeypatch, "--data-dir", world["data"], "backup", DEPT, "-o", world["out"] + "/b.bak",
                    "--passphrase-stdin", stdin=b"\xff\xfe-frase\n")
    assert result.code == 2 and result.err_lines == [
        "Det som kom inn på standard inn, er ikke UTF-8-tekst. Ingenting er endret."]


# ---- a few real processes: bytes that are not UTF-8 on the command line ------------------------

def _run(args: list[bytes], stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {**os.environ, "TETTPA_TODAY": TODAY.isoformat(), "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""}
    return subprocess.run([sys.executable.encode(), b"-m", b"tettpa_tui", *args], input=stdin,
                          capture_output=True, env=env, timeout=60)


@pytest.mark.parametrize("args", [
    [b"observation", b"add", DEPT.encode(), b"--date", b"2026-10-01", b"--observer", b"\xff\xfeEva",
     b"--file", b"{scores}"],
    [b"story", b"add", DEPT.encode(), b"--author", b"Kari\xc3", b"--file", b"{story}"],
    [b"staff", b"add", DEPT.encode(), b"\xe5sa", b"--role", b"teacher"],
    [b"search", DEPT.encode(), b"\x1b[2J\xff"],
], ids=["observer", "author", "staff", "search"])
def test_argv_bytes_that_are_not_utf8(args: list[bytes], world: dict[str, str]) -> None:
    data = Path(world["data"])
    before = snapshot(data)
    args = [a.replace(b"{scores}", world["scores"].encode()).replace(b"{story}", world["story"].encode())
            for a in args]
    proc = _run([b"--data-dir", world["data"].encode(), *args])
    assert proc.returncode == 2, proc
    lines = proc.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and "UTF-8" in lines[0] and b"\x1b" not in proc.stderr
    assert snapshot(data) == before


def test_passphrase_stdin_not_utf8_in_a_real_process(world: dict[str, str]) -> None:
    proc = _run([b"--data-dir", world["data"].encode(), b"backup", DEPT.encode(), b"-o",
                 world["out"].encode() + b"/b.bak", b"--passphrase-stdin"], stdin=b"\xff\xfe\n")
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1
