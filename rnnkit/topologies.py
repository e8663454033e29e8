"""The five RNN topologies, all built on the same tanh cell.

Every model here answers as every rnnkit model does (rnnkit.cells.network), which is all
that ``rnnkit.train`` needs:

    params            dict of weight arrays
    forward(X)        returns the model's output
    backward(dout)    takes dLoss/doutput, returns grads with the keys of params; keeps grad_X
    hidden_states     after forward(): the hidden state at every step it ran, (N, T, H)

TOPOLOGIES, at the end, is the table of the five: the model, its shapes and
what it is for (rnnkit.diagrams and the widgets read it).

    topology          input          output           example
    OneToOne          (N, D)         (N, O)           image classification
    OneToMany         (N, D)         (N, T_out, O)    image captioning
    ManyToOne         (N, T, D)      (N, O)           sentiment analysis
    ManyToMany        (N, T, D)      (N, T, O)        tagging every word
    EncoderDecoder    (N, T_in, D)   (N, T_out, O)    translation, speech recognition

OneToMany and ManyToOne read a recurrent network in their way: a SimpleRNN by
default, any rnnkit network with cell=LSTM or cell=GRU (model.rnn is the
network). ManyToMany is SimpleRNN itself: an output at every step.
EncoderDecoder(..., feedback=True) feeds each output back into the decoder's
next step: forward(X, teacher=Y) feeds the true outputs instead (teacher
forcing, for training; rnnkit.train(..., forward_args={"teacher": Y})),
forward(X) its own (generation).
"""

from dataclasses import dataclass

import numpy as np

from . import activations
from ._validate import (
    as_array,
    as_sequences,
    as_vectors,
    describe,
    float_dtype,
    needs_forward,
    one_of,
    optional_seed,
    positive_int,
)
from .cells import (
    RecurrentNetwork,
    SimpleRNN,
    rnn_backward,
    rnn_forward,
    rnn_step,
    rnn_step_backward,
)
from .feedforward import dense, dense_backward
from .initializers import glorot_uniform, orthogonal

ManyToMany = SimpleRNN       # a sequence in, an output at every step: X (N, T, D) -> Y (N, T, O)


class _OneRNN:
    """What OneToMany and ManyToOne share: one recurrent network, read in their own way.

    (input_size, hidden_size, output_size, output_activation="identity", seed=None,
    dtype=np.float64) are the network's arguments; cell: the network's class, SimpleRNN
    (the default), LSTM or GRU. model.rnn is the network, model.params its params.
    """

    def __init__(self, input_size, hidden_size, output_size, output_activation="identity",
                 seed=None, dtype=np.float64, cell=SimpleRNN):
        if not (isinstance(cell, type) and issubclass(cell, RecurrentNetwork)):
            raise TypeError(f"cell must be rnnkit.SimpleRNN, rnnkit.LSTM or rnnkit.GRU (the "
                            f"class), got {describe(cell)}")
        self.rnn = cell(input_size, hidden_size, output_size, output_activation, seed, dtype)
        self.params = self.rnn.params        # the same arrays: training one trains the other

    @property
    def hidden_states(self):
        """Hs (N, T, H): the network's hidden state at every step of the last forward pass."""
        return self.rnn.hidden_states

    def __repr__(self):
        D, H, O = self.rnn.sizes
        cell = "" if type(self.rnn) is SimpleRNN else f", cell={type(self.rnn).__name__}"
        return f"{type(self).__name__}(input_size={D}, hidden_size={H}, output_size={O}{cell})"


