"""A real HTTP server for the URL sources' tests (tests/http_server.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.http_server import Server, serving


@pytest.fixture
def http_server() -> Iterator[Server]:
    with serving() as server:
        yield server
