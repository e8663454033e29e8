"""Truncated BPTT and held-out loss, the state carried: for SimpleRNN, LSTM and GRU, stacked,
with an embedding and dropout."""

import numpy as np
import pytest

import rnnkit
from rnnkit.gradcheck import numerical_gradient, relative_error
from rnnkit.lm import Vocabulary
from rnnkit.lm.tbptt import (
    cross_entropy,
    split_streams,
    stream_batches,
    tbptt_step,
    token_losses,
    train_streams,
)

TEXT = "to be, or not to be:\nthat is the question.\n"


@pytest.fixture
def vocab():
    return Vocabulary.of_characters(TEXT)


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


# streams and chunks -----------------------------------------------------------------------

def test_split_streams_predicts_every_character_but_the_first_once():
    tokens = np.arange(23)
    streams = split_streams(tokens, 4)               # S = 22 // 4 = 5
    assert streams.shape == (4, 6)
    assert np.array_equal(streams[:, 1:].ravel(), tokens[1:21])
    assert np.array_equal(streams[1:, 0], streams[:-1, -1])  # each row starts where one ends
    assert np.array_equal(split_streams(tokens, 1), tokens[None])


def test_stream_batches_cut_each_stream_into_consecutive_chunks():
    tokens = np.arange(103)
    inputs, targets = stream_batches(tokens, 3, 7)   # S = 34, B = 4
    assert inputs.shape == targets.shape == (4, 3, 7)
    assert np.array_equal(targets, inputs + 1)              # the next character
    streams = split_streams(tokens, 3)
    for n in range(3):
        assert np.array_equal(np.concatenate(list(inputs[:, n])), streams[n, :28])
    assert np.array_equal(inputs[1:, :, 0], targets[:-1, :, -1])   # chunk b + 1 goes on
    assert inputs.flags.c_contiguous


def test_stream_errors_say_what_is_too_long():
    with pytest.raises(ValueError, match="T = 10 steps is a chunk longer than the text"):
        stream_batches(np.arange(10), 1, 10)
    with pytest.raises(ValueError, match=r"longer than each of the N = 4 streams \(2 steps"):
        stream_batches(np.arange(10), 4, 3)
    with pytest.raises(ValueError, match="N = 5 streams need at least 6 tokens"):
        split_streams(np.arange(5), 5)
    with pytest.raises(ValueError, match="tokens"):
        split_streams(np.zeros((2, 5), dtype=int), 1)
    with pytest.raises(TypeError, match="tokens"):
        stream_batches("to be", 1, 2)
    with pytest.raises(TypeError, match="T"):
        stream_batches(np.arange(10), 1, 2.5)
    with pytest.raises(ValueError, match="N"):
        stream_batches(np.arange(10), 0, 2)


# truncated BPTT ---------------------------------------------------------------------------

def test_truncated_bptt_on_a_chunk_matches_numerical_gradients(vocab, rnn):
    rng = np.random.default_rng(1)
    x, y = rng.integers(0, len(vocab), (3, 5)), rng.integers(0, len(vocab), (3, 5))
    h = np.tanh(rng.normal(size=(3, 6)))                    # a state carried in from before
    recorder = Recorder()
    loss, h_T = tbptt_step(rnn, x, y, h, recorder)
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
    tbptt_step(rnn, x[:, 4:], y[:, 4:], h, recorder)

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
    inputs, targets = stream_batches(tokens, 2, 10)
    recorder = Recorder()                                   # no update: the weights stay put
    losses, h = train_streams(rnn, inputs[:2], targets[:2], recorder)
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
    inputs, targets = stream_batches(vocab.encode(TEXT * 6), 4, 8)
    adam = rnnkit.Adam(0.02)
    first, h = train_streams(rnn, inputs, targets, adam, clip_norm=5.0)
    for _ in range(10):
        losses, h = train_streams(rnn, inputs, targets, adam, state=h, clip_norm=5.0)
    assert losses.shape == (len(inputs),) and h.shape == (4, 16)
    assert losses.mean() < 0.5 * first.mean()


