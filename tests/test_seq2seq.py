"""rnnkit.seq2seq: the decoder's step as its docstring writes it, BPTT through the decoder,
attention and the bidirectional encoder against finite differences, teacher forcing and
greedy writing, training with rnnkit.train, translate, and the errors."""

import numpy as np
import pytest

import rnnkit
from rnnkit.attention import attention
from rnnkit.cells import GRU_CELL, LSTM_CELL, RNN_CELL
from rnnkit.cells.bidirectional import Bidirectional
from rnnkit.gradcheck import numerical_gradient, relative_error
from rnnkit.lm import UnknownTokenError, Vocabulary
from rnnkit.seq2seq import Seq2Seq, translate
from rnnkit.training import compute_loss

V_IN, V_OUT, E, H = 7, 5, 3, 2


def perturbed(attention=True, cell=RNN_CELL, seed=0):
    model = Seq2Seq(V_IN, V_OUT, E, H, attention=attention, cell=cell, seed=seed)
    rng = np.random.default_rng(seed + 100)
    for p in model.params.values():
        p += 0.3 * rng.normal(size=p.shape)
    return model


def tokens(seed, N=3, T_in=4, T_out=3):
    rng = np.random.default_rng(seed)
    return rng.integers(0, V_IN, size=(N, T_in)), rng.integers(0, V_OUT, size=(N, T_out))


def test_params_and_shapes():
    model = Seq2Seq(V_IN, V_OUT, E, H, seed=0)
    assert list(model.params) == [
        "enc_W_e", "enc_fwd_W_xh", "enc_fwd_W_hh", "enc_fwd_b_h", "enc_bwd_W_xh", "enc_bwd_W_hh",
        "enc_bwd_b_h", "dec_W_e", "dec_W_xh", "dec_W_hh", "dec_b_h", "W_oh", "b_o"]
    assert model.params["dec_W_xh"].shape == (E + 2 * H, 2 * H)
    assert Seq2Seq(V_IN, V_OUT, E, H, attention=False).params["dec_W_xh"].shape == (E, 2 * H)
    X, Y = tokens(0)
    Z = model.forward(X, teacher=Y)
    assert Z.shape == (3, 3, V_OUT)
    assert model.attention_weights.shape == (3, 3, 4)
    np.testing.assert_allclose(model.attention_weights.sum(axis=2), 1.0)
    assert model.hidden_states.shape == (3, 4 + 3, 2 * H)
    assert "attention=True, cell=SimpleRNN" in repr(model)


def test_the_decoder_steps_as_the_docstring_writes_them():
    model = perturbed(seed=1)
    p, X, Y = model.params, *tokens(1)
    Z = model.forward(X, teacher=Y)
    encoder = Bidirectional(RNN_CELL, E, H)
    encoder.params.update({k[4:]: v for k, v in p.items() if k.startswith(("enc_fwd", "enc_bwd"))})
    Hs = encoder.forward(p["enc_W_e"][X])
    s = np.concatenate([Hs[:, -1, :H], Hs[:, 0, H:]], axis=1)           # s_0 = [h^f_T, h^b_1]
    y_prev = np.zeros(3, int)                                              # the start token 0
    for t in range(3):
        c, a = attention(s, Hs, Hs)
        u = np.concatenate([p["dec_W_e"][y_prev], c], axis=1)
        s = rnnkit.rnn_step(u, s, p["dec_W_xh"], p["dec_W_hh"], p["dec_b_h"])
        np.testing.assert_allclose(model.attention_weights[:, t], a, atol=1e-14)
        np.testing.assert_allclose(Z[:, t], s @ p["W_oh"] + p["b_o"], atol=1e-14)
        y_prev = Y[:, t]                                                   # teacher forcing


def test_writing_alone_feeds_back_its_most_likely_token():
    model = perturbed(seed=2)
    X, _ = tokens(2)
    Z = model.forward(X, steps=4)
    own = Z.argmax(axis=2)
    np.testing.assert_allclose(model.forward(X, teacher=own), Z, atol=1e-14)


@pytest.mark.parametrize("cell", [RNN_CELL, GRU_CELL], ids=["SimpleRNN", "GRU"])
@pytest.mark.parametrize("with_attention", [True, False])
def test_bptt_matches_finite_differences(cell, with_attention):
    model = perturbed(with_attention, cell, seed=3)
    X, Y = tokens(3)

    def loss():
        return compute_loss(model, X, Y, "softmax_cross_entropy", forward_args={"teacher": Y})[0]

    _, dZ = compute_loss(model, X, Y, "softmax_cross_entropy", forward_args={"teacher": Y})
    grads = model.backward(dZ)
    assert list(grads) == list(model.params) and model.grad_X is None
    for key, param in model.params.items():
        assert relative_error(grads[key], numerical_gradient(loss, param)) < 1e-6, key


