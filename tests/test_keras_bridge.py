import os
import re
import subprocess
import sys

import numpy as np
import pytest

from rnnkit import LSTM, SimpleRNN
from rnnkit.cells.gru import GRU
from rnnkit.keras_bridge import from_keras, import_keras, repeatable, to_keras

N, T, D, H, O = 4, 5, 3, 6, 2
CLASSES = {"SimpleRNN": SimpleRNN, "LSTM": LSTM, "GRU": GRU}


@pytest.fixture(scope="module")
def keras():
    pytest.importorskip("keras")
    return import_keras()


@pytest.fixture(scope="module")
def X():
    return np.random.default_rng(0).normal(size=(N, T, D)).astype(np.float32)


def random_rnn(name="SimpleRNN", output_activation="identity", seed=1):
    """An rnnkit model with non-zero biases, so that every weight matters."""
    rnn = CLASSES[name](D, H, O, output_activation=output_activation, seed=seed)
    rng = np.random.default_rng(seed)
    for param in ("b_h", "b", "b_o"):
        if param in rnn.params:
            rnn.params[param] = rng.normal(size=rnn.params[param].shape)
    return rnn


@pytest.mark.parametrize("name, output_activation, keras_activation", [
    ("SimpleRNN", "identity", "linear"), ("SimpleRNN", "softmax", "softmax"),
    ("LSTM", "identity", "linear"), ("GRU", "softmax", "softmax")])
def test_to_keras_computes_what_rnnkit_computes(keras, X, name, output_activation,
                                                keras_activation):
    rnn = random_rnn(name, output_activation)
    Y = rnn.forward(X)
    last = to_keras(rnn)
    every = to_keras(rnn, return_sequences=True)
    assert type(last.layers[0]).__name__ == name
    assert last.layers[1].get_config()["activation"] == keras_activation
    np.testing.assert_allclose(np.asarray(last(X, training=False)), Y[:, -1], atol=1e-5)
    np.testing.assert_allclose(np.asarray(every(X, training=False)), Y, atol=1e-5)
    back = from_keras(last)                      # and back: the same class, float32-rounded weights
    assert type(back) is type(rnn) and back.output_activation == output_activation
    for param, value in rnn.params.items():
        assert np.array_equal(back.params[param], value.astype(np.float32)), param


@pytest.mark.parametrize("name", ["SimpleRNN", "LSTM", "GRU"])
@pytest.mark.parametrize("return_sequences", [True, False])
def test_from_keras_computes_what_keras_computes(keras, X, name, return_sequences):
    cls = CLASSES[name]
    model = keras.Sequential([keras.Input(shape=(None, D)),
                              getattr(keras.layers, name)(H, return_sequences=return_sequences,
                                                          bias_initializer="random_normal"),
                              keras.layers.Dense(O, activation="sigmoid",
                                                 bias_initializer="random_normal")])
    rnn = from_keras(model)
    assert type(rnn) is cls
    assert rnn.sizes == (D, H, O) and rnn.output_activation == "sigmoid"
    assert all(value.dtype == np.float64 for value in rnn.params.values())
    Y = rnn.forward(X)
    np.testing.assert_allclose(Y if return_sequences else Y[:, -1],
                               np.asarray(model(X, training=False)), atol=1e-5)


def test_round_trips_copy_weights_exactly(keras):
    rnn = SimpleRNN(D, H, O, seed=2, dtype=np.float32)
    back = from_keras(to_keras(rnn))
    for name, value in rnn.params.items():
        assert np.array_equal(back.params[name], value), name
    model = to_keras(back)
    again = to_keras(from_keras(model))
    for a, b in zip(model.get_weights(), again.get_weights()):
        assert np.array_equal(a, b)


def test_from_keras_rejects_other_models(keras):
    L = keras.layers
    supports = re.escape("supports Input -> [Embedding] -> SimpleRNN|LSTM|GRU, one or more of "
                         "the same kind -> Dense; found ")
    stacked = keras.Sequential([keras.Input(shape=(None, D)), L.SimpleRNN(H, return_sequences=True),
                                L.LSTM(H), L.Dense(O)])
    with pytest.raises(ValueError, match=supports + "SimpleRNN -> LSTM -> Dense"):
        from_keras(stacked)
    relu = keras.Sequential([keras.Input(shape=(None, D)), L.SimpleRNN(H, activation="relu"),
                             L.Dense(O)])
    with pytest.raises(ValueError, match="found activation='relu'"):
        from_keras(relu)
    hard = keras.Sequential([keras.Input(shape=(None, D)),
                             L.LSTM(H, recurrent_activation="hard_sigmoid"), L.Dense(O)])
    with pytest.raises(ValueError, match="LSTM.*found .*recurrent_activation='hard_sigmoid'"):
        from_keras(hard)
    elu = keras.Sequential([keras.Input(shape=(None, D)), L.SimpleRNN(H),
                            L.Dense(O, activation="elu")])
    with pytest.raises(ValueError, match="found activation='elu'"):
        from_keras(elu)
    unbuilt = keras.Sequential([L.SimpleRNN(H), L.Dense(O)])
    with pytest.raises(ValueError, match="model has no weights yet"):
        from_keras(unbuilt)
    with pytest.raises(TypeError, match="model"):
        from_keras(SimpleRNN(D, H, O))


