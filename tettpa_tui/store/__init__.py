"""The store: the only code that touches TinyDB or the data files."""

from tettpa_tui.store.errors import (
    DiskFull,
    FutureVersion,
    NotWritable,
    StoreError,
    UnreadableFile,
)
from tettpa_tui.store.repository import Store, default_data_dir

__all__ = [
    "DiskFull",
    "FutureVersion",
    "NotWritable",
    "Store",
    "StoreError",
    "UnreadableFile",
    "default_data_dir",
]
