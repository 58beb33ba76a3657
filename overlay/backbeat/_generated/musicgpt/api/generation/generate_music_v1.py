from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.generate_music_v1_request import GenerateMusicV1Request
from ...models.music_generation_started import MusicGenerationStarted
from ...types import Response


def _get_kwargs(
    *,
    body: GenerateMusicV1Request,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/MusicAI",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | MusicGenerationStarted | None:
    if response.status_code == 200:
        response_200 = MusicGenerationStarted.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

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
) -> Response[Error | MusicGenerationStarted]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: GenerateMusicV1Request,
) -> Response[Error | MusicGenerationStarted]:
    """Start generating two music tracks (v1, deprecated)

     The first version of `generateMusic`, deprecated by the vendor since its "June 2026"
    changelog entry but still documented and still what most public client code calls. Same
    two modes and two outputs as `generateMusic`, without `model` or `lyrics_timestamps`.
    Poll `getConversion` with `conversionType=MUSIC_AI`. Paid; billed per track.

    Args:
        body (GenerateMusicV1Request): Send `prompt` (prompt mode), or `lyrics` and `music_style`
            (custom mode); a body with
            neither answers `422`, as for `generateMusic`. Clients also send `negative_tags` and
            `output_length`, which the vendor's schema does not list: they are left out here.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MusicGenerationStarted]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: GenerateMusicV1Request,
) -> Error | MusicGenerationStarted | None:
    """Start generating two music tracks (v1, deprecated)

     The first version of `generateMusic`, deprecated by the vendor since its "June 2026"
    changelog entry but still documented and still what most public client code calls. Same
    two modes and two outputs as `generateMusic`, without `model` or `lyrics_timestamps`.
    Poll `getConversion` with `conversionType=MUSIC_AI`. Paid; billed per track.

    Args:
        body (GenerateMusicV1Request): Send `prompt` (prompt mode), or `lyrics` and `music_style`
            (custom mode); a body with
            neither answers `422`, as for `generateMusic`. Clients also send `negative_tags` and
            `output_length`, which the vendor's schema does not list: they are left out here.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MusicGenerationStarted
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: GenerateMusicV1Request,
) -> Response[Error | MusicGenerationStarted]:
    """Start generating two music tracks (v1, deprecated)

     The first version of `generateMusic`, deprecated by the vendor since its "June 2026"
    changelog entry but still documented and still what most public client code calls. Same
    two modes and two outputs as `generateMusic`, without `model` or `lyrics_timestamps`.
    Poll `getConversion` with `conversionType=MUSIC_AI`. Paid; billed per track.

    Args:
        body (GenerateMusicV1Request): Send `prompt` (prompt mode), or `lyrics` and `music_style`
            (custom mode); a body with
            neither answers `422`, as for `generateMusic`. Clients also send `negative_tags` and
            `output_length`, which the vendor's schema does not list: they are left out here.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MusicGenerationStarted]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: GenerateMusicV1Request,
) -> Error | MusicGenerationStarted | None:
    """Start generating two music tracks (v1, deprecated)

     The first version of `generateMusic`, deprecated by the vendor since its "June 2026"
    changelog entry but still documented and still what most public client code calls. Same
    two modes and two outputs as `generateMusic`, without `model` or `lyrics_timestamps`.
    Poll `getConversion` with `conversionType=MUSIC_AI`. Paid; billed per track.

    Args:
        body (GenerateMusicV1Request): Send `prompt` (prompt mode), or `lyrics` and `music_style`
            (custom mode); a body with
            neither answers `422`, as for `generateMusic`. Clients also send `negative_tags` and
            `output_length`, which the vendor's schema does not list: they are left out here.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MusicGenerationStarted
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
