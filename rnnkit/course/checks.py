"""Plain-words checks for the exercises.

Each check prints one line that starts with "Correct" or "Not yet" and returns True or
False, so a student can call it as often as they like. "Not yet" says what is wrong (the
type, the shape, the sign, which position, which of several results, too large or too
small and roughly by how much) and never the expected value, scalars included: the
collapsed solution cell is there for that.

    check_array     a number or an array against the right one
    check_choice    a word, a shape tuple, a count or another exact answer
    check_function  a student's function against the right one on a few examples
    diagnose        what is wrong with a result, in words: numbers, a text, a list of words
    verdict         the one line every check ends with

Typical mistakes are data. Each exercise keeps one registry, a list of
Mistake(name, hint, wrong): ``wrong`` is the wrong answer itself, or the function that
computes it from the same arguments as the right answer (the exercise's data, or one
example's arguments). ``edit(solution, old, new)`` makes that function from the
exercise's solution with one slip in it, so a mistake reads as the change a student made.
A check gives the hint of the first mistake the answer matches; the exercise's test
iterates the same registry. A hint names the mistake, never the fix's code.

The rules every check follows, here and nowhere else:
- Words: in a word answered (check_choice), case and the spaces around and between words
  never matter ("  Vanishing" is "vanishing"); a text a student's function writes
  (check_function) is compared character by character.
- True and False are not numbers: where a number is asked, a bool gets "Not yet".
- Any answer gets a "Not yet" line, never a traceback: None, NaN, an integer too large
  for a float, a list, a string, an object of another type.
- A student's function runs on copies of its arguments, and the check computes the
  expected values from its own copies, made before the student's code runs. A function
  that changes its arguments in place gets "Not yet", with the argument's name.
"""

import copy
import inspect
import math
import textwrap
import types
import warnings
from typing import NamedTuple

import numpy as np


class Mistake(NamedTuple):
    """One typical wrong answer of an exercise.

    name: a short name ("no tanh"). hint: what the answer got wrong, in plain words and
    never the fix's code; "{field}" in it is filled from the check's facts.
    wrong: the wrong answer, or a function computing it from the same arguments as the
    right answer (see edit).
    """
    name: str
    hint: str
    wrong: object


def edit(function, *changes):
    """``function`` with a slip in it: its source with each (old, new) change made.

    changes: old1, new1, old2, new2, ...; each old text must occur exactly once in the
    source. ``function`` must be a module-level def without decorators. Returns a new
    function that sees the same module names.

        edit(forward_solution, "range(T)", "range(T - 1)")    # stops a step early
    """
    if not changes or len(changes) % 2:
        raise TypeError("changes must be pairs of texts: old, new, ...")
    source = textwrap.dedent(inspect.getsource(function))
    for old, new in zip(changes[::2], changes[1::2]):
        if source.count(old) != 1:
            raise ValueError(f"{old!r} must occur once in {function.__name__}, found "
                             f"{source.count(old)}")
        source = source.replace(old, new)
    scratch = dict(function.__globals__)
    exec(compile(source, f"<{function.__name__} with a slip>", "exec"), scratch)  # noqa: S102
    slipped = scratch[function.__name__]
    return types.FunctionType(slipped.__code__, function.__globals__, function.__name__,
                              slipped.__defaults__)


def verdict(ok, message):
    """Print "Correct: message" or "Not yet: message" and return ok: every check's last line."""
    print(("Correct: " if ok else "Not yet: ") + message)
    return ok


# ----------------------------------------------------------------------------- words for numbers

def _as_float(x):
    """float(x), with an integer beyond float's range as +-inf."""
    try:
        return float(x)
    except OverflowError:
        return math.inf if x > 0 else -math.inf


def _how_far(got, want):
    """'too large by 10% to 50%' and the like: the direction and a coarse band, never the value."""
    got, want = _as_float(got), _as_float(want)
    if math.isnan(got):
        return "NaN (not a number)"
    if want == 0:
        return "too large" if got > 0 else "too small"
    if np.sign(got) != np.sign(want):
        if math.isclose(abs(got), abs(want), rel_tol=1e-3):
            return "the right size with the wrong sign"
        return "of the wrong sign" if got != 0 else "zero where it should not be"
    ratio = abs(got / want)
    direction = "too large" if ratio > 1 else "too small"
    ratio = max(ratio, 1 / ratio) if ratio > 0 else math.inf
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


