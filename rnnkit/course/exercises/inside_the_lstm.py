"""The checks of notebook 08, "Open the LSTM".

    from rnnkit.exercises import inside_the_lstm as ex
    ex.check_lstm_step(my_lstm_step)                  # exercise 1: write the step
    ex.check_stuck_forget_gate(my_answer)             # exercise 2: predict, then check
    ex.check_cell_parameters(my_count, D=10, H=32)    # exercise 3: count by hand

Each check works out the right answer itself with rnnkit (lstm_step, an LSTM
with its forget gate shut, an LSTM's params), prints "Correct: ..." or
"Not yet: ..." and never the expected value, and knows the exercise's typical
wrong answers: the gates in the wrong order, the forget gate left out, tanh
where a gate needs a sigmoid, and so on.
"""

import numpy as np

from ..._validate import positive_int
from ...activations import sigmoid
from ...cells.lstm import LSTM, lstm_step
from .. import checks


def step_examples():
    """Two sets of (x_t (N, 3), h_prev (N, 5), c_prev (N, 5), W_x (3, 20), W_h (5, 20), b (20,)),
    for N = 1 and N = 4."""
    rng = np.random.default_rng(1)
    return [(rng.normal(size=(n, 3)), rng.normal(size=(n, 5)), rng.normal(size=(n, 5)),
             rng.normal(size=(3, 20)), rng.normal(size=(5, 20)), rng.normal(size=20))
            for n in (1, 4)]


def _reference_step(x_t, h_prev, c_prev, W_x, W_h, b):
    """rnnkit's step, (h_t, c_t) only."""
    return lstm_step(x_t, h_prev, c_prev, W_x, W_h, b)[:2]


def _wrong_step(order="ifgo", bias=True, forget=True, gate=sigmoid, candidate=np.tanh,
                squash=True, swap=False):
    """An LSTM step with one typical mistake; the defaults make it the right step."""
    def step(x_t, h_prev, c_prev, W_x, W_h, b):
        a = x_t @ W_x + h_prev @ W_h + (b if bias else 0.0)
        blocks = dict(zip(order, np.split(a, 4, axis=1)))
        i, f, o = gate(blocks["i"]), gate(blocks["f"]), gate(blocks["o"])
        c_t = (f * c_prev if forget else c_prev) + i * candidate(blocks["g"])
        h_t = o * (np.tanh(c_t) if squash else c_t)
        return (c_t, h_t) if swap else (h_t, c_t)
    return step


_ORDER = "the four blocks of a_t are in the wrong order: Keras (and rnnkit) cut it into i, f, g, o"
STEP_MISTAKES = [
    (_wrong_step(order="ifog"), _ORDER),
    (_wrong_step(order="igfo"), _ORDER),
    (_wrong_step(order="fiog"), _ORDER),
    (_wrong_step(forget=False), "c_prev is kept whole: the forget gate must multiply it, "
                                "f_t * c_prev"),
    (_wrong_step(gate=np.tanh), "the gates i, f and o use tanh: a gate is a sigmoid, a number "
                                "between 0 (shut) and 1 (open)"),
    (_wrong_step(candidate=sigmoid), "the candidate g_t uses a sigmoid: it is a tanh, so that "
                                     "it can write negative values"),
    (_wrong_step(squash=False), "h_t = o_t * c_t: squash the cell first, o_t * tanh(c_t)"),
    (_wrong_step(bias=False), "the bias b is missing from a_t = x_t @ W_x + h_prev @ W_h + b"),
    (_wrong_step(swap=True), "it returns (c_t, h_t): return (h_t, c_t), in that order"),
]


def check_lstm_step(my_lstm_step):
    """Exercise 1: my_lstm_step(x_t (N, D), h_prev (N, H), c_prev (N, H), W_x (D, 4H),
    W_h (H, 4H), b (4H,)) must return (h_t, c_t), each (N, H), as rnnkit.lstm_step does."""
    return checks.check_function(my_lstm_step, _reference_step, step_examples(),
                                 "my_lstm_step", mistakes=STEP_MISTAKES)


STUCK_CHOICES = ("everything so far", "only this step's write", "nothing")


def stuck_forget_gate_holds():
    """What c_t holds when the forget gate is stuck at 0, found by running an LSTM.

    The forget gate is shut with a bias of -50 (f_t = sigmoid(-50), about 2e-22) on
    random sequences (4, 20, 2); c_t is compared with each step's write i_t * g_t.
    Returns one of STUCK_CHOICES.
    """
    shut = LSTM(2, 8, 1, seed=0)
    shut.params["b"][8:16] = -50.0
    shut.forward(np.random.default_rng(0).normal(size=(4, 20, 2)))
    written = shut.gates["i"] * shut.gates["g"]
    cells = shut.cell_states
    if np.allclose(cells, written):
        return "only this step's write"
    return "nothing" if np.allclose(cells, 0.0) else "everything so far"


def check_stuck_forget_gate(answer):
    """Exercise 2: answer, one of STUCK_CHOICES (case and spaces at the ends do not matter)."""
    if isinstance(answer, str):
        answer = answer.strip().lower()
        if answer not in STUCK_CHOICES:
            return checks.check_choice(answer, stuck_forget_gate_holds(), "your prediction",
                                       mistakes=[(answer, "is not one of the three answers "
                                                          "the exercise offers")])
    return checks.check_choice(answer, stuck_forget_gate_holds(), "your prediction", mistakes=[
        ("everything so far", "that is a forget gate stuck at 1: f_t = 1 keeps all of c_{t-1}. "
                              "At 0, c_t = 0 * c_{t-1} + i_t * g_t"),
        ("nothing", "the forget gate only clears the old cell: the input gate still writes "
                    "i_t * g_t into c_t"),
    ])


def lstm_cell_parameters(D, H):
    """The number of numbers in an LSTM cell's W_x (D, 4H), W_h (H, 4H) and b (4H,), counted
    on an rnnkit LSTM (its output layer W_oh, b_o left out)."""
    D, H = positive_int(D, "D"), positive_int(H, "H")
    net = LSTM(D, H, 1, seed=0)
    return int(sum(net.params[key].size for key in ("W_x", "W_h", "b")))


def check_cell_parameters(my_count, D, H):
    """Exercise 3: my_count, the parameters of an LSTM cell with D inputs and H units."""
    D, H = positive_int(D, "D"), positive_int(H, "H")
    block = D * H + H * H + H
    return checks.check_choice(my_count, lstm_cell_parameters(D, H), "your count", mistakes=[
        (4 * (D * H + H * H), "the biases are missing: b holds one number per unit and gate"),
        (block, "that is one block of weights; the cell has four (i, f, g and o), each with its "
                "own"),
        (3 * block, "that is three blocks: the candidate g_t has weights too, as do i, f and o"),
        (4 * block + H + 1, "that includes the output layer (W_oh, b_o): count only the cell's "
                            "W_x, W_h and b"),
        (4 * (D * H + H), "the recurrent weights W_h (H, 4H) are missing"),
    ])