@pytest.mark.parametrize("name", ["SimpleRNN", "LSTM", "GRU"])
def test_stacked_networks_with_an_embedding_move_both_ways(keras, name):
    """Keras' get_weights() order is rnnkit's params order: Embedding, each layer, Dense."""
    rnn = CLASSES[name](7, H, 7, seed=3, layers=2, embedding_size=4, dropout=0.5)
    tokens = np.random.default_rng(1).integers(0, 7, size=(N, T))
    model = to_keras(rnn, return_sequences=True)
    assert [type(layer).__name__ for layer in model.layers] == ["Embedding", name, name, "Dense"]
    np.testing.assert_allclose(np.asarray(model(tokens, training=False)), rnn.forward(tokens),
                               atol=1e-5)
    back = from_keras(model)
    assert (back.layers, back.embedding_size, back.sizes) == (2, 4, (7, H, 7))
    for key, value in rnn.params.items():
        np.testing.assert_array_equal(back.params[key], value.astype(np.float32))
    with pytest.raises(ValueError, match="every recurrent layer of one size"):
        from_keras(keras.Sequential([keras.Input(shape=(None, D)),
                                     getattr(keras.layers, name)(H, return_sequences=True),
                                     getattr(keras.layers, name)(H + 1), keras.layers.Dense(O)]))


def test_from_keras_rejects_a_gru_without_reset_after(keras):
    L = keras.layers
    gru = keras.Sequential([keras.Input(shape=(None, D)), L.GRU(H, reset_after=False), L.Dense(O)])
    with pytest.raises(ValueError, match="GRU.*found .*reset_after=False"):
        from_keras(gru)


def test_to_keras_validation():
    with pytest.raises(TypeError, match="rnn must be an rnnkit SimpleRNN, LSTM or GRU"):
        to_keras("model")
    with pytest.raises(TypeError, match="return_sequences"):
        to_keras(SimpleRNN(D, H, O), return_sequences="yes")
    with pytest.raises(TypeError, match="return_sequences"):
        to_keras(LSTM(D, H, O), return_sequences="yes")


def test_import_rnnkit_does_not_import_tensorflow():
    code = ("import sys, rnnkit, rnnkit.data, rnnkit.lm, rnnkit.keras_bridge; "
            "print(sorted(m for m in ('tensorflow', 'keras') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_stderr_filter_drops_only_the_notices(capfd):
    """TensorFlow's C++ code writes to file descriptor 2 itself; only the known notices are
    dropped."""
    from rnnkit.keras_bridge import _IMPORT_NOTICES, _stderr_without
    with _stderr_without(_IMPORT_NOTICES):
        os.write(2, b"WARNING: All log messages before absl::InitializeLog() is called "
                    b"are written to STDERR\n")
        os.write(2, b"I0000 port.cc:153] oneDNN custom operations are on. You may see ...\n")
        os.write(2, b"a real error\n")
    assert capfd.readouterr().err == "a real error\n"


@pytest.mark.parametrize("onednn", ["0", "1"])
def test_import_keras_is_silent_with_onednn_off_and_on(onednn):
    """With oneDNN forced on, TensorFlow announces it on stderr whatever TF_CPP_MIN_LOG_LEVEL says;
    import_keras leaves stderr empty either way, and keeps what the environment chose."""
    pytest.importorskip("keras")
    code = ("import os, rnnkit; keras = rnnkit.keras_bridge.import_keras(); "
            "print(keras.__name__, os.environ['TF_ENABLE_ONEDNN_OPTS'], "
            "os.environ['TF_CPP_MIN_LOG_LEVEL'])")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TF_")}
    env["TF_ENABLE_ONEDNN_OPTS"] = onednn
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["keras", onednn, "3"]
    assert out.stderr == ""


def test_repeatable_seeds_everything_and_makes_tensorflow_deterministic():
    """Two runs after repeatable(seed) draw the same numbers from Python, NumPy and TensorFlow,
    a third seed draws others, and TensorFlow's op determinism is on (it cannot be turned off
    again, so this runs in its own process)."""
    pytest.importorskip("keras")
    code = ("import random, numpy as np, rnnkit\n"
            "assert rnnkit.keras_bridge.repeatable(3) is None  # first: it imports TensorFlow\n"
            "import tensorflow as tf\n"
            "from tensorflow.python.framework import config\n"
            "def draw(seed):\n"
            "    rnnkit.keras_bridge.repeatable(seed)\n"
            "    return (random.random(), float(np.random.rand()), "
            "float(tf.random.uniform(())))\n"
            "print(draw(3) == draw(3), draw(3) != draw(4), config.is_op_determinism_enabled())\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TF_")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True", "True"]
    assert out.stderr == ""


@pytest.mark.parametrize("seed", [-1, 1.5, True, "0"])
def test_repeatable_names_a_bad_seed(seed):
    with pytest.raises((TypeError, ValueError), match="seed must be a whole number >= 0"):
        repeatable(seed)
