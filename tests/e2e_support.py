"""What the end-to-end browser tests share: starting a ``werkhalle`` server command on a free
port, and Debian's Chromium driven by Playwright (tests/test_dashboard_e2e.py,
tests/test_classroom_e2e.py)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
"""The flags the machine's probe used: no background traffic to the (closed) network."""
CEILING_S = 300.0
"""Upper bound of a server start: only a real hang reaches it."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str) -> Callable[[str], bool]:
    """A readiness check: ``url`` answers 200 (the line printed so far is not needed)."""
    def ready(_line: str) -> bool:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status == 200
        except OSError:
            return False
    return ready


@contextlib.contextmanager
def served(args: list[str], ready: Callable[[str], bool],
           ceiling: float = CEILING_S) -> Iterator[list[str]]:
    """Run ``python -m sim *args`` until ``ready`` accepts, yield its output lines so far, stop.

    Args:
        args: The command's arguments after ``python -m sim``.
        ready: Called with each output line (or "" while the command is silent); True when
            the server can be used.
        ceiling: Seconds before a start counts as hung.
    """
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "sim", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env)
    lines: list[str] = []  # filled by a reader thread, so that a silent server cannot block
    threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")),
                     daemon=True).start()
    try:
        deadline = time.monotonic() + ceiling
        seen = 0
        while True:
            count = len(lines)
            if any(ready(line) for line in [*lines[seen:count], ""]):
                break
            seen = count
            if proc.poll() is not None:
                time.sleep(0.5)  # let the reader collect the last words
                raise AssertionError(f"{args[0]} exited early:\n" + "".join(lines))
            if time.monotonic() > deadline:
                raise AssertionError(f"{args[0]} not ready within {ceiling} s:\n"
                                     + "".join(lines))
            time.sleep(0.2)
        yield lines
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def chromium(timeout_ms: int) -> Iterator[Browser]:
    """Debian's headless Chromium under Playwright (Playwright never downloads a browser)."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=CHROMIUM_ARGS, timeout=timeout_ms)
        yield browser
        browser.close()
