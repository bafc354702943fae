"""The student version (``tools/student_version.py``, ``make student``): every solution out (cells tagged
``solution``, folded ``<details>`` blocks), all else as it was, a refusal where the layout would leak a
solution or lose an exercise; and the real notebooks' student versions hold no solution and run top to
bottom."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from traitlets.config import Config

from tools.student_version import (
    SolutionLayoutError,
    build,
    exercise_checks,
    is_solution,
    main,
    student_notebook,
)

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = ROOT / "notebooks"
SOURCES = sorted(p for p in SOURCE_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
SOLUTION_METADATA = {"tags": ["solution"], "jupyter": {"source_hidden": True}}
FOLD_START = "<details><summary>Solution</summary>"
NOT_ANSWERED = "✗ Not answered yet: replace the ... with your answer, then run this cell again.\n"


def _exercise(cell_id: str = "exercise") -> NotebookNode:
    cell = new_code_cell("answer = ...  # your number\ncheck_answer(answer)", id=cell_id, execution_count=2)
    cell.outputs = [new_output("stream", name="stdout", text=NOT_ANSWERED)]
    return cell


def _solution(cell_id: str = "solution", source: str = "answer = 42\ncheck_answer(answer)") -> NotebookNode:
    return new_code_cell(source, id=cell_id, metadata=SOLUTION_METADATA)


def _notebook(*cells: NotebookNode) -> NotebookNode:
    return new_notebook(cells=list(cells), metadata={"kernelspec": {"name": "python3", "display_name": "P"}})


def _problems(notebook: NotebookNode) -> str:
    with pytest.raises(SolutionLayoutError) as error:
        student_notebook(notebook)
    return str(error.value)


# --- the tool on small notebooks -----------------------------------------------------------------


def test_solution_cells_go_and_every_other_cell_stays_as_it_was_in_order() -> None:
    setup = new_code_cell("from checks import check_answer", id="setup", execution_count=1)
    notebook = _notebook(
        new_markdown_cell("# Title", id="title"),
        setup,
        _exercise(),
        _solution(),
        new_markdown_cell("42 because ...", id="why", metadata={"tags": ["solution"]}),
        new_markdown_cell("**Task.** Say why.", id="task"),
        new_markdown_cell("Because ...", id="because", metadata={"tags": ["solution"]}),
        new_markdown_cell("## Summary", id="summary", metadata={"tags": ["keep-me"]}),
    )
    kept = [notebook.cells[i] for i in (0, 1, 2, 5, 7)]

    student = student_notebook(notebook)

    assert [cell.id for cell in student.cells] == ["title", "setup", "exercise", "task", "summary"]
    assert student.cells == kept  # sources, metadata, outputs and execution counts untouched
    assert student.metadata == notebook.metadata
    assert len(notebook.cells) == 8  # the source notebook keeps its solutions


@pytest.mark.parametrize(
    ("source", "checks"),
    [
        ("answer = ...  # your number\ncheck_answer(answer)", ["check_answer"]),
        ("batches = (..., ...)  # (count, size)\ncheck_batches(batches, num_examples=10)", ["check_batches"]),
        ("X5 = torch.randn(7, 5)\nmodel = ...\ncheck_model_for(model, X5)", ["check_model_for"]),
        ("answer = 42\ncheck_answer(answer)", []),  # nothing left to replace
        ("answer = ...\nprint(answer)", []),  # no check
        ("check_answer(answer)\nanswer = ...", []),  # the check comes first
        ("answer = f(...)\ncheck_answer(answer)", []),  # `...` as an argument, not a placeholder
    ],
)
def test_an_exercise_is_a_placeholder_then_a_check(source: str, checks: list[str]) -> None:
    assert exercise_checks(new_code_cell(source)) == checks
    assert exercise_checks(new_markdown_cell(source)) == []


def test_an_exercise_without_a_solution_after_it_is_refused() -> None:
    message = _problems(_notebook(_exercise(), new_markdown_cell("next", id="next"), _exercise("last")))
    assert "cell 1 is an exercise (a `...` to replace, then check_answer) with no cell tagged" in message
    assert "cell 3 is an exercise" in message


def test_a_solution_whose_exercise_is_missing_is_refused() -> None:
    alone = _problems(_notebook(_solution()))
    assert "cell 1 is tagged 'solution' but no exercise comes before it" in alone
    orphan = _problems(_notebook(new_markdown_cell("text", id="text"), _solution()))
    assert "cell 2 is a solution calling check_answer, but the cell before it is not an exercise" in orphan


def test_a_solution_folded_into_a_markdown_cell_goes_and_the_task_around_it_stays() -> None:
    folded = f"{FOLD_START}\n\n42, because ...\n\n```python\nprint(42)\n```\n</details>"
    notebook = _notebook(
        new_markdown_cell(f"**Exercise 1.** Which number?\n\n{folded}\n\n**Exercise 2.** Why?\n", id="two"),
        new_markdown_cell(folded, id="only-a-solution"),
        new_markdown_cell("## Summary\n", id="summary"),
    )

    student = student_notebook(notebook)

    assert [cell.source for cell in student.cells] == [
        "**Exercise 1.** Which number?\n\n**Exercise 2.** Why?",
        "## Summary\n",  # untouched, trailing newline included
    ]
    assert [cell.id for cell in student.cells] == ["two", "summary"]


def test_an_unclosed_folded_solution_is_refused_not_cut_up_to_the_next_one() -> None:
    source = (
        "**1.** A?\n<details><summary>Solution</summary>\nA.\n"
        "**2.** B?\n<details><summary>Solution</summary>\nB.\n</details>"
    )
    message = _problems(_notebook(new_markdown_cell(source, id="unclosed")))
    assert "cell 1 has a <summary>Solution outside a <details> … </details> block" in message


def test_build_checks_every_notebook_before_writing_any(tmp_path: Path) -> None:
    source, out = tmp_path / "notebooks", tmp_path / "student"
    (source / "en").mkdir(parents=True)
    good = _notebook(_exercise(), _solution())
    nbformat.write(good, source / "en" / "a.ipynb")
    nbformat.write(_notebook(_exercise()), source / "en" / "b.ipynb")

    with pytest.raises(SolutionLayoutError, match=r"b\.ipynb: cell 1 is an exercise"):
        build(source, out)
    assert not out.exists()

    (source / "en" / "b.ipynb").unlink()
    assert build(source, out) == [out / "en" / "a.ipynb"]
    assert nbformat.read(out / "en" / "a.ipynb", as_version=4).cells == [good.cells[0]]


def test_the_command_line_reports_problems_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    nbformat.write(_notebook(_exercise()), tmp_path / "a.ipynb")
    assert main([str(tmp_path), str(tmp_path / "out")]) == 1
    assert "No student version written" in capsys.readouterr().err
    nbformat.write(_notebook(_exercise(), _solution()), tmp_path / "a.ipynb")
    assert main([str(tmp_path), str(tmp_path / "out")]) == 0
    assert "student version of 1 notebooks" in capsys.readouterr().out


# --- the real notebooks --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("student")
    build(SOURCE_DIR, out)
    return out


def _read_pair(path: Path, student_dir: Path) -> tuple[NotebookNode, NotebookNode]:
    student_path = student_dir / path.relative_to(SOURCE_DIR)
    return nbformat.read(path, as_version=4), nbformat.read(student_path, as_version=4)


def _lines(texts: list[str]) -> set[str]:
    return {line.strip() for text in texts for line in text.splitlines() if line.strip()}


def _solutions_and_rest(notebook: NotebookNode) -> tuple[list[str], list[str]]:
    """The solution texts of a source notebook (tagged cells, folded ``<details>`` blocks) and the
    texts around them, read here independently of the tool."""
    solutions, rest = [], []
    for cell in notebook.cells:
        if is_solution(cell):
            solutions.append(cell.source)
            continue
        outside, *folded = cell.source.split(FOLD_START)
        rest.append(outside)
        for part in folded:
            body, _, after = part.partition("</details>")
            solutions.append(body)
            rest.append(after)
    return solutions, rest


def test_the_notebooks_have_checked_exercises_with_solutions() -> None:
    cells = [cell for path in SOURCES for cell in nbformat.read(path, as_version=4).cells]
    assert sum(bool(exercise_checks(cell)) for cell in cells) >= 5
    assert sum(is_solution(cell) and cell.cell_type == "code" for cell in cells) >= 5


NOTEBOOK_PARAMS = [pytest.param(p, id=str(p.relative_to(SOURCE_DIR))) for p in SOURCES]


@pytest.mark.parametrize("path", NOTEBOOK_PARAMS)
def test_no_solution_is_left_and_every_exercise_is(path: Path, student_dir: Path) -> None:
    source, student = _read_pair(path, student_dir)
    solutions, rest = _solutions_and_rest(source)
    student_sources = [cell.source for cell in student.cells]

    assert not [cell.id for cell in student.cells if is_solution(cell)]
    assert "<summary>Solution" not in "\n".join(student_sources)
    assert "<summary>答案" not in "\n".join(student_sources)  # the Chinese set's folded solutions
    assert [text for text in solutions if text.strip() in "\n".join(student_sources)] == []
    # A solution's own lines (not those the rest has too, as `check_…(answer)`) are in no cell.
    own_lines = _lines(solutions) - _lines(rest)
    assert own_lines & _lines(student_sources) == set()
    exercises = [cell.source for cell in source.cells if exercise_checks(cell)]
    assert [cell.source for cell in student.cells if exercise_checks(cell)] == exercises


def _texts(cell: NotebookNode) -> list[str]:
    return [out.get("text") or out.get("data", {}).get("text/plain", "") for out in cell.outputs]


@pytest.mark.notebook_run
@pytest.mark.parametrize("path", NOTEBOOK_PARAMS)
def test_the_student_notebook_runs_top_to_bottom(path: Path, student_dir: Path, tmp_path: Path) -> None:
    student_path = student_dir / path.relative_to(SOURCE_DIR)
    notebook = nbformat.read(student_path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    stored = {cell.id: _texts(cell) for cell in code if exercise_checks(cell)}  # "Not answered yet", …
    for cell in code:  # so that what is checked below comes from this run
        cell.execution_count, cell.outputs = None, []
    # Unix sockets, not TCP ports: `make unit` runs this in two processes at once, and kernels started
    # at once can be handed the same free port (see tests/numeric_configs.py).
    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = str(tmp_path / "kernel")
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(student_path.parent)}},
        config=config,
    )
    client.execute()  # raises CellExecutionError, with the cell and its traceback, if a cell fails

    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
    # Every check ran on the learner's `...` and answered as the source notebook stores it.
    assert {cell.id: _texts(cell) for cell in code if cell.id in stored} == stored
