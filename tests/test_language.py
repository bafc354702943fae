"""One language setting: every sentence the package shows a learner exists in Chinese, with the same
fields, and switching the setting switches checks and status lines."""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from linreg_helpers import language
from linreg_helpers.checks import NOT_ANSWERED, check_batches, check_noise_floor
from linreg_helpers.language import get_language, say, set_language
from linreg_helpers.language_zh import ZH

PACKAGE = Path(language.__file__).parent
TRANSLATING_CALLS = {"say", "_verdict"}  # the functions whose first string argument is an English template


def templates_in_package() -> set[str]:
    """The English templates the package passes to ``say`` (directly or through a check's ``_verdict``)."""
    found = {NOT_ANSWERED}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in TRANSLATING_CALLS:
                strings = [
                    a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                ]
                found.update(strings[:1])
    return found


def fields(template: str) -> list[tuple[str, str]]:
    """The ``{name:spec}`` fields of a template, sorted (their order may differ between languages)."""
    return sorted(
        (name, spec or "") for _, name, spec, _ in string.Formatter().parse(template) if name is not None
    )


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    yield
    set_language("en")


def test_every_template_has_a_chinese_version_and_none_is_left_over():
    used = templates_in_package()
    assert len(used) > 40  # the scan finds the checks' and the status line's sentences
    missing = sorted(used - ZH.keys())
    unused = sorted(ZH.keys() - used)
    assert not missing, f"add these to linreg_helpers/language_zh.py: {missing}"
    assert not unused, f"no longer used by the package, remove from language_zh.py: {unused}"


@pytest.mark.parametrize("english", sorted(ZH))
def test_chinese_version_has_the_same_fields_and_is_chinese(english):
    chinese = ZH[english]
    assert fields(chinese) == fields(english)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), "a translation without a Chinese character"


def test_the_setting_switches_what_checks_say():
    assert get_language() == "en"
    assert repr(check_noise_floor(0.01, noise_std=0.1)).startswith("✓ Right. σ² = 0.01")
    set_language("zh")
    assert repr(check_noise_floor(0.01, noise_std=0.1)) == "✓ 正确。σ² = 0.01：损失随噪声水平的平方变化。"
    assert check_batches(..., 1000, 300).message == "尚未作答：把 ... 换成你的答案，然后再运行这个单元格。"
    assert say("σ² = {floor:g}: the loss scales with the square of the noise level.", floor=1e-4).startswith(
        "σ² = 0.0001："
    )


def test_an_unknown_language_is_refused_with_the_choices():
    with pytest.raises(ValueError, match=r"one of \['en', 'zh'\], got 'fr'"):
        set_language("fr")
    assert get_language() == "en"
