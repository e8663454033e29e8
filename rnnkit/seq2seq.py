"""A translator of token sequences: an encoder reads the input, a decoder writes the output
token by token, looking back at the input by attention.

Input tokens X (N, T_in) in [0, V_in); output tokens Y (N, T_out) in [0, V_out). H is the
size of each encoder direction; the decoder's state s_t has 2H numbers, as an encoder state.

    encoder    x_j = W_enc[X[:, j]]                     embeddings (N, T_in, E)
               Hs = [h^f, h^b] = Bidirectional(x)       (N, T_in, 2H)  rnnkit.cells.bidirectional
    start      s_0 = [h^f_T, h^b_1]                     each direction's last state (N, 2H)
    step t     c_t, a_t = attention(s_{t-1}, Hs, Hs)    context (N, 2H), weights (N, T_in)
               u_t = [W_dec[y_{t-1}], c_t]              what the decoder reads (N, E + 2H)
               s_t = cell(u_t, s_{t-1})                 (N, 2H)
               z_t = s_t @ W_oh + b_o                   scores of the token y_t (N, V_out)

y_0 is the start token; y_{t-1} is the true previous token in training (teacher forcing:
forward(X, teacher=Y)) or the decoder's own most likely one when it writes alone
(forward(X, steps=T_out), greedy). With attention=False the decoder reads u_t = W_dec[y_{t-1}]
only: everything it knows of X is s_0, notebook 03's bottleneck, with the same encoder.

Like every rnnkit model (rnnkit.cells.network): params, forward(X, ...) -> Z (N, T_out, V_out),
backward(dZ) -> grads with the keys of params, so
rnnkit.train(model, X, Y, loss="softmax_cross_entropy", forward_args={"teacher": Y}) trains it.

    Seq2Seq     the model
    translate   one input text -> the output tokens and the attention weights, greedy
"""

import numpy as np

from ._validate import as_array, describe, float_dtype, needs_forward, optional_seed, positive_int
from .attention import attention, attention_backward
from .cells.bidirectional import (
    DIRECTIONS,
    bidirectional_backward,
    bidirectional_forward,
    check_cell,
)
from .cells.rnn import RNN_CELL
from .embedding import as_tokens, embedding, embedding_backward
from .feedforward import dense, dense_backward
from .initializers import glorot_uniform, uniform


