"""The shipped data sets: read from the package, never the network, as their README says."""

import hashlib

import numpy as np
import pytest

from rnnkit import datasets


def test_tiny_shakespeare_is_the_known_file():
    text = datasets.tiny_shakespeare()
    assert len(text) == 1_115_394 and len(set(text)) == 65
    assert hashlib.md5(text.encode()).hexdigest() == "6fb458f1232090904fb40fe944165e91"
    assert datasets.tiny_shakespeare(14) == "First Citizen:"


def test_tiny_shakespeare_checks_its_slice():
    with pytest.raises(ValueError, match="characters must be at most 1115394"):
        datasets.tiny_shakespeare(2_000_000)
    with pytest.raises(ValueError, match="characters"):
        datasets.tiny_shakespeare(0)


def test_mauna_loa_has_every_month_from_1958_to_2026():
    co2 = datasets.mauna_loa_co2()
    assert len(co2) == 820 and co2.month[0] == "1958-03" and co2.month[-1] == "2026-06"
    assert np.all(np.diff(co2.year) > 0) and np.all(np.isfinite(co2.ppm))
    assert co2.ppm[0] == 315.71 and 310 < co2.ppm.min() and co2.ppm.max() < 440
    assert co2.deseasonalized_ppm.shape == co2.ppm.shape


def test_mauna_loa_months_follow_each_other_with_no_gap():
    """Notebook 09 cuts windows of consecutive months: the record must have every month once."""
    co2 = datasets.mauna_loa_co2()
    years = np.array([int(month[:4]) for month in co2.month])
    months = np.array([int(month[5:]) for month in co2.month])
    index = 12 * years + months - 1
    assert np.all(np.diff(index) == 1)
    assert np.all(np.floor(co2.year) == years)                       # the decimal year matches
    assert np.all(np.abs(co2.ppm - co2.deseasonalized_ppm) < 5)      # the cycle is a few ppm
