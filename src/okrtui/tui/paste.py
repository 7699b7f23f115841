"""A bracketed paste is text, all of it, in order: never keys.

Textual's input parser leaves bracketed-paste mode for any ESC inside a paste:
the rest of the paste (an arrow key's `ESC [ A`, what follows it, a newline)
comes out as keystrokes, before the pasted text and in another order, so a
paste could move the focus, press Enter, or land half in another field. okrtui
feeds the parser through `PasteSafeParser`, which turns each ESC inside a
paste into the picture `␛` (what `core.text.clean_text` makes of it anyway)
before Textual sees it; the closing bracket still ends the paste.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual._xterm_parser import XTermParser

START = "\x1b[200~"
END = "\x1b[201~"
ESC_PICTURE = "\u241b"


class PasteFilter:
    """Tracks the paste brackets across chunks and hides the ESCs inside a paste.

    Outside a paste everything passes at once (a lone ESC key must not wait);
    inside one, the start of what may be the closing bracket is held back until
    the next chunk tells.
    """

    def __init__(self) -> None:
        self.pasting = False
        self._held = ""  # inside a paste: what may begin the closing bracket
        self._tail = ""  # outside: the last characters passed, to find a split START

    def __call__(self, data: str) -> str:
        out: list[str] = []
        if self.pasting:
            data, self._held = self._held + data, ""
        i = 0
        while i < len(data):
            if not self.pasting:
                seen = self._tail + data[i:]
                found = seen.find(START)
                if found < 0:
                    out.append(data[i:])
                    self._tail = seen[-(len(START) - 1):]
                    break
                after = i + found - len(self._tail) + len(START)
                out.append(data[i:after])
                self.pasting, self._tail, i = True, "", after
                continue
            found = data.find(END, i)
            if found < 0:
                keep = _partial_suffix(data, i, END)
                out.append(data[i:len(data) - keep].replace("\x1b", ESC_PICTURE))
                self._held = data[len(data) - keep:]
                break
            out.append(data[i:found].replace("\x1b", ESC_PICTURE) + END)
            self.pasting, i = False, found + len(END)
        return "".join(out)

    def flush(self) -> str:
        """What is held back, as it came (the input ended)."""
        held, self._held = self._held, ""
        return held


def _partial_suffix(data: str, start: int, bracket: str) -> int:
    """How many characters at the end of `data` could begin `bracket` (to hold back)."""
    for size in range(min(len(bracket) - 1, len(data) - start), 0, -1):
        if bracket.startswith(data[len(data) - size:]):
            return size
    return 0


class PasteSafeParser(XTermParser):
    """Textual's parser, fed through `PasteFilter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._paste_filter = PasteFilter()

    def feed(self, data: str) -> Iterable[Any]:
        if not data:  # the end of input: whatever was held back is not a bracket
            held = self._paste_filter.flush()
            if held:
                yield from super().feed(held)
            yield from super().feed(data)
            return
        filtered = self._paste_filter(data)
        if filtered:
            yield from super().feed(filtered)


def install() -> None:
    """Make Textual's terminal drivers read input through `PasteSafeParser`."""
    from textual.drivers import linux_driver, linux_inline_driver

    # The drivers look the parser up by this module-level name when input starts.
    for driver in (linux_driver, linux_inline_driver):
        vars(driver)["XTermParser"] = PasteSafeParser
