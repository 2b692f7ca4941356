"""Cassette plumbing for the contract suite: paths, scrubbing, strict matching, replay checks.

Scrubbing (before anything is written, and on live requests before matching): request URIs
get the fixed origin CASSETTE_ORIGIN; request headers are cut to x-api-key (REDACTED), accept
and content-type, response headers to content-type, location, allow and retry-after (date,
server and every other volatile or credential header are dropped); every `inlineSecret`, at
any depth of a request or response body, becomes REDACTED.

Spec check: `cassette_problems` and `interaction_problems` check recorded interactions with
tests/spec_check.py, the checker every suite shares.

Matching (replay): method, path, query (as a multiset of pairs, order-free) and JSON body
(parsed and scrubbed like the recorder, so only meaning counts); scheme, host, port and headers
are ignored. Each interaction plays once, and a finished replay must have played all of them
in recorded order. Every message names the operation (`operationId METHOD /path/template`,
looked up in openapi.yaml). Plain functions over vcrpy objects, so the fixtures in conftest.py
and the self-tests in test_recording.py run the same code.
"""

from __future__ import annotations

import functools
import json
import re
import socket
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import vcr
import yaml
from vcr.cassette import Cassette, CassetteContextDecorator
from vcr.errors import CannotOverwriteExistingCassetteException
from vcr.request import Request as VcrRequest

from tests.spec_check import (
    Exchange,
    describe,
    exchange_problems,
    find_operation,
    response_problems,
)

__all__ = [
    "CASSETTES",
    "CASSETTE_ORIGIN",
    "RECORD_ENV",
    "REDACTED",
    "REPLAY_BASE_URL",
    "CassetteMismatch",
    "NetworkGuard",
    "OpenCassette",
    "cassette_exchange",
    "cassette_path",
    "cassette_problems",
    "interaction_problems",
    "json_differences",
    "leaked_secrets",
    "load_interactions",
    "make_vcr",
    "mismatch",
    "open_cassette",
    "playback_problems",
    "relative",
    "scrub_body",
    "scrub_json",
]

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "tests" / "cassettes"
"""One YAML cassette per contract test and client flavour: <module>/<function>.<flavour>.yaml."""
RECORD_ENV = "GOODMEM_CONTRACT_RECORD"
"""Set to 1 (only by `make record`) to re-record cassettes instead of replaying them."""
REDACTED = "REDACTED"
"""What cassettes hold instead of the x-api-key header and every inlineSecret."""
CASSETTE_ORIGIN = "http://goodmem.test"
"""The origin every recorded URI is rewritten to: cassettes do not depend on where they were
recorded, and matching ignores scheme, host and port anyway."""
REPLAY_BASE_URL = "http://127.0.0.1:9"
"""The base URL of replaying clients: the discard port on loopback, so a leak fails loudly."""

MATCH_ON = ("method", "path", "query", "json_body")
_KEPT_REQUEST_HEADERS = frozenset({"x-api-key", "accept", "content-type"})
# Everything else (date, server, content-length, set-cookie, request ids, ...) is dropped:
# volatile, transport-level, or secret.
_KEPT_RESPONSE_HEADERS = frozenset({"content-type", "location", "allow", "retry-after"})
_SECRET_HEADERS = frozenset({"x-api-key"})
_INLINE_SECRET_TEXT = re.compile(r'("inlineSecret"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\]\s]+)')
_MAX_SHOWN = 120


# --- operations --------------------------------------------------------------------------


def _describe_request(request: VcrRequest) -> str:
    return describe(request.method, urlsplit(request.uri).path)


# --- scrubbing ---------------------------------------------------------------------------


