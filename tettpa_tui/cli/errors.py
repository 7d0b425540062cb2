"""The command line's own error: a command given wrongly (said in one line, exit code 2).

Its own module so that the parser (cli/parser.py, imported only when a command is given)
and the rest of the command line (cli/common.py) both use it without importing each other."""


class UsageError(Exception):
    pass
