"""One language setting for everything a learner reads in a notebook: English or Chinese (简体中文).

The package writes each sentence once, in English, as a template: ``say("{value:g} is not it.",
value=v)``. With the language set to ``"zh"``, ``say`` fills in the Chinese template of the same
sentence instead (``language_zh.ZH``). A test keeps the two in step: every template the package uses has
a Chinese version with the same fields. The notebooks of ``notebooks/zh/`` call ``set_language("zh")``.
Plot text (titles, axes, legends) stays English in both, as in d2l-zh's own figures.
"""

from __future__ import annotations

from typing import Any

from .language_zh import ZH

LANGUAGES: dict[str, str] = {"en": "English", "zh": "简体中文"}
"""The languages a learner can choose, by code."""

_current = "en"


def set_language(code: str) -> None:
    """Choose the language of checks, status lines and widget labels: ``"en"`` or ``"zh"``."""
    global _current
    if code not in LANGUAGES:
        raise ValueError(f"language must be one of {sorted(LANGUAGES)}, got {code!r}")
    _current = code


def get_language() -> str:
    """The language code in use (``"en"`` unless :func:`set_language` chose another)."""
    return _current


def say(template: str, **fields: Any) -> str:
    """``template`` (English) in the current language, with ``fields`` filled in."""
    chosen = ZH.get(template, template) if _current == "zh" else template
    return chosen.format(**fields) if fields else chosen
