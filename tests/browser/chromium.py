"""Debian's Chromium driven by Playwright for Python (no browser download), in a fresh profile."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's package ``chromium``; ``playwright install`` is not used (it downloads a browser)."""

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 1000}


def chromium_missing_reason() -> str | None:
    """Why the browser suite cannot run here, or None if it can."""
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} not found: install Debian's package 'chromium' (apt-get install chromium)"
    return None


def running_in_ci() -> bool:
    """True under CI (``CI=true``), where a missing browser is a failure rather than a skip."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@contextmanager
def chromium_context(profile_dir: Path) -> Iterator:
    """A Playwright browser context of a fresh headless Chromium; the browser is closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile_dir),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
        )
        try:
            yield context
        finally:
            context.close()
