"""First use from many threads and tasks at once, in a fresh process: every call reads its body.

The readers are generated and imported whole, so a process's first calls have nothing to
compile or register; this runs the race that used to fail (8 threads first calling
`list_voices` gave RecursionErrors) 20 times, each in a new interpreter.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

ROUNDS = 20
THREADS = 8
TASKS = 8

# 8 threads and 8 asyncio tasks (on the main thread) are released together by one barrier;
# each makes its client's first calls: MusicGPT voices and history pages, Trackyard's `me`.
FIRST_USE = """
import asyncio, sys, threading
import httpx
import backbeat

VOICES = {"success": True, "voices": [{"voice_id": "v1", "voice_name": "Drake"}],
          "limit": 20, "page": 0, "total": 1}
PAGE = {"success": True, "conversions": [], "LastEvaluatedKey": "next"}
ME = {"tier": "pro", "credits_remaining": 5, "monthly_allowance": 10,
      "rate_limit": {"requests_per_minute": 60, "requests_per_day": None}}

def answer(request):
    path = request.url.path
    body = VOICES if "Voices" in path else PAGE if "byUser" in path else ME
    return httpx.Response(200, json=body)

async def answer_async(request):
    return answer(request)

def first_calls(client):
    if isinstance(client, backbeat.MusicGPT):
        assert client.list_voices().voices[0].voice_name == "Drake"
        assert client.list_user_conversions().last_evaluated_key == "next"
    else:
        assert client.me().rate_limit.requests_per_minute == 60

failures = []
barrier = threading.Barrier(THREADS + 1)
clients = [
    backbeat.MusicGPT("k", base_url="http://127.0.0.1:9/api/public",
                      transport=httpx.MockTransport(answer)),
    backbeat.Trackyard("k", base_url="http://127.0.0.1:9/api/external/v1",
                       transport=httpx.MockTransport(answer)),
]

def thread(index):
    barrier.wait()
    try:
        first_calls(clients[index % 2])
    except Exception as error:
        failures.append(repr(error))

async def task(client):
    try:
        voices, page = await asyncio.gather(client.list_voices(), client.list_user_conversions())
        assert voices.voices[0].voice_name == "Drake" and page.last_evaluated_key == "next"
    except Exception as error:
        failures.append(repr(error))

async def tasks():
    client = backbeat.AsyncMusicGPT("k", base_url="http://127.0.0.1:9/api/public",
                                    transport=httpx.MockTransport(answer_async))
    barrier.wait()
    await asyncio.gather(*(task(client) for _ in range(TASKS)))

threads = [threading.Thread(target=thread, args=(i,)) for i in range(THREADS)]
for t in threads:
    t.start()
asyncio.run(tasks())
for t in threads:
    t.join()
print(len(failures), *failures[:3], sep="\\n")
sys.exit(1 if failures else 0)
"""


def _first_use_in_a_fresh_process(_: int) -> subprocess.CompletedProcess[str]:
    script = f"THREADS = {THREADS}\nTASKS = {TASKS}\n" + FIRST_USE
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.slow
def test_first_calls_from_threads_and_tasks_at_once_all_succeed() -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(_first_use_in_a_fresh_process, range(ROUNDS)))
    failed = [run.stdout + run.stderr for run in runs if run.returncode != 0]
    assert not failed, f"{len(failed)} of {ROUNDS} fresh processes failed:\n{failed[0]}"