def test_training_errors_name_the_argument(vocab, rnn):
    x = np.zeros((2, 3), dtype=int)
    adam = rnnkit.Adam()
    with pytest.raises(ValueError, match="y must have the shape of x"):
        tbptt_step(rnn, x, np.zeros((2, 4), dtype=int), None, adam)
    with pytest.raises(ValueError, match="x must hold class indices"):
        tbptt_step(rnn, x + len(vocab), x, None, adam)
    with pytest.raises(ValueError, match="state must have shape"):
        tbptt_step(rnn, x, x, np.zeros((3, 6)), adam)
    with pytest.raises(ValueError, match="clip_norm"):
        tbptt_step(rnn, x, x, None, adam, clip_norm=0)
    with pytest.raises(TypeError, match="model must be an rnnkit recurrent network"):
        tbptt_step(rnnkit.ManyToOne(3, 2, 3), x, x, None, adam)
    with pytest.raises(ValueError, match=r"state must be the pair \(h, c\)"):
        tbptt_step(rnnkit.LSTM(len(vocab), 2, len(vocab)), x, x, np.zeros((2, 2)), adam)
    with pytest.raises(ValueError, match="state must be a list of 2 states"):
        tbptt_step(rnnkit.GRU(len(vocab), 2, len(vocab), layers=2), x, x, np.zeros((2, 2)),
                   adam)
    with pytest.raises(ValueError, match="input_size = output_size"):
        tbptt_step(rnnkit.SimpleRNN(4, 2, 3), x, x, None, adam)
    with pytest.raises(ValueError, match="output_activation 'identity'"):
        tbptt_step(rnnkit.SimpleRNN(4, 2, 4, output_activation="softmax"), x, x, None, adam)
    with pytest.raises(ValueError, match="inputs must have 3 dimensions"):
        train_streams(rnn, x, x, adam)
    with pytest.raises(ValueError, match="targets must have the shape of inputs"):
        train_streams(rnn, x[None], np.zeros((1, 2, 4), dtype=int), adam)
    with pytest.raises(ValueError, match="state must have shape"):
        train_streams(rnn, x[None], x[None], adam, state=np.zeros((2, 5)))
    with pytest.raises(TypeError, match="clip_norm"):
        train_streams(rnn, x[None], x[None], adam, clip_norm="5")


# held-out loss ----------------------------------------------------------------------------

def test_token_losses_carry_the_state_whatever_the_chunk(vocab, rnn):
    streams = split_streams(vocab.encode(TEXT * 2), 3)
    losses = token_losses(rnn, streams)
    assert losses.shape == (3, streams.shape[1] - 1) and np.all(losses > 0)
    logits = rnn.forward(vocab.one_hot(streams[:, :-1]))
    log_p = rnnkit.log_softmax(logits)
    by_hand = -np.take_along_axis(log_p, streams[:, 1:, None], axis=-1)[..., 0]
    assert np.allclose(losses, by_hand, rtol=1e-12, atol=0)
    assert np.allclose(token_losses(rnn, streams, chunk=4), losses, rtol=1e-12)
    assert cross_entropy(rnn, streams) == pytest.approx(losses.mean(), rel=1e-12)
    assert cross_entropy(rnn, streams) == pytest.approx(
        rnnkit.softmax_cross_entropy(logits, streams[:, 1:])[0], rel=1e-12)


def test_an_untrained_model_is_about_as_unsure_as_uniform(vocab, rnn):
    streams = split_streams(vocab.encode(TEXT), 1)
    perplexity = rnnkit.perplexity(cross_entropy(rnn, streams))
    assert 0.7 * len(vocab) < perplexity < 1.3 * len(vocab)


def test_held_out_errors_name_the_argument(vocab, rnn):
    with pytest.raises(ValueError, match="at least 2 tokens per row"):
        token_losses(rnn, np.zeros((3, 1), dtype=int))
    with pytest.raises(ValueError, match="streams must have 2 dimensions"):
        cross_entropy(rnn, np.zeros(5, dtype=int))
    with pytest.raises(ValueError, match="streams must hold class indices"):
        cross_entropy(rnn, np.full((2, 5), len(vocab)))
    with pytest.raises(ValueError, match="chunk"):
        cross_entropy(rnn, np.zeros((2, 5), dtype=int), chunk=0)




# any cell: LSTM, GRU, stacked, with an embedding and dropout ------------------------------

def stacked(V, cell=rnnkit.LSTM, dropout=0.0, seed=0):
    return cell(V, 5, V, seed=seed, layers=2, embedding_size=4, dropout=dropout)


def inputs_of(model, vocab, x):
    return x if model.embedding_size else vocab.one_hot(x)


@pytest.mark.parametrize("make", [
    lambda V: rnnkit.LSTM(V, 5, V, seed=1), lambda V: rnnkit.GRU(V, 5, V, seed=2),
    lambda V: stacked(V), lambda V: stacked(V, rnnkit.GRU),
], ids=["LSTM", "GRU", "stacked LSTM, embedding", "stacked GRU, embedding"])
def test_truncated_bptt_of_every_cell_matches_numerical_gradients(vocab, make):
    model = make(len(vocab))
    rng = np.random.default_rng(3)
    x, y = rng.integers(0, len(vocab), (2, 4)), rng.integers(0, len(vocab), (2, 4))
    model.forward(inputs_of(model, vocab, rng.integers(0, len(vocab), (2, 3))))
    state = model.final_state                                # carried in from a chunk before

    def loss():
        Y = model.forward(inputs_of(model, vocab, x), state)
        return rnnkit.softmax_cross_entropy(Y, y)[0]

    recorder = Recorder()
    chunk, final = tbptt_step(model, x, y, state, recorder)
    assert np.isclose(chunk, loss())
    for key, param in model.params.items():
        numeric = numerical_gradient(loss, param)
        assert relative_error(recorder.grads[key], numeric) < 1e-5, key
    loss()
    assert all(np.array_equal(a, b) for a, b in zip(np.ravel(final), np.ravel(model.final_state)))


