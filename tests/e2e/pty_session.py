"""Run okrtui in a real pseudo-terminal and read its screen with pyte."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pyte


class PtySession:
    """`okrtui` in an 80×24 pty; `expect` waits for text on the screen."""

    def __init__(self, args: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24),
                 program: list[str] | None = None):
        """`program` replaces `python -m okrtui` (say, an ssh client running it)."""
        self.cols, self.rows = size
        self.screen = pyte.Screen(self.cols, self.rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = b""
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
        self.proc = subprocess.Popen(
            [*(program or [sys.executable, "-m", "okrtui"]), *args], stdin=slave, stdout=slave,
            stderr=slave,
            env={**env, "TERM": "xterm-256color"}, start_new_session=True, close_fds=True,
        )
        os.close(slave)
        self.master = master

    def _pump(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            self.raw += data
            # Drop kitty-keyboard CSI forms pyte would draw as text.
            self.stream.feed(re.sub(rb"\x1b\[[<=>][\d;]*[A-Za-z~]", b"", data))

    def text(self) -> str:
        """The screen as lines of text."""
        return "\n".join(self.screen.display)

    def expect(self, pattern: str, timeout: float = 20.0) -> str:
        """Wait until `pattern` (a regex) is on screen; returns the screen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._pump(0.05)
            if re.search(pattern, self.text()):
                return self.text()
        raise AssertionError(f"{pattern!r} never appeared; screen:\n{self.text()}")

    def expect_gone(self, pattern: str, timeout: float = 20.0) -> str:
        """Wait until `pattern` (a regex) is no longer on screen; returns the screen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._pump(0.05)
            if not re.search(pattern, self.text()):
                return self.text()
        raise AssertionError(f"{pattern!r} never went away; screen:\n{self.text()}")

    def send(self, keys: str) -> None:
        """Type bytes as a terminal would send them."""
        os.write(self.master, keys.encode())

    def wait_exit(self, timeout: float = 10.0) -> int:
        """Read until the program exits; returns its exit code."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._pump(0.05)
        for _ in range(5):
            self._pump(0.02)
        if self.proc.poll() is None:
            self.kill()
            raise AssertionError("okrtui did not exit")
        return self.proc.returncode

    def signal(self, sig: signal.Signals) -> None:
        """Send a signal to the program."""
        self.proc.send_signal(sig)

    def kill(self) -> None:
        """Stop the program and close the terminal."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        if self.master >= 0:
            os.close(self.master)
            self.master = -1


def terminal_restored(raw: bytes) -> bool:
    """The program left the alternate screen, turned the mouse off and showed the cursor."""
    tail = raw[raw.rfind(b"\x1b[?1049h"):] if b"\x1b[?1049h" in raw else raw
    return b"\x1b[?1049l" in tail and b"\x1b[?25h" in tail and b"\x1b[?1000l" in tail


def db_env(tmp_path: Path) -> dict[str, str]:
    """An environment pinned to the test's date, with HOME in the temp dir."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OKRTUI_")}
    env.update(OKRTUI_TODAY="2026-11-23", HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path))
    env.pop("NO_COLOR", None)
    return env
