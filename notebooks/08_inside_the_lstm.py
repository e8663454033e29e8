# %% [markdown] slideshow={"slide_type": "slide"}
# # Open the LSTM: gates, a cell state, and the memory they keep
#
# **What you will do.** Build the LSTM cell gate by gate in NumPy and match
# it to Keras; watch its gates and cell state; measure how far back its
# gradient reaches along $h_t$ and $c_t$; open the GRU; race the cells over
# several seeds.
#
# **What you will learn.**
# - what each gate does, and why the cell state carries the gradient where a
#   SimpleRNN loses it;
# - what the forget gate's starting bias does;
# - what the GRU keeps, and what its reset gate does;
# - to read a result that depends on the seed.
#
# **What you need.** Notebooks 02 and 05 (the vanishing gradient).
#
# **Time.** About 35 minutes.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["colab-badge"]
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/08_inside_the_lstm.ipynb)

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Notebook 05 ends on the vanishing gradient; this one opens the cure. Every
# curve and table here is computed by rnnkit in NumPy; TensorFlow is used only
# to check that rnnkit's cells are Keras' cells.
#
# </details>

# %% slideshow={"slide_type": "skip"} tags=["install-rnnkit"]
# rnnkit, the course's package, and what this notebook needs are already here when you run
# the course from its folder, and then this cell does nothing. On Colab, or in a Jupyter
# without the course, it installs what is missing of rnnkit (widgets, keras) from the
# course's repository first: about a minute.
import importlib.util

extra_of = {'ipywidgets': 'widgets', 'keras': 'keras', 'tensorflow': 'keras'}
missing = [name for name in ("rnnkit", *extra_of) if importlib.util.find_spec(name) is None]
if missing:
    import os
    import site
    import subprocess
    import sys

    source = os.environ.get("RNN_COURSE_SOURCE", "git+https://github.com/OWNER/REPO")
    extras = ",".join(sorted({extra_of[name] for name in missing if name in extra_of}))
    requirement = f"rnnkit[{extras}]" if extras else "rnnkit"
    print(f"Installing {requirement} from {source} ...")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", f"{requirement} @ {source}"],
        capture_output=True, text=True,
        env=dict(os.environ, PIP_ROOT_USER_ACTION="ignore", PIP_DISABLE_PIP_VERSION_CHECK="1"))
    if done.returncode != 0:
        raise RuntimeError(f"pip could not install rnnkit:\n{done.stderr[-3000:]}")
    # Matplotlib builds its font cache once, here, instead of warning about it in the next cell.
    subprocess.run([sys.executable, "-c", "import matplotlib.pyplot"], capture_output=True)
    if site.ENABLE_USER_SITE:      # where pip puts packages when the environment is read-only
        site.addsitedir(site.getusersitepackages())
    importlib.invalidate_caches()
    print("Done: rnnkit is installed.")

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

keras = rnnkit.keras_bridge.import_keras()           # Keras, to check rnnkit's cells against

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
# <details class="notes"><summary>For the instructor</summary>
#
# The cell is updated by *adding*: what is kept plus what is written. There is
# no weight matrix and no tanh between c_{t-1} and c_t, only the forget gate.
# That is the whole trick, and section 4 measures it.
#
# </details>

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
# <details class="notes"><summary>For the instructor</summary>
#
# rnnkit.keras_bridge.to_keras(lstm) and from_keras(model) do this copy for a
# whole model (LSTM then Dense), both ways.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. The gates at work
#
# A memory task: one item, $+1$ or $-1$, at the first step, then
# $d - 1$ steps of loud noise; at the end, say whether the item was $+1$. We
# train an LSTM of 16 units on it for 2 epochs with rnnkit (the race in
# section 6 says how we chose its start) and look inside.

# %% slideshow={"slide_type": "fragment"}
DISTANCE, UNITS = 30, 16     # rnnkit.data.memory_task: the item on channel 1, noise (std 3) on 2


def accuracy(model, X, labels):
    return np.mean(model.forward(X).argmax(axis=1) == labels)


