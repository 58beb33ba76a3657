from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conversion_started import ConversionStarted
from ...models.error import Error
from ...models.generate_image_multipart_request import GenerateImageMultipartRequest
from ...models.generate_image_request import GenerateImageRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: GenerateImageRequest | GenerateImageMultipartRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/image_generator",
    }

    if isinstance(body, GenerateImageRequest):
        if not isinstance(body, Unset):
            _kwargs["data"] = body.to_dict()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if isinstance(body, GenerateImageMultipartRequest):
        if not isinstance(body, Unset):
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
    body: GenerateImageRequest | GenerateImageMultipartRequest | Unset = UNSET,
) -> Response[ConversionStarted | Error]:
    """Start generating an image from a prompt

     Starts an asynchronous task that draws an image from `prompt` in a `style_preset`. Width and
    height are multiples of 16 pixels. Like `generateSound`, it accepts
    `application/x-www-form-urlencoded` (the vendor's schema) and `multipart/form-data`, with
    the same fields. Every field is optional, so the body may be empty. The vendor names no
    `conversionType` for it; this project uses `IMAGE_GENERATOR` (decision 13) and places it
    with the audio utilities. Poll `getConversion` with `conversionType=IMAGE_GENERATOR`, or
    pass a `webhook_url`. Paid; the vendor lists no price, so the estimate is its example's
    `credit_estimate`.

    Args:
        body (GenerateImageRequest | Unset): An image from a prompt (`application/x-www-form-
            urlencoded`). No field is required.
        body (GenerateImageMultipartRequest | Unset): The fields of `GenerateImageRequest`, sent
            as `multipart/form-data`.

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
    body: GenerateImageRequest | GenerateImageMultipartRequest | Unset = UNSET,
) -> ConversionStarted | Error | None:
    """Start generating an image from a prompt

     Starts an asynchronous task that draws an image from `prompt` in a `style_preset`. Width and
    height are multiples of 16 pixels. Like `generateSound`, it accepts
    `application/x-www-form-urlencoded` (the vendor's schema) and `multipart/form-data`, with
    the same fields. Every field is optional, so the body may be empty. The vendor names no
    `conversionType` for it; this project uses `IMAGE_GENERATOR` (decision 13) and places it
    with the audio utilities. Poll `getConversion` with `conversionType=IMAGE_GENERATOR`, or
    pass a `webhook_url`. Paid; the vendor lists no price, so the estimate is its example's
    `credit_estimate`.

    Args:
        body (GenerateImageRequest | Unset): An image from a prompt (`application/x-www-form-
            urlencoded`). No field is required.
        body (GenerateImageMultipartRequest | Unset): The fields of `GenerateImageRequest`, sent
            as `multipart/form-data`.

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
    body: GenerateImageRequest | GenerateImageMultipartRequest | Unset = UNSET,
) -> Response[ConversionStarted | Error]:
    """Start generating an image from a prompt

     Starts an asynchronous task that draws an image from `prompt` in a `style_preset`. Width and
    height are multiples of 16 pixels. Like `generateSound`, it accepts
    `application/x-www-form-urlencoded` (the vendor's schema) and `multipart/form-data`, with
    the same fields. Every field is optional, so the body may be empty. The vendor names no
    `conversionType` for it; this project uses `IMAGE_GENERATOR` (decision 13) and places it
    with the audio utilities. Poll `getConversion` with `conversionType=IMAGE_GENERATOR`, or
    pass a `webhook_url`. Paid; the vendor lists no price, so the estimate is its example's
    `credit_estimate`.

    Args:
        body (GenerateImageRequest | Unset): An image from a prompt (`application/x-www-form-
            urlencoded`). No field is required.
        body (GenerateImageMultipartRequest | Unset): The fields of `GenerateImageRequest`, sent
            as `multipart/form-data`.

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
    body: GenerateImageRequest | GenerateImageMultipartRequest | Unset = UNSET,
) -> ConversionStarted | Error | None:
    """Start generating an image from a prompt

     Starts an asynchronous task that draws an image from `prompt` in a `style_preset`. Width and
    height are multiples of 16 pixels. Like `generateSound`, it accepts
    `application/x-www-form-urlencoded` (the vendor's schema) and `multipart/form-data`, with
    the same fields. Every field is optional, so the body may be empty. The vendor names no
    `conversionType` for it; this project uses `IMAGE_GENERATOR` (decision 13) and places it
    with the audio utilities. Poll `getConversion` with `conversionType=IMAGE_GENERATOR`, or
    pass a `webhook_url`. Paid; the vendor lists no price, so the estimate is its example's
    `credit_estimate`.

    Args:
        body (GenerateImageRequest | Unset): An image from a prompt (`application/x-www-form-
            urlencoded`). No field is required.
        body (GenerateImageMultipartRequest | Unset): The fields of `GenerateImageRequest`, sent
            as `multipart/form-data`.

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
