"""The first dashboard keeps the objects alive then out of the garbage collector's walks (gc_pauses.py)."""

from __future__ import annotations

import gc
import weakref

import pytest

from linreg_helpers.widgets import gc_pauses


@pytest.fixture
def unfrozen(monkeypatch):
    """A process as it starts: nothing frozen yet; frozen objects are given back afterwards. The automatic
    collections are off meanwhile, so that only the code under test collects."""
    monkeypatch.setattr(gc_pauses, "_frozen", False)
    enabled = gc.isenabled()
    gc.disable()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_the_first_call_collects_then_freezes_and_later_calls_do_nothing(unfrozen, monkeypatch):
    collections = []
    real_collect = gc.collect
    monkeypatch.setattr(gc, "collect", lambda *args: collections.append(1) or real_collect(*args))
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    assert gc_pauses.freeze_long_lived_objects() is True
    assert collections == [1] and gc.get_freeze_count() > 1000  # the imported libraries, at least
    assert gc_pauses.freeze_long_lived_objects() is False
    assert collections == [1]


def test_garbage_made_before_the_freeze_is_collected_not_frozen(unfrozen):
    class Node:
        pass

    gc.unfreeze()
    garbage = Node()
    garbage.me = garbage  # a reference cycle: only the collector frees it
    still_there = weakref.ref(garbage)
    del garbage
    assert still_there() is not None  # the cycle keeps it until the collector runs
    gc_pauses.freeze_long_lived_objects()
    assert still_there() is None
