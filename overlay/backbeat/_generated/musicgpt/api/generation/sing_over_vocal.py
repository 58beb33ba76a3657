from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.music_generation_started import MusicGenerationStarted
from ...models.sing_over_vocal_request import SingOverVocalRequest
from ...types import Response


def _get_kwargs(
    *,
    body: SingOverVocalRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/sing_over_vocal",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

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
    body: SingOverVocalRequest,
) -> Response[Error | MusicGenerationStarted]:
    """Start singing new lyrics over an existing vocal

     Starts an asynchronous task that performs `lyrics` anew over an existing vocal. Give the
    vocal as `audio_file` or `audio_url` (the vendor's schema says exactly one: send one); with
    neither the answer is `422`. It produces TWO tracks (`conversion_id_1`, `conversion_id_2`).
    The vendor names no `conversionType` for it; this project uses `SING_OVER_VOCAL` (decision
    13) and places it with the audio generations. Poll `getConversion` with
    `conversionType=SING_OVER_VOCAL`, or pass a `webhook_url`. Paid; the vendor lists no price,
    so the estimate is that of `singOverInstrumental`.

    Args:
        body (SingOverVocalRequest): Give `audio_file` or `audio_url` (otherwise 422), and
            `lyrics`. The vendor's schema says
            EXACTLY one of the two (`oneOf`); as everywhere else (decision 10), this spec requires at
            least one. Send one.

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
    body: SingOverVocalRequest,
) -> Error | MusicGenerationStarted | None:
    """Start singing new lyrics over an existing vocal

     Starts an asynchronous task that performs `lyrics` anew over an existing vocal. Give the
    vocal as `audio_file` or `audio_url` (the vendor's schema says exactly one: send one); with
    neither the answer is `422`. It produces TWO tracks (`conversion_id_1`, `conversion_id_2`).
    The vendor names no `conversionType` for it; this project uses `SING_OVER_VOCAL` (decision
    13) and places it with the audio generations. Poll `getConversion` with
    `conversionType=SING_OVER_VOCAL`, or pass a `webhook_url`. Paid; the vendor lists no price,
    so the estimate is that of `singOverInstrumental`.

    Args:
        body (SingOverVocalRequest): Give `audio_file` or `audio_url` (otherwise 422), and
            `lyrics`. The vendor's schema says
            EXACTLY one of the two (`oneOf`); as everywhere else (decision 10), this spec requires at
            least one. Send one.

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
    body: SingOverVocalRequest,
) -> Response[Error | MusicGenerationStarted]:
    """Start singing new lyrics over an existing vocal

     Starts an asynchronous task that performs `lyrics` anew over an existing vocal. Give the
    vocal as `audio_file` or `audio_url` (the vendor's schema says exactly one: send one); with
    neither the answer is `422`. It produces TWO tracks (`conversion_id_1`, `conversion_id_2`).
    The vendor names no `conversionType` for it; this project uses `SING_OVER_VOCAL` (decision
    13) and places it with the audio generations. Poll `getConversion` with
    `conversionType=SING_OVER_VOCAL`, or pass a `webhook_url`. Paid; the vendor lists no price,
    so the estimate is that of `singOverInstrumental`.

    Args:
        body (SingOverVocalRequest): Give `audio_file` or `audio_url` (otherwise 422), and
            `lyrics`. The vendor's schema says
            EXACTLY one of the two (`oneOf`); as everywhere else (decision 10), this spec requires at
            least one. Send one.

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
    body: SingOverVocalRequest,
) -> Error | MusicGenerationStarted | None:
    """Start singing new lyrics over an existing vocal

     Starts an asynchronous task that performs `lyrics` anew over an existing vocal. Give the
    vocal as `audio_file` or `audio_url` (the vendor's schema says exactly one: send one); with
    neither the answer is `422`. It produces TWO tracks (`conversion_id_1`, `conversion_id_2`).
    The vendor names no `conversionType` for it; this project uses `SING_OVER_VOCAL` (decision
    13) and places it with the audio generations. Poll `getConversion` with
    `conversionType=SING_OVER_VOCAL`, or pass a `webhook_url`. Paid; the vendor lists no price,
    so the estimate is that of `singOverInstrumental`.

    Args:
        body (SingOverVocalRequest): Give `audio_file` or `audio_url` (otherwise 422), and
            `lyrics`. The vendor's schema says
            EXACTLY one of the two (`oneOf`); as everywhere else (decision 10), this spec requires at
            least one. Send one.

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
