"""The Jupyter server extension that sends kernel messages at once: what a connection does when a browser
connects, what loading the extension changes, and that the configuration ``make install`` copies into the
environment enables it for every server (JupyterLab, Notebook 7, Voilà)."""

from __future__ import annotations

import importlib
import json
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("jupyter_server")

from jupyter_server import serverapp  # noqa: E402
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection  # noqa: E402
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler  # noqa: E402

import linreg_helpers_server  # noqa: E402
from linreg_helpers_server import ImmediateKernelConnection  # noqa: E402

CONFIG = Path(__file__).resolve().parents[1] / "jupyter-config"


class _Handler(KernelWebsocketHandler):
    """A kernel websocket handler that only records what is asked of its socket."""

    def __init__(self) -> None:  # no request: nothing is served
        self.asked: list[str] = []

    def set_nodelay(self, value: bool) -> None:
        self.asked.append(f"nodelay={value}")


def test_connecting_turns_nagle_off_before_the_server_connects(monkeypatch):
    handler = _Handler()
    monkeypatch.setattr(
        ZMQChannelsWebsocketConnection, "connect", lambda self: handler.asked.append("connect") or "future"
    )
    connection = ImmediateKernelConnection(websocket_handler=handler)
    assert connection.connect() == "future"  # the server's own connect, returned as it is
    assert handler.asked == ["nodelay=True", "connect"]


def _server(connection_class: type) -> SimpleNamespace:
    settings = {"kernel_websocket_connection_class": connection_class}
    return SimpleNamespace(web_app=SimpleNamespace(settings=settings), log=logging.getLogger("test"))


def test_loading_the_extension_swaps_the_default_connection_only():
    server = _server(ZMQChannelsWebsocketConnection)
    linreg_helpers_server._load_jupyter_server_extension(server)
    assert server.web_app.settings["kernel_websocket_connection_class"] is ImmediateKernelConnection

    class Gateway(ZMQChannelsWebsocketConnection):
        """A connection the server was configured with (a kernel gateway's, say)."""

    server = _server(Gateway)
    linreg_helpers_server._load_jupyter_server_extension(server)
    assert server.web_app.settings["kernel_websocket_connection_class"] is Gateway


def test_the_configuration_enables_it_for_jupyter_servers_and_for_voila():
    server = json.loads((CONFIG / "jupyter_server_config.d" / "linreg_helpers.json").read_text())
    (extension,) = server["ServerApp"]["jpserver_extensions"]
    assert server["ServerApp"]["jpserver_extensions"][extension] is True
    points = importlib.import_module(extension)._jupyter_server_extension_points()
    assert [importlib.import_module(point["module"]) for point in points] == [linreg_helpers_server]
    assert "jpserver_extensions" in serverapp.ServerApp.class_trait_names(config=True)

    voila_app = pytest.importorskip("voila.app")
    ((app, settings),) = json.loads((CONFIG / "voila.json").read_text()).items()
    assert "kernel_websocket_connection_class" in getattr(voila_app, app).class_trait_names(config=True)
    module, name = settings["kernel_websocket_connection_class"].rsplit(".", 1)
    assert getattr(importlib.import_module(module), name) is ImmediateKernelConnection
