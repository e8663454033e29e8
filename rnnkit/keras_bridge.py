"""Move an rnnkit network's weights between rnnkit and Keras, unchanged.

rnnkit's notation is Keras' own, so nothing is transposed or reordered (the
LSTM's gates are i, f, g, o and the GRU's z, r, h, as in Keras):

    rnnkit      cell weights                           output layer
    SimpleRNN   W_xh (D, H)   W_hh (H, H)   b_h (H,)      W_oh (H, O)   b_o (O,)
    LSTM        W_x (D, 4H)   W_h (H, 4H)   b (4H,)       W_oh (H, O)   b_o (O,)
    GRU         W_x (D, 3H)   W_h (H, 3H)   b (2, 3H)     W_oh (H, O)   b_o (O,)
    Keras       .kernel       .recurrent_kernel  .bias    Dense.kernel  Dense.bias
                of the SimpleRNN, LSTM or GRU layer (GRU with reset_after=True)

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

from ._validate import describe
from .cells.gru import GRU
from .cells.lstm import LSTM
from .cells.rnn import SimpleRNN

_TO_KERAS = {"identity": "linear", "tanh": "tanh", "sigmoid": "sigmoid",
             "relu": "relu", "softmax": "softmax"}
_FROM_KERAS = {keras_name: name for name, keras_name in _TO_KERAS.items()}

# One row per recurrent network, named as its Keras layer: the rnnkit class, its cell's params
# in the order of the layer's weights, and the layer settings those params assume; anything
# else computes something different.
_FORWARD = {"use_bias": True, "go_backwards": False}
_CELLS = {
    "SimpleRNN": (SimpleRNN, ("W_xh", "W_hh", "b_h"), {"activation": "tanh", **_FORWARD}),
    "LSTM": (LSTM, ("W_x", "W_h", "b"),
             {"activation": "tanh", "recurrent_activation": "sigmoid", **_FORWARD}),
    "GRU": (GRU, ("W_x", "W_h", "b"),
            {"activation": "tanh", "recurrent_activation": "sigmoid", "reset_after": True,
             **_FORWARD}),
}
_NAMES = "SimpleRNN, LSTM or GRU"
_SUPPORTED = f"from_keras supports Input -> {'|'.join(_CELLS)} -> Dense"

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

    Builds Sequential([Input(shape=(None, D)), <the same layer>(H), Dense(O, phi)])
    and copies the cell's weights and W_oh, b_o in as they are (as float32,
    Keras' default); see the table above.
    return_sequences=False: the model maps X (N, T, D) to y_T (N, O);
    return_sequences=True: to every y_t, (N, T, O), like rnn.forward(X).
    """
    name = next((name for name, (cls, _, _) in _CELLS.items() if isinstance(rnn, cls)), None)
    if name is None:
        raise TypeError(f"rnn must be an rnnkit {_NAMES}, got {describe(rnn)}")
    if not isinstance(return_sequences, bool):
        raise TypeError(f"return_sequences must be True or False, got {describe(return_sequences)}")
    keras = import_keras()

    _, cell_params, settings = _CELLS[name]
    D, H, O = rnn.sizes
    p = rnn.params
    recurrent = getattr(keras.layers, name)(H, return_sequences=return_sequences, **settings)
    output = keras.layers.Dense(O, activation=_TO_KERAS[rnn.output_activation])
    model = keras.Sequential([keras.Input(shape=(None, D)), recurrent, output])
    recurrent.set_weights([p[param] for param in cell_params])
    output.set_weights([p["W_oh"], p["b_o"]])
    return model


def from_keras(model):
    """An rnnkit SimpleRNN, LSTM or GRU (float64) with the weights of a Keras
    Input -> SimpleRNN|LSTM|GRU -> Dense model.

    The recurrent layer must use a bias, run forwards and use tanh (an LSTM's
    and a GRU's gates also sigmoid, a GRU reset_after=True); the Dense layer
    must use a bias and one of linear, tanh, sigmoid, relu, softmax.
    Anything else raises ValueError saying what was found.
    """
    keras = import_keras()

    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a Keras model, got {describe(model)}")
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    found = " -> ".join(type(layer).__name__ for layer in layers) or "no layers"
    kinds = [type(layer) for layer in layers]
    name = next((name for name in _CELLS
                 if kinds == [getattr(keras.layers, name), keras.layers.Dense]), None)
    if name is None:
        raise ValueError(f"{_SUPPORTED}; found {found}")
    _, cell_params, settings = _CELLS[name]
    recurrent, output = (layer.get_config() for layer in layers)
    if any(recurrent[key] != value for key, value in settings.items()):
        expected = ", ".join(f"{key}={value!r}" for key, value in settings.items())
        got = ", ".join(f"{key}={recurrent[key]!r}" for key in settings)
        raise ValueError(f"{_SUPPORTED} with {name}({expected}); found {got}")
    if output["activation"] not in _FROM_KERAS or not output["use_bias"]:
        raise ValueError(f"{_SUPPORTED} with Dense(use_bias=True, activation one of "
                         f"{', '.join(_FROM_KERAS)}); found activation={output['activation']!r}, "
                         f"use_bias={output['use_bias']}")
    if not layers[0].weights:
        raise ValueError("model has no weights yet: give it keras.Input(shape=(None, D)) "
                         "or call it on data once before from_keras")
    weights = dict(zip(cell_params, layers[0].get_weights()))
    weights["W_oh"], weights["b_o"] = layers[1].get_weights()
    D, H, O = weights[cell_params[0]].shape[0], *weights["W_oh"].shape
    rnn = _CELLS[name][0](D, H, O, output_activation=_FROM_KERAS[output["activation"]])
    rnn.params = {param: w.astype(rnn.dtype) for param, w in weights.items()}
    return rnn
