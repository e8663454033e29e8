# %% [markdown] slideshow={"slide_type": "slide"}
# # Chain networks through time: the recurrent cell
#
# **What you will do.** Wire small feed-forward networks into one recurrent
# network; compute its cell by hand and check it against rnnkit; write the
# loop over time yourself; measure how long the network remembers one input.
#
# **What you will learn.**
# - what a *time step* is: one feed-forward net reused at every step;
# - the *unrolled* and the *folded* diagram of the same network;
# - the cell $h_t = \tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h)$, its shapes, and
#   why **one** bias serves every step;
# - why tanh, and what the output layer $y_t = \varphi(h_t W_{oh} + b_o)$ adds;
# - how the size of $W_{hh}$ sets how long a memory lasts.
#
# **What you need.** Notebooks 00 and 01.
#
# **Time.** About 40 minutes.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["colab-badge"]
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/02_recurrence.ipynb)

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# This notebook is the heart of the forward pass. Go slowly through the NumPy
# step (section 4) and the shared bias: the source article writes a per-step
# bias b_t, and students who copy it get a network that cannot handle longer
# sequences. The widgets (step-through, memory) are good moments to let the
# room drive.
#
# </details>

# %% slideshow={"slide_type": "skip"} tags=["install-rnnkit"]
# rnnkit, the course's package, and what this notebook needs are already here when you run
# the course from its folder, and then this cell does nothing. On Colab, or in a Jupyter
# without the course, it installs what is missing of rnnkit (widgets) from the
# course's repository first: about a minute.
import importlib.util

extra_of = {'ipywidgets': 'widgets'}
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
from rnnkit import activations
from rnnkit.course import diagrams, plots
from rnnkit.course.exercises import recurrence as ex
from rnnkit.course.widgets import recurrence

plots.use_style()
SEED = 0  # one fixed seed: the same weights and data, so the same printed numbers, on every run
rng = np.random.default_rng(SEED)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. From separate networks to a chain
#
# A feed-forward network maps one input to one output. Give it a sequence
# $x_1, x_2, x_3$ one element at a time and it treats each element on its own:
# what it computed for $x_1$ is gone when $x_2$ arrives. That is the failure
# notebook 01 showed on "Jim ... boy" and "Amy ... girl".
#
# Below, the left picture shows three copies of one small network (2 inputs, 3
# hidden neurons, 1 output), one per element of the sequence. The right one
# adds a single change: every hidden neuron of copy $t$ also feeds every hidden
# neuron of copy $t+1$ (green). That is the whole idea of a recurrent network.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# This is the article's "forest of feed-forward networks" picture. Ask the room
# where information from x_1 can reach in each picture: only y_1 on the left,
# but every later y_t on the right, through the green connections.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
fig, axes = plt.subplots(1, 2, figsize=(14, 4.4))
fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.9, wspace=0.05)
diagrams.forest(T=3, connected=False, ax=axes[0])
diagrams.forest(T=3, connected=True, ax=axes[1])
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# The green connections carry the hidden layer's values from one step to the
# next. With them, the hidden layer at step $t$ reads two things: the new input
# $x_t$ and its own previous values. We call those values the *hidden state*
# $h_t$; it is the network's short-term memory (notebook 00).
#
# Two details make this a *recurrent* network and not just a big network:
#
# - the copies are **the same network**: every copy uses the same input weights,
#   the same output weights, and every green bundle is the same matrix $W_{hh}$;
# - because the weights are shared, the row can be as long as the sequence.
#   There is no "three" built into the weights.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. Time steps
#
# Each copy in the chain is one **time step**. A sequence of $T$ elements needs
# $T$ steps: the network reads $x_1$ at step 1, $x_2$ at step 2, and so on. The
# three-word sentence "how are you" is $T = 3$ steps; five days of temperatures
# are $T = 5$ steps of one number each.
#
# In code a batch of $N$ sequences, each $T$ steps long with $D$ numbers per
# step, is one array `X` of shape $(N, T, D)$, as in Keras. Time steps count
# from 1 in the maths and from 0 in NumPy: $x_t$ is `X[:, t - 1]`.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Stress the 1-based maths against the 0-based index: it is the commonest
# off-by-one in students' own loops over time.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
N, T, D, H = 2, 4, 3, 5                   # 2 sequences, 4 steps, 3 inputs per step, 5 hidden units
X = rng.normal(size=(N, T, D))

