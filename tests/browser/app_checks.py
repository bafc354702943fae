"""What a code-free app page (a notebook served by Voilà) must not show: code or an error.

Each check returns the problems it found as sentences, like ``lab_ui`` and ``dashboard_checks``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from playwright.sync_api import Page

from . import lab_ui

CODE_ELEMENTS = ".jp-CodeCell .jp-InputArea, .jp-CodeCell .cm-editor, .jp-InputPrompt"
"""Where a notebook page shows a code cell's input (Voilà leaves them out when it strips sources)."""
ERROR_TEXTS = ("Traceback", "There was an error when executing cell")
"""A Python traceback, and what Voilà shows in place of one when tracebacks are hidden."""
MIN_LINE = 8
"""Code lines shorter than this (``)``, ``x = 1``) could appear in any page by chance: not searched."""


def code_lines(notebook: Path) -> list[str]:
    """The lines of the notebook's code cells that are long enough to be recognised on a page."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    lines = []
    for cell in cells:
        if cell["cell_type"] == "code":
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            lines += [line.strip() for line in source.splitlines() if len(line.strip()) >= MIN_LINE]
    return lines


def code_problems(page: Page, notebook: Path) -> list[str]:
    """Code input elements on the page, and any line of the notebook's code found in the page's HTML."""
    problems = []
    shown = page.locator(CODE_ELEMENTS).count()
    if shown:
        problems.append(f"the page shows {shown} code input element(s) ({CODE_ELEMENTS})")
    content = html.unescape(page.content())
    problems += [
        f"the page contains a line of code: {line!r}" for line in code_lines(notebook) if line in content
    ]
    return problems


def error_problems(page: Page) -> list[str]:
    """Error or warning outputs under any cell, and traceback texts anywhere on the page."""
    problems = lab_ui.cell_problems(page)
    text = page.locator("body").inner_text()
    problems += [f"the page shows {error!r}" for error in ERROR_TEXTS if error in text]
    return problems