def scrub_json(value: Any) -> Any:
    """`value` (parsed JSON) with every `inlineSecret`, at any depth, replaced by REDACTED."""
    if isinstance(value, dict):
        return {
            key: REDACTED if key == "inlineSecret" else scrub_json(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [scrub_json(item) for item in value]
    return value


def scrub_body(body: bytes | str | None) -> bytes | None:
    """A body with its inline secrets redacted; the bytes are kept as sent when it has none.

    JSON is parsed, scrubbed and re-serialized compactly (key order kept); other text gets
    a textual replacement, so a malformed JSON body cannot smuggle a secret through.
    """
    if body is None:
        return None
    raw = body.encode() if isinstance(body, str) else bytes(body)
    if not raw:
        return raw
    text = raw.decode("utf-8", errors="replace")
    try:
        data = json.loads(text)
    except ValueError:
        return _INLINE_SECRET_TEXT.sub(rf'\1"{REDACTED}"', text).encode()
    scrubbed = scrub_json(data)
    if scrubbed == data:
        return raw
    return json.dumps(scrubbed, ensure_ascii=False, separators=(",", ":")).encode()


def _header_value(value: Any) -> str:
    return str(value[0] if isinstance(value, list | tuple) else value)


def _scrub_request(request: VcrRequest, base_url: str) -> VcrRequest:
    """before_record_request: fixed origin, kept headers only, secrets redacted.

    vcrpy passes a copy, and runs this on live requests before matching too.
    """
    parts = urlsplit(request.uri)
    prefix = urlsplit(base_url).path.rstrip("/")
    path = parts.path[len(prefix) :] if prefix and parts.path.startswith(prefix) else parts.path
    request.uri = CASSETTE_ORIGIN + path + (f"?{parts.query}" if parts.query else "")
    request.headers = {
        name.lower(): REDACTED if name.lower() in _SECRET_HEADERS else _header_value(value)
        for name, value in request.headers.items()
        if name.lower() in _KEPT_REQUEST_HEADERS
    }
    request.body = scrub_body(request.body)
    return request


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """before_record_response: kept headers only, inline secrets redacted (a copy is passed)."""
    response["headers"] = {
        name.lower(): values
        for name, values in response["headers"].items()
        if name.lower() in _KEPT_RESPONSE_HEADERS
    }
    response["body"]["string"] = scrub_body(response["body"]["string"]) or b""
    return response


# --- matching ----------------------------------------------------------------------------


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, bytes) else repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."


def _match_method(sent: VcrRequest, recorded: VcrRequest) -> None:
    if sent.method.upper() != recorded.method.upper():
        raise AssertionError(
            f"{_describe_request(recorded)}: method {sent.method} sent, {recorded.method} recorded"
        )


def _match_path(sent: VcrRequest, recorded: VcrRequest) -> None:
    sent_path, recorded_path = urlsplit(sent.uri).path, urlsplit(recorded.uri).path
    if sent_path != recorded_path:
        raise AssertionError(
            f"{_describe_request(recorded)}: path {sent_path} sent, {recorded_path} recorded"
        )


def _query(request: VcrRequest) -> Counter[tuple[str, str]]:
    return Counter(parse_qsl(urlsplit(request.uri).query, keep_blank_values=True))


def _match_query(sent: VcrRequest, recorded: VcrRequest) -> None:
    sent_query, recorded_query = _query(sent), _query(recorded)
    if sent_query != recorded_query:
        extra = ", ".join(f"{k}={v}" for k, v in sorted((sent_query - recorded_query).elements()))
        missing = ", ".join(f"{k}={v}" for k, v in sorted((recorded_query - sent_query).elements()))
        raise AssertionError(
            f"{_describe_request(recorded)}: query differs: "
            f"sent but not recorded [{extra}], recorded but not sent [{missing}]"
        )


def _normalized_body(request: VcrRequest) -> Any:
    """The body for comparison: scrubbed parsed JSON, scrubbed text, or None when empty."""
    body = scrub_body(request.body)
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return body


def json_differences(recorded: Any, sent: Any, path: str = "") -> Iterator[str]:
    """How `sent` differs from `recorded` (parsed JSON), one line per JSON-pointer path."""
    if isinstance(recorded, dict) and isinstance(sent, dict):
        for key in recorded:
            if key not in sent:
                yield f"{path}/{key}: recorded {_short(recorded[key])}, not sent"
        for key in sent:
            if key not in recorded:
                yield f"{path}/{key}: sent {_short(sent[key])}, not recorded"
            else:
                yield from json_differences(recorded[key], sent[key], f"{path}/{key}")
    elif isinstance(recorded, list) and isinstance(sent, list):
        if len(recorded) != len(sent):
            yield f"{path or '/'}: {len(recorded)} items recorded, {len(sent)} sent"
        for index, (old, new) in enumerate(zip(recorded, sent, strict=False)):
            yield from json_differences(old, new, f"{path}/{index}")
    elif recorded != sent or type(recorded) is not type(sent):
        yield f"{path or '/'}: recorded {_short(recorded)}, sent {_short(sent)}"


def _match_json_body(sent: VcrRequest, recorded: VcrRequest) -> None:
    differences = list(json_differences(_normalized_body(recorded), _normalized_body(sent)))
    if differences:
        raise AssertionError(
            f"{_describe_request(recorded)}: JSON body differs: " + "; ".join(differences)
        )


_MATCHERS: dict[str, Callable[[VcrRequest, VcrRequest], None]] = {
    "method": _match_method,
    "path": _match_path,
    "query": _match_query,
    "json_body": _match_json_body,
}


# --- cassettes ---------------------------------------------------------------------------


def cassette_path(module: str, function: str, flavour: str) -> Path:
    """Where the cassette of `function` in tests/contract/`module`.py for `flavour` lives."""
    return CASSETTES / module / f"{function}.{flavour}.yaml"


def make_vcr(base_url: str) -> vcr.VCR:
    """A vcr.VCR that scrubs and matches as the module docstring says.

    `base_url` is the clients' base URL: its path prefix, if any, is cut from recorded URIs.
    """
    recorder = vcr.VCR(
        match_on=MATCH_ON,
        before_record_request=functools.partial(_scrub_request, base_url=base_url),
        before_record_response=_scrub_response,
        decode_compressed_response=True,
        record_on_exception=False,
    )
    for name, matcher in _MATCHERS.items():
        recorder.register_matcher(name, matcher)
    return recorder


class OpenCassette:
    """A cassette in use: httpx is patched until `close()`.

    Recording (`record=True`) deletes the old file and writes a new one on `close(save=True)`;
    `close(save=False)` (a failed test) writes nothing, so a broken recording never lands.
    Replaying (`record=False`) needs the file, answers only matching requests, each once
    (record_mode "none", allow_playback_repeats=False), and never writes.
    """

    def __init__(self, path: Path, *, record: bool, base_url: str) -> None:
        if record:
            path.unlink(missing_ok=True)
        elif not path.is_file():
            pytest.fail(f"no cassette {relative(path)}: run `make record`", pytrace=False)
        self.path = path
        self._context: CassetteContextDecorator = make_vcr(base_url).use_cassette(
            str(path), record_mode="all" if record else "none", allow_playback_repeats=False
        )
        self.cassette: Cassette = self._context.__enter__()

    def close(self, *, save: bool) -> None:
        """Unpatch httpx; save the recording only when `save` (replays never write)."""
        if save:
            self._context.__exit__(None, None, None)
        else:
            failed = RuntimeError("test failed: recording discarded")
            self._context.__exit__(RuntimeError, failed, None)


def open_cassette(path: Path, *, record: bool, base_url: str) -> OpenCassette:
    """Start recording to, or replaying from, the cassette at `path` (see OpenCassette)."""
    return OpenCassette(path, record=record, base_url=base_url)


def playback_problems(cassette: Cassette) -> list[str]:
    """Why a finished replay was not exact: interactions never requested, or out of order."""
    problems = []
    for index, (request, response) in enumerate(cassette.data):
        if index not in cassette.play_counts:
            problems.append(
                f"{_describe_request(request)}: recorded interaction {index + 1} "
                f"(answered {response['status']['code']}) was never requested"
            )
    if not cassette.all_played and not problems:
        problems.append("cassette.all_played is false")
    order = list(cassette.play_counts)
    if order != sorted(order):
        played = ", ".join(str(index + 1) for index in order)
        problems.append(f"interactions were requested out of recorded order: {played}")
    return [f"{relative(cassette_file(cassette))}: {problem}" for problem in problems]


class CassetteMismatch(AssertionError):
    """A request a replayed cassette cannot answer; the message leads with the operation."""


_REASONS = {
    "no_match": "no recorded interaction matches it",
    "already_played": "its recorded interaction was already played (repeats are not allowed)",
    "nothing_similar": "nothing similar is recorded",
    "cassette_not_found": "the cassette is missing or empty (run `make record`)",
}


def _target(request: VcrRequest) -> str:
    parts = urlsplit(str(request.uri))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def cassette_file(cassette: Cassette) -> Path:
    """The cassette file (vcrpy 9 has `.path`; 8.5, the last release for Python 3.10, `._path`)."""
    return Path(getattr(cassette, "path", None) or cassette._path)


def _why(error: CannotOverwriteExistingCassetteException) -> tuple[str, list[Any]]:
    """(reason, closest recorded requests) of a replay miss, in vcrpy 9's terms on 8.5 too."""
    similar = getattr(error, "similar_requests", None)
    if similar is None:
        similar = error.cassette.find_requests_with_most_matches(error.failed_request)
    reason = getattr(error, "reason", None)
    if reason is None:
        reason = (
            "nothing_similar"
            if not similar
            else "no_match"
            if similar[0][2]
            else ("already_played")
        )
    return reason, list(similar)


def mismatch(error: CannotOverwriteExistingCassetteException) -> CassetteMismatch:
    """The CassetteMismatch explaining vcrpy's `error`: what was sent, how the closest differ."""
    sent: VcrRequest = error.failed_request
    reason, similar = _why(error)
    lines = [
        f"{_describe_request(sent)}: request not in cassette "
        f"{relative(cassette_file(error.cassette))}: {_REASONS.get(reason, reason)}",
        f"  sent: {sent.method} {_target(sent)}",
    ]
    body = scrub_body(sent.body)
    if body:
        lines.append(f"  body: {body.decode('utf-8', errors='replace')}")
    for recorded, _matched, failed in similar[:3]:
        lines.append(f"  closest recorded: {recorded.method} {_target(recorded)}")
        lines += [f"    {message}" for _name, message in failed]
    return CassetteMismatch("\n".join(lines))


def relative(path: Path) -> str:
    """`path` relative to the repository root, for messages."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# --- spec check --------------------------------------------------------------------------


def load_interactions(path: Path) -> list[dict[str, Any]]:
    """The interactions of the cassette at `path` (plain YAML: vcrpy's format, version 1)."""
    data = yaml.safe_load(path.read_text())
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ValueError(f"{relative(path)}: not a vcrpy cassette (version 1)")
    interactions: list[dict[str, Any]] = data["interactions"]
    return interactions


def _pairs(headers: dict[str, list[str]] | None) -> list[tuple[str, str]]:
    return [(name, value) for name, values in (headers or {}).items() for value in values]


def _bytes(body: str | bytes | None) -> bytes:
    return body.encode() if isinstance(body, str) else bytes(body or b"")


def cassette_exchange(request: dict[str, Any], response: dict[str, Any]) -> Exchange:
    """A recorded request and response as tests/spec_check.py reads an exchange."""
    parts = urlsplit(request["uri"])
    return Exchange(
        method=request["method"],
        path=parts.path,
        query=parse_qsl(parts.query, keep_blank_values=True),
        request_headers=_pairs(request.get("headers")),
        request_body=_bytes(request.get("body")),
        status=int(response["status"]["code"]),
        response_headers=_pairs(response.get("headers")),
        response_body=_bytes(response["body"]["string"]),
    )


def interaction_problems(request: dict[str, Any], response: dict[str, Any]) -> list[str]:
    """Every way one recorded request/response pair disagrees with openapi.yaml."""
    return exchange_problems(cassette_exchange(request, response))


def cassette_problems(path: Path) -> list[str]:
    """Every way the cassette at `path` disagrees with openapi.yaml, one line each:
    `<cassette>: interaction <n> (<operationId> <METHOD> <template> -> <status>): <problem>`.

    The request of a 415 is not checked: it breaks the documented media type on purpose.
    """
    problems = []
    for number, interaction in enumerate(load_interactions(path), start=1):
        exchange = cassette_exchange(interaction["request"], interaction["response"])
        operation = find_operation(exchange.method, exchange.path)
        name = str(operation) if operation else f"{exchange.method} {exchange.path}"
        where = f"{relative(path)}: interaction {number} ({name} -> {exchange.status})"
        found = (
            response_problems(exchange) if exchange.status == 415 else exchange_problems(exchange)
        )
        problems += [f"{where}: {problem}" for problem in found]
    return problems


# --- secret scan -------------------------------------------------------------------------

_TOKENS = (
    re.compile(r"\bsk-[A-Za-z0-9_-]{4,}"),
    re.compile(r"\bgm_[A-Za-z0-9_-]{4,}"),
    re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r'"inlineSecret"\s*:\s*(?!"REDACTED")[^,}\s]+'),
)
_FORBIDDEN_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


def _inline_secrets(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "inlineSecret":
                yield f"{path}/{key}", item
            else:
                yield from _inline_secrets(item, f"{path}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _inline_secrets(item, f"{path}/{index}")


def leaked_secrets(path: Path, known: Iterable[str] = ()) -> list[str]:
    """Everything in the cassette at `path` that looks like a secret, one line each.

    Flags an x-api-key other than REDACTED, credential headers (authorization, cookies), any
    inlineSecret other than REDACTED in a request or response body (at any depth), `sk-...`,
    `gm_...` and bearer tokens anywhere in the file, and any of the `known` secret values.
    """
    text = path.read_text()
    where = relative(path)
    problems = [
        f"{where}: secret-looking text {match.group(0)!r}"
        for pattern in _TOKENS
        for match in pattern.finditer(text)
    ]
    problems += [f"{where}: contains a known secret" for secret in known if secret in text]
    for number, interaction in enumerate(yaml.safe_load(text)["interactions"], start=1):
        request, response = interaction["request"], interaction["response"]
        at = f"{where}: interaction {number}"
        for name, values in (request.get("headers") or {}).items():
            if name.lower() == "x-api-key" and values != [REDACTED]:
                problems.append(f"{at}: request header x-api-key is not {REDACTED}")
            if name.lower() in _FORBIDDEN_HEADERS:
                problems.append(f"{at}: request header {name} must not be recorded")
        for name in response.get("headers") or {}:
            if name.lower() in _FORBIDDEN_HEADERS:
                problems.append(f"{at}: response header {name} must not be recorded")
        bodies = (("request", request.get("body")), ("response", response["body"]["string"]))
        for side, body in bodies:
            try:
                data = json.loads(body) if body else None
            except ValueError:
                continue  # the text patterns above cover non-JSON bodies
            for pointer, value in _inline_secrets(data):
                if value != REDACTED:
                    problems.append(f"{at}: {side} body {pointer} is not {REDACTED}")
    return problems


# --- no network in replay ----------------------------------------------------------------


class NetworkGuard:
    """Refuses every socket connect while installed and remembers each attempt.

    Replayed tests install it: vcrpy answers at the httpx transport, so nothing should ever
    reach a socket. An attempt raises ConnectionRefusedError (the client sees a connection
    error) and is listed in `attempts`, which the fixture turns into a test failure.
    """

    def __init__(self) -> None:
        self.attempts: list[str] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Patch socket.socket.connect and connect_ex until `monkeypatch` is undone."""

        def refuse(sock: socket.socket, address: Any) -> None:
            self.attempts.append(repr(address))
            raise ConnectionRefusedError(f"contract replay may not connect to {address!r}")

        def refuse_ex(sock: socket.socket, address: Any) -> int:
            refuse(sock, address)
            return 1  # pragma: no cover - refuse always raises

        monkeypatch.setattr(socket.socket, "connect", refuse)
        monkeypatch.setattr(socket.socket, "connect_ex", refuse_ex)
