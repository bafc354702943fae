"""Slide metadata (``tools/slides.py``): the committed notebooks store what the rules derive, and the
rules and the height estimate (``tools/slide_layout.py``) do what they say, on small notebooks built here."""

from __future__ import annotations

import base64
import copy
import json
import struct
from pathlib import Path
from typing import Any

import pytest

from tools.slide_layout import LAYOUT, cell_height, markdown_height, output_height
from tools.slides import (
    WRITE_COMMAND,
    apply_slide_types,
    differences,
    dumps,
    main,
    plan_slides,
    stored_slide_types,
    translations_of,
)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_stored_slide_metadata_is_what_the_rules_derive(path: Path) -> None:
    problems = differences(json.loads(path.read_text(encoding="utf-8")), translations=translations_of(path))
    assert not problems, (
        f"{path.relative_to(ROOT)}: the slide metadata is not what tools/slides.py derives from the notebook "
        f"(a cell was added, moved or changed). Run:\n    {WRITE_COMMAND}\n" + "\n".join(problems)
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_tool_writes_notebooks_as_jupyter_does(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert dumps(json.loads(text)) == text


# --- the rules, on small notebooks ----------------------------------------------------------------


def _markdown(text: str, **metadata: Any) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": metadata, "source": text}


def _code(lines: int = 1, outputs: list[dict[str, Any]] | None = None, **metadata: Any) -> dict[str, Any]:
    source = "\n".join(f"x{i} = {i}" for i in range(lines))
    return {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": metadata,
        "outputs": outputs or [],
        "source": source,
    }


def _notebook(*cells: dict[str, Any]) -> dict[str, Any]:
    for number, cell in enumerate(cells):
        cell["id"] = f"c{number}"
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _types(*cells: dict[str, Any]) -> list[str]:
    return plan_slides(_notebook(*cells)).types


def _setup() -> dict[str, Any]:
    return _code(3)


def test_title_slide_setup_skipped_sections_slides() -> None:
    types = _types(
        _markdown("# Title"), _code(3), _markdown("## 1. One"), _code(), _markdown("## 2. Two"), _code()
    )
    assert types == ["slide", "skip", "slide", "-", "slide", "-"]


def test_a_heading_inside_a_cell_opens_a_slide_and_bonus_sections_are_subslides() -> None:
    types = _types(
        _markdown("# Title"),
        _setup(),
        _markdown("The output above shows it.\n\n## 2. Next section"),
        _markdown("## Summary\n\n- one"),
        _markdown('<a id="x"></a>\n\n## Bonus: deeper'),
        _code(),
        _markdown("## Bonus exercises"),
    )
    assert types == ["slide", "skip", "slide", "slide", "subslide", "-", "subslide"]


def test_solutions_are_skipped() -> None:
    solution = {"tags": ["solution"]}
    types = _types(
        _markdown("# Title"),
        _setup(),
        _markdown("## Exercises"),
        _code(2),
        _markdown("<details><summary>Solution</summary>\n\n42\n\n</details>", **solution),
        _code(2, **solution, jupyter={"source_hidden": True}),
    )
    assert types == ["slide", "skip", "slide", "-", "skip", "skip"]


def test_units_share_a_slide_while_it_has_room_and_the_next_starts_a_subslide() -> None:
    # 20 lines of code: 20 * 18 + 19 + 10 = 389 px estimated; two of them do not fit 0.93 * 720 px.
    types = _types(
        _markdown("# Title"),
        _setup(),
        _markdown("## 1. One"),
        _markdown("Intro."),
        _code(20),
        _markdown("More."),
        _code(20),
    )
    assert types == ["slide", "skip", "slide", "-", "-", "subslide", "-"]


def test_a_unit_too_tall_for_one_slide_is_spread_cell_by_cell() -> None:
    intro = _markdown("\n\n".join(["A paragraph of its own."] * 8))  # 8 * 22.1 + 7 * 20 + 39 = 356 px
    types = _types(_markdown("# Title"), _setup(), _markdown("## 1. One"), _code(1), intro, _code(25))
    assert types == ["slide", "skip", "slide", "-", "subslide", "subslide"]


def test_a_cell_too_tall_for_any_slide_gets_its_own_subslide_and_is_reported() -> None:
    notebook = _notebook(
        _markdown("# Title"), _setup(), _markdown("## 1. One"), _code(50), _markdown("After."), _code()
    )
    plan = plan_slides(notebook)
    assert plan.types == ["slide", "skip", "slide", "subslide", "subslide", "-"]
    assert list(plan.too_tall) == [3]
    assert plan.too_tall[3] == pytest.approx(50 * 18 + 19 + 10)


def test_writing_changes_only_the_slideshow_metadata_and_continuing_cells_store_none() -> None:
    notebook = json.loads((ROOT / "notebooks" / "en" / "02_synthetic_data.ipynb").read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        cell["metadata"].pop("slideshow", None)
    before = copy.deepcopy(notebook)
    apply_slide_types(notebook)
    stored = stored_slide_types(notebook)
    assert "-" not in stored and None in stored and "slide" in stored
    for cell in notebook["cells"]:
        cell["metadata"].pop("slideshow", None)
    assert notebook == before


def test_differences_name_the_cell_and_what_the_rules_want() -> None:
    notebook = _notebook(
        _markdown("# Title"), _setup(), _markdown("## 1. One", slideshow={"slide_type": "-"})
    )
    apply_slide_types(notebook)
    assert differences(notebook) == []
    notebook["cells"][2]["metadata"]["slideshow"] = {"slide_type": "-"}
    assert differences(notebook) == ["cell 3 (id 'c2'): stored '-', the rules say 'slide'"]


def test_check_fails_with_the_command_to_run_and_write_fixes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "n.ipynb"
    path.write_text(
        dumps(_notebook(_markdown("# Title"), _setup(), _markdown("## 1. One"))), encoding="utf-8"
    )
    assert main(["--check", str(path)]) == 1
    assert "stored None, the rules say 'slide'" in capsys.readouterr().out
    assert main(["--write", str(path)]) == 0
    assert main(["--check", str(path)]) == 0
    assert stored_slide_types(json.loads(path.read_text(encoding="utf-8"))) == ["slide", "skip", "slide"]


# --- the height estimate, against heights measured in Chromium on the decks -------------------------


def test_estimates_of_measured_cells() -> None:
    # Heights measured on `make slides` decks at 1280x720 (tests/browser/test_browser_slides.py measures
    # whole slides): a one-line paragraph 61 px; one line of code printing one line 82 px (02, cell 19).
    assert markdown_height("A short paragraph.") == pytest.approx(61, rel=0.05)
    printed = {"output_type": "stream", "name": "stdout", "text": "[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]\n"}
    assert cell_height(_code(1, [printed])) == pytest.approx(82, rel=0.05)


def test_wider_text_and_more_lines_are_taller() -> None:
    line = "word " * 40  # 200 characters: two lines
    assert markdown_height(line * 3) > markdown_height(line) > markdown_height("word")
    assert markdown_height("你好" * 40) > markdown_height("ab" * 40)  # a Chinese character is two wide
    assert markdown_height("- one\n- two\n- three") < markdown_height(
        "one\n\ntwo\n\nthree"
    )  # no gap in a list


def _png_output(width: int, height: int) -> dict[str, Any]:
    header = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", width, height)
    return {"output_type": "display_data", "data": {"image/png": base64.b64encode(header).decode()}}


def test_a_figure_is_scaled_to_the_width_and_capped_in_height() -> None:
    assert output_height(_png_output(600, 200)) == pytest.approx(200 + LAYOUT.image_padding_px)
    assert output_height(_png_output(2480, 400)) == pytest.approx(200 + LAYOUT.image_padding_px, abs=1)
    assert output_height(_png_output(600, 1200)) == pytest.approx(
        LAYOUT.image_max_px + LAYOUT.image_padding_px
    )


def test_translations_get_the_same_slides_sized_by_their_taller_version(tmp_path: Path) -> None:
    def version(intro: str) -> dict[str, Any]:
        return _notebook(
            _markdown("# Title"), _setup(), _markdown("## 1. One"), _code(15), _markdown(intro), _code(10)
        )

    short, long = version("Short."), version("\n\n".join(["一段很长的中文说明。" * 6] * 5))
    assert plan_slides(short).types == ["slide", "skip", "slide", "-", "-", "-"]
    both = plan_slides(short, translations=[long]).types
    assert (
        both
        == plan_slides(long, translations=[short]).types
        == ["slide", "skip", "slide", "-", "subslide", "-"]
    )
    for language, notebook in (("en", short), ("zh", long), ("tmp", long)):
        (tmp_path / language).mkdir()
        (tmp_path / language / "x.ipynb").write_text(dumps(notebook), encoding="utf-8")
    assert translations_of(tmp_path / "en" / "x.ipynb") == [long]  # "tmp" is not a language folder
