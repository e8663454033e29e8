"""rnnkit.lm.checkpoint: a trained model saved to one file and loaded back."""

import numpy as np
import pytest

import rnnkit
from rnnkit.lm import Vocabulary, load_checkpoint, save_checkpoint

VOCAB = Vocabulary.of_characters("to be, or not to be")


@pytest.mark.parametrize("network", [rnnkit.SimpleRNN, rnnkit.LSTM, rnnkit.GRU])
def test_a_model_comes_back_with_its_vocabulary_and_settings(tmp_path, network):
    V = len(VOCAB)
    model = network(V, 6, V, seed=0, layers=2, embedding_size=3, dropout=0.25)
    path = save_checkpoint(tmp_path / "model.npz", model, VOCAB, {"learning_rate": 3e-3})
    back, vocab, settings = load_checkpoint(path)
    assert type(back) is network and back.dtype == np.float32
    assert (back.layers, back.embedding_size, back.dropout) == (2, 3, 0.25)
    assert vocab.tokens == VOCAB.tokens and vocab.unit == "character"
    assert settings == {"learning_rate": 3e-3}
    assert list(back.params) == list(model.params)
    for key, value in model.params.items():           # float16: three significant digits
        np.testing.assert_allclose(back.params[key], value, rtol=1e-3, atol=1e-4)
    tokens = VOCAB.encode("not to be")[None]
    np.testing.assert_allclose(back.forward(tokens), model.forward(tokens), atol=1e-3)


def test_float32_storage_is_exact_and_the_file_is_small(tmp_path):
    V = len(VOCAB)
    model = rnnkit.LSTM(V, 32, V, seed=1, dtype=np.float32)
    exact = save_checkpoint(tmp_path / "exact.npz", model, VOCAB, dtype=np.float32)
    half = save_checkpoint(tmp_path / "half.npz", model, VOCAB)
    back, _, _ = load_checkpoint(exact)
    for key, value in model.params.items():
        np.testing.assert_array_equal(back.params[key], value)
    weights = sum(p.size for p in model.params.values())
    assert half.stat().st_size < 2.2 * weights < exact.stat().st_size


def test_bad_arguments_are_named(tmp_path):
    with pytest.raises(TypeError, match="model must be an rnnkit recurrent network"):
        save_checkpoint(tmp_path / "x.npz", rnnkit.MLP((2, 3, 1)), VOCAB)
    model = rnnkit.SimpleRNN(len(VOCAB), 4, len(VOCAB))
    with pytest.raises(TypeError, match="vocab must be an rnnkit.lm.Vocabulary"):
        save_checkpoint(tmp_path / "x.npz", model, VOCAB.tokens)
    with pytest.raises(ValueError, match="dtype must be np.float16 or np.float32"):
        save_checkpoint(tmp_path / "x.npz", model, VOCAB, dtype=np.int8)


def test_the_shipped_lstm_is_a_keras_model_too():
    """Notebook 07's trained LSTM, in Keras' layout: to_keras builds Embedding, LSTM, LSTM,
    Dense with its weights as they are, and both score a held-out line alike."""
    pytest.importorskip("keras")
    lstm, vocab, _ = rnnkit.datasets.shakespeare_lstm()
    model = rnnkit.keras_bridge.to_keras(lstm, return_sequences=True)
    assert [type(layer).__name__ for layer in model.layers] == ["Embedding", "LSTM", "LSTM",
                                                                 "Dense"]
    line = vocab.encode(rnnkit.datasets.tiny_shakespeare()[-120:])[None]
    ours = rnnkit.lm.logits(lstm, line)
    theirs = np.asarray(model(line.astype(np.int32), training=False))
    assert np.abs(ours - theirs).max() < 1e-4
