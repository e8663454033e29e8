# %% [markdown] slideshow={"slide_type": "slide"}
# # Train through time: BPTT, vanishing and exploding gradients
#
# **What you will do.** Take one step of backpropagation through time (BPTT)
# by hand and check it; measure how a gradient shrinks or grows on its way
# back; rescue exploding runs with clipping; write the BPTT loop yourself.
#
# **What you will learn.**
# - one loss for a sequence, and why every step adds to the *same* weight gradients;
# - when gradients vanish or explode: the spectral radius of $W_{hh}$ and the slope of tanh;
# - what clipping fixes, and what needs a gated cell (LSTM, GRU).
#
# **What you need.** Notebooks 02 (the cell), 03 (many-to-one, many-to-many) and 04 (training).
#
# **Time.** About 40 minutes.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["colab-badge"]
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/05_training_through_time.ipynb)

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The article names BPTT and the vanishing gradient and stops there. Sections
# 2 and 3 are the core; section 5 is a bridge to notebook 08. Ask the room to
# predict before each measurement runs.
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
from rnnkit import gradients
from rnnkit.course import diagrams, plots
from rnnkit.course.exercises import training_through_time as ex
from rnnkit.course.widgets.gradients import gradient_flow_widget

plots.use_style()
SEED = 0  # one fixed seed: the same weights, data and batch order, so the same printed numbers, on every run
rng = np.random.default_rng(SEED)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. One loss for a whole sequence
#
# A many-to-many RNN makes an output $y_t$, and so an error, at every step.
# Training needs **one** number, so we average the per-step losses (here
# mean squared errors):
#
# $$L = \frac{1}{T} \sum_{t=1}^{T} L_t, \qquad
#   L_t = \frac{1}{N O} \sum_{n, o} \big(y_{t} - \text{target}_{t}\big)^2 .$$
#
# A many-to-one model (notebook 03) is the case where only the last step has
# a loss: $L = L_T$.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Sum or mean over steps only rescales the gradient (by T); Keras and rnnkit
# take the mean.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
N, T, D, H, O = 2, 5, 3, 4, 2                     # 2 sequences, 5 steps, 3 inputs, 4 hidden units, 2 outputs
rnn = rnnkit.ManyToMany(D, H, O, seed=SEED)       # a SimpleRNN with an output at every step
rnn.params["b_h"][:] = 0.1 * rng.normal(size=H)   # non-zero biases, so the checks below test them too
rnn.params["b_o"][:] = 0.1 * rng.normal(size=O)
X = rng.normal(size=(N, T, D))
targets = rng.normal(size=(N, T, O))

Y = rnn.forward(X)
Hs = rnn.hidden_states
loss, dY = rnnkit.mse(Y, targets)                 # dY: dL/dy_t for every step, shape (N, T, O)
step_losses = ((Y - targets) ** 2).mean(axis=(0, 2))
print("L_t for t = 1..5:", np.array2string(step_losses, precision=4, floatmode="fixed"))
print(f"mean of the L_t = {step_losses.mean():.4f}, rnnkit.mse = {loss:.4f}")
print("dY:", dY.shape, " (N, T, O): every step sends its own gradient back")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. Backpropagation through time
#
# Unrolled (notebook 02), the RNN is a feed-forward graph with the **same**
# weights in every column, and BPTT is ordinary backpropagation on it. The
# gradient reaching $h_t$ comes two ways (purple): from its output $y_t$, and
# back from $h_{t+1}$. So the backward pass starts at step $T$ and walks to
# step 1: $h_t$ is not finished before $h_{t+1}$ is.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Trace one path on the board: y_3 -> h_3 -> h_2 -> h_1 -> W_xh. The long
# paths, through many W_hh arrows, are where section 3 happens.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
ax = diagrams.unrolled(T=4)                          # the forward pass (grey arrows)
back = dict(arrowstyle="-|>", color=plots.COLORS["purple"], lw=2.5, mutation_scale=18)
for t in range(1, 5):                                # the two ways a gradient reaches h_t (purple)
    ax.annotate("", xy=(2 * t - 0.25, 2.15), xytext=(2 * t - 0.25, 3.25), arrowprops=back)   # from y_t
    if t < 4:
        ax.annotate("", xy=(2 * t + 0.5, 1.58), xytext=(2 * t + 1.5, 1.58), arrowprops=back)  # from h_{t+1}