# %% slideshow={"slide_type": "subslide"}
X_train, y_train = rnnkit.data.memory_task(1024, DISTANCE, seed=rng)
X_test, y_test = rnnkit.data.memory_task(500, DISTANCE, seed=rng)

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
write = gates["i"][:, 1:, unit] * gates["g"][:, 1:, unit]      # what steps 2 to 30 add to c_t
print(f"unit {unit}, steps 2 to 30: mean forget gate {gates['f'][:, 1:, unit].mean():.2f}, "
      f"mean input gate {gates['i'][:, 1:, unit].mean():.2f}")
for name, rows in (("item +1", plus), ("item -1", minus)):
    print(f"{name}: mean c_t {cells[rows, 0, unit].mean():+.1f} at step 1, "
          f"{cells[rows, -1, unit].mean():+.1f} at step 30; mean write i_t g_t "
          f"{write[rows].mean():+.2f} a step")

# %% [markdown] slideshow={"slide_type": "fragment"}
# The forget gate stays near 1: the cell forgets almost nothing. But the
# input gate never shuts, so the item is not written once and then kept:
# every step adds a write, whose sign the item set (through $h_{t-1}$). The
# cell *accumulates*, and $c_t$ drifts a little further at every step, to
# about $-19$ after a $+1$ and $+7$ after a $-1$.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Which unit does it depends on the seed; the code picks the unit whose c_30
# differs most between the two kinds of sequence. That a +1 pushes this unit
# down is the seed's choice too: only the gap matters to the output layer.
# Ask the room whether this unit stores the item or counts it: its cell is a
# running sum, a steady write per step whose sign the item set.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. How far back the gradient reaches
#
# As in notebook 05: a loss on the last of 50 steps, a gradient of length 1 at
# $h_T$, and how much of it is left $k$ steps back. For the LSTM there are two
# states to measure, $h$ and $c$. One step back along the carousel alone,
# $c_t \to c_{t-1}$, multiplies the gradient by $f_t$ only: the rows "f only"
# are the product $f_T f_{T-1} \cdots f_{T-k+1}$. But $c_{t-1}$ also feeds
# $h_{t-1}$, and through it every gate of step $t$: the gradient measured at
# $c_{T-k}$ adds up both paths.

# %% slideshow={"slide_type": "fragment"}
T_LONG, SHOWN = 50, (10, 20, 40)
X_long = rng.normal(size=(32, T_LONG, 2))
simple = rnnkit.SimpleRNN(2, UNITS, 1, seed=SEED)
default = LSTM(2, UNITS, 1, seed=SEED)                 # Keras' start: forget bias 1
opened = LSTM(2, UNITS, 1, seed=SEED)
opened.params["b"][UNITS:2 * UNITS] = 4.0              # forget bias 4


def f_only(lstm, X):
    """(T,): for k = 0 .. T-1 the mean of f_T f_{T-1} ... f_{T-k+1}, the carousel alone."""
    lstm.forward(X)
    f_back = lstm.gates["f"][:, ::-1]                  # (N, T, H), f_T first
    return np.concatenate([[1.0], np.cumprod(f_back, axis=1).mean(axis=(0, 2))[:-1]])


curves = {
    "SimpleRNN, h": gradients.gradient_norms_through_time(simple, X_long),
    "LSTM forget bias 1, h": gradients.gradient_norms_through_time(default, X_long),
    "LSTM forget bias 1, c": gradients.gradient_norms_through_time(default, X_long, along="c"),
    "LSTM forget bias 1, f only": f_only(default, X_long),
    "LSTM forget bias 4, c": gradients.gradient_norms_through_time(opened, X_long, along="c"),
    "LSTM forget bias 4, f only": f_only(opened, X_long),
}

# %% slideshow={"slide_type": "subslide"}
print("fraction of the gradient left k steps back")
print(f"{'':28s}" + "".join(f"{f'k = {k}':>11s}" for k in SHOWN))
for name, norms in curves.items():
    print(f"{name:28s}" + "".join(f"{norms[k] / norms[0]:11.1e}" for k in SHOWN))
print(f"mean forget gate f_t: {default.gates['f'].mean():.2f} with bias 1, "
      f"{opened.gates['f'].mean():.2f} with bias 4")

