"""Move a SimpleRNN's weights between rnnkit and Keras, unchanged.

rnnkit's notation is Keras' own, so nothing is transposed:

    rnnkit   W_xh (D, H)   W_hh (H, H)        b_h (H,)   W_oh (H, O)    b_o (O,)
    Keras    SimpleRNN     SimpleRNN          SimpleRNN  Dense          Dense
             .kernel       .recurrent_kernel  .bias      .kernel        .bias

With return_sequences=False (the default, many-to-one like the article's
regression), Keras returns only the last step:

    Y, Hs = rnn.forward(X)
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
from .rnn import SimpleRNN

_TO_KERAS = {"identity": "linear", "tanh": "tanh", "sigmoid": "sigmoid",
             "relu": "relu", "softmax": "softmax"}
_FROM_KERAS = {keras_name: name for name, keras_name in _TO_KERAS.items()}
_SUPPORTED = "from_keras supports Input -> SimpleRNN -> Dense"


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
    """A Keras model computing exactly what the rnnkit SimpleRNN ``rnn`` computes.

    Builds Sequential([Input(shape=(None, D)), SimpleRNN(H, tanh), Dense(O, phi)])
    and copies W_xh, W_hh, b_h, W_oh, b_o in (as float32, Keras' default).
    return_sequences=False: the model maps X (N, T, D) to y_T (N, O);
    return_sequences=True: to every y_t, (N, T, O), like rnn.forward(X)[0].
    """
    if not isinstance(rnn, SimpleRNN):
        raise TypeError(f"rnn must be an rnnkit.SimpleRNN, got {describe(rnn)}")
    if not isinstance(return_sequences, bool):
        raise TypeError(f"return_sequences must be True or False, got {describe(return_sequences)}")
    keras = import_keras()

    D, H, O = rnn.sizes
    p = rnn.params
    recurrent = keras.layers.SimpleRNN(H, activation="tanh", return_sequences=return_sequences)
    output = keras.layers.Dense(O, activation=_TO_KERAS[rnn.output_activation])
    model = keras.Sequential([keras.Input(shape=(None, D)), recurrent, output])
    recurrent.set_weights([p["W_xh"], p["W_hh"], p["b_h"]])
    output.set_weights([p["W_oh"], p["b_o"]])
    return model


def from_keras(model):
    """An rnnkit SimpleRNN (float64) with the weights of a Keras Input -> SimpleRNN -> Dense model.

    The SimpleRNN layer must use tanh and a bias and run forwards; the Dense
    layer must use a bias and one of linear, tanh, sigmoid, relu, softmax.
    Anything else raises ValueError saying what was found.
    """
    keras = import_keras()

    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a Keras model, got {describe(model)}")
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    found = " -> ".join(type(layer).__name__ for layer in layers) or "no layers"
    if [type(layer) for layer in layers] != [keras.layers.SimpleRNN, keras.layers.Dense]:
        raise ValueError(f"{_SUPPORTED}; found {found}")
    recurrent, output = (layer.get_config() for layer in layers)
    if recurrent["activation"] != "tanh" or not recurrent["use_bias"] or recurrent["go_backwards"]:
        raise ValueError(f"{_SUPPORTED} with a forward SimpleRNN(activation='tanh', "
                         f"use_bias=True); found activation={recurrent['activation']!r}, "
                         f"use_bias={recurrent['use_bias']}, "
                         f"go_backwards={recurrent['go_backwards']}")
    if output["activation"] not in _FROM_KERAS or not output["use_bias"]:
        raise ValueError(f"{_SUPPORTED} with Dense(use_bias=True, activation one of "
                         f"{', '.join(_FROM_KERAS)}); found activation={output['activation']!r}, "
                         f"use_bias={output['use_bias']}")
    if not layers[0].weights:
        raise ValueError("model has no weights yet: give it keras.Input(shape=(None, D)) "
                         "or call it on data once before from_keras")
    W_xh, W_hh, b_h = layers[0].get_weights()
    W_oh, b_o = layers[1].get_weights()
    rnn = SimpleRNN(W_xh.shape[0], W_xh.shape[1], W_oh.shape[1],
                    output_activation=_FROM_KERAS[output["activation"]])
    weights = {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h, "W_oh": W_oh, "b_o": b_o}
    rnn.params = {name: w.astype(rnn.dtype) for name, w in weights.items()}
    return rnn
