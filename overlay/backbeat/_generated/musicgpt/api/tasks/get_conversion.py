from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conversion_details import ConversionDetails
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    conversion_type: str,
    task_id: str | Unset = UNSET,
    conversion_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["conversionType"] = conversion_type

    params["task_id"] = task_id

    params["conversion_id"] = conversion_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/byId",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConversionDetails | Error | None:
    if response.status_code == 200:
        response_200 = ConversionDetails.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

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
) -> Response[ConversionDetails | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    conversion_type: str,
    task_id: str | Unset = UNSET,
    conversion_id: str | Unset = UNSET,
) -> Response[ConversionDetails | Error]:
    """Get the status and results of a conversion

     Polls one task. Name the task with `task_id` or `conversion_id` (the vendor asks for one
    of the two, not both); with neither the request is invalid (`400`). An id that names no
    conversion answers `404` (the vendor documents no status for it; this project decided
    `404`, as the vendor's Python client assumes).

    A `MUSIC_AI` record carries the fields of BOTH tracks (`_1` and `_2`) whichever
    conversion id was asked for: match your id against `conversion_id_1` and
    `conversion_id_2`. `status` is an open string; stop polling at `COMPLETED`, `ERROR` or
    `FAILED`. Free, but limited per minute (see the plan table above).

    Args:
        conversion_type (str): Kind of task, as `getConversion` expects it in `conversionType`. An
            OPEN string: the
            vendor adds features, and a value not listed here must not break a client. Known values:
            the vendor's 23 (`MUSIC_AI`, `TEXT_TO_SPEECH`, `VOICE_CONVERSION`, `EXTRACTION`, `COVER`,
            `STEMS_SEPARATION`, `VOCAL_EXTRACTION`, `DENOISING`, `DEECHO`, `DEREVERB`,
            `SOUND_GENERATOR`, `AUDIO_TRANSCRIPTION`, `AUDIO_SPEED_CHANGER`, `AUDIO_MASTERING`,
            `AUDIO_CUTTER`, `REMIX`, `FILE_CONVERT`, `KEY_BPM_EXTRACTION`, `AUDIO_TO_MIDI`, `EXTEND`,
            `INPAINT`, `SING_OVER_INSTRUMENTAL`, `LYRICS_GENERATOR`) and the three this project names
            for features the vendor gives none (`SING_OVER_VOCAL`, `IMAGE_TO_SONG`,
            `IMAGE_GENERATOR`). Each conversion operation states its own in `x-conversion-type`.
        task_id (str | Unset):
        conversion_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConversionDetails | Error]
    """

    kwargs = _get_kwargs(
        conversion_type=conversion_type,
        task_id=task_id,
        conversion_id=conversion_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    conversion_type: str,
    task_id: str | Unset = UNSET,
    conversion_id: str | Unset = UNSET,
) -> ConversionDetails | Error | None:
    """Get the status and results of a conversion

     Polls one task. Name the task with `task_id` or `conversion_id` (the vendor asks for one
    of the two, not both); with neither the request is invalid (`400`). An id that names no
    conversion answers `404` (the vendor documents no status for it; this project decided
    `404`, as the vendor's Python client assumes).

    A `MUSIC_AI` record carries the fields of BOTH tracks (`_1` and `_2`) whichever
    conversion id was asked for: match your id against `conversion_id_1` and
    `conversion_id_2`. `status` is an open string; stop polling at `COMPLETED`, `ERROR` or
    `FAILED`. Free, but limited per minute (see the plan table above).

    Args:
        conversion_type (str): Kind of task, as `getConversion` expects it in `conversionType`. An
            OPEN string: the
            vendor adds features, and a value not listed here must not break a client. Known values:
            the vendor's 23 (`MUSIC_AI`, `TEXT_TO_SPEECH`, `VOICE_CONVERSION`, `EXTRACTION`, `COVER`,
            `STEMS_SEPARATION`, `VOCAL_EXTRACTION`, `DENOISING`, `DEECHO`, `DEREVERB`,
            `SOUND_GENERATOR`, `AUDIO_TRANSCRIPTION`, `AUDIO_SPEED_CHANGER`, `AUDIO_MASTERING`,
            `AUDIO_CUTTER`, `REMIX`, `FILE_CONVERT`, `KEY_BPM_EXTRACTION`, `AUDIO_TO_MIDI`, `EXTEND`,
            `INPAINT`, `SING_OVER_INSTRUMENTAL`, `LYRICS_GENERATOR`) and the three this project names
            for features the vendor gives none (`SING_OVER_VOCAL`, `IMAGE_TO_SONG`,
            `IMAGE_GENERATOR`). Each conversion operation states its own in `x-conversion-type`.
        task_id (str | Unset):
        conversion_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConversionDetails | Error
    """

    return sync_detailed(
        client=client,
        conversion_type=conversion_type,
        task_id=task_id,
        conversion_id=conversion_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    conversion_type: str,
    task_id: str | Unset = UNSET,
    conversion_id: str | Unset = UNSET,
) -> Response[ConversionDetails | Error]:
    """Get the status and results of a conversion

     Polls one task. Name the task with `task_id` or `conversion_id` (the vendor asks for one
    of the two, not both); with neither the request is invalid (`400`). An id that names no
    conversion answers `404` (the vendor documents no status for it; this project decided
    `404`, as the vendor's Python client assumes).

    A `MUSIC_AI` record carries the fields of BOTH tracks (`_1` and `_2`) whichever
    conversion id was asked for: match your id against `conversion_id_1` and
    `conversion_id_2`. `status` is an open string; stop polling at `COMPLETED`, `ERROR` or
    `FAILED`. Free, but limited per minute (see the plan table above).

    Args:
        conversion_type (str): Kind of task, as `getConversion` expects it in `conversionType`. An
            OPEN string: the
            vendor adds features, and a value not listed here must not break a client. Known values:
            the vendor's 23 (`MUSIC_AI`, `TEXT_TO_SPEECH`, `VOICE_CONVERSION`, `EXTRACTION`, `COVER`,
            `STEMS_SEPARATION`, `VOCAL_EXTRACTION`, `DENOISING`, `DEECHO`, `DEREVERB`,
            `SOUND_GENERATOR`, `AUDIO_TRANSCRIPTION`, `AUDIO_SPEED_CHANGER`, `AUDIO_MASTERING`,
            `AUDIO_CUTTER`, `REMIX`, `FILE_CONVERT`, `KEY_BPM_EXTRACTION`, `AUDIO_TO_MIDI`, `EXTEND`,
            `INPAINT`, `SING_OVER_INSTRUMENTAL`, `LYRICS_GENERATOR`) and the three this project names
            for features the vendor gives none (`SING_OVER_VOCAL`, `IMAGE_TO_SONG`,
            `IMAGE_GENERATOR`). Each conversion operation states its own in `x-conversion-type`.
        task_id (str | Unset):
        conversion_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConversionDetails | Error]
    """

    kwargs = _get_kwargs(
        conversion_type=conversion_type,
        task_id=task_id,
        conversion_id=conversion_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    conversion_type: str,
    task_id: str | Unset = UNSET,
    conversion_id: str | Unset = UNSET,
) -> ConversionDetails | Error | None:
    """Get the status and results of a conversion

     Polls one task. Name the task with `task_id` or `conversion_id` (the vendor asks for one
    of the two, not both); with neither the request is invalid (`400`). An id that names no
    conversion answers `404` (the vendor documents no status for it; this project decided
    `404`, as the vendor's Python client assumes).

    A `MUSIC_AI` record carries the fields of BOTH tracks (`_1` and `_2`) whichever
    conversion id was asked for: match your id against `conversion_id_1` and
    `conversion_id_2`. `status` is an open string; stop polling at `COMPLETED`, `ERROR` or
    `FAILED`. Free, but limited per minute (see the plan table above).

    Args:
        conversion_type (str): Kind of task, as `getConversion` expects it in `conversionType`. An
            OPEN string: the
            vendor adds features, and a value not listed here must not break a client. Known values:
            the vendor's 23 (`MUSIC_AI`, `TEXT_TO_SPEECH`, `VOICE_CONVERSION`, `EXTRACTION`, `COVER`,
            `STEMS_SEPARATION`, `VOCAL_EXTRACTION`, `DENOISING`, `DEECHO`, `DEREVERB`,
            `SOUND_GENERATOR`, `AUDIO_TRANSCRIPTION`, `AUDIO_SPEED_CHANGER`, `AUDIO_MASTERING`,
            `AUDIO_CUTTER`, `REMIX`, `FILE_CONVERT`, `KEY_BPM_EXTRACTION`, `AUDIO_TO_MIDI`, `EXTEND`,
            `INPAINT`, `SING_OVER_INSTRUMENTAL`, `LYRICS_GENERATOR`) and the three this project names
            for features the vendor gives none (`SING_OVER_VOCAL`, `IMAGE_TO_SONG`,
            `IMAGE_GENERATOR`). Each conversion operation states its own in `x-conversion-type`.
        task_id (str | Unset):
        conversion_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConversionDetails | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            conversion_type=conversion_type,
            task_id=task_id,
            conversion_id=conversion_id,
        )
    ).parsed
