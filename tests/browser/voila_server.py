"""A Voilà server from the project's environment serving one notebook as an app, as ``make app`` does:
127.0.0.1, a free port, a token. Always stopped with every process it started (each page view runs the
notebook in a kernel of its own; kernels are found by walking the process tree, as for JupyterLab).
"""

from __future__ import annotations

import os
import secrets
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .lab_server import free_port, running_server

VOILA = Path(sys.prefix) / "bin" / "voila"
START_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class VoilaServer:
    """Where a running Voilà answers."""

    url: str
    token: str
    notebook: Path
    pid: int
    log_path: Path

    def app_url(self) -> str:
        """URL of the app (each visit runs the notebook in a new kernel)."""
        return f"{self.url}/?token={self.token}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def status_without_token(url: str) -> int | None:
    """HTTP status of ``url`` asked without a token and without following a redirect; None if nothing
    answers. (The app's own URL is not asked with the token: that would start a kernel.)"""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@contextmanager
def running_voila(notebook: Path, state_dir: Path) -> Iterator[VoilaServer]:
    """Serve ``notebook`` with Voilà (config and runtime files in ``state_dir``), yield it, always stop it.

    The flags are those of ``make app`` (``--no-browser``, ``--Voila.ip=127.0.0.1``, a token), with a
    free port and a token of the test's own instead of the Makefile's port and generated token.
    On exit every process the server started is gone; if one survives, RuntimeError says which.
    """
    port, token = free_port(), secrets.token_hex(24)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(state_dir / "config"),
        JUPYTER_RUNTIME_DIR=str(state_dir / "runtime"),
        PYDEVD_DISABLE_FILE_VALIDATION="1",
    )
    command = [
        str(VOILA),
        str(notebook),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--token={token}",
    ]
    log_path = state_dir / "voila.log"
    state_dir.mkdir(parents=True, exist_ok=True)
    url = f"http://127.0.0.1:{port}"
    with running_server(
        "Voilà", command, env, log_path, lambda: status_without_token(url) is not None
    ) as process:
        yield VoilaServer(url, token, notebook, process.pid, log_path)
