"""The character language model: vocabulary, streams and chunks, truncated BPTT, generation."""

import numpy as np
import pytest

import rnnkit
from rnnkit import charlm
from rnnkit.charlm import CharVocabulary, UnknownCharacterError
from rnnkit.gradcheck import numerical_gradient, relative_error

TEXT = "to be, or not to be:\nthat is the question.\n"


@pytest.fixture
def vocab():
    return CharVocabulary(TEXT)


@pytest.fixture
def rnn(vocab):
    return rnnkit.SimpleRNN(len(vocab), 6, len(vocab), seed=0)


class Recorder:
    """An optimiser that changes nothing and keeps the gradients it was given."""

    def step(self, params, grads):
        self.grads = {key: g.copy() for key, g in grads.items()}


def chunk_loss(rnn, vocab, x, y, h):
    logits = rnn.forward(vocab.one_hot(x), h)
    return rnnkit.softmax_cross_entropy(logits, y)[0]


# the vocabulary ---------------------------------------------------------------------------

def test_vocabulary_is_sorted_and_round_trips(vocab):
    assert vocab.chars == sorted(set(TEXT)) and len(vocab) == len(set(TEXT))
    assert CharVocabulary(TEXT[::-1]).chars == vocab.chars
    indices = vocab.encode(TEXT)
    assert indices.dtype == np.uint8 and indices.shape == (len(TEXT),)   # a byte a character
    assert vocab.decode(indices) == TEXT
    assert "\n" in vocab and "z" not in vocab
    assert repr(vocab).startswith(f"CharVocabulary({len(vocab)} characters: '\\n ")
    vocab.chars.append("z")                                # a copy: the vocabulary is unchanged
    assert "z" not in vocab


def test_one_hot_has_one_one_per_row(vocab):
    X = vocab.one_hot([[0, 3], [2, 2]])
    assert X.shape == (2, 2, len(vocab)) and X.dtype == np.float64
    assert np.array_equal(X.sum(axis=-1), np.ones((2, 2))) and X[0, 1, 3] == 1.0
    assert vocab.one_hot([1], dtype=np.float32).dtype == np.float32


def test_vocabulary_errors_name_the_argument_and_the_character(vocab):
    with pytest.raises(ValueError, match="text is empty"):
        CharVocabulary("")
    with pytest.raises(TypeError, match="text must be a str"):
        CharVocabulary(["to", "be"])
    with pytest.raises(UnknownCharacterError, match=r"prime contains the character 'Z' \(at "
                                                    r"position 3\)"):
        vocab.encode("to Zee", "prime")
    with pytest.raises(KeyError, match="'@'"):               # a KeyError and a ValueError
        vocab.encode("@")
    with pytest.raises(ValueError, match="text is empty"):
        vocab.encode("")
    with pytest.raises(TypeError, match="text must be a str"):
        vocab.encode([0, 1])
    with pytest.raises(ValueError, match="indices"):
        vocab.decode([0, len(vocab)])
    with pytest.raises(ValueError, match="indices"):
        vocab.one_hot([-1])
    assert str(UnknownCharacterError("plain")) == "plain"


# streams and chunks -----------------------------------------------------------------------

def test_split_streams_predicts_every_character_but_the_first_once():
    tokens = np.arange(23)
    streams = charlm.split_streams(tokens, 4)               # S = 22 // 4 = 5
    assert streams.shape == (4, 6)
    assert np.array_equal(streams[:, 1:].ravel(), tokens[1:21])
    assert np.array_equal(streams[1:, 0], streams[:-1, -1])  # each row starts where one ends
    assert np.array_equal(charlm.split_streams(tokens, 1), tokens[None])


def test_stream_batches_cut_each_stream_into_consecutive_chunks():
    tokens = np.arange(103)
    inputs, targets = charlm.stream_batches(tokens, 3, 7)   # S = 34, B = 4
    assert inputs.shape == targets.shape == (4, 3, 7)
    assert np.array_equal(targets, inputs + 1)              # the next character
    streams = charlm.split_streams(tokens, 3)
    for n in range(3):
        assert np.array_equal(np.concatenate(list(inputs[:, n])), streams[n, :28])
    assert np.array_equal(inputs[1:, :, 0], targets[:-1, :, -1])   # chunk b + 1 goes on
    assert inputs.flags.c_contiguous


