"""The checks of notebook 06, "Train the article's Keras SimpleRNN, fixed".

    from rnnkit.course.exercises import keras_regression as ex
    ex.check_feature_axis(my_X, walks)                          # exercise 1
    ex.check_mean_baseline(my_mean_mse, y_train, y_test)        # exercise 2
    ex.check_average_guess(my_guess, X_test, y_test)            # exercise 3, predict
    ex.check_average_baseline(my_average_mse, X_test, y_test)   # exercise 3, then compute
    ex.check_training_loop(my_train, X_train, y_train)          # exercise 4: write the loop

Each check works out the right answer itself from the notebook's data, prints
"Correct: ..." or "Not yet: ..." and never the expected value, and reads the
exercise's typical wrong answers from its registry (FEATURE_AXIS_MISTAKES, ...,
TRAINING_LOOP_MISTAKES): the feature axis in the wrong place, the test set's own
mean, a root or a missing square, (N, 1) minus (N,) broadcast to an (N, N) table,
and in the training loop each part that can go wrong (the batches, the shuffle,
the order of the steps, the losses and their reset), each with its own hint.
"""

import numpy as np

from ..._validate import as_array
from ...losses import mse
from ...optim import Adam
from ...topologies import ManyToOne
from ...training import train
from ..checks import Mistake, check_array, check_choice, check_function, edit


def _walks_and_targets(X, y, X_name, y_name):
    """X (N, T, 1) walks and y (N,) targets, checked."""
    X = as_array(X, X_name, ndim=3)
    y = as_array(y, y_name, ndim=1)
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"{X_name} and {y_name} must hold the same number of walks, got "
                         f"{X.shape[0]} and {y.shape[0]}")
    return X, y


# ---------------------------------------------------------------- exercise 1: the feature axis


def feature_axis_solution(walks):
    """The notebook's solution: the walks (N, T) as (N, T, 1)."""
    return walks[:, :, None]


def _feature_axis_with(wrong):
    return edit(feature_axis_solution, "return walks[:, :, None]", f"return {wrong}")


FEATURE_AXIS_MISTAKES = [
    Mistake("no axis", "it is still (N, T): the feature axis is missing",
            _feature_axis_with("walks")),
    Mistake("axis in front", "the new axis is at the front, (1, N, T); Keras reads the last axis "
                             "as the features", _feature_axis_with("walks[None]")),
    Mistake("axis in the middle", "the new axis is in the middle, (N, 1, T): Keras would read "
                                  "one step of T features",
            _feature_axis_with("walks[:, None, :]")),
    Mistake("walks and steps swapped", "(T, N, 1): the walks and the time steps are swapped",
            _feature_axis_with("walks.T[:, :, None]")),
]


def check_feature_axis(my_X, walks):
    """Exercise 1: my_X, the walks (N, T) with a feature axis added: (N, T, 1)."""
    walks = as_array(walks, "walks", ndim=2)
    return check_array(my_X, walks[:, :, None], "my_X", axes=("N", "T", "D"),
                       mistakes=FEATURE_AXIS_MISTAKES, given=(walks,))


# ---------------------------------------------------------------- exercise 2: the mean


def mean_baseline_solution(y_train, y_test):
    """The notebook's solution: the test MSE of always predicting the mean of y_train."""
    return np.mean((y_test - y_train.mean()) ** 2)


def _mse_mistakes(solution, errors):
    """The mistakes of any MSE exercise: a root, absolute values, no square (errors: the
    expression of the solution's differences)."""
    return [
        Mistake("a root", "that is a root mean squared error, not the mean squared error",
                edit(solution, f"np.mean(({errors}) ** 2)", f"np.sqrt(np.mean(({errors}) ** 2))")),
        Mistake("absolute", "that is the mean absolute error: the differences are not squared",
                edit(solution, f"np.mean(({errors}) ** 2)", f"np.mean(np.abs({errors}))")),
        Mistake("no square", "the differences are not squared, so positive and negative ones "
                             "cancel", edit(solution, f"np.mean(({errors}) ** 2)",
                                            f"np.mean({errors})")),
    ]


