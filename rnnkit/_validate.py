"""Input checks shared by every public function in rnnkit.

Each check either returns a clean value or raises an error that says which
argument was wrong, what it got, and what it needs, so that a student sees
one readable line instead of a NumPy traceback from deep inside a loop.
"""

import numbers

import numpy as np


def describe(value):
    """A short description of a value for an error message."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of length {len(value)}"
    return f"{value!r} ({type(value).__name__})"


def _shape_text(shape):
    """Show a shape spec with None as a named wildcard: (N, T, 3)."""
    inside = ", ".join("any" if s is None else str(s) for s in shape)
    return f"({inside}{',' if len(shape) == 1 else ''})"


_FLOATS = (np.dtype(np.float32), np.dtype(np.float64))


def as_array(value, name, ndim=None, shape=None, dtype=None, allow_empty=False,
             why=""):
    """Return ``value`` as a float array after checking it.

    Arguments:
    - value: an array or a (nested) list of numbers.
    - name: the argument's name, used in error messages.
    - ndim: the number of dimensions it must have, or a collection of allowed ones.
    - shape: the shape it must have; ``None`` entries accept any size.
    - dtype: the float dtype to return. By default float32 input stays
      float32 and everything else becomes float64.
    - allow_empty: whether a zero-length axis is allowed.
    - why: a short reason appended to shape errors ("one row per sample").

    Raises TypeError for values that are not numbers, ValueError for a wrong
    number of dimensions, a wrong shape, an empty array, NaN or infinity.
    """
    if type(value) is np.ndarray and value.dtype in _FLOATS and dtype in (None, value.dtype):
        array = value              # already a float array: nothing to convert
    else:
        array = _convert(value, name, dtype)
    reason = f" ({why})" if why else ""
    _check_ndim(array, name, ndim, reason)
    if shape is not None:
        if array.ndim != len(shape) or any(s is not None and s != a
                                           for s, a in zip(shape, array.shape)):
            raise ValueError(f"{name} must have shape {_shape_text(shape)}{reason}, "
                             f"got shape {array.shape}")
    if not allow_empty and array.size == 0:
        raise ValueError(f"{name} is empty (shape {array.shape}); it needs at least one value "
                         f"in every axis")
    if not np.isfinite(array).all():
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(array))[0])
        raise ValueError(f"{name} contains NaN or infinity (first at index {where}); "
                         f"every value must be a finite number")
    return array


def _check_ndim(array, name, ndim, reason=""):
    """Raise unless array.ndim is ndim (an int) or one of ndim (a collection); None allows any."""
    if ndim is None:
        return
    allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
    if array.ndim not in allowed:
        need = " or ".join(str(n) for n in allowed)
        raise ValueError(f"{name} must have {need} dimensions{reason}, got {array.ndim} "
                         f"(shape {array.shape})")


def _convert(value, name, dtype):
    """Turn a list, an int array or a scalar into a float array, or say why not."""
    if value is None or isinstance(value, (str, bytes, dict, set)):
        raise TypeError(f"{name} must be an array or a list of numbers, got {describe(value)}")
    try:
        array = np.asarray(value)
    except ValueError as exc:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers, got {describe(value)} "
                         f"whose rows have different lengths") from exc
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
        raise TypeError(f"{name} must contain numbers, got {describe(value)} of {array.dtype}")
    if np.issubdtype(array.dtype, np.complexfloating):
        raise TypeError(f"{name} must contain real numbers, got complex values")
    if dtype is None:
        dtype = np.float32 if array.dtype == np.float32 else np.float64
    return array.astype(dtype, copy=False)


def as_labels(value, name, num_classes=None, ndim=None):
    """Return integer class labels after checking they lie in [0, num_classes).

    An integer array keeps its dtype (a text of characters as uint8 stays a
    byte per character); whole-number floats and booleans become int64.
    """
    if value is None or isinstance(value, (str, bytes, dict, set)):
        raise TypeError(f"{name} must be an array of integer labels, got {describe(value)}")
    array = np.asarray(value)
    if array.dtype.kind == "f":
        if not np.all(np.isfinite(array)) or np.any(array != np.round(array)):
            raise TypeError(f"{name} must contain whole-number class labels, "
                            f"got non-integer floats")
        array = array.astype(np.int64)
    if array.dtype.kind not in "iub":
        raise TypeError(f"{name} must contain integer class labels, got dtype {array.dtype}")
    _check_ndim(array, name, ndim)
    if array.size == 0:
        raise ValueError(f"{name} is empty (shape {array.shape})")
    if array.dtype.kind == "b":
        array = array.astype(np.int64)
    if num_classes is not None and (array.min() < 0 or array.max() >= num_classes):
        raise ValueError(f"{name} must hold class indices from 0 to {num_classes - 1}, "
                         f"got values from {array.min()} to {array.max()}")
    return array


def prediction_pair(y_pred, y_true):
    """y_pred and y_true as float arrays of the same shape: one prediction per target.

    Returns (y_pred, y_true); a shape mismatch names both shapes.
    """
    y_true = as_array(y_true, "y_true")
    y_pred = as_array(y_pred, "y_pred")
    if y_pred.shape != y_true.shape:
        raise ValueError(f"y_pred must have the shape of y_true {y_true.shape} (one prediction "
                         f"per target), got shape {y_pred.shape}")
    return y_pred, y_true


def positive_int(value, name, minimum=1):
    """Check that ``value`` is a whole number >= minimum and return it as int."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number >= {minimum}, got {describe(value)}")
    if value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {value}")
    return int(value)