def test_stream_errors_say_what_is_too_long():
    with pytest.raises(ValueError, match="T = 10 steps is a chunk longer than the text"):
        charlm.stream_batches(np.arange(10), 1, 10)
    with pytest.raises(ValueError, match=r"longer than each of the N = 4 streams \(2 steps"):
        charlm.stream_batches(np.arange(10), 4, 3)
    with pytest.raises(ValueError, match="N = 5 streams need at least 6 characters"):
        charlm.split_streams(np.arange(5), 5)
    with pytest.raises(ValueError, match="tokens"):
        charlm.split_streams(np.zeros((2, 5), dtype=int), 1)
    with pytest.raises(TypeError, match="tokens"):
        charlm.stream_batches("to be", 1, 2)
    with pytest.raises(TypeError, match="T"):
        charlm.stream_batches(np.arange(10), 1, 2.5)
    with pytest.raises(ValueError, match="N"):
        charlm.stream_batches(np.arange(10), 0, 2)


# truncated BPTT ---------------------------------------------------------------------------

def test_truncated_bptt_on_a_chunk_matches_numerical_gradients(vocab, rnn):
    rng = np.random.default_rng(1)
    x, y = rng.integers(0, len(vocab), (3, 5)), rng.integers(0, len(vocab), (3, 5))
    h = np.tanh(rng.normal(size=(3, 6)))                    # a state carried in from before
    recorder = Recorder()
    loss, h_T = charlm.tbptt_step(rnn, x, y, h, recorder)
    assert np.isclose(loss, chunk_loss(rnn, vocab, x, y, h))
    for key, param in rnn.params.items():
        numeric = numerical_gradient(lambda: chunk_loss(rnn, vocab, x, y, h), param)
        assert relative_error(recorder.grads[key], numeric) < 1e-6, key
    rnn.forward(vocab.one_hot(x), h)
    assert np.array_equal(h_T, rnn.final_state)


def test_the_gradient_stops_at_the_chunks_start(vocab, rnn):
    """Through two chunks, full BPTT of the second chunk's loss also changes W_hh through the
    first chunk; the truncated gradient is that of the second chunk with its h held fixed."""
    rng = np.random.default_rng(2)
    x = rng.integers(0, len(vocab), (2, 8))
    y = rng.integers(0, len(vocab), (2, 8))
    rnn.forward(vocab.one_hot(x[:, :4]))
    h = rnn.final_state
    recorder = Recorder()
    charlm.tbptt_step(rnn, x[:, 4:], y[:, 4:], h, recorder)

    def second_chunk_through_both():
        logits = rnn.forward(vocab.one_hot(x))
        return rnnkit.softmax_cross_entropy(logits[:, 4:], y[:, 4:])[0]

    full = numerical_gradient(second_chunk_through_both, rnn.params["W_hh"])
    fixed_h = numerical_gradient(lambda: chunk_loss(rnn, vocab, x[:, 4:], y[:, 4:], h),
                                 rnn.params["W_hh"])
    assert relative_error(recorder.grads["W_hh"], fixed_h) < 1e-6
    assert relative_error(recorder.grads["W_hh"], full) > 1e-3


def test_two_chunks_with_carried_state_are_exactly_one_long_forward_pass(vocab, rnn):
    tokens = vocab.encode(TEXT * 3)
    inputs, targets = charlm.stream_batches(tokens, 2, 10)
    recorder = Recorder()                                   # no update: the weights stay put
    losses, h = charlm.train_streams(rnn, inputs[:2], targets[:2], recorder)
    long_x = np.concatenate([inputs[0], inputs[1]], axis=1)            # (2, 20)
    logits = rnn.forward(vocab.one_hot(long_x))
    Hs = rnn.hidden_states
    assert np.array_equal(h, Hs[:, -1])
    rnn.forward(vocab.one_hot(inputs[0]))
    Hs_first = rnn.hidden_states
    rnn.forward(vocab.one_hot(inputs[1]), Hs_first[:, -1])
    Hs_second = rnn.hidden_states
    assert np.array_equal(np.concatenate([Hs_first, Hs_second], axis=1), Hs)
    for b in range(2):
        part = logits[:, 10 * b:10 * (b + 1)]
        assert losses[b] == pytest.approx(rnnkit.softmax_cross_entropy(part, targets[b])[0],
                                          rel=1e-12)