print("X:", X.shape, " (N, T, D)")
print("x_1 = X[:, 0]:", X[:, 0].shape, " (N, D): step 1 of both sequences")
print("sequence 1, all steps = X[0]:", X[0].shape, " (T, D)")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Two pictures of the same network: unrolled and folded
#
# From the front, the chain shows one column per time step: the
# **unrolled** diagram (left). Each box is a whole layer: inputs $x_t$, hidden
# state $h_t$, outputs $y_t$; $h_0$, the starting state, is usually zeros.
#
# Squash it along time and the columns fall onto one: the **folded**
# diagram (right). The step-to-step connection becomes a loop: what $h$ held
# a step ago comes back in.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The article calls the folded picture the "top view". Point at W_hh on both:
# three arrows on the left, one loop on the right, one matrix.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
fig, axes = plt.subplots(1, 2, figsize=(13, 4.6), gridspec_kw={"width_ratios": [8, 4]})
diagrams.unrolled(T=3, ax=axes[0])
diagrams.folded(ax=axes[1])
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# Both carry the same $W_{xh}$, $W_{hh}$, $W_{oh}$ (biases not drawn).
# The folded one is how you *write* the network (one cell, one loop); the
# unrolled one is how the computer *runs* it, one column per step, and how
# gradients flow back (notebook 05).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. One step in NumPy
#
# At every step the cell mixes the new input with the previous state and
# squashes the sum with tanh:
#
# $$h_t = \tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h)$$
#
# | array | shape | what it is |
# |---|---|---|
# | $x_t$ | $(N, D)$ | the inputs at step $t$, one row per sequence |
# | $h_{t-1}$ | $(N, H)$ | the previous hidden state ($h_0$ = zeros) |
# | $W_{xh}$ | $(D, H)$ | input to hidden weights |
# | $W_{hh}$ | $(H, H)$ | hidden to hidden weights: the green bundle |
# | $b_h$ | $(H,)$ | the hidden bias |
#
# The weights below come from an `rnnkit.SimpleRNN`, so we can compare with it.
# Its bias starts at zero; we set it to small random numbers so that the check
# also tests the bias.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Ask for the shapes before running the cells. The bias is made non-zero on
# purpose: with SimpleRNN's zero starting bias, a step that forgets "+ b_h"
# would still pass the check.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
rnn = rnnkit.SimpleRNN(input_size=D, hidden_size=H, output_size=1, seed=SEED)
rnn.params["b_h"][:] = 0.1 * rng.normal(size=H)
W_xh, W_hh, b_h = rnn_cell = rnn.params["W_xh"], rnn.params["W_hh"], rnn.params["b_h"]
print("W_xh", W_xh.shape, " W_hh", W_hh.shape, " b_h", b_h.shape)

# %% slideshow={"slide_type": "subslide"}
h_0 = np.zeros((N, H))                               # the starting state
h_1 = np.tanh(X[:, 0] @ W_xh + h_0 @ W_hh + b_h)     # step 1 reads x_1 = X[:, 0]: (N, H)
h_2 = np.tanh(X[:, 1] @ W_xh + h_1 @ W_hh + b_h)     # step 2: the same weights, and h_1
print("h_1 of sequence 1 =", np.array2string(h_1[0], precision=4, floatmode="fixed"))
print("h_2 of sequence 1 =", np.array2string(h_2[0], precision=4, floatmode="fixed"))

# %% [markdown] slideshow={"slide_type": "fragment"}
# Check step 1 against `rnnkit.rnn_step`, and both steps against the hidden
# states `Hs` that `SimpleRNN.forward` keeps as `rnn.hidden_states` (it
# returns the outputs `Y`, the subject of section 7):

# %% slideshow={"slide_type": "fragment"}
Y = rnn.forward(X)
Hs = rnn.hidden_states
print("Hs:", Hs.shape, " (N, T, H)")
print("h_1 matches rnnkit.rnn_step:", np.allclose(h_1, rnnkit.rnn_step(X[:, 0], h_0, *rnn_cell)))
print("h_1, h_2 match SimpleRNN.forward:", np.allclose(np.stack([h_1, h_2], axis=1), Hs[:, :2]))

