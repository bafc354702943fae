"""postBuild (Binder, JupyterHub, conda) puts jupyter-config/ into the environment of the ``python`` it
finds, as ``make install`` does for .venv."""

from __future__ import annotations

import os
import subprocess
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "jupyter-config"


def test_postbuild_installs_the_server_configuration_into_the_environment(tmp_path: Path) -> None:
    environment = tmp_path / "env"
    venv.create(environment, with_pip=False)  # a Python of its own prefix: what postBuild must write to
    path = f"{environment / 'bin'}{os.pathsep}{os.environ['PATH']}"
    result = subprocess.run(
        ["bash", str(ROOT / "postBuild")], env={**os.environ, "PATH": path}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    installed = environment / "etc" / "jupyter"
    expected = sorted(p.relative_to(CONFIG) for p in CONFIG.rglob("*.json"))
    assert sorted(p.relative_to(installed) for p in installed.rglob("*.json")) == expected
    for name in expected:
        assert (installed / name).read_bytes() == (CONFIG / name).read_bytes()


def test_postbuild_is_executable() -> None:
    # repo2docker runs it as a program, so it needs its executable bit and its interpreter line.
    script = ROOT / "postBuild"
    assert os.access(script, os.X_OK) and script.read_text().startswith("#!/usr/bin/env bash\n")