ax.set_title("Backward (purple): from every output, against the arrows")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### One step back
#
# With $a_t = x_t W_{xh} + h_{t-1} W_{hh} + b_h$, $h_t = \tanh(a_t)$, and
# $dh_{\text{next}}$ the gradient arriving from step $t+1$ (zero at $t = T$):
#
# | gradient | formula | shape |
# |---|---|---|
# | reaching $h_t$ | $dh_t = dy_t W_{oh}^\top + dh_{\text{next}}$ | $(N, H)$ |
# | through tanh | $da_t = dh_t \odot (1 - h_t^2)$ | $(N, H)$ |
# | to the weights | $dW_{xh} \mathrel{+}= x_t^\top da_t$, $dW_{hh} \mathrel{+}= h_{t-1}^\top da_t$, $db_h \mathrel{+}= \sum_n da_t$ | as the weights |
# | to the previous state | $dh_{\text{next}} = da_t W_{hh}^\top$ | $(N, H)$ |
#
# The `+=`: one $W_{hh}$ serves every step, so its gradient is the **sum** of every step's share.

# %% slideshow={"slide_type": "subslide"}
p = rnn.params
dHs = dY @ p["W_oh"].T                          # (N, T, H): what each output y_t sends to h_t
x_T, h_T, h_prev = X[:, -1], Hs[:, -1], Hs[:, -2]
dh = dHs[:, -1]                                 # + dh_next, which is zero at the last step
da = dh * (1 - h_T ** 2)                        # through tanh
dW_xh_T, dW_hh_T, db_h_T = x_T.T @ da, h_prev.T @ da, da.sum(axis=0)   # step T's shares
dx_T, dh_next = da @ p["W_xh"].T, da @ p["W_hh"].T                     # on to x_T and h_{T-1}

step_T = rnnkit.rnn_step_backward(dh, x_T, h_prev, h_T, p["W_xh"], p["W_hh"])
mine = (dx_T, dh_next, dW_xh_T, dW_hh_T, db_h_T)
print("step T matches rnnkit.rnn_step_backward:", all(map(np.allclose, mine, step_T)))

# %% [markdown] slideshow={"slide_type": "fragment"}
# Every other step is this step with $dh_{\text{next}}$ added, walked from
# $T$ back to 1, the shares summed: `rnnkit.rnn_backward`. You write that
# loop in exercise 1.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### A second opinion: numerical gradients
#
# Agreeing with rnnkit shows that two codes agree, not that either is right.
# A numerical gradient needs no calculus: nudge one weight by
# $\pm\varepsilon$ and rerun, $\frac{L(w + \varepsilon) - L(w - \varepsilon)}{2 \varepsilon}$.
# `rnnkit.check_gradients` does this for every weight and compares with BPTT.

