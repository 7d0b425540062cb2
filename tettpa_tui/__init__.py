"""tettpa_tui: the monthly guidance meetings of TETT PÅ in the terminal."""

__version__ = "0.1.0"
