"""A receiver that handles MusicGPT's webhook events by class (the README's receiver)."""

from collections.abc import Mapping

from backbeat.musicgpt import InvalidWebhook, WebhookEvent, parse_webhook
from backbeat.musicgpt_webhooks import (
    AnyWebhookEvent,
    AudioEvent,
    CleanupEvent,
    KeyBpmEvent,
    LyricsTimestampsEvent,
    StemsEvent,
)


def handle(body: bytes) -> str:
    try:
        event: WebhookEvent = parse_webhook(body)
    except InvalidWebhook as error:
        return str(error)
    cost: float | None = event.conversion_cost
    if isinstance(event, StemsEvent):
        stems: Mapping[str, str] = event.stems
        return ", ".join(sorted(stems))
    if isinstance(event, AudioEvent):
        path: str | None = event.conversion_path
        return path or ""
    if isinstance(event, CleanupEvent):
        return event.files.get("no_noise", "")
    if isinstance(event, KeyBpmEvent):
        keys: tuple[str, ...] = event.key_changes.get("0-120", ())
        return f"{event.bpm} {keys}"
    if isinstance(event, LyricsTimestampsEvent):
        return " ".join(str(line.get("text")) for line in event.lines)
    return f"{event.task_id} {event.conversion_type} {cost} {dict(event.extra)}"


def kind(event: AnyWebhookEvent) -> str:
    match event:
        case StemsEvent(stems=stems):
            return f"{len(stems)} stems"
        case AudioEvent(conversion_path=str() as path):
            return path
        case _:
            return event.task_id
