"""The sentence every answer carries: information, not a diagnosis (the engine's own wording)."""

from __future__ import annotations

from twitchwise.assessment import DISCLAIMER

__all__ = ["DISCLAIMER"]
