"""Webhook events misused: each marked line is an error for mypy --strict and pyright."""

from backbeat.musicgpt import parse_webhook
from backbeat.musicgpt_webhooks import AudioEvent, StemsEvent


def misuse(body: bytes) -> None:
    event = parse_webhook(body)
    print(event.stems)  # error
    if isinstance(event, StemsEvent):
        count: int = event.stems  # error
        print(count)
    if isinstance(event, AudioEvent):
        event.conversion_path = "elsewhere"  # error
        duration: str = event.conversion_duration  # error
        print(duration)
    parse_webhook(42)  # error
