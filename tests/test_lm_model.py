"""What a language model is: any recurrent network of input and output size V, and what it
reads."""

import numpy as np
import pytest

import rnnkit
from rnnkit.lm import Vocabulary
from rnnkit.lm.model import as_inputs, as_language_model, logits

WORDS = Vocabulary.of_words(["a b c"])
CHARS = Vocabulary.of_characters("abcd")


@pytest.mark.parametrize("model", [
    rnnkit.SimpleRNN(3, 4, 3), rnnkit.ManyToMany(3, 4, 3), rnnkit.LSTM(3, 4, 3),
    rnnkit.GRU(3, 4, 3, output_activation="softmax"),
    rnnkit.LSTM(3, 4, 3, layers=2, embedding_size=2, dropout=0.25, dtype=np.float32),
], ids=["SimpleRNN", "ManyToMany", "LSTM", "GRU softmax", "stacked LSTM with an embedding"])
def test_every_recurrent_network_of_size_V_is_a_language_model(model):
    assert as_language_model(model, WORDS) is model
    assert as_language_model(model) is model                  # V taken from the model


def test_errors_name_the_model_the_vocab_and_what_they_need():
    with pytest.raises(TypeError, match="vocab must be an rnnkit.lm.Vocabulary"):
        as_language_model(rnnkit.SimpleRNN(3, 2, 3), ["a", "b", "c"])
    with pytest.raises(TypeError, match="model must be an rnnkit recurrent network"):
        as_language_model(object(), WORDS)
    with pytest.raises(TypeError, match="model"):
        as_language_model(rnnkit.ManyToOne(3, 2, 3), WORDS)     # one output, not one a step
    with pytest.raises(ValueError, match=r"vocab has V = 4 characters, so the model needs "
                                         r"input_size = output_size = 4, got input_size = 3"):
        as_language_model(rnnkit.LSTM(3, 2, 3), CHARS)
    with pytest.raises(ValueError, match="input_size = output_size = V, got input_size = 4, "
                                         "output_size = 3"):
        as_language_model(rnnkit.SimpleRNN(4, 2, 3))
    with pytest.raises(ValueError, match=r"output_activation 'identity'\) or probabilities"):
        as_language_model(rnnkit.GRU(3, 2, 3, output_activation="sigmoid"), WORDS)
    with pytest.raises(ValueError, match="output_activation 'identity'.*trained by softmax"):
        as_language_model(rnnkit.SimpleRNN(3, 2, 3, output_activation="softmax"), trainable=True)


def test_inputs_are_one_hot_in_the_models_dtype_or_the_indices_themselves():
    tokens = np.array([[0, 2], [1, 1]])
    X = as_inputs(rnnkit.SimpleRNN(3, 2, 3, dtype=np.float32), tokens)
    assert X.shape == (2, 2, 3) and X.dtype == np.float32
    assert np.array_equal(X, WORDS.one_hot(tokens))
    embedded = rnnkit.GRU(3, 2, 3, embedding_size=2)
    assert np.array_equal(as_inputs(embedded, tokens), tokens)
    with pytest.raises(ValueError, match="tokens must hold class indices from 0 to 2"):
        as_inputs(embedded, [[0, 3]])
    with pytest.raises(ValueError, match="tokens must have 2 dimensions"):
        as_inputs(embedded, [0, 1])


def test_logits_are_the_scores_or_the_log_of_softmax_outputs():
    tokens = np.array([[0, 2, 1]])
    scores = rnnkit.LSTM(3, 4, 3, seed=0)
    assert np.array_equal(logits(scores, tokens), scores.forward(WORDS.one_hot(tokens)))
    probabilities = rnnkit.LSTM(3, 4, 3, output_activation="softmax", seed=0)
    z = logits(probabilities, tokens)
    assert np.allclose(rnnkit.softmax(z), probabilities.forward(WORDS.one_hot(tokens)))
    assert np.allclose(z, rnnkit.log_softmax(logits(scores, tokens)))
    logits(scores, tokens)
    state = scores.final_state                                          # (h, c)
    again = logits(scores, tokens[:, 2:], state=state)                  # the state carried
    assert np.array_equal(again, scores.forward(WORDS.one_hot(tokens[:, 2:]), state))
