"""Synthetic sequence data sets and a train/test split.

Every generator returns (X, y) in the course's layout: X (N, T, D) with
D = 1 value per step, and y (N,) the value to predict after the sequence;
memory_task's X has D = 2 channels and its y are class labels.
"""

import numpy as np

from ._validate import as_array, non_negative, optional_seed, positive_int, real_number


def _sizes(num_samples, sequence_length):
    """Check the two sizes every generator takes; return them as ints."""
    num_samples = positive_int(num_samples, "num_samples")
    try:
        sequence_length = positive_int(sequence_length, "sequence_length", minimum=2)
    except ValueError as exc:
        raise ValueError(f"{exc}: a sequence needs at least one input step and one "
                         f"target value after it") from None
    return num_samples, sequence_length


def random_walk(num_samples, sequence_length, noise=0.1, seed=None):
    """The article's random-walk data set, with its bug fixed.

    Each sequence starts at s_0 ~ U(-1, 1) and takes sequence_length - 1
    Gaussian steps: s_k = s_{k-1} + N(0, noise**2). As in the article, the
    input is every value but the last and the target is the last value plus
    fresh noise:

        X = s_0 ... s_{L-2}           shape (num_samples, sequence_length - 1, 1)
        y = s_{L-1} + N(0, noise**2)  shape (num_samples,)

    Noise floor: y = X[:, -1, 0] + (one step) + (target noise), two independent
    N(0, noise**2) terms, so no model can beat the ideal predictor
    E[y | X] = X[:, -1, 0], whose mean squared error is 2 * noise**2
    (see random_walk_noise_floor). A trained model's MSE should approach it.
    """
    N, L = _sizes(num_samples, sequence_length)
    noise = non_negative(noise, "noise")
    rng = optional_seed(seed)
    start = rng.uniform(-1.0, 1.0, size=(N, 1))
    steps = rng.normal(0.0, noise, size=(N, L - 1))
    sequences = np.cumsum(np.concatenate([start, steps], axis=1), axis=1)   # (N, L)
    X = sequences[:, :-1, None]
    y = sequences[:, -1] + rng.normal(0.0, noise, size=N)
    return X, y


def random_walk_noise_floor(noise):
    """The lowest MSE any model can reach on random_walk(..., noise): 2 * noise**2."""
    return 2.0 * non_negative(noise, "noise") ** 2


def noisy_sine(num_samples, sequence_length, noise=0.05, seed=None):
    """Windows of sine waves with random phase and period, plus Gaussian noise.

    Sequence i is s_k = sin(2 pi k / period_i + phase_i) + N(0, noise**2) for
    k = 0 ... sequence_length - 1, with period_i ~ U(8, 32) steps and
    phase_i ~ U(0, 2 pi). Returns X (num_samples, sequence_length - 1, 1), the
    first T = sequence_length - 1 values, and y (num_samples,), the value after them.
    """
    N, L = _sizes(num_samples, sequence_length)
    noise = non_negative(noise, "noise")
    rng = optional_seed(seed)
    period = rng.uniform(8.0, 32.0, size=(N, 1))
    phase = rng.uniform(0.0, 2 * np.pi, size=(N, 1))
    k = np.arange(L)
    sequences = np.sin(2 * np.pi * k / period + phase) + rng.normal(0.0, noise, size=(N, L))
    return sequences[:, :-1, None], sequences[:, -1]


def memory_task(num_samples, distance, noise=3.0, seed=None):
    """Remember one item across ``distance`` steps of noise (notebooks 08 and 11).

    Each sequence has T = distance steps of D = 2 channels: channel 1 holds the item, +1 or -1
    with equal chance, at step 1 and 0 after it; channel 2 holds noise, N(0, noise**2), at every
    step. The label is 1 if the item was +1, else 0: a model that reads the sequence must keep
    the item until the last step. Returns X (num_samples, distance, 2) and labels
    (num_samples,) ints.
    """
    N = positive_int(num_samples, "num_samples")
    T = positive_int(distance, "distance")
    noise = non_negative(noise, "noise")
    rng = optional_seed(seed)
    item = rng.choice([-1.0, 1.0], size=N)
    X = np.zeros((N, T, 2))
    X[:, 0, 0] = item
    X[:, :, 1] = noise * rng.normal(size=(N, T))
    return X, (item > 0).astype(int)


def train_test_split(X, y, test_fraction=0.2, seed=None):
    """Shuffle the samples and hold out round(test_fraction * N) of them for testing.

    X: (N, ...) inputs, y: (N, ...) targets (integer labels keep their dtype).
    Returns (X_train, X_test, y_train, y_test); the same seed gives the same split.
    """
    as_array(X, "X", ndim=range(1, 8))     # only checks: the split keeps each array's dtype
    as_array(y, "y", ndim=range(1, 8))
    X, y = np.asarray(X), np.asarray(y)
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"X and y must hold the same number of samples (first axis), got "
                         f"X with {X.shape[0]} (shape {X.shape}) and y with {y.shape[0]} "
                         f"(shape {y.shape})")
    test_fraction = real_number(test_fraction, "test_fraction")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be strictly between 0 and 1, got {test_fraction}")
    N = X.shape[0]
    num_test = round(test_fraction * N)
    if not 0 < num_test < N:
        raise ValueError(f"test_fraction={test_fraction} of {N} samples gives {num_test} test and "
                         f"{N - num_test} training samples; both parts need at least one")
    order = optional_seed(seed).permutation(N)
    test, train = order[:num_test], order[num_test:]
    return X[train], X[test], y[train], y[test]


def article_generate_sequence(start_value, length, rng):
    """The article's generate_sequence, bug included: for showing, never for using.

    DELIBERATELY BUGGY. The loop computes next_value but never appends it, so
    the result is always [start_value], a list of length 1 whatever ``length``
    is. The article's X = sequence[:-1] is then empty and y is just the start
    value plus noise: there is no sequence to learn. random_walk() is the fix.
    rng: a numpy Generator or seed (the article used np.random directly).
    """
    rng = optional_seed(rng, "rng")
    sequence = [start_value]
    for _ in range(positive_int(length, "length") - 1):
        next_value = sequence[-1] + rng.normal(0, 0.1)  # noqa: F841  (the bug: never appended)
    return sequence
