"""The checks of notebook 06, "Train the article's Keras SimpleRNN, fixed".

    from rnnkit.exercises import keras_regression as ex
    ex.check_feature_axis(my_X, walks)                          # exercise 1
    ex.check_mean_baseline(my_mean_mse, y_train, y_test)        # exercise 2
    ex.check_average_guess(my_guess, X_test, y_test)            # exercise 3, predict
    ex.check_average_baseline(my_average_mse, X_test, y_test)   # exercise 3, then compute
    ex.check_training_loop(my_train, X_train, y_train)          # exercise 4: write the loop

Each check works out the right answer itself from the notebook's data, prints
"Correct: ..." or "Not yet: ..." and never the expected value, and knows the
exercise's typical wrong answers (the feature axis in the wrong place, the test
set's own mean, a root or a missing square, (N, 1) minus (N,) broadcast to an
(N, N) table, a loop with no optimizer step or no mini-batches) with a hint
for each.
"""

import numpy as np

from ..._validate import as_array
from ...losses import mse
from ...optim import Adam
from ...topologies import ManyToOne
from ...training import train
from .. import checks


def _walks_and_targets(X, y, X_name, y_name):
    """X (N, T, 1) walks and y (N,) targets, checked."""
    X = as_array(X, X_name, ndim=3)
    y = as_array(y, y_name, ndim=1)
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"{X_name} and {y_name} must hold the same number of walks, got "
                         f"{X.shape[0]} and {y.shape[0]}")
    return X, y


def check_feature_axis(my_X, walks):
    """Exercise 1: my_X, the walks (N, T) with a feature axis added: (N, T, 1)."""
    walks = as_array(walks, "walks", ndim=2)
    return checks.check_array(my_X, walks[:, :, None], "my_X", axes=("N", "T", "D"), mistakes=[
        (walks, "it is still (N, T): add a feature axis of size 1 at the end"),
        (walks[None], "the new axis is at the front, (1, N, T): it goes last, (N, T, 1)"),
        (walks[:, None, :], "the new axis is in the middle, (N, 1, T): Keras would read one "
                            "step of T features; it goes last, (N, T, 1)"),
        (walks.T[:, :, None], "(T, N, 1): the walks and the time steps are swapped; keep the "
                              "order of walks and add an axis at the end"),
    ])


def check_mean_baseline(my_mean_mse, y_train, y_test):
    """Exercise 2: my_mean_mse, the test MSE of always predicting the mean of y_train (N,)."""
    y_train = as_array(y_train, "y_train", ndim=1)
    y_test = as_array(y_test, "y_test", ndim=1)
    right = np.mean((y_test - y_train.mean()) ** 2)
    return checks.check_array(my_mean_mse, right, "my_mean_mse", mistakes=[
        (np.mean((y_test - y_test.mean()) ** 2),
         "that predicts the mean of y_test: a baseline may learn only from the training set, "
         "so predict the mean of y_train"),
        (np.mean((y_train - y_train.mean()) ** 2),
         "that is the MSE on the training targets: score the prediction on y_test"),
        (np.sqrt(right), "that is a root mean squared error: leave out the square root"),
        (np.mean(np.abs(y_test - y_train.mean())),
         "that is the mean absolute error: square the differences"),
        (np.mean(y_test - y_train.mean()),
         "the differences are not squared, so positive and negative ones cancel"),
    ])


def _average_mse(X, y):
    """The MSE of predicting each target as the mean of its walk's T inputs."""
    return np.mean((X[:, :, 0].mean(axis=1) - y) ** 2)


def _last_value_mse(X, y):
    return np.mean((X[:, -1, 0] - y) ** 2)


def check_average_guess(my_guess, X_test, y_test):
    """Exercise 3, first part: "better" or "worse", the average of the inputs against the last
    value as a prediction, on X_test (N, T, 1) and y_test (N,)."""
    X, y = _walks_and_targets(X_test, y_test, "X_test", "y_test")
    right = "worse" if _average_mse(X, y) > _last_value_mse(X, y) else "better"
    wrong = "better" if right == "worse" else "worse"
    if isinstance(my_guess, str):
        my_guess = my_guess.strip().lower()
    hint = ("the older inputs are the last value minus random steps that say nothing about "
            "the target: averaging them in moves the prediction away from the best one"
            if right == "worse" else "compute both MSEs and compare them")
    return checks.check_choice(my_guess, right, "my_guess", mistakes=[(wrong, hint)])


def check_average_baseline(my_average_mse, X_test, y_test):
    """Exercise 3: my_average_mse, the test MSE of predicting each target as the average of
    its walk's inputs, on X_test (N, T, 1) and y_test (N,)."""
    X, y = _walks_and_targets(X_test, y_test, "X_test", "y_test")
    right = _average_mse(X, y)
    return checks.check_array(my_average_mse, right, "my_average_mse", mistakes=[
        (np.mean((X.mean(axis=1) - y) ** 2),
         "X_test.mean(axis=1) keeps the feature axis, (N, 1), and (N, 1) minus y_test (N,) "
         "broadcasts to an (N, N) table: average X_test[:, :, 0] over axis 1"),
        (_last_value_mse(X, y), "that is the MSE of repeating the last value (section 4): "
                                "average all the inputs of each walk"),
        (np.mean((X[:, :, 0].sum(axis=1) - y) ** 2),
         "that adds the inputs: divide their sum by T, or take their mean"),
        (np.sqrt(right), "that is a root mean squared error: leave out the square root"),
        (np.mean(np.abs(X[:, :, 0].mean(axis=1) - y)),
         "that is the mean absolute error: square the differences"),
    ])