@pytest.mark.parametrize("make", [
    lambda V: rnnkit.LSTM(V, 6, V, seed=0), lambda V: stacked(V),
    lambda V: stacked(V, rnnkit.GRU),
], ids=["LSTM", "stacked LSTM, embedding", "stacked GRU, embedding"])
def test_two_chunks_with_the_state_carried_are_one_long_pass_for_any_cell(vocab, make):
    model = make(len(vocab))
    inputs, targets = stream_batches(vocab.encode(TEXT * 3), 2, 10)
    losses, state = train_streams(model, inputs[:2], targets[:2], Recorder())   # no update
    long_x = np.concatenate([inputs[0], inputs[1]], axis=1)            # (2, 20)
    Y = model.forward(inputs_of(model, vocab, long_x))
    Hs = model.hidden_states
    for carried, long in zip(np.ravel(state), np.ravel(model.final_state)):    # h (and c) a layer
        assert np.allclose(carried, long, rtol=1e-12, atol=0)
    model.forward(inputs_of(model, vocab, inputs[0]))
    Hs_first = model.hidden_states
    model.forward(inputs_of(model, vocab, inputs[1]), model.final_state)
    assert np.allclose(np.concatenate([Hs_first, model.hidden_states], axis=1), Hs,
                       rtol=1e-12, atol=1e-15)
    for b in range(2):
        part = Y[:, 10 * b:10 * (b + 1)]
        assert losses[b] == pytest.approx(rnnkit.softmax_cross_entropy(part, targets[b])[0],
                                          rel=1e-12)
    streams = split_streams(vocab.encode(TEXT * 2), 3)
    assert np.allclose(token_losses(model, streams, chunk=4), token_losses(model, streams, 50),
                       rtol=1e-12)


def test_tbptt_trains_with_dropout_and_scores_without(vocab):
    model = stacked(len(vocab), dropout=0.5)
    x, y = stream_batches(vocab.encode(TEXT * 3), 2, 10)
    recorder = Recorder()
    loss, _ = tbptt_step(model, x[0], y[0], None, recorder)
    clean = rnnkit.softmax_cross_entropy(model.forward(x[0]), y[0])[0]   # training=False
    assert loss != pytest.approx(clean, rel=1e-6)                    # dropout was on
    assert loss == pytest.approx(tbptt_step(model, x[0], y[0], None, recorder)[0], rel=0.5)
    streams = split_streams(vocab.encode(TEXT), 2)
    assert token_losses(model, streams).tolist() == token_losses(model, streams).tolist()


def test_a_stacked_lstm_with_an_embedding_and_dropout_learns_a_short_text(vocab):
    """The kind of model notebook 07's successor trains: LSTM, 2 layers, an embedding,
    dropout, float32; its loss on the chunks falls as truncated BPTT goes over them."""
    V = len(vocab)
    model = rnnkit.LSTM(V, 32, V, layers=2, embedding_size=8, dropout=0.25, dtype=np.float32,
                        seed=0)
    inputs, targets = stream_batches(vocab.encode(TEXT * 8), 4, 10)
    adam = rnnkit.Adam(0.01)
    streams = split_streams(vocab.encode(TEXT * 2), 2)
    before = cross_entropy(model, streams)
    first, state = train_streams(model, inputs, targets, adam, clip_norm=5.0)
    for _ in range(15):
        losses, state = train_streams(model, inputs, targets, adam, state, clip_norm=5.0)
    assert len(state) == 2 and all(h.shape == c.shape == (4, 32) and h.dtype == np.float32
                                   for h, c in state)
    assert losses.mean() < 0.6 * first.mean()
    assert cross_entropy(model, streams) < 0.6 * before


def test_one_step_of_the_large_model_runs():
    """rnnkit.LSTM(V, 512, V, layers=2, embedding_size=64, dropout=0.25, dtype=np.float32), as
    the character model trained after notebook 07 is set up, takes a tbptt_step."""
    vocab = Vocabulary.of_characters(TEXT)
    V = len(vocab)
    model = rnnkit.LSTM(V, 512, V, layers=2, embedding_size=64, dropout=0.25, dtype=np.float32,
                        seed=0)
    inputs, targets = stream_batches(vocab.encode(TEXT * 2), 2, 8)
    loss, state = tbptt_step(model, inputs[0], targets[0], None, rnnkit.Adam(1e-3), 1.0)
    assert np.isfinite(loss) and abs(loss - np.log(V)) < 0.5
    assert [(h.shape, c.shape, h.dtype) for h, c in state] == [((2, 512), (2, 512),
                                                                np.float32)] * 2
    loss_2, _ = tbptt_step(model, inputs[1], targets[1], state, rnnkit.Adam(1e-3), 1.0)
    assert np.isfinite(loss_2)
