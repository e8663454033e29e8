"""The checks of notebook 08, "Open the LSTM".

    from rnnkit.course.exercises import inside_the_lstm as ex
    ex.check_lstm_step(my_lstm_step)                  # exercise 1: write the step
    ex.check_stuck_forget_gate(my_answer)             # exercise 2: predict, then check
    ex.check_cell_parameters(my_count, D=10, H=32)    # exercise 3: count by hand
    ex.check_gru_step(my_gru_step)                    # exercise 4: write the GRU's step

Each check works out the right answer itself with rnnkit (lstm_step, an LSTM
with its forget gate shut, an LSTM's params, gru_step), prints "Correct: ..." or
"Not yet: ..." and never the expected value, and reads the exercise's typical
wrong answers from its registry (LSTM_STEP_MISTAKES, STUCK_FORGET_GATE_MISTAKES,
CELL_PARAMETERS_MISTAKES, GRU_STEP_MISTAKES): the gates in the wrong order, the
forget gate left out, tanh where a gate needs a sigmoid, the reset gate applied
before the product, z_t and 1 - z_t swapped, and so on, each with its own hint.
"""

import numpy as np

from ..._validate import positive_int
from ...activations import sigmoid
from ...cells.gru import gru_step
from ...cells.lstm import LSTM, lstm_step
from ..checks import Mistake, check_choice, check_function, edit


def step_examples():
    """Two sets of (x_t (N, 3), h_prev (N, 5), c_prev (N, 5), W_x (3, 20), W_h (5, 20), b (20,)),
    for N = 1 and N = 4."""
    rng = np.random.default_rng(1)
    return [(rng.normal(size=(n, 3)), rng.normal(size=(n, 5)), rng.normal(size=(n, 5)),
             rng.normal(size=(3, 20)), rng.normal(size=(5, 20)), rng.normal(size=20))
            for n in (1, 4)]


def lstm_step_solution(x_t, h_prev, c_prev, W_x, W_h, b):
    """The notebook's solution: (h_t, c_t), each (N, H)."""
    a = x_t @ W_x + h_prev @ W_h + b
    a_i, a_f, a_g, a_o = np.split(a, 4, axis=1)
    i, f, o = sigmoid(a_i), sigmoid(a_f), sigmoid(a_o)
    c_t = f * c_prev + i * np.tanh(a_g)
    return o * np.tanh(c_t), c_t


def _reference_step(x_t, h_prev, c_prev, W_x, W_h, b):
    """rnnkit's step, (h_t, c_t) only."""
    return lstm_step(x_t, h_prev, c_prev, W_x, W_h, b)[:2]


_BLOCKS = "a_i, a_f, a_g, a_o = np.split"
_ORDER = ("the four blocks of a_t are in the wrong order: look again at the order Keras (and "
          "rnnkit) cut it in")

LSTM_STEP_MISTAKES = [
    Mistake("order i f o g", _ORDER, edit(lstm_step_solution, _BLOCKS,
                                          "a_i, a_f, a_o, a_g = np.split")),
    Mistake("order i g f o", _ORDER, edit(lstm_step_solution, _BLOCKS,
                                          "a_i, a_g, a_f, a_o = np.split")),
    Mistake("order f i o g", _ORDER, edit(lstm_step_solution, _BLOCKS,
                                          "a_f, a_i, a_o, a_g = np.split")),
    Mistake("no forget gate", "c_prev is kept whole: the forget gate never acts on it",
            edit(lstm_step_solution, "f * c_prev", "c_prev")),
    Mistake("tanh gates", "the gates i, f and o use tanh: a gate is a sigmoid, a number "
                          "between 0 (shut) and 1 (open)",
            edit(lstm_step_solution, "sigmoid(a_i), sigmoid(a_f), sigmoid(a_o)",
                 "np.tanh(a_i), np.tanh(a_f), np.tanh(a_o)")),
    Mistake("sigmoid candidate", "the candidate g_t uses a sigmoid: it is a tanh, so that it "
                                 "can write negative values",
            edit(lstm_step_solution, "np.tanh(a_g)", "sigmoid(a_g)")),
    Mistake("no squash", "h_t is o_t times the raw cell c_t: the cell is not squashed first",
            edit(lstm_step_solution, "o * np.tanh(c_t)", "o * c_t")),
    Mistake("no bias", "the bias b is missing from a_t", edit(lstm_step_solution, " + b\n", "\n")),
    Mistake("swapped", "it returns c_t first; the step returns h_t, then c_t",
            edit(lstm_step_solution, "return o * np.tanh(c_t), c_t",
                 "return c_t, o * np.tanh(c_t)")),
    Mistake("split along the batch", "a_t is cut along axis 0, the examples, not into the four "
                                     "blocks of units that lie side by side",
            edit(lstm_step_solution, "np.split(a, 4, axis=1)", "np.split(a, 4, axis=0)")),
]