# %% slideshow={"slide_type": "subslide"}
plots.gradient_norms(np.arange(T_LONG), {name: n / n[0] for name, n in curves.items()},
                     title="What is left of the gradient k steps back",
                     ylabel="fraction of the gradient left")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# Forty steps back the SimpleRNN keeps almost nothing. With Keras' start
# (forget bias 1, $f_t$ near 0.73) the cell state keeps about as much as the
# SimpleRNN's $h$ ten steps back, more further back, and little in all. With
# the gate opened (bias 4, $f_t$ near 0.98) the carousel alone keeps about
# half of the gradient 40 steps back; the gradient measured at $c_{T-40}$ is
# even twice its size at $c_T$, because the paths through $h$ add to it. The
# forget bias sets how far back the gradient reaches. Move it yourself:

# %% slideshow={"slide_type": "fragment"}
forget_gate_widget()

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Ask the room before moving the slider: what happens at a bias of -2? The
# forget gate shuts, the cell forgets at every step and the curve falls
# faster than a SimpleRNN's.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. The GRU: one state, two gates
#
# The GRU (Cho et al., 2014) has no separate cell: its state $h_t$ runs
# straight through, as the LSTM's $c_t$ does. One **update** gate $z_t$ does
# the work of the forget and input gates: it keeps $z_t$ of $h_{t-1}$ and lets
# in $1 - z_t$ of a candidate $\tilde h_t$. A **reset** gate $r_t$ decides how
# much of $h_{t-1}$ the candidate reads.

# %% slideshow={"slide_type": "fragment"}
diagrams.gru_cell()
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# Keras' default GRU (`reset_after=True`), and rnnkit's, cut $x_t W_x + b_x$
# and $h_{t-1} W_h + b_h$ each into three blocks $z, r, \tilde h$:
#
# $$z_t = \sigma(\cdot),\quad r_t = \sigma(\cdot),\quad
#   \tilde h_t = \tanh\big(x_t W_{x\tilde h} + b_{x\tilde h} + r_t \odot (h_{t-1} W_{h\tilde h} + b_{h\tilde h})\big)$$
#
# $$h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde h_t$$

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# What it keeps: the additive, gated path (z_t plays the forget gate, 1 - z_t
# the input gate). What it drops: the separate cell state and the output gate,
# so it has three blocks of weights instead of four.
#
# </details>

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

# %% [markdown] slideshow={"slide_type": "subslide"}
# **What the reset gate does.** $r_t$ acts inside the candidate only, on the
# part that reads $h_{t-1}$. Near 1, the candidate builds on the past, as a
# SimpleRNN's step does. Near 0, it reads $x_t$ alone, as at the start of a
# sequence: the unit can propose a value that ignores what it holds, say
# where a new word or a new segment begins. And it matters only where the
# update gate lets the candidate in: a unit with $z_t = 1$ keeps $h_{t-1}$
# and never uses its candidate. Both, on one step of the GRU above:

# %% slideshow={"slide_type": "fragment"}
x_t, h_prev = X[:, 0], np.tanh(rng.normal(size=(8, H)))   # one step, from a state to reset
fresh = np.zeros_like(h_prev)                               # the start of a sequence: h_0 = 0


def gru_step_with(h, z_bias=0.0, r_bias=0.0):
    """rnnkit.gru_step with the update and reset gates' input biases set: (h_t, candidate)."""
    b = gru.params["b"].copy()
    b[0, :H], b[0, H:2 * H] = z_bias, r_bias          # row 0, the input bias: blocks z, r, h~
    h_t, kept = rnnkit.gru_step(x_t, h, gru.params["W_x"], gru.params["W_h"], b)
    return h_t, np.split(kept, 4, axis=1)[2]          # kept holds z, r, h~ and ha_h side by side


print("is the candidate the one of a fresh start, from h_{t-1} = 0?")
for r_bias, reset in ((0.0, "as it starts (bias 0):"), (-50.0, "shut (bias -50):")):
    same = np.allclose(gru_step_with(h_prev, r_bias=r_bias)[1],
                       gru_step_with(fresh, r_bias=r_bias)[1])
    print(f"  reset gate {reset:23s}{same}")