# %% [markdown] slideshow={"slide_type": "fragment"}
# Steps 3 and 4 are the same line again, each reading the state the step
# before wrote: a loop over $t$. `rnnkit.rnn_forward` is that loop, and
# `SimpleRNN.forward` calls it. You will write it yourself in Exercise 2.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The article's form: columns instead of rows
#
# The source article writes the same cell with *column* vectors,
# $h_t = \tanh(W_{xh} \cdot x_t + W_{hh} \cdot h_{t-1} + b)$. As in notebook 01,
# the two forms are transposes of each other: $(A x)^\top = x^\top A^\top$, so the
# article's $W_{xh}$ (shape $(H, D)$) is our $W_{xh}$ transposed, and the same for
# $W_{hh}$. We write rows because a batch is a stack of rows, and because our
# $W_{xh}$, $W_{hh}$, $b_h$ are exactly Keras' `kernel`, `recurrent_kernel` and
# `bias` of `SimpleRNN`: weights move between NumPy and Keras without a transpose.

# %% slideshow={"slide_type": "fragment"}
W_xh_article, W_hh_article = W_xh.T, W_hh.T       # (H, D) and (H, H)
x_col = X[0, 1][:, None]                          # x_2 of sequence 1 as a column (D, 1)
h_col = h_1[0][:, None]                           # h_1 of sequence 1 as a column (H, 1)
h_2_col = np.tanh(W_xh_article @ x_col + W_hh_article @ h_col + b_h[:, None])
print("column form gives the same h_2:", np.allclose(h_2_col[:, 0], h_2[0]))

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### One bias for every step
#
# The article writes the bias as $b_t$, as if each step had its own. It does
# not: an RNN shares **one** bias $b_h$ across all steps, as it shares $W_{xh}$
# and $W_{hh}$. This sharing is what makes it recurrent:
#
# - with a bias per step, a network trained on 4-step sequences would have no
#   bias for step 5; sharing means any length works;
# - what it learns at step 2 is used at step 20: one rule ("how to update a
#   memory"), not $T$ separate rules;
# - the number of parameters does not grow with $T$.
#
# The same `rnn` reads sequences of any length:

# %% slideshow={"slide_type": "fragment"}
n_params = sum(p.size for p in rnn.params.values())
print(f"parameters: {n_params}  ({', '.join(f'{k} {v.shape}' for k, v in rnn.params.items())})")
for T_new in (1, 4, 50):
    rnn.forward(rng.normal(size=(N, T_new, D)))
    Hs_new = rnn.hidden_states
    print(f"T = {T_new:2d}: Hs has shape {Hs_new.shape}, with the same {n_params} parameters")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. Step through a sequence
#
# A small RNN ($D = 1$, $H = 4$) reads six inputs: a pulse $+1$ at step 1,
# zeros, a pulse $-1$ at step 4, zeros. Move the slider from $t = 1$ to 6: the
# diagram frames the current step and greys out the steps not read yet; the
# heatmap fills in one column $h_t$ per step. Watch for two things:
#
# 1. At steps 2, 3, 5 and 6 the input is 0, yet $h_t$ keeps changing and is not
#    0: the state still carries the pulses. That is the memory.
# 2. Step 4's pulse mirrors step 1's, but $h_4$ is not the mirror of $h_1$:
#    the state mixes the new input with what it already holds.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# If the widget shows no controls (a static page), the picture is the state at
# t = 1. Run the cell in JupyterLab to move the slider.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
x_demo = np.array([1.0, 0.0, 0.0, -1.0, 0.0, 0.0])[:, None]    # one sequence (T, D) = (6, 1)
demo_rnn = rnnkit.SimpleRNN(input_size=1, hidden_size=4, output_size=1, seed=SEED)

# %% slideshow={"slide_type": "fragment"}
recurrence.step_through_widget(x_demo, demo_rnn)

# %% [markdown] slideshow={"slide_type": "subslide"}
# The same numbers, printed:

