"""What every exercise test asks of a check: a verdict, a useful hint, and no leaked answer.

    verdict(capsys, check, *args)        call a check; return (passed, the line it printed)
    assert_not_yet(capsys, check, ...)   a wrong answer gets "Not yet", its hint, no leak
    leaks(line, expected)                the forms of an expected value a line must never contain
    cases(registry)                      pytest parameters, one per Mistake, named by it
    wrong_answer(mistake, *given)        the wrong answer a Mistake stands for, on this data
    changing(function, index)            function, changing its argument ``index`` in place

Used by tests/test_checks.py and the tests of each notebook's exercises
(tests/test_exercises_*.py), which iterate the registries of rnnkit.course.exercises.
"""

import functools
import re

import numpy as np
import pytest

from rnnkit.course.checks import Mistake


def verdict(capsys, check, *args, **kwargs):
    """Run a check; return (True/False, the line it printed). Asserts it printed one verdict."""
    capsys.readouterr()
    ok = check(*args, **kwargs)
    line = capsys.readouterr().out.strip()
    assert line.startswith("Correct: " if ok else "Not yet: "), line
    assert "\n" not in line, line
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


def hint_parts(hint):
    """The fixed parts of a hint, its {fields} (filled in by the check) left out."""
    return [part.strip() for part in re.split(r"\{[A-Za-z_]\w*\}", hint) if part.strip()]


def assert_not_yet(capsys, check, answer, *context, hint, expected=None, **kwargs):
    """A wrong answer gets "Not yet" with ``hint`` (a str, or a Mistake whose hint it is) in
    its line, and never the expected value."""
    ok, line = verdict(capsys, check, answer, *context, **kwargs)
    assert not ok, f"a wrong answer passed: {line}"
    for part in hint_parts(hint.hint) if isinstance(hint, Mistake) else [hint]:
        assert part in line, f"expected the hint {part!r} in: {line}"
    if expected is not None:
        assert not leaks(line, expected), f"the check gives the answer away: {line}"
    return line


def cases(registry):
    """One pytest parameter per Mistake of an exercise's registry, named by the mistake."""
    return [pytest.param(mistake, id=mistake.name) for mistake in registry]


def wrong_answer(mistake, *given):
    """The wrong answer a Mistake stands for: its value, or its function run on ``given``."""
    return mistake.wrong(*given) if callable(mistake.wrong) else mistake.wrong


def changing(function, index):
    """``function``, which then changes its argument number ``index`` in place: an array (or
    each array of a dict or list, or a model's params) gets 1 added to every value."""
    @functools.wraps(function)
    def changes(*args):
        result = function(*args)
        target = args[index]
        target = getattr(target, "params", target)
        arrays = target.values() if isinstance(target, dict) else \
            target if isinstance(target, list) else [target]
        for array in arrays:
            array += 1
        return result
    return changes