def check_lstm_step(my_lstm_step):
    """Exercise 1: my_lstm_step(x_t (N, D), h_prev (N, H), c_prev (N, H), W_x (D, 4H),
    W_h (H, 4H), b (4H,)) must return (h_t, c_t), each (N, H), as rnnkit.lstm_step does."""
    return check_function(my_lstm_step, _reference_step, step_examples(), "my_lstm_step",
                          axes=(("N", "H"), ("N", "H")), mistakes=LSTM_STEP_MISTAKES,
                          outputs=("h_t", "c_t"))


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


STUCK_FORGET_GATE_MISTAKES = [
    Mistake("stuck at 1", "that is a forget gate stuck at 1, which keeps all of c_{t-1}, not "
                          "one stuck at 0", "everything so far"),
    Mistake("nothing", "the forget gate acts on the old cell only: what does the input gate "
                       "still write?", "nothing"),
]


def check_stuck_forget_gate(answer):
    """Exercise 2: answer, one of STUCK_CHOICES (case and spaces do not matter)."""
    return check_choice(answer, stuck_forget_gate_holds(), "your prediction",
                        mistakes=STUCK_FORGET_GATE_MISTAKES, choices=STUCK_CHOICES)


def lstm_cell_parameters(D, H):
    """The number of numbers in an LSTM cell's W_x (D, 4H), W_h (H, 4H) and b (4H,), counted
    on an rnnkit LSTM (its output layer W_oh, b_o left out)."""
    D, H = positive_int(D, "D"), positive_int(H, "H")
    net = LSTM(D, H, 1, seed=0)
    return int(sum(net.params[key].size for key in ("W_x", "W_h", "b")))


def cell_parameters_solution(D, H):
    """The notebook's solution: four gates, each with W (D, H), U (H, H) and H biases."""
    return 4 * (D * H + H * H + H)


def _cell_parameters_with(wrong):
    return edit(cell_parameters_solution, "4 * (D * H + H * H + H)", wrong)


CELL_PARAMETERS_MISTAKES = [
    Mistake("no biases", "the biases are missing from the count",
            _cell_parameters_with("4 * (D * H + H * H)")),
    Mistake("one block", "that is one block of weights; the cell has four (i, f, g and o), each "
                         "with its own", _cell_parameters_with("(D * H + H * H + H)")),
    Mistake("three blocks", "that is three blocks: the candidate g_t has weights too, as do i, "
                            "f and o", _cell_parameters_with("3 * (D * H + H * H + H)")),
    Mistake("with the output layer", "that includes the output layer (W_oh, b_o): count only "
                                     "the cell's W_x, W_h and b",
            _cell_parameters_with("4 * (D * H + H * H + H) + H + 1")),
    Mistake("no W_h", "the recurrent weights W_h (H, 4H) are missing",
            _cell_parameters_with("4 * (D * H + H)")),
]


def check_cell_parameters(my_count, D, H):
    """Exercise 3: my_count, the parameters of an LSTM cell with D inputs and H units."""
    D, H = positive_int(D, "D"), positive_int(H, "H")
    return check_choice(my_count, lstm_cell_parameters(D, H), "your count",
                        mistakes=CELL_PARAMETERS_MISTAKES, given=(D, H))


# ---------------------------------------------------------------- exercise 4: the GRU's step


def gru_step_examples():
    """Three sets of (x_t (N, D), h_prev (N, H), W_x (D, 3H), W_h (H, 3H), b (2, 3H)), with
    both rows of b non-zero, for (N, D, H) = (1, 3, 4), (4, 2, 5) and (2, 1, 3)."""
    rng = np.random.default_rng(2)
    return [(rng.normal(size=(n, d)), rng.normal(size=(n, h)), rng.normal(size=(d, 3 * h)),
             rng.normal(size=(h, 3 * h)), rng.normal(size=(2, 3 * h)))
            for n, d, h in [(1, 3, 4), (4, 2, 5), (2, 1, 3)]]


