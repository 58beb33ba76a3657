"""Started tasks as a strict checker sees them: jobs with their type, `wait()` and records."""

from __future__ import annotations

from backbeat import AsyncMusicGPT, MusicGPT
from backbeat.musicgpt import ConversionRecord


def sync(client: MusicGPT) -> None:
    job = client.extract_stems("https://cdn.example/a.mp3")
    kind: str = job.conversion_type
    done: ConversionRecord = job.wait(poll_interval=0.5)
    again = client.wait_for_conversion(job, timeout=60)
    song = client.generate_music(prompt="x")
    print(kind, done.conversion_type, again.status, song.wait().conversion_type)


async def later(client: AsyncMusicGPT) -> None:
    job = await client.text_to_speech("hi")
    done: ConversionRecord = await job.wait()
    print(done.conversion_type, (await client.wait_for_conversion(job)).feature)
