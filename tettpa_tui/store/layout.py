"""The names of the data folder's files (the layout is described in store/repository.py)."""

APP_DIR_NAME = "tettpa"
DEPARTMENT_FILE = "department.json"
KINDERGARTEN_FILE = "kindergarten.json"
SETTINGS_FILE = "settings.json"
LOCK_FILE = ".lock"
RESTORING_PREFIX = ".restoring-"  # a restore's work folder in the data folder (store/backup.py)