def _brief(value, limit=60):
    """repr(value), cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 5] + " ...>"


def _numbers(value):
    """(value as a float array, None), or (None, what is wrong with it as numbers)."""
    kind = type(value).__name__
    if isinstance(value, (bool, np.bool_)):
        return None, f"is {value!r}, a bool; the answer is a number"
    if isinstance(value, (str, bytes, dict, set, frozenset)):
        return None, f"must be numbers; got {kind}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            raw = np.asarray(value)
    except Exception:                            # a ragged list, an object numpy cannot read
        return None, f"must be numbers; got {kind}"
    if raw.dtype.kind == "O" and raw.size and all(isinstance(v, int) for v in raw.flat):
        try:                                     # Python ints beyond int64: floats, if they fit
            return raw.astype(float), None
        except OverflowError:
            return None, "holds an integer too large for a float (more than 300 digits)"
    if raw.dtype.kind == "b":
        return None, "holds True/False values; the answer is numbers"
    if raw.dtype.kind == "c":
        return None, "must be real numbers; got complex numbers"
    if raw.dtype.kind not in "iuf":
        return None, f"must be numbers; got {kind}"
    return raw.astype(float), None


def _diagnose_numbers(got, expected, name, atol, rtol, axes):
    expected = np.asarray(expected, dtype=float)
    got, reason = _numbers(got)
    if got is None:
        return f"{name} {reason}"
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
        return (f"{name} has the wrong sign in every value that differs ({int(wrong.sum())} of "
                f"{wrong.size})")
    index = tuple(int(i) for i in np.argwhere(wrong)[0])
    return (f"{name} is wrong {_position(index, axes)}: "
            f"{_how_far(float(got[index]), float(expected[index]))} "
            f"({int(wrong.sum())} of {wrong.size} values differ)")


def _is_words(value):
    return isinstance(value, (list, tuple)) and all(isinstance(w, str) for w in value)


def _diagnose_text(got, expected, name):
    """A text (str) or a list of words against the right one: the first difference."""
    if isinstance(expected, str):
        unit, kind = "character", "a str"
        if not isinstance(got, str):
            return f"{name} must be {kind}; got {type(got).__name__}"
    else:
        unit, kind = "word", "a list of words (str)"
        if isinstance(got, str) or not _is_words(got):
            return f"{name} must be {kind}; got {type(got).__name__}"
        got, expected = list(got), list(expected)
    if got == expected:
        return None
    if len(got) != len(expected):
        return f"{name} has {len(got)} {unit}s; the answer has {len(expected)}"
    first = next(i for i, (a, b) in enumerate(zip(got, expected)) if a != b)
    return f"{name} first differs at {unit} {first + 1} of {len(expected)}"


def diagnose(got, expected, name="your answer", atol=1e-6, rtol=1e-6, axes=None):
    """What is wrong with ``got`` compared with ``expected``, in words; None if nothing.

    expected: numbers (array-like), a str, a list of words, or a dict of arrays (such as a
    model's params). axes: optional names of expected's axes, such as ("N", "T", "H"),
    used to say where a value differs. The message never contains an expected value.
    """
    if got is None:
        return f"{name} is None. Did the cell compute it and assign (or return) it?"
    if isinstance(expected, str) or (_is_words(expected) and len(expected)):
        return _diagnose_text(got, expected, name)
    if isinstance(expected, dict):
        if not isinstance(got, dict) or set(got) != set(expected):
            return f"{name} must be a dict with the keys {', '.join(map(str, expected))}"
        problems = (diagnose(got[key], value, f"{name}[{key!r}]", atol, rtol)
                    for key, value in expected.items())
        return next((problem for problem in problems if problem is not None), None)
    return _diagnose_numbers(got, expected, name, atol, rtol, axes)


def _matches(got, want, atol=1e-6, rtol=1e-6):
    try:
        return diagnose(got, want, atol=atol, rtol=rtol) is None
    except Exception:                  # a result numpy cannot even compare: no match
        return False


# ----------------------------------------------------------------------------- mistakes

_SKIP = object()      # a mistake that does not apply to this data


def _hint(mistake, facts):
    """The mistake's hint with each {field} of facts filled in."""
    hint = mistake.hint
    for key, value in (facts or {}).items():
        hint = hint.replace("{" + key + "}", str(value))
    return hint


def _wrong_value(mistake, given):
    """The wrong answer of a value exercise: the value, or its function called on ``given``;
    _SKIP if that function cannot run on this data."""
    if not callable(mistake.wrong):
        return mistake.wrong
    try:
        with np.errstate(all="ignore"):
            return mistake.wrong(*copy.deepcopy(tuple(given)))
    except Exception:
        return _SKIP


def _shares(answer, inputs):
    """The name of the array in ``inputs`` whose memory ``answer`` shares, or None."""
    if not isinstance(answer, np.ndarray):
        return None
    return next((name for name, array in (inputs or {}).items()
                 if isinstance(array, np.ndarray) and np.shares_memory(answer, array)), None)


def check_array(answer, expected, name="your answer", atol=1e-6, rtol=1e-6, axes=None,
                mistakes=(), given=(), facts=None, inputs=None):
    """Compare an answer with the expected number or array.

    answer: what the student computed. expected: the right value (array-like).
    axes: optional names of the axes, e.g. ("N", "T", "H"), for saying where.
    mistakes: the exercise's registry of Mistake; a function in it is called with
    ``given``, the exercise's data. facts: fills the {fields} of the hints.
    inputs: {name: array} of the data the check reads; an answer that shares memory with
    one of them may have been made by changing it in place, and gets "Not yet".
    Prints a verdict naming the first problem found and returns True or False.
    """
    shared = _shares(answer, inputs)
    problem = diagnose(answer, expected, name, atol, rtol, axes)
    if problem is None and shared is None:
        if np.ndim(expected) == 0:
            return verdict(True, f"{name} is right.")
        return verdict(True, f"{name} matches (shape {np.shape(expected)}).")
    hint = None
    if problem is not None:
        hint = next((_hint(mistake, facts) for mistake in mistakes
                     if _is_value_mistake(answer, expected, mistake, given, atol, rtol)), None)
    if shared is not None:
        return verdict(False, f"{name} is {shared}, or a part of it, under a new name"
                              + (f": {hint}" if hint else "") + f"; if it was changed in "
                              f"place, so was {shared}, which the check reads. Make the result "
                              f"a new array")
    return verdict(False, f"{name}: {hint}" if hint else problem)


def _is_value_mistake(answer, expected, mistake, given, atol, rtol):
    """True if ``answer`` is the wrong value ``mistake`` stands for (and that differs from
    the expected one)."""
    wrong = _wrong_value(mistake, given)
    return wrong is not _SKIP and _matches(answer, wrong, atol, rtol) and \
        not _matches(wrong, expected, atol, rtol)


# ----------------------------------------------------------------------------- exact answers

def _normalise(value):
    """An answer in the form check_choice compares: numpy scalars and arrays as Python
    numbers and tuples, lists as tuples, every str in lower case with single spaces."""
    if isinstance(value, np.ndarray):
        value = value.item() if value.ndim == 0 else tuple(value.tolist())
    elif isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, str):
        return " ".join(value.lower().split())
    if isinstance(value, (list, tuple)):
        return tuple(_normalise(v) for v in value)
    return value


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _same_choice(a, b):
    """a == b for normalised answers, with a bool never equal to a number."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same_choice(x, y) for x, y in zip(a, b))
    if isinstance(a, bool) != isinstance(b, bool) or (_is_number(b) and not _is_number(a)):
        return False
    try:
        return bool(a == b)
    except Exception:                           # an object whose == cannot answer
        return False


def _choice_problem(answer, expected):
    """Why an exact answer is not the expected one, in words, without the expected value."""
    if isinstance(answer, bool) and _is_number(expected):
        return " (it is a bool, True or False; the answer is a number)"
    if isinstance(expected, tuple) and not isinstance(answer, tuple):
        return f" (the answer is a tuple of {len(expected)} entries)"
    if isinstance(expected, tuple) and len(answer) != len(expected):
        return f" (the answer has {len(expected)} entries, yours has {len(answer)})"
    if isinstance(expected, tuple):
        wrong = [i for i, (a, e) in enumerate(zip(answer, expected)) if not _same_choice(a, e)]
        return f" (entry {wrong[0]} is wrong; {len(wrong)} of {len(expected)} entries differ)"
    if _is_number(answer) and _is_number(expected):
        return f" (it is {_how_far(answer, expected)})"
    if type(answer) is not type(expected):
        return (f" (the answer should be of type {type(expected).__name__}, "
                f"not {type(answer).__name__})")
    return ""


def check_choice(answer, expected, name="your answer", mistakes=(), given=(), facts=None,
                 choices=None, explain=None):
    """Compare a word, a shape tuple, a count or another exact answer.

    Words are compared in lower case with single spaces; a list counts as a tuple; a bool
    is not a number. mistakes: the exercise's registry of Mistake (a function in it is
    called with ``given``); facts fill the {fields} of their hints. choices: the words the
    exercise offers, for a word that is none of them. explain(answer): the exercise's own
    words for a wrong answer no mistake matches (such as what is at the position chosen),
    or None. The expected answer is never printed.
    """
    if answer is None:
        return verdict(False, f"{name} is None: replace None with your answer.")
    answer, expected = _normalise(answer), _normalise(expected)
    if _same_choice(answer, expected):
        return verdict(True, f"{name} is {answer!r}.")
    for mistake in mistakes:
        wrong = _wrong_value(mistake, given)
        if wrong is not _SKIP and _same_choice(answer, _normalise(wrong)) and \
                not _same_choice(_normalise(wrong), expected):
            return verdict(False, f"{name} {_brief(answer)}: {_hint(mistake, facts)}")
    why = explain(answer) if explain is not None else None
    if why is not None:
        return verdict(False, f"{name} {_brief(answer)}: {why}")
    if isinstance(answer, float) and math.isnan(answer):
        return verdict(False, f"{name} is NaN (not a number); think again or open the solution.")
    if choices is not None and isinstance(answer, str):
        return verdict(False, f"{name} {answer!r} is not one of the {len(choices)} answers the "
                              f"exercise offers; copy one of them as it is written there")
    return verdict(False, f"{name} {_brief(answer)} is not right"
                          f"{_choice_problem(answer, expected)}; think again or open the "
                          f"solution.")


# ----------------------------------------------------------------------------- functions

def _state(value):
    """A copy of what a call could change in place: arrays, lists, tuples and dicts of them,
    and a model's params. Anything else is not watched (None)."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, (list, tuple)):
        return [_state(v) for v in value]
    if isinstance(value, dict):
        return {key: _state(v) for key, v in value.items()}
    params = getattr(value, "params", None)
    return _state(params) if isinstance(params, dict) else None


