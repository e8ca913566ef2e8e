"""The per-install secret: random bytes in a 0600 file in the user's data directory.

The web app signs its CSRF tokens with it (HMAC), so a token made for one browser session
on this computer is worthless anywhere else. ``TWITCHWISE_WEB_SECRET_FILE`` points elsewhere
(tests, several installs on one account).
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

import platformdirs

from twitchwise.settings import load_settings

#: Bytes of randomness in a new secret.
SECRET_BYTES = 32


def default_secret_path() -> Path:
    """``TWITCHWISE_WEB_SECRET_FILE`` or ``web-secret`` in the user's data directory."""
    configured = load_settings().secret_file
    if configured:
        return Path(configured)
    return Path(platformdirs.user_data_dir("twitchwise", appauthor=False)) / "web-secret"


def load_or_create_secret(path: Path | None = None) -> bytes:
    """The install's secret, created (mode 0600, never overwritten) on first use.

    Parameters
    ----------
    path : Path, optional
        The secret file; default :func:`default_secret_path`.

    Returns
    -------
    bytes
        At least 32 bytes of secret.

    Raises
    ------
    OSError
        If the file can be neither read nor created.
    """
    target = path or default_secret_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if stat.S_IMODE(target.stat().st_mode) & 0o077:
            os.chmod(target, 0o600)  # someone loosened it: nobody else may read the secret
        try:
            value = bytes.fromhex(target.read_text(encoding="ascii").strip())
        except (ValueError, UnicodeDecodeError):
            value = b""
        if len(value) >= SECRET_BYTES:
            return value
        # Empty or cut short (a crash while writing it): start again with a new one.
        target.unlink(missing_ok=True)
        return load_or_create_secret(target)
    value = secrets.token_bytes(SECRET_BYTES)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(value.hex())
        out.flush()
        os.fsync(out.fileno())
    return value
