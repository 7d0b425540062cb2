"""Capabilities beside the workspace, each in its own module: backups, the roll-up reports.

They wire the store and the domain together for both faces (app and CLI) and
hold no rules of their own, and no Textual.
"""