# %% slideshow={"slide_type": "fragment"}
errors = rnnkit.check_gradients(rnn, X, targets)
for key, error in errors.items():
    print(f"{key:5s} relative error below 1e-7: {error < 1e-7}   below 1e-8: {error < 1e-8}")

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Below about 1e-7 is as close as finite differences in float64 can tell. The
# digits of these errors are rounding, which differs from CPU to CPU: we print bounds.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Vanishing and exploding gradients, measured
#
# Put the loss on the **last** step and follow one gradient back. Each step
# back multiplies it by the slope of tanh and by $W_{hh}^\top$:
#
# $$\frac{\partial L}{\partial h_{t-1}} = \Big(\frac{\partial L}{\partial h_t} \odot (1 - h_t^2)\Big) W_{hh}^\top .$$
#
# Without tanh (a linear RNN), $k$ steps scale it like $\rho^k$, with $\rho$
# the **spectral radius** of $W_{hh}$ (its largest absolute eigenvalue): it
# **vanishes** for $\rho < 1$ ($0.9^{40} \approx 0.015$) and **explodes** for
# $\rho > 1$ ($1.1^{40} \approx 45$). What does tanh change?

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Ask the room before the measurement: with rho = 1.1 and ordinary inputs,
# does the gradient explode?
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# `gradients.gradient_norms_through_time` gives the fraction of a gradient of
# length 1 at $h_T$ that is left $k$ steps back. Our network: $H = 16$ units,
# Keras' start, its orthogonal $W_{hh}$ scaled to each $\rho$; 32 random
# sequences of $T = 50$ steps, with **tiny** inputs (size 0.01: $h_t$ stays
# near 0, where tanh is almost linear) or **ordinary** ones (size 1).

# %% slideshow={"slide_type": "fragment"}
T_LONG, RHOS, INPUT_SIZES, K = 50, (0.5, 0.9, 1.0, 1.1, 1.5, 3.0), (0.01, 1.0), 40
net = rnnkit.SimpleRNN(input_size=4, hidden_size=16, output_size=1, seed=SEED)
X_long = rng.normal(size=(32, T_LONG, 4))

measured, slopes = {}, {}
for size in INPUT_SIZES:
    for rho in RHOS:
        cell = dict(net.params, W_hh=gradients.scale_to_spectral_radius(net.params["W_hh"], rho))
        norms = gradients.gradient_norms_through_time(cell, size * X_long)
        measured[size, rho] = norms / norms[0]                    # the fraction left k steps back
        slopes[size, rho] = gradients.tanh_slopes(cell, size * X_long).mean()

k = np.arange(T_LONG)
fig, axes = plt.subplots(1, 2, figsize=(14, 4.8), sharey=True)
for ax, size in zip(axes, INPUT_SIZES):
    plots.gradient_norms(k, {f"$\\rho$ = {rho}": measured[size, rho] for rho in RHOS}, ax=ax,
                         title=f"Inputs of size {size}")
    ax.set(ylim=(1e-16, 1e8), ylabel="fraction of the gradient left")
axes[1].set_ylabel("")
axes[1].get_legend().remove()
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# Each curve in two numbers: the **factor per step**, the fraction left after
# 40 steps to the power 1/40 (a linear RNN's is $\rho$), and the mean
# **slope** $1 - h_t^2$ of tanh.

