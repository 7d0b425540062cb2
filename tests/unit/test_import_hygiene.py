"""The import contract: the domain is plain Python (importing it pulls in neither
Textual nor TinyDB), the layers import one way only, and no modules import each
other (tests/import_graph.py reads the imports from the source)."""

import subprocess
import sys
from pathlib import Path

from tests import import_graph


def test_domain_imports_neither_textual_nor_tinydb() -> None:
    code = (
        "import sys, pkgutil, importlib, tettpa_tui.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__):\n"
        "    importlib.import_module('tettpa_tui.domain.' + m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'tinydb', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_store_does_not_import_textual() -> None:
    code = (
        "import sys, tettpa_tui.store, tettpa_tui.workspace, tettpa_tui.cli\n"
        "print(','.join(sorted(n for n in sys.modules if n.split('.')[0] == 'textual')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_backups_reports_and_the_municipality_page_need_no_textual() -> None:
    code = (
        "import sys, tettpa_tui.store.backup, tettpa_tui.store.shared, tettpa_tui.services.backup,"
        " tettpa_tui.services.rollup_report, tettpa_tui.services.municipality, tettpa_tui.domain.rollup\n"
        "print(','.join(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'tinydb'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_phone_page_server_does_not_import_textual() -> None:
    # One light process serves every phone: no terminal UI is loaded into it.
    code = (
        "import sys, tettpa_tui.web.run, tettpa_tui.web.app, tettpa_tui.cli.serve\n"
        "print(','.join(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_tettpa_alone_opens_the_app_without_building_every_commands_parser(tmp_path) -> None:
    # A quicker start: `tettpa` (with --data-dir and --lang at most) goes straight to the app.
    code = (
        "import sys\n"
        "import tettpa_tui.cli.app as app\n"
        "seen = []\n"
        "app.run_app = lambda store, demo=False: seen.append(store.root) or 0\n"
        "from tettpa_tui.cli import main\n"
        f"assert main(['--lang', 'en', '--data-dir={tmp_path}']) == 0 and len(seen) == 1, seen\n"
        "print(','.join(sorted(n for n in sys.modules if n in ('tettpa_tui.cli.meeting', 'tettpa_tui.cli.backup'))))\n"
        "assert main(['--lang', 'xx']) == 2  # anything else goes to the full parser, which refuses it\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def _say(title: str, lines: list[str]) -> str:
    return f"{title}:\n" + "\n".join("  " + line for line in lines)


def test_no_modules_import_each_other_at_module_level() -> None:
    found = import_graph.edges()
    circles = import_graph.circles(found, {"module"})
    assert not circles, _say("modules that import each other when imported (an import error waiting)",
                             [import_graph.describe(circle, found) for _, circle in circles])


def test_no_circle_even_through_imports_inside_functions_or_for_types() -> None:
    # A lazy (or TYPE_CHECKING) import that closes a circle is still two modules that
    # each need the other: the shared piece goes down a layer, or one side is told by
    # a message, a callback or a protocol.
    found = import_graph.edges()
    circles = import_graph.circles(found, {"module", "lazy", "typing"})
    assert not circles, _say("modules that import each other (through a lazy or typing import too)",
                             [import_graph.describe(circle, found) for _, circle in circles])


def test_the_layers_import_one_way() -> None:
    breaks = import_graph.layer_breaks(import_graph.edges())
    assert not breaks, _say("imports against the layers (tests/import_graph.py, ALLOWED)", breaks)


def _package(tmp_path: Path, files: dict[str, str]) -> dict[str, Path]:
    root = tmp_path / import_graph.PACKAGE
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return import_graph.modules(root)


def test_the_check_finds_a_planted_circle_and_names_it(tmp_path) -> None:
    known = _package(tmp_path, {
        "__init__.py": "",
        "screens/__init__.py": "",
        "screens/a.py": "from tettpa_tui.screens import b\n",
        "screens/b.py": "def later():\n    from tettpa_tui.screens.c import x\n",
        "screens/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from tettpa_tui.screens.a import y\n",
        "screens/d.py": "from tettpa_tui.screens import e\n",
        "screens/e.py": "import tettpa_tui.screens.d\n",
    })
    found = import_graph.edges(known)
    # the module-level circle d <-> e
    assert [group for group, _ in import_graph.circles(found, {"module"})] == [
        ["tettpa_tui.screens.d", "tettpa_tui.screens.e"]]
    # a -> b (module) -> c (lazy) -> a (typing) counts once lazy and typing imports count
    circles = import_graph.circles(found, {"module", "lazy", "typing"})
    said = [import_graph.describe(circle, found) for _, circle in circles]
    assert said[0] == ("tettpa_tui.screens.a -> tettpa_tui.screens.b (module line 1)"
                       " -> tettpa_tui.screens.c (lazy line 2) -> tettpa_tui.screens.a (typing line 3)")
    assert len(said) == 2


def test_the_check_finds_an_import_against_the_layers(tmp_path) -> None:
    known = _package(tmp_path, {
        "__init__.py": "",
        "i18n.py": "",
        "domain/__init__.py": "",
        "domain/rules.py": "def f():\n    from tettpa_tui import i18n\n",
        "store/__init__.py": "",
        "store/files.py": "from tettpa_tui.domain import rules\nfrom tettpa_tui.i18n import t\n",
        "services/__init__.py": "",
        "services/report.py": "from textual.app import App\nfrom tettpa_tui.screens.home import Home\n",
        "screens/__init__.py": "",
        "screens/home.py": "from tettpa_tui.services import report\n",
    })
    assert import_graph.layer_breaks(import_graph.edges(known)) == [
        "tettpa_tui.domain.rules (domain) imports tettpa_tui.i18n (basics), lazy line 2",
        "tettpa_tui.services.report (services) imports tettpa_tui.screens.home (screens), module line 2",
        "tettpa_tui.services.report (services) imports textual (textual), module line 1",
        "tettpa_tui.store.files (store) imports tettpa_tui.i18n (basics), module line 2",
    ]


def test_the_package_root_holds_only_entry_points_and_shared_basics() -> None:
    # Everything else lives in its layer (README, "Kode / Code").
    at_root = {path.stem for path in import_graph.ROOT.glob("*.py")}
    basics = {name.rpartition(".")[2] for name in import_graph.BASICS if name != import_graph.PACKAGE}
    loose = sorted(at_root - {"__init__", "__main__", "app"} - basics)
    assert not loose, f"modules at the package root that belong in a layer: {', '.join(loose)}"
