"""The input checks in rnnkit._validate: clean values back, or an error naming the argument."""

import numpy as np
import pytest

from rnnkit._validate import (
    as_array,
    as_labels,
    as_mask,
    as_sequences,
    as_vectors,
    float_dtype,
    initial_state,
    needs_forward,
    non_negative,
    one_of,
    optional_seed,
    per_sequence,
    positive,
    positive_int,
    real_number,
)

# ---------------------------------------------------------------- as_array

def test_as_array_returns_floats_and_keeps_float32():
    array = as_array([[1, 2], [3, 4]], "weights")
    assert array.dtype == np.float64 and array.shape == (2, 2)
    assert as_array(np.ones(3, dtype=np.float32), "weights").dtype == np.float32
    assert as_array(np.ones(3, dtype=np.float32), "weights", dtype=np.float64).dtype == np.float64
    assert as_array(np.ones((2, 3)), "weights", ndim=(1, 2), shape=(None, 3)).shape == (2, 3)
    assert as_array(np.ones((0, 3)), "weights", allow_empty=True).shape == (0, 3)


@pytest.mark.parametrize("value, kwargs, error, match", [
    (None, {}, TypeError, r"^weights must be an array or a list of numbers, got None"),
    ("abc", {}, TypeError, r"^weights must be an array or a list of numbers"),
    ({"a": 1.0}, {}, TypeError, r"^weights must be an array"),
    ([1.0, "a"], {}, TypeError, r"^weights must contain numbers"),
    ([1j, 2j], {}, TypeError, r"^weights must contain real numbers"),
    ([[1.0], [2.0, 3.0]], {}, ValueError, r"^weights must be a rectangular array"),
    (np.ones(3), {"ndim": 2}, ValueError, r"^weights must have 2 dimensions, got 1"),
    (np.ones(3), {"ndim": (2, 3)}, ValueError, r"^weights must have 2 or 3 dimensions"),
    (np.ones((2, 4)), {"shape": (None, 3)}, ValueError,
     r"^weights must have shape \(any, 3\), got shape \(2, 4\)"),
    (np.ones((2, 4)), {"shape": (2, 3), "why": "one row per sample"}, ValueError,
     r"^weights must have shape \(2, 3\) \(one row per sample\)"),
    (np.ones((0, 3)), {}, ValueError, r"^weights is empty"),
    ([1.0, np.nan], {}, ValueError, r"^weights contains NaN or infinity \(first at index \(1,\)\)"),
    ([np.inf], {}, ValueError, r"^weights contains NaN or infinity"),
])
def test_as_array_errors_name_the_argument(value, kwargs, error, match):
    with pytest.raises(error, match=match):
        as_array(value, "weights", **kwargs)


# ---------------------------------------------------------------- as_labels

def test_as_labels_returns_ints_and_accepts_whole_floats():
    labels = as_labels([0, 2, 1], "labels", num_classes=3)
    assert labels.dtype == np.int64 and labels.tolist() == [0, 2, 1]
    assert as_labels(np.array([1.0, 0.0]), "labels").dtype == np.int64
    assert as_labels(np.array([True, False]), "labels").dtype == np.int64
    text = np.array([3, 0, 2], dtype=np.uint8)
    assert as_labels(text, "labels", num_classes=4) is text      # no copy of a byte array


@pytest.mark.parametrize("value, kwargs, error, match", [
    (None, {}, TypeError, r"^targets must be an array of integer labels"),
    ("ab", {}, TypeError, r"^targets must be an array of integer labels"),
    ([0.5, 1.0], {}, TypeError, r"^targets must contain whole-number class labels"),
    (["a", "b"], {}, TypeError, r"^targets must contain integer class labels"),
    ([[0, 1]], {"ndim": 1}, ValueError, r"^targets must have 1 dimensions, got 2"),
    ([], {}, ValueError, r"^targets is empty"),
    ([0, 3], {"num_classes": 3}, ValueError,
     r"^targets must hold class indices from 0 to 2, got values from 0 to 3"),
    ([-1, 1], {"num_classes": 3}, ValueError, r"^targets must hold class indices from 0 to 2"),
])
def test_as_labels_errors_name_the_argument(value, kwargs, error, match):
    with pytest.raises(error, match=match):
        as_labels(value, "targets", **kwargs)


# ---------------------------------------------------------------- numbers

def test_number_checks_return_clean_values():
    assert positive_int(np.int64(3), "epochs") == 3 and type(positive_int(3, "epochs")) is int
    assert positive_int(0, "steps", minimum=0) == 0
    assert positive(0.5, "rate") == 0.5
    assert non_negative(0, "noise") == 0.0 and type(non_negative(0, "noise")) is float
    assert real_number(2, "scale", minimum=0, maximum=2) == 2.0


