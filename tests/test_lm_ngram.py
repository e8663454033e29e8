"""The counting baseline: probabilities that sum to 1, counts as the formula says, clear errors."""

import numpy as np
import pytest

from rnnkit.lm.ngram import NGram


@pytest.fixture
def tokens():
    return np.random.default_rng(0).integers(0, 6, size=300)


@pytest.mark.parametrize("order", [1, 2, 3, 5])
@pytest.mark.parametrize("alpha", [0.01, 1.0, 50.0])
def test_probabilities_sum_to_one_in_every_context(tokens, order, alpha):
    model = NGram(order, 6, alpha).fit(tokens)
    for context in ([], [3], [0, 1], [5, 5, 5, 5], [2, 4, 1, 0, 3, 2]):
        p = model.probabilities(context)
        assert p.shape == (6,) and np.all(p > 0) and np.isclose(p.sum(), 1.0)


def test_a_bigram_is_the_smoothed_count_ratio():
    # "a b a b a c" over V = 3: after a come b twice and c once.
    tokens = np.array([0, 1, 0, 1, 0, 2])
    model = NGram(2, 3, alpha=0.5).fit(tokens)
    unigram = (np.bincount(tokens, minlength=3) + 0.5 / 3) / (6 + 0.5)
    followers_of_a = np.array([0, 2, 1])
    assert np.allclose(model.probabilities([0]), (followers_of_a + 0.5 * unigram) / (3 + 0.5))
    assert np.allclose(model.probabilities([2]), unigram)       # c was never followed: back off
    assert np.allclose(model.probabilities([]), unigram)
    assert np.allclose(model.probabilities([1, 0]), model.probabilities([0]))  # reads n - 1


def test_cross_entropy_is_the_mean_negative_log_probability(tokens):
    model = NGram(3, 6).fit(tokens[:200])
    text = tokens[200:240]
    by_hand = -np.mean([np.log(model.probabilities(text[max(0, t - 2):t])[text[t]])
                        for t in range(1, len(text))])
    assert np.isclose(model.cross_entropy(text), by_hand)


def test_a_variant_is_the_model_fitted_at_that_order_and_alpha(tokens):
    full = NGram(5, 6, alpha=1.0).fit(tokens[:250])
    for order, alpha in ((5, 3.0), (3, 1.0), (2, 0.5), (1, 10.0)):
        fitted = NGram(order, 6, alpha).fit(tokens[:250])
        variant = full.variant(order, alpha)
        assert variant.order == order and variant.alpha == alpha
        assert variant.cross_entropy(tokens[250:]) == fitted.cross_entropy(tokens[250:])
    assert full.variant().cross_entropy(tokens[250:]) == full.cross_entropy(tokens[250:])
    with pytest.raises(ValueError, match="order must be at most 5"):
        full.variant(6)
    with pytest.raises(ValueError, match="alpha"):
        full.variant(2, alpha=-1.0)
    with pytest.raises(RuntimeError, match="fit"):
        NGram(3, 6).variant(2)


def test_sentences_do_not_run_into_each_other():
    model = NGram(2, 3).fit([np.array([0, 1]), np.array([2, 0])])
    assert model.count([0, 1]) == model.count([2, 0]) == 1
    assert model.count([1, 2]) == 0             # "1" ended its sentence: nothing followed it
    assert model.count([0]) == 2 and model.count([1]) == 1
    assert np.isclose(model.cross_entropy([np.array([0, 1]), np.array([2, 0])]),
                      -np.mean(np.log([model.probabilities([0])[1],
                                       model.probabilities([2])[0]])))


def test_more_context_fits_the_training_text_better(tokens):
    losses = [NGram(n, 6, alpha=0.1).fit(tokens).cross_entropy(tokens) for n in (1, 2, 4)]
    assert losses[0] > losses[1] > losses[2]


def test_bad_input_is_named(tokens):
    with pytest.raises(ValueError, match="order"):
        NGram(0, 6)
    with pytest.raises(TypeError, match="vocab_size"):
        NGram(2, 6.5)
    with pytest.raises(ValueError, match="alpha"):
        NGram(2, 6, alpha=0)
    with pytest.raises(RuntimeError, match="fit"):
        NGram(2, 6).probabilities([1])
    model = NGram(2, 6)
    with pytest.raises(ValueError, match="tokens is empty"):
        model.fit([])
    with pytest.raises(ValueError, match=r"tokens must hold class indices from 0 to 5"):
        model.fit([0, 7])
    model.fit(tokens)
    with pytest.raises(TypeError, match="context must be token indices"):
        model.probabilities("ab")
    with pytest.raises(ValueError, match="context"):
        model.probabilities([9])
    with pytest.raises(ValueError, match="nothing to predict"):
        model.cross_entropy([3])
    assert repr(model) == "NGram(order=2, vocab_size=6, alpha=1)"
    with pytest.raises(ValueError, match="gram must hold 1 to 2 tokens"):
        model.count([1, 2, 3])
    with pytest.raises(TypeError, match="gram must be token indices"):
        model.count("ab")
    with pytest.raises(ValueError, match="too long a context"):
        NGram(12, 65)