MEAN_BASELINE_MISTAKES = [
    Mistake("test mean", "that predicts the mean of y_test: a baseline may learn only from the "
                         "training set", edit(mean_baseline_solution, "y_train.mean()",
                                              "y_test.mean()")),
    Mistake("training MSE", "that is the MSE on the training targets; the baseline is scored "
                            "on the test set", edit(mean_baseline_solution, "y_test - y_train",
                                                    "y_train - y_train")),
    *_mse_mistakes(mean_baseline_solution, "y_test - y_train.mean()"),
]


def check_mean_baseline(my_mean_mse, y_train, y_test):
    """Exercise 2: my_mean_mse, the test MSE of always predicting the mean of y_train (N,)."""
    y_train = as_array(y_train, "y_train", ndim=1)
    y_test = as_array(y_test, "y_test", ndim=1)
    return check_array(my_mean_mse, np.mean((y_test - y_train.mean()) ** 2), "my_mean_mse",
                       mistakes=MEAN_BASELINE_MISTAKES, given=(y_train, y_test))


# ---------------------------------------------------------------- exercise 3: the average


def average_baseline_solution(X, y):
    """The notebook's solution: the MSE of predicting each target as the mean of its walk's
    T inputs, for X (N, T, 1) and y (N,)."""
    return np.mean((X[:, :, 0].mean(axis=1) - y) ** 2)


def _last_value_mse(X, y):
    return np.mean((X[:, -1, 0] - y) ** 2)


AVERAGE_BASELINE_MISTAKES = [
    Mistake("(N, N) table", "X_test.mean(axis=1) keeps the feature axis, (N, 1), and (N, 1) "
                            "minus y_test (N,) broadcasts to an (N, N) table of every walk's "
                            "mean minus every target",
            edit(average_baseline_solution, "X[:, :, 0].mean(axis=1)", "X.mean(axis=1)")),
    Mistake("last value", "that is the MSE of repeating the last value (section 4), not of the "
                          "average", edit(average_baseline_solution, "X[:, :, 0].mean(axis=1)",
                                          "X[:, -1, 0]")),
    Mistake("sum", "that adds the inputs of each walk instead of averaging them",
            edit(average_baseline_solution, ".mean(axis=1)", ".sum(axis=1)")),
    *_mse_mistakes(average_baseline_solution, "X[:, :, 0].mean(axis=1) - y"),
]


def check_average_baseline(my_average_mse, X_test, y_test):
    """Exercise 3: my_average_mse, the test MSE of predicting each target as the average of
    its walk's inputs, on X_test (N, T, 1) and y_test (N,)."""
    X, y = _walks_and_targets(X_test, y_test, "X_test", "y_test")
    return check_array(my_average_mse, average_baseline_solution(X, y), "my_average_mse",
                       mistakes=AVERAGE_BASELINE_MISTAKES, given=(X, y))


AVERAGE_GUESS_MISTAKES = [
    Mistake("better", "the older inputs are the last value minus random steps that say nothing "
                      "about the target: averaging them in moves the prediction away from the "
                      "best one", "better"),
    Mistake("worse", "compute both MSEs and compare them", "worse"),
]


def check_average_guess(my_guess, X_test, y_test):
    """Exercise 3, first part: "better" or "worse", the average of the inputs against the last
    value as a prediction, on X_test (N, T, 1) and y_test (N,)."""
    X, y = _walks_and_targets(X_test, y_test, "X_test", "y_test")
    right = "worse" if average_baseline_solution(X, y) > _last_value_mse(X, y) else "better"
    return check_choice(my_guess, right, "my_guess", mistakes=AVERAGE_GUESS_MISTAKES,
                        choices=("better", "worse"))


# ---------------------------------------------------------------- exercise 4: the training loop


