"""Plain-words checks for the exercises.

Each check prints one line that starts with "Correct" or "Not yet" and says
what is wrong (wrong type, wrong shape, wrong value at which position), and
returns True or False, so a student can call it as often as they like.
"""

import numpy as np


def _verdict(ok, message):
    print(("Correct: " if ok else "Not yet: ") + message)
    return ok


def check_array(answer, expected, name="your answer", atol=1e-6, rtol=1e-6):
    """Compare an answer with the expected array or number.

    answer: what the student computed. expected: the right value (array-like).
    Prints a verdict naming the first problem found and returns True or False.
    """
    expected = np.asarray(expected, dtype=float)
    if answer is None:
        return _verdict(False, f"{name} is None. Did the cell compute it and assign "
                               f"(or return) it?")
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return _verdict(False, f"{name} must be numbers; got {type(answer).__name__}")
    if got.shape != expected.shape:
        hint = ""
        if got.size == expected.size:
            hint = " (the same number of values: a transpose or reshape is missing?)"
        return _verdict(False, f"{name} has shape {got.shape}, expected {expected.shape}{hint}")
    if not np.all(np.isfinite(got)):
        return _verdict(False, f"{name} contains NaN or infinity")
    close = np.isclose(got, expected, atol=atol, rtol=rtol)
    if not close.all():
        where = tuple(int(i) for i in np.argwhere(~close)[0])
        position = f" at index {where}" if got.ndim else ""
        return _verdict(False, f"{name} is wrong{position}: got {got[where]:.6g}, "
                               f"expected {expected[where]:.6g} "
                               f"({int((~close).sum())} of {close.size} values differ)")
    if expected.ndim == 0:
        return _verdict(True, f"{name} = {float(got):.6g} is right.")
    return _verdict(True, f"{name} matches (shape {expected.shape}).")


def check_function(function, reference, examples, name=None):
    """Call ``function`` and ``reference`` on each tuple of arguments in ``examples``.

    Prints a verdict for the first example where they differ (or an error the
    function raised) and returns True only if every example agrees.
    """
    name = name or getattr(function, "__name__", "your function")
    for number, args in enumerate(examples, start=1):
        try:
            got = function(*args)
        except Exception as exc:   # the student's code: report it, do not crash the notebook
            return _verdict(False, f"{name} raised {type(exc).__name__}: {exc} (example {number})")
        expected = reference(*args)
        if got is None:
            return _verdict(False, f"{name} returned None on example {number}; "
                                   f"did you forget `return`?")
        got_arr, exp_arr = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
        same = got_arr.shape == exp_arr.shape and np.allclose(got_arr, exp_arr, atol=1e-6,
                                                              rtol=1e-6)
        if not same:
            print(f"Example {number}:")
            return check_array(got, expected, f"the result of {name}")
    return _verdict(True, f"{name} agrees with rnnkit on all {len(examples)} examples.")


def check_choice(answer, expected, name="your answer"):
    """Compare a word, a shape tuple or another exact answer.

    The expected answer is never printed: the solution cell is there for that.
    """
    if answer is None:
        return _verdict(False, f"{name} is None: replace None with your answer.")
    if isinstance(expected, tuple) and isinstance(answer, list):
        answer = tuple(answer)
    if answer == expected:
        return _verdict(True, f"{name} is {answer!r}.")
    hint = ""
    if isinstance(expected, tuple) and not isinstance(answer, tuple):
        hint = f" (the answer is a tuple of {len(expected)} numbers)"
    elif isinstance(expected, tuple) and len(answer) != len(expected):
        hint = f" (the answer has {len(expected)} entries, yours has {len(answer)})"
    elif type(answer) is not type(expected):
        hint = (f" (the answer should be of type {type(expected).__name__}, "
                f"not {type(answer).__name__})")
    return _verdict(False, f"{name} {answer!r} is not right{hint}; think again or open the "
                           f"solution.")
