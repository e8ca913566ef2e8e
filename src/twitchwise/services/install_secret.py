"""The install's secret (it signs the web app's CSRF tokens), as a use case of the storage layer."""

from __future__ import annotations

from twitchwise.storage.install_secret import load_or_create_secret

__all__ = ["load_or_create_secret"]
