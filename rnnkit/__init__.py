"""rnnkit: the recurrent neural network of the course, in NumPy.

Small on purpose: one concept per module, shapes in every docstring, names
from the course's notation (X, h_t, W_xh, W_hh, b_h, W_oh, b_o; N, T, D, H, O).

The engine, which a student can read and use on its own:

    cells        the recurrent cells step by step and over a sequence (rnn, lstm, gru, mingru),
                 and the networks built on them: SimpleRNN, LSTM, GRU, MinGRU (stacked layers, an
                 embedding and dropout as options)
    scan         linear recurrences h_t = a_t * h_{t-1} + b_t, by a loop or a parallel scan
    activations  tanh, sigmoid, softmax (with a temperature), relu, identity and their derivatives
    feedforward  dense layers forward and backward, and a small multilayer perceptron
    initializers Keras' starting weights: Glorot-uniform, orthogonal, uniform
    topologies   one-to-one, one-to-many, many-to-one, many-to-many, encoder-decoder
    losses       mean squared error, softmax cross-entropy, perplexity
    optim        SGD with momentum, Adam, gradient clipping by global norm
    training     train(): epochs, mini-batches, shuffling, loss history
    gradcheck    numerical gradients and relative errors
    gradients    how the gradient reaching h_t (an LSTM's c_t too) shrinks or grows with distance
    embedding    a token's vector, a row of a table W_e: the lookup and its gradient
    attention    scores, softmax weights and a context: look back at every state
    seq2seq      a translator of token sequences: a bidirectional encoder, a decoder with attention
    data         sequence generators, train/test split
    lm           language models of words or characters, any cell: Vocabulary, generation
                 (greedy, temperature, top-k), truncated BPTT, next-word scores, n-gram baselines
    forecast     sliding windows, a split in time, a standardiser, the forecasting baselines
    datasets     the real data the course ships: Tiny Shakespeare, the Mauna Loa CO2 record
    keras_bridge copy weights between Keras and rnnkit (imports TensorFlow only when called)

The course, what the notebooks show (rnnkit.course; nothing in the engine imports it):

    course.plots, course.diagrams   the figures
    course.widgets                  the interactive widgets
    course.checks, course.exercises the exercise checks, one module per notebook
"""

from . import forecast, gradients, lm, scan
from .activations import identity, log_softmax, relu, sigmoid, softmax, tanh
from .attention import attention, attention_backward
from .cells import (
    GRU,
    LSTM,
    MinGRU,
    SimpleRNN,
    gru_backward,
    gru_forward,
    gru_step,
    gru_step_backward,
    lstm_backward,
    lstm_forward,
    lstm_step,
    lstm_step_backward,
    rnn_backward,
    rnn_forward,
    rnn_step,
    rnn_step_backward,
)
from .data import noisy_sine, random_walk, random_walk_noise_floor, train_test_split
from .feedforward import MLP, dense, dense_backward
from .gradcheck import check_gradients, numerical_gradient, relative_error
from .lm import NGram, UnknownTokenError, Vocabulary, load_corpus, next_word_pairs, tokenize
from .losses import mse, perplexity, softmax_cross_entropy
from .optim import SGD, Adam, clip_by_global_norm
from .seq2seq import Seq2Seq
from .topologies import TOPOLOGIES, EncoderDecoder, ManyToMany, ManyToOne, OneToMany, OneToOne
from .training import History, evaluate, train

# Modules that pull in matplotlib, ipywidgets or TensorFlow load on first use,
# so that `import rnnkit` stays fast and never imports TensorFlow.
_LAZY = ("course", "keras_bridge", "datasets")


def __getattr__(name):
    if name in _LAZY:
        import importlib
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'rnnkit' has no attribute {name!r}")

__version__ = "0.1.0"
