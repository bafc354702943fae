"""Committed notebooks are clean: outputs kept, nothing volatile or machine-specific stored.

The checker is small on purpose; it is tested on in-memory bad notebooks below, so a notebook
that passes it really has none of the problems it looks for.
"""

from __future__ import annotations

import copy
import json
import re
import warnings
from pathlib import Path
from typing import Any

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)

ALLOWED_NOTEBOOK_METADATA = {"kernelspec", "language_info"}
ALLOWED_CELL_METADATA = {"tags", "jupyter", "slideshow"}  # jupyter: a folded solution cell
# Output text that depends on the machine or the moment: paths, memory addresses, dates, times.
FORBIDDEN_IN_OUTPUT = {
    "an absolute path": re.compile(r"/work\b|/root\b|/tmp\b|/home\b|site-packages"),
    "a memory address": re.compile(r"\b0x[0-9a-fA-F]{4,}"),
    "a date": re.compile(r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b"),
    "a time": re.compile(r"\b[0-2]?\d:[0-5]\d:[0-5]\d\b|\bWall time\b|\bCPU times\b"),
}
# nbval reads a marker only when it stands alone on its comment line; the reason goes on the next.
NBVAL_MARKER = re.compile(r"#\s*(NBVAL_\w+)")
# Only text is scanned: base64 images may hold "/tmp" or "0x..." by chance.
TEXT_MIME_TYPES = {
    "text/plain",
    "text/html",
    "text/markdown",
    "text/latex",
    "image/svg+xml",
    "application/json",
}


def _output_texts(output: dict[str, Any]) -> list[str]:
    if output.get("output_type") == "stream":
        return [_join(output.get("text", ""))]
    return [_join(value) for mime, value in output.get("data", {}).items() if mime in TEXT_MIME_TYPES]


def _join(text: str | list[str] | Any) -> str:
    if isinstance(text, list):
        return "".join(text)
    return text if isinstance(text, str) else json.dumps(text)


def hygiene_problems(notebook: dict[str, Any]) -> list[str]:
    """Return a sentence for every hygiene problem in ``notebook`` (a parsed .ipynb); [] if clean."""
    problems = []
    try:
        with warnings.catch_warnings():  # a missing cell id is reported below, as a problem
            warnings.simplefilter("ignore")
            nbformat.validate(nbformat.from_dict(copy.deepcopy(notebook)))
    except nbformat.ValidationError as error:
        problems.append(f"not a valid notebook: {error.message}")
    extra = set(notebook.get("metadata", {})) - ALLOWED_NOTEBOOK_METADATA
    if extra:
        problems.append(f"notebook metadata has {sorted(extra)} (run nbstripout; widget state is not stored)")
    cells = notebook.get("cells", [])
    ids = [cell.get("id") for cell in cells]
    if any(not cell_id for cell_id in ids) or len(set(ids)) != len(ids):
        problems.append("every cell needs its own id")
    counts = []
    for number, cell in enumerate(cells, start=1):
        where = f"cell {number}"
        extra = set(cell.get("metadata", {})) - ALLOWED_CELL_METADATA
        if extra:
            problems.append(f"{where}: metadata has {sorted(extra)} (run nbstripout)")
        if cell.get("cell_type") != "code":
            if cell.get("outputs") or "execution_count" in cell:
                problems.append(f"{where}: a {cell.get('cell_type')} cell has outputs or an execution count")
            continue
        counts.append(cell.get("execution_count"))
        problems += [f"{where}: {problem}" for problem in _marker_problems(_join(cell.get("source", "")))]
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append(f"{where}: stored an error ({output.get('ename')})")
            for text in _output_texts(output):
                for what, pattern in FORBIDDEN_IN_OUTPUT.items():
                    match = pattern.search(text)
                    if match:
                        problems.append(f"{where}: output contains {what}: {match.group(0)!r}")
    if counts != list(range(1, len(counts) + 1)):
        problems.append(f"execution counts must be 1..{len(counts)} from a fresh run in order, got {counts}")
    return problems


def _marker_problems(source: str) -> list[str]:
    lines = [line.strip() for line in source.splitlines()]
    problems = []
    for number, line in enumerate(lines):
        match = NBVAL_MARKER.search(line)
        if not match:
            continue
        if line != f"# {match.group(1)}":
            problems.append(f"nbval ignores {line!r}: the marker must stand alone on its line")
        elif match.group(1) == "NBVAL_IGNORE_OUTPUT" and not (
            number + 1 < len(lines) and lines[number + 1].startswith("#")
        ):
            problems.append("# NBVAL_IGNORE_OUTPUT needs a comment on the next line saying why")
    return problems


@pytest.mark.parametrize(
    "path",
    [pytest.param(p, id=str(p.relative_to(ROOT))) for p in NOTEBOOKS]
    or [pytest.param(None, marks=pytest.mark.skip(reason="no notebooks under notebooks/ yet"))],
)
def test_committed_notebook_is_clean(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert hygiene_problems(notebook) == []


# --- the checker itself, on small in-memory notebooks -------------------------------------------


def _clean_notebook() -> dict[str, Any]:
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
        "cells": [
            {"cell_type": "markdown", "id": "intro", "metadata": {}, "source": "# Title"},
            {
                "cell_type": "code",
                "id": "first",
                "metadata": {"tags": ["learner"]},
                "execution_count": 1,
                "source": "print('epoch 1, loss 0.558333')",
                "outputs": [{"output_type": "stream", "name": "stdout", "text": "epoch 1, loss 0.558333\n"}],
            },
            {
                "cell_type": "code",
                "id": "second",
                "metadata": {},
                "execution_count": 2,
                "source": "1 + 1",
                "outputs": [
                    {
                        "output_type": "execute_result",
                        "execution_count": 2,
                        "metadata": {},
                        "data": {"text/plain": "2"},
                    }
                ],
            },
        ],
    }


def _broken(change: str) -> dict[str, Any]:
    notebook = _clean_notebook()
    code, result = notebook["cells"][1], notebook["cells"][2]
    if change == "widget state":
        notebook["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    elif change == "cell metadata":
        code["metadata"]["execution"] = {"iopub.status.busy": "2026-11-25T16:00:00"}
    elif change == "missing id":
        del code["id"]
    elif change == "counts out of order":
        code["execution_count"], result["execution_count"] = 2, 1
    elif change == "counts not from 1":
        code["execution_count"], result["execution_count"] = 3, 4
    elif change == "not executed":
        result["execution_count"] = None
    elif change == "path":
        code["outputs"][0]["text"] = (
            "/work/main/.venv/lib/python3.11/site-packages/torch/x.py:1: UserWarning\n"
        )
    elif change == "memory address":
        result["outputs"][0]["data"]["text/plain"] = "<Axes: at 0x7f3a2c1d9e50>"
    elif change == "time":
        code["outputs"][0]["text"] = "CPU times: user 4 ms\n"
    elif change == "date":
        code["outputs"][0]["text"] = "run on 2026-11-25\n"
    elif change == "error":
        code["outputs"] = [{"output_type": "error", "ename": "ValueError", "evalue": "x", "traceback": []}]
    elif change == "marker with text":
        code["source"] = "# NBVAL_IGNORE_OUTPUT: the reason\nprint('epoch 1, loss 0.558333')"
    elif change == "marker without reason":
        code["source"] = "# NBVAL_IGNORE_OUTPUT\nprint('epoch 1, loss 0.558333')"
    elif change == "markdown output":
        notebook["cells"][0]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
    return notebook


def test_the_clean_example_passes() -> None:
    assert hygiene_problems(_clean_notebook()) == []


def test_a_marker_alone_with_its_reason_passes() -> None:
    notebook = _clean_notebook()
    notebook["cells"][1]["source"] = "# NBVAL_IGNORE_OUTPUT\n# a live widget's model id changes\nx = 1"
    assert hygiene_problems(notebook) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("widget state", "notebook metadata has ['widgets']"),
        ("cell metadata", "cell 2: metadata has ['execution']"),
        ("missing id", "own id"),
        ("counts out of order", "got [2, 1]"),
        ("counts not from 1", "got [3, 4]"),
        ("not executed", "got [1, None]"),
        ("path", "an absolute path"),
        ("memory address", "a memory address: '0x7f3a2c1d9e50'"),
        ("time", "a time"),
        ("date", "a date"),
        ("error", "stored an error (ValueError)"),
        ("markdown output", "cell 1: a markdown cell has outputs"),
        ("marker with text", "cell 2: nbval ignores '# NBVAL_IGNORE_OUTPUT: the reason'"),
        ("marker without reason", "cell 2: # NBVAL_IGNORE_OUTPUT needs a comment on the next line"),
    ],
)
def test_the_checker_catches(change: str, expected: str) -> None:
    problems = hygiene_problems(_broken(change))
    assert any(expected in problem for problem in problems), problems
