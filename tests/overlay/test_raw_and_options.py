"""Raw responses, per-call options, event hooks and `with_options`: on every public method of
every facade (both APIs, sync and async), enumerated from the classes."""

from __future__ import annotations

import datetime
import inspect
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from backbeat import NOT_GIVEN, APIError, BackbeatError, RateLimitError, RateLimitInfo, RawResponse

from .facades import (
    FACADES,
    RATE_HEADERS,
    Facade,
    ScriptedAPI,
    api_methods,
    sample_arguments,
    spec_bodies,
)

EXPECTED_RATE_LIMIT = RateLimitInfo(
    limit=100, remaining=99, limit_daily=5000, remaining_daily=4999, credits_remaining=42
)


EACH_FACADE = pytest.mark.parametrize("facade", FACADES, ids=lambda f: f.id)


def on_every_method(check: Callable[[Facade, str], None]) -> Callable[[Facade], None]:
    """A test of each facade that runs `check` on every public API method of it, enumerated
    from the class: one case per facade, as the methods share the behaviour checked."""

    @EACH_FACADE
    def test(facade: Facade) -> None:
        for method in api_methods(facade.cls):
            check(facade, method)

    test.__name__ = test.__qualname__ = check.__name__
    test.__doc__ = f"{check.__doc__ or ''} On every public API method of the facade.".strip()
    return test


def invoke(facade: Facade, target: Any, method: str, **options: Any) -> Any:
    args, kwargs = sample_arguments(getattr(facade.cls, method))
    return facade.run(getattr(target, method)(*args, **kwargs, **options))


def test_every_facade_offers_its_methods_raw() -> None:
    for facade in FACADES:
        client = facade.build(ScriptedAPI(spec_bodies(facade.spec)))
        raw_methods = {
            name
            for name in dir(client.with_raw_response)
            if not name.startswith("_") and callable(getattr(client.with_raw_response, name))
        }
        assert raw_methods == set(api_methods(facade.cls))
        with pytest.raises(AttributeError):
            client.with_raw_response.close  # noqa: B018 - not an API method
        with pytest.raises(AttributeError):
            client.with_raw_response._request  # noqa: B018


@on_every_method
def test_raw_response_has_the_documented_attributes(facade: Facade, method: str) -> None:
    api = ScriptedAPI(spec_bodies(facade.spec))
    client = facade.build(api)
    args, kwargs = sample_arguments(getattr(facade.cls, method))
    if not _makes_requests(facade, method):  # a helper (e.g. reading a webhook): no response
        with pytest.raises(BackbeatError, match="made no request"):
            facade.run_raw(getattr(client.with_raw_response, method)(*args, **kwargs))
        return
    raw, parsed = facade.run_raw(getattr(client.with_raw_response, method)(*args, **kwargs))
    assert isinstance(raw, RawResponse)
    assert raw.status_code == api.operation_of(api.requests[-1]).status
    assert raw.headers["x-credits-remaining"] == RATE_HEADERS["x-credits-remaining"]
    assert raw.rate_limit == EXPECTED_RATE_LIMIT
    assert raw.retries_taken == 0
    assert isinstance(raw.elapsed, datetime.timedelta)
    assert raw.method == api.requests[-1].method
    assert raw.url == api.requests[-1].url
    assert facade.api_key not in repr(raw)
    direct = invoke(facade, client, method)
    assert type(parsed) is type(direct)
    if isinstance(direct, list):
        assert [type(item) for item in parsed] == [type(item) for item in direct]


@on_every_method
def test_retries_taken_counts_real_retries(facade: Facade, method: str) -> None:
    if not _makes_requests(facade, method):
        return  # nothing to retry; the raw test above covers such a method
    for failures in (1, 2):
        api = ScriptedAPI(spec_bodies(facade.spec), failures=failures)
        raw = invoke(facade, facade.build(api).with_raw_response, method)
        assert raw.retries_taken == failures
        assert [r.status_code for r in [raw]] == [api.operation_of(api.requests[-1]).status]
        assert len(api.requests) >= failures + 1
    api = ScriptedAPI(spec_bodies(facade.spec), failures=3)  # one more than max_retries=2
    with pytest.raises(RateLimitError):
        invoke(facade, facade.build(api).with_raw_response, method)


