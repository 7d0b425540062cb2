"""TinyDB's Storage over one of our safe data files (see storage.py).

Its own module so that TinyDB is imported only when a file is written or
queried: reading a department for the first screen needs only storage.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tettpa_tui.store.storage import (
    APP_MARK,
    META_TABLE,
    SCHEMA_VERSION,
    atomic_write_bytes,
    encode,
    read_file,
    remember,
    remove_stale_temp_files,
)


class SafeJSONStorage(Storage):
    """A TinyDB Storage over one data file, safe against crashes and bad files.

    It is opened inside the repository's lock for one transaction; reads after
    the first come from memory, since no other process can write meanwhile.
    """

    def __init__(self, path: str | Path, kind: str = "data") -> None:
        self.path = Path(path)
        self.kind = kind
        self._cache: dict[str, Any] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._cache is None:
            data = read_file(self.path)
            if data is None:
                return None
            self._cache = data
        # TinyDB changes the documents it reads (an update replaces their fields), so it
        # gets its own tables and documents, never the shared cache. Values inside a
        # document are only ever replaced, never changed in place, so two levels suffice.
        return {name: {key: dict(doc) for key, doc in docs.items()} for name, docs in self._cache.items()}

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        data = dict(data)
        data[META_TABLE] = {"1": {"app": APP_MARK, "schema": SCHEMA_VERSION, "kind": self.kind}}
        payload = encode(data)
        remove_stale_temp_files(self.path)
        atomic_write_bytes(self.path, payload)
        self._cache = data
        remember(self.path, data, payload)

    def close(self) -> None:
        self._cache = None
