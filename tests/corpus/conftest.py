"""`make test` runs the corpus targets marked `in_make_test`; `make corpus` (pytest --corpus)
runs every target, the PyPI servers and the large spec."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--corpus", action="store_true", help="run the whole corpus (make corpus)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--corpus"):
        return
    keep = [item for item in items if "whole_corpus" not in item.keywords]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    items[:] = keep
