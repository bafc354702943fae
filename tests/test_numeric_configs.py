"""The runner behind `make unit` and `make nbval`: each configuration really changes the numerics."""

from __future__ import annotations

import sys

import numeric_configs
import pytest

# The SIMD level PyTorch chose, as torch.__config__ reports it (every torch from 2.0 on), and its threads.
PROBE = [
    sys.executable,
    "-c",
    "import torch; level = torch.__config__.show().split('CPU capability usage:')[1].split()[0];"
    "print(level, torch.get_num_threads())",
]


def test_each_configuration_sets_what_it_claims():
    runs = numeric_configs.run_all(["native", "no-simd", "one-thread"], PROBE)
    assert [status for _, status, _ in runs] == [0, 0, 0]
    printed = {name: output.split() for name, _, output in runs}
    assert printed["no-simd"][0] in ("DEFAULT", "NO")  # no vector instructions ("NO AVX" in torch 2.0)
    assert printed["one-thread"][1] == "1"


def test_a_failure_in_one_configuration_fails_the_run(capsys):
    command = [sys.executable, "-c", "import os, sys; sys.exit(os.environ.get('OMP_NUM_THREADS') == '1')"]
    assert numeric_configs.main(["native,one-thread", "--", *command]) == 1
    out = capsys.readouterr().out
    assert "configuration one-thread (OMP_NUM_THREADS=1): FAILED" in out
    assert out.rstrip().endswith("FAILED in one-thread")
    assert numeric_configs.main(["native", "--", *command]) == 0


@pytest.mark.parametrize("names", [[], ["avx9000"]])
def test_unknown_or_missing_configurations_are_refused(names):
    with pytest.raises(ValueError, match="configurations must be some of native, no-simd, one-thread"):
        numeric_configs.run_all(names, PROBE)


def test_one_at_a_time_runs_each_configuration_after_the_last_has_ended(tmp_path):
    # Each run appends its start and end to one file; one at a time, no start falls between another
    # run's start and end.
    log = tmp_path / "log"
    command = [
        sys.executable,
        "-c",
        f"import os, time; f = open({str(log)!r}, 'a'); f.write('start\\n'); f.flush(); time.sleep(0.3); "
        "f.write('end\\n')",
    ]
    assert numeric_configs.main(["--one-at-a-time", "native,no-simd,one-thread", "--", *command]) == 0
    assert log.read_text().split() == ["start", "end"] * 3
