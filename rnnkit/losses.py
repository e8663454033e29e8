"""Loss functions. Each returns (loss, gradient of the loss w.r.t. its first argument).

perplexity() turns a language model's mean cross-entropy into the number of
equally likely tokens it is as unsure as.
"""

import numpy as np

from ._validate import as_array, as_labels, as_mask, real_number
from .activations import log_softmax


def mse(Y_pred, Y_true):
    """Mean squared error over every element, as Keras' "mean_squared_error".

    Y_pred, Y_true: arrays of the same shape, e.g. (N, O) or (N, T, O).
    Returns (loss, dY_pred) with loss = mean((Y_pred - Y_true)**2) and
    dY_pred = 2 (Y_pred - Y_true) / size, the shape of Y_pred.
    """
    Y_pred = as_array(Y_pred, "Y_pred")
    Y_true = as_array(Y_true, "Y_true")
    if Y_pred.shape != Y_true.shape:
        raise ValueError(f"Y_pred and Y_true must have the same shape, got Y_pred {Y_pred.shape} "
                         f"and Y_true {Y_true.shape}; for one target per sequence reshape y "
                         f"to (N, 1)")
    diff = Y_pred - Y_true
    flat = diff.ravel()
    return float(np.dot(flat, flat)) / diff.size, (2.0 / diff.size) * diff


def softmax_cross_entropy(logits, labels, mask=None):
    """Cross-entropy of softmax(logits) against integer labels, computed stably.

    logits: (..., C) unnormalised scores, e.g. (N, C) or (N, T, C).
    labels: (...) integer class indices in [0, C), e.g. (N,) or (N, T).
    mask: optional (...) booleans; positions where it is False (padding)
    count neither in the loss nor in the gradient.

    Returns (loss, dlogits): the mean of -log p[label] over the counted
    positions, using log p = z - max(z) - log(sum(exp(z - max(z)))) so that no
    exp overflows, and dlogits = (softmax(logits) - one_hot(labels)) / count.
    """
    logits = as_array(logits, "logits", ndim=range(1, 8))
    C = logits.shape[-1]
    labels = as_labels(labels, "labels", num_classes=C)
    if labels.shape != logits.shape[:-1]:
        raise ValueError(f"labels must have shape {logits.shape[:-1]} (one class index per row of "
                         f"logits {logits.shape}), got {labels.shape}")
    if mask is None:
        weights = np.ones(labels.shape, dtype=logits.dtype)
    else:
        weights = as_mask(mask, labels.shape, "labels").astype(logits.dtype)
    count = weights.sum()
    log_probs = log_softmax(logits)
    picked = np.take_along_axis(log_probs, labels[..., None], axis=-1)[..., 0]
    loss = float(-(picked * weights).sum() / count)
    dlogits = np.exp(log_probs)
    np.put_along_axis(dlogits, labels[..., None],
                      np.take_along_axis(dlogits, labels[..., None], axis=-1) - 1.0, axis=-1)
    dlogits *= (weights / count)[..., None]
    return loss, dlogits


def perplexity(cross_entropy):
    """exp(mean cross-entropy in nats): the model is as unsure as a uniform choice among
    that many tokens. A uniform model over V tokens has perplexity V; a perfect one, 1.

    cross_entropy: a number >= 0 (a float, or the loss softmax_cross_entropy returns).
    Returns a float >= 1.
    """
    return float(np.exp(real_number(cross_entropy, "cross_entropy", minimum=0.0)))