@pytest.mark.parametrize("facade", FACADES, ids=lambda f: f.id)
def test_raw_parse_raises_for_an_unreadable_body(facade: Facade) -> None:
    bodies = spec_bodies(facade.spec)
    json_method = next(
        method
        for method in api_methods(facade.cls)
        if "iter" not in method and "wait" not in method and _operation_is_json(facade, method)
    )
    api = ScriptedAPI(bodies)
    api.bodies = {name: ["not", "an", "object"] for name in bodies.operations}
    raw = invoke(facade, facade.build(api).with_raw_response, json_method)
    assert raw.status_code < 300
    assert raw.json() == ["not", "an", "object"]
    with pytest.raises(APIError, match=r"not the .* the API spec describes"):
        raw.parse()


def _makes_requests(facade: Facade, method: str) -> bool:
    api = ScriptedAPI(spec_bodies(facade.spec))
    invoke(facade, facade.build(api), method)
    return bool(api.requests)


def _operation_is_json(facade: Facade, method: str) -> bool:
    api = ScriptedAPI(spec_bodies(facade.spec))
    invoke(facade, facade.build(api), method)
    return api.operation_of(api.requests[-1]).schema is not None


@on_every_method
def test_extra_headers_reach_the_wire_and_never_replace_the_key(
    facade: Facade, method: str
) -> None:
    api = ScriptedAPI(spec_bodies(facade.spec))
    client = facade.build(api)
    invoke(facade, client, method)
    expected_auth = api.requests[-1].headers["authorization"]
    assert facade.api_key in expected_auth
    for spelling in ("Authorization", "authorization", "AUTHORIZATION", "AuThOrIzAtIoN"):
        headers = {"X-Trace": "abc", "Prefer": "code=200", spelling: "Bearer stolen"}
        api.requests.clear()
        invoke(facade, client, method, extra_headers=headers)
        for request in api.requests:
            assert request.headers["x-trace"] == "abc"
            assert request.headers["prefer"] == "code=200"
            assert request.headers.get_list("authorization") == [expected_auth]
    api.requests.clear()
    invoke(facade, client, method)  # the options were the call's, not the client's
    assert all("x-trace" not in request.headers for request in api.requests)


@on_every_method
def test_every_method_takes_a_per_call_timeout(facade: Facade, method: str) -> None:
    signature = inspect.signature(getattr(facade.cls, method))
    assert "extra_headers" in signature.parameters
    api = ScriptedAPI(spec_bodies(facade.spec))
    client = facade.build(api)
    per_call = signature.parameters.get("timeout")
    if per_call is None or per_call.default is not NOT_GIVEN:
        # The method's own `timeout` (how long to wait for a task) keeps its meaning; the
        # HTTP timeout of its requests comes from `with_options`.
        invoke(facade, client.with_options(timeout=4.5), method)
    else:
        invoke(facade, client, method, timeout=4.5)
    assert api.requests
    assert all(
        request.extensions["timeout"] == httpx.Timeout(4.5).as_dict() for request in api.requests
    )
    api.requests.clear()
    invoke(facade, client, method)
    assert api.requests[-1].extensions["timeout"] == client.timeout.as_dict()


@pytest.mark.parametrize("facade", FACADES, ids=lambda f: f.id)
def test_a_per_call_timeout_may_be_an_httpx_timeout(facade: Facade) -> None:
    api = ScriptedAPI(spec_bodies(facade.spec))
    method = next(m for m in api_methods(facade.cls) if _is_idempotent_single_call(facade, m))
    invoke(facade, facade.build(api), method, timeout=httpx.Timeout(3.0, connect=1.0))
    assert api.requests[-1].extensions["timeout"] == httpx.Timeout(3.0, connect=1.0).as_dict()