# %% slideshow={"slide_type": "fragment"}
factor = {key: fraction[K] ** (1 / K) for key, fraction in measured.items()}
print(f"{'':5s}{'tiny inputs (0.01)':>24s}{'ordinary inputs (1)':>26s}")
print(f"{'rho':>5s}{'per step':>14s}{'slope':>10s}{'per step':>16s}{'slope':>10s}")
for rho in RHOS:
    print(f"{rho:5.1f}{factor[0.01, rho]:14.2f}{slopes[0.01, rho]:10.2f}"
          f"{factor[1.0, rho]:16.2f}{slopes[1.0, rho]:10.2f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# What the measurement shows:
#
# - **Tiny inputs:** the slope stays near 1 and the factor is $\rho$ for
#   $\rho \le 1$. For $\rho > 1$ the state grows on the way forward until tanh
#   saturates (slope 0.71 at $\rho = 1.5$), and the growth per step stays
#   below $\rho$: 1.06 at $\rho = 1.5$, 1.28 at $\rho = 3$.
# - **Ordinary inputs:** the inputs alone push tanh into its flat parts. The
#   gradient still shrinks at $\rho = 1.1$ and $1.5$; only $\rho = 3$ grows.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### What the theory says (skip on a first reading)
#
# Pascanu, Mikolov and Bengio (2013) include tanh: its slope is at most 1, so
# it can only shrink the gradient. For a $W_{hh}$ like ours (every singular
# value equal to $\rho$), $\rho < 1$ is then **sufficient** for vanishing, and
# $\rho > 1$ **necessary** for explosion, but not sufficient. The table
# confirms all three:

# %% slideshow={"slide_type": "fragment"}
above_1 = [key for key in factor if key[1] > 1]
print("every rho < 1 shrank the gradient:", all(f < 1 for (_, rho), f in factor.items() if rho < 1))
print("the gradient grew only where rho > 1:", all(rho > 1 for (_, rho), f in factor.items() if f > 1))
print(f"rho > 1, yet the gradient shrank: {sum(factor[key] < 1 for key in above_1)} of {len(above_1)} settings")

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Their conditions use the largest singular value of W_hh, which for a
# general matrix can exceed rho; for a scaled orthogonal W_hh the two are
# equal. The measurement adds how often the necessary condition falls short:
# with ordinary inputs a tanh RNN mostly meets the other problem.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Try it: the spectral radius and the input size
#
# The grey dashed line is $\rho^k$, a linear RNN. Find a setting where the
# gradient explodes, then see how large the inputs may grow before it
# vanishes again.

# %% slideshow={"slide_type": "fragment"}
gradient_flow_widget(rho=1.1, input_scale=1.0)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Gradient clipping: a seat belt for exploding gradients
#
# An exploded gradient moves the weights by an enormous step and wrecks
# training. **Clipping** caps the length of the whole gradient: if its global
# norm $\|g\|$ (over every weight array at once) exceeds a threshold $c$,
#
# $$g \leftarrow g \cdot \frac{c}{\|g\|} .$$
#
# The direction is kept; only the step is shortened.

# %% slideshow={"slide_type": "fragment"}
demo = {"W": np.array([3.0, 0.0]), "b": np.array([4.0])}          # global norm sqrt(9 + 16) = 5
clipped, norm = rnnkit.clip_by_global_norm(demo, max_norm=1.0)
print(f"norm before: {norm:.1f}; after: W = {clipped['W']}, b = {clipped['b']}, "
      f"norm {np.sqrt(sum((g ** 2).sum() for g in clipped.values())):.1f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Runs that blow up, and the same runs clipped
#
# A many-to-one RNN reads $T = 40$ random numbers and must output the sum of
# the **last three** (scaled to variance 1). Plain SGD, learning rate 0.2, 40
# epochs, 5 seeds each: $W_{hh}$ at spectral radius 1 (Keras' start) or 2,
# and radius 2 with `clip_norm=1.0`. We count outcomes.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Why outcomes, not losses: an exploding run is chaotic, so its digits depend
# on the order in which the CPU's BLAS kernel adds up products; even a
# clipped run's final loss moves by a factor of about 3 from kernel to kernel. The
# bins sit a factor of 3 or more from every value measured on three kernels.
# `rnnkit.train` stops a run whose loss overflows (`History.diverged`).
#
# </details>

# %% slideshow={"slide_type": "fragment"}
CLIP_SEEDS = range(5)
SETUPS = {"radius 1, no clipping": (1.0, None), "radius 2, no clipping": (2.0, None),
          "radius 2, clipped at 1": (2.0, 1.0)}


def clipping_run(radius, clip_norm, seed):
    """Train a many-to-one RNN (16 units) on the last-three-sum task; returns rnnkit's History."""
    data_rng = np.random.default_rng(seed)
    X_clip = data_rng.normal(size=(256, 40, 1))                          # (N, T, D)
    y_clip = X_clip[:, -3:, 0].sum(axis=1, keepdims=True) / np.sqrt(3)   # (N, 1), variance 1
    net = rnnkit.ManyToOne(1, 16, 1, seed=seed)
    net.params["W_hh"][:] = gradients.scale_to_spectral_radius(net.params["W_hh"], radius)
    return rnnkit.train(net, X_clip, y_clip, epochs=40, batch_size=32, optimizer=rnnkit.SGD(0.2),
                        clip_norm=clip_norm, seed=seed)


def outcome(history):
    """'blew up' (overflowed, or an epoch's mean loss above 100), 'trained' (last loss < 0.03),
    or 'in between'."""
    if history.diverged or max(history.loss) > 100:
        return "blew up"
    return "trained" if history.loss[-1] < 0.03 else "in between"


runs = {name: [clipping_run(radius, clip, seed) for seed in CLIP_SEEDS]
        for name, (radius, clip) in SETUPS.items()}
print(f"{len(CLIP_SEEDS)} seeds each    final loss < 0.03   in between   blew up*   largest |g| > 100")
for name, histories in runs.items():
    counts = [sum(outcome(h) == kind for h in histories) for kind in ("trained", "in between", "blew up")]
    large = sum(max(h.grad_norm) > 100 for h in histories)
    print(f"{name:24s} {counts[0]:17d} {counts[1]:12d} {counts[2]:9d} {large:19d}")
print("* blew up: an epoch's mean loss above 100, or an overflow. Always predicting 0 scores about 1.")
print("every clipped run's worst epoch below a loss of 10:",
      all(max(h.loss) < 10 for h in runs["radius 2, clipped at 1"]))

# %% slideshow={"slide_type": "subslide"}
fig, (ax_loss, ax_grad) = plt.subplots(1, 2, figsize=(14, 4.6))
ax_loss.set(yscale="log", ylim=(1e-3, 1e4))       # fixed limits, set first: a diverging run leaves the
ax_grad.set(yscale="log", ylim=(1e-1, 1e12))      # chart upwards, and its 1e300s would overflow autoscaling
plots.loss_curve({name: histories[0].loss for name, histories in runs.items()}, ax=ax_loss, log=True,
                 title="Training loss (seed 0)")
plots.loss_curve({name: histories[0].grad_norm for name, histories in runs.items()}, ax=ax_grad,
                 log=True, title="Largest gradient norm in each epoch (seed 0)")
ax_grad.set(ylabel=r"$\|g\|$ before clipping")
ax_grad.minorticks_off()
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# - Radius 1: every run trains; no gradient norm reaches 100.
# - Radius 2: every run meets gradients above 100, a step along one throws
#   the weights far away, and every run blows up.
# - Clipped: none blows up, though none trains as well in 40 epochs. Large
#   gradients still occur (right), but no step is longer than $0.2 \times 1$.
#
# Clipping treats exploding gradients. A vanished gradient is not clipped: it
# is just too small to teach anything.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Keras offers the same as optimizer arguments: clipnorm (per weight array)
# and global_clipnorm (what rnnkit does).
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. Why LSTM and GRU
#
# The **LSTM** (Hochreiter and Schmidhuber, 1997) changes the gradient's path. Its
# second state, the cell $c_t$, is updated by *adding*,
#
# $$c_t = f_t \odot c_{t-1} + i_t \odot g_t ,$$
#
# so a gradient going back **along** $c$ is multiplied at each step by the
# forget gate $f_t$ (between 0 and 1) and nothing else: no $W_{hh}$, no tanh
# slope. But $c_t$ also reaches the loss through $h_t$: the gradient reaching
# $c_t$ sums both paths. The **GRU** (Cho et al., 2014) does the same with
# one state; notebook 08 opens both. On section 3's inputs, 40 steps back:
# the $c$ path alone (the $f_t$ multiplied), and all that reaches $c_{T-40}$
# over all that reaches $c_T$:

# %% slideshow={"slide_type": "fragment"}
simple = rnnkit.SimpleRNN(input_size=4, hidden_size=16, output_size=1, seed=SEED)  # section 3's
lstm = rnnkit.LSTM(input_size=4, hidden_size=16, output_size=1, seed=SEED)        # Keras' start
along_h = gradients.gradient_norms_through_time(simple, X_long)
print("fraction of the gradient left 40 steps back")
print(f"{'':30s}{'mean f_t':>9s}{'c path alone':>14s}{'all paths':>11s}")
print(f"{'SimpleRNN, reaching h':30s}{'':23s}{along_h[40] / along_h[0]:11.1e}")
p_lstm = lstm.params
for bias in (1.0, 4.0):                                      # Keras' start, then the gate opened
    p_lstm["b"][16:32] = bias                                # b is [i f g o], 16 each: f's block
    all_paths = gradients.gradient_norms_through_time(lstm, X_long, along="c")   # |dL/dc_{T-k}|
    _, _, gates = rnnkit.lstm_forward(X_long, None, None, p_lstm["W_x"], p_lstm["W_h"], p_lstm["b"])
    f = gates[:, :, 16:32]                                   # the forget gates f_t: (N, T, H)
    c_alone = np.prod(f[:, -40:], axis=1).mean()             # f_T ... f_{T-39}: mean over N and H
    print(f"{f'LSTM, forget bias {bias:.0f}, reaching c':30s}{f.mean():9.2f}{c_alone:14.1e}"
          f"{all_paths[40] / all_paths[0]:11.1e}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Along $c$ alone the gradient can only shrink, by the forget gates
# multiplied: at Keras' start ($f_t$ near $\sigma(1) = 0.73$) to about what
# the SimpleRNN keeps; opened ($\sigma(4) = 0.98$) about half is left. With
# every path counted, $c$ keeps far more, and opened, $c_{T-40}$ even
# receives more than $c_T$ (above 1): earlier cell states also collect
# gradient through $h$. A path the gradient survives is not yet a memory that
# training finds: notebook 08 races the cells over several seeds.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - BPTT is backpropagation on the unrolled network, from step $T$ back to 1,
#   adding every step's share to the shared weights; numerical gradients agree.
# - Each step back multiplies the gradient by $(1 - h_t^2)$ and $W_{hh}^\top$:
#   $\rho < 1$ makes it vanish; $\rho > 1$ is needed to explode, not enough.
#   With ordinary inputs it mostly **vanishes**.
# - **Clipping** keeps exploding runs bounded; it cannot revive a vanished gradient.
# - **LSTM** and **GRU** carry the gradient along a gated, additive path.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## On your own
#
# **Exercise 1. Write the BPTT loop.** Put section 2's step inside a loop
# over the steps. `dHs` is what each output sends to its $h_t$ (computed in
# section 2); return what `rnnkit.rnn_backward` returns.

# %% slideshow={"slide_type": "fragment"}
def my_rnn_backward(dHs, X, h0, Hs, W_xh, W_hh):
    """dHs (N, T, H), X (N, T, D), h0 (N, H), Hs (N, T, H), W_xh (D, H), W_hh (H, H)
    -> dX (N, T, D), dh0 (N, H), dW_xh (D, H), dW_hh (H, H), db_h (H,)."""
    N, T, D = X.shape
    dX = np.zeros_like(X)
    dW_xh, dW_hh, db_h = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros(W_hh.shape[0])
    dh_next = np.zeros_like(h0)                 # (N, H): nothing flows back into h_T
    # your loop over the steps t (0 to T-1 in code), with h_prev = h0 before the first step:
    #   the gradient reaching h_t, through tanh, then this step's dX[:, t], its shares of
    #   dW_xh, dW_hh and db_h, and dh_next for the step before
    return dX, dh_next, dW_xh, dW_hh, db_h      # dh_next is dh0 once the loop is done


h0 = np.zeros((N, H))
_ = ex.check_bptt_loop(my_rnn_backward, dHs, X, h0, Hs, p["W_xh"], p["W_hh"])

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: section 2's step, from the last step back to the first.
def my_rnn_backward(dHs, X, h0, Hs, W_xh, W_hh):
    N, T, D = X.shape
    dX = np.zeros_like(X)
    dW_xh, dW_hh, db_h = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros(W_hh.shape[0])
    dh_next = np.zeros_like(h0)
    for t in range(T - 1, -1, -1):              # step T first: h_t needs h_{t+1}'s gradient
        h_prev = Hs[:, t - 1] if t > 0 else h0
        dh = dHs[:, t] + dh_next                # from the output y_t and from h_{t+1}
        da = dh * (1 - Hs[:, t] ** 2)           # through tanh
        dX[:, t] = da @ W_xh.T
        dW_xh += X[:, t].T @ da                 # every step adds its share
        dW_hh += h_prev.T @ da
        db_h += da.sum(axis=0)
        dh_next = da @ W_hh.T                   # on to h_{t-1}
    return dX, dh_next, dW_xh, dW_hh, db_h


_ = ex.check_bptt_loop(my_rnn_backward, dHs, X, h0, Hs, p["W_xh"], p["W_hh"])

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** Predict, then check: section 3's network with $W_{hh}$ at
# spectral radius 0.8 reads **tiny** inputs (size 0.01). Thirty steps back,
# is the gradient `"vanishing"` (below 1% of its size at $h_T$), `"exploding"`
# (above 100 times) or `"roughly kept"`?

# %% slideshow={"slide_type": "fragment"}
my_answer = None  # replace None with "vanishing", "exploding" or "roughly kept"

_ = ex.check_gradient_fate(my_answer, net.params, X_long, rho=0.8, input_size=0.01)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: tiny inputs keep tanh linear, so the gradient scales like 0.8**30, about 0.001.
my_answer = "vanishing"
_ = ex.check_gradient_fate(my_answer, net.params, X_long, rho=0.8, input_size=0.01)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** The same question with spectral radius 1.2 and **ordinary**
# inputs (size 1). A linear RNN would give $1.2^{30} \approx 240$.

# %% slideshow={"slide_type": "fragment"}
my_answer = None  # replace None with "vanishing", "exploding" or "roughly kept"

_ = ex.check_gradient_fate(my_answer, net.params, X_long, rho=1.2, input_size=1.0)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: ordinary inputs saturate tanh; the slopes 1 - h**2 (about 0.6 on average here) win
# over rho = 1.2, so the factor per step is below 1, as for rho = 1.1 and 1.5 in section 3's table.
my_answer = "vanishing"
_ = ex.check_gradient_fate(my_answer, net.params, X_long, rho=1.2, input_size=1.0)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 4.** Clip by hand: scale the gradients `g` so that their global
# norm (over both arrays together) is at most 2.

# %% slideshow={"slide_type": "fragment"}
g = {"W_hh": np.array([[4.0, 0.0], [2.0, 4.0]]), "b_h": np.array([8.0, 0.0])}

my_clipped_W_hh = None  # replace None with the clipped g["W_hh"]

_ = ex.check_clipped(my_clipped_W_hh, g, max_norm=2.0)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: the global norm is sqrt(16 + 4 + 16 + 64) = 10 > 2, so every array is scaled by 2 / 10.
norm = np.sqrt(sum((value ** 2).sum() for value in g.values()))
my_clipped_W_hh = g["W_hh"] * min(1.0, 2.0 / norm)
_ = ex.check_clipped(my_clipped_W_hh, g, max_norm=2.0)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 5 (open).** In section 4, try `clip_norm` = 0.1, 10 and 100 at
# radius 2. Which values still rescue the runs, and which slow learning down?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## Further reading
#
# - P. Werbos, "Backpropagation through time: what it does and how to do it",
#   *Proc. IEEE* 78 (1990).
# - Y. Bengio, P. Simard, P. Frasconi, "Learning long-term dependencies with
#   gradient descent is difficult", *IEEE Trans. Neural Networks* 5 (1994).
# - R. Pascanu, T. Mikolov, Y. Bengio, "On the difficulty of training
#   recurrent neural networks", ICML 2013: the conditions of section 3, and clipping.
# - S. Hochreiter, J. Schmidhuber, "Long short-term memory", *Neural
#   Computation* 9 (1997); K. Cho et al., EMNLP 2014: the GRU.
# - Goodfellow, Bengio, Courville, *Deep Learning* (2016), chapter 10.
#
# **Next:** notebook 06 trains the article's Keras SimpleRNN, fixed.
