"""train(): mini-batch gradient descent for any rnnkit model.

A model is anything with ``params`` (dict of arrays), ``forward(X)`` returning
its output and ``backward(dout)`` returning gradients with the keys of params:
SimpleRNN, LSTM, GRU, the topologies and the MLP all qualify
(rnnkit.cells.network describes that one interface).
"""

import time
from dataclasses import dataclass, field

import numpy as np

from ._validate import (
    as_array,
    as_labels,
    as_mask,
    describe,
    one_of,
    optional_seed,
    positive,
    positive_int,
)
from .losses import mse, softmax_cross_entropy
from .optim import Adam, clip_by_global_norm, global_norm


@dataclass
class History:
    """What happened during training, one entry per epoch.

    loss: mean training loss over the epoch's batches; val_loss: loss on the
    validation data after the epoch (if given); grad_norm: the largest global
    gradient norm seen in the epoch (before clipping); diverged: True if the
    loss became NaN or infinite and training stopped; seconds: wall time.
    """
    loss: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    grad_norm: list = field(default_factory=list)
    diverged: bool = False
    seconds: float = 0.0


def compute_loss(model, X, targets, loss="mse", mask=None, forward_args=None):
    """Forward pass and loss, without updating anything. Returns (loss, dout).

    forward_args: keyword arguments for model.forward (already cut to this batch).
    If the output holds NaN or infinity (the weights have blown up), the loss
    is reported as inf and dout as None, so that train() can stop and say so.
    """
    out = model.forward(X, **(forward_args or {}))
    if not np.all(np.isfinite(out)):
        return float("inf"), None
    if loss == "mse":
        return mse(out, targets)
    return softmax_cross_entropy(out, targets, mask)


def _check_targets(targets, loss, N):
    if loss == "mse":
        targets = as_array(targets, "targets", ndim=range(1, 4))
    else:
        targets = as_labels(targets, "targets", ndim=(1, 2))
    if targets.shape[0] != N:
        raise ValueError(f"targets must have one row per sequence in X: X has N = {N}, "
                         f"targets has {targets.shape[0]} (shape {targets.shape})")
    return targets


def train(model, X, targets, loss="mse", epochs=10, batch_size=32, optimizer=None,
          clip_norm=None, shuffle=True, seed=None, mask=None, validation_data=None,
          forward_args=None):
    """Train ``model`` in place by mini-batch gradient descent.

    X: the model's input, N examples first (e.g. (N, T, D)).
    targets: for loss="mse", the shape of the model's output (e.g. (N, O) or
    (N, T, O)); for loss="softmax_cross_entropy", integer class labels of the
    output's shape without its last axis (e.g. (N,) or (N, T)).
    mask: optional (N, T) booleans for cross-entropy; False marks padding.
    optimizer: an rnnkit.optim optimiser (Adam(0.001) if None).
    clip_norm: if given, gradients are clipped to this global norm.
    seed: fixes the shuffling order, so the same seed gives the same run.
    validation_data: optional (X_val, targets_val) evaluated after each epoch, or
    (X_val, targets_val, mask_val) for padded sequences.
    forward_args: optional dict of arrays with one row per example, passed to
    model.forward by name, each cut to the batch like X: {"teacher": Y} trains an
    rnnkit.EncoderDecoder(feedback=True) by teacher forcing.

    Returns a History. Training stops early, with History.diverged set, if
    the loss becomes NaN or infinite (exploding gradients).
    """
    loss = one_of(loss, "loss", ("mse", "softmax_cross_entropy"))
    epochs = positive_int(epochs, "epochs")
    batch_size = positive_int(batch_size, "batch_size")
    if clip_norm is not None:
        clip_norm = positive(clip_norm, "clip_norm")
    if not (hasattr(model, "params") and hasattr(model, "forward") and hasattr(model, "backward")):
        raise TypeError(f"model must have params, forward() and backward(), "
                        f"got {type(model).__name__}")
    X = as_array(X, "X", ndim=(2, 3))
    targets = _check_targets(targets, loss, X.shape[0])
    if mask is not None:
        mask = as_mask(mask, targets.shape, "targets")
    forward_args = _check_forward_args(forward_args, X.shape[0])
    if validation_data is not None and (not isinstance(validation_data, (tuple, list))
                                        or len(validation_data) not in (2, 3)):
        raise TypeError(f"validation_data must be (X_val, targets_val) or (X_val, targets_val, "
                        f"mask_val), got {describe(validation_data)}")
    optimizer = optimizer if optimizer is not None else Adam()
    rng = optional_seed(seed)
    history = History()
    start = time.perf_counter()
    N = X.shape[0]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(epochs):
            order = rng.permutation(N) if shuffle else np.arange(N)
            total, largest = 0.0, 0.0
            for begin in range(0, N, batch_size):
                idx = order[begin:begin + batch_size]
                batch_mask = None if mask is None else mask[idx]
                batch_args = {name: arg[idx] for name, arg in forward_args.items()}
                value, dout = compute_loss(model, X[idx], targets[idx], loss, batch_mask,
                                           batch_args)
                if not np.isfinite(value):
                    history.diverged = True
                    break
                grads = model.backward(dout)
                if clip_norm is not None:
                    grads, norm = clip_by_global_norm(grads, clip_norm)
                else:
                    norm = global_norm(grads)
                largest = max(largest, norm)
                optimizer.step(model.params, grads)
                total += value * len(idx)
            if history.diverged or not all(np.all(np.isfinite(p)) for p in model.params.values()):
                history.diverged = True
                break
            history.loss.append(total / N)
            history.grad_norm.append(largest)
            if validation_data is not None:
                X_val, t_val, *mask_val = validation_data
                history.val_loss.append(evaluate(model, X_val, t_val, loss, *mask_val))
    history.seconds = time.perf_counter() - start
    return history


def _check_forward_args(forward_args, N):
    """forward_args: None or a dict name -> array with N rows. Returns a dict of arrays."""
    if forward_args is None:
        return {}
    if not isinstance(forward_args, dict) or not all(isinstance(k, str) for k in forward_args):
        raise TypeError(f"forward_args must be a dict of keyword arguments for model.forward, "
                        f"such as {{'teacher': Y}}, got {describe(forward_args)}")
    checked = {}
    for name, value in forward_args.items():
        value = np.asarray(value)
        if value.ndim == 0 or value.shape[0] != N:
            raise ValueError(f"forward_args[{name!r}] must have one row per sequence in X "
                             f"(N = {N}), got shape {value.shape}")
        checked[name] = value
    return checked


def evaluate(model, X, targets, loss="mse", mask=None):
    """The model's loss on (X, targets) as a float, with no update."""
    loss = one_of(loss, "loss", ("mse", "softmax_cross_entropy"))
    X = as_array(X, "X", ndim=(2, 3))
    targets = _check_targets(targets, loss, X.shape[0])
    with np.errstate(over="ignore", invalid="ignore"):     # a blown-up model scores inf
        return compute_loss(model, X, targets, loss, mask)[0]
