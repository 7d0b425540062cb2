"""The cache of parsed content/ TOML: quicker starts, never stale, never in the way."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

import pytest

from tettpa_tui import content

from tests.conftest import posix_only


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A content folder of our own and an empty cache."""
    root = tmp_path / "content"
    root.mkdir()
    (root / "x.toml").write_text('a = "første"\n', encoding="utf-8")
    monkeypatch.setattr(content, "content_root", lambda: root)
    monkeypatch.setenv("TETTPA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(content, "_cache", None)
    return root


def test_a_parsed_file_is_cached_and_read_back(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert content.read_toml("x.toml") == {"a": "første"}
    assert content._cache_file().is_file()
    content._cache = None  # as a new process would start

    def no_parsing(_f):
        raise AssertionError("parsed although cached")

    import tomllib

    monkeypatch.setattr(tomllib, "load", no_parsing)
    assert content.read_toml("x.toml") == {"a": "første"}


def test_an_edited_file_is_parsed_afresh(fresh: Path) -> None:
    assert content.read_toml("x.toml") == {"a": "første"}
    path = fresh / "x.toml"
    path.write_text('a = "andre versjon"\n', encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    content._cache = None
    assert content.read_toml("x.toml") == {"a": "andre versjon"}
    keys = marshal.loads(content._cache_file().read_bytes())
    assert len([k for k in keys if k.startswith(str(path))]) == 1  # the old entry is gone


@pytest.mark.parametrize("junk", [b"", b"not marshal", marshal.dumps([1, 2, 3])])
def test_a_broken_cache_is_ignored(fresh: Path, junk: bytes) -> None:
    file = content._cache_file()
    file.parent.mkdir(parents=True)
    file.write_bytes(junk)
    assert content.read_toml("x.toml") == {"a": "første"}


def test_an_unwritable_cache_folder_changes_nothing(fresh: Path, monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("TETTPA_CACHE_DIR", str(blocker / "cache"))
    assert content.read_toml("x.toml") == {"a": "første"}


def test_each_installation_has_its_own_cache_file(fresh: Path, monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    content.read_toml("x.toml")
    first = content._cache_file()
    other = tmp_path / "other" / "content"
    other.mkdir(parents=True)
    (other / "x.toml").write_text('a = "annen"\n', encoding="utf-8")
    monkeypatch.setattr(content, "content_root", lambda: other)
    content._cache = None
    assert content.read_toml("x.toml") == {"a": "annen"}
    assert content._cache_file() != first and first.is_file()
    assert all(key.startswith(str(other)) for key in marshal.loads(content._cache_file().read_bytes()))


@posix_only
def test_the_cache_is_private_whatever_the_umask(fresh: Path, tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        content.read_toml("x.toml")
    finally:
        os.umask(old)
    file = content._cache_file()
    assert os.stat(file).st_mode & 0o777 == 0o600
    assert os.stat(file.parent).st_mode & 0o777 == 0o700
