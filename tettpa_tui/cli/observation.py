"""`tettpa observation ...`: CLASS observations recorded and listed."""

from __future__ import annotations

import argparse
from pathlib import Path

from tettpa_tui.cli.common import group, leaf, now, out, print_json, workspace
from tettpa_tui.domain.calendar import parse_date
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.i18n import language as lang
from tettpa_tui.i18n import decimal, t
from tettpa_tui.store.errors import os_reason


def register(sub) -> None:
    obs = group(sub, "observation")
    oadd = leaf(obs, "add", "observation_add", cmd_observation_add)
    oadd.add_argument("--date", required=True, metavar=t("cli.metavar.date"))
    oadd.add_argument("--observer", required=True, metavar=t("cli.metavar.name"))
    oadd.add_argument("--file", required=True, metavar=t("cli.metavar.scores"))
    oadd.add_argument("--instrument", choices=["toddler", "pre-k"])
    oadd.add_argument("--external", action="store_true", help=t("cli.help.observation_external"))
    oadd.add_argument("--oral-feedback", metavar=t("cli.metavar.date"), help=t("cli.help.observation_oral"))
    leaf(obs, "list", "observation_list", cmd_observation_list, json=True)
    ofb = leaf(obs, "feedback", "observation_feedback", cmd_observation_feedback)
    ofb.add_argument("id", metavar=t("cli.metavar.observation_id"))
    ofb.add_argument("--oral", required=True, metavar=t("cli.metavar.date"), help=t("cli.help.observation_oral"))


def read_scores(file: str) -> list[dict[str, object]]:
    """The [[cycle]] tables of a scores file: one table per cycle, `dimension-id = score`."""
    import tomllib

    try:
        raw = Path(file).read_bytes()
    except FileNotFoundError:
        raise DomainError("error.file_missing", path=file) from None
    except OSError as exc:
        raise DomainError("error.file_unreadable", path=file, reason=os_reason(exc)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DomainError("error.not_utf8", path=file) from None
    except tomllib.TOMLDecodeError as exc:
        raise DomainError("error.scores_file", path=file, detail=str(exc)) from None
    cycles = data.get("cycle")
    if not isinstance(cycles, list) or not all(isinstance(c, dict) for c in cycles):
        raise DomainError("error.scores_file", path=file, detail="cycle")
    return cycles


def observation_json(ws, o) -> dict:
    res = ws.results(o)
    return {"id": o.id, "date": o.date.isoformat(), "observer": o.observer, "instrument": o.instrument.value,
            "external": o.external, "oral_feedback": o.oral_feedback.isoformat() if o.oral_feedback else None,
            "cycles": [dict(c) for c in o.cycles], "complete_cycles": res.complete,
            # rounded here, for reading: the means themselves are kept exact
            "dimensions": {d: round(v, 2) for d, v in res.dimensions.items()},
            "domains": {d: round(v, 2) for d, v in res.domains.items()}}


def cmd_observation_add(args: argparse.Namespace) -> int:
    from tettpa_tui.domain.observation import Instrument

    store, ws = workspace(args)
    dept = store.department(args.path)
    day = parse_date(args.date)
    cycles = read_scores(args.file)
    instrument = Instrument.parse(args.instrument) if args.instrument else None
    oral = parse_date(args.oral_feedback) if args.oral_feedback is not None else None
    obs = ws.record_observation(dept, day, args.observer, cycles, now(), instrument, args.external, oral)
    out(obs.id)
    return 0


def cmd_observation_feedback(args: argparse.Namespace) -> int:
    """Record the day the whole department got the oral feedback on an observation."""
    store, ws = workspace(args)
    dept = store.department(args.path)
    found = next((o for o in store.observations(dept) if o.id == args.id.strip()), None)
    if found is None:
        raise DomainError("error.observation_unknown", id=args.id)
    ws.set_oral_feedback(dept, found, parse_date(args.oral))
    out(t("obs.oral_feedback_saved", date=parse_date(args.oral).strftime("%d.%m.%Y")))
    return 0


def cmd_observation_list(args: argparse.Namespace) -> int:
    store, ws = workspace(args)
    dept = store.department(args.path)
    found = store.observations(dept)
    if args.json:
        print_json([observation_json(ws, o) for o in found])
        return 0
    if not found:
        out(t("cli.no_observations"))
    for o in found:
        res = ws.results(o)
        domains = "  ".join(f"{ws.framework.domain(d).name(lang())}: {decimal(v, 2)}" for d, v in res.domains.items())
        who = f"{o.observer} ({t('obs.external') if o.external else t('obs.internal')})"
        oral = f"{t('obs.oral_feedback')}: {o.oral_feedback.isoformat() if o.oral_feedback else '–'}"
        out(f"{o.id}  {o.date.isoformat()}  {who}  {o.instrument.value}  {domains}  ·  {oral}")
    return 0