def test_training_on_a_short_text_lowers_its_loss(vocab):
    rnn = rnnkit.SimpleRNN(len(vocab), 16, len(vocab), seed=0)
    inputs, targets = charlm.stream_batches(vocab.encode(TEXT * 6), 4, 8)
    adam = rnnkit.Adam(0.02)
    first, h = charlm.train_streams(rnn, inputs, targets, adam, clip_norm=5.0)
    for _ in range(10):
        losses, h = charlm.train_streams(rnn, inputs, targets, adam, h=h, clip_norm=5.0)
    assert losses.shape == (len(inputs),) and h.shape == (4, 16)
    assert losses.mean() < 0.5 * first.mean()


def test_training_errors_name_the_argument(vocab, rnn):
    x = np.zeros((2, 3), dtype=int)
    adam = rnnkit.Adam()
    with pytest.raises(ValueError, match="y must have the shape of x"):
        charlm.tbptt_step(rnn, x, np.zeros((2, 4), dtype=int), None, adam)
    with pytest.raises(ValueError, match="x must hold class indices"):
        charlm.tbptt_step(rnn, x + len(vocab), x, None, adam)
    with pytest.raises(ValueError, match="h must have shape"):
        charlm.tbptt_step(rnn, x, x, np.zeros((3, 6)), adam)
    with pytest.raises(ValueError, match="clip_norm"):
        charlm.tbptt_step(rnn, x, x, None, adam, clip_norm=0)
    with pytest.raises(TypeError, match="rnn must be an rnnkit.SimpleRNN"):
        charlm.tbptt_step(rnnkit.LSTM(3, 2, 3), x, x, None, adam)
    with pytest.raises(ValueError, match="input_size = output_size"):
        charlm.tbptt_step(rnnkit.SimpleRNN(4, 2, 3), x, x, None, adam)
    with pytest.raises(ValueError, match="output_activation 'identity'"):
        charlm.tbptt_step(rnnkit.SimpleRNN(4, 2, 4, output_activation="softmax"), x, x, None,
                          adam)
    with pytest.raises(ValueError, match="inputs must have 3 dimensions"):
        charlm.train_streams(rnn, x, x, adam)
    with pytest.raises(ValueError, match="targets must have the shape of inputs"):
        charlm.train_streams(rnn, x[None], np.zeros((1, 2, 4), dtype=int), adam)
    with pytest.raises(ValueError, match="h must have shape"):
        charlm.train_streams(rnn, x[None], x[None], adam, h=np.zeros((2, 5)))
    with pytest.raises(TypeError, match="clip_norm"):
        charlm.train_streams(rnn, x[None], x[None], adam, clip_norm="5")


# held-out loss ----------------------------------------------------------------------------

def test_character_losses_carry_the_state_whatever_the_chunk(vocab, rnn):
    streams = charlm.split_streams(vocab.encode(TEXT * 2), 3)
    losses = charlm.character_losses(rnn, streams)
    assert losses.shape == (3, streams.shape[1] - 1) and np.all(losses > 0)
    logits = rnn.forward(vocab.one_hot(streams[:, :-1]))
    log_p = rnnkit.log_softmax(logits)
    by_hand = -np.take_along_axis(log_p, streams[:, 1:, None], axis=-1)[..., 0]
    assert np.allclose(losses, by_hand, rtol=1e-12, atol=0)
    assert np.allclose(charlm.character_losses(rnn, streams, chunk=4), losses, rtol=1e-12)
    assert charlm.cross_entropy(rnn, streams) == pytest.approx(losses.mean(), rel=1e-12)
    assert charlm.cross_entropy(rnn, streams) == pytest.approx(
        rnnkit.softmax_cross_entropy(logits, streams[:, 1:])[0], rel=1e-12)


def test_an_untrained_model_is_about_as_unsure_as_uniform(vocab, rnn):
    streams = charlm.split_streams(vocab.encode(TEXT), 1)
    perplexity = rnnkit.perplexity(charlm.cross_entropy(rnn, streams))
    assert 0.7 * len(vocab) < perplexity < 1.3 * len(vocab)


