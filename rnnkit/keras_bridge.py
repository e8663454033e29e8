"""Move an rnnkit network's weights between rnnkit and Keras, unchanged.

rnnkit's notation is Keras' own, so nothing is transposed or reordered (the
LSTM's gates are i, f, g, o and the GRU's z, r, h, as in Keras):

    rnnkit      cell weights                           output layer
    SimpleRNN   W_xh (D, H)   W_hh (H, H)   b_h (H,)      W_oh (H, O)   b_o (O,)
    LSTM        W_x (D, 4H)   W_h (H, 4H)   b (4H,)       W_oh (H, O)   b_o (O,)
    GRU         W_x (D, 3H)   W_h (H, 3H)   b (2, 3H)     W_oh (H, O)   b_o (O,)
    Keras       .kernel       .recurrent_kernel  .bias    Dense.kernel  Dense.bias
                of the SimpleRNN, LSTM or GRU layer (GRU with reset_after=True)

A network with an embedding W_e (V, E) starts with Keras' Embedding layer, and one with
layers > 1 has one recurrent layer per layer (return_sequences=True on all but the last).
rnn.params lists the weights in exactly the order of Keras' get_weights(), so
``keras_model.set_weights(list(rnn.params.values()))`` copies them.

With return_sequences=False (the default, many-to-one like the article's
regression), Keras returns only the last step:

    Y = rnn.forward(X)
    Y[:, -1]  ==  keras_model.predict(X)       # (N, O), up to float32 rounding

Keras (and TensorFlow) are imported inside the functions, so `import rnnkit`
stays fast and works without them. If this module is the first to import
TensorFlow, it does so quietly and without oneDNN, as the notebooks do.
"""

import contextlib
import os
import sys
import tempfile

from ._validate import describe, positive_int
from .cells import NETWORKS, RecurrentNetwork

_TO_KERAS = {"identity": "linear", "tanh": "tanh", "sigmoid": "sigmoid",
             "relu": "relu", "softmax": "softmax"}
_FROM_KERAS = {keras_name: name for name, keras_name in _TO_KERAS.items()}

# The settings a Keras recurrent layer must have to compute what the rnnkit cell of its name
# computes; anything else computes something different.
_FORWARD = {"use_bias": True, "go_backwards": False}
_SETTINGS = {
    "SimpleRNN": {"activation": "tanh", **_FORWARD},
    "LSTM": {"activation": "tanh", "recurrent_activation": "sigmoid", **_FORWARD},
    "GRU": {"activation": "tanh", "recurrent_activation": "sigmoid", "reset_after": True,
            **_FORWARD},
}
_SUPPORTED = (f"from_keras supports Input -> [Embedding] -> {'|'.join(_SETTINGS)}, one or more "
              f"of the same kind -> Dense")

# What TensorFlow's C++ core prints on import when oneDNN is on, whatever TF_CPP_MIN_LOG_LEVEL says.
_IMPORT_NOTICES = ("All log messages before absl::InitializeLog() is called are written to STDERR",
                   "oneDNN custom operations are on")


