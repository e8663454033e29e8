"""tools/train_charlm.py: the shipped character model's first updates, run again, give its log's
losses; a stopped run goes on where it stopped."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import train_charlm  # noqa: E402

from rnnkit import datasets  # noqa: E402


def options(settings, out, updates):
    """The command-line options of the run that wrote ``settings``, stopped after ``updates``."""
    names = ("hidden", "layers", "embedding", "dropout", "learning_rate", "epsilon", "epochs",
             "streams", "steps", "clip", "seed", "threads")
    return ([f"--{name.replace('_', '-')}={settings[name]}" for name in names]
            + ["--out", str(out), "--max-updates", str(updates), "--eval-every", str(updates)])


def test_the_first_updates_reproduce_the_shipped_log(tmp_path):
    """Same seed, same settings: the same first losses. On another CPU or BLAS kernel the sums
    round differently, so they agree to 1e-4 rather than to the last digit."""
    log = datasets.shakespeare_lstm_log()
    assert train_charlm.main(options(log["settings"], tmp_path / "again", 3)) == 0
    again = json.loads((tmp_path / "again.log.json").read_text())
    np.testing.assert_allclose(again["training_loss"], log["training_loss"][:3], rtol=1e-4)


def test_a_stopped_run_goes_on_as_if_it_had_not_stopped(tmp_path):
    small = ["--hidden=16", "--embedding=8", "--streams=8", "--steps=20", "--eval-every=2"]
    train_charlm.main(small + ["--out", str(tmp_path / "whole"), "--max-updates", "5"])
    train_charlm.main(small + ["--out", str(tmp_path / "parts"), "--max-updates", "2"])
    assert (tmp_path / "parts.resume.npz").exists()
    train_charlm.main(small + ["--out", str(tmp_path / "parts"), "--max-updates", "5",
                               "--resume"])
    whole, parts = (json.loads((tmp_path / f"{name}.log.json").read_text())
                    for name in ("whole", "parts"))
    assert whole["training_loss"] == parts["training_loss"]
    assert [s["validation"] for s in whole["validation"]] == \
        [s["validation"] for s in parts["validation"]]
    with pytest.raises(SystemExit, match="there is no"):
        train_charlm.main(small + ["--out", str(tmp_path / "nothing"), "--resume"])


def test_a_checkpoint_with_the_old_adam_moments_is_refused(tmp_path):
    small = ["--hidden=16", "--embedding=8", "--streams=8", "--steps=20", "--eval-every=2"]
    train_charlm.main(small + ["--out", str(tmp_path / "run"), "--max-updates", "2"])
    resume = tmp_path / "run.resume.npz"
    with np.load(resume) as archive:
        arrays = {name: archive[name] for name in archive.files if not name.startswith("adam/")}
    np.savez(resume, **arrays, **{"m/W_e": np.zeros(3), "v/W_e": np.zeros(3)})
    with pytest.raises(SystemExit, match="keeps Adam's moments per weight array"):
        train_charlm.main(small + ["--out", str(tmp_path / "run"), "--max-updates", "4",
                                   "--resume"])
