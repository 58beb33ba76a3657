"""Wrong uses of jobs: each line marked `# error` must be reported, and no other."""

from __future__ import annotations

from backbeat import AsyncMusicGPT, MusicGPT


def sync(client: MusicGPT) -> None:
    job = client.extract_stems("https://cdn.example/a.mp3")
    count: int = job.conversion_type  # error
    job.wait(poll=1)  # error
    client.wait_for_conversion(42)  # error
    print(count)


async def later(client: AsyncMusicGPT) -> None:
    job = await client.text_to_speech("hi")
    print(job.wait().status)  # error
