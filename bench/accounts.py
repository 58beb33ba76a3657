"""Section: the memory magic-key accounts cost, and that the account cap holds it flat.

One sandbox; `accounts` distinct magic keys (``ty_test_pro_<n>``) each make one ``/me`` call,
and the server's resident memory is read before and after. Then twice as many more: past the
documented cap (``--max-accounts``, default 10,000) the least recently used accounts are
forgotten, so the memory stays where the cap puts it.
"""

from __future__ import annotations

import httpx

from .processes import MIB, rss
from .report import Figure, Section
from .servers import SERVER_CPUS, sandbox
from .stats import Spread
from .trackyard import BASE_PATH, ME_PATH

__all__ = ["run"]

WARM_UP_ACCOUNTS = 200
PER = 10_000


def run(*, accounts: int = PER) -> Section:
    section = Section("Memory per magic-key account", _method(accounts))
    with sandbox(cpus=SERVER_CPUS) as server, httpx.Client(timeout=30) as client:
        url = server.url + BASE_PATH + ME_PATH

        def call(label: str, count: int) -> None:
            for n in range(count):
                answer = client.get(
                    url, headers={"Authorization": f"Bearer ty_test_pro_{label}{n}"}
                )
                if answer.status_code != 200:
                    section.checks.append(
                        (f"/me for account {label}{n}: {answer.status_code}", False)
                    )
                    return

        call("warm", WARM_UP_ACCOUNTS)
        before = rss(server.pid)
        call("first", accounts)
        after_first = rss(server.pid)
        call("more", 2 * accounts)
        after_more = rss(server.pid)
    per_10k = (after_first - before) / accounts * PER / MIB
    section.figures += [
        Figure(f"resident memory per {PER:,} magic-key accounts", Spread.of([per_10k]), "MiB"),
        Figure(
            f"further growth over {2 * accounts:,} more accounts (past the cap)",
            Spread.of([(after_more - after_first) / MIB]),
            "MiB",
        ),
        Figure("sandbox resident memory at the end", Spread.of([after_more / MIB]), "MiB"),
    ]
    section.notes.append(
        f"resident memory: {before / MIB:.1f} MiB after the warm-up, {after_first / MIB:.1f} "
        f"MiB after {accounts:,} accounts, {after_more / MIB:.1f} MiB after {3 * accounts:,}"
    )
    return section


def _method(accounts: int) -> str:
    return (
        f"One sandbox (default cap of 10,000 accounts per API). {WARM_UP_ACCOUNTS} accounts warm "
        f"it up; then {accounts:,} new magic-key accounts (`ty_test_pro_<n>`) make one `/me` "
        f"call each, and the growth of its resident memory (Linux `VmRSS`) is scaled to "
        f"{PER:,} accounts. Then {2 * accounts:,} more: past the cap the least recently used are "
        f"forgotten, so the growth should stay near zero (freed memory may stay with the "
        f"process's allocator rather than return to the system)."
    )