def reference_loop(net, X, y, epochs, batch_size, optimizer, seed):
    """rnnkit.train on X (N, T, D) and y (N,), as the exercise's loop must train: returns the
    mean training loss of each epoch, a list of ``epochs`` floats."""
    return train(net, X, y[:, None], epochs=epochs, batch_size=batch_size, optimizer=optimizer,
                 seed=seed).loss


def _batches(order, batch_size, how):
    """The index arrays of one epoch's batches, (B,) each: rnnkit.train's way (how="shuffled")
    or one of the typical wrong ways."""
    N = len(order)
    if how is None:                       # the scaffold as given: no batch written yet
        return []
    if how == "all":
        return [order]
    if how == "array_split":
        return np.array_split(order, -(-N // batch_size))
    if how == "in order":
        return [np.arange(N)[begin:begin + batch_size] for begin in range(0, N, batch_size)]
    if how == "all every step":
        return [order for _ in range(0, N, batch_size)]
    return [order[begin:begin + batch_size] for begin in range(0, N, batch_size)]


def wrong_loop(batches="shuffled", step=True, gradient=True, weigh=True):
    """A training loop with one typical mistake; the defaults make it rnnkit.train's loop.

    batches: None, the scaffold left as it is (no batch, no update); "all", the whole data
    set as one batch per epoch; "array_split", np.array_split's batches of nearly equal
    size; "in order", batches taken from X in its own order, not the shuffled one;
    "all every step", every step on all the walks. step=False: no optimizer step.
    gradient=False: net.backward gets the error y_hat - y, not the loss gradient.
    weigh=False: each batch's loss added without its number of walks.
    """
    def loop(net, X, y, epochs, batch_size, optimizer, seed):
        rng = np.random.default_rng(seed)
        losses = []
        for _ in range(epochs):
            order = rng.permutation(len(X))
            total = 0.0
            for idx in _batches(order, batch_size, batches):
                y_hat = net.forward(X[idx])
                loss, dy = mse(y_hat, y[idx, None])
                grads = net.backward(dy if gradient else y_hat - y[idx, None])
                if step:
                    optimizer.step(net.params, grads)
                total += loss * len(idx) if weigh else loss
            losses.append(total / len(X))
        return losses
    return loop


LOOP_MISTAKES = [
    (wrong_loop(batches=None), "the losses are all 0 and the weights never change: cut order "
                               "into batches and, for each batch, run the forward pass, the "
                               "loss, the backward pass and an optimizer step"),
    (wrong_loop(step=False), "the weights never change: after net.backward, call "
                             "optimizer.step(net.params, grads) once per batch"),
    (wrong_loop(gradient=False), "net.backward got the error y_hat - y: it needs dy, the loss's "
                                 "gradient, which rnnkit.mse returns beside the loss (it holds "
                                 "the 2 / B of the mean)"),
    (wrong_loop(batches="all"), "one update per epoch on all the walks: cut order into batches "
                                "of batch_size walks, one optimizer step each"),
    (wrong_loop(batches="all every step"), "every step uses all the walks: run each step on "
                                           "its batch only, X[idx] and y[idx]"),
    (wrong_loop(batches="array_split"), "np.array_split makes batches of nearly equal size; "
                                        "take batch_size walks at a time, as rnnkit.train "
                                        "does, the last batch shorter"),
    (wrong_loop(batches="in order"), "the batches ignore the shuffled order: take each batch's "
                                     "walks from order, as rnnkit.train does"),
    (wrong_loop(weigh=False), "total adds each batch's mean loss as it is: add loss times the "
                              "number of walks in the batch, so that total / N is a mean over "
                              "walks"),
]

# The runs the loop is checked on: (epochs, batch_size, seed); 400 walks leave a short last batch.
LOOP_EXAMPLES = [(2, 32, 0), (2, 50, 1)]


def _run(loop, X, y, hidden_size=16):
    """A function of (epochs, batch_size, seed) that trains a fresh many-to-one SimpleRNN
    (seeded by seed) with ``loop`` and Adam(0.001), and returns what the loop returned."""
    def run(epochs, batch_size, seed):
        net = ManyToOne(X.shape[2], hidden_size, 1, seed=seed)
        try:
            return loop(net, X.copy(), y.copy(), epochs, batch_size, Adam(1e-3), seed)
        except ValueError as error:
            raise ValueError(f"{error}{_hint_for(error)}") from None
    return run


def _hint_for(error):
    """A hint for the errors a training loop typically raises inside rnnkit."""
    text = str(error)
    if "Y_pred and Y_true" in text:
        return (". Hint: the targets of a batch must have the prediction's shape (B, 1), "
                "and y[idx] is (B,)")
    if text.startswith("dy "):
        return (". Hint: net.backward takes dy, the gradient of the loss with respect to the "
                "prediction, which rnnkit.mse returns beside the loss")
    return ""


def check_training_loop(my_train, X_train, y_train):
    """Exercise 4: my_train(net, X (N, T, D), y (N,), epochs, batch_size, optimizer, seed)
    trains net in place by mini-batches and returns each epoch's mean training loss.

    It is run on X_train and y_train twice, each time on a fresh network, (2 epochs,
    batches of 32, seed 0) and (2 epochs, batches of 50, seed 1), and must give the losses
    rnnkit.train gives with the same network, data, optimizer and seed.
    """
    X, y = _walks_and_targets(X_train, y_train, "X_train", "y_train")
    if not callable(my_train):
        return checks.check_function(my_train, None, [], "my_train")
    return checks.check_function(
        _run(my_train, X, y), _run(reference_loop, X, y), LOOP_EXAMPLES, "my_train",
        axes=("epoch",), mistakes=[(_run(loop, X, y), hint) for loop, hint in LOOP_MISTAKES])
