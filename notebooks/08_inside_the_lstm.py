# %% [markdown] slideshow={"slide_type": "slide"}
# # Open the LSTM: gates, a cell state, and the memory they keep
#
# **What you will do.** Build the LSTM cell gate by gate in NumPy and match
# it to Keras; watch its gates and cell state on a sequence; measure how far
# back its gradient reaches along $h_t$ and $c_t$; open the GRU; race the
# cells over several seeds.
#
# **What you will learn.**
# - what each gate does, and why the cell state carries the gradient where a
#   SimpleRNN loses it;
# - what the forget gate's starting bias does;
# - what the GRU keeps of the LSTM;
# - to read a result that depends on the seed.
#
# **What you need.** Notebooks 02 and 05 (the vanishing gradient).
#
# **Time.** About 30 minutes.

# %% [markdown] slideshow={"slide_type": "notes"}
# Notebook 05 ends on the vanishing gradient; this one opens the cure. Every
# curve and table here is computed by rnnkit in NumPy; TensorFlow is used only
# to check that rnnkit's cells are Keras' cells.

# %% slideshow={"slide_type": "skip"}
import matplotlib.pyplot as plt
import numpy as np

import rnnkit
from rnnkit import gradients
from rnnkit.cells.gru import GRU
from rnnkit.cells.lstm import LSTM
from rnnkit.course import diagrams, plots
from rnnkit.course.exercises import inside_the_lstm as ex
from rnnkit.course.widgets.lstm import forget_gate_widget

# TensorFlow quietly and without oneDNN, whose rounding differs from CPU to CPU.
keras = rnnkit.keras_bridge.import_keras()

plots.use_style()
SEED = 0  # one fixed seed: the same weights and data, so the same printed numbers, on every run
rng = np.random.default_rng(SEED)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. The cell, one gate at a time
#
# A SimpleRNN overwrites its state at every step: $h_t = \tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h)$.
# An LSTM keeps a second state, the **cell** $c_t$, and changes it only as
# much as three gates allow. A gate is a sigmoid: a number between 0 (shut)
# and 1 (open) for every unit.

# %% slideshow={"slide_type": "fragment"}
diagrams.lstm_cell()
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# All four read the same input, $a_t = x_t W_x + h_{t-1} W_h + b$, cut into
# four blocks of $H$ in Keras' order:
#
# | | equation | its job |
# |---|---|---|
# | input gate | $i_t = \sigma(a_i)$ | how much of the candidate to write |
# | forget gate | $f_t = \sigma(a_f)$ | how much of the old cell to keep |
# | candidate | $g_t = \tanh(a_g)$ | what would be written |
# | output gate | $o_t = \sigma(a_o)$ | how much of the cell to show |
#
# $$c_t = f_t \odot c_{t-1} + i_t \odot g_t, \qquad h_t = o_t \odot \tanh(c_t)$$

# %% [markdown] slideshow={"slide_type": "notes"}
# The cell is updated by *adding*: what is kept plus what is written. There is
# no weight matrix and no tanh between c_{t-1} and c_t, only the forget gate.
# That is the whole trick, and section 4 measures it.

# %% [markdown] slideshow={"slide_type": "subslide"}
# `rnnkit.lstm_step` is those six lines. Its weights have the shapes Keras
# uses: $W_x$ is $(D, 4H)$, $W_h$ is $(H, 4H)$, $b$ is $(4H,)$.

# %% slideshow={"slide_type": "fragment"}
D, H = 2, 4
lstm = LSTM(input_size=D, hidden_size=H, output_size=1, seed=SEED)
for name, value in lstm.params.items():
    print(f"{name:5s} {value.shape}")
