"""Capabilities beside the workspace, each in its own module, named for what it is:
backups, the roll-up report and the municipality's page, a meeting's minutes, a
person's data, retention, the "what is stored" page, a story check's findings in
words, the demo kindergarten.

They wire the store and the domain together for both faces (app and CLI; some
also the phone page) and hold no rules of their own, and no Textual.
"""
