"""The domain is plain Python: importing it pulls in neither Textual nor TinyDB."""

import subprocess
import sys


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
