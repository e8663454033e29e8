"""A trained language model in one file: its weights in Keras' layout, its vocabulary, its settings.

    save_checkpoint(path, model, vocab, settings=None)   write the .npz file
    load_checkpoint(path)                                -> (model, vocab, settings)

The file is a NumPy archive (.npz) holding:

    weights_0, weights_1, ...   the model's params in order: the embedding W_e (V, E) if any,
                                each layer's kernel, recurrent kernel and bias, then W_oh and
                                b_o. That is the order and the layout of Keras' get_weights()
                                for Sequential([Embedding, LSTM, ..., Dense]), so
                                keras_model.set_weights(weights) takes them as they are.
    network                     JSON: the cell ("SimpleRNN", "LSTM" or "GRU"), the sizes,
                                layers, embedding_size, dropout, output_activation
    vocabulary                  JSON: the tokens in index order, and whether they are words or
                                characters
    settings                    JSON: whatever the trainer wants to keep (learning rate,
                                epochs, ...), returned as a dict

The weights are stored as float16 by default, half the bytes of float32 (a 3.3 million
weight model is 6.6 MB), and loaded back as float32; float16 keeps 3 significant digits of
every weight.
"""

import json
from pathlib import Path

import numpy as np

from .._validate import describe, float_dtype
from ..cells import NETWORKS, RecurrentNetwork
from .vocab import Vocabulary


def save_checkpoint(path, model, vocab, settings=None, dtype=np.float16):
    """Write ``model`` (any rnnkit recurrent network), ``vocab`` and ``settings`` (a dict that
    JSON can hold, or None) to ``path`` (.npz). dtype: how the weights are stored, float16
    (the default) or float32. Returns the Path written."""
    if not isinstance(model, RecurrentNetwork):
        raise TypeError(f"model must be an rnnkit recurrent network (SimpleRNN, LSTM or GRU), "
                        f"got {describe(model)}")
    if not isinstance(vocab, Vocabulary):
        raise TypeError(f"vocab must be an rnnkit.lm.Vocabulary, got {describe(vocab)}")
    if dtype not in (np.float16, np.float32):
        raise ValueError(f"dtype must be np.float16 or np.float32, got {dtype!r}")
    D, H, O = model.sizes
    network = {"cell": model.cell.name, "input_size": D, "hidden_size": H, "output_size": O,
               "layers": model.layers, "embedding_size": model.embedding_size,
               "dropout": model.dropout, "output_activation": model.output_activation}
    arrays = {f"weights_{i}": w.astype(dtype) for i, w in enumerate(model.params.values())}
    path = Path(path)
    with path.open("wb") as handle:
        np.savez_compressed(handle, network=json.dumps(network),
                            vocabulary=json.dumps({"tokens": vocab.tokens, "unit": vocab.unit}),
                            settings=json.dumps(settings or {}), **arrays)
    return path


def load_checkpoint(path, dtype=np.float32):
    """Read a file save_checkpoint wrote. Returns (model, vocab, settings): the network with its
    weights in ``dtype`` (float32 by default), the Vocabulary and the settings dict."""
    dtype = float_dtype(dtype)
    with np.load(Path(path), allow_pickle=False) as archive:
        network = json.loads(str(archive["network"]))
        vocabulary = json.loads(str(archive["vocabulary"]))
        settings = json.loads(str(archive["settings"]))
        weights = [archive[f"weights_{i}"] for i in range(sum(k.startswith("weights_")
                                                              for k in archive.files))]
    model = NETWORKS[network["cell"]](
        network["input_size"], network["hidden_size"], network["output_size"],
        network["output_activation"], dtype=dtype, layers=network["layers"],
        embedding_size=network["embedding_size"], dropout=network["dropout"])
    if [w.shape for w in weights] != [p.shape for p in model.params.values()]:
        raise ValueError(f"{path}: its weights do not fit a {network['cell']} of these sizes")
    for param, w in zip(model.params.values(), weights):
        param[...] = w
    return model, Vocabulary(vocabulary["tokens"], vocabulary["unit"]), settings
