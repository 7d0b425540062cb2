"""Issue 24, point 6: a small record of who signed in (never a code, never a story), and
one line in the server's log per malformed request."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from datetime import timedelta

import pytest

from tettpa_tui.domain.signins import KEEP_DAYS, SignInEvent, SignInRecord
from tettpa_tui.store.signins import SIGNINS_FILE
from tests.cli.test_cli import run
from tests.web.conftest import GOOD_CODE, NOW, code_page, csrf_of, give_code, sign_in


def events(store, dept) -> list[tuple[str | None, str]]:
    return [(r.staff_id, r.event.value) for r in store.sign_ins(dept, NOW)]


async def test_sign_ins_wrong_codes_locks_and_new_codes_are_recorded(client, store, dept, clock) -> None:
    per = dept.find_member("Per Hansen")
    csrf = await sign_in(client, store, dept, "Per Hansen")  # a start code, then his own
    r = await client.post("/draft", data={"csrf": csrf, "story": "", "month": "", "text": "Hemmelig fortelling."})
    assert r.status == 200
    await client.post("/signout", data={"csrf": csrf})
    for i in range(5):
        html = await code_page(client, per.id)
        await client.post("/code", data={"csrf": csrf_of(html), "staff": per.id, "code": f"gjett nummer {i}"})
    html = await code_page(client, per.id)
    await client.post("/code", data={"csrf": csrf_of(html), "staff": "not-a-person", "code": "x"})
    assert events(store, dept) == [
        (per.id, "start_code"), (per.id, "signed_in"), (per.id, "code_chosen"),
        *[(per.id, "wrong_code")] * 5, (per.id, "locked"), (None, "wrong_code"),
    ]
    assert store.sign_ins(dept, NOW)[-2].seconds == 30
    file = store.department_dir(dept.kindergarten, dept.name) / SIGNINS_FILE
    raw = file.read_text()
    for secret in (GOOD_CODE, "gjett nummer", "Hemmelig", "Per Hansen"):
        assert secret not in raw
    if sys.platform != "win32":
        assert file.stat().st_mode & 0o777 == 0o600


async def test_a_page_signed_out_by_a_new_code_is_recorded(client, store, dept) -> None:
    per = dept.find_member("Per Hansen")
    await sign_in(client, store, dept, "Per Hansen")
    give_code(store, dept, "Per Hansen")
    await client.get("/write")
    assert events(store, dept)[-2:] == [(per.id, "start_code"), (per.id, "ended")]


def test_the_record_keeps_a_set_number_of_days(store, dept) -> None:
    old = SignInRecord(NOW - timedelta(days=KEEP_DAYS + 1), None, SignInEvent.WRONG_CODE)
    store.record_sign_in(dept, old)
    recent = SignInRecord(NOW - timedelta(days=KEEP_DAYS - 1), None, SignInEvent.WRONG_CODE)
    store.record_sign_in(dept, recent)
    store.record_sign_in(dept, SignInRecord(NOW, "x", SignInEvent.SIGNED_IN))
    file = store.department_dir(dept.kindergarten, dept.name) / SIGNINS_FILE
    assert old.at.isoformat() not in file.read_text()  # gone from the file, not only from the list
    assert [r.at for r in store.sign_ins(dept, NOW)] == [recent.at, NOW]


def test_the_leader_reads_it_on_the_command_line(store, dept, data_dir) -> None:
    give_code(store, dept, "Per Hansen")
    proc = run("staff", "signins", dept.path, data=data_dir)
    assert proc.returncode == 0, proc.stderr
    assert "Per Hansen" in proc.stdout and "ny startkode" in proc.stdout
    proc = run("--lang", "en", "staff", "signins", dept.path, "--json", data=data_dir)
    assert '"event": "start_code"' in proc.stdout and '"staff": "Per Hansen"' in proc.stdout


@pytest.mark.parametrize("raw", [
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBroken header kode=hemmelig-fragment\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: x-hemmelig-fragment\r\n\r\n",
    b"GET /\x00hemmelig-fragment HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
])
async def test_a_malformed_request_is_one_line_in_the_log(client, caplog, raw: bytes) -> None:
    caplog.set_level(logging.DEBUG, logger="aiohttp.server")
    reader, writer = await asyncio.open_connection("127.0.0.1", client.port)
    writer.write(raw)
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(4096), 5)
    writer.close()
    assert answer.split(b"\r\n")[0].endswith(b" 400 Bad Request")
    records = [r for r in caplog.records if r.name == "aiohttp.server"]
    assert len(records) == 1
    line = records[0].getMessage()
    assert "\n" not in line and "hemmelig" not in line and "Ugyldig forespørsel" in line
    assert records[0].exc_info is None and "Traceback" not in caplog.text
