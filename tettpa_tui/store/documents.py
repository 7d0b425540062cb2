"""Records <-> documents: each record as the JSON document it is kept as, and back."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tettpa_tui.domain.calendar import MeetingRule, YearMonth
from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.domain.linebreaks import repair_pasted
from tettpa_tui.domain.records import AgeGroup, Department, Role, StaffMember
from tettpa_tui.domain.stories import Story, StoryStatus

if TYPE_CHECKING:  # imported where used: not needed to start the app
    from tettpa_tui.domain.cooperation import CooperationMeeting
    from tettpa_tui.domain.meeting import Event, Meeting
    from tettpa_tui.domain.observation import DevelopmentPlan, Observation


def staff_to_doc(s: StaffMember) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "role": s.role.value, "active": s.active}


def staff_from_doc(d: dict[str, Any]) -> StaffMember:
    return StaffMember(id=d["id"], name=d["name"], role=Role(d["role"]), active=d.get("active", True))


def rule_to_doc(r: MeetingRule) -> dict[str, Any]:
    return {"kind": r.kind, "weekday": r.weekday, "nth": r.nth, "day": r.day}


def department_to_doc(dept: Department) -> dict[str, Any]:
    return {
        "kindergarten": dept.kindergarten,
        "name": dept.name,
        "age_group": dept.age_group.value,
        "created": dept.created.isoformat() if dept.created else None,
        "staff": [staff_to_doc(s) for s in dept.staff],
        "kind": dept.kind,
        # Optional (files written before it was kept have none: Pre-K for a mixed department).
        "instrument": dept.instrument_choice.value if dept.instrument_choice else None,
        "hand_in_days": dept.hand_in_days,
    }


def department_from_doc(d: dict[str, Any]) -> Department:
    return Department(
        kindergarten=d["kindergarten"],
        name=d["name"],
        age_group=AgeGroup(d["age_group"]),
        staff=tuple(staff_from_doc(s) for s in d.get("staff", [])),
        created=date.fromisoformat(d["created"]) if d.get("created") else None,
        kind=d.get("kind", "department"),
        instrument_choice=_instrument(d.get("instrument")),
        hand_in_days=d.get("hand_in_days", 3) if isinstance(d.get("hand_in_days"), int) else 3,
    )


def _instrument(value: str | None) -> Instrument | None:
    try:
        return Instrument(value) if value else None
    except ValueError:  # not one this version knows: the department's default
        return None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def story_to_doc(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "author": story.author_id,
        "month": str(story.month),
        "dimension": story.dimension_id,
        "text": story.text,
        "status": story.status.value,
        "created_at": story.created_at.isoformat(timespec="seconds"),
        "updated_at": story.updated_at.isoformat(timespec="seconds"),
        "submitted_at": story.submitted_at.isoformat(timespec="seconds") if story.submitted_at else None,
        "entered_by": story.entered_by,
        "used_in": story.used_in,
        **({"erased_on": story.erased_on.isoformat()} if story.erased_on else {}),
        **({"revised_at": story.revised_at.isoformat(timespec="seconds")} if story.revised_at else {}),
    }


def story_from_doc(d: dict[str, Any]) -> Story:
    return Story(
        id=d["id"],
        author_id=d["author"],
        month=YearMonth.parse(d["month"]),
        dimension_id=d["dimension"],
        text=repair_pasted(d["text"]),  # line breaks a paste once left as ␍, back
        status=StoryStatus(d["status"]),
        created_at=datetime.fromisoformat(d["created_at"]),
        updated_at=datetime.fromisoformat(d["updated_at"]),
        submitted_at=_dt(d.get("submitted_at")),
        entered_by=d.get("entered_by"),
        used_in=d.get("used_in"),
        erased_on=date.fromisoformat(d["erased_on"]) if d.get("erased_on") else None,
        revised_at=_dt(d.get("revised_at")),
    )


def meeting_to_doc(m: Meeting) -> dict[str, Any]:
    return {
        "id": m.id, "month": str(m.month), "date": m.date.isoformat(), "dimension": m.dimension_id,
        "facilitator": m.facilitator_id, "present": list(m.present), "guests": list(m.guests),
        "created_at": m.created_at.isoformat(timespec="seconds") if m.created_at else None, "status": m.status,
        "summary_draft": m.summary_draft,
        **({"note_draft": m.note_draft} if m.note_draft else {}),
        "facilitator_turns": m.facilitator_turns,
        "alive_at": m.alive_at.isoformat(timespec="seconds") if m.alive_at else None,
        "discarded_at": m.discarded_at.isoformat(timespec="seconds") if m.discarded_at else None,
    }


def meeting_from_doc(d: dict[str, Any]) -> Meeting:
    from tettpa_tui.domain.meeting import Meeting

    return Meeting(
        id=d["id"], month=YearMonth.parse(d["month"]), date=date.fromisoformat(d["date"]),
        dimension_id=d["dimension"], facilitator_id=d["facilitator"], present=tuple(d["present"]),
        guests=tuple(d.get("guests", [])), created_at=_dt(d.get("created_at")), status=d.get("status", "running"),
        summary_draft=d.get("summary_draft", ""), note_draft=d.get("note_draft", ""),
        facilitator_turns=d.get("facilitator_turns", True),
        alive_at=_dt(d.get("alive_at")), discarded_at=_dt(d.get("discarded_at")),
    )


def event_to_doc(meeting_id: str, e: Event) -> dict[str, Any]:
    return {"meeting": meeting_id, "seq": e.seq, "kind": e.kind, "at": e.at.isoformat(timespec="seconds"),
            "data": e.data}


def event_from_doc(d: dict[str, Any]) -> Event:
    from tettpa_tui.domain.meeting import Event

    return Event(seq=d["seq"], kind=d["kind"], at=datetime.fromisoformat(d["at"]), data=d.get("data", {}))


def observation_to_doc(o: Observation) -> dict[str, Any]:
    return {"id": o.id, "date": o.date.isoformat(), "observer": o.observer, "instrument": o.instrument.value,
            "cycles": [dict(c) for c in o.cycles],
            "created_at": o.created_at.isoformat(timespec="seconds") if o.created_at else None,
            "external": o.external, "oral_feedback": o.oral_feedback.isoformat() if o.oral_feedback else None}


def observation_from_doc(d: dict[str, Any]) -> Observation:
    from tettpa_tui.domain.observation import Observation

    return Observation(id=d["id"], date=date.fromisoformat(d["date"]), observer=d["observer"],
                       instrument=Instrument(d["instrument"]), cycles=tuple(dict(c) for c in d["cycles"]),
                       created_at=_dt(d.get("created_at")),
                       # optional: files written before they were kept have neither
                       external=bool(d.get("external", False)),
                       oral_feedback=date.fromisoformat(d["oral_feedback"]) if d.get("oral_feedback") else None)


def plan_to_doc(p: DevelopmentPlan) -> dict[str, Any]:
    return {"id": p.id, "observation": p.observation_id, "focus": list(p.focus), "goals": p.goals,
            "actions": p.actions, "review": p.review.isoformat(),
            "created_at": p.created_at.isoformat(timespec="seconds") if p.created_at else None}


def plan_from_doc(d: dict[str, Any]) -> DevelopmentPlan:
    from tettpa_tui.domain.observation import DevelopmentPlan

    return DevelopmentPlan(id=d["id"], observation_id=d["observation"], focus=tuple(d["focus"]), goals=d["goals"],
                           actions=d.get("actions", ""), review=date.fromisoformat(d["review"]),
                           created_at=_dt(d.get("created_at")))


def cooperation_to_doc(m: CooperationMeeting) -> dict[str, Any]:
    return {"id": m.id, "date": m.date.isoformat(), "who": list(m.who), "discussed": m.discussed,
            "agreements": list(m.agreements),
            "followups": [{"agreement": f.agreement, "status": f.status, "note": f.note} for f in m.followups],
            "created_at": m.created_at.isoformat(timespec="seconds") if m.created_at else None}


def cooperation_from_doc(d: dict[str, Any]) -> CooperationMeeting:
    from tettpa_tui.domain.cooperation import CooperationMeeting, FollowUp

    return CooperationMeeting(
        id=d["id"], date=date.fromisoformat(d["date"]), who=tuple(d.get("who", [])), discussed=d.get("discussed", ""),
        agreements=tuple(d.get("agreements", [])),
        followups=tuple(FollowUp(f["agreement"], f["status"], f.get("note", "")) for f in d.get("followups", [])),
        created_at=_dt(d.get("created_at")))