def reference_loop(net, X, y, epochs, batch_size, optimizer, seed):
    """rnnkit.train on X (N, T, D) and y (N,), as the exercise's loop must train: returns the
    mean training loss of each epoch, a list of ``epochs`` floats."""
    return train(net, X, y[:, None], epochs=epochs, batch_size=batch_size, optimizer=optimizer,
                 seed=seed).loss


def train_solution(net, X, y, epochs, batch_size, optimizer, seed):
    """The notebook's solution: trains net in place, returns each epoch's mean loss."""
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        total = 0.0
        for idx in [order[i:i + batch_size] for i in range(0, len(X), batch_size)]:
            y_hat = net.forward(X[idx])
            loss, dy = mse(y_hat, y[idx][:, None])
            grads = net.backward(dy)
            optimizer.step(net.params, grads)
            total += loss * len(idx)
        losses.append(total / len(X))
    return losses


_BATCHES = "[order[i:i + batch_size] for i in range(0, len(X), batch_size)]"
_STEP = """            y_hat = net.forward(X[idx])
            loss, dy = mse(y_hat, y[idx][:, None])
            grads = net.backward(dy)
            optimizer.step(net.params, grads)
"""
_ARRAY_SPLIT = ("np.array_split makes batches of nearly equal size, not batches of batch_size "
                "walks with a shorter last one")

TRAINING_LOOP_MISTAKES = [
    Mistake("scaffold", "the losses are all 0 and the weights never change: cut order into "
                        "batches and, for each batch, run the forward pass, the loss, the "
                        "backward pass and an optimizer step",
            edit(train_solution, _BATCHES, "[order]", _STEP, "            loss = 0.0\n")),
    Mistake("no step", "the weights never change: no optimizer step follows the backward pass",
            edit(train_solution, "            optimizer.step(net.params, grads)\n", "")),
    Mistake("step before backward", "the optimizer steps before the backward pass has computed "
                                    "this batch's gradients",
            edit(train_solution, "            grads = net.backward(dy)\n"
                                 "            optimizer.step(net.params, grads)\n",
                 "            optimizer.step(net.params, grads)\n"
                 "            grads = net.backward(dy)\n")),
    Mistake("error for gradient", "net.backward got the error y_hat - y, not the gradient of "
                                  "the mean squared loss (which holds a factor 2 / B)",
            edit(train_solution, "net.backward(dy)", "net.backward(y_hat - y[idx][:, None])")),
    Mistake("loss for gradient", "net.backward got the loss, one number; it takes the gradient "
                                 "of the loss with respect to the prediction, one per output",
            edit(train_solution, "net.backward(dy)", "net.backward(loss)")),
    Mistake("flat targets", "the targets y[idx] are (B,) while the prediction is (B, 1)",
            edit(train_solution, "y[idx][:, None]", "y[idx]")),
    Mistake("one batch", "one update per epoch, on all the walks at once: the walks were not "
                         "cut into batches", edit(train_solution, _BATCHES, "[order]")),
    Mistake("every walk every step", "every step trains on all the walks, not on its batch",
            edit(train_solution, "net.forward(X[idx])", "net.forward(X[order])",
                 "y[idx][:, None]", "y[order][:, None]")),
    Mistake("array_split", _ARRAY_SPLIT,
            edit(train_solution, _BATCHES, "np.array_split(order, -(-len(X) // batch_size))")),
    Mistake("array_split, floor", _ARRAY_SPLIT,
            edit(train_solution, _BATCHES, "np.array_split(order, len(X) // batch_size)")),
    Mistake("last batch dropped", "the last, shorter batch is left out, so some walks are never "
                                  "trained on in an epoch",
            edit(train_solution, "range(0, len(X), batch_size)",
                 "range(0, len(X) - batch_size + 1, batch_size)")),
    Mistake("batches overlap", "the loop counts batches but cuts each from walk i, so the "
                               "batches start one walk apart and overlap",
            edit(train_solution, "range(0, len(X), batch_size)", "range(len(X) // batch_size)")),
    Mistake("not shuffled", "the walks come in their own order every epoch: the batches are not "
                            "shuffled", edit(train_solution, "rng.permutation(len(X))",
                                             "np.arange(len(X))")),
    Mistake("same order every epoch", "every epoch visits the walks in the same order: each "
                                      "epoch needs a new shuffle from the one generator",
            edit(train_solution, "order = rng.permutation(len(X))",
                 "order = np.random.default_rng(seed).permutation(len(X))")),
    Mistake("a shuffle per batch", "each batch draws its own random walks, so in an epoch some "
                                   "walks come twice and others never",
            edit(train_solution, "[order[i:i + batch_size] for",
                 "[rng.permutation(len(X))[:batch_size] for")),
    Mistake("X shuffled alone", "X itself was shuffled, and y was not: the walks no longer meet "
                                "their targets", edit(train_solution, "        total = 0.0\n",
                                                      "        total = 0.0\n"
                                                      "        rng.shuffle(X)\n")),
    Mistake("total not reset", "total is not set back to 0 at the start of each epoch, so each "
                               "epoch's loss carries the epochs before it",
            edit(train_solution, "        total = 0.0\n", "", "    losses = []\n",
                 "    losses = []\n    total = 0.0\n")),
    Mistake("losses reset", "losses starts empty again every epoch, so only the last epoch's "
                            "loss is left", edit(train_solution, "    losses = []\n", "",
                                                 "        total = 0.0\n",
                                                 "        total = 0.0\n        losses = []\n")),
    Mistake("unweighted", "total adds each batch's mean loss as it is, so total / N is not a "
                          "mean over the walks: a batch of B walks holds B of them",
            edit(train_solution, "total += loss * len(idx)", "total += loss")),
    Mistake("not averaged", "each epoch's loss is the sum over the walks, not their mean",
            edit(train_solution, "losses.append(total / len(X))", "losses.append(total)")),
    Mistake("last batch's loss", "each epoch's loss is the last batch's alone, not the mean "
                                 "over all the walks",
            edit(train_solution, "losses.append(total / len(X))", "losses.append(loss)")),
]


