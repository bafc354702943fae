"""Run one test command under several numeric configurations at once; fail if any configuration fails.

Learners' CPUs round float32 sums differently (SIMD width, BLAS kernel, threads). The notebooks and
unit tests must pass on all of them, so ``make test`` runs them here under configurations that
reproduce such differences on one machine:

- ``native``: this machine as it is;
- ``no-simd``: PyTorch without vector instructions (``ATEN_CPU_CAPABILITY=default``);
- ``one-thread``: one OpenMP thread (``OMP_NUM_THREADS=1``), so reductions split differently.

OpenBLAS's own variables (``OPENBLAS_CORETYPE``, ``OPENBLAS_L2_SIZE``) are left as the machine sets
them: some machines need them to avoid crashes. Usage::

    python -m tests.numeric_configs native,no-simd -- pytest tests --ignore=tests/browser
    python -m tests.numeric_configs --one-at-a-time native,no-simd,one-thread -- pytest --nbval notebooks

``--one-at-a-time`` is for commands that start Jupyter kernels: kernels started by concurrent
processes can be handed the same free TCP port, and then one of them never answers (seen here once
in a few runs, as nbval's "Kernel didn't respond in 60 seconds").
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from contextlib import ExitStack

CONFIGURATIONS: Mapping[str, Mapping[str, str]] = {
    "native": {},
    "no-simd": {"ATEN_CPU_CAPABILITY": "default"},
    "one-thread": {"OMP_NUM_THREADS": "1"},
}
"""Each configuration's name and the environment variables it sets on top of the machine's."""


def run_all(
    names: Sequence[str], command: Sequence[str], at_once: bool = True
) -> list[tuple[str, int, str]]:
    """Run ``command`` once per configuration, all at once (or one after the other if not ``at_once``);
    return (name, exit status, output) for each."""
    unknown = [name for name in names if name not in CONFIGURATIONS]
    if unknown or not names:
        raise ValueError(f"configurations must be some of {', '.join(CONFIGURATIONS)}; got {list(names)}")
    if not command:
        raise ValueError("a command to run must follow '--'")
    with ExitStack() as stack:
        # Output goes to files, not pipes: a full pipe would stall a run while another is waited for.
        outputs = [stack.enter_context(tempfile.TemporaryFile("w+")) for _ in names]
        processes, statuses = [], []
        for name, out in zip(names, outputs, strict=True):
            environment = {**os.environ, **CONFIGURATIONS[name]}
            processes.append(subprocess.Popen(command, env=environment, stdout=out, stderr=subprocess.STDOUT))
            if not at_once:
                statuses.append(processes[-1].wait())
        if at_once:
            statuses = [process.wait() for process in processes]
        texts = []
        for out in outputs:
            out.seek(0)
            texts.append(out.read())
    return list(zip(names, statuses, texts, strict=True))


def main(argv: Sequence[str]) -> int:
    """Parse ``[--one-at-a-time] NAMES -- COMMAND...``, run, print each configuration's output, a verdict."""
    if "--" not in argv:
        print(__doc__)
        return 2
    split = list(argv).index("--")
    options = list(argv[:split])
    at_once = "--one-at-a-time" not in options
    names = [name for name in ",".join(o for o in options if o != "--one-at-a-time").split(",") if name]
    start = time.perf_counter()
    results = run_all(names, argv[split + 1 :], at_once)
    for name, status, output in results:
        settings = " ".join(f"{k}={v}" for k, v in CONFIGURATIONS[name].items()) or "the machine as it is"
        print(f"===== configuration {name} ({settings}): {'passed' if status == 0 else 'FAILED'} =====")
        print(output, end="" if output.endswith("\n") else "\n")
    failed = [name for name, status, _ in results if status != 0]
    seconds = time.perf_counter() - start
    verdict = f"FAILED in {', '.join(failed)}" if failed else "all passed"
    print(f"configurations {', '.join(names)} in {seconds:.0f} s: {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
