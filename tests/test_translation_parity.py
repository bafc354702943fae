"""The Chinese set (notebooks/zh/) mirrors the English one (notebooks/en/): the same notebooks, the same
cells in the same order, the same code apart from the text it prints or labels, the same numbers in the
stored outputs and a figure where the other has one. Any drift fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
EN, ZH = ROOT / "notebooks" / "en", ROOT / "notebooks" / "zh"
NAMES = sorted(p.name for p in EN.glob("*.ipynb"))
NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
COMPARED_METADATA = ("tags", "slideshow", "jupyter")


def pair(name: str) -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    return nbformat.read(EN / name, as_version=4), nbformat.read(ZH / name, as_version=4)


class _WithoutText(ast.NodeTransformer):
    """Blanks every string literal and the literal parts and format specs of f-strings: what is left is
    the code that computes."""

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        return ast.Constant(value="") if isinstance(node.value, str) else node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        values = [self.visit(v.value) for v in node.values if isinstance(v, ast.FormattedValue)]
        return ast.Tuple(elts=values, ctx=ast.Load())


def code_without_text(source: str) -> str:
    """The cell's code with its text blanked (comments are not part of the syntax tree)."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    return ast.dump(_WithoutText().visit(ast.parse("\n".join(lines))))


def numbers_and_figures(cell: nbformat.NotebookNode) -> list:
    """Per output: the numbers in its text, or that it is a figure (figures hold the same English text in
    both sets: the code that draws them is the same)."""
    if "NBVAL_IGNORE_OUTPUT" in cell.source:
        return []
    found = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "image/png" in data:
            found.append(("figure",))  # not its bytes: a point that moves by float32 rounding changes them
            continue
        text = output.get("text") or data.get("text/plain") or ""
        found.append(("text", NUMBER.findall(text)))
    return found


def test_both_sets_have_the_same_notebooks():
    assert ZH.is_dir(), "notebooks/zh/ is missing"
    assert sorted(p.name for p in ZH.glob("*.ipynb")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_same_cells_in_the_same_order(name):
    en, zh = pair(name)
    assert [c.cell_type for c in zh.cells] == [c.cell_type for c in en.cells]
    for i, (a, b) in enumerate(zip(en.cells, zh.cells, strict=True)):
        for key in COMPARED_METADATA:
            assert a.metadata.get(key) == b.metadata.get(key), f"cell {i}: metadata {key!r} differs"


@pytest.mark.parametrize("name", NAMES)
def test_same_code_apart_from_its_text(name):
    en, zh = pair(name)
    for i, (a, b) in enumerate(zip(en.cells, zh.cells, strict=True)):
        if a.cell_type == "code":
            assert code_without_text(b.source) == code_without_text(a.source), (
                f"cell {i} computes differently"
            )


@pytest.mark.parametrize("name", NAMES)
def test_same_numbers_and_figures_in_the_outputs(name):
    en, zh = pair(name)
    for i, (a, b) in enumerate(zip(en.cells, zh.cells, strict=True)):
        if a.cell_type == "code":
            assert numbers_and_figures(b) == numbers_and_figures(a), f"cell {i}: outputs differ"


@pytest.mark.parametrize("name", NAMES)
def test_the_prose_is_chinese(name):
    en, zh = pair(name)
    for i, (a, b) in enumerate(zip(en.cells, zh.cells, strict=True)):
        english_words = re.findall(
            r"\b[a-z]{4,}\b", re.sub(r"`[^`]*`|\$[^$]*\$|\([^)]*\.ipynb[^)]*\)", "", a.source)
        )
        if b.cell_type == "markdown" and len(english_words) >= 3:
            assert CHINESE.search(b.source), f"cell {i} is not translated"


def test_the_parity_check_can_fail():
    # Same code with other text passes; a changed number or name does not.
    assert code_without_text('print(f"loss {x:.3g}")') == code_without_text('print(f"损失 {x:>8.3g}")')
    assert code_without_text("train(lr=0.01)") != code_without_text("train(lr=0.03)")
    assert code_without_text("print(a)") != code_without_text("print(b)")