kept = [gru_step_with(h_prev, z_bias=50.0, r_bias=r_bias)[0] for r_bias in (-50.0, 50.0)]
print("update gate at 1 (bias 50): h_t = h_{t-1}, reset gate shut or open:",
      all(np.allclose(h_t, h_prev) for h_t in kept))

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Cho et al. (2014) put r_t before the product, (r_t * h_{t-1}) W_h; Keras'
# default (reset_after=True, cuDNN's form) puts it after, r_t * (h_{t-1} W_h +
# b_h). The role is the same: how much of the past the candidate sees.
# Exercise 4 has the students write this step; a typical slip is the other
# form, which the check names.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. The memory race, over seeds
#
# One run is one draw: here every cell gets **5 seeds** (data, weights and
# batch order) and two training lengths, 2 and 4 epochs, on the task of
# section 3 with $d = 30$. A run has *learned* if its test accuracy is at
# least 0.9, and is *guessing* below 0.6. Gradients are clipped to a norm of
# 1 (notebook 05), so that no run blows up on the way.
#
# - SimpleRNN, Keras' start;
# - LSTM, Keras' start (forget bias 1);
# - LSTM with the forget gate opened at the start (bias 4).

# %% slideshow={"slide_type": "fragment"}
SEEDS, EPOCHS, CLIP = range(5), (2, 4), 1.0         # gradients clipped to a norm of 1, as in 05


def opened_lstm(seed):
    """An LSTM read at its last step, its forget gate opened at the start: bias 4."""
    model = rnnkit.ManyToOne(2, UNITS, 2, seed=seed, cell=LSTM)
    model.params["b"][UNITS:2 * UNITS] = 4.0
    return model


CELLS = {
    "SimpleRNN": lambda seed: rnnkit.ManyToOne(2, UNITS, 2, seed=seed),
    "LSTM, forget bias 1": lambda seed: rnnkit.ManyToOne(2, UNITS, 2, seed=seed, cell=LSTM),
    "LSTM, forget bias 4": opened_lstm,
}


def run_race(cells):
    """{(name, seed, epochs): test accuracy} for every cell of ``cells`` (name: make(seed)),
    every seed and both training lengths."""
    race = {}
    for name, make in cells.items():
        for seed in SEEDS:
            data = np.random.default_rng(seed)
            X_tr, y_tr = rnnkit.data.memory_task(1024, DISTANCE, seed=data)
            X_te, y_te = rnnkit.data.memory_task(500, DISTANCE, seed=data)
            racer, adam, done = make(seed), rnnkit.Adam(0.03), 0
            for epochs in EPOCHS:                  # 2 epochs, then 2 more: 4 in all
                rnnkit.train(racer, X_tr, y_tr, loss="softmax_cross_entropy",
                             epochs=epochs - done, batch_size=64, optimizer=adam,
                             clip_norm=CLIP, seed=seed + epochs)
                race[name, seed, epochs] = accuracy(racer, X_te, y_te)
                done = epochs
    return race


race = run_race(CELLS)

# %% slideshow={"slide_type": "subslide"}
def show_race(race):
    """For each training length, how many seeds of each cell learned, are in between, guess."""
    print(f"test accuracy at d = {DISTANCE}: how many of the {len(SEEDS)} seeds landed where")
    for epochs in EPOCHS:
        print(f"\nafter {epochs} epochs{'':16s}learned   in between   guessing")
        print(f"{'':28s}(>= 0.9)  (0.6 - 0.9)   (< 0.6)")
        for name in dict.fromkeys(name for name, _, _ in race):
            runs = np.array([race[name, seed, epochs] for seed in SEEDS])
            learned, guessing = np.sum(runs >= 0.9), np.sum(runs < 0.6)
            print(f"  {name:24s}{learned:6d}{len(runs) - learned - guessing:12d}{guessing:11d}")


show_race(race)