def import_keras():
    """Import TensorFlow and Keras as the course does, and return the keras module.

    Unless the environment already says otherwise, TensorFlow's C++ logging is
    off (TF_CPP_MIN_LOG_LEVEL=3) and so is oneDNN (TF_ENABLE_ONEDNN_OPTS=0),
    whose float32 rounding differs from CPU to CPU. Both count only before
    TensorFlow is first imported. With oneDNN on, TensorFlow announces it on
    stderr before its logging starts; those two notice lines are dropped, and
    anything else it writes there is passed on.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    if "keras" in sys.modules:
        return sys.modules["keras"]
    with _stderr_without(_IMPORT_NOTICES):
        import keras
        import tensorflow  # noqa: F401  (first, so that its notices are caught here)
    return keras


def repeatable(seed):
    """Make Keras runs repeatable from here on: seed Python's, NumPy's and TensorFlow's random
    numbers (keras.utils.set_random_seed) and make TensorFlow's own operations deterministic
    (tf.config.experimental.enable_op_determinism: the same sums in the same order, run after
    run). seed: a non-negative int. Imports Keras as import_keras() does. Returns None: it is a
    setting, and a notebook cell ending with it shows nothing."""
    seed = positive_int(seed, "seed", minimum=0)
    keras = import_keras()
    import tensorflow as tf
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()


@contextlib.contextmanager
def _stderr_without(notices):
    """Run the block with file descriptor 2 caught; then write out the lines without ``notices``.

    The descriptor, not sys.stderr: TensorFlow's C++ code writes to it directly.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as caught:
        os.dup2(caught.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            caught.seek(0)
            lines = caught.read().decode(errors="replace").splitlines(keepends=True)
            kept = "".join(line for line in lines if not any(notice in line for notice in notices))
            if kept:
                sys.stderr.write(kept)
                sys.stderr.flush()


def to_keras(rnn, return_sequences=False):
    """A Keras model computing exactly what the rnnkit SimpleRNN, LSTM or GRU ``rnn`` computes.

    Builds Sequential([Input, Embedding (if rnn has one), <the same layer>(H) for each of its
    layers, Dense(O, phi)]) and copies every weight in as it is (as float32, Keras'
    default); see the table above. Dropout only acts in training, so it is left out.
    return_sequences=False: the model maps X (N, T, D) to y_T (N, O);
    return_sequences=True: to every y_t, (N, T, O), like rnn.forward(X).
    """
    if not isinstance(rnn, RecurrentNetwork):
        raise TypeError(f"rnn must be an rnnkit SimpleRNN, LSTM or GRU, got {describe(rnn)}")
    if not isinstance(return_sequences, bool):
        raise TypeError(f"return_sequences must be True or False, got {describe(return_sequences)}")
    keras = import_keras()
    D, H, O = rnn.sizes
    name = rnn.cell.name
    if rnn.embedding_size is None:
        layers = [keras.Input(shape=(None, D))]
    else:
        layers = [keras.Input(shape=(None,), dtype="int32"),
                  keras.layers.Embedding(D, rnn.embedding_size)]
    for layer in range(1, rnn.layers + 1):
        last = layer == rnn.layers
        layers.append(getattr(keras.layers, name)(H, return_sequences=return_sequences or not last,
                                                  **_SETTINGS[name]))
    layers.append(keras.layers.Dense(O, activation=_TO_KERAS[rnn.output_activation]))
    model = keras.Sequential(layers)
    model.set_weights(list(rnn.params.values()))           # Keras' order and layout
    return model


def from_keras(model):
    """An rnnkit SimpleRNN, LSTM or GRU (float64) with the weights of a Keras
    Input -> [Embedding] -> SimpleRNN|LSTM|GRU (one or more of one kind) -> Dense model.

    The recurrent layers must use a bias, run forwards and use tanh (an LSTM's
    and a GRU's gates also sigmoid, a GRU reset_after=True), all of the same
    size; the Dense layer must use a bias and one of linear, tanh, sigmoid,
    relu, softmax. Anything else raises ValueError saying what was found.
    """
    keras = import_keras()

    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a Keras model, got {describe(model)}")
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    found = " -> ".join(type(layer).__name__ for layer in layers) or "no layers"
    embedding = bool(layers) and isinstance(layers[0], keras.layers.Embedding)
    recurrent = layers[int(embedding):-1]
    kinds = {type(layer).__name__ for layer in recurrent}
    if (len(kinds) != 1 or not kinds <= set(_SETTINGS) or not layers
            or not isinstance(layers[-1], keras.layers.Dense)):
        raise ValueError(f"{_SUPPORTED}; found {found}")
    name = kinds.pop()
    settings = _SETTINGS[name]
    for layer in recurrent:
        config = layer.get_config()
        if any(config[key] != value for key, value in settings.items()):
            expected = ", ".join(f"{key}={value!r}" for key, value in settings.items())
            got = ", ".join(f"{key}={config[key]!r}" for key in settings)
            raise ValueError(f"{_SUPPORTED} with {name}({expected}); found {got}")
    output = layers[-1].get_config()
    if output["activation"] not in _FROM_KERAS or not output["use_bias"]:
        raise ValueError(f"{_SUPPORTED} with Dense(use_bias=True, activation one of "
                         f"{', '.join(_FROM_KERAS)}); found activation={output['activation']!r}, "
                         f"use_bias={output['use_bias']}")
    if not layers[-1].weights:
        raise ValueError("model has no weights yet: give it keras.Input(shape=(None, D)) "
                         "or call it on data once before from_keras")
    weights = model.get_weights()
    units = {layer.units for layer in recurrent}
    if len(units) != 1:
        raise ValueError(f"{_SUPPORTED}, every recurrent layer of one size; found sizes "
                         f"{sorted(units)}")
    D = weights[0].shape[0]
    H, O = weights[-2].shape
    rnn = NETWORKS[name](D, H, O, output_activation=_FROM_KERAS[output["activation"]],
                         layers=len(recurrent),
                         embedding_size=weights[0].shape[1] if embedding else None)
    for param, w in zip(rnn.params.values(), weights):
        param[...] = w
    return rnn
