"""An application's tests against the backbeat sandbox, using only backbeat's pytest plugin.

    pip install "backbeat[sandbox]" pytest
    pytest test_with_backbeat.py

Installing is all the set-up: pytest loads the plugin by itself. The sandbox starts once per
session (per xdist worker) on a free 127.0.0.1 port and is stopped at the end; every test gets a
fresh account, so tests never see each other's credits, limits or jobs. CI runs this file
against the installed wheel (tools/prove_install.sh).
"""

from __future__ import annotations

import pytest
from backbeat import MusicGPT, PaymentRequiredError, RateLimitError, Trackyard
from backbeat_pytest import Account, AccountFactory, Sandbox


def test_search_and_download(backbeat_trackyard: Trackyard) -> None:
    track = backbeat_trackyard.search("moody piano", limit=1).tracks[0]
    clip = backbeat_trackyard.download_track(track.id, duration_seconds=10)
    assert clip.content.startswith(b"\xff")  # MPEG audio frames
    assert backbeat_trackyard.me().credits_remaining == 50_000 - 2  # pro tier, one credit each


@pytest.mark.backbeat_tier("free")
def test_each_test_gets_a_fresh_account(backbeat_trackyard: Trackyard) -> None:
    me = backbeat_trackyard.me()
    assert me.tier == "free"
    assert me.credits_remaining == 50  # untouched by any other test


@pytest.mark.backbeat_tier(trackyard="exhausted")
def test_out_of_credits_is_a_typed_error(backbeat_trackyard: Trackyard) -> None:
    with pytest.raises(PaymentRequiredError):
        backbeat_trackyard.search("anything")


@pytest.mark.backbeat_tier(trackyard="tinylimit")
def test_rate_limit_surfaces_after_retries(
    backbeat_sandbox: Sandbox, backbeat_account: Account
) -> None:
    # Our own client, bound the same way the fixtures do it, with retries off.
    with Trackyard(
        backbeat_account.trackyard_key, base_url=backbeat_sandbox.trackyard_url, max_retries=0
    ) as client:
        client.me()
        client.me()
        with pytest.raises(RateLimitError) as caught:
            client.me()  # 2 requests per minute on this tier
    assert caught.value.retry_after is not None


def test_generate_music_and_wait(backbeat_musicgpt: MusicGPT) -> None:
    started = backbeat_musicgpt.generate_music(prompt="lofi beat for studying")
    done = started.wait(poll_interval=0.05)  # the job knows its type and task
    assert done.status == "COMPLETED"
    assert done.conversion_type == "MUSIC_AI"


def test_two_accounts_in_one_test(
    backbeat_account_factory: AccountFactory, backbeat_sandbox: Sandbox
) -> None:
    pro, free = backbeat_account_factory("pro"), backbeat_account_factory(musicgpt="free")
    assert pro.musicgpt_key != free.musicgpt_key
    with MusicGPT(free.musicgpt_key, base_url=backbeat_sandbox.musicgpt_url) as client:
        assert client.list_voices(limit=1).voices
