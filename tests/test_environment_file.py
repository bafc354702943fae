"""environment.yml (conda, Binder) installs what pyproject.toml declares, pinned as in constraints.txt."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python >= 3.11")

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$")


def _normalise(name: str) -> str:
    """PEP 503: names compare case-insensitively, with runs of -, _ and . equal."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _split(requirement: str) -> tuple[str, str]:
    match = REQUIREMENT.match(requirement.strip())
    assert match, f"cannot parse requirement {requirement!r}"
    return _normalise(match.group(1)), match.group(2).strip()


def _pyproject_names() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["lab"]
    return {_split(requirement)[0] for requirement in requirements}


def _constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, spec = _split(line)
            assert spec.startswith("=="), f"constraints.txt must pin exactly: {line!r}"
            pins[name] = spec[2:].strip()
    return pins


def _environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def _environment_pip_lines() -> list[str]:
    sections = [
        dep["pip"] for dep in _environment()["dependencies"] if isinstance(dep, dict) and "pip" in dep
    ]
    assert len(sections) == 1, "environment.yml needs exactly one pip section"
    return [str(line).strip() for line in sections[0]]


def _environment_pins() -> dict[str, str]:
    pins = {}
    for line in _environment_pip_lines():
        if line.startswith("-"):  # options (--extra-index-url) and the project itself (-e .)
            continue
        name, spec = _split(line)
        assert spec.startswith("=="), f"environment.yml must pin exactly, as constraints.txt: {line!r}"
        pins[name] = spec[2:].strip()
    return pins


def test_environment_names_the_dependencies_of_pyproject() -> None:
    environment, pyproject = set(_environment_pins()), _pyproject_names()
    assert environment == pyproject, (
        f"only in environment.yml: {sorted(environment - pyproject)}; "
        f"only in pyproject.toml: {sorted(pyproject - environment)}"
    )


def test_environment_pins_are_the_constraints() -> None:
    constraints = _constraints()
    for name, version in _environment_pins().items():
        assert name in constraints, f"{name} is not pinned in constraints.txt"
        assert version == constraints[name], (
            f"{name}: environment.yml {version}, constraints.txt {constraints[name]}"
        )


def test_environment_has_python_pip_and_the_project() -> None:
    conda = [dep for dep in _environment()["dependencies"] if isinstance(dep, str)]
    assert "python=3.11" in conda and "pip" in conda
    assert "-e ." in _environment_pip_lines()


def test_normalisation_treats_spellings_alike() -> None:
    assert _split("Scikit_Learn>=1.2")[0] == _split("scikit-learn==1.9.1")[0] == "scikit-learn"
    assert _split("jupyter.server [lab] >= 2")[0] == "jupyter-server"
