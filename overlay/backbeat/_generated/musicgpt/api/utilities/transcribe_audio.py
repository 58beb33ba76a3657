from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conversion_started import ConversionStarted
from ...models.error import Error
from ...models.transcribe_audio_request import TranscribeAudioRequest
from ...types import Response


def _get_kwargs(
    *,
    body: TranscribeAudioRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/audio_transcribe",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConversionStarted | Error | None:
    if response.status_code == 200:
        response_200 = ConversionStarted.from_dict(response.json())

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
) -> Response[ConversionStarted | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: TranscribeAudioRequest,
) -> Response[ConversionStarted | Error]:
    """Start transcribing speech or lyrics in a recording

     Starts an asynchronous task that transcribes a recording, optionally translated to English.
    Leave `language` out to detect it (`auto` is not a value). Give the recording as
    `audio_file` (upload) or `audio_url`; with neither the answer is `422`. Poll `getConversion`
    with `conversionType=AUDIO_TRANSCRIPTION`, or pass a `webhook_url`. Paid (base plus per
    minute of audio).

    Args:
        body (TranscribeAudioRequest): Give `audio_file` or `audio_url` (otherwise 422).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConversionStarted | Error]
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
    body: TranscribeAudioRequest,
) -> ConversionStarted | Error | None:
    """Start transcribing speech or lyrics in a recording

     Starts an asynchronous task that transcribes a recording, optionally translated to English.
    Leave `language` out to detect it (`auto` is not a value). Give the recording as
    `audio_file` (upload) or `audio_url`; with neither the answer is `422`. Poll `getConversion`
    with `conversionType=AUDIO_TRANSCRIPTION`, or pass a `webhook_url`. Paid (base plus per
    minute of audio).

    Args:
        body (TranscribeAudioRequest): Give `audio_file` or `audio_url` (otherwise 422).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConversionStarted | Error
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: TranscribeAudioRequest,
) -> Response[ConversionStarted | Error]:
    """Start transcribing speech or lyrics in a recording

     Starts an asynchronous task that transcribes a recording, optionally translated to English.
    Leave `language` out to detect it (`auto` is not a value). Give the recording as
    `audio_file` (upload) or `audio_url`; with neither the answer is `422`. Poll `getConversion`
    with `conversionType=AUDIO_TRANSCRIPTION`, or pass a `webhook_url`. Paid (base plus per
    minute of audio).

    Args:
        body (TranscribeAudioRequest): Give `audio_file` or `audio_url` (otherwise 422).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConversionStarted | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: TranscribeAudioRequest,
) -> ConversionStarted | Error | None:
    """Start transcribing speech or lyrics in a recording

     Starts an asynchronous task that transcribes a recording, optionally translated to English.
    Leave `language` out to detect it (`auto` is not a value). Give the recording as
    `audio_file` (upload) or `audio_url`; with neither the answer is `422`. Poll `getConversion`
    with `conversionType=AUDIO_TRANSCRIPTION`, or pass a `webhook_url`. Paid (base plus per
    minute of audio).

    Args:
        body (TranscribeAudioRequest): Give `audio_file` or `audio_url` (otherwise 422).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConversionStarted | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
