"""A URL source: GET an http(s) URL, read the number at a path in its JSON.

Headers may carry credentials (their values come from the environment), so a
redirect is followed only within the same origin: urllib's own handler would
send them to whichever host the server names. No header's value ever appears in
an error.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import IO
from urllib.parse import urlsplit

from okrtui.core.source_values import expand, number_from_json, shown
from okrtui.core.sources import Fetched, SourceSpec
from okrtui.fetch.errors import FetchError, timed_out

MAX_BODY = 1024 * 1024  # bytes of a response body
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_DEFAULT_PORTS = {"http": 80, "https": 443}


def get_url(spec: SourceSpec, env: Mapping[str, str]) -> Fetched:
    """The number at `spec.json_path` in the JSON the URL returns."""
    try:
        scheme = urlsplit(spec.url).scheme.lower()
    except ValueError:  # an unclosed [ of an IPv6 address, say
        raise FetchError(f"{shown(spec.url)!r} is not a URL") from None
    if scheme not in _DEFAULT_PORTS:
        raise FetchError(f"only http and https URLs are fetched, not {shown(spec.url)}")
    # Every variable is looked up before anything is sent.
    headers = {name: expand(value, env) for name, value in spec.headers}
    for name, value in headers.items():
        if "\r" in value or "\n" in value:  # http.client's refusal would quote the value
            raise FetchError(f"the header {name} holds a line break (check its "
                             "environment variables)")
    headers.setdefault("Accept", "application/json")
    body = _get(spec.url, headers, spec.timeout, env)
    return Fetched(value=number_from_json(body, spec.json_path))


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with the scheme's default port filled in."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or _DEFAULT_PORTS.get(scheme)
    except ValueError:  # a port that is not a number
        port = None
    return scheme, (parts.hostname or "").lower(), port


def proxies(url: str, env: Mapping[str, str]) -> dict[str, str]:
    """The proxy for `url` from the environment given (http_proxy, https_proxy,
    no_proxy, in either case), not the process's own: {} for none."""
    def variable(name: str) -> str:
        return env.get(name) or env.get(name.upper()) or ""

    scheme = urlsplit(url).scheme.lower()
    proxy = variable(f"{scheme}_proxy")
    host = origin(url)[1]
    for entry in variable("no_proxy").split(","):
        name = entry.strip().lower().lstrip(".").partition(":")[0]
        if name == "*" or (name and (host == name or host.endswith("." + name))):
            return {}
    return {scheme: proxy} if proxy else {}


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, none to another origin."""

    # urllib's own limits stay above ours, so the count below is the one that speaks.
    max_repeats = max_redirections = MAX_REDIRECTS + 1

    def __init__(self, url: str) -> None:
        self.origin = origin(url)
        self.followed = 0

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int,
                         msg: str, headers: http.client.HTTPMessage, newurl: str
                         ) -> urllib.request.Request | None:
        fp.close()
        if origin(newurl) != self.origin:
            raise FetchError(f"redirected to another host ({shown(newurl)}): not followed, "
                             "so your headers stay here")
        self.followed += 1
        if self.followed > MAX_REDIRECTS:
            raise FetchError(f"redirected more than {MAX_REDIRECTS} times")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _get(url: str, headers: dict[str, str], timeout: float, env: Mapping[str, str]) -> str:
    """The response body as text, within `timeout` for each step and for all of it."""
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler(proxies(url, env)), _SameOrigin(url))
    request = urllib.request.Request(url, headers=headers, method="GET")
    host = urlsplit(url).hostname or url
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_BODY:
                raise FetchError("the response is larger than 1 MiB")
            body = bytearray()
            while chunk := response.read1(_CHUNK):
                body += chunk
                if len(body) > MAX_BODY:
                    raise FetchError("the response is larger than 1 MiB")
                if time.monotonic() > deadline:
                    raise timed_out(timeout)
            charset = response.headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as error:
        error.close()
        raise FetchError(f"HTTP {error.code} {shown(str(error.reason))}".rstrip()) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise timed_out(timeout) from None
        raise FetchError(f"could not reach {host}: {_reason(error.reason)}") from None
    except TimeoutError:
        raise timed_out(timeout) from None
    except (http.client.HTTPException, OSError) as error:
        raise FetchError(f"the connection to {host} broke: {_reason(error)}") from None
    try:
        return body.decode(charset, "replace")
    except LookupError:  # a charset Python does not know
        return body.decode("utf-8", "replace")


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return shown(reason.strerror)
    return shown(str(reason) or type(reason).__name__)
