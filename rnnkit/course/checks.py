"""Plain-words checks for the exercises.

Each check prints one line that starts with "Correct" or "Not yet" and
returns True or False, so a student can call it as often as they like.
"Not yet" says what is wrong (the type, the shape, the sign, which position,
too large or too small and roughly by how much) and never the expected value:
the collapsed solution cell is there for that.

    check_array     a number or an array against the right one
    check_function  a function against rnnkit's on a few examples
    check_choice    a word, a shape tuple, a count or another exact answer
    call_examples   a student's function run on examples, its errors put in words
    verdict         the one line every check ends with, for checks built on these

Each takes ``mistakes``: the typical wrong answers of one exercise, each with
the hint a student who made it needs ("this is x @ W + b before the ReLU").
A wrong answer that matches one gets its hint instead of the general one.
"""

import numpy as np


def verdict(ok, message):
    """Print "Correct: message" or "Not yet: message" and return ok: every check's last line."""
    print(("Correct: " if ok else "Not yet: ") + message)
    return ok


def _how_far(got, want):
    """'too large by 10% to 50%' and the like: the direction and a coarse band, never the value."""
    if want == 0:
        return "too large" if got > 0 else "too small"
    if np.sign(got) != np.sign(want):
        if np.isclose(abs(got), abs(want), rtol=1e-3):
            return "the right size with the wrong sign"
        return "of the wrong sign" if got != 0 else "zero where it should not be"
    ratio = abs(got / want)
    direction = "too large" if ratio > 1 else "too small"
    ratio = max(ratio, 1 / ratio)
    band = ("by less than 10%" if ratio < 1.1 else "by 10% to 50%" if ratio < 1.5
            else "by 50% to 2 times" if ratio < 2 else "by 2 to 10 times" if ratio < 10
            else "by more than 10 times")
    return f"{direction} {band}"


def _position(index, axes):
    """(0, 3) -> 'at index (0, 3)', or with axes=("N", "T") 'at N = 0, T = 3'."""
    if not index:
        return ""
    if axes is not None and len(axes) == len(index):
        return "at " + ", ".join(f"{a} = {i}" for a, i in zip(axes, index))
    return f"at index {tuple(index)}"


def _as_numbers(value):
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return array


def _same(got, expected, atol, rtol):
    return got.shape == expected.shape and bool(np.allclose(got, expected, atol=atol, rtol=rtol))


def _known_mistake(got, mistakes, atol, rtol):
    """The hint of the first mistake whose value the answer equals, or None."""
    for wrong, hint in mistakes:
        wrong = _as_numbers(wrong)
        if wrong is not None and _same(got, wrong, atol, rtol):
            return hint
    return None


def diagnose(got, expected, name="your answer", atol=1e-6, rtol=1e-6, axes=None):
    """What is wrong with ``got`` (numbers) compared with ``expected``, in words; None if nothing.

    got, expected: array-likes. axes: optional names of expected's axes, such as
    ("N", "T", "H"), used to say where a value differs. The message never
    contains an expected value.
    """
    expected = np.asarray(expected, dtype=float)
    if got is None:
        return f"{name} is None. Did the cell compute it and assign (or return) it?"
    got_array = _as_numbers(got)
    if got_array is None or got_array.dtype == object:
        return f"{name} must be numbers; got {type(got).__name__}"
    got = got_array
    if got.shape != expected.shape:
        hint = ""
        if got.ndim + 1 == expected.ndim:
            hint = " (an axis is missing)"
        elif got.ndim == expected.ndim + 1:
            hint = " (one axis too many)"
        elif got.size == expected.size:
            hint = " (the same number of values: a transpose or a reshape is missing?)"
        elif got.ndim == expected.ndim:
            axis = next(i for i, (g, e) in enumerate(zip(got.shape, expected.shape)) if g != e)
            label = axes[axis] if axes is not None and len(axes) == expected.ndim else axis
            more = "too many" if got.shape[axis] > expected.shape[axis] else "too few"
            hint = f" (axis {label} has {more} entries: a loop or a slice off by some?)"
        return f"{name} has shape {got.shape}; the answer has shape {expected.shape}{hint}"
    if not np.all(np.isfinite(got)):
        return f"{name} contains NaN or infinity"
    close = np.isclose(got, expected, atol=atol, rtol=rtol)
    if close.all():
        return None
    if got.ndim == 0:
        return f"{name} is {_how_far(float(got), float(expected))}"
    wrong = ~close
    if np.allclose(np.sort(got, axis=None), np.sort(expected, axis=None), atol=atol, rtol=rtol):
        return (f"{name} holds the right values in the wrong places "
                f"(a transpose, or the wrong axis?)")
    if np.allclose(got[wrong], -expected[wrong], atol=atol, rtol=rtol):
        return f"{name} has the wrong sign in every value that differs ({int(wrong.sum())} of " \
               f"{wrong.size})"
    index = tuple(int(i) for i in np.argwhere(wrong)[0])
    return (f"{name} is wrong {_position(index, axes)}: "
            f"{_how_far(float(got[index]), float(expected[index]))} "
            f"({int(wrong.sum())} of {wrong.size} values differ)")


