"""Turn user errors into one clear sentence on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import typer

from twitchwise.domain.errors import InputError

#: Exit code for bad input.
BAD_INPUT = 2


def exit_on_input_error(exc: InputError) -> NoReturn:
    """Print the error's sentence and exit with code 2."""
    from twitchwise.domain.input_bounds import terminal_safe

    typer.echo(f"Error: {terminal_safe(exc.message)}", err=True)
    raise typer.Exit(BAD_INPUT)


@contextmanager
def exit_on_input_error_context() -> Iterator[None]:
    """Run a block; an :class:`InputError` inside it becomes a message and exit code 2."""
    try:
        yield
    except InputError as exc:
        exit_on_input_error(exc)


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
