"""URL sources against a real HTTP server on 127.0.0.1 (tests/http_server.py)."""

from __future__ import annotations

import time
from datetime import date

from okrtui.core.sources import Fetched, SourceSpec
from okrtui.fetch.run import fetch
from tests.http_server import Server

TODAY = date(2026, 11, 23)
SECRET = "s3cret-t0ken"
ENV = {"API_TOKEN": SECRET}
AUTH = (("Authorization", "Bearer $API_TOKEN"),)


def get(url: str, json_path: str = "$.data.count", timeout: float = 10,
        headers: tuple[tuple[str, str], ...] = AUTH, env: dict[str, str] = ENV) -> Fetched:
    spec = SourceSpec(kind="url", url=url, json_path=json_path, headers=headers,
                      timeout=timeout)
    got = fetch(spec, today=TODAY, env=env)
    assert SECRET not in got.error  # a header's value is never in an error
    return got


def test_the_number_at_a_path(http_server: Server) -> None:
    got = get(f"{http_server.url}/good")
    assert got.ok and got.value == 42


def test_headers_are_sent_with_their_variables_expanded(http_server: Server) -> None:
    got = get(f"{http_server.url}/echo", json_path="count")
    assert got.value == len(f"Bearer {SECRET}")
    assert http_server.requests[-1].headers["Authorization"] == f"Bearer {SECRET}"


def test_a_missing_variable_fails_before_any_request(http_server: Server) -> None:
    got = get(f"{http_server.url}/good", env={"OTHER": "x"})
    assert got.error == "environment variable API_TOKEN is not set"
    assert http_server.requests == []


def test_a_slow_server_times_out(http_server: Server) -> None:
    started = time.monotonic()
    got = get(f"{http_server.url}/slow", timeout=0.5)
    assert got.error == "timed out after 0.5 s"
    assert time.monotonic() - started < 2


def test_an_http_error_shows_its_status(http_server: Server) -> None:
    assert get(f"{http_server.url}/503").error == "HTTP 503 Service Unavailable"
    assert get(f"{http_server.url}/nowhere").error == "HTTP 404 Not Found"


def test_not_json(http_server: Server) -> None:
    assert get(f"{http_server.url}/text").error == "not JSON: '<html>hello</html>'"


def test_json_without_the_path(http_server: Server) -> None:
    assert get(f"{http_server.url}/other").error == "no 'data' at $"


def test_a_body_over_a_mebibyte_is_refused(http_server: Server) -> None:
    assert get(f"{http_server.url}/large", json_path="").error == \
        "the response is larger than 1 MiB"


def test_a_redirect_on_the_same_host_is_followed_with_the_headers(http_server: Server) -> None:
    got = get(f"{http_server.url}/redirect-here", json_path="count")
    assert got.value == len(f"Bearer {SECRET}")
    assert http_server.paths() == ["/redirect-here", "/echo"]


def test_a_redirect_to_another_host_is_not_followed(http_server: Server) -> None:
    away = f"http://localhost:{http_server.port}/echo"
    got = get(f"{http_server.url}/redirect-away?to={away}")
    assert got.error == (f"redirected to another host ({away}): not followed, "
                         "so your headers stay here")
    assert http_server.paths() == ["/redirect-away"]


def test_a_redirect_to_another_port_is_not_followed(http_server: Server) -> None:
    away = f"http://127.0.0.1:{http_server.port + 1}/echo"
    assert "redirected to another host" in get(
        f"{http_server.url}/redirect-away?to={away}").error


def test_a_redirect_loop_stops(http_server: Server) -> None:
    assert get(f"{http_server.url}/loop").error == "redirected more than 5 times"
    assert len(http_server.requests) == 6


def test_only_http_and_https(http_server: Server) -> None:
    assert get("file:///etc/passwd").error == \
        "only http and https URLs are fetched, not file:///etc/passwd"


def test_nothing_listening(http_server: Server) -> None:
    got = get(f"http://127.0.0.1:{http_server.port + 1}/good")
    assert got.error.startswith("could not reach 127.0.0.1: ")


def test_a_line_break_in_a_header_fails_without_its_value(http_server: Server) -> None:
    got = get(f"{http_server.url}/good", env={"API_TOKEN": SECRET + "\n"})
    assert got.error == ("the header Authorization holds a line break (check its "
                         "environment variables)")
    assert http_server.requests == []


def test_a_header_without_a_credential_is_sent_as_given(http_server: Server) -> None:
    got = get(f"{http_server.url}/good", headers=(("X-Team", "growth"),))
    assert got.value == 42
    assert http_server.requests[0].headers["X-Team"] == "growth"
