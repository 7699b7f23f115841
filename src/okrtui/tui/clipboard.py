"""Copy to the clipboard of the terminal in front of the person, over SSH too (OSC 52).

The terminal, not the host, owns the clipboard: okrtui asks it with an OSC 52
sequence. Inside tmux or GNU screen the sequence is wrapped so the multiplexer
passes it on (tmux needs `set -g allow-passthrough on` or `set-clipboard on`).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping

# Terminals refuse (or cut) much larger OSC 52 payloads; say so instead.
MAX_BYTES = 100_000
SCREEN_CHUNK = 760  # GNU screen passes at most 768 bytes per DCS string


def osc52(text: str, environ: Mapping[str, str]) -> str:
    """The escape sequence that puts `text` on the local clipboard, for this terminal."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    sequence = f"\x1b]52;c;{payload}\x07"
    if environ.get("TMUX"):
        return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    if environ.get("TERM", "").startswith("screen") or environ.get("STY"):
        chunks = [sequence[i:i + SCREEN_CHUNK] for i in range(0, len(sequence), SCREEN_CHUNK)]
        return "".join(f"\x1bP{chunk}\x1b\\" for chunk in chunks)
    return sequence


def too_large(text: str) -> bool:
    """Whether the text is more than a terminal's clipboard would take."""
    return len(text.encode("utf-8")) * 4 // 3 > MAX_BYTES
