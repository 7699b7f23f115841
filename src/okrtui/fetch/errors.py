"""The one error a fetcher raises: what went wrong with a source, in words."""

from __future__ import annotations


class FetchError(Exception):
    """A source could not deliver a number ("HTTP 503", "timed out after 30 s")."""


def timed_out(seconds: float) -> FetchError:
    """"timed out after 30 s" (or "0.5 s"): the one wording of every timeout."""
    return FetchError(f"timed out after {seconds:g} s")
