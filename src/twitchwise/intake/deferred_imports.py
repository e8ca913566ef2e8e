"""Defer NLTK, which medspaCy pulls in at import time but the intake never uses.

``import medspacy`` imports QuickUMLS (its UMLS matcher), whose module does ``import
nltk``; NLTK in turn imports SciPy's statistics at once. That costs about 4 s on a
2-core machine, while the intake uses only medspaCy's TargetMatcher and ConText and
never touches QuickUMLS or NLTK.

Why not the standard library's ``importlib.util.LazyLoader`` recipe: on Python 3.11 an
``import nltk`` statement reads ``nltk.__spec__`` (to see whether the module is still
initialising), and any attribute read makes a LazyLoader module load at once, so the
recipe saves nothing here (measured: NLTK and SciPy were still imported). Instead NLTK is
registered as a placeholder module that carries its real ``__spec__`` and imports the
real NLTK the first time any other attribute is read, so code that does use NLTK still
gets all of it.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any


class _DeferredModule(types.ModuleType):
    """A module that imports the real one (and takes its contents) on first attribute access."""

    def __getattr__(self, attr: str) -> Any:
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        real = importlib.import_module(name)
        self.__dict__.update(real.__dict__)
        sys.modules[name] = real
        return getattr(real, attr)


def defer_nltk() -> None:
    """Register ``nltk`` as a deferred module unless it is already imported or not installed.

    Safe to call many times; a program that imported NLTK itself keeps its real module.
    """
    if "nltk" in sys.modules:
        return
    spec = importlib.util.find_spec("nltk")
    if spec is None:
        return  # not installed: medspaCy copes (or fails) exactly as without this
    module = _DeferredModule("nltk")
    module.__spec__ = spec
    sys.modules["nltk"] = module