class ManyToOne(_OneRNN):
    """A sequence in, one output after the last step: X (N, T, D) -> y (N, O).

    The network runs over every step and only its last output is read,
    y = phi(h_T @ W_oh + b_o) (Keras: return_sequences=False); BPTT starts from
    that single output.
    """

    def forward(self, X):
        """X: (N, T, D). Returns y_T: (N, O), the output at the last step only."""
        self._Y = self.rnn.forward(X)
        return self._Y[:, -1]

    def backward(self, dy):
        """dy: (N, O), dLoss/dy_T. Returns grads with the keys of params (BPTT from step T)."""
        Y = needs_forward(getattr(self, "_Y", None))
        dy = as_array(dy, "dy", shape=(Y.shape[0], Y.shape[2]),
                      why="the shape of forward()'s output")
        dY = np.zeros_like(Y)
        dY[:, -1] = dy                                   # only the last step has a loss
        grads = self.rnn.backward(dY)
        self.grad_X = self.rnn.grad_X
        return grads


class OneToMany(_OneRNN):
    """One vector in, a sequence out: x (N, D) -> Y (N, T_out, O).

    The input x is fed to the cell at every one of the ``steps`` time steps
    (Keras calls this RepeatVector); the hidden state is what changes from
    step to step, so the outputs can differ.
    """

    def __init__(self, input_size, hidden_size, output_size, steps, output_activation="identity",
                 seed=None, dtype=np.float64, cell=SimpleRNN):
        super().__init__(input_size, hidden_size, output_size, output_activation, seed, dtype,
                         cell)
        self.steps = positive_int(steps, "steps")

    def forward(self, x):
        """x: (N, D). Returns Y: (N, steps, O)."""
        x = as_vectors(x, "x", self.rnn.sizes[0])
        return self.rnn.forward(np.repeat(x[:, None, :], self.steps, axis=1))

    def backward(self, dY):
        """dY: (N, steps, O). Returns grads; grad_X (N, D) sums what reached x at every step."""
        grads = self.rnn.backward(dY)
        self.grad_X = self.rnn.grad_X.sum(axis=1)
        return grads


class OneToOne:
    """One vector in, one out: x (N, D) -> y (N, O).

    A single step of the cell from h_0 = 0, so h_0 @ W_hh is always zero and
    W_hh has nothing to learn: h = tanh(x @ W_xh + b_h), y = phi(h @ W_oh + b_o).
    params are W_xh (D, H), b_h (H,), W_oh (H, O), b_o (O,): exactly a
    feed-forward net with one tanh hidden layer. hidden_states is (N, 1, H).
    """

    def __init__(self, input_size, hidden_size, output_size, output_activation="identity",
                 seed=None, dtype=np.float64):
        self.output_activation = one_of(output_activation, "output_activation",
                                        tuple(activations.ACTIVATIONS))
        params = SimpleRNN(input_size, hidden_size, output_size, seed=seed, dtype=dtype).params
        del params["W_hh"]           # drawn all the same, so a seed gives SimpleRNN's W_xh, W_oh
        self.params = params
        self._cache = None

    def __repr__(self):
        D, H = self.params["W_xh"].shape
        return (f"OneToOne(input_size={D}, hidden_size={H}, "
                f"output_size={self.params['W_oh'].shape[1]})")

    @property
    def hidden_states(self):
        """Hs (N, 1, H): the hidden state of the one step of the last forward pass."""
        return needs_forward(self._cache, "hidden_states")["h"][:, None, :]

    def forward(self, x):
        """x: (N, D). Returns y: (N, O)."""
        p = self.params
        x = as_vectors(x, "x", p["W_xh"].shape[0]).astype(p["W_xh"].dtype, copy=False)
        h = dense(x, p["W_xh"], p["b_h"], "tanh", check=False)
        y = dense(h, p["W_oh"], p["b_o"], self.output_activation, check=False)
        self._cache = {"x": x, "h": h, "y": y}
        return y

    def backward(self, dy):
        """dy: (N, O). Returns grads with the keys of params; keeps grad_X (N, D)."""
        cache = needs_forward(self._cache)
        x, h, y = cache["x"], cache["h"], cache["y"]
        dy = as_array(dy, "dy", shape=y.shape, why="the shape of forward()'s output")
        p, grads = self.params, {}
        dh, grads["W_oh"], grads["b_o"] = dense_backward(dy, h, y, p["W_oh"],
                                                         self.output_activation, check=False)
        self.grad_X, grads["W_xh"], grads["b_h"] = dense_backward(dh, x, h, p["W_xh"], "tanh",
                                                                  check=False)
        return {key: grads[key] for key in p}


