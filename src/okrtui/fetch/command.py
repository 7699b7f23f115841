"""A command source: run it with /bin/sh, read the number it prints.

It runs in a session of its own, so a timeout ends it and everything it started
(`sleep 30 & sleep 30` leaves nothing behind), with stdin closed and only the
environment it is given.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import subprocess
import time
from collections.abc import Mapping

from okrtui.core.source_values import number_from_output, shown
from okrtui.core.sources import Fetched, SourceSpec
from okrtui.fetch.errors import FetchError, timed_out

MAX_OUTPUT = 1024 * 1024  # bytes of stdout a source may print
MAX_STDERR = 64 * 1024  # only its end is kept: the last line is what is shown
GRACE = 0.5  # seconds between SIGTERM and SIGKILL
_CHUNK = 64 * 1024


def run_command(spec: SourceSpec, env: Mapping[str, str]) -> Fetched:
    """The number the command prints (its last line, or JSON at `spec.json_path`)."""
    stdout = _run(spec.command, spec.timeout, env)
    return Fetched(value=number_from_output(stdout, spec.json_path))


def _run(command: str, timeout: float, env: Mapping[str, str]) -> str:
    try:
        process = subprocess.Popen(
            ["/bin/sh", "-c", command], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env=dict(env), start_new_session=True)
    except OSError as error:
        raise FetchError(f"could not start /bin/sh: {error.strerror or error}") from None
    try:
        out, err = _read(process, time.monotonic() + timeout)
    except _Timeout:
        raise timed_out(timeout) from None
    except _TooLarge:
        raise FetchError("printed more than 1 MiB") from None
    finally:
        # Whatever it left running in its session goes with it.
        _end_group(process)
    code = process.returncode
    if code != 0:
        raise FetchError(_exit_text(code, err.decode("utf-8", "replace")))
    return out.decode("utf-8", "replace")


class _Timeout(Exception):
    pass


class _TooLarge(Exception):
    pass


def _read(process: subprocess.Popen[bytes], deadline: float) -> tuple[bytes, bytes]:
    """Its stdout and the end of its stderr, once it has exited (or raise)."""
    assert process.stdout is not None and process.stderr is not None
    out = bytearray()
    err = bytearray()
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ, out)
        selector.register(process.stderr, selectors.EVENT_READ, err)
        while selector.get_map():
            left = deadline - time.monotonic()
            if left <= 0:
                raise _Timeout
            exited = process.poll() is not None
            # Once the shell is gone, read only what is already there: a child it
            # left in the background may hold the pipes open for ever.
            ready = selector.select(0 if exited else min(left, 0.1))
            if exited and not ready:
                break
            for key, _ in ready:
                chunk = os.read(key.fd, _CHUNK)
                if not chunk:
                    selector.unregister(key.fileobj)
                    continue
                buffer: bytearray = key.data
                buffer += chunk
                if buffer is err and len(err) > MAX_STDERR:
                    del err[: len(err) - MAX_STDERR]
            if len(out) > MAX_OUTPUT:
                raise _TooLarge
    left = deadline - time.monotonic()
    try:
        process.wait(max(left, 0))
    except subprocess.TimeoutExpired:
        raise _Timeout from None
    return bytes(out), bytes(err)


def _exit_text(code: int, stderr: str) -> str:
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        text = f"was ended by {name}"
    else:
        text = f"exited with {code}"
    lines = [line for line in stderr.splitlines() if line.strip()]
    return f"{text}: {shown(lines[-1])}" if lines else text


def _end_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to its process group, SIGKILL to what is left after a short grace."""
    group = process.pid  # start_new_session: the shell leads its own group
    if _signal_group(group, signal.SIGTERM):
        until = time.monotonic() + GRACE
        while time.monotonic() < until:
            process.poll()  # reap the shell, so only live members keep the group
            if not _signal_group(group, 0):
                break
            time.sleep(0.02)
        _signal_group(group, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(GRACE)
    for pipe in (process.stdout, process.stderr):
        if pipe is not None:
            pipe.close()


def _signal_group(group: int, number: int) -> bool:
    """Send `number` to the group; False when nothing of it is left."""
    try:
        os.killpg(group, number)
    except ProcessLookupError:
        return False
    except PermissionError:  # a member changed its user: nothing we may end
        return False
    return True
