"""The benchmark still runs end to end (tiny sizes; nothing is timed or judged here)."""

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_smoke_runs_and_prints_the_table():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "bench.py"), "--smoke"],
                            capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    table = result.stdout.split("| part | measurement | result | target | met |", 1)
    assert len(table) == 2, result.stdout[-2000:]
    parts = ["training", "char model", "parallel RNNs", "widgets", "import"]
    if importlib.util.find_spec("torch") is not None:   # the rows against PyTorch need it
        parts.append("cells")
    else:
        assert "PyTorch is not installed" in result.stdout
    for part in parts:
        assert f"| {part} |" in table[1], part
    assert "| import | import rnnkit loads TensorFlow | no |" in table[1]