class EncoderDecoder:
    """A sequence in, a sequence of another length out: X (N, T_in, D) -> Y (N, T_out, O).

    The encoder cell reads X and squeezes it into one context vector
    c = h_{T_in} (N, H). The decoder is a second tanh cell that runs for
    ``steps`` = T_out time steps from h_0 = 0 and writes y_t = phi(h_t @ W_oh + b_o)
    at every one. What the decoder reads at step t:

    - feedback=False: c alone, at every step (u_t = c, shape (N, H));
    - feedback=True: c and the previous output, u_t = [c, y_{t-1}] (N, H + O),
      with y_0 = 0 as the start. forward(X, teacher=Y) feeds the *true* previous
      outputs Y[:, t-1] (teacher forcing, for training); forward(X) feeds the
      decoder's own y_{t-1} (free-running, for generation, when no truth exists).

    params: enc_W_xh (D, H), enc_W_hh (H, H), enc_b_h (H,) for the encoder;
    W_xh (H, H), or (H + O, H) with feedback, W_hh (H, H), b_h (H,), W_oh (H, O),
    b_o (O,) for the decoder. hidden_states is (N, T_in + steps, H): the
    encoder's states, then the decoder's.
    """

    def __init__(self, input_size, hidden_size, output_size, steps, output_activation="identity",
                 seed=None, dtype=np.float64, feedback=False):
        D, H = positive_int(input_size, "input_size"), positive_int(hidden_size, "hidden_size")
        O = positive_int(output_size, "output_size")
        self.steps = positive_int(steps, "steps")
        self.output_activation = one_of(output_activation, "output_activation",
                                        tuple(activations.ACTIVATIONS))
        if not isinstance(feedback, (bool, np.bool_)):
            raise TypeError(f"feedback must be True or False, got {feedback!r}")
        self.feedback = bool(feedback)
        rng, dtype = optional_seed(seed), float_dtype(dtype)     # one generator for every weight
        decoder = SimpleRNN(H + O if feedback else H, H, O, seed=rng, dtype=dtype).params
        self.params = {"enc_W_xh": glorot_uniform(rng, D, H, dtype),
                       "enc_W_hh": orthogonal(rng, H, dtype),
                       "enc_b_h": np.zeros(H, dtype=dtype)}
        self.params.update(decoder)
        self._cache = None

    def __repr__(self):
        D, H = self.params["enc_W_xh"].shape
        return (f"EncoderDecoder(input_size={D}, hidden_size={H}, "
                f"output_size={self.params['W_oh'].shape[1]}, steps={self.steps}"
                f"{', feedback=True' if self.feedback else ''})")

    def forward(self, X, teacher=None):
        """X: (N, T_in, D). Returns Y: (N, steps, O).

        teacher: only with feedback=True: None to feed back the decoder's own
        outputs (generation), or the true outputs (N, steps, O) to feed back
        instead (teacher forcing).
        """
        p = self.params
        D, H = p["enc_W_xh"].shape
        dtype = p["W_oh"].dtype
        X = as_sequences(X, "X", D).astype(dtype, copy=False)
        N, O = X.shape[0], p["W_oh"].shape[1]
        if teacher is not None:
            if not self.feedback:
                raise ValueError("teacher is only for a decoder that feeds back its outputs: "
                                 "make the model with feedback=True")
            teacher = as_array(teacher, "teacher", shape=(N, self.steps, O),
                               why="the true outputs (N, steps, O), one per decoder step"
                               ).astype(dtype, copy=False)
        h0 = np.zeros((N, H), dtype=dtype)
        Hs_enc = rnn_forward(X, h0, p["enc_W_xh"], p["enc_W_hh"], p["enc_b_h"], check=False)
        c = Hs_enc[:, -1]                                             # the context (N, H)
        fed_own = self.feedback and teacher is None
        if fed_own:
            U, Hs_dec, Y = self._generate(c)            # each output goes back in, step by step
        else:
            U = self._known_inputs(c, teacher)          # every u_t is known before step 1
            Hs_dec = rnn_forward(U, h0, p["W_xh"], p["W_hh"], p["b_h"], check=False)
            Y = dense(Hs_dec, p["W_oh"], p["b_o"], self.output_activation, check=False)
        self._cache = {"X": X, "h0": h0, "Hs_enc": Hs_enc, "Hs_dec": Hs_dec, "U": U, "Y": Y,
                       "fed_own": fed_own}
        return Y

    def _known_inputs(self, c, teacher):
        """The decoder's inputs when none depends on its outputs: U (N, steps, H), c at every
        step; or with feedback and the true outputs teacher (N, steps, O), U (N, steps, H + O),
        u_t = [c, y_{t-1}] with y_0 = 0 and y_{t-1} = teacher[:, t-1]."""
        U = np.repeat(c[:, None, :], self.steps, axis=1)
        if not self.feedback:
            return U
        Y_prev = np.concatenate([np.zeros_like(teacher[:, :1]), teacher[:, :-1]], axis=1)
        return np.concatenate([U, Y_prev], axis=2)

    def _generate(self, c):
        """Free-running from the context c (N, H): step t reads u_t = [c, y_{t-1}], with its
        own previous output (y_0 = 0).

        Returns U (N, steps, H + O), Hs (N, steps, H) and Y (N, steps, O).
        """
        p, (N, H), O = self.params, c.shape, self.params["W_oh"].shape[1]
        U = np.empty((N, self.steps, H + O), dtype=c.dtype)
        Hs, Y = np.empty((N, self.steps, H), dtype=c.dtype), np.empty((N, self.steps, O), c.dtype)
        h, y = np.zeros_like(c), np.zeros((N, O), dtype=c.dtype)
        for t in range(self.steps):
            U[:, t] = np.concatenate([c, y], axis=1)
            h = rnn_step(U[:, t], h, p["W_xh"], p["W_hh"], p["b_h"], check=False)
            y = dense(h, p["W_oh"], p["b_o"], self.output_activation, check=False)
            Hs[:, t], Y[:, t] = h, y
        return U, Hs, Y

    @property
    def context(self):
        """c (N, H): the encoder's last hidden state from the last forward pass."""
        return needs_forward(self._cache, "context")["Hs_enc"][:, -1]

    @property
    def decoder_inputs(self):
        """U (N, steps, H), or (N, steps, H + O) with feedback: what the decoder read at each
        step of the last forward pass, u_t = c or u_t = [c, y_{t-1}]."""
        return needs_forward(self._cache, "decoder_inputs")["U"]

    @property
    def hidden_states(self):
        """Hs (N, T_in + steps, H): the encoder's hidden states, then the decoder's."""
        cache = needs_forward(self._cache, "hidden_states")
        return np.concatenate([cache["Hs_enc"], cache["Hs_dec"]], axis=1)

    def backward(self, dY):
        """dY: (N, steps, O), dLoss/dy_t. Returns grads with the keys of params; keeps grad_X.

        When the decoder's inputs were known in advance (c alone, or teacher
        forcing), it is a SimpleRNN over them. When it fed back its own outputs,
        the gradient also flows from each step into the output it read
        (_generate_backward). c was read at every step, so its gradient is the
        sum of every step's share; from c it goes back through the encoder.
        """
        cache = needs_forward(self._cache)
        X, h0, Hs_enc, Hs_dec, U, Y = (cache[k] for k in ("X", "h0", "Hs_enc", "Hs_dec", "U",
                                                          "Y"))
        dY = as_array(dY, "dY", shape=Y.shape, why="the shape of forward()'s output",
                      dtype=Y.dtype)
        p, H, grads = self.params, Hs_enc.shape[2], {}
        if cache["fed_own"]:
            dU = self._generate_backward(dY, h0, Hs_dec, U, Y, grads)
        else:
            dHs, grads["W_oh"], grads["b_o"] = dense_backward(
                dY, Hs_dec, Y, p["W_oh"], self.output_activation, check=False)
            dU, _, grads["W_xh"], grads["W_hh"], grads["b_h"] = rnn_backward(
                dHs, U, h0, Hs_dec, p["W_xh"], p["W_hh"], check=False)
        dHs_enc = np.zeros_like(Hs_enc)
        dHs_enc[:, -1] = dU[:, :, :H].sum(axis=1)                 # c was read at every step
        self.grad_X, _, grads["enc_W_xh"], grads["enc_W_hh"], grads["enc_b_h"] = rnn_backward(
            dHs_enc, X, h0, Hs_enc, p["enc_W_xh"], p["enc_W_hh"], check=False)
        return {key: grads[key] for key in p}

    def _generate_backward(self, dY, h0, Hs, U, Y, grads):
        """BPTT through a free-running decoder. The gradient reaching y_t is dY[:, t] plus
        what step t+1, which read y_t, sends back. Puts the decoder's weight gradients in
        grads; returns dU (N, steps, H + O)."""
        p, H = self.params, Hs.shape[2]
        names = ("W_xh", "W_hh", "b_h", "W_oh", "b_o")
        grads.update({key: np.zeros_like(p[key]) for key in names})
        dU = np.empty_like(U)
        dh_next, dy_fed = np.zeros_like(h0), np.zeros_like(Y[:, 0])
        for t in range(self.steps - 1, -1, -1):
            dh, dW_oh, db_o = dense_backward(dY[:, t] + dy_fed, Hs[:, t], Y[:, t], p["W_oh"],
                                             self.output_activation, check=False)
            h_prev = Hs[:, t - 1] if t > 0 else h0
            dU[:, t], dh_next, dW_xh, dW_hh, db_h = rnn_step_backward(
                dh + dh_next, U[:, t], h_prev, Hs[:, t], p["W_xh"], p["W_hh"], check=False)
            for key, value in zip(names, (dW_xh, dW_hh, db_h, dW_oh, db_o)):
                grads[key] += value
            dy_fed = dU[:, t, H:]                                 # y_{t-1} was read at step t
        return dU


