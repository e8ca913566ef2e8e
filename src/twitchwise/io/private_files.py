"""Writing diary files (exports, reports) so that only their owner can read them (mode 0600)."""

from __future__ import annotations

import os
from pathlib import Path

from twitchwise.domain.errors import InputError


def write_private(path: Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path``, created or truncated with mode 0600.

    Parameters
    ----------
    path : Path
        The file; its folder must exist.
    data : str or bytes
        Text is written as UTF-8.

    Raises
    ------
    InputError
        Naming the file when its folder is missing, it is a folder, or it cannot be written.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except FileNotFoundError:
        raise InputError(f"cannot write '{path}': the folder '{path.parent}' does not exist.", "output") from None
    except IsADirectoryError:
        raise InputError(f"cannot write '{path}': it is a folder; give a file name.", "output") from None
    except (NotADirectoryError, PermissionError, OSError) as exc:
        raise InputError(f"cannot write '{path}': {exc.strerror or 'not allowed'}.", "output") from None
    with os.fdopen(fd, "wb") as out:
        os.fchmod(out.fileno(), 0o600)  # an existing file keeps its old mode otherwise
        out.write(raw)
    return path