print("starting bias b, gate by gate (Keras starts the forget gate at 1):")
for gate, block in zip("ifgo", np.split(lstm.params["b"], 4)):
    print(f"  {gate}: {block}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. The same cell as Keras, weight for weight
#
# We copy rnnkit's weights into a Keras `LSTM` layer and run both on the same
# sequences. Keras computes in float32, so the two agree to about $10^{-7}$.

# %% slideshow={"slide_type": "fragment"}
X = rng.normal(size=(8, 12, D))
lstm.forward(X)
Hs = lstm.hidden_states

layer = keras.layers.LSTM(H, return_sequences=True)
layer.build((None, 12, D))
layer.set_weights([lstm.params["W_x"], lstm.params["W_h"], lstm.params["b"]])
Hs_keras = layer(X.astype("float32")).numpy()

difference = np.abs(Hs - Hs_keras).max()
print(f"largest difference between rnnkit and Keras, over {Hs.size} hidden values, "
      f"below 1e-6: {difference < 1e-6}")

# %% [markdown] slideshow={"slide_type": "notes"}
# rnnkit.keras_bridge.to_keras(lstm) and from_keras(model) do this copy for a
# whole model (LSTM then Dense), both ways.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. The gates at work
#
# A memory task: one item, $+1$ or $-1$, at the first step, then
# $d - 1$ steps of loud noise; at the end, say whether the item was $+1$. We
# train an LSTM of 16 units on it for 2 epochs with rnnkit (the race in
# section 6 says how we chose its start) and look inside.

# %% slideshow={"slide_type": "fragment"}
DISTANCE, NOISE, UNITS = 30, 3.0, 16


def memory_task(n, d, rng):
    """n sequences (n, d, 2): a +-1 item at step 1, noise on channel 2; labels (n,) 1 if +1."""
    item = rng.choice([-1.0, 1.0], size=n)
    X = np.zeros((n, d, 2))
    X[:, 0, 0] = item
    X[:, :, 1] = NOISE * rng.normal(size=(n, d))
    return X, (item > 0).astype(int)


def accuracy(model, X, labels):
    return np.mean(model.forward(X).argmax(axis=1) == labels)


# %% slideshow={"slide_type": "subslide"}
X_train, y_train = memory_task(1024, DISTANCE, rng)
X_test, y_test = memory_task(500, DISTANCE, rng)

model = rnnkit.ManyToOne(2, UNITS, 2, seed=SEED, cell=LSTM)   # the LSTM read at its last step
memory = model.rnn
memory.params["b"][UNITS:2 * UNITS] = 4.0          # forget gate opened at the start
rnnkit.train(model, X_train, y_train, loss="softmax_cross_entropy", epochs=2, batch_size=64,
             optimizer=rnnkit.Adam(0.03), seed=SEED)
print(f"test accuracy after 2 epochs: {accuracy(model, X_test, y_test):.2f}  (0.50 = guessing)")

# %% slideshow={"slide_type": "subslide"}
memory.forward(X_test)
gates, cells = memory.gates, memory.cell_states
plus, minus = y_test == 1, y_test == 0
unit = int(np.argmax(np.abs(cells[plus, -1].mean(0) - cells[minus, -1].mean(0))))
steps = np.arange(1, DISTANCE + 1)

fig, (left, right) = plt.subplots(1, 2, figsize=(14, 4.5))
for gate, label in (("i", "input gate $i_t$"), ("f", "forget gate $f_t$"), ("o", "output gate $o_t$")):
    left.plot(steps, gates[gate][:, :, unit].mean(axis=0), marker="o", markersize=3, label=label)
left.set(xlabel="step t", ylabel="mean over test sequences", ylim=(0, 1.05),
         title=f"The gates of unit {unit}")
left.legend()
right.plot(steps, cells[plus, :, unit].mean(axis=0), label="item was +1", color=plots.CYCLE[0])
right.plot(steps, cells[minus, :, unit].mean(axis=0), label="item was -1", color=plots.CYCLE[1])
right.axhline(0, color=plots.COLORS["black"], lw=1)
right.set(xlabel="step t", ylabel="$c_t$, mean", title=f"The cell state of unit {unit}")
right.legend()
plt.show()

# %% slideshow={"slide_type": "fragment"}
kept = gates["f"][:, 1:, unit].mean()
split = cells[plus, -1, unit].mean() - cells[minus, -1, unit].mean()
print(f"unit {unit}: mean forget gate after step 1: {kept:.2f}; "
      f"c_30 separates the two items (gap between the means larger than 0.5): {abs(split) > 0.5}")

# %% [markdown] slideshow={"slide_type": "notes"}
# The forget gate of this unit stays near 1 at every step, so the cell keeps
# all it has: the two kinds of sequence part at step 1 and drift further apart
# through the noise, and at step 30 the sign of c_t still tells them apart.
# Which unit does it depends on the seed; the code picks the unit whose c_30
# differs most between the two kinds of sequence.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. How far back the gradient reaches
#
# As in notebook 05: a loss on the last of 50 steps, a gradient of length 1 at
# $h_T$, and how much of it is left $k$ steps back. For the LSTM there are two
# states to measure. Each step back along the cell state multiplies the
# gradient by $f_t$ only; along $h$ it passes through $W_h$ and the gates.

# %% slideshow={"slide_type": "fragment"}
T_LONG, SHOWN = 50, (10, 20, 40)
X_long = rng.normal(size=(32, T_LONG, 2))
simple = rnnkit.SimpleRNN(2, UNITS, 1, seed=SEED)
default = LSTM(2, UNITS, 1, seed=SEED)                 # Keras' start: forget bias 1
opened = LSTM(2, UNITS, 1, seed=SEED)
opened.params["b"][UNITS:2 * UNITS] = 4.0              # forget bias 4

curves = {
    "SimpleRNN, h": gradients.gradient_norms_through_time(simple, X_long),
    "LSTM forget bias 1, h": gradients.gradient_norms_through_time(default, X_long),
    "LSTM forget bias 1, c": gradients.gradient_norms_through_time(default, X_long, along="c"),
    "LSTM forget bias 4, c": gradients.gradient_norms_through_time(opened, X_long, along="c"),
}
print("fraction of the gradient left k steps back")
print(f"{'':24s}" + "".join(f"{f'k = {k}':>11s}" for k in SHOWN))
for name, norms in curves.items():
    print(f"{name:24s}" + "".join(f"{norms[k] / norms[0]:11.1e}" for k in SHOWN))

# %% slideshow={"slide_type": "subslide"}
plots.gradient_norms(np.arange(T_LONG), {name: n / n[0] for name, n in curves.items()},
                     title="What is left of the gradient k steps back")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# Forty steps back the SimpleRNN keeps almost nothing. With Keras' start
# (forget bias 1, $f_t$ near $\sigma(1) = 0.73$) the LSTM's cell state keeps
# more, but still little. With the gate opened (bias 4, $f_t$ near
# $\sigma(4) = 0.98$) the gradient is not lost at all: the ratio even passes
# 1, because earlier cell states also collect gradient through $h$. Move the
# bias yourself:

# %% slideshow={"slide_type": "fragment"}
forget_gate_widget()

# %% [markdown] slideshow={"slide_type": "notes"}
# Ask the room before moving the slider: what happens at a bias of -2? The
# forget gate shuts, the cell forgets at every step and the curve falls
# faster than a SimpleRNN's.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. The GRU: one state, two gates
#
# The GRU (Cho et al., 2014) merges the cell into $h_t$ and the input and
# forget gates into one **update** gate $z_t$. Keras' default GRU
# (`reset_after=True`) computes, with $x_t W_x + b_x$ and $h_{t-1} W_h + b_h$
# each cut into blocks $z, r, \tilde h$:
#
# $$z_t = \sigma(\cdot),\quad r_t = \sigma(\cdot),\quad
#   \tilde h_t = \tanh\big(x_t W_{x\tilde h} + b_{x\tilde h} + r_t \odot (h_{t-1} W_{h\tilde h} + b_{h\tilde h})\big)$$
#
# $$h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde h_t$$

# %% [markdown] slideshow={"slide_type": "notes"}
# What it keeps: the additive, gated path (z_t plays the forget gate, 1 - z_t
# the input gate). What it drops: the separate cell state and the output gate,
# so it has three blocks of weights instead of four.

# %% slideshow={"slide_type": "subslide"}
gru = GRU(input_size=D, hidden_size=H, output_size=1, seed=SEED)
gru.forward(X)
Hs_gru = gru.hidden_states
gru_layer = keras.layers.GRU(H, return_sequences=True)
gru_layer.build((None, 12, D))
gru_layer.set_weights([gru.params["W_x"], gru.params["W_h"], gru.params["b"]])
gru_difference = np.abs(Hs_gru - gru_layer(X.astype("float32")).numpy()).max()
print(f"GRU: largest difference between rnnkit and Keras below 1e-6: {gru_difference < 1e-6}")
for name, net in (("SimpleRNN", rnnkit.SimpleRNN(D, H, 1)), ("LSTM", lstm), ("GRU", gru)):
    cell = sum(value.size for key, value in net.params.items() if key not in ("W_oh", "b_o"))
    print(f"{name:9s} cell parameters with D = {D}, H = {H}: {cell}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. The memory race, over seeds
#
# One run is one draw: here every cell gets **5 seeds** (data, weights and
# batch order) and two training lengths, 2 and 10 epochs, on the task of section 3 with $d = 30$. A run
# has *learned* if its test accuracy is at least 0.9, and is *guessing*
# below 0.6. Gradients are clipped to a norm of 1 (notebook 05), so that no
# run blows up on the way.
#
# - SimpleRNN, Keras' start;
# - LSTM, Keras' start (forget bias 1);
# - LSTM with the forget gate opened at the start (bias 4).

# %% slideshow={"slide_type": "fragment"}
SEEDS, EPOCHS, CLIP = range(5), (2, 10), 1.0        # gradients clipped to a norm of 1, as in 05
CELLS = {
    "SimpleRNN": lambda seed: rnnkit.ManyToOne(2, UNITS, 2, seed=seed),
    "LSTM, forget bias 1": lambda seed: rnnkit.ManyToOne(2, UNITS, 2, seed=seed, cell=LSTM),
    "LSTM, forget bias 4": lambda seed: rnnkit.ManyToOne(2, UNITS, 2, seed=seed, cell=LSTM),
}
race = {}
for name, make in CELLS.items():
    for seed in SEEDS:
        data = np.random.default_rng(seed)
        X_tr, y_tr = memory_task(1024, DISTANCE, data)
        X_te, y_te = memory_task(500, DISTANCE, data)
        racer, adam = make(seed), rnnkit.Adam(0.03)
        if name.endswith("4"):
            racer.params["b"][UNITS:2 * UNITS] = 4.0
        done = 0
        for epochs in EPOCHS:                      # 2 epochs, then 8 more: 10 in all
            rnnkit.train(racer, X_tr, y_tr, loss="softmax_cross_entropy", epochs=epochs - done,
                         batch_size=64, optimizer=adam, clip_norm=CLIP, seed=seed + epochs)
            race[name, seed, epochs] = accuracy(racer, X_te, y_te)
            done = epochs

# %% slideshow={"slide_type": "subslide"}
print(f"test accuracy at d = {DISTANCE}: how many of the {len(SEEDS)} seeds landed where")
for epochs in EPOCHS:
    print(f"\nafter {epochs} epochs{'':16s}learned   in between   guessing")
    print(f"{'':28s}(>= 0.9)  (0.6 - 0.9)   (< 0.6)")
    for name in CELLS:
        runs = np.array([race[name, seed, epochs] for seed in SEEDS])
        learned, guessing = np.sum(runs >= 0.9), np.sum(runs < 0.6)
        print(f"  {name:24s}{learned:6d}{len(runs) - learned - guessing:12d}{guessing:11d}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# What the table allows us to say, and no more:
#
# - Opened at the start, the LSTM learned in every seed within 2 epochs.
# - With Keras' start the LSTM learned in no seed at 2 epochs and in some at
#   10: as seed-dependent as the SimpleRNN, and 5 seeds cannot tell those two apart.
#
# So the gates make a long memory *reachable*; where training starts decides
# whether it is reached in time.

# %% [markdown] slideshow={"slide_type": "notes"}
# The table counts outcomes instead of printing each accuracy: without
# clipping one opened run fell back at 10 epochs, differently on different
# CPUs, and a table of digits would hide how few runs there are. Five seeds
# are few: "every seed" means 5 of 5, not always. At 10 epochs
# even a SimpleRNN learned in one seed: a long memory is hard to find, not
# impossible. Opening the
# forget gate at the start is the remedy of Gers et al. (2000) and of Tallec
# and Ollivier (2018) ("chrono initialisation"). Exercise 4 adds the GRU.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - An LSTM adds a cell state $c_t = f_t \odot c_{t-1} + i_t \odot g_t$ and
#   shows $h_t = o_t \odot \tanh(c_t)$; the gates are sigmoids of $x_t$ and $h_{t-1}$.
# - rnnkit's LSTM and GRU are Keras' cells: the same weights give the same
#   states, to float32 rounding.
# - Along the cell state the gradient is multiplied by $f_t$ only, so it
#   reaches much further back than a SimpleRNN's; the forget bias sets how far.
# - The GRU keeps the gated, additive path with one state and two gates.
# - Over 5 seeds, an LSTM with an opened forget gate learned a 30-step memory
#   within 2 epochs every time; with Keras' start it depended on the seed.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## On your own
#
# **Exercise 1.** Write the LSTM step. Fill in `my_lstm_step` so that it
# returns `(h_t, c_t)`; the check compares it with `rnnkit.lstm_step` on
# random inputs.

# %% slideshow={"slide_type": "fragment"}
def my_lstm_step(x_t, h_prev, c_prev, W_x, W_h, b):
    """x_t (N, D), h_prev and c_prev (N, H), W_x (D, 4H), W_h (H, 4H), b (4H,) -> (h_t, c_t)."""
    return None  # replace with your code: a_t, the four gates, then c_t and h_t


_ = ex.check_lstm_step(my_lstm_step)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: one matrix product for all four gates, then split it in Keras' order i, f, g, o.
def my_lstm_step(x_t, h_prev, c_prev, W_x, W_h, b):
    a = x_t @ W_x + h_prev @ W_h + b
    a_i, a_f, a_g, a_o = np.split(a, 4, axis=1)
    i, f, o = 1 / (1 + np.exp(-a_i)), 1 / (1 + np.exp(-a_f)), 1 / (1 + np.exp(-a_o))
    c_t = f * c_prev + i * np.tanh(a_g)
    return o * np.tanh(c_t), c_t


_ = ex.check_lstm_step(my_lstm_step)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** Predict, then check: if the forget gate is stuck at 0, what
# does $c_t$ hold? Answer `"everything so far"`, `"only this step's write"`
# or `"nothing"`.

# %% slideshow={"slide_type": "fragment"}
my_answer = None  # one of the three strings

_ = ex.check_stuck_forget_gate(my_answer)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: with f_t = 0, c_t = 0 * c_{t-1} + i_t * g_t: no memory of earlier steps in the cell.
my_answer = "only this step's write"
_ = ex.check_stuck_forget_gate(my_answer)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** Count the parameters of an LSTM *cell* (not its output
# layer) with $D = 10$ inputs and $H = 32$ units, by hand from the shapes of
# $W_x$, $W_h$ and $b$. The check builds one and counts.

# %% slideshow={"slide_type": "fragment"}
my_count = None  # a whole number

_ = ex.check_cell_parameters(my_count, D=10, H=32)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: four gates, each with a (D, H) and an (H, H) matrix and H biases: 4 (D H + H H + H).
my_count = 4 * (10 * 32 + 32 * 32 + 32)
_ = ex.check_cell_parameters(my_count, D=10, H=32)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 4 (open).** Add the GRU to the race of section 6:
# `"GRU": lambda seed: GRU(2, UNITS, 2, seed=seed)`. Keras starts its update
# gate at a bias of 0 (keep half per step). Then open it: the update gate's
# input bias is `b[0, :UNITS]`. What does the table say, and what does it not?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## Further reading
#
# - Sepp Hochreiter and Jürgen Schmidhuber, "Long short-term memory", *Neural
#   Computation* 9 (1997): the cell state and the constant error carousel.
# - Felix Gers, Jürgen Schmidhuber and Fred Cummins, "Learning to forget",
#   *Neural Computation* 12 (2000): the forget gate.
# - Kyunghyun Cho et al., "Learning phrase representations using RNN
#   encoder-decoder for statistical machine translation", EMNLP 2014: the GRU.
# - Rafal Jozefowicz, Wojciech Zaremba and Ilya Sutskever, "An empirical
#   exploration of recurrent network architectures", ICML 2015: why a forget
#   bias of 1.
# - Corentin Tallec and Yann Ollivier, "Can recurrent neural networks warp
#   time?", ICLR 2018.
# - Christopher Olah, "Understanding LSTM networks" (2015), colah.github.io.
#
# **Next:** back to the course map in notebook 00.
