"""The student version of the notebooks: every solution removed, nothing else changed.

A checked exercise is a code cell the learner completes (``answer = ...``, then a ``check_…`` call from
``linreg_helpers.checks``); its solution is the runnable code cell right after it, tagged ``solution``
(and collapsed in JupyterLab), possibly with markdown cells tagged ``solution`` too. An exercise set in
markdown may instead fold its solution into the same cell, in ``<details><summary>Solution</summary>
… </details>``. The student version drops every tagged cell and every folded block, and keeps everything
else as it is, stored outputs included. It refuses, with the notebook and cell named, a layout where that
would leave a solution in or take an exercise out.

Run from the repository root: ``python -m tools.student_version SRC_DIR OUT_DIR`` (``make student``).
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import nbformat
from nbformat import NotebookNode

SOLUTION_TAG = "solution"
# A line that assigns only placeholders: ``answer = ...``, ``pair = (..., ...)``, a comment allowed.
PLACEHOLDER = re.compile(
    r"""^[ \t]*\w+[ \t]*=[ \t]*                                  # a name =
        [(\[]?[ \t]*\.\.\.(?:[ \t]*,[ \t]*\.\.\.)*[ \t]*[)\]]?   # ... or (..., ...)
        [ \t]*(?:\#.*)?$""",
    re.MULTILINE | re.VERBOSE,
)
CHECK_CALL = re.compile(r"\b(check_\w+)\s*\(")
# A solution folded into a markdown cell, with the blank lines around it; the block may not contain
# another <details>, so an unclosed block is left (and refused) rather than removed up to the next one.
FOLDED_SOLUTION = re.compile(
    r"\s*<details>\s*<summary>\s*(?:Solution|答案)\s*</summary>(?:(?!<details>).)*?</details>\s*",
    re.DOTALL | re.IGNORECASE,
)
SOLUTION_SUMMARY = re.compile(r"<summary>\s*(?:Solution|答案)", re.IGNORECASE)  # English and Chinese sets


class SolutionLayoutError(ValueError):
    """Notebooks whose solutions cannot be removed cleanly; the message has one line per problem."""


def is_solution(cell: NotebookNode) -> bool:
    """Whether ``cell`` is solution material: tagged ``solution``."""
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def without_folded_solutions(source: str) -> str:
    """``source`` without its ``<details><summary>Solution</summary> … </details>`` blocks."""
    return FOLDED_SOLUTION.sub("\n\n", source).strip()


def exercise_checks(cell: NotebookNode) -> list[str]:
    """The ``check_…`` functions a code cell calls after a ``...`` placeholder line; [] if not an exercise."""
    placeholder = PLACEHOLDER.search(cell.source) if cell.cell_type == "code" else None
    return CHECK_CALL.findall(cell.source, placeholder.end()) if placeholder else []


def layout_problems(notebook: NotebookNode) -> list[str]:
    """A sentence (naming the 1-based cell) for each place where removing the solutions goes wrong."""
    problems = []
    cells = notebook.cells
    kept = None  # the last cell the student version keeps, which a solution must follow
    for number, cell in enumerate(cells, start=1):
        if not is_solution(cell):
            checks = exercise_checks(cell)
            if checks and (number == len(cells) or not is_solution(cells[number])):
                problems.append(
                    f"cell {number} is an exercise (a `...` to replace, then {checks[0]}) "
                    f"with no cell tagged {SOLUTION_TAG!r} right after it"
                )
            if SOLUTION_SUMMARY.search(without_folded_solutions(cell.source)):
                problems.append(
                    f"cell {number} has a <summary>Solution outside a <details> … </details> block "
                    f"and is not tagged {SOLUTION_TAG!r}: the solution would stay in the student version"
                )
            kept = cell
            continue
        if kept is None:
            problems.append(
                f"cell {number} is tagged {SOLUTION_TAG!r} but no exercise comes before it: "
                "the student version would have nothing in its place"
            )
            continue
        unmatched = sorted(set(CHECK_CALL.findall(cell.source)) - set(exercise_checks(kept)))
        if cell.cell_type == "code" and unmatched:
            problems.append(
                f"cell {number} is a solution calling {', '.join(unmatched)}, but the cell before it is not "
                "an exercise calling it (a `...` to replace, then the check): the student version would "
                "lose the exercise"
            )
    return problems


def student_notebook(notebook: NotebookNode) -> NotebookNode:
    """A copy of ``notebook`` without its solutions; raise ``SolutionLayoutError`` on a bad layout."""
    problems = layout_problems(notebook)
    if problems:
        raise SolutionLayoutError("\n".join(problems))
    student = copy.deepcopy(notebook)
    cells = []
    for cell in student.cells:
        if is_solution(cell):
            continue
        if cell.cell_type == "markdown" and FOLDED_SOLUTION.search(cell.source):
            cell.source = without_folded_solutions(cell.source)
            if not cell.source:
                continue  # the cell held nothing but a folded solution
        cells.append(cell)
    student.cells = cells
    return student


def build(src_dir: Path, out_dir: Path) -> list[Path]:
    """Write the student version of every notebook under ``src_dir`` to the same place under ``out_dir``.

    Every notebook is checked before any is written; return the paths written.
    """
    sources = sorted(p for p in src_dir.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not sources:
        raise FileNotFoundError(f"no notebooks under {src_dir}")
    students, problems = {}, []
    for path in sources:
        try:
            notebook = student_notebook(nbformat.read(path, as_version=4))
            students[out_dir / path.relative_to(src_dir)] = notebook
        except SolutionLayoutError as error:
            problems += [f"{path}: {line}" for line in str(error).splitlines()]
    if problems:
        raise SolutionLayoutError("\n".join(problems))
    for target, notebook in students.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, target)
    return list(students)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``SRC_DIR OUT_DIR``; print what was written, or every problem and exit 1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src_dir", type=Path, help="the notebooks with solutions (e.g. notebooks)")
    parser.add_argument("out_dir", type=Path, help="where the student version goes (e.g. build/student)")
    args = parser.parse_args(argv)
    try:
        written = build(args.src_dir, args.out_dir)
    except (SolutionLayoutError, FileNotFoundError) as error:
        print(f"No student version written:\n{error}", file=sys.stderr)
        return 1
    print(f"Wrote the student version of {len(written)} notebooks to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
