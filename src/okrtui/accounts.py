"""The operating-system account at the keyboard, and its key for sealing KPI sources.

A source runs a command, reads a file or sends a header as whoever pulls it, so
it is bound to the account that defined it: by uid (never `$USER` or
`OKRTUI_USER`, which anyone can set) and by a seal made with a key only that
account can read (`~/.config/okrtui/source-key`, mode 0600). A teammate who
edits the shared database, or hands over a database of their own, cannot forge it.
"""

from __future__ import annotations

import os
import pwd
import secrets
import stat
from pathlib import Path

from okrtui.core.errors import OkrtuiError

KEY_NAME = "source-key"
KEY_BYTES = 32


def account() -> tuple[str, int]:
    """This process's account: (its name, its uid)."""
    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name, uid
    except KeyError:
        return f"uid {uid}", uid


def key_path() -> Path:
    """Where this account's key lives: its own configuration folder."""
    import platformdirs

    return Path(platformdirs.user_config_dir("okrtui")) / KEY_NAME


def load_key() -> bytes | None:
    """This account's key, or None when it has none yet (it never defined a source)."""
    path = key_path()
    try:
        info = path.stat()
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise OkrtuiError(f"cannot read {path}: {error.strerror}") from None
    if info.st_uid != os.getuid():
        raise OkrtuiError(f"{path} belongs to another account: okrtui will not use it")
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise OkrtuiError(f"{path} can be read by others: chmod 600 {path}, "
                          "then remove and add your sources again")
    if len(data) < KEY_BYTES:
        raise OkrtuiError(f"{path} is not a key okrtui made: remove it and add your "
                          "sources again")
    return data


def load_or_create_key() -> bytes:
    """This account's key, made (0600, in a 0700 folder) on first use."""
    found = load_key()
    if found is not None:
        return found
    path = key_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = secrets.token_bytes(KEY_BYTES)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another okrtui of this account made it just now
        existing = load_key()
        if existing is None:
            raise OkrtuiError(f"cannot read {path}") from None
        return existing
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    return data
