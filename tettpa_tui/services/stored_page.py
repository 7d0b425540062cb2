"""The page "what is stored" (Hva lagres) for both faces: content/stored.<lang>.md with
the facts that can change filled in from the code's own constants (file and folder
names, periods, what is kept) and from this data folder's settings (where backups and
reports go). The privacy officer reads this page, so nothing on it is typed twice.
"""

from __future__ import annotations

from string import Template

from tettpa_tui import content
from tettpa_tui.i18n import language, t


def facts(store=None) -> dict[str, str]:
    """Every $name the page uses, as Markdown."""
    from tettpa_tui.services import retention
    from tettpa_tui.domain import backup_rotation
    from tettpa_tui.domain.rollup import REPORT_SUFFIX
    from tettpa_tui.services.rollup_report import SHARED_FOLDER
    from tettpa_tui.store import backup as backups
    from tettpa_tui.domain.signins import KEEP_DAYS as SIGNINS_DAYS
    from tettpa_tui.store import erasure, journal, layout, storage
    from tettpa_tui.store.signins import SIGNINS_FILE
    from tettpa_tui.text import md_escape

    rules = retention.defaults()

    def folder(value) -> str:
        return md_escape(str(value)) if value else t("stored.not_chosen")

    settings = (lambda name: store.setting(name)) if store is not None else (lambda name: None)
    return {
        "data_dir": folder(store.root if store is not None else ""),
        "backup_folder": folder(settings("backup_folder")),
        "shared_folder": folder(settings(SHARED_FOLDER)),
        "report_suffix": REPORT_SUFFIX,
        "settings_file": layout.SETTINGS_FILE,
        "kindergarten_file": layout.KINDERGARTEN_FILE,
        "department_file": layout.DEPARTMENT_FILE,
        "lock_file": layout.LOCK_FILE,
        "log_file": erasure.LOG_FILE,
        "signins_file": SIGNINS_FILE,
        "signins_days": str(SIGNINS_DAYS),
        "backups_dir": storage.BACKUPS_DIR,
        "backups_kept": str(storage.BACKUPS_KEPT),
        "replaced_dir": backups.REPLACED_DIR,
        "key_file": backups.KEY_FILE,
        "backup_suffix": backups.SUFFIX,
        "journal_dir": journal.JOURNAL_DIR,
        "restoring_prefix": erasure.RESTORING_PREFIX,
        "newest_kept": str(backup_rotation.NEWEST_KEPT),
        "months_kept": str(backup_rotation.MONTHS_KEPT),
        "used_months": str(rules.used_months),
        "draft_months": str(rules.draft_months),
        "unused_months": str(rules.unused_months),
        "warn_days": str(rules.warn_days),
    }


def page(store=None, lang: str | None = None) -> str:
    """The page in `lang` (the user's language by default), for this data folder."""
    return Template(content.read_text(f"stored.{lang or language()}.md")).substitute(facts(store))
