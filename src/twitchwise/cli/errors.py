"""The CLI's one error funnel: every :class:`TwitchwiseError` becomes one sentence on stderr and
exit code 2, never a traceback.

The root group (:class:`~twitchwise.cli.lazy_group.LazyGroup`) runs every command through
:func:`report_error`, so commands simply raise: an :class:`InputError` (bad input, with the
field), a :class:`~twitchwise.settings.SettingsError` (a bad environment variable, checked
before any command runs) or a :class:`KnowledgeError` (damaged knowledge data).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import typer

from twitchwise.domain.errors import InputError, KnowledgeError, TwitchwiseError

#: Exit code of every error a user can see (bad input, a bad environment variable, damaged data).
BAD_INPUT = 2


def error_sentence(exc: TwitchwiseError) -> str:
    """The one sentence a :class:`TwitchwiseError` is reported with."""
    from twitchwise.domain.input_bounds import terminal_safe

    if isinstance(exc, InputError):
        return terminal_safe(exc.message)
    if isinstance(exc, KnowledgeError):
        return terminal_safe(f"the knowledge base is damaged ({exc}); reinstall twitchwise.")
    return terminal_safe(str(exc))


def report_error(exc: TwitchwiseError) -> NoReturn:
    """Print the error's sentence on stderr and exit with code 2."""
    typer.echo(f"Error: {error_sentence(exc)}", err=True)
    raise typer.Exit(BAD_INPUT)


def read_text_argument(argument: str, name: str) -> str:
    """Read a file argument, or standard input for ``-``; raise InputError if unreadable."""
    if argument == "-":
        return sys.stdin.read()
    path = Path(argument)
    if not path.is_file():
        raise InputError(f"{name}: no such file {argument!r}", name)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{name}: {argument!r} is not a UTF-8 text file", name) from None
