from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.download_track_request import DownloadTrackRequest
from ...models.error import Error
from ...types import File, Response


def _get_kwargs(
    *,
    body: DownloadTrackRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/download-track",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

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
) -> Response[Error | File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: DownloadTrackRequest,
) -> Response[Error | File]:
    """Download a licensed MP3, full or smart-trimmed

     Returns raw MP3 bytes (no JSON wrapper). Without `duration_seconds` you get the full track.
    With `duration_seconds` (10–300 s) the service analyses the waveform and returns the
    best-scoring segment of that length. `hit_point_seconds` places the track's dominant
    energy peak at that offset into the clip (±1 s): it **requires** `duration_seconds` and
    must be **strictly less** than it; breaking either rule answers `400` with `code`
    `invalid_parameters`. Every download includes a perpetual sync license. Costs 1 credit
    per successful request, full track or clip.

    Args:
        body (DownloadTrackRequest): `hit_point_seconds` requires `duration_seconds` and must be
            strictly less than it (otherwise 400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
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
    body: DownloadTrackRequest,
) -> Error | File | None:
    """Download a licensed MP3, full or smart-trimmed

     Returns raw MP3 bytes (no JSON wrapper). Without `duration_seconds` you get the full track.
    With `duration_seconds` (10–300 s) the service analyses the waveform and returns the
    best-scoring segment of that length. `hit_point_seconds` places the track's dominant
    energy peak at that offset into the clip (±1 s): it **requires** `duration_seconds` and
    must be **strictly less** than it; breaking either rule answers `400` with `code`
    `invalid_parameters`. Every download includes a perpetual sync license. Costs 1 credit
    per successful request, full track or clip.

    Args:
        body (DownloadTrackRequest): `hit_point_seconds` requires `duration_seconds` and must be
            strictly less than it (otherwise 400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: DownloadTrackRequest,
) -> Response[Error | File]:
    """Download a licensed MP3, full or smart-trimmed

     Returns raw MP3 bytes (no JSON wrapper). Without `duration_seconds` you get the full track.
    With `duration_seconds` (10–300 s) the service analyses the waveform and returns the
    best-scoring segment of that length. `hit_point_seconds` places the track's dominant
    energy peak at that offset into the clip (±1 s): it **requires** `duration_seconds` and
    must be **strictly less** than it; breaking either rule answers `400` with `code`
    `invalid_parameters`. Every download includes a perpetual sync license. Costs 1 credit
    per successful request, full track or clip.

    Args:
        body (DownloadTrackRequest): `hit_point_seconds` requires `duration_seconds` and must be
            strictly less than it (otherwise 400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: DownloadTrackRequest,
) -> Error | File | None:
    """Download a licensed MP3, full or smart-trimmed

     Returns raw MP3 bytes (no JSON wrapper). Without `duration_seconds` you get the full track.
    With `duration_seconds` (10–300 s) the service analyses the waveform and returns the
    best-scoring segment of that length. `hit_point_seconds` places the track's dominant
    energy peak at that offset into the clip (±1 s): it **requires** `duration_seconds` and
    must be **strictly less** than it; breaking either rule answers `400` with `code`
    `invalid_parameters`. Every download includes a perpetual sync license. Costs 1 credit
    per successful request, full track or clip.

    Args:
        body (DownloadTrackRequest): `hit_point_seconds` requires `duration_seconds` and must be
            strictly less than it (otherwise 400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
