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
    checks       plain-words checks for the exercises
    data, text   sequence generators, train/test split, Vocabulary
    plots, diagrams   the course's figures
    keras_bridge copy weights between Keras and rnnkit (imports TensorFlow only when called)
"""

from .activations import identity, relu, sigmoid, softmax, tanh
from .rnn import SimpleRNN, rnn_step

__version__ = "0.1.0"
