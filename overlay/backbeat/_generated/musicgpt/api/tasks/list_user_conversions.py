from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conversion_page import ConversionPage
from ...models.error import Error
from ...models.list_user_conversions_sort_order import ListUserConversionsSortOrder
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    conversion_type: str | Unset = UNSET,
    start_date: str | Unset = UNSET,
    end_date: str | Unset = UNSET,
    sort_order: ListUserConversionsSortOrder
    | Unset = ListUserConversionsSortOrder.DESC,
    limit: int | Unset = 50,
    last_evaluated_key: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["conversionType"] = conversion_type

    params["startDate"] = start_date

    params["endDate"] = end_date

    json_sort_order: str | Unset = UNSET
    if not isinstance(sort_order, Unset):
        json_sort_order = sort_order.value

    params["sortOrder"] = json_sort_order

    params["limit"] = limit

    params["LastEvaluatedKey"] = last_evaluated_key

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/byUser",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConversionPage | Error | None:
    if response.status_code == 200:
        response_200 = ConversionPage.from_dict(response.json())

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
) -> Response[ConversionPage | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    conversion_type: str | Unset = UNSET,
    start_date: str | Unset = UNSET,
    end_date: str | Unset = UNSET,
    sort_order: ListUserConversionsSortOrder
    | Unset = ListUserConversionsSortOrder.DESC,
    limit: int | Unset = 50,
    last_evaluated_key: str | Unset = UNSET,
) -> Response[ConversionPage | Error]:
    """Page through the caller's conversions

     The conversions of the key's owner, newest first unless `sortOrder=ASC`, optionally of
    one `conversionType` and between `startDate` and `endDate`. NOT in the vendor's reference:
    the vendor's own n8n node calls it (its trigger polls it), and this description follows
    that node. Pages are chained DynamoDB-style: a response that has more to give carries a
    `LastEvaluatedKey`; pass it back verbatim as the `LastEvaluatedKey` query parameter for
    the next page. A response without it (or with `null`) is the last page. Free.

    Args:
        conversion_type (str | Unset): Kind of task, as `getConversion` expects it in
            `conversionType`. An OPEN string: the
            vendor adds features, and a value not listed here must not break a client. Known values:
            the vendor's 23 (`MUSIC_AI`, `TEXT_TO_SPEECH`, `VOICE_CONVERSION`, `EXTRACTION`, `COVER`,
            `STEMS_SEPARATION`, `VOCAL_EXTRACTION`, `DENOISING`, `DEECHO`, `DEREVERB`,
            `SOUND_GENERATOR`, `AUDIO_TRANSCRIPTION`, `AUDIO_SPEED_CHANGER`, `AUDIO_MASTERING`,
            `AUDIO_CUTTER`, `REMIX`, `FILE_CONVERT`, `KEY_BPM_EXTRACTION`, `AUDIO_TO_MIDI`, `EXTEND`,
            `INPAINT`, `SING_OVER_INSTRUMENTAL`, `LYRICS_GENERATOR`) and the three this project names
            for features the vendor gives none (`SING_OVER_VOCAL`, `IMAGE_TO_SONG`,
            `IMAGE_GENERATOR`). Each conversion operation states its own in `x-conversion-type`.
        start_date (str | Unset):
        end_date (str | Unset):
        sort_order (ListUserConversionsSortOrder | Unset):  Default:
            ListUserConversionsSortOrder.DESC.
        limit (int | Unset):  Default: 50.
        last_evaluated_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConversionPage | Error]
    """

    kwargs = _get_kwargs(
        conversion_type=conversion_type,
        start_date=start_date,
        end_date=end_date,
        sort_order=sort_order,
        limit=limit,
        last_evaluated_key=last_evaluated_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    conversion_type: str | Unset = UNSET,
    start_date: str | Unset = UNSET,
    end_date: str | Unset = UNSET,
    sort_order: ListUserConversionsSortOrder
    | Unset = ListUserConversionsSortOrder.DESC,
    limit: int | Unset = 50,
    last_evaluated_key: str | Unset = UNSET,
) -> ConversionPage | Error | None:
    """Page through the caller's conversions

     The conversions of the key's owner, newest first unless `sortOrder=ASC`, optionally of
    one `conversionType` and between `startDate` and `endDate`. NOT in the vendor's reference:
    the vendor's own n8n node calls it (its trigger polls it), and this description follows
    that node. Pages are chained DynamoDB-style: a response that has more to give carries a
    `LastEvaluatedKey`; pass it back verbatim as the `LastEvaluatedKey` query parameter for
    the next page. A response without it (or with `null`) is the last page. Free.

    Args:
        conversion_type (str | Unset): Kind of task, as `getConversion` expects it in
            `conversionType`. An OPEN string: the
            vendor adds features, and a value not listed here must not break a client. Known values:
            the vendor's 23 (`MUSIC_AI`, `TEXT_TO_SPEECH`, `VOICE_CONVERSION`, `EXTRACTION`, `COVER`,
            `STEMS_SEPARATION`, `VOCAL_EXTRACTION`, `DENOISING`, `DEECHO`, `DEREVERB`,
            `SOUND_GENERATOR`, `AUDIO_TRANSCRIPTION`, `AUDIO_SPEED_CHANGER`, `AUDIO_MASTERING`,
            `AUDIO_CUTTER`, `REMIX`, `FILE_CONVERT`, `KEY_BPM_EXTRACTION`, `AUDIO_TO_MIDI`, `EXTEND`,
            `INPAINT`, `SING_OVER_INSTRUMENTAL`, `LYRICS_GENERATOR`) and the three this project names
            for features the vendor gives none (`SING_OVER_VOCAL`, `IMAGE_TO_SONG`,
            `IMAGE_GENERATOR`). Each conversion operation states its own in `x-conversion-type`.
        start_date (str | Unset):
        end_date (str | Unset):
        sort_order (ListUserConversionsSortOrder | Unset):  Default:
            ListUserConversionsSortOrder.DESC.
        limit (int | Unset):  Default: 50.
        last_evaluated_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConversionPage | Error
    """

    return sync_detailed(
        client=client,
        conversion_type=conversion_type,
        start_date=start_date,
        end_date=end_date,
        sort_order=sort_order,
        limit=limit,
        last_evaluated_key=last_evaluated_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    conversion_type: str | Unset = UNSET,
    start_date: str | Unset = UNSET,
    end_date: str | Unset = UNSET,
    sort_order: ListUserConversionsSortOrder
    | Unset = ListUserConversionsSortOrder.DESC,
    limit: int | Unset = 50,
    last_evaluated_key: str | Unset = UNSET,
) -> Response[ConversionPage | Error]:
    """Page through the caller's conversions

     The conversions of the key's owner, newest first unless `sortOrder=ASC`, optionally of
    one `conversionType` and between `startDate` and `endDate`. NOT in the vendor's reference:
    the vendor's own n8n node calls it (its trigger polls it), and this description follows
    that node. Pages are chained DynamoDB-style: a response that has more to give carries a
    `LastEvaluatedKey`; pass it back verbatim as the `LastEvaluatedKey` query parameter for
    the next page. A response without it (or with `null`) is the last page. Free.

    Args:
        conversion_type (str | Unset): Kind of task, as `getConversion` expects it in
            `conversionType`. An OPEN string: the
            vendor adds features, and a value not listed here must not break a client. Known values:
            the vendor's 23 (`MUSIC_AI`, `TEXT_TO_SPEECH`, `VOICE_CONVERSION`, `EXTRACTION`, `COVER`,
            `STEMS_SEPARATION`, `VOCAL_EXTRACTION`, `DENOISING`, `DEECHO`, `DEREVERB`,
            `SOUND_GENERATOR`, `AUDIO_TRANSCRIPTION`, `AUDIO_SPEED_CHANGER`, `AUDIO_MASTERING`,
            `AUDIO_CUTTER`, `REMIX`, `FILE_CONVERT`, `KEY_BPM_EXTRACTION`, `AUDIO_TO_MIDI`, `EXTEND`,
            `INPAINT`, `SING_OVER_INSTRUMENTAL`, `LYRICS_GENERATOR`) and the three this project names
            for features the vendor gives none (`SING_OVER_VOCAL`, `IMAGE_TO_SONG`,
            `IMAGE_GENERATOR`). Each conversion operation states its own in `x-conversion-type`.
        start_date (str | Unset):
        end_date (str | Unset):
        sort_order (ListUserConversionsSortOrder | Unset):  Default:
            ListUserConversionsSortOrder.DESC.
        limit (int | Unset):  Default: 50.
        last_evaluated_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConversionPage | Error]
    """

    kwargs = _get_kwargs(
        conversion_type=conversion_type,
        start_date=start_date,
        end_date=end_date,
        sort_order=sort_order,
        limit=limit,
        last_evaluated_key=last_evaluated_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    conversion_type: str | Unset = UNSET,
    start_date: str | Unset = UNSET,
    end_date: str | Unset = UNSET,
    sort_order: ListUserConversionsSortOrder
    | Unset = ListUserConversionsSortOrder.DESC,
    limit: int | Unset = 50,
    last_evaluated_key: str | Unset = UNSET,
) -> ConversionPage | Error | None:
    """Page through the caller's conversions

     The conversions of the key's owner, newest first unless `sortOrder=ASC`, optionally of
    one `conversionType` and between `startDate` and `endDate`. NOT in the vendor's reference:
    the vendor's own n8n node calls it (its trigger polls it), and this description follows
    that node. Pages are chained DynamoDB-style: a response that has more to give carries a
    `LastEvaluatedKey`; pass it back verbatim as the `LastEvaluatedKey` query parameter for
    the next page. A response without it (or with `null`) is the last page. Free.

    Args:
        conversion_type (str | Unset): Kind of task, as `getConversion` expects it in
            `conversionType`. An OPEN string: the
            vendor adds features, and a value not listed here must not break a client. Known values:
            the vendor's 23 (`MUSIC_AI`, `TEXT_TO_SPEECH`, `VOICE_CONVERSION`, `EXTRACTION`, `COVER`,
            `STEMS_SEPARATION`, `VOCAL_EXTRACTION`, `DENOISING`, `DEECHO`, `DEREVERB`,
            `SOUND_GENERATOR`, `AUDIO_TRANSCRIPTION`, `AUDIO_SPEED_CHANGER`, `AUDIO_MASTERING`,
            `AUDIO_CUTTER`, `REMIX`, `FILE_CONVERT`, `KEY_BPM_EXTRACTION`, `AUDIO_TO_MIDI`, `EXTEND`,
            `INPAINT`, `SING_OVER_INSTRUMENTAL`, `LYRICS_GENERATOR`) and the three this project names
            for features the vendor gives none (`SING_OVER_VOCAL`, `IMAGE_TO_SONG`,
            `IMAGE_GENERATOR`). Each conversion operation states its own in `x-conversion-type`.
        start_date (str | Unset):
        end_date (str | Unset):
        sort_order (ListUserConversionsSortOrder | Unset):  Default:
            ListUserConversionsSortOrder.DESC.
        limit (int | Unset):  Default: 50.
        last_evaluated_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConversionPage | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            conversion_type=conversion_type,
            start_date=start_date,
            end_date=end_date,
            sort_order=sort_order,
            limit=limit,
            last_evaluated_key=last_evaluated_key,
        )
    ).parsed
