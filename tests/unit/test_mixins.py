"""Workspace and Store are made of one mixin per capability: none hides another's method."""

from tettpa_tui.store import Store
from tettpa_tui.store import repository
from tettpa_tui.workspace import ProgrammeStatus, StoryStatus, Workspace


def _clashes(cls: type) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for part in cls.__mro__[1:-1]:  # the mixins, not the class itself nor object
        for name in vars(part):
            if not (name.startswith("__") and name.endswith("__")):
                seen.setdefault(name, []).append(part.__name__)
    return {name: parts for name, parts in seen.items() if len(parts) > 1}


def test_no_workspace_mixin_hides_another_ones_method() -> None:
    assert len(Workspace.__mro__) > 3  # split by capability (issue 17)
    assert _clashes(Workspace) == {}
    assert ProgrammeStatus.__name__ == "ProgrammeStatus" and StoryStatus.DRAFT


def test_no_store_mixin_hides_another_ones_method_or_the_stores_own() -> None:
    assert len(Store.__mro__) > 3
    assert _clashes(Store) == {}
    own = set(vars(Store)) - {n for n in vars(Store) if n.startswith("__")}
    mixed_in = {n for part in Store.__mro__[1:-1] for n in vars(part) if not n.startswith("__")}
    assert own & mixed_in == set()


def test_the_names_callers_import_from_the_repository_are_still_there() -> None:
    for name in ("Store", "default_data_dir", "clean_name", "DEPARTMENT_FILE", "KINDERGARTEN_FILE", "LOCK_FILE",
                 "FileLock", "story_from_doc", "story_to_doc", "department_from_doc", "meeting_from_doc"):
        assert hasattr(repository, name), name
