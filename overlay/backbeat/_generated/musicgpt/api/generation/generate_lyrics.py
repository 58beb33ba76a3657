from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.lyrics_result import LyricsResult
from ...types import UNSET, Response


def _get_kwargs(
    *,
    prompt: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["prompt"] = prompt

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/prompt_to_lyrics",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | LyricsResult | None:
    if response.status_code == 200:
        response_200 = LyricsResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = Error.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | LyricsResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    prompt: str,
) -> Response[Error | LyricsResult]:
    """Write song lyrics from a prompt

     Synchronous: the lyrics come back in the response, no polling needed. `prompt` must be
    1 to 1000 characters, otherwise `400`. Paid (per generation). Marked idempotent like
    every GET here: a repeat is charged again but starts no lasting task.

    Args:
        prompt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LyricsResult]
    """

    kwargs = _get_kwargs(
        prompt=prompt,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    prompt: str,
) -> Error | LyricsResult | None:
    """Write song lyrics from a prompt

     Synchronous: the lyrics come back in the response, no polling needed. `prompt` must be
    1 to 1000 characters, otherwise `400`. Paid (per generation). Marked idempotent like
    every GET here: a repeat is charged again but starts no lasting task.

    Args:
        prompt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LyricsResult
    """

    return sync_detailed(
        client=client,
        prompt=prompt,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    prompt: str,
) -> Response[Error | LyricsResult]:
    """Write song lyrics from a prompt

     Synchronous: the lyrics come back in the response, no polling needed. `prompt` must be
    1 to 1000 characters, otherwise `400`. Paid (per generation). Marked idempotent like
    every GET here: a repeat is charged again but starts no lasting task.

    Args:
        prompt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LyricsResult]
    """

    kwargs = _get_kwargs(
        prompt=prompt,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    prompt: str,
) -> Error | LyricsResult | None:
    """Write song lyrics from a prompt

     Synchronous: the lyrics come back in the response, no polling needed. `prompt` must be
    1 to 1000 characters, otherwise `400`. Paid (per generation). Marked idempotent like
    every GET here: a repeat is charged again but starts no lasting task.

    Args:
        prompt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LyricsResult
    """

    return (
        await asyncio_detailed(
            client=client,
            prompt=prompt,
        )
    ).parsed