class Seq2Seq:
    """An encoder-decoder of tokens with a bidirectional encoder and, optionally, attention.

    Seq2Seq(input_vocab_size=V_in, output_vocab_size=V_out, embedding_size=E, hidden_size=H,
            attention=True, cell=RNN_CELL, start=0, seed=None, dtype=np.float64)

    cell: the Cell of both the encoder's directions and the decoder, one whose state is h
    alone (rnnkit.cells.GRU_CELL or RNN_CELL). start: the output token the decoder reads
    at step 1. params, all drawn from one seed:
    enc_W_e (V_in, E); the encoder's directions, enc_fwd_ and enc_bwd_ before the cell's
    names (enc_fwd_W_xh, ... for RNN_CELL); dec_W_e (V_out, E); the decoder's cell, dec_ before
    its names, its input E + 2H wide (E without attention); W_oh (2H, V_out), b_o (V_out,).
    """

    def __init__(self, input_vocab_size, output_vocab_size, embedding_size, hidden_size,
                 attention=True, cell=RNN_CELL, start=0, seed=None, dtype=np.float64):
        V_in = positive_int(input_vocab_size, "input_vocab_size")
        V_out = positive_int(output_vocab_size, "output_vocab_size")
        E, H = positive_int(embedding_size, "embedding_size"), positive_int(hidden_size,
                                                                             "hidden_size")
        if not isinstance(attention, (bool, np.bool_)):
            raise TypeError(f"attention must be True or False, got {describe(attention)}")
        self.attention = bool(attention)
        self.cell = check_cell(cell)
        if len(cell.states) != 1:
            raise ValueError(f"cell must carry one state h, as GRU_CELL and RNN_CELL do: the "
                             f"decoder's state is the query of attention; {cell.name} carries "
                             f"{cell.states}")
        self.start = positive_int(start, "start", minimum=0)
        if self.start >= V_out:
            raise ValueError(f"start must be an output token, from 0 to {V_out - 1} "
                             f"(V_out = {V_out}), got {start}")
        rng, dtype = optional_seed(seed), float_dtype(dtype)
        self.params = {"enc_W_e": uniform(rng, (V_in, E), 0.05, dtype)}
        for direction in DIRECTIONS:
            self.params.update({f"enc_{direction}_{name}": w
                                for name, w in cell.init(rng, E, H, dtype).items()})
        self.params["dec_W_e"] = uniform(rng, (V_out, E), 0.05, dtype)
        width = E + 2 * H if self.attention else E
        self.params.update({f"dec_{name}": w
                            for name, w in cell.init(rng, width, 2 * H, dtype).items()})
        self.params["W_oh"] = glorot_uniform(rng, 2 * H, V_out, dtype)
        self.params["b_o"] = np.zeros(V_out, dtype=dtype)
        self.sizes = (V_in, V_out, E, H)
        self._cache = None

    def __repr__(self):
        V_in, V_out, E, H = self.sizes
        return (f"Seq2Seq(input_vocab_size={V_in}, output_vocab_size={V_out}, "
                f"embedding_size={E}, hidden_size={H}, attention={self.attention}, "
                f"cell={self.cell.name})")

    def part(self, prefix):
        """The cell weights whose keys start with ``prefix`` ("enc_fwd_", "enc_bwd_", "dec_"),
        under the cell's own names."""
        return {name: self.params[prefix + name] for name in self.cell.weights}

    # -- forward ----------------------------------------------------------------------------

    def forward(self, X, teacher=None, steps=None):
        """X: (N, T_in) input tokens. Returns Z (N, T_out, V_out): the scores of every output
        token, at every step.

        teacher: (N, T_out) the true output tokens: step t reads the true y_{t-1} (teacher
        forcing, for training). Without it, steps: T_out, how many tokens to write, each step
        reading the previous step's most likely token (greedy, for translating).
        """
        p, (V_in, V_out, _, H) = self.params, self.sizes
        X = as_tokens(X, V_in, "X")
        if X.ndim != 2:
            raise ValueError(f"X must have shape (N, T_in): N sequences of T_in token indices, "
                             f"got shape {X.shape}")
        N = X.shape[0]
        if teacher is not None:
            teacher = as_tokens(teacher, V_out, "teacher")
            if teacher.ndim != 2 or teacher.shape[0] != N:
                raise ValueError(f"teacher must have shape ({N}, T_out): the true output tokens "
                                 f"of each of the N = {N} sequences of X, got shape "
                                 f"{teacher.shape}")
            steps = teacher.shape[1]
        elif steps is None:
            raise ValueError("steps is needed without a teacher: how many tokens to write")
        else:
            steps = positive_int(steps, "steps")
        Hs, _, encoder = bidirectional_forward(self.cell, self.part("enc_fwd_"),
                                               self.part("enc_bwd_"),
                                               embedding(X, p["enc_W_e"], check=False))
        s = np.concatenate([Hs[:, -1, :H], Hs[:, 0, H:]], axis=1)   # s_0 = [h^f_T, h^b_1]
        y_prev = np.full(N, self.start)
        S, Z, A, Y_in, kept = [], [], [], [], []        # kept: what each step's backward needs
        for t in range(steps):
            Y_in.append(y_prev)
            u, a = embedding(y_prev, p["dec_W_e"], check=False), None
            if self.attention:
                c, a = attention(s, Hs, Hs, check=False)
                u = np.concatenate([u, c], axis=1)
            s_prev = s
            (s,), cell_cache = self._step(u, s)
            z = dense(s, p["W_oh"], p["b_o"], check=False)
            S.append(s)
            Z.append(z)
            A.append(a)
            kept.append({"s_prev": s_prev, "cell": cell_cache})
            y_prev = teacher[:, t] if teacher is not None else z.argmax(axis=1)
        Z = np.stack(Z, axis=1)
        self._cache = {"X": X, "Hs": Hs, "encoder": encoder, "S": np.stack(S, axis=1), "Z": Z,
                       "A": A, "Y_in": np.stack(Y_in, axis=1), "kept": kept}
        return Z

    def _step(self, u, s):
        """One decoder step through the cell: u (N, width), s (N, 2H) -> ((s_t,), its cache).

        The cell's sequence function runs over a sequence of one step (T = 1), so any cell with
        one state h serves."""
        _, final, cell_cache = self.cell.forward(self.part("dec_"), u[:, None], (s,))
        return final, cell_cache

    @property
    def attention_weights(self):
        """(N, T_out, T_in): at each output step, the weight on each input position."""
        cache = needs_forward(self._cache, "attention_weights")
        if not self.attention:
            raise AttributeError("a Seq2Seq made with attention=False has no attention weights")
        return np.stack(cache["A"], axis=1)

    @property
    def hidden_states(self):
        """(N, T_in + T_out, 2H): the encoder's states h_j, then the decoder's s_t."""
        cache = needs_forward(self._cache, "hidden_states")
        return np.concatenate([cache["Hs"], cache["S"]], axis=1)

    # -- backward ---------------------------------------------------------------------------

    def backward(self, dZ):
        """dZ: (N, T_out, V_out), dLoss/dz_t. Returns the gradients, a dict with the keys of
        params; grad_X is None (token indices have no gradient).

        Walking back from the last step, the gradient reaching s_t is what its scores z_t send
        plus what step t+1 sends through its cell and, with attention, through its query. The
        encoder's states collect what every step's attention sends, and s_0's share.
        """
        cache = needs_forward(self._cache)
        p, (_, _, E, H) = self.params, self.sizes
        S, Z, Hs = cache["S"], cache["Z"], cache["Hs"]
        dZ = as_array(dZ, "dZ", shape=Z.shape, why="the shape of forward()'s scores Z",
                      dtype=Z.dtype)
        grads = {}
        dS, grads["W_oh"], grads["b_o"] = dense_backward(dZ, S, Z, p["W_oh"], check=False)
        dHs = np.zeros_like(Hs)
        dU = []
        dec = {name: np.zeros_like(p["dec_" + name]) for name in self.cell.weights}
        ds = np.zeros_like(S[:, 0])                      # nothing comes from after the last step
        for t in range(len(cache["kept"]) - 1, -1, -1):
            s_prev, cell_cache = cache["kept"][t]["s_prev"], cache["kept"][t]["cell"]
            du, (ds_prev,), step_grads = self.cell.backward(self.part("dec_"),
                                                            (dS[:, t] + ds)[:, None], cell_cache)
            du = du[:, 0]
            for name, g in step_grads.items():
                dec[name] += g
            if self.attention:
                dq, dK, dV = attention_backward(du[:, E:], s_prev, Hs, Hs, cache["A"][t],
                                                check=False)
                ds_prev = ds_prev + dq
                dHs += dK + dV
            dU.insert(0, du[:, :E])
            ds = ds_prev
        grads.update({"dec_" + name: g for name, g in dec.items()})
        grads["dec_W_e"] = embedding_backward(np.stack(dU, axis=1), cache["Y_in"], p["dec_W_e"],
                                              check=False)
        dHs[:, -1, :H] += ds[:, :H]                      # s_0 = [h^f_T, h^b_1]
        dHs[:, 0, H:] += ds[:, H:]
        dX, grads_f, grads_b = bidirectional_backward(self.cell, self.part("enc_fwd_"),
                                                      self.part("enc_bwd_"), dHs,
                                                      cache["encoder"])
        grads.update({"enc_fwd_" + k: g for k, g in grads_f.items()})
        grads.update({"enc_bwd_" + k: g for k, g in grads_b.items()})
        grads["enc_W_e"] = embedding_backward(dX, cache["X"], p["enc_W_e"], check=False)
        self.grad_X = None
        return {key: grads[key] for key in p}