def gru_step_solution(x_t, h_prev, W_x, W_h, b):
    """The notebook's solution: h_t (N, H), as Keras' GRU with reset_after=True computes it."""
    xa_z, xa_r, xa_h = np.split(x_t @ W_x + b[0], 3, axis=1)
    ha_z, ha_r, ha_h = np.split(h_prev @ W_h + b[1], 3, axis=1)
    z, r = sigmoid(xa_z + ha_z), sigmoid(xa_r + ha_r)
    h_tilde = np.tanh(xa_h + r * ha_h)
    return z * h_prev + (1 - z) * h_tilde


def _reference_gru_step(x_t, h_prev, W_x, W_h, b):
    """rnnkit's step, h_t only."""
    return gru_step(x_t, h_prev, W_x, W_h, b)[0]


_CANDIDATE = "h_tilde = np.tanh(xa_h + r * ha_h)"
_MIX = "return z * h_prev + (1 - z) * h_tilde"

GRU_STEP_MISTAKES = [
    Mistake("order r z h", "the blocks z and r are swapped: look again at the order Keras (and "
                           "rnnkit) cut W_x, W_h and b in",
            edit(gru_step_solution, "xa_z, xa_r, xa_h =", "xa_r, xa_z, xa_h =",
                 "ha_z, ha_r, ha_h =", "ha_r, ha_z, ha_h =")),
    Mistake("z and 1 - z swapped", "z_t and 1 - z_t are swapped: here z_t is the share of "
                                   "h_{t-1} the step keeps, 1 - z_t the share of the candidate",
            edit(gru_step_solution, _MIX, "return (1 - z) * h_prev + z * h_tilde")),
    Mistake("reset before the product", "r_t multiplies h_{t-1} before the product with W_h: "
                                        "that is the original GRU (Keras' reset_after=False), "
                                        "not Keras' default form, which rnnkit follows",
            edit(gru_step_solution, _CANDIDATE,
                 "h_tilde = np.tanh(xa_h + (r * h_prev) @ np.split(W_h, 3, axis=1)[2]"
                 " + np.split(b[1], 3)[2])")),
    Mistake("reset on the input too", "r_t scales the input's part of the candidate too: it "
                                      "acts on the part that reads h_{t-1} only",
            edit(gru_step_solution, _CANDIDATE, "h_tilde = np.tanh(r * (xa_h + ha_h))")),
    Mistake("no reset gate", "the reset gate never acts: the candidate reads all of h_{t-1}",
            edit(gru_step_solution, _CANDIDATE, "h_tilde = np.tanh(xa_h + ha_h)")),
    Mistake("recurrent bias on the input side", "the recurrent bias b[1] is added on the "
                                                "input's side, so r_t does not scale its "
                                                "candidate block",
            edit(gru_step_solution, "x_t @ W_x + b[0]", "x_t @ W_x + b[0] + b[1]",
                 "h_prev @ W_h + b[1]", "h_prev @ W_h")),
    Mistake("no recurrent bias", "the recurrent bias b[1] is missing: b holds two rows, the "
                                 "input's bias and the recurrent one",
            edit(gru_step_solution, "h_prev @ W_h + b[1]", "h_prev @ W_h")),
    Mistake("no input bias", "the input bias b[0] is missing: b holds two rows, the input's "
                             "bias and the recurrent one",
            edit(gru_step_solution, "x_t @ W_x + b[0]", "x_t @ W_x")),
    Mistake("tanh gates", "the gates z and r use tanh: a gate is a sigmoid, a number between "
                          "0 (shut) and 1 (open)",
            edit(gru_step_solution, "sigmoid(xa_z + ha_z), sigmoid(xa_r + ha_r)",
                 "np.tanh(xa_z + ha_z), np.tanh(xa_r + ha_r)")),
    Mistake("sigmoid candidate", "the candidate uses a sigmoid: it is a tanh, so that it can "
                                 "be negative",
            edit(gru_step_solution, "np.tanh(xa_h + r * ha_h)", "sigmoid(xa_h + r * ha_h)")),
    Mistake("returns the candidate", "this is the candidate h~_t: the step mixes it with "
                                     "h_{t-1}, by z_t",
            edit(gru_step_solution, _MIX, "return h_tilde")),
]


def check_gru_step(my_gru_step):
    """Exercise 4: my_gru_step(x_t (N, D), h_prev (N, H), W_x (D, 3H), W_h (H, 3H), b (2, 3H))
    must return h_t (N, H) as rnnkit.gru_step does (Keras' GRU, reset_after=True)."""
    return check_function(my_gru_step, _reference_gru_step, gru_step_examples(), "my_gru_step",
                          axes=("N", "H"), mistakes=GRU_STEP_MISTAKES)