def _changed(before, value):
    """How ``value`` differs from the state ``before`` it, in words ("" if it changed in a way
    not worth describing); None if it did not change."""
    if isinstance(before, np.ndarray):
        if not isinstance(value, np.ndarray) or value.shape != before.shape:
            return ""
        if np.array_equal(before, value, equal_nan=True):
            return None
        reordered = np.array_equal(np.sort(before, axis=0), np.sort(value, axis=0),
                                   equal_nan=True)
        return " (the same rows in another order)" if reordered else ""
    if isinstance(before, list):
        if not isinstance(value, (list, tuple)) or len(value) != len(before):
            return ""
        return next((how for how in map(_changed, before, value) if how is not None), None)
    if isinstance(before, dict):
        items = value if isinstance(value, dict) else getattr(value, "params", None)
        if not isinstance(items, dict) or set(items) != set(before):
            return ""
        return next((f" (its {key!r})" for key in before
                     if _changed(before[key], items[key]) is not None), None)
    return None


class _Outcome(NamedTuple):
    """What one call of a function did: its results (a tuple, one entry per output), or the
    error it raised, and the argument it changed in place, in words."""
    results: tuple = None
    error: Exception = None
    changed: str = None


def _argument_names(function, reference, count):
    """The names of the ``count`` arguments: the student's own if their function takes that
    many, else the reference's, else "argument 1" ..."""
    for f in (function, reference):
        try:
            names = [p.name for p in inspect.signature(f).parameters.values()
                     if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        except (TypeError, ValueError):
            continue
        if len(names) == count:
            return names
    return [f"argument {i + 1}" for i in range(count)]


def _run(function, args, names, may_change, observe):
    """Call ``function`` on a deep copy of ``args``: its _Outcome."""
    given = copy.deepcopy(tuple(args))
    before = [_state(a) for a in args]
    try:
        with np.errstate(all="ignore"):
            returned = function(*given)
    except Exception as error:         # the student's code: report it, do not crash the notebook
        return _Outcome(error=error)
    for name, old, new in zip(names, before, given):
        if name not in may_change and old is not None:
            how = _changed(old, new)
            if how is not None:
                return _Outcome(changed=f"{name}{how}")
    if returned is None:
        return _Outcome(results=None)
    return _Outcome(results=tuple(observe(given, returned)) if observe else (returned,))


def _same_outcome(a, b, parts=None):
    """True if two outcomes agree: the same error, the same change, or matching results
    (only the results in ``parts``, if given)."""
    if (a.error is None) != (b.error is None) or a.changed != b.changed:
        return False
    if a.error is not None:
        return type(a.error) is type(b.error) and str(a.error) == str(b.error)
    if a.results is None or b.results is None or len(a.results) != len(b.results):
        return a.results is None and b.results is None
    return all(_matches(a.results[i], b.results[i])
               for i in (range(len(a.results)) if parts is None else parts))


_ORDINALS = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th")


def check_function(function, reference, examples, name=None, axes=None, mistakes=(),
                   outputs=None, observe=None, may_change=(), watch=None, repeat=None,
                   against="rnnkit", none_hint="did you forget `return`?"):
    """Run a student's ``function`` and the right one, ``reference``, on each example.

    examples: a list of argument tuples, or a dict {what the example is: arguments}.
    Every call gets deep copies; the reference runs before the student's code. A function
    that changes an argument in place gets "Not yet" (except the arguments named in
    may_change, such as a network it must train); so does one that changes an object of
    ``watch`` ({name: object} it reaches outside its arguments, such as the notebook's model).
    outputs: names of the results, if the function returns a tuple of them (a result that
    differs is named: "dW_hh, the 4th of the 5 results,"). observe(arguments after the
    call, what it returned) -> the results to compare, for a function whose effect is in
    its arguments; outputs then names them. axes: the axis names of the result, or one
    tuple per output. mistakes: the exercise's registry, each ``wrong`` a wrong function
    of the same arguments. repeat: the hint for a function that gives other results when
    run again on the same example (each is run twice). none_hint: what to do about None.
    Prints the first problem found and returns True only if every example agrees.
    """
    name = name or getattr(function, "__name__", "your function")
    if not callable(function):
        return verdict(False, f"{name} is not a function (got {type(function).__name__}); "
                              f"define it with def")
    about = list(examples) if isinstance(examples, dict) else [None] * len(examples)
    examples = list(examples.values()) if isinstance(examples, dict) else list(examples)
    names = _argument_names(function, reference, len(examples[0]))
    own = _argument_names(reference, reference, len(names))
    may_change = {n for n, o in zip(names, own) if o in may_change}
    split = outputs is not None and observe is None     # a tuple returned: one result each
    labels = _labels(outputs, observe, name)
    axes = (axes,) if outputs is None else axes or (None,) * len(outputs)

    def runs(f, changeable=may_change):
        """The outcome of f on every example, each result of a returned tuple apart."""
        for args in examples:
            outcome = _run(f, args, names, changeable, observe)
            returned = outcome.results[0] if outcome.results and split else None
            if isinstance(returned, (tuple, list)) and len(returned) == len(outputs):
                outcome = outcome._replace(results=tuple(returned))
            yield outcome

    def where(number):
        return f"example {number}" + (f" ({about[number - 1]})" if about[number - 1] else "")

    def matching(got, parts=None):
        """The first mistake whose outcome matches the student's on every example (in the
        results ``parts`` only, if given, where the mistake must differ from the right one)."""
        for mistake in mistakes:
            if all(_same_outcome(g, w, parts) for g, w in zip(got, runs(mistake.wrong))):
                if parts is None or not all(_same_outcome(e, w, parts) for e, w
                                            in zip(expected, runs(mistake.wrong))):
                    return mistake
        return None

    watched = {key: _state(value) for key, value in (watch or {}).items()}
    expected = list(runs(reference, changeable=names))
    got = list(runs(function))
    problem = _call_problem(name, got, where, none_hint, outputs if split else None)
    if problem is not None:
        mistake = matching(got)
        return verdict(False, problem.rstrip(".") + (f". Hint: {mistake.hint}" if mistake else ""))
    for key, before in watched.items():
        how = _changed(before, watch[key])
        if how is not None:
            return verdict(False, f"{name} changed {key}{how} in place; leave it as it is")
    if repeat is not None and not all(_same_outcome(a, b) for a, b in zip(got, runs(function))):
        return verdict(False, f"{name} gives other results when run again on the same "
                              f"example: {repeat}")
    if all(_same_outcome(g, e) for g, e in zip(got, expected)):
        return verdict(True, f"{name} agrees with {against} on all {len(examples)} examples.")
    mistake = matching(got)
    if mistake is not None:
        return verdict(False, f"{name}: {mistake.hint}")
    for part, label in enumerate(labels):
        for number, (g, e) in enumerate(zip(got, expected), start=1):
            problem = diagnose(g.results[part], e.results[part], label, axes=axes[part])
            if problem is None:
                continue
            if len(labels) == 1:
                return verdict(False, f"{where(number)}: {problem}")
            mistake = matching(got, parts=[part])
            if mistake is not None:
                return verdict(False, f"{label} is wrong: {mistake.hint}")
            right = [output for i, output in enumerate(outputs)
                     if all(_matches(a.results[i], b.results[i]) for a, b in zip(got, expected))]
            return verdict(False, f"{where(number)}: {problem}"
                                  + (f" (right: {', '.join(right)})" if right else ""))
    return verdict(False, f"{name} does not agree with {against}")   # pragma: no cover


def _call_problem(name, got, where, none_hint, outputs):
    """What went wrong in calling the student's function, before its results are compared:
    an error, an argument changed in place, None or a tuple of the wrong length; or None."""
    for number, outcome in enumerate(got, start=1):
        if outcome.error is not None:
            message = " ".join(str(outcome.error).split())
            message = message if len(message) <= 200 else message[:195] + " ..."
            return f"{name} raised {type(outcome.error).__name__} on {where(number)}: {message}"
        if outcome.changed is not None:
            return (f"{name} changed {outcome.changed} in place on {where(number)}; a function "
                    f"must leave its arguments as they are")
    for number, outcome in enumerate(got, start=1):
        if outcome.results is None:
            return f"{name} returned None on {where(number)}; {none_hint}"
        if outputs is not None and len(outcome.results) != len(outputs):
            returned = outcome.results[0]
            length = (f" of length {len(returned)}" if isinstance(returned, (tuple, list))
                      else "")
            return (f"{name} must return {len(outputs)} results, {', '.join(outputs)}; got "
                    f"{type(returned).__name__}{length}")
    return None


def _labels(outputs, observe, name):
    """How each compared result is named in a verdict."""
    if outputs is None:
        return [f"the result of {name}"]
    if observe is not None:
        return list(outputs)
    return [f"{output}, the {_ORDINALS[i]} of the {len(outputs)} results of {name},"
            for i, output in enumerate(outputs)]