def check_array(answer, expected, name="your answer", atol=1e-6, rtol=1e-6, axes=None,
                mistakes=()):
    """Compare an answer with the expected number or array.

    answer: what the student computed. expected: the right value (array-like).
    axes: optional names of the axes, e.g. ("N", "T", "H"), for saying where.
    mistakes: (wrong value, hint) pairs, the typical wrong answers.
    Prints a verdict naming the first problem found and returns True or False.
    """
    got = _as_numbers(answer) if answer is not None else None
    if got is not None and got.dtype != object:
        hint = _known_mistake(got, mistakes, atol, rtol)
        if hint is not None and not _same(got, np.asarray(expected, dtype=float), atol, rtol):
            return verdict(False, f"{name}: {hint}")
    problem = diagnose(answer, expected, name, atol, rtol, axes)
    if problem is not None:
        return verdict(False, problem)
    if np.ndim(expected) == 0:
        return verdict(True, f"{name} is right.")
    return verdict(True, f"{name} matches (shape {np.shape(expected)}).")


def check_function(function, reference, examples, name=None, axes=None, mistakes=()):
    """Call ``function`` and ``reference`` on each tuple of arguments in ``examples``.

    mistakes: (wrong function, hint) pairs: if ``function`` agrees with a wrong
    function on every example, its hint is printed.
    Prints a verdict for the first example where they differ (or an error the
    function raised) and returns True only if every example agrees.
    """
    name = name or getattr(function, "__name__", "your function")
    results, problem = call_examples(function, examples, name)
    if problem is not None:
        return verdict(False, problem)
    for wrong, hint in mistakes:
        if all(_matches(got, wrong(*_copies(args))) for got, args in zip(results, examples)):
            if not all(_matches(got, reference(*_copies(args)))
                       for got, args in zip(results, examples)):
                return verdict(False, f"{name}: {hint}")
    for number, (got, args) in enumerate(zip(results, examples), start=1):
        problem = diagnose(got, reference(*_copies(args)), f"the result of {name}", axes=axes)
        if problem is not None:
            return verdict(False, f"example {number}: {problem}")
    return verdict(True, f"{name} agrees with rnnkit on all {len(examples)} examples.")


def call_examples(function, examples, name=None, none_hint="did you forget `return`?"):
    """Call a student's ``function`` on each tuple of arguments in ``examples`` (copies of
    the arrays, so it cannot change them).

    Returns (results, None), or (None, problem) with the first problem in words: not a
    function, an exception it raised (and on which example), or None returned
    (none_hint says what to do). The checks that compare the results call this first.
    """
    name = name or getattr(function, "__name__", "your function")
    if not callable(function):
        return None, (f"{name} is not a function (got {type(function).__name__}); "
                      f"define it with def")
    results = []
    for number, args in enumerate(examples, start=1):
        try:
            got = function(*_copies(args))
        except Exception as exc:   # the student's code: report it, do not crash the notebook
            return None, f"{name} raised {type(exc).__name__}: {exc} (example {number})"
        if got is None:
            return None, f"{name} returned None on example {number}; {none_hint}"
        results.append(got)
    return results, None


def _copies(args):
    """Fresh copies of array arguments, so a function that changes its input in place cannot
    change the next call's."""
    return tuple(np.array(a) if isinstance(a, np.ndarray) else a for a in args)


def _matches(got, want):
    got, want = _as_numbers(got), _as_numbers(want)
    return got is not None and want is not None and got.dtype != object and \
        _same(got, want, 1e-6, 1e-6)


def check_choice(answer, expected, name="your answer", mistakes=()):
    """Compare a word, a shape tuple, a count or another exact answer.

    mistakes: (wrong answer, hint) pairs. The expected answer is never printed.
    """
    if answer is None:
        return verdict(False, f"{name} is None: replace None with your answer.")
    if isinstance(answer, np.ndarray):          # np.array([5, 4]) -> (5, 4), np.int64(5) -> 5
        answer = answer.item() if answer.ndim == 0 else tuple(answer.tolist())
    if isinstance(expected, tuple) and isinstance(answer, list):
        answer = tuple(answer)
    if answer == expected:
        return verdict(True, f"{name} is {answer!r}.")
    for wrong, hint in mistakes:
        if answer == wrong:
            return verdict(False, f"{name} {answer!r}: {hint}")
    hint = ""
    if isinstance(expected, tuple) and not isinstance(answer, tuple):
        hint = f" (the answer is a tuple of {len(expected)} numbers)"
    elif isinstance(expected, tuple) and len(answer) != len(expected):
        hint = f" (the answer has {len(expected)} entries, yours has {len(answer)})"
    elif isinstance(expected, tuple):
        wrong = [i for i, (a, e) in enumerate(zip(answer, expected)) if a != e]
        hint = f" (entry {wrong[0]} is wrong; {len(wrong)} of {len(expected)} entries differ)"
    elif _is_number(answer) and _is_number(expected):
        hint = f" (it is {_how_far(float(answer), float(expected))})"
    elif type(answer) is not type(expected):
        hint = (f" (the answer should be of type {type(expected).__name__}, "
                f"not {type(answer).__name__})")
    return verdict(False, f"{name} {answer!r} is not right{hint}; think again or open the "
                           f"solution.")


def _is_number(value):
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
