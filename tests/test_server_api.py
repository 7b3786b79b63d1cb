"""The JSON API through a real uvicorn server on 127.0.0.1 (``python -m checker.server``).

Expectations come from the engine itself (the CLI's pipeline run in-process on the same
text) or are rule ids and highlighted texts, never message wording, so these tests follow
the engine as it improves. Every response is also validated against the schema the
server's own /openapi.json describes for it.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema
import pytest
from server.serving import Server, article, running_server, serving_app

from checker.model import FileReport
from checker.registry import registry_for
from checker.render.json_format import report_json
from checker.server import create_app, serve_main
from checker.server.checking import CheckRequest, run

SMALL_LIMIT = 4096


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    with running_server("--log-sizes") as s:
        yield s


@pytest.fixture(scope="session")
def small_server() -> Iterator[Server]:
    """A body limit small enough to test its edge exactly."""
    with running_server("--max-body", str(SMALL_LIMIT)) as s:
        yield s


@pytest.fixture(scope="session")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


@pytest.fixture(scope="session")
def spec(client: httpx.Client) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def conforms(spec: dict[str, Any], response: httpx.Response, path: str, method: str = "post") -> Any:
    """Validate a response against the schema /openapi.json gives for its path, method and status."""
    described = spec["paths"][path][method]["responses"]
    assert str(response.status_code) in described, (path, method, response.status_code, response.text)
    content = described[str(response.status_code)]["content"]
    media = response.headers["content-type"].split(";")[0]
    assert media in content, (media, list(content))
    if media != "application/json":
        return response.text
    body = response.json()
    validator = jsonschema.Draft202012Validator({**content[media]["schema"], "components": spec["components"]})
    validator.validate(body)
    return body


def post_check(client: httpx.Client, spec: dict[str, Any], payload: Any, status: int = 200) -> dict[str, Any]:
    response = client.post("/api/check", json=payload)
    assert response.status_code == status, response.text
    return conforms(spec, response, "/api/check")


def expected_file(text: str, fmt: str = "text", **kw: Any) -> dict[str, Any]:
    """What the CLI's pipeline says about ``text``, as the contract's file object."""
    return report_json(run(CheckRequest(text, fmt, **kw)))


# --- results ---------------------------------------------------------------------------


def test_failing_article_gets_its_finding_with_arithmetic(client: httpx.Client, spec: dict[str, Any]) -> None:
    text = article("mismatch.txt")
    body = post_check(client, spec, {"text": text})
    assert body["schema"] == 1 and body["tool"]["name"] == "tallycheck"
    [file] = body["files"]
    assert file["path"] == "<request>" and file["error"] is None
    assert file == expected_file(text)
    rules = [f["rule"] for f in file["findings"]]
    assert "TC101" in rules
    finding = file["findings"][rules.index("TC101")]
    assert finding["span"]["text"] == text[finding["span"]["start"]:finding["span"]["end"]]
    assert "31" in finding["span"]["text"]
    assert finding["arithmetic"] and finding["related"]
    assert body["summary"]["errors"] >= 1 and body["summary"]["files"] == 1


def test_consistent_article_lists_what_was_verified(client: httpx.Client, spec: dict[str, Any]) -> None:
    text = article("consistent.txt")
    body = post_check(client, spec, {"text": text, "format": "txt"})
    [file] = body["files"]
    assert file == expected_file(text)
    assert file["findings"] == [] and body["summary"]["errors"] == 0
    assert file["tallies"] and all(t["status"] in ("consistent", "partial") for t in file["tallies"])


@pytest.mark.parametrize("fmt", ["md", "markdown"])
def test_markdown_spans_index_the_source_as_sent(client: httpx.Client, spec: dict[str, Any], fmt: str) -> None:
    text = article("upload.md")
    [file] = post_check(client, spec, {"text": text, "format": fmt})["files"]
    assert file == expected_file(text, "markdown")
    assert [f["rule"] for f in file["findings"]] == ["TC101"]
    for span in [f["span"] for f in file["findings"]] + [t["total"]["span"] for t in file["tallies"]]:
        assert text[span["start"]:span["end"]] == span["text"]


def test_html_markup_is_not_counted(client: httpx.Client, spec: dict[str, Any]) -> None:
    paragraphs = article("mismatch.txt").split("\n\n")
    text = f"<article><h1>{paragraphs[0]}</h1>\n<p>{paragraphs[1]}</p>\n<p class=\"x-99\">{paragraphs[2]}</p></article>"
    [file] = post_check(client, spec, {"text": text, "format": "html"})["files"]
    assert file == expected_file(text, "html")
    assert "TC101" in [f["rule"] for f in file["findings"]]


# --- select / ignore -------------------------------------------------------------------


@pytest.mark.parametrize(("select", "ignore", "kept"), [
    (None, ["TC101"], False),
    (None, ["tc1"], False),
    (["TC1"], None, True),
    (["tc101"], [], True),
    (["TC101"], ["TC1"], True),  # the longer prefix decides
    (["TC1"], ["TC101"], False),
    (["TC102"], None, False),
    (["ALL"], None, True),
])
def test_select_and_ignore_filter_findings(client: httpx.Client, spec: dict[str, Any], select: list[str] | None,
                                           ignore: list[str] | None, kept: bool) -> None:
    payload: dict[str, Any] = {"text": article("mismatch.txt")}
    if select is not None:
        payload["select"] = select
    if ignore is not None:
        payload["ignore"] = ignore
    body = post_check(client, spec, payload)
    [file] = body["files"]
    assert ("TC101" in [f["rule"] for f in file["findings"]]) is kept
    assert file["tallies"], "tallies show what was verified whatever is selected"
    assert body["summary"]["errors"] == sum(1 for f in file["findings"] if f["severity"] == "error")


def test_inline_suppressions_apply_as_in_the_cli(client: httpx.Client, spec: dict[str, Any]) -> None:
    text = "<!-- tallycheck-disable TC101 -->\n" + article("upload.md")
    [file] = post_check(client, spec, {"text": text, "format": "md"})["files"]
    assert file == expected_file(text, "markdown")
    assert file["findings"] == []


# --- bad input: clear 4xx, never a 500 -------------------------------------------------

BAD_JSON = [
    ("not json", b"{\"text\": ", 400, "invalid_json"),
    ("not utf-8", b"{\"text\": \"caf\xe9\"}", 400, "invalid_json"),
    ("an array", b"[\"text\"]", 422, "invalid_request"),
    ("a string", b"\"text\"", 422, "invalid_request"),
    ("deeply nested", b"[" * 100_000 + b"]" * 100_000, 400, "invalid_json"),
    ("lone surrogate", b"{\"text\": \"\\ud800 drones\"}", 422, "invalid_text"),
]
BAD_FIELDS = [
    ("missing text", {"format": "txt"}, "missing_field", "text"),
    ("text null", {"text": None}, "invalid_type", "text"),
    ("text number", {"text": 32}, "invalid_type", "text"),
    ("text list", {"text": ["a"]}, "invalid_type", "text"),
    ("format number", {"text": "x", "format": 1}, "invalid_type", "format"),
    ("format unknown", {"text": "x", "format": "docx"}, "invalid_format", "format"),
    ("select string", {"text": "x", "select": "TC101"}, "invalid_type", "select"),
    ("select ints", {"text": "x", "select": [101]}, "invalid_type", "select"),
    ("select unknown", {"text": "x", "select": ["TC999"]}, "unknown_rule", "select"),
    ("select other tool", {"text": "x", "select": ["E501"]}, "unknown_rule", "select"),
    ("select empty code", {"text": "x", "select": [""]}, "unknown_rule", "select"),
    ("ignore unknown", {"text": "x", "ignore": ["TC2"]}, "unknown_rule", "ignore"),
    ("ignore object", {"text": "x", "ignore": {"TC101": True}}, "invalid_type", "ignore"),
    ("unknown field", {"text": "x", "txet": "y"}, "unknown_field", "txet"),
]


@pytest.mark.parametrize(("body", "status", "code"), [c[1:] for c in BAD_JSON], ids=[c[0] for c in BAD_JSON])
def test_malformed_json_is_a_clear_error(client: httpx.Client, spec: dict[str, Any], body: bytes, status: int,
                                         code: str) -> None:
    response = client.post("/api/check", content=body, headers={"content-type": "application/json"})
    assert response.status_code == status, response.text
    assert conforms(spec, response, "/api/check")["error"]["code"] == code


@pytest.mark.parametrize(("payload", "code", "field"), [c[1:] for c in BAD_FIELDS], ids=[c[0] for c in BAD_FIELDS])
def test_wrong_fields_are_named(client: httpx.Client, spec: dict[str, Any], payload: dict[str, Any], code: str,
                                field: str) -> None:
    error = post_check(client, spec, payload, 422)["error"]
    assert error["code"] == code and error["field"] == field
    assert error["message"]


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", "application/jsonx"])
def test_wrong_content_type_is_415(client: httpx.Client, spec: dict[str, Any], content_type: str | None) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = client.post("/api/check", content=b'{"text": "x"}', headers=headers)
    assert response.status_code == 415
    assert conforms(spec, response, "/api/check")["error"]["code"] == "unsupported_media_type"


def test_json_with_charset_parameter_is_accepted(client: httpx.Client) -> None:
    response = client.post("/api/check", content=json.dumps({"text": "x"}).encode(),
                           headers={"content-type": "application/json; charset=utf-8"})
    assert response.status_code == 200


def test_unknown_routes_and_methods_are_json_errors(client: httpx.Client) -> None:
    missing = client.get("/api/nope")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    wrong = client.get("/api/check")
    assert wrong.status_code == 405 and wrong.json()["error"]["code"] == "method_not_allowed"
    assert "POST" in wrong.headers["allow"]


# --- limits ----------------------------------------------------------------------------


def _body_of_size(size: int) -> bytes:
    """A valid request body of exactly ``size`` bytes."""
    empty = len(json.dumps({"text": ""}).encode())
    return json.dumps({"text": "a" * (size - empty)}).encode()


def test_body_limit_edge(small_server: Server) -> None:
    with httpx.Client(base_url=small_server.url, timeout=60) as c:
        at = c.post("/api/check", content=_body_of_size(SMALL_LIMIT), headers={"content-type": "application/json"})
        assert at.status_code == 200, at.text
        over = c.post("/api/check", content=_body_of_size(SMALL_LIMIT + 1),
                      headers={"content-type": "application/json"})
        assert over.status_code == 413
        assert over.json()["error"]["code"] == "body_too_large"


def test_body_limit_is_enforced_while_reading_a_chunked_body(small_server: Server) -> None:
    """No Content-Length to trust: the server counts as it reads, and stops."""
    sent = []

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(64):
            sent.append(1)
            yield b"a" * 1024
        yield b'"}'

    with httpx.Client(base_url=small_server.url, timeout=60) as c:
        response = c.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert response.status_code == 413 and response.json()["error"]["code"] == "body_too_large"


def test_default_body_limit_is_two_megabytes(client: httpx.Client, spec: dict[str, Any]) -> None:
    over = client.post("/api/check", content=_body_of_size(2 * 1024 * 1024 + 1),
                       headers={"content-type": "application/json"})
    assert over.status_code == 413
    assert conforms(spec, over, "/api/check")["error"]["code"] == "body_too_large"
    assert client.get("/healthz").status_code == 200


def test_time_limit_answers_503_and_the_server_carries_on() -> None:
    text = article("mismatch.txt") * 2000  # about 400 kB: many seconds of checking, limit 50 ms
    with running_server("--time-limit", "0.05") as s, httpx.Client(base_url=s.url, timeout=60) as c:
        started = time.monotonic()
        response = c.post("/api/check", json={"text": text})
        elapsed = time.monotonic() - started
        assert response.status_code == 503, response.text[:200]
        assert response.json()["error"]["code"] == "time_limit_exceeded"
        assert elapsed < 5, "the answer must not wait for the abandoned check"
        assert c.get("/healthz").json() == {"status": "ok"}
        stopping = time.monotonic()
    assert time.monotonic() - stopping < 8, "shutdown must not wait for the abandoned check"


def _slow(request: CheckRequest) -> FileReport:
    time.sleep(1.5)
    return run(request)


def test_time_limit_with_an_injected_slow_checker() -> None:
    app = create_app(time_limit=0.2, check=_slow, workers=1)
    with serving_app(app) as url, httpx.Client(base_url=url, timeout=30) as c:
        started = time.monotonic()
        response = c.post("/api/check", json={"text": "slow"})
        assert response.status_code == 503 and response.json()["error"]["code"] == "time_limit_exceeded"
        # the single worker is busy with the abandoned check: a queued request times out as well
        assert c.post("/api/check", json={"text": "queued"}).status_code == 503
        assert time.monotonic() - started < 1.2
        assert c.get("/healthz").status_code == 200


def _broken(request: CheckRequest) -> FileReport:
    raise ValueError(f"engine bug near {request.text!r}")


def test_an_engine_bug_is_a_500_that_does_not_echo_the_text(caplog: pytest.LogCaptureFixture) -> None:
    with serving_app(create_app(check=_broken)) as url, httpx.Client(base_url=url) as c:
        response = c.post("/api/check", json={"text": "SECRET-COPY"})
    assert response.status_code == 500 and response.json()["error"]["code"] == "internal_error"
    assert "SECRET-COPY" not in response.text
    assert "ValueError" in caplog.text and "SECRET-COPY" not in caplog.text


# --- concurrency -----------------------------------------------------------------------

PLACES = ("Ashby", "Fernley", "Marston")


def _numbered_article(i: int) -> tuple[str, int, list[int]]:
    total = 40 + i
    parts = [total // 2, total // 3, total - total // 2 - total // 3 - (i % 2)]  # odd i: one short
    listed = ", ".join(f"{n} in {p}" for n, p in zip(parts[:-1], PLACES, strict=False))
    text = (f"Report {i}\n\nThe storm closed {total} schools on Monday: {listed} and {parts[-1]} in {PLACES[-1]}.\n")
    return text, total, parts


def test_fifty_concurrent_requests_each_get_their_own_answer(server: Server) -> None:
    articles = [_numbered_article(i) for i in range(50)]

    async def check_all() -> list[httpx.Response]:
        limits = httpx.Limits(max_connections=50)
        async with httpx.AsyncClient(base_url=server.url, timeout=120, limits=limits) as c:
            return await asyncio.gather(*(c.post("/api/check", json={"text": text}) for text, _, _ in articles))

    responses = asyncio.run(check_all())
    for i, ((text, total, parts), response) in enumerate(zip(articles, responses, strict=True)):
        assert response.status_code == 200, (i, response.text)
        [file] = response.json()["files"]
        assert file == expected_file(text), i
        [tally] = file["tallies"]
        assert tally["total"]["value"] == total and [p["value"] for p in tally["parts"]] == parts, i
        assert ([f["rule"] for f in file["findings"]] == ["TC101"]) is (sum(parts) != total), i


# --- rules, health, description ----------------------------------------------------------


def test_rules_lists_every_check(client: httpx.Client, spec: dict[str, Any]) -> None:
    response = client.get("/api/rules")
    body = conforms(spec, response, "/api/rules", "get")
    ids = [r["id"] for r in body["rules"]]
    assert ids == [c.id for c in registry_for(())]
    assert {"TC101", "TC106"} <= set(ids)
    for rule in body["rules"]:
        assert rule["name"] and rule["summary"] and rule["why"] and rule["severity"] in ("error", "warning", "info")


def test_healthz(client: httpx.Client, spec: dict[str, Any]) -> None:
    response = client.get("/healthz")
    assert conforms(spec, response, "/healthz", "get") == {"status": "ok"}
    assert client.head("/healthz").status_code == 200


def test_openapi_describes_every_route_and_nothing_else(spec: dict[str, Any]) -> None:
    served = {(route.path, method.lower()) for route in create_app().routes
              for method in route.methods if method != "HEAD"}
    described = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    assert served == described
    assert spec["openapi"].startswith("3.1")
    for schema in spec["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)  # each is valid JSON Schema
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op["responses"], (path, method)
            for ref in re.findall(r'"\$ref": "#/components/schemas/(\w+)"', json.dumps(op)):
                assert ref in spec["components"]["schemas"], ref


def test_openapi_states_the_limits(small_server: Server) -> None:
    with httpx.Client(base_url=small_server.url) as c:
        text = c.get("/openapi.json").json()["info"]["description"]
    assert f"{SMALL_LIMIT:,} bytes" in text


def test_page_routes_match_their_description(client: httpx.Client, spec: dict[str, Any]) -> None:
    conforms(spec, client.get("/"), "/", "get")
    ok = client.post("/check", files={"text": (None, article("mismatch.txt")), "format": (None, "auto")})
    assert ok.status_code == 200
    conforms(spec, ok, "/check")
    again = client.get("/check")
    assert again.status_code == 303 and again.headers["location"] == "/"
    assert str(again.status_code) in spec["paths"]["/check"]["get"]["responses"]
    bad = client.post("/check", content=b"text=x", headers={"content-type": "text/plain"})
    assert bad.status_code == 415
    conforms(spec, bad, "/check")


# --- headers, logs, command line ---------------------------------------------------------


def test_security_headers_on_api_responses(client: httpx.Client) -> None:
    for response in (client.get("/healthz"), client.post("/api/check", json={"text": "x"}),
                     client.post("/api/check", json={})):
        h = response.headers
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in h["content-security-policy"]
        assert h["cache-control"] == "no-store"
        assert "server" not in h


def test_no_article_text_is_logged(server: Server, client: httpx.Client) -> None:
    marker = "Zanzibarquux counted 17 owls: 9 barn owls and 7 tawny owls."
    assert client.post("/api/check", json={"text": marker}).status_code == 200
    assert client.post("/api/check", json={"text": marker, "select": ["NOPE"]}).status_code == 422
    assert client.post("/check", data={"text": marker}).status_code == 200
    client.get("/healthz", params={"text": "Zanzibarquux"})
    time.sleep(0.3)
    log = server.log()
    assert "POST /api/check" in log and "characters" in log  # --log-sizes: lengths only
    assert "Zanzibarquux" not in log and "owls" not in log


def test_serve_main_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve_main(["--max-body", "0"]) == 2
    assert serve_main(["--time-limit", "soon"]) == 2
    assert serve_main(["--port", "eighty"]) == 2
    assert serve_main(["--port", "70000"]) == 2
    assert serve_main(["--help"]) == 0
    out = capsys.readouterr()
    assert "--max-body" in out.out and "--time-limit" in out.out
