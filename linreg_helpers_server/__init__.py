"""Kernel messages reach the browser at once: the Jupyter server's kernel websockets with TCP_NODELAY.

The server relays each kernel message to the browser as one small websocket write. With Nagle's
algorithm on (tornado's default; jupyter_server does not turn it off), a small write waits until the
browser has acknowledged the previous one, and a browser delays its acknowledgement up to 40 ms
hoping to send it with data. A slider update is several such messages in a row (busy, the new plot,
the status, idle), and the browser sends the next value only after "idle": measured on 2 cores, a
dashboard whose update does nothing ran at 18 frames a second with Nagle on, 35 with it off.

This package is a Jupyter server extension that makes the server's kernel websocket connections turn
Nagle's algorithm off. ``make install`` enables it in ``.venv`` for JupyterLab, Notebook 7 and Voilà
(``jupyter-config/``: the extension for every Jupyter server, and Voilà's own setting for ``voila``);
elsewhere, ``jupyter server extension enable linreg_helpers_server``. It is a package of its own, apart
from ``linreg_helpers``, so that the server does not import PyTorch and matplotlib with it.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection


class ImmediateKernelConnection(ZMQChannelsWebsocketConnection):
    """Jupyter server's kernel websocket connection, with the socket's TCP_NODELAY set when it opens."""

    def connect(self) -> Any:
        """Turn Nagle's algorithm off on the websocket, then connect as the server does."""
        self.websocket_handler.set_nodelay(True)
        return super().connect()


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "linreg_helpers_server"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Use :class:`ImmediateKernelConnection` for the server's kernel websockets, unless the server is
    configured with a connection of its own (a kernel gateway's, say), which is left as it is."""
    settings = serverapp.web_app.settings
    current = settings.get("kernel_websocket_connection_class")
    if current is ZMQChannelsWebsocketConnection:
        settings["kernel_websocket_connection_class"] = ImmediateKernelConnection
        serverapp.log.info("linreg_helpers: kernel messages go to the browser without Nagle's delay")
    else:
        serverapp.log.info(f"linreg_helpers: kernel websockets left to {current!r}")