# %% slideshow={"slide_type": "fragment"}
demo_rnn.forward(x_demo[None])
Hs_demo = demo_rnn.hidden_states                                 # (1, 6, 4)
for t in range(1, 7):
    print(f"t = {t}: x_t = {x_demo[t - 1, 0]:+.0f}   h_t =",
          np.array2string(Hs_demo[0, t - 1], precision=3, floatmode="fixed", sign="+"))
print("is h_4 the mirror of h_1 (h_4 = -h_1)?", np.allclose(Hs_demo[0, 3], -Hs_demo[0, 0]))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Why tanh?
#
# The cell could use any activation. RNNs use tanh for three reasons you can
# see in the plots below:
#
# - **bounded**: tanh's output lies in $(-1, 1)$, whatever goes in;
# - **keeps the sign**: it is zero-centred, so the state can say "more" and
#   "less" (sigmoid's output is always positive);
# - **a gentle slope**: its derivative $1 - \tanh^2$ is at most 1 (at 0) and
#   close to 0 where tanh is flat ("saturated"), which matters for training (notebook 05).

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Sigmoid's derivative peaks at 0.25, tanh's at 1. Mention vanishing gradients
# only in passing; notebook 05 measures them.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
z = np.linspace(-4, 4, 401)
fig, (ax_f, ax_d) = plt.subplots(1, 2, figsize=(12, 4.2))
for name in ("tanh", "sigmoid", "relu"):
    a = activations.ACTIVATIONS[name](z)
    ax_f.plot(z, a, label=name)
    ax_d.plot(z, activations.derivative(name, a), label=name)
ax_f.set(xlabel="z", ylabel=r"$\varphi(z)$", ylim=(-1.3, 2.3), title="Activations")
ax_d.set(xlabel="z", ylabel=r"$\varphi'(z)$", ylim=(-0.1, 1.2), title="Their derivatives")
ax_f.legend(loc="upper left")
plt.show()

# %% slideshow={"slide_type": "fragment"}
for value in (0.0, 1.0, 3.0):
    a = np.tanh(value)
    print(f"z = {value:.0f}: tanh = {a:+.4f}, derivative 1 - tanh^2 = {activations.derivative('tanh', a):.4f}")
print(f"largest sigmoid derivative: {activations.derivative('sigmoid', rnnkit.sigmoid(0.0)):.4f} (at z = 0)")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Bounded means the state cannot blow up
#
# The state is fed back in at every step, so whatever $W_{hh}$ does to it is
# done again and again. Take one hidden unit with $W_{hh} = 2$ and a constant
# input $0.1$: $h_t = \varphi(2 h_{t-1} + 0.1)$. Without a bound the state
# doubles at every step; with tanh it settles.

# %% slideshow={"slide_type": "fragment"}
def iterate(phi, steps, w_hh=2.0, x=0.1):
    """h_t = phi(w_hh * h_{t-1} + x) from h_0 = 0; returns h after each step."""
    h, history = 0.0, []
    for _ in range(steps):
        h = float(phi(w_hh * h + x))
        history.append(h)
    return history


