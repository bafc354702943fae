"""The suite's JupyterLab runs with the project's server extension (``linreg_helpers_server``, enabled
by ``make install``): kernel messages reach the browser without Nagle's delay, as in ``make lab``."""

from __future__ import annotations

from .lab_server import LabServer

LOADED = "linreg_helpers_server | extension was successfully loaded"


def test_the_server_sends_kernel_messages_at_once(lab: LabServer) -> None:
    log = lab.log_path.read_text(errors="replace")
    assert LOADED in log, (
        "JupyterLab did not load linreg_helpers_server: run `make install` (it enables the extension "
        f"in .venv); the server's log says: {log[-2000:]}"
    )
