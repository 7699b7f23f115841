"""A terminal for benchmarks: run a program in a real pty and watch its screen.

The program runs on a pseudo-terminal of 80×24 (TERM=xterm-256color), as in a
terminal window; everything it writes is fed to a `pyte` screen, which plays the
terminal. Times are taken when bytes are read from the pty, before `pyte`
parses them, so the harness's own parsing is not counted as the program's.

    with Terminal([sys.executable, "app.py"]) as term:
        start = term.wait_ready(r"^ready")       # spawn → screen matches, then settles
        step = term.press("enter", expect=r"Saved")
        print(start.ready_s, step.shown_s, term.peak_rss_mib())
        done = term.quit("ctrl+q")               # was the terminal restored?

What is measured:

- start-up: seconds from spawn to the screen first matching a "ready" regex;
  the screen must then stay unchanged for `settle` seconds (`settled_s` is the
  last change before that quiet spell);
- a key: seconds from writing its bytes to the screen first matching the
  expected regex (`shown_s`), to the first change of any cell, text or
  colours (`first_change_s`), and to the last change before the screen settles
  (`settled_s`); and the bytes the program drew meanwhile. The expected regex
  must not match before the key is written (`press` refuses it), so a match
  is always this key's doing;
- peak RSS: the child's VmHWM from /proc while it runs, and its ru_maxrss once
  it has exited;
- quit: whether the program left the alternate screen, showed the cursor
  again and switched mouse reporting, bracketed paste and focus events off.

Only the standard library and `pyte` are needed (Linux: /proc for the RSS).
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyte

KEYS = {
    "enter": "\r", "tab": "\t", "shift+tab": "\x1b[Z", "escape": "\x1b", "space": " ",
    "backspace": "\x7f", "delete": "\x1b[3~", "up": "\x1b[A", "down": "\x1b[B",
    "right": "\x1b[C", "left": "\x1b[D", "home": "\x1b[H", "end": "\x1b[F",
    "pageup": "\x1b[5~", "pagedown": "\x1b[6~", "comma": ",",
}
# DEC private modes a full-screen program must switch off again when it quits.
MOUSE_MODES = {9, 1000, 1001, 1002, 1003, 1005, 1006, 1015, 1016}
_MODE = re.compile(rb"\x1b\[\?([\d;]+)([hl])")
# Sequences pyte does not know and would draw as text (the kitty keyboard
# protocol's CSI > … u and CSI < u): dropped before the screen sees them.
_UNKNOWN = re.compile(rb"\x1b\[[<=>][\d;]*[A-Za-z~]")


def key_bytes(key: str) -> bytes:
    """'enter', 'ctrl+q', 'down', 'q' or an escaped '\\x1b[A' → the bytes a terminal sends."""
    low = key.lower()
    if low in KEYS:
        return KEYS[low].encode()
    if low.startswith("ctrl+") and len(low) == 6:
        return bytes([ord(low[5]) & 0x1F])
    if "\\" in key:
        return codecs.decode(key, "unicode_escape").encode("latin-1")
    return key.encode()


class HarnessError(Exception):
    """The program did not do what the measurement waited for; the screen says what it did."""

    def __init__(self, message: str, screen: str) -> None:
        super().__init__(f"{message}\n--- screen ---\n{screen}")
        self.screen = screen


@dataclass
class Startup:
    ready_s: float      # spawn → the screen first matches the ready regex
    settled_s: float    # spawn → the last change before the screen stayed quiet
    bytes: int          # drawn until settled


@dataclass
class KeyStep:
    key: str
    shown_s: float | None         # write → the screen matches `expect` (None without one)
    first_change_s: float | None  # write → the first changed cell (None: nothing changed)
    settled_s: float | None       # write → the last change before the screen was quiet
    bytes: int                    # drawn from the write until settled


@dataclass
class Quit:
    exit_s: float | None       # the quit key → the process exited (None: it did not)
    restored: bool             # all of `checks`
    checks: dict[str, bool] = field(default_factory=dict)


class Terminal:
    """One program on a pty of `cols`×`rows`, mirrored into a `pyte` screen."""

    def __init__(self, argv: Sequence[str], cols: int = 80, rows: int = 24,
                 env: dict[str, str] | None = None) -> None:
        self.cols, self.rows = cols, rows
        self.screen = pyte.Screen(cols, rows)
        # Answer the program's queries (device attributes, cursor position) as a terminal would.
        self.screen.write_process_input = lambda text: self._write(text.encode())
        self._stream = pyte.ByteStream(self.screen)
        self._rows_seen: list[int | None] = [None] * rows  # a hash of each row's cells
        self.raw = bytearray()                # everything the program wrote
        self.last_change: float | None = None  # when a cell last changed (s from spawn)
        self.exited_at: float | None = None
        self.rusage = None
        env = {k: v for k, v in (os.environ if env is None else env).items()
               if k not in ("COLUMNS", "LINES", "COLORTERM", "TERM_PROGRAM", "TMUX")}
        env["TERM"] = "xterm-256color"
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self._fd = master
        self._t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            list(argv), stdin=slave, stdout=slave, stderr=slave, env=env,
            start_new_session=True,  # its own session: the pty becomes its controlling tty
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)  # once the program exits, reading the master fails: that is the end
        os.set_blocking(master, False)

    # -- plumbing ---------------------------------------------------------------

    def now(self) -> float:
        """Seconds since spawn."""
        return time.perf_counter() - self._t0

    def text(self) -> str:
        """The screen as text, trailing blanks trimmed."""
        return "\n".join(line.rstrip() for line in self.screen.display).rstrip("\n")

    def matches(self, regex: re.Pattern[str]) -> bool:
        return regex.search(self.text()) is not None

    def _write(self, data: bytes) -> None:
        with contextlib.suppress(OSError):  # OSError: the program is gone
            os.write(self._fd, data)

    def _feed(self, data: bytes, at: float) -> bool:
        """Give `data` to the screen; True if any cell's text or colours changed."""
        self.raw += data
        self._stream.feed(_UNKNOWN.sub(b"", data))
        changed = False
        for y in self.screen.dirty:
            if 0 <= y < self.rows:
                line = self.screen.buffer[y]
                seen = hash(tuple(line[x] for x in range(self.cols)))
                if seen != self._rows_seen[y]:
                    self._rows_seen[y], changed = seen, True
        self.screen.dirty.clear()
        if changed:
            self.last_change = at
        return changed

    def _read(self, timeout: float) -> list[tuple[float, bool]]:
        """Read what arrives within `timeout` s: (read time, screen changed) per chunk.

        Everything waiting is read (and timed) before any of it is parsed, so a
        frame that comes in several chunks is not timed late by the parsing."""
        chunks = []
        ready, _, _ = select.select([self._fd], [], [], max(timeout, 0.0))
        while ready:
            at = self.now()
            try:
                data = os.read(self._fd, 1 << 16)
            except BlockingIOError:
                break
            except OSError:  # EIO: the program closed the terminal (it exited)
                data = b""
            if not data:
                self.alive()
                time.sleep(0.002)
                break
            chunks.append((at, data))
            ready, _, _ = select.select([self._fd], [], [], 0)
        return [(at, self._feed(data, at)) for at, data in chunks]

    def alive(self) -> bool:
        if self.exited_at is None:
            pid, status, rusage = os.wait4(self.proc.pid, os.WNOHANG)
            if pid:
                self.exited_at, self.rusage = self.now(), rusage
                self.proc.returncode = os.waitstatus_to_exitcode(status)
        return self.exited_at is None

    def _fail(self, message: str) -> HarnessError:
        self._read(0.05)
        return HarnessError(message, self.text())

    # -- measurements -------------------------------------------------------------

    def _until(self, since: float, expect: re.Pattern[str] | None, settle: float,
               timeout: float, idle: float | None = None) -> tuple[float | None, ...]:
        """Read until the screen matches `expect` (if given) and then is quiet for `settle` s.

        Returns (first change, match, last change) as seconds from spawn, or None.
        Without `expect`, gives up after `idle` s with no change at all."""
        first = shown = None
        if expect is not None and self.matches(expect):
            shown = since
        while True:
            for at, changed in self._read(min(settle, 0.01)):
                if changed:
                    first = first or at
                    if shown is None and expect is not None and self.matches(expect):
                        shown = at
            now = self.now()
            if not self.alive():
                raise self._fail(f"the program exited (status {self.proc.returncode}) "
                                 f"after {now:.2f} s")
            quiet = now - max(self.last_change or since, since) >= settle
            if quiet and (shown is not None or (expect is None and first is not None)):
                return first, shown, max(self.last_change or since, since)
            if expect is None and first is None and idle is not None and now - since >= idle:
                return None, None, None
            if now - since > timeout:
                wanted = f"/{expect.pattern}/" if expect is not None else "a quiet screen"
                raise self._fail(f"waited {timeout:.0f} s for {wanted}")

    def wait_ready(self, ready: str, settle: float = 0.15, timeout: float = 30.0) -> Startup:
        """Wait for the screen to match `ready` and settle; times are from spawn."""
        _, shown, last = self._until(0.0, re.compile(ready, re.M), settle, timeout)
        return Startup(ready_s=shown or 0.0, settled_s=last or 0.0, bytes=len(self.raw))

    def settle(self, settle: float = 0.15, timeout: float = 10.0) -> None:
        """Wait until nothing has changed for `settle` s."""
        start = self.now()
        while self.now() - (self.last_change or 0.0) < settle:
            self._read(0.01)
            if self.now() - start > timeout:
                raise self._fail(f"the screen did not settle in {timeout:.0f} s")

    def press(self, key: str, expect: str | None = None, settle: float = 0.15,
              timeout: float = 10.0, idle: float = 1.0) -> KeyStep:
        """Write one key; time the screen's answer (see the module's docstring).

        With `expect`, waits for that regex (it must not match yet); without,
        for any change, and reports no change after `idle` s without one."""
        regex = re.compile(expect, re.M) if expect else None
        if regex is not None and self.matches(regex):
            raise HarnessError(f"/{expect}/ already matches before {key!r} is pressed: "
                               "choose a regex only the key's result shows", self.text())
        before, sent = len(self.raw), self.now()
        self._write(key_bytes(key))
        first, shown, last = self._until(sent, regex, settle, timeout, idle)

        def since(t: float | None) -> float | None:
            return None if t is None else t - sent

        return KeyStep(key, since(shown), since(first), since(last), len(self.raw) - before)

    def type(self, *keys: str, expect: str | None = None, pause: float = 0.03,
             timeout: float = 10.0) -> None:
        """Type, untimed, as a typist who watches the screen: each key once the one
        before has been answered (its change drawn, then `pause` s of quiet, or
        `pause` s without a change). A key name ('tab', 'ctrl+u') is that key; any
        other argument is typed character by character. With `expect`, then waits
        for the screen to match it (say, a field showing what was typed)."""
        for key in keys:
            named = key.lower() in KEYS or key.lower().startswith("ctrl+")
            for data in [key_bytes(key)] if named else [char.encode() for char in key]:
                self._write(data)
                self._until(self.now(), None, pause, timeout, idle=pause)
        if expect is not None:
            self._until(self.now(), re.compile(expect, re.M), pause, timeout)

    def peak_rss_mib(self) -> float:
        """The child's peak resident memory so far, in MiB (0 if unknown)."""
        if self.rusage is not None:
            return self.rusage.ru_maxrss / 1024
        try:
            with open(f"/proc/{self.proc.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def wait_exit(self, timeout: float = 30.0) -> float:
        """For a program that ends by itself: seconds from spawn to its exit."""
        while self.alive():
            self._read(0.002)
            if self.now() > timeout:
                raise self._fail(f"still running after {timeout:.0f} s")
        self._read(0)
        return self.exited_at or 0.0

    def quit(self, key: str = "ctrl+q", timeout: float = 5.0) -> Quit:
        """Press the quit key, wait for the exit and check the terminal was handed back."""
        sent = self.now()
        self._write(key_bytes(key))
        while self.alive() and self.now() - sent < timeout:
            self._read(0.005)
        self._read(0.02)
        if self.exited_at is None:
            return Quit(exit_s=None, restored=False)
        restored, checks = self.restored()
        return Quit(exit_s=self.exited_at - sent, restored=restored, checks=checks)

    def restored(self) -> tuple[bool, dict[str, bool]]:
        """Did the last word on each terminal mode put it back as it was?"""
        state: dict[int, bool] = {}
        for match in _MODE.finditer(bytes(self.raw)):
            for mode in match.group(1).split(b";"):
                if mode:
                    state[int(mode)] = match.group(2) == b"h"
        checks = {
            "alternate screen left": not state.get(1049, False),
            "cursor shown": state.get(25, True),
            "mouse reporting off": not any(state.get(mode) for mode in MOUSE_MODES),
            "bracketed paste off": not state.get(2004, False),
            "focus events off": not state.get(1004, False),
        }
        return all(checks.values()), checks

    def close(self) -> None:
        """Kill the program (and anything it started) if still running; free the pty."""
        if self.alive():
            with contextlib.suppress(OSError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            while self.alive():
                time.sleep(0.002)
        os.close(self._fd)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