@pytest.mark.parametrize("call, error, match", [
    (lambda: positive_int(0, "epochs"), ValueError, r"^epochs must be a whole number >= 1, got 0"),
    (lambda: positive_int(1, "steps", minimum=2), ValueError,
     r"^steps must be a whole number >= 2, got 1"),
    (lambda: positive_int(2.5, "epochs"), TypeError, r"^epochs must be a whole number >= 1"),
    (lambda: positive_int(True, "epochs"), TypeError, r"^epochs must be a whole number"),
    (lambda: positive_int("3", "epochs"), TypeError, r"^epochs must be a whole number"),
    (lambda: positive(0, "rate"), ValueError, r"^rate must be a number > 0, got 0"),
    (lambda: positive(-1.5, "rate"), ValueError, r"^rate must be a number > 0"),
    (lambda: positive("fast", "rate"), TypeError, r"^rate must be a real number"),
    (lambda: non_negative(-0.1, "noise"), ValueError, r"^noise must be >= 0"),
    (lambda: real_number("1", "scale"), TypeError, r"^scale must be a real number, got '1'"),
    (lambda: real_number(None, "scale"), TypeError, r"^scale must be a real number"),
    (lambda: real_number(False, "scale"), TypeError, r"^scale must be a real number"),
    (lambda: real_number(np.nan, "scale"), ValueError, r"^scale must be a finite number"),
    (lambda: real_number(np.inf, "scale"), ValueError, r"^scale must be a finite number"),
    (lambda: real_number(-1, "scale", minimum=0), ValueError, r"^scale must be >= 0"),
    (lambda: real_number(3, "scale", maximum=2), ValueError, r"^scale must be <= 2"),
])
def test_number_errors_name_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()


# ---------------------------------------------------------------- optional_seed

def test_optional_seed_gives_a_generator_same_seed_same_numbers():
    assert isinstance(optional_seed(None), np.random.Generator)
    assert optional_seed(7).random() == optional_seed(7).random()
    assert optional_seed(7).random() != optional_seed(8).random()
    rng = np.random.default_rng(0)
    assert optional_seed(rng) is rng


@pytest.mark.parametrize("seed", [-1, 1.5, "zero", True, [1, 2]])
def test_optional_seed_errors_name_the_argument(seed):
    with pytest.raises(TypeError, match=r"^seed must be None, a whole number >= 0 or a numpy"):
        optional_seed(seed)
    with pytest.raises(TypeError, match=r"^init_seed must be None"):
        optional_seed(seed, "init_seed")


# ---------------------------------------------------------------- one_of

def test_one_of_returns_the_value_or_lists_the_choices():
    assert one_of("mse", "loss", ("mse", "softmax_cross_entropy")) == "mse"
    with pytest.raises(ValueError,
                       match=r"^loss must be one of 'mse', 'softmax_cross_entropy', got 'mae'"):
        one_of("mae", "loss", ("mse", "softmax_cross_entropy"))
    with pytest.raises(ValueError, match=r"^loss must be one of 'mse', got None"):
        one_of(None, "loss", ("mse",))


def test_per_sequence_and_initial_state_are_the_one_h0_rule():
    np.testing.assert_array_equal(initial_state(None, 2, 3), np.zeros((2, 3)))
    shared = initial_state([1.0, 2.0, 3.0], 2, 3)
    assert shared.shape == (2, 3) and shared.flags.c_contiguous
    assert initial_state(np.ones((2, 3)), 2, 3, np.float32).dtype == np.float32
    with pytest.raises(ValueError, match=r"^h0 must have shape \(2, 3\) .* or \(3,\)"):
        initial_state(np.ones((3, 3)), 2, 3)
    with pytest.raises(ValueError, match=r"^dh_T must have 1 or 2 dimensions"):
        per_sequence(np.ones((1, 2, 3)), "dh_T", 2, 3, "the last gradient")


def test_as_mask_wants_booleans_of_the_right_shape():
    assert as_mask([[True, False]], (1, 2), "Y").dtype == bool
    with pytest.raises(TypeError, match="^mask must hold booleans"):
        as_mask(np.ones((1, 2)), (1, 2), "Y")
    with pytest.raises(ValueError, match=r"^mask must have the shape of Y \(1, 2\), got \(2,\)"):
        as_mask(np.ones(2, bool), (1, 2), "Y")
    with pytest.raises(ValueError, match="^mask is False everywhere"):
        as_mask(np.zeros((1, 2), bool), (1, 2), "Y")


def test_needs_forward_and_float_dtype():
    assert needs_forward((1, 2)) == (1, 2)
    with pytest.raises(RuntimeError, match=r"^backward\(\) needs a forward\(\) first"):
        needs_forward(None)
    assert float_dtype("float32") == np.float32
    with pytest.raises(TypeError, match="^dtype must be float32 or float64, got int64"):
        float_dtype(np.int64)


def test_sequences_and_vectors():
    assert as_sequences([[[1.0]]]).shape == (1, 1, 1)
    with pytest.raises(ValueError, match=r"^X must have D = 2 features"):
        as_sequences(np.ones((1, 3, 1)), D=2)
    with pytest.raises(ValueError, match=r"^x must have shape \(N, 2\)"):
        as_vectors(np.ones((4, 3)), D=2)


def test_prediction_pair_needs_one_prediction_per_target():
    from rnnkit._validate import prediction_pair
    y_pred, y_true = prediction_pair([[1.0], [2.0]], np.zeros((2, 1)))
    assert y_pred.shape == y_true.shape == (2, 1)
    with pytest.raises(ValueError, match=r"y_pred must have the shape of y_true \(2, 1\)"):
        prediction_pair(np.zeros(2), np.zeros((2, 1)))
    with pytest.raises(ValueError, match="y_true contains NaN"):
        prediction_pair([1.0], [np.nan])