def translate(model, source, target, text, end=None, max_steps=None):
    """Translate one input with a trained Seq2Seq, greedily.

    model: a Seq2Seq. source, target: the rnnkit.lm.Vocabulary of its inputs (V_in tokens) and
    of its outputs (V_out). text: the input, a str (split by source's unit) or a list of
    tokens; an unknown token raises rnnkit.lm.UnknownTokenError naming it. end: the output
    token that ends a translation (it is kept), or None. max_steps: the most tokens to write
    (2 T_in + 2 if None).
    Returns (tokens, weights): the output tokens, a str of characters or a list of words, and
    the attention weights (T_out, T_in) (None without attention).
    """
    if not isinstance(model, Seq2Seq):
        raise TypeError(f"model must be an rnnkit.seq2seq.Seq2Seq, got {describe(model)}")
    for name, vocab, size in (("source", source, model.sizes[0]),
                              ("target", target, model.sizes[1])):
        if len(vocab) != size:
            raise ValueError(f"{name} must be the vocabulary of the model's "
                             f"{'inputs' if name == 'source' else 'outputs'}, {size} tokens, "
                             f"got {len(vocab)}")
    X = source.encode(text, "text")[None]
    steps = 2 * X.shape[1] + 2 if max_steps is None else positive_int(max_steps, "max_steps")
    Z = model.forward(X, steps=steps)
    out = Z[0].argmax(axis=1)
    if end is not None:
        stop = np.flatnonzero(out == target.index(end))
        out = out[:stop[0] + 1] if len(stop) else out
    weights = model.attention_weights[0, :len(out)] if model.attention else None
    return target.decode(out), weights