def test_held_out_errors_name_the_argument(vocab, rnn):
    with pytest.raises(ValueError, match="at least 2 characters per row"):
        charlm.character_losses(rnn, np.zeros((3, 1), dtype=int))
    with pytest.raises(ValueError, match="streams must have 2 dimensions"):
        charlm.cross_entropy(rnn, np.zeros(5, dtype=int))
    with pytest.raises(ValueError, match="streams must hold class indices"):
        charlm.cross_entropy(rnn, np.full((2, 5), len(vocab)))
    with pytest.raises(ValueError, match="chunk"):
        charlm.cross_entropy(rnn, np.zeros((2, 5), dtype=int), chunk=0)


# generation -------------------------------------------------------------------------------

def test_greedy_generation_is_one_forward_pass_over_the_growing_text(vocab, rnn):
    new = charlm.generate(rnn, vocab, "to be", length=12, temperature=0)
    assert len(new) == 12 and set(new) <= set(vocab.chars)
    text = "to be"
    for character in new:                    # each step: the most likely after all so far
        logits = rnn.forward(vocab.one_hot(vocab.encode(text))[None])
        assert vocab.chars[int(np.argmax(logits[0, -1]))] == character
        text += character
    assert charlm.generate(rnn, vocab, "to be", 12, temperature=0, seed=5) == new


def test_sampling_follows_the_seed_and_the_temperature(vocab, rnn):
    one = charlm.generate(rnn, vocab, "th", length=30, temperature=1.0, seed=3)
    assert one == charlm.generate(rnn, vocab, "th", length=30, temperature=1.0, seed=3)
    assert one != charlm.generate(rnn, vocab, "th", length=30, temperature=1.0, seed=4)
    greedy = charlm.generate(rnn, vocab, "th", length=30, temperature=0)
    assert charlm.generate(rnn, vocab, "th", length=30, temperature=1e-4, seed=8) == greedy
    top_1 = charlm.generate(rnn, vocab, "th", length=30, temperature=2.0, seed=1, top_k=1)
    assert top_1 == greedy


def test_next_character_probabilities(vocab, rnn):
    p = charlm.next_character_probabilities(rnn, vocab, "to b")
    assert p.shape == (len(vocab),) and np.isclose(p.sum(), 1.0)
    cold = charlm.next_character_probabilities(rnn, vocab, "to b", temperature=0.5)
    hot = charlm.next_character_probabilities(rnn, vocab, "to b", temperature=2.0)
    assert cold.max() > p.max() > hot.max()
    greedy = charlm.next_character_probabilities(rnn, vocab, "to b", temperature=0)
    assert greedy[np.argmax(p)] == 1.0 and greedy.sum() == 1.0
    assert vocab.chars[int(np.argmax(p))] == charlm.generate(rnn, vocab, "to b", 1, 0)


def test_generation_errors_name_the_argument(vocab, rnn):
    with pytest.raises(UnknownCharacterError, match=r"prime contains the character 'Q' \(at "
                                                    r"position 0\)"):
        charlm.generate(rnn, vocab, "Quick")
    with pytest.raises(ValueError, match="prime is empty"):
        charlm.generate(rnn, vocab, "")
    with pytest.raises(TypeError, match="prime must be a str"):
        charlm.generate(rnn, vocab, [1, 2])
    with pytest.raises(ValueError, match="temperature must be >= 0"):
        charlm.generate(rnn, vocab, "to", temperature=-1.0)
    with pytest.raises(ValueError, match="temperature must be >= 0"):
        charlm.next_character_probabilities(rnn, vocab, "to", temperature=-0.5)
    with pytest.raises(ValueError, match="length"):
        charlm.generate(rnn, vocab, "to", length=0)
    with pytest.raises(ValueError, match="top_k"):
        charlm.generate(rnn, vocab, "to", top_k=0)
    with pytest.raises(TypeError, match="seed"):
        charlm.generate(rnn, vocab, "to", seed="zero")
    with pytest.raises(TypeError, match="vocab must be an rnnkit.charlm.CharVocabulary"):
        charlm.generate(rnn, vocab.chars, "to")
    with pytest.raises(ValueError, match=f"V = {len(vocab)}"):
        charlm.generate(rnnkit.SimpleRNN(3, 2, 3), vocab, "to")
