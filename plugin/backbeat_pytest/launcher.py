"""The sandbox launcher, as the plugin exposes it: `backbeat_sandbox.launcher`, the one launcher
of the project (standard library only, so importing it loads none of the server)."""

from __future__ import annotations

from backbeat_sandbox.launcher import (
    HEALTH_PATH,
    MUSICGPT_PATH,
    TRACKYARD_PATH,
    LaunchOptions,
    Sandbox,
    SandboxProcess,
    SandboxStartError,
    running_sandbox,
    start_sandbox,
    stop_process,
)

__all__ = [
    "HEALTH_PATH",
    "MUSICGPT_PATH",
    "TRACKYARD_PATH",
    "LaunchOptions",
    "Sandbox",
    "SandboxProcess",
    "SandboxStartError",
    "running_sandbox",
    "start_sandbox",
    "stop_process",
]