def _losses_and_weights(arguments, losses):
    """What a training loop did: the losses it returned and the weights it left in net."""
    return losses, arguments[0].params


def _examples(X, y, hidden_size=16):
    """The runs the loop is checked on, each a fresh many-to-one SimpleRNN (seeded by seed) and
    Adam(0.001); 400 walks leave a short last batch of 32."""
    return {f"{epochs} epochs, batches of {batch_size}, seed {seed}":
            (ManyToOne(X.shape[2], hidden_size, 1, seed=seed), X, y, epochs, batch_size,
             Adam(1e-3), seed)
            for epochs, batch_size, seed in [(2, 32, 0), (2, 50, 1)]}


def check_training_loop(my_train, X_train, y_train):
    """Exercise 4: my_train(net, X (N, T, D), y (N,), epochs, batch_size, optimizer, seed)
    trains net in place by mini-batches and returns each epoch's mean training loss.

    It is run on X_train and y_train twice, each time on a fresh network, (2 epochs,
    batches of 32, seed 0) and (2 epochs, batches of 50, seed 1), and must give the losses
    and the trained weights rnnkit.train gives with the same network, data, optimizer and
    seed. It may change net and optimizer, never X or y.
    """
    X, y = _walks_and_targets(X_train, y_train, "X_train", "y_train")
    return check_function(my_train, reference_loop, _examples(X, y), "my_train",
                          axes=(("epoch",), None), mistakes=TRAINING_LOOP_MISTAKES,
                          outputs=("the losses it returns", "net.params"),
                          observe=_losses_and_weights, may_change=("net", "optimizer"),
                          repeat="its shuffles must come from the generator made from seed alone")
