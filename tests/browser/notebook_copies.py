"""The notebooks the browser suite drives: found in the repository, tested on a temporary copy.

The copy (never the committed files) is what JupyterLab serves, so autosave cannot rewrite them.
Its stored outputs are removed so that every prompt, output and widget on screen comes from the run
the test makes, as for a learner who clears and reruns the notebook.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
WIDGET_MARKER = "linreg_helpers.widgets"
"""A notebook displays a dashboard if a code cell imports from this package."""
APP_NAME = "playground.ipynb"
"""Each language's playground, served as an app by Voilà (``make app``; ``test_browser_app.py``)."""


def widget_notebooks(root: Path = NOTEBOOKS) -> list[Path]:
    """Every notebook under ``root`` whose code imports ``linreg_helpers.widgets``, in order."""
    found = []
    for path in sorted(root.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        if any(cell["cell_type"] == "code" and WIDGET_MARKER in _source(cell) for cell in cells):
            found.append(path)
    return found


def copy_without_outputs(source: Path, target: Path) -> None:
    """Copy the notebooks under ``source`` to ``target`` with outputs and execution counts removed."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for path in target.rglob("*.ipynb"):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                cell["outputs"] = []
                cell["execution_count"] = None
        notebook["metadata"].pop("widgets", None)
        path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")


def write_notebook(path: Path, sources: list[str]) -> None:
    """Write a notebook of code cells (the suite's own small test notebooks)."""
    cells = [
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
        for source in sources
    ]
    notebook = {
        "cells": cells,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 4,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")


def _source(cell: dict) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)