@dataclass(frozen=True)
class Topology:
    """One row of the topology table: the model, its name, its shapes and what it is for."""
    model: type
    title: str
    example: str
    input_shape: str
    output_shape: str
    use: str


# The one table of the five topologies: rnnkit.diagrams draws from it, the widgets show it.
TOPOLOGIES = {
    "one_to_one": Topology(
        OneToOne, "One to one", "image classification", "(N, D)", "(N, O)",
        "Image classification: one image in, one label out. There are no time steps, so this "
        "is an ordinary feed-forward net (W_hh is never used)."),
    "one_to_many": Topology(
        OneToMany, "One to many", "image captioning", "(N, D)", "(N, T_out, O)",
        "Image captioning: one image (as a vector) in, a sentence out, one word per step."),
    "many_to_one": Topology(
        ManyToOne, "Many to one", "sentiment analysis", "(N, T, D)", "(N, O)",
        "Sentiment analysis: a sentence in, one label (positive, negative, neutral) after "
        "the last word."),
    "many_to_many": Topology(
        ManyToMany, "Many to many", "tagging each word", "(N, T, D)", "(N, T, O)",
        "Tagging: one label for every input step, such as the part of speech of each word or "
        "the event in each frame of a video. (The article's example, machine translation, "
        "rarely keeps the length: that is the encoder-decoder's job.)"),
    "encoder_decoder": Topology(
        EncoderDecoder, "Encoder-decoder", "translation, speech recognition", "(N, T_in, D)",
        "(N, T_out, O)",
        "Translation and speech recognition: the output's length differs from the input's. "
        "The encoder reads everything into one vector, then the decoder writes the output."),
}
