"""What every exercise test asks of a check: a verdict, a useful hint, and no leaked answer.

    verdict(capsys, check, *args)   call a check; return (passed, the line it printed)
    leaks(line, expected)           the forms of an expected value a line must never contain

Used by tests/test_checks.py and the tests of each notebook's exercises
(tests/test_exercises_*.py).
"""

import re

import numpy as np


def verdict(capsys, check, *args, **kwargs):
    """Run a check; return (True/False, the line it printed). Asserts it printed one verdict."""
    capsys.readouterr()
    ok = check(*args, **kwargs)
    line = capsys.readouterr().out.strip()
    assert line.startswith("Correct: " if ok else "Not yet: "), line
    assert isinstance(ok, bool)
    return ok, line


def leaks(line, expected):
    """The ways ``expected`` (a number, an array, a word or a tuple) could appear in ``line``."""
    if isinstance(expected, (str, tuple)):
        return [repr(expected)] if repr(expected) in line else []
    values = np.atleast_1d(np.asarray(expected, dtype=float)).ravel()
    found = []
    for value in values[:50]:
        for form in {f"{value:.6g}", f"{value:.4g}", f"{value:.3g}", f"{value:.2f}",
                     f"{value:.3f}", f"{value:.4f}"}:
            if re.fullmatch(r"-?\d", form):
                continue       # 0, 1, 2 ... appear in any message (indices, counts)
            if re.search(rf"(?<![\d.]){re.escape(form)}(?![\d])", line):   # a whole number
                found.append(form)
    return found


def assert_not_yet(capsys, check, answer, *context, hint, expected=None, **kwargs):
    """A wrong answer gets "Not yet" with ``hint`` in its line, and never the expected value."""
    ok, line = verdict(capsys, check, answer, *context, **kwargs)
    assert not ok, f"a wrong answer passed: {line}"
    assert hint in line, f"expected the hint {hint!r} in: {line}"
    if expected is not None:
        assert not leaks(line, expected), f"the check gives the answer away: {line}"
    return line
