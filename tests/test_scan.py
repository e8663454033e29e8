"""rnnkit.scan: the linear recurrence by a loop and by a parallel scan, the rounds counted, its
backward pass against finite differences, and errors."""

import numpy as np
import pytest

from rnnkit.gradcheck import numerical_gradient, relative_error
from rnnkit.scan import doubling_step, linear_recurrence, parallel_scan, scan_backward, scan_rounds


def recurrence(seed, N, T, H):
    rng = np.random.default_rng(seed)
    return (rng.uniform(0.0, 1.0, size=(N, T, H)), rng.normal(size=(N, T, H)),
            rng.normal(size=(N, H)))


def test_the_loop_is_the_formula_written_out():
    A = np.array([[[0.5], [0.25], [2.0]]])                  # N = 1, T = 3, H = 1
    B = np.array([[[1.0], [-1.0], [0.5]]])
    h1 = 0.5 * 4.0 + 1.0
    h2 = 0.25 * h1 - 1.0
    h3 = 2.0 * h2 + 0.5
    np.testing.assert_allclose(linear_recurrence(A, B, [[4.0]]).ravel(), [h1, h2, h3])


@pytest.mark.parametrize("T", [1, 2, 3, 7, 8, 9, 100, 513])
@pytest.mark.parametrize("seed", [0, 1])
def test_the_scan_equals_the_loop(seed, T):
    A, B, h0 = recurrence(seed, 3, T, 4)
    np.testing.assert_allclose(parallel_scan(A, B, h0), linear_recurrence(A, B, h0),
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(parallel_scan(A, B), linear_recurrence(A, B), atol=1e-12)


def test_one_doubling_step_combines_each_pair_with_the_one_k_before():
    A, B, _ = recurrence(2, 2, 6, 3)
    A2, B2 = doubling_step(A, B, 2)
    np.testing.assert_array_equal(A2[:, :2], A[:, :2])       # t < k: unchanged
    np.testing.assert_array_equal(B2[:, :2], B[:, :2])
    for t in range(2, 6):
        np.testing.assert_allclose(A2[:, t], A[:, t] * A[:, t - 2])
        np.testing.assert_allclose(B2[:, t], A[:, t] * B[:, t - 2] + B[:, t])
    assert A.shape == A2.shape and not np.shares_memory(A, A2)


def test_after_the_rounds_each_pair_covers_every_step_before_it():
    A, B, _ = recurrence(3, 1, 11, 2)
    k = 1
    while k < 11:
        A, B = doubling_step(A, B, k)
        k *= 2
    np.testing.assert_allclose(A, np.cumprod(recurrence(3, 1, 11, 2)[0], axis=1))


@pytest.mark.parametrize("T, rounds", [(1, 0), (2, 1), (3, 2), (4, 2), (5, 3), (512, 9),
                                       (513, 10), (1_000_000, 20)])
def test_rounds_are_ceil_log2_T(T, rounds):
    assert scan_rounds(T) == rounds


def test_the_scan_makes_scan_rounds_doubling_steps(monkeypatch):
    import rnnkit.scan as scan
    calls = []
    original = scan.doubling_step

    def counted(A, B, k, **kwargs):
        calls.append(k)
        return original(A, B, k, **kwargs)

    monkeypatch.setattr(scan, "doubling_step", counted)
    A, B, _ = recurrence(0, 1, 100, 1)
    scan.parallel_scan(A, B)
    assert calls == [1, 2, 4, 8, 16, 32, 64] and len(calls) == scan_rounds(100)


@pytest.mark.parametrize("parallel", [True, False])
@pytest.mark.parametrize("T", [1, 5, 12])
def test_scan_backward_matches_numerical_gradients(T, parallel):
    A, B, h0 = recurrence(T, 2, T, 3)
    dHs = np.random.default_rng(9).normal(size=B.shape)

    def loss():
        return float(np.sum(linear_recurrence(A, B, h0) * dHs))

    dA, dB, dh0 = scan_backward(dHs, A, linear_recurrence(A, B, h0), h0, parallel=parallel)
    for grad, wrt in ((dA, A), (dB, B), (dh0, h0)):
        assert grad.shape == wrt.shape
        assert relative_error(grad, numerical_gradient(loss, wrt)) < 1e-7


def test_the_backward_scan_equals_the_backward_loop():
    A, B, h0 = recurrence(4, 3, 300, 5)
    Hs = parallel_scan(A, B, h0)
    dHs = np.random.default_rng(1).normal(size=B.shape)
    for by_scan, by_loop in zip(scan_backward(dHs, A, Hs, h0),
                                scan_backward(dHs, A, Hs, h0, parallel=False)):
        np.testing.assert_allclose(by_scan, by_loop, rtol=1e-11, atol=1e-12)


def test_a_product_of_many_gates_underflows_harmlessly():
    # 2,000 gates of 0.5: their product is 0 in float64; the scan never divides by it.
    A, B = np.full((1, 2000, 1), 0.5), np.ones((1, 2000, 1))
    Hs = parallel_scan(A, B, [[1.0]])
    assert np.isfinite(Hs).all()
    np.testing.assert_allclose(Hs, linear_recurrence(A, B, [[1.0]]), rtol=1e-12)


def test_float32_stays_float32():
    A, B, h0 = (x.astype(np.float32) for x in recurrence(0, 2, 9, 3))
    assert parallel_scan(A, B, h0).dtype == np.float32
    assert linear_recurrence(A, B, h0).dtype == np.float32


def test_bad_inputs_are_named():
    A, B = np.ones((2, 5, 3)), np.ones((2, 5, 3))
    with pytest.raises(ValueError, match=r"A must have 3 dimensions \(\(N, T, H\)"):
        parallel_scan(np.ones((5, 3)), B)
    with pytest.raises(ValueError, match=r"B must have shape \(2, 5, 3\)"):
        linear_recurrence(A, np.ones((2, 4, 3)))
    with pytest.raises(ValueError, match=r"h0 must have shape \(2, 3\)"):
        parallel_scan(A, B, np.ones((2, 4)))
    with pytest.raises(ValueError, match=r"B contains NaN"):
        parallel_scan(A, np.full((2, 5, 3), np.nan))
    with pytest.raises(TypeError, match="A must be an array"):
        linear_recurrence("A", B)
    with pytest.raises(ValueError, match="k must be a whole number >= 1"):
        doubling_step(A, B, 0)
    with pytest.raises(TypeError, match="k must be a whole number"):
        doubling_step(A, B, 1.5)
    with pytest.raises(ValueError, match="T must be a whole number >= 1"):
        scan_rounds(0)
    with pytest.raises(ValueError, match=r"dHs must have shape \(2, 5, 3\)"):
        scan_backward(np.ones((2, 4, 3)), A, B)
    with pytest.raises(ValueError, match=r"Hs must have shape \(2, 5, 3\)"):
        scan_backward(B, A, np.ones((2, 5, 2)))
