"""Errors a user can cause and fix. Each says, in one sentence, what is wrong and what is allowed."""

from __future__ import annotations


class TwitchwiseError(Exception):
    """Base of every error twitchwise raises on purpose."""


class InputError(TwitchwiseError, ValueError):
    """Bad input from a user: names the field and what is allowed.

    Attributes
    ----------
    field : str
        Where the problem is, as a JSON-pointer-like path (``"features[1]"``) or a name.
    message : str
        One plain sentence naming the field and what is allowed.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class KnowledgeError(TwitchwiseError):
    """The knowledge base's data files are inconsistent (a packaging bug, not a user error)."""