for name in ("identity", "relu", "tanh"):
    h = iterate(activations.ACTIVATIONS[name], 40)
    print(f"{name:>8}: h_5 = {h[4]:.4g}, h_10 = {h[9]:.4g}, h_20 = {h[19]:.4g}, h_40 = {h[39]:.4g}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# Identity and ReLU reach about $10^{11}$ after 40 steps (a long sentence has
# more); tanh stays below 1 however long the sequence. A bounded state keeps the
# forward pass stable. (It does not make training easy: the tiny derivative
# where tanh is flat is the *vanishing gradient* of notebook 05.)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. Outputs at every step
#
# The hidden state is the network's memory, not its answer. An output layer
# reads it at every step:
#
# $$y_t = \varphi(h_t W_{oh} + b_o), \qquad W_{oh}\ (H, O),\ b_o\ (O,).$$
#
# The output activation $\varphi$ depends on the task:
#
# - **identity**, $y_t$ any number: regression (tomorrow's temperature);
# - **sigmoid**, each $y_t$ in $(0, 1)$: independent yes/no questions;
# - **softmax**, $y_t$ positive and summing to 1: a probability for each of $O$
#   classes (the next word, in notebook 04).
#
# The hidden states `Hs` from section 4 have shape $(N, T, H)$; one matrix
# product gives the outputs of every step of every sequence at once.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The softmax by hand is fine here because Z is small; rnnkit's softmax
# subtracts the row maximum first so that exp never overflows. Worth a sentence.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
O = 3
W_oh = 0.5 * rng.normal(size=(H, O))
b_o = 0.1 * rng.normal(size=O)

Z = Hs @ W_oh + b_o                                           # (N, T, O), before phi
by_hand = {
    "identity": Z,
    "sigmoid": 1.0 / (1.0 + np.exp(-Z)),
    "softmax": np.exp(Z) / np.exp(Z).sum(axis=-1, keepdims=True),
}
for name, Y_hand in by_hand.items():
    model = rnnkit.SimpleRNN(D, H, O, output_activation=name, seed=SEED)
    model.params.update(W_xh=W_xh, W_hh=W_hh, b_h=b_h, W_oh=W_oh, b_o=b_o)
    Y_rnnkit = model.forward(X)
    print(f"{name:>8}: y_1 of sequence 1 = {np.array2string(Y_hand[0, 0], precision=4, floatmode='fixed')}"
          f"  matches rnnkit: {np.allclose(Y_hand, Y_rnnkit)}")
print("softmax rows sum to 1:", np.allclose(by_hand["softmax"].sum(axis=-1), 1.0))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 8. How long does the network remember?
#
# In notebook 00 a fading running sum $h_t = 0.5\, h_{t-1} + x_t$ forgot a pulse
# at a rate set by the 0.5. In the RNN that number is $W_{hh}$. Here every
# network starts from the same random orthogonal $W_{hh}$ (Keras' starting
# point, which keeps the length of $h$), multiplied by a *scale*. We feed a
# single pulse $x_1 = 1$, then zeros, and follow the length $\|h_t\|$ of the state.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Link back to the decay factor of notebook 00: the scale of W_hh plays its
# role. Ask what scale 0 means before Exercise 5 gives it away.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
T_long, scales = 60, (0.5, 0.9, 1.0, 1.5)
pulse = np.zeros((1, T_long, 1))
pulse[0, 0, 0] = 1.0                                     # x_1 = 1, every later x_t = 0

traces, largest_unit = {}, {}
for scale in scales:
    net = rnnkit.SimpleRNN(1, 8, 1, seed=SEED)           # D = 1, H = 8
    net.params["W_hh"] *= scale
    net.forward(pulse)
    Hs_pulse = net.hidden_states
    traces[scale] = np.linalg.norm(Hs_pulse[0], axis=1)  # ||h_t|| for t = 1..T
    largest_unit[scale] = np.abs(Hs_pulse[0, -1]).max()  # the largest |unit| of h_T

fig, ax = plots.new_figure(figsize=(10, 4.5))
for scale, trace in traces.items():
    ax.plot(np.arange(1, T_long + 1), trace / trace[0], label=f"scale {scale}")
ax.axhline(0.01, ls=":", color=plots.COLORS["black"], lw=1.5, label="1 % of $\\|h_1\\|$")
ax.set(yscale="log", ylim=(1e-4, 3), xlabel="time step t", ylabel=r"$\|h_t\|$ as % of $\|h_1\|$",
       title="What is left of a pulse at t = 1")
ax.set_yticks([1e-4, 1e-3, 1e-2, 1e-1, 1], ["0.01 %", "0.1 %", "1 %", "10 %", "100 %"])
ax.minorticks_off()
ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
fig.subplots_adjust(right=0.78)
plt.show()

# %% slideshow={"slide_type": "fragment"}
for scale, trace in traces.items():
    k = recurrence.steps_to_forget(trace, fraction=0.01)
    verdict = f"below 1 % after {k} steps" if k is not None else f"still above 1 % after {T_long} steps"
    print(f"scale {scale:.1f}: ||h_{T_long}|| / ||h_1|| = {trace[-1] / trace[0]:.2e}, {verdict}; "
          f"largest unit of h_{T_long}: {largest_unit[scale]:.2f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Three regimes:
#
# - **scale below 1**: the pulse fades by about the scale at each step (tanh
#   shrinks it a little more): below 1 % after 7 steps at 0.5, after 40 at 0.9.
# - **scale 1**: only tanh shrinks the state, and barely for small values: the
#   pulse fades slowly: about a fifth of it is still there after 60 steps.
# - **scale above 1**: the state grows until tanh's bound stops it and does
#   not fade in 60 steps (its largest unit at $t = 60$ is 0.89); but where tanh
#   is flat (section 6), a new input changes the state little.
#
# Training must find a $W_{hh}$ that keeps what matters for as long as it matters.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Notebook 05 shows that the same scale decides whether gradients vanish or
# explode, which is why long memories are hard to learn. At 1.5 the claim is
# only "within the 60 steps printed"; ask what a state pressed against +-1
# can still take in.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# Try other scales with the slider. The grey curves are the four scales above;
# the line under the figure counts the steps until the pulse is below 1 %.

# %% slideshow={"slide_type": "fragment"}
recurrence.memory_widget(scale=0.9)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - An RNN is one feed-forward net reused at every **time step**, its hidden
#   layer wired to the next step's. A batch of sequences is $(N, T, D)$.
# - **Unrolled**: one column per step; **folded**: one cell
#   with a loop. Same network, same weights.
# - The cell $h_t = \tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h)$ by hand matched
#   rnnkit; the article's column form uses the transposed weights.
# - One $W_{xh}$, one $W_{hh}$ and **one bias** $b_h$ (not a $b_t$ per step)
#   serve every step: any length, a fixed number of parameters.
# - tanh keeps the state in $(-1, 1)$; identity or ReLU let it blow up.
# - Outputs $y_t = \varphi(h_t W_{oh} + b_o)$: identity, sigmoid or softmax.
# - The scale of $W_{hh}$ sets how long a memory lasts: below 1 it fades,
#   above 1 the state saturates.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Exercises 1 and 2 are the important ones: the step, then the loop over time
# that every RNN runs. The checks name the usual slips (tanh or the bias
# forgotten, W_hh transposed, X[t] for X[:, t], range(T - 1), h not carried).
# Exercises 3 to 5 are quick: a shape, a parameter count (the shared
# weights), and a prediction to check.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## On your own
#
# **Exercise 1.** Write the recurrent step: given `x_t` $(N, D)$, `h_prev`
# $(N, H)$, `W_xh` $(D, H)$, `W_hh` $(H, H)$ and `b_h` $(H,)$, return $h_t$
# $(N, H)$. The check compares your function with `rnnkit.rnn_step` on three
# examples of different sizes.

# %% slideshow={"slide_type": "fragment"}
def my_rnn_step(x_t, h_prev, W_xh, W_hh, b_h):
    return None  # replace None with your code


_ = ex.check_step(my_rnn_step)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: the formula, with the weights on the right of the row vectors.
def my_rnn_step(x_t, h_prev, W_xh, W_hh, b_h):
    return np.tanh(x_t @ W_xh + h_prev @ W_hh + b_h)


_ = ex.check_step(my_rnn_step)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** Write the forward pass over time, the loop that
# `rnnkit.rnn_forward` runs: start from $h_0$, apply the cell at every time
# step, and keep every state. The check compares your function with
# `rnnkit.rnn_forward` on three batches of different sizes.

# %% slideshow={"slide_type": "fragment"}
def my_rnn_forward(X, h0, W_xh, W_hh, b_h):
    """X (N, T, D), h0 (N, H), W_xh (D, H), W_hh (H, H), b_h (H,) -> Hs (N, T, H).

    Start from h = h0. At every time step read x_t (N, D) from X, compute the
    new h (N, H) with the cell, and store it in Hs.
    """
    N, T, D = X.shape
    Hs = np.zeros((N, T, h0.shape[1]))   # (N, T, H), to fill
    # your loop over the time steps here
    return Hs


_ = ex.check_forward(my_rnn_forward)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: t = 0 .. T - 1 in NumPy (x_1 .. x_T in the maths); each step reads the state the
# step before wrote, and X[:, t] is step t of every sequence.
def my_rnn_forward(X, h0, W_xh, W_hh, b_h):
    N, T, D = X.shape
    Hs = np.zeros((N, T, h0.shape[1]))
    h = h0
    for t in range(T):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b_h)     # (N, H)
        Hs[:, t] = h
    return Hs


_ = ex.check_forward(my_rnn_forward)
print("on this notebook's X, it matches SimpleRNN.forward:",
      np.allclose(my_rnn_forward(X, h_0, W_xh, W_hh, b_h), Hs))

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** A `SimpleRNN` with $H = 16$ hidden units reads a batch of
# $N = 32$ sequences, each $T = 10$ steps of $D = 3$ numbers. What is the shape
# of the hidden states `Hs` it returns? Answer with a tuple.

# %% slideshow={"slide_type": "fragment"}
my_shape = None  # replace None with a tuple, e.g. (1, 2, 3)

_ = ex.check_hidden_shape(my_shape)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: one hidden state of H numbers per sequence and per step: (N, T, H).
my_shape = (32, 10, 16)
_ = ex.check_hidden_shape(my_shape)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 4.** How many numbers (parameters) does a `SimpleRNN` with $D = 3$,
# $H = 16$ and $O = 2$ hold? Count $W_{xh}$, $W_{hh}$, $b_h$, $W_{oh}$ and $b_o$.
# Does the answer depend on $T$?

# %% slideshow={"slide_type": "fragment"}
my_count = None  # replace None with a whole number

_ = ex.check_parameter_count(my_count)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: D*H + H*H + H + H*O + O, whatever T is (the weights are shared by all steps).
my_count = 3 * 16 + 16 * 16 + 16 + 16 * 2 + 2
_ = ex.check_parameter_count(my_count)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 5.** Predict before you compute: take the network of section 8
# ($D = 1$, $H = 8$, bias $b_h = 0$, a pulse $x_1 = 1$, then zeros) with
# $W_{hh}$ all zeros (scale 0). After how many steps is the pulse below 1 % of
# its first size? What kind of network is an RNN with $W_{hh} = 0$?

# %% slideshow={"slide_type": "fragment"}
my_steps = None  # replace None with a whole number

_ = ex.check_steps_to_forget(my_steps)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: with W_hh = 0, h_2 = tanh(x_2 W_xh + h_1 W_hh + b_h) = tanh(0 + 0 + b_h), and this
# network's b_h is 0, so h_2 = 0: the pulse is gone after 1 step. Each step sees only its own
# input: a feed-forward net applied to each step, with no memory.
my_steps = 1
_ = ex.check_steps_to_forget(my_steps)
# With a bias b_h != 0, h_t = tanh(b_h) from step 2 on: not 0, so the 1 % test would never
# pass, but the same whatever the pulse was. The memory is gone just as fast:
net = rnnkit.SimpleRNN(1, 8, 1, seed=SEED)
net.params["W_hh"][:] = 0.0
net.params["b_h"][:] = 0.5
pulses = np.zeros((2, 4, 1))
pulses[:, 0, 0] = (1.0, -1.0)                      # a pulse +1 and a pulse -1 at t = 1
net.forward(pulses)
Hs_pulses = net.hidden_states
print("with b_h = 0.5: h_2, h_3, h_4 the same after +1 and after -1:",
      np.allclose(Hs_pulses[0, 1:], Hs_pulses[1, 1:]),
      "| h_1 the same:", np.allclose(Hs_pulses[0, 0], Hs_pulses[1, 0]))

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## Further reading
#
# - Jeffrey Elman, "Finding Structure in Time", *Cognitive Science* 14 (1990):
#   the simple recurrent network this notebook builds.
# - Goodfellow, Bengio and Courville, *Deep Learning* (2016), sections 10.1-10.2:
#   unfolding a computational graph and parameter sharing across time.
# - Andrej Karpathy, "The Unreasonable Effectiveness of Recurrent Neural
#   Networks" (2015 blog post), with `min-char-rnn.py`, an RNN in 112 lines of NumPy.
# - The Keras documentation of `SimpleRNN`: `kernel`, `recurrent_kernel` and
#   `bias` are this notebook's $W_{xh}$, $W_{hh}$ and $b_h$.
#
# **Next:** notebook 03 rearranges the same cell into five shapes (one-to-one,
# one-to-many, many-to-one, many-to-many, encoder-decoder) and trains each on a
# toy task.
