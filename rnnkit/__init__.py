"""rnnkit: the recurrent neural network of the course, in NumPy.

Small on purpose: one concept per module, shapes in every docstring, names
from the course's notation (X, h_t, W_xh, W_hh, b_h, W_oh, b_o; N, T, D, H, O).

    activations  tanh, sigmoid, softmax, relu, identity and their derivatives
    rnn          rnn_step, the sequence forward pass, BPTT, SimpleRNN
    feedforward  dense layers and a small multilayer perceptron
    topologies   one-to-one, one-to-many, many-to-one, many-to-many, encoder-decoder
    losses       mean squared error, softmax cross-entropy
    optim        SGD with momentum, Adam, gradient clipping by global norm
    training     train(): epochs, mini-batches, shuffling, loss history
    gradcheck    numerical gradients and relative errors
    gradients    how the gradient reaching h_t shrinks or grows with distance in time
    checks       plain-words checks for the exercises
    data, text   sequence generators, train/test split, Vocabulary
    plots, diagrams   the course's figures
    keras_bridge copy weights between Keras and rnnkit (imports TensorFlow only when called)
"""

from .activations import identity, relu, sigmoid, softmax, tanh
from .rnn import SimpleRNN, rnn_backward, rnn_forward, rnn_step
from .data import noisy_sine, random_walk, random_walk_noise_floor, train_test_split
from .text import UnknownWordError, Vocabulary, load_corpus, next_word_pairs, tokenize
from .checks import check_array, check_choice, check_function
from .feedforward import MLP, dense
from .gradcheck import check_gradients, numerical_gradient, relative_error
from . import gradients
from .losses import mse, softmax_cross_entropy
from .optim import SGD, Adam, clip_by_global_norm
from .topologies import EncoderDecoder, ManyToMany, ManyToOne, OneToMany, OneToOne
from .training import History, evaluate, train

# Modules that pull in matplotlib, ipywidgets or TensorFlow load on first use,
# so that `import rnnkit` stays fast and never imports TensorFlow.
_LAZY = ("plots", "diagrams", "keras_bridge", "widgets")


def __getattr__(name):
    if name in _LAZY:
        import importlib
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'rnnkit' has no attribute {name!r}")

__version__ = "0.1.0"