def test_rnnkit_train_trains_it_by_teacher_forcing():
    rng = np.random.default_rng(4)
    X = rng.integers(0, 4, size=(200, 3))
    Y = X[:, ::-1] + 1                          # reverse, shifted past the start token 0
    model = Seq2Seq(4, 5, 4, 8, seed=4)
    history = rnnkit.train(model, X, Y, loss="softmax_cross_entropy", epochs=40,
                           optimizer=rnnkit.Adam(0.02), seed=4, forward_args={"teacher": Y})
    assert history.loss[-1] < 0.1 * history.loss[0]
    written = model.forward(X, steps=3).argmax(axis=2)
    assert np.mean(np.all(written == Y, axis=1)) > 0.9


def test_translate_writes_until_the_end_token():
    source = Vocabulary(["a", "b", "c"], "word")
    target = Vocabulary(list("^.xyz"), "character")
    model = Seq2Seq(3, 5, 2, 2, start=target.index("^"), seed=5)
    out, weights = translate(model, source, target, "a b c b")
    assert isinstance(out, str) and len(out) == 10 and weights.shape == (10, 4)
    model.params["b_o"][:] = 0.0
    model.params["b_o"][target.index(".")] = 100.0                      # always the end
    out, weights = translate(model, source, target, ["c", "a"], end=".")
    assert out == "." and weights.shape == (1, 2)
    plain = Seq2Seq(3, 5, 2, 2, attention=False, seed=5)
    assert translate(plain, source, target, "a", max_steps=3)[1] is None
    assert len(translate(plain, source, target, "a", max_steps=3)[0]) == 3
    with pytest.raises(UnknownTokenError, match="unknown word 'd'"):
        translate(model, source, target, "a d")
    with pytest.raises(ValueError, match="text is empty"):
        translate(model, source, target, "")
    with pytest.raises(ValueError, match="target must be the vocabulary of the model's outputs"):
        translate(model, source, source, "a")
    with pytest.raises(TypeError, match="model must be an rnnkit.seq2seq.Seq2Seq"):
        translate(rnnkit.SimpleRNN(3, 2, 5), source, target, "a")


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match="cell must carry one state h.*LSTM"):
        Seq2Seq(V_IN, V_OUT, E, H, cell=LSTM_CELL)
    with pytest.raises(TypeError, match="cell must be a Cell"):
        Seq2Seq(V_IN, V_OUT, E, H, cell=rnnkit.GRU)
    with pytest.raises(ValueError, match=r"start must be an output token, from 0 to 4"):
        Seq2Seq(V_IN, V_OUT, E, H, start=5)
    with pytest.raises(TypeError, match="attention must be True or False"):
        Seq2Seq(V_IN, V_OUT, E, H, attention="yes")
    with pytest.raises(ValueError, match="embedding_size"):
        Seq2Seq(V_IN, V_OUT, 0, H)
    model = Seq2Seq(V_IN, V_OUT, E, H)
    X, Y = tokens(6)
    with pytest.raises(ValueError, match=r"X holds the token 7 at position \(0, 1\), outside"):
        model.forward([[1, 7]], steps=2)
    with pytest.raises(ValueError, match="X is empty"):
        model.forward(np.zeros((2, 0), int), steps=2)
    with pytest.raises(ValueError, match=r"X must have shape \(N, T_in\)"):
        model.forward(np.zeros(3, int), steps=2)
    with pytest.raises(ValueError, match="steps is needed without a teacher"):
        model.forward(X)
    with pytest.raises(ValueError, match=r"teacher must have shape \(3, T_out\)"):
        model.forward(X, teacher=Y[:2])
    with pytest.raises(ValueError, match=r"teacher holds the token \d+ at position \(0, 0\)"):
        model.forward(X, teacher=Y + 5)
    with pytest.raises(RuntimeError, match="needs a forward"):
        Seq2Seq(V_IN, V_OUT, E, H).backward(np.zeros((3, 3, V_OUT)))
    model.forward(X, teacher=Y)
    with pytest.raises(ValueError, match=r"dZ must have shape \(3, 3, 5\)"):
        model.backward(np.zeros((3, 2, V_OUT)))
    with pytest.raises(AttributeError, match="attention=False has no attention weights"):
        plain = Seq2Seq(V_IN, V_OUT, E, H, attention=False)
        plain.forward(X, steps=2)
        _ = plain.attention_weights