@pytest.mark.parametrize("facade", FACADES, ids=lambda f: f.id)
def test_event_hooks_run_once_per_attempt(facade: Facade) -> None:
    seen: list[str] = []

    def on_request(request: httpx.Request) -> None:
        seen.append(f"request {request.method} {request.url.path}")

    def on_response(response: httpx.Response) -> None:
        seen.append(f"response {response.status_code} {response.request.url.path}")

    async def on_request_async(request: httpx.Request) -> None:
        on_request(request)

    async def on_response_async(response: httpx.Response) -> None:
        on_response(response)

    hooks = (
        {"request": [on_request_async], "response": [on_response_async]}
        if facade.is_async
        else {"request": [on_request], "response": [on_response]}
    )
    api = ScriptedAPI(spec_bodies(facade.spec), failures=2, failure_status=503)
    client = facade.build(api, event_hooks=hooks)
    method = next(m for m in api_methods(facade.cls) if _is_idempotent_single_call(facade, m))
    invoke(facade, client, method)
    path = api.requests[-1].url.path
    status = api.operation_of(api.requests[-1]).status
    assert seen == [
        f"request GET {path}",
        f"response 503 {path}",
        f"request GET {path}",
        f"response 503 {path}",
        f"request GET {path}",
        f"response {status} {path}",
    ]
    seen.clear()
    invoke(facade, client.with_options(max_retries=0), method)  # copies keep the hooks
    assert len(seen) == 2


def _is_idempotent_single_call(facade: Facade, method: str) -> bool:
    api = ScriptedAPI(spec_bodies(facade.spec))
    invoke(facade, facade.build(api), method)
    return len(api.requests) == 1 and api.requests[0].method == "GET"


def test_event_hooks_must_be_named_as_in_httpx() -> None:
    facade = FACADES[0]
    with pytest.raises(ValueError, match="unknown kind 'responses'"):
        facade.build(ScriptedAPI(spec_bodies(facade.spec)), event_hooks={"responses": []})


@pytest.mark.parametrize("facade", FACADES, ids=lambda f: f.id)
def test_with_options_sets_retries_timeout_and_strict(facade: Facade) -> None:
    api = ScriptedAPI(spec_bodies(facade.spec), failures=1, failure_status=503)
    client = facade.build(api)
    copy = client.with_options(max_retries=0, timeout=2.0, strict=True)
    assert (copy.max_retries, copy.timeout, copy.strict) == (0, httpx.Timeout(2.0), True)
    assert (client.max_retries, client.strict) == (2, False)
    assert copy.with_options().strict
    assert copy.with_options(strict=False).strict is False
    method = next(m for m in api_methods(facade.cls) if _is_idempotent_single_call(facade, m))
    with pytest.raises(APIError):
        invoke(facade, copy, method)
    assert api.requests[-1].extensions["timeout"] == httpx.Timeout(2.0).as_dict()


@pytest.mark.parametrize("facade", FACADES, ids=lambda f: f.id)
def test_raw_rate_limit_is_the_calls_own(facade: Facade) -> None:
    api = ScriptedAPI(spec_bodies(facade.spec))
    client = facade.build(api)
    method = next(m for m in api_methods(facade.cls) if _is_idempotent_single_call(facade, m))
    first = invoke(facade, client.with_raw_response, method)
    api.headers = {"x-credits-remaining": "7"}
    invoke(facade, client, method)
    assert first.rate_limit.credits_remaining == 42
    assert client.last_rate_limit.credits_remaining == 7


def test_bad_extra_headers_are_a_clear_error() -> None:
    facade = FACADES[0]
    client = facade.build(ScriptedAPI(spec_bodies(facade.spec)))
    with pytest.raises(TypeError, match="must be a mapping"):
        client.me(extra_headers=[("X-A", "1")])
    with pytest.raises(TypeError, match="must be strings"):
        client.me(extra_headers={"X-A": 1})