def non_negative(value, name):
    """Check that ``value`` is a finite real number >= 0 and return it as float."""
    return real_number(value, name, minimum=0.0)


def positive(value, name):
    """Check that ``value`` is a finite real number > 0 and return it as float."""
    number = real_number(value, name)
    if number <= 0:
        raise ValueError(f"{name} must be a number > 0, got {value}")
    return number


def real_number(value, name, minimum=None, maximum=None):
    """Check that ``value`` is a finite real number in [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    number = float(value)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value}")
    if minimum is not None and number < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    if maximum is not None and number > maximum:
        raise ValueError(f"{name} must be <= {maximum}, got {value}")
    return number


def optional_seed(seed, name="seed"):
    """Return a NumPy Generator for an int seed, None, or an existing Generator."""
    if seed is None or isinstance(seed, np.random.Generator):
        return np.random.default_rng(seed)
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise TypeError(f"{name} must be None, a whole number >= 0 or a numpy Generator, "
                        f"got {describe(seed)}")
    return np.random.default_rng(int(seed))


def one_of(value, name, choices):
    """Check that ``value`` is one of ``choices`` (strings)."""
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}, got {value!r}")
    return value


def float_dtype(dtype, name="dtype"):
    """Check that ``dtype`` is float32 or float64; return it as a numpy dtype."""
    try:
        dtype = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"{name} must be float32 or float64, got {describe(dtype)}") from None
    if dtype not in _FLOATS:
        raise TypeError(f"{name} must be float32 or float64, got {dtype}")
    return dtype


def as_sequences(X, name="X", D=None):
    """Check a batch of sequences: shape (N, T, D), finite, N >= 1 and T >= 1.

    Plain lists are accepted. D: the number of features each step must have
    (any if None). Returns a float array (N, T, D).
    """
    X = as_array(X, name, ndim=3, allow_empty=True,
                 why="N sequences x T time steps x D features; for one feature per step "
                     "add an axis with X[..., None]")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"{name} is an empty sequence batch (shape {X.shape}); it needs at least "
                         f"one sequence (N >= 1) and one time step (T >= 1)")
    if D is not None and X.shape[2] != D:
        raise ValueError(f"{name} must have D = {D} features per time step (shape (N, T, {D})), "
                         f"got shape {X.shape}")
    return X


def as_vectors(x, name="x", D=None):
    """Check one input vector per example: shape (N, D). Returns a float array (N, D)."""
    x = as_array(x, name, ndim=2,
                 why="one input vector per example; for a single example use x[None]")
    if D is not None and x.shape[1] != D:
        raise ValueError(f"{name} must have shape (N, {D}), got shape {x.shape}")
    return x


def one_step(x_t, D, H, **states):
    """One time step's input and states, checked against a cell's sizes: x_t (N, D) and each
    state given by name (h_prev=..., c_prev=...) (N, H). Returns (x_t, *states) in that order."""
    x_t = as_array(x_t, "x_t", shape=(None, D), why="one row of D input features per sequence")
    return (x_t, *(as_array(value, name, shape=(x_t.shape[0], H),
                            why=f"one {'cell' if name.startswith('c') else 'hidden'} state per "
                                f"sequence") for name, value in states.items()))


def per_sequence(value, name, N, H, why, dtype=np.float64):
    """The h0 rule: a state of shape (N, H), or (H,) shared by all N sequences.

    Returns a contiguous (N, H) array of ``dtype``.
    """
    value = as_array(value, name, ndim=(1, 2), why=why)
    if value.shape == (H,):
        value = np.broadcast_to(value, (N, H))
    elif value.shape != (N, H):
        raise ValueError(f"{name} must have shape ({N}, {H}) (one row per sequence) or ({H},) "
                         f"({why}), got shape {value.shape}")
    return np.ascontiguousarray(value, dtype=dtype)


def initial_state(h0, N, H, dtype=np.float64, name="h0"):
    """h0 (or c0, by name) for N sequences of H units: zeros if None, else checked by
    per_sequence."""
    if h0 is None:
        return np.zeros((N, H), dtype=dtype)
    state = "cell" if name.startswith("c") else "hidden"
    return per_sequence(h0, name, N, H, f"the {state} state before the first step", dtype)


def as_mask(mask, shape, of, name="mask"):
    """Check a padding mask: booleans of the given shape, True for the steps that count.

    of: what the shape belongs to, for the error message ("targets", "labels").
    Returns a bool array. A mask of another dtype (0/1 floats, say) is refused
    rather than guessed at, and a mask with no True entry leaves nothing to count.
    """
    array = np.asarray(mask)
    if array.dtype != bool:
        raise TypeError(f"{name} must hold booleans (True for real steps, False for padding), "
                        f"got {describe(mask)}" + ("" if isinstance(mask, np.ndarray)
                                                  else f" of {array.dtype}"))
    if array.shape != tuple(shape):
        raise ValueError(f"{name} must have the shape of {of} {tuple(shape)}, got {array.shape}")
    if not array.any():
        raise ValueError(f"{name} is False everywhere: there is no step to count")
    return array


def needs_forward(cache, what="backward()"):
    """Return what the last forward() stored, or say that forward() must run first."""
    if cache is None:
        raise RuntimeError(f"{what} needs a forward() first: it uses what the last forward() "
                           f"stored")
    return cache


def time_step(t, T, name):
    """Check a 1-based time step 1 <= t <= T; return it as int."""
    t = positive_int(t, name)
    if t > T:
        raise ValueError(f"{name} must be a time step from 1 to T = {T}, got {t}")
    return t


def step_labels(labels, T, name):
    """One label per time step, as strings (a string gives one character per step)."""
    if not isinstance(labels, (str, list, tuple, np.ndarray)):
        raise TypeError(f"{name} must be a list of {T} labels, one per time step, "
                        f"got {type(labels).__name__}")
    labels = [str(label) for label in labels]
    if len(labels) != T:
        raise ValueError(f"{name} must give one label per time step (T = {T}), got {len(labels)}")
    return labels