# %% [markdown] slideshow={"slide_type": "subslide"}
# What the table allows us to say, and no more:
#
# - Opened at the start, the LSTM learned in every seed within 2 epochs.
# - With Keras' start the LSTM learned in no seed at 2 epochs and in one at
#   4: it depends on the seed, and 5 seeds cannot tell it from the SimpleRNN,
#   which learned in none.
#
# So the gates make a long memory *reachable*; where training starts decides
# whether it is reached in time.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The table counts outcomes instead of printing each accuracy: a table of
# digits would hide how few runs there are. Five seeds are few: "every seed"
# means 5 of 5, not always; and one LSTM run of 5 against none of the
# SimpleRNN's is no ranking. No SimpleRNN run got past guessing in 4 epochs
# (notebook 05 says why). Opening the
# forget gate at the start is the remedy of Gers et al. (2000) and of Tallec
# and Ollivier (2018) ("chrono initialisation"). Exercise 5 adds the GRU.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - An LSTM adds a cell state $c_t = f_t \odot c_{t-1} + i_t \odot g_t$ and
#   shows $h_t = o_t \odot \tanh(c_t)$.
# - The unit of section 3 did not store its item once: its cell accumulated
#   a write at every step.
# - The carousel multiplies the gradient by $f_t$ per step back, and $c$
#   collects more through $h$. With forget bias 4 the gradient at $c$ was not
#   lost 40 steps back; with bias 1 it kept about what a SimpleRNN's $h$ kept
#   10 steps back.
# - The GRU keeps the gated, additive path with one state: $z_t$ keeps
#   $h_{t-1}$, $r_t$ sets how much of it the candidate reads.
# - Over 5 seeds, an opened LSTM learned a 30-step memory within 2 epochs
#   every time; with Keras' start it depended on the seed.

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
# **Exercise 4.** Write the GRU step, in Keras' form (`reset_after=True`) of
# section 5. Fill in `my_gru_step` so that it returns $h_t$; the check
# compares it with `rnnkit.gru_step` on random inputs. `b` has two rows: the
# input's bias `b[0]` and the recurrent one `b[1]`, each cut into the blocks
# $z, r, \tilde h$.

# %% slideshow={"slide_type": "fragment"}
def my_gru_step(x_t, h_prev, W_x, W_h, b):
    """x_t (N, D), h_prev (N, H), W_x (D, 3H), W_h (H, 3H), b (2, 3H) -> h_t (N, H)."""
    return None  # replace with your code: the two parts, the gates z and r, the candidate, h_t


_ = ex.check_gru_step(my_gru_step)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: the input's part and the hidden state's part, each cut in Keras' order z, r, h~;
# r_t scales the hidden state's part of the candidate only, after its product with W_h.
def my_gru_step(x_t, h_prev, W_x, W_h, b):
    xa_z, xa_r, xa_h = np.split(x_t @ W_x + b[0], 3, axis=1)
    ha_z, ha_r, ha_h = np.split(h_prev @ W_h + b[1], 3, axis=1)
    z, r = 1 / (1 + np.exp(-(xa_z + ha_z))), 1 / (1 + np.exp(-(xa_r + ha_r)))
    h_tilde = np.tanh(xa_h + r * ha_h)
    return z * h_prev + (1 - z) * h_tilde


_ = ex.check_gru_step(my_gru_step)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 5.** Add the GRU to the race of section 6, twice: as Keras
# starts it, update gate bias 0 ($z_t$ near 0.5: half of $h_{t-1}$ kept per
# step), and opened, with the update gate's input bias `b[0, :UNITS]` at 4
# ($z_t$ near 0.98). Give `run_race` the two, and `show_race` all five. What
# does the table say, and what does it not?

# %% slideshow={"slide_type": "fragment"}
GRU_CELLS = {}  # replace with {"GRU, update bias 0": ..., "GRU, update bias 4": ...}
if GRU_CELLS:
    show_race({**race, **run_race(GRU_CELLS)})

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: the opened GRU learned in every seed within 2 epochs, as the opened LSTM did; with
# Keras' start it learned in no seed, even at 4 epochs. Five seeds allow "opened learned 5 of 5"
# and "bias 0 learned 0 of 5 here", not that the GRU is better or worse than the LSTM.
def opened_gru(seed):
    model = rnnkit.ManyToOne(2, UNITS, 2, seed=seed, cell=GRU)
    model.params["b"][0, :UNITS] = 4.0                   # z_t near sigmoid(4) = 0.98: keep
    return model


GRU_CELLS = {"GRU, update bias 0": lambda seed: rnnkit.ManyToOne(2, UNITS, 2, seed=seed, cell=GRU),
             "GRU, update bias 4": opened_gru}
show_race({**race, **run_race(GRU_CELLS)})

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
