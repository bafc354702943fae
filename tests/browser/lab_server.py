"""A JupyterLab server from the project's environment, on 127.0.0.1, a free port and a token.

It serves a directory given by the caller (a temporary copy of the notebooks), keeps its settings,
workspaces and runtime files in that temporary area, and is always stopped with every process it
started (kernels run in sessions of their own, so they are found by walking the process tree).
``jupyter_path`` adds a data directory with more kernels, as ``make lab-d2l`` does (``JUPYTER_PATH``).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

JUPYTER = Path(sys.prefix) / "bin" / "jupyter"
START_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 15.0

# JupyterLab settings for a quiet session: no news or update pop-ups over the notebook. The tests
# also keep every cell rendered (no virtual scrolling, so off-screen widgets exist); a benchmark
# measures what a learner gets, JupyterLab's default (off-screen cells skipped while rendering).
QUIET_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
LAB_SETTINGS = {
    **QUIET_SETTINGS,
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


@dataclass(frozen=True)
class LabServer:
    """Where a running server answers."""

    url: str
    token: str
    root_dir: Path
    pid: int
    log_path: Path

    def lab_url(self, notebook: str) -> str:
        """URL that opens ``notebook`` (relative to the root dir) alone in JupyterLab.

        ``reset`` starts from an empty workspace: otherwise JupyterLab reopens the notebooks of
        earlier tests, each with a kernel of its own.
        """
        return f"{self.url}/lab/tree/{notebook}?reset&token={self.token}"

    def tree_url(self) -> str:
        """URL of Notebook 7's file browser."""
        return f"{self.url}/tree?token={self.token}"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def descendants(pid: int) -> set[int]:
    """PIDs of every living process below ``pid`` in the process tree (Linux ``/proc``)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may contain spaces and parentheses: the fields start after the last ')'.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def is_alive(pid: int) -> bool:
    """True if ``pid`` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _write_lab_settings(settings_dir: Path, settings: Mapping[str, dict]) -> None:
    for name, values in settings.items():
        path = settings_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


def _answers(url: str, token: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def log_tail(log_path: Path, lines: int = 30) -> str:
    """The last ``lines`` lines of a server's log (for an error message)."""
    return "\n".join(log_path.read_text(errors="replace").splitlines()[-lines:])


@contextmanager
def running_lab(
    root_dir: Path,
    state_dir: Path,
    jupyter_path: Path | None = None,
    settings: Mapping[str, dict] = LAB_SETTINGS,
) -> Iterator[LabServer]:
    """Start JupyterLab on ``root_dir`` (its state in ``state_dir``), yield it, always stop it.

    ``jupyter_path``, if given, is put on ``JUPYTER_PATH``: Jupyter also looks there for kernelspecs.
    ``settings`` are the user settings the session starts with (by default the tests' ``LAB_SETTINGS``).

    On exit every process the server started is gone; if one survives, RuntimeError says which.
    """
    port, token = free_port(), secrets.token_hex(24)
    settings_dir = state_dir / "lab-settings"
    _write_lab_settings(settings_dir, settings)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(state_dir / "config"),
        JUPYTER_RUNTIME_DIR=str(state_dir / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
        JUPYTERLAB_WORKSPACES_DIR=str(state_dir / "workspaces"),
        PYDEVD_DISABLE_FILE_VALIDATION="1",
    )
    if jupyter_path is not None:
        env["JUPYTER_PATH"] = str(jupyter_path)
    command = [
        str(JUPYTER),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        "--ServerApp.open_browser=False",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")  # JupyterLab refuses to run as root without it (CI, containers)
    log_path = state_dir / "jupyter.log"
    url = f"http://127.0.0.1:{port}"
    with running_server("JupyterLab", command, env, log_path, lambda: _answers(url, token)) as process:
        yield LabServer(url, token, root_dir, process.pid, log_path)


@contextmanager
def running_server(
    name: str,
    command: list[str],
    env: dict[str, str],
    log_path: Path,
    answers: Callable[[], bool],
    timeout_s: float = START_TIMEOUT_S,
) -> Iterator[subprocess.Popen]:
    """Start ``command`` in a session of its own (output to ``log_path``), wait until ``answers()``, yield
    the process; always stop its whole tree. ``name`` says which server failed to start, and why."""
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    try:
        deadline = time.monotonic() + timeout_s
        while not answers():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}:\n{log_tail(log_path)}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not answer in {timeout_s:.0f} s:\n{log_tail(log_path)}")
            time.sleep(0.3)
        yield process
    finally:
        stop_tree(process)


def stop_tree(process: subprocess.Popen) -> None:
    """Stop a server's whole tree: SIGTERM (kernels shut down cleanly), then SIGKILL what is left."""
    tree = descendants(process.pid) | {process.pid}
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pass
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while any(is_alive(pid) for pid in tree) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in tree:
        if is_alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pass
    time.sleep(0.2)
    survivors = sorted(pid for pid in tree if is_alive(pid))
    if survivors:
        raise RuntimeError(f"processes of the Jupyter server survived its shutdown: {survivors}")
