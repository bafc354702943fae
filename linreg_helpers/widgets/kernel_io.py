"""The kernel's queued messages, sent before a frame is drawn.

ipykernel sends its messages (the answer to the message just handled, the last frame) from an I/O
thread. While another thread runs Python, as a dashboard drawing a frame does, the I/O thread gets
the interpreter only every few milliseconds (Python's switch interval), once per message: measured
in JupyterLab, a slider message's answer reached the browser 10-25 ms after it was handled. The
browser sends a slider's next value only after that answer. Waiting for the I/O thread first (the
interpreter is free while waiting) sends the answer at once, so the next value travels while this
frame is drawn.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

SEND_TIMEOUT_S = 0.05
"""Longest wait for the I/O thread: a frame is drawn after it whatever happens."""


def send_queued_messages(timeout_s: float = SEND_TIMEOUT_S) -> bool:
    """In an ipykernel kernel, wait until its I/O thread has sent every message queued so far (at most
    ``timeout_s``); True if it has. Anywhere else (a script, a test, the I/O thread itself): False at once."""
    io_thread = _kernel_io_thread()
    if io_thread is None:
        return False
    sent = threading.Event()
    io_thread.schedule(sent.set)  # runs after the messages queued before it
    return sent.wait(timeout_s)


def _kernel_io_thread() -> Any | None:
    """The running kernel's ``IOPubThread``, if this process is an ipykernel kernel and the caller is
    not that thread."""
    kernelbase = sys.modules.get("ipykernel.kernelbase")  # imported by every ipykernel kernel; not here
    if kernelbase is None or not kernelbase.Kernel.initialized():
        return None
    io_thread = getattr(kernelbase.Kernel.instance(), "iopub_thread", None)
    thread = getattr(io_thread, "thread", None)
    if thread is None or not thread.is_alive() or thread is threading.current_thread():
        return None
    return io_thread
