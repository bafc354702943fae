"""Sending a kernel's queued messages before a frame is drawn (widgets/kernel_io.py), with ipykernel's
own I/O thread."""

from __future__ import annotations

import sys
import threading
import time
import types

import pytest
import zmq
from ipykernel.iostream import IOPubThread

from linreg_helpers.widgets import kernel_io


@pytest.fixture
def io_thread():
    """ipykernel's I/O thread sending on one end of a socket pair; the test reads the other end."""
    context = zmq.Context()
    sender, receiver = context.socket(zmq.PAIR), context.socket(zmq.PAIR)
    address = f"inproc://kernel-io-{id(sender)}"
    receiver.bind(address)
    sender.connect(address)
    thread = IOPubThread(sender)
    thread.start()
    yield thread, receiver
    thread.stop()
    thread.close()
    receiver.close()
    context.term()


def _fake_kernel(monkeypatch, io_thread) -> None:
    """This process as an ipykernel kernel whose I/O thread is ``io_thread`` (None: not started)."""
    kernel = types.SimpleNamespace(iopub_thread=io_thread)
    fake_kernel_class = types.SimpleNamespace(initialized=lambda: True, instance=lambda: kernel)
    monkeypatch.setitem(sys.modules, "ipykernel.kernelbase", types.SimpleNamespace(Kernel=fake_kernel_class))


def test_it_returns_once_the_messages_queued_before_are_sent(monkeypatch, io_thread):
    thread, receiver = io_thread
    _fake_kernel(monkeypatch, thread)
    thread.schedule(lambda: time.sleep(0.1))  # the I/O thread is busy for a while
    thread.send_multipart([b"answer"])
    assert receiver.poll(0) == 0  # not sent yet
    assert kernel_io.send_queued_messages(timeout_s=5.0)
    assert receiver.poll(0) != 0 and receiver.recv_multipart() == [b"answer"]


def test_it_waits_no_longer_than_its_timeout(monkeypatch, io_thread):
    thread, _ = io_thread
    _fake_kernel(monkeypatch, thread)
    thread.schedule(lambda: time.sleep(0.5))
    start = time.perf_counter()
    assert not kernel_io.send_queued_messages(timeout_s=0.05)
    assert time.perf_counter() - start < 0.4


def test_outside_a_kernel_it_returns_at_once(monkeypatch):
    monkeypatch.delitem(sys.modules, "ipykernel.kernelbase", raising=False)
    assert kernel_io._kernel_io_thread() is None
    assert kernel_io.send_queued_messages() is False
    not_started = types.SimpleNamespace(initialized=lambda: False)
    monkeypatch.setitem(sys.modules, "ipykernel.kernelbase", types.SimpleNamespace(Kernel=not_started))
    assert kernel_io.send_queued_messages() is False


def test_the_io_thread_itself_does_not_wait_for_itself(monkeypatch, io_thread):
    thread, _ = io_thread
    _fake_kernel(monkeypatch, thread)
    assert kernel_io._kernel_io_thread() is thread
    seen = []
    done = threading.Event()
    thread.schedule(lambda: (seen.append(kernel_io._kernel_io_thread()), done.set()))
    assert done.wait(5.0) and seen == [None]
