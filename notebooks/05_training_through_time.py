# %% [markdown] slideshow={"slide_type": "slide"}
# # Train through time: BPTT, vanishing and exploding gradients
#
# **What you will do.** Write backpropagation through time (BPTT) by hand in
# NumPy and check it twice, against rnnkit and against numerical gradients;
# measure how the gradient shrinks or grows as it travels back through the
# steps of a sequence; watch training runs blow up and rescue them with
# gradient clipping; and see why the LSTM's cell state keeps a gradient that
# a SimpleRNN loses.
#
# **What you will learn.**
# - how the loss of a whole sequence is built from the loss of each step;
# - how BPTT walks the unrolled network backwards, and why every step adds
#   to the *same* weight gradients;
# - what *vanishing* and *exploding* gradients are, measured: the role of the
#   spectral radius of $W_{hh}$, and the role of tanh, which the usual story
#   leaves out;
# - what gradient clipping does and does not fix;
# - why gated cells (LSTM, GRU) keep a gradient over distances where a
#   SimpleRNN's vanishes.
#
# **What you need.** Notebook 02 (the cell $h_t = \tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h)$),
# notebook 03 (many-to-one and many-to-many models) and notebook 04 (training
# with `rnnkit.train`).
#
# **Time.** About 50 minutes. The notebook runs top to bottom in under half a minute.

# %% [markdown] slideshow={"slide_type": "notes"}
# The article stops where this notebook starts: it names BPTT and the
# vanishing gradient and leaves both for "an upcoming article". Everything here
# is measured, including one result that contradicts the common one-line
# story (a spectral radius above 1 does not by itself make gradients explode
# in a tanh RNN). Sections 2 and 3 are the core; section 5 is a short bridge
# to notebook 08, which opens the LSTM and the GRU.

# %% slideshow={"slide_type": "skip"}
import matplotlib.pyplot as plt
import numpy as np

import rnnkit
from rnnkit import diagrams, gradients, plots
from rnnkit.widgets.gradients import gradient_flow_widget

plots.use_style()
SEED = 0  # one fixed seed: the same weights, data and batch order, so the same printed numbers, on every run
rng = np.random.default_rng(SEED)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. One loss for a whole sequence
#
# A many-to-many RNN makes an output $y_t$ at every step, so it can make an
# error at every step. Training needs **one** number to make smaller, so we
# combine the per-step losses. With the mean squared error,
#
# $$L = \frac{1}{T} \sum_{t=1}^{T} L_t, \qquad
#   L_t = \frac{1}{N O} \sum_{n, o} \big(y_{t} - \text{target}_{t}\big)^2 ,$$
#
# the mean over steps of the mean over sequences and outputs. A many-to-one
# model (sentiment, notebook 03) is the special case where only the last step
# has a loss: $L = L_T$.

# %% [markdown] slideshow={"slide_type": "notes"}
# Sum or mean over steps only rescales the gradient (by T). Keras and rnnkit
# both take the mean, so a longer sequence does not mean a larger loss.

# %% slideshow={"slide_type": "fragment"}
N, T, D, H, O = 2, 5, 3, 4, 2                     # 2 sequences, 5 steps, 3 inputs, 4 hidden units, 2 outputs
model = rnnkit.ManyToMany(D, H, O, seed=SEED)     # a SimpleRNN with an output at every step
rnn = model.rnn
rnn.params["b_h"][:] = 0.1 * rng.normal(size=H)   # non-zero biases, so the checks below test them too
rnn.params["b_o"][:] = 0.1 * rng.normal(size=O)
X = rng.normal(size=(N, T, D))
targets = rng.normal(size=(N, T, O))

Y, Hs = rnn.forward(X)
loss, dY = rnnkit.mse(Y, targets)                 # dY: dL/dy_t for every step, shape (N, T, O)
step_losses = ((Y - targets) ** 2).mean(axis=(0, 2))
print("L_t for t = 1..5:", np.array2string(step_losses, precision=4, floatmode="fixed"))
print(f"mean of the L_t = {step_losses.mean():.4f}, rnnkit.mse = {loss:.4f}")
print("dY:", dY.shape, " (N, T, O): every step sends its own gradient back")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. Backpropagation through time
#
# Unroll the network (notebook 02): one column per step, the **same** weights
# in every column. The unrolled network is an ordinary feed-forward graph, so
# the ordinary chain rule trains it. BPTT is nothing more than backpropagation
# on this graph.
#
# Read every arrow backwards. The gradient that reaches $h_t$ comes from two
# places (purple below): from its output $y_t$ (down the $W_{oh}$ arrow) and
# from the next state $h_{t+1}$ (back along the $W_{hh}$ arrow). From $h_t$ it
# goes on down to $W_{xh}$ and $x_t$, and back to $h_{t-1}$. So the backward pass must
# start at the last step $T$ and walk to step 1: $h_t$ cannot be finished
# before $h_{t+1}$ is.

# %% [markdown] slideshow={"slide_type": "notes"}
# Trace one path on the board: y_3 -> h_3 -> h_2 -> h_1 -> W_xh. Every path
# from a loss back to W_hh passes through some number of W_hh arrows; the
# long paths are where vanishing and exploding gradients live.

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
# ### The backward step, by hand
#
# Write $a_t = x_t W_{xh} + h_{t-1} W_{hh} + b_h$, so $h_t = \tanh(a_t)$. Going
# back from $t = T$ to $t = 1$, with $dh_{\text{next}}$ the gradient arriving
# from step $t+1$ (zero at $t = T$):
#
# | gradient | formula | shape |
# |---|---|---|
# | reaching $h_t$ | $dh_t = dy_t W_{oh}^\top + dh_{\text{next}}$ | $(N, H)$ |
# | through tanh | $da_t = dh_t \odot (1 - h_t^2)$ | $(N, H)$ |
# | to the weights | $dW_{xh} \mathrel{+}= x_t^\top da_t$, $dW_{hh} \mathrel{+}= h_{t-1}^\top da_t$, $db_h \mathrel{+}= \sum_n da_t$ | as the weights |
# | to the previous state | $dh_{\text{next}} = da_t W_{hh}^\top$ | $(N, H)$ |
#
# The `+=` is the point of weight sharing: one $W_{hh}$ is used at every step,
# so its gradient is the **sum** of what every step contributes.

# %% slideshow={"slide_type": "subslide"}
p = rnn.params
h0 = np.zeros((N, H))
grads = {key: np.zeros_like(value) for key, value in p.items()}
grads["W_oh"] = np.einsum("nth,nto->ho", Hs, dY)         # sum over n and t of h_t^T dy_t
grads["b_o"] = dY.sum(axis=(0, 1))
dh_next = np.zeros((N, H))
for t in range(T - 1, -1, -1):                           # t = T-1 .. 0 in code is step T .. 1
    h_t = Hs[:, t]
    h_prev = Hs[:, t - 1] if t > 0 else h0
    dh = dY[:, t] @ p["W_oh"].T + dh_next                # from the output y_t and from h_{t+1}
    da = dh * (1 - h_t ** 2)                             # through tanh
    grads["W_xh"] += X[:, t].T @ da
    grads["W_hh"] += h_prev.T @ da
    grads["b_h"] += da.sum(axis=0)
    dh_next = da @ p["W_hh"].T                           # on to h_{t-1}

# %% slideshow={"slide_type": "fragment"}
rnn.forward(X)                                   # backward() uses the states stored by the last forward pass
rnnkit_grads = rnn.backward(dY)
for key in p:
    same = np.allclose(grads[key], rnnkit_grads[key])
    print(f"d{key:5s} {str(grads[key].shape):8s} matches rnnkit: {same}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### A second opinion: numerical gradients
#
# Agreeing with rnnkit proves the two codes agree, not that either is right.
# A numerical gradient needs no calculus: nudge one weight by $\pm\varepsilon$,
# rerun the forward pass, and see how the loss moves,
# $\frac{L(w + \varepsilon) - L(w - \varepsilon)}{2 \varepsilon}$.
# `rnnkit.check_gradients` does this for every weight and reports the relative
# error between the two gradients. Below about $10^{-7}$ they agree as well as
# finite differences in float64 can tell.

# %% slideshow={"slide_type": "fragment"}
errors = rnnkit.check_gradients(model, X, targets)
for key, error in errors.items():
    print(f"{key:5s} relative error below 1e-7: {error < 1e-7}   below 1e-8: {error < 1e-8}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# Every gradient passes, with room to spare. The exact digits of these errors
# are rounding, which changes from CPU to CPU, so we print only bounds.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Vanishing and exploding gradients, measured
#
# Put the loss on the **last** step only and follow one gradient vector back.
# Each step back does the same two things (the recursion of section 2 with
# no new $dy_t$ coming in):
#
# $$\frac{\partial L}{\partial h_{t-1}} = \Big(\frac{\partial L}{\partial h_t} \odot (1 - h_t^2)\Big) W_{hh}^\top .$$
#
# After $k$ steps the gradient has been multiplied by $k$ such factors. If
# tanh were not there (a linear RNN), that would be $W_{hh}^\top$ to the power
# $k$, which grows or shrinks like $\rho^k$, where $\rho$, the **spectral
# radius** of $W_{hh}$, is its largest absolute eigenvalue:
#
# - $\rho < 1$: the gradient from far away **vanishes** ($0.9^{40} \approx 0.015$);
# - $\rho > 1$: it **explodes** ($1.1^{40} \approx 45$, $1.5^{40} \approx 10^7$).
#
# That is the usual story. Let us measure what a real tanh RNN does.

# %% [markdown] slideshow={"slide_type": "notes"}
# The slope factor (1 - h_t^2) is at most 1, so tanh can only shrink the
# gradient further. Ask the room before the measurement: with rho = 1.1, does
# the gradient explode?

# %% [markdown] slideshow={"slide_type": "subslide"}
# `rnnkit.gradients` measures it. `scale_to_spectral_radius(W_hh, rho)` rescales
# $W_{hh}$ to a chosen $\rho$, and `gradient_norms_through_time(rnn, X)` returns
# $\|\partial L / \partial h_{T-k}\|$ for $k = 0, \dots, T-1$, averaged over the
# sequences, starting from a gradient of length 1 at $h_T$. So its value at
# $k$ *is* the fraction of the gradient that survives $k$ steps back.
#
# Our network has $H = 16$ units, Keras' starting weights and an orthogonal
# $W_{hh}$ (every eigenvalue on the unit circle, $\rho = 1$), and reads 32
# random sequences of $T = 50$ steps. We try two input sizes: tiny inputs
# (standard deviation 0.01), which keep every $h_t$ near 0 where tanh is
# almost linear, and ordinary inputs (standard deviation 1).

# %% slideshow={"slide_type": "fragment"}
T_LONG, RHOS, INPUT_SIZES, SHOWN = 50, (0.5, 0.9, 1.0, 1.1, 1.5, 3.0), (0.01, 1.0), (10, 20, 40)
net = rnnkit.SimpleRNN(input_size=4, hidden_size=16, output_size=1, seed=SEED)
X_long = rng.normal(size=(32, T_LONG, 4))
print(f"spectral radius of the starting W_hh: {gradients.spectral_radius(net.params['W_hh']):.4f}")

measured, slopes = {}, {}
for size in INPUT_SIZES:
    for rho in RHOS:
        cell = dict(net.params, W_hh=gradients.scale_to_spectral_radius(net.params["W_hh"], rho))
        measured[size, rho] = gradients.gradient_norms_through_time(cell, size * X_long)
        slopes[size, rho] = gradients.tanh_slopes(cell, size * X_long).mean()

# %% slideshow={"slide_type": "subslide"}
k = np.arange(T_LONG)
fig, axes = plt.subplots(1, 2, figsize=(14, 4.8), sharey=True)
for ax, size in zip(axes, INPUT_SIZES):
    plots.gradient_norms(k, {f"$\\rho$ = {rho}": measured[size, rho] for rho in RHOS}, ax=ax,
                         title=f"Inputs of size {size}")
    ax.set_ylim(1e-16, 1e8)
axes[1].set_ylabel("")
axes[1].get_legend().remove()
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# The same measurements as numbers: the fraction
# $\|\partial L/\partial h_{T-k}\| \,/\, \|\partial L/\partial h_T\|$ left after
# $k$ steps, next to the linear prediction $\rho^{40}$ and the mean slope of
# tanh, $\overline{1 - h_t^2}$.

# %% slideshow={"slide_type": "fragment"}
for size in INPUT_SIZES:
    print(f"inputs of size {size}:")
    print("   rho   k = 10    k = 20    k = 40  | rho^40    | mean tanh slope")
    for rho in RHOS:
        ratios = "  ".join(f"{measured[size, rho][d] / measured[size, rho][0]:8.1e}" for d in SHOWN)
        print(f"  {rho:4.1f}  {ratios} | {rho ** 40:8.1e}  | {slopes[size, rho]:.2f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# What the measurement says:
#
# - **Tiny inputs, $\rho \le 1$:** for $\rho = 0.5$ and $0.9$ the fraction is
#   $\rho^k$ to the digits shown ($0.5^{10} \approx 10^{-3}$,
#   $0.9^{40} \approx 1.5 \cdot 10^{-2}$); for $\rho = 1$ it stays near 1. Here
#   tanh is linear, and a scaled orthogonal matrix shrinks every vector by exactly $\rho$.
# - **Tiny inputs, $\rho > 1$:** the gradient grows, but far less than $\rho^k$:
#   about ten times over 40 steps for $\rho = 1.1$ and $1.5$, where the linear
#   rule says 45 and $10^7$. A $W_{hh}$ that stretches the gradient also
#   stretches the *state* on the way forward, until tanh saturates (mean slope
#   0.71 at $\rho = 1.5$), and the slopes $1 - h_t^2$ pull the gradient back down.
# - **Ordinary inputs:** the inputs alone push $h_t$ into the flat parts of
#   tanh (mean slope about 0.7), and every step back multiplies by those
#   slopes. With $\rho = 1.1$ the gradient still **vanishes**: after 40 steps
#   a few $10^{-5}$ of it are left. Even $\rho = 1.5$ shrinks it; only
#   $\rho = 3$ makes it grow.
#
# So "$\rho > 1$ explodes" is true only for a linear RNN. A tanh RNN mostly
# suffers the other problem: the gradient from far back fades, and what the
# network should learn from step 1 never reaches it.

# %% [markdown] slideshow={"slide_type": "notes"}
# The geometric decay rho^k holds exactly here because W_hh is a scaled
# orthogonal matrix (all singular values equal rho). For a general matrix the
# spectral radius gives the long-run rate, not the exact value at each k.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Try it: the spectral radius and the input size
#
# Move the spectral radius and the input size and watch the curve. The grey
# dashed line is $\rho^k$, what a linear RNN would do. Find a setting where the
# gradient explodes, and see how large the inputs may be before it vanishes
# again.

# %% slideshow={"slide_type": "fragment"}
# NBVAL_IGNORE_OUTPUT: a live widget; its output holds a new widget id on every run
gradient_flow_widget(rho=1.1, input_scale=1.0)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Gradient clipping: a seat belt for exploding gradients
#
# When a gradient does explode, one update moves the weights by an enormous
# step and training is wrecked. **Gradient clipping** caps the length of the
# whole gradient: if its global norm $\|g\|$ (over every weight array at once)
# exceeds a threshold $c$, it is scaled down to length $c$,
#
# $$g \leftarrow g \cdot \frac{c}{\|g\|} \quad\text{if } \|g\| > c .$$
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
# the **last three**, scaled to unit variance. The gradient flows back through
# all 40 steps. Plain SGD, learning rate 0.2, 40 epochs, three set-ups:
#
# - $W_{hh}$ starts at spectral radius 1 (Keras' default), no clipping;
# - radius 2, no clipping;
# - radius 2, `clip_norm=1.0`.
#
# Each runs on 5 seeds (new data and weights each time); we count outcomes.

# %% [markdown] slideshow={"slide_type": "notes"}
# Why outcomes and not loss values: an exploding run is chaotic. Its loss
# after 40 epochs depends on the order in which the CPU's BLAS kernel adds up
# products, so its digits differ from laptop to laptop; even a clipped run's
# final loss moves by a factor of 5 from kernel to kernel. The bins below sit
# far from every value we measured on three BLAS kernels (a factor of 3 or
# more on each side), so they are the same on every machine; the
# portability check in `make test` re-runs this notebook on other kernels.
# `rnnkit.train` stops early, with `History.diverged` set, when the loss
# overflows; such a run counts as blown up.

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
# - At radius 1, every run trains, and no gradient norm reaches 100.
# - At radius 2, every run meets gradients of norm above 100 (right: seed 0).
#   One SGD step along such a gradient throws the weights far away: every run
#   blows up, its loss passing 100 or overflowing.
# - Clipped, none of the same runs blows up, though none trains as well as at
#   radius 1 in 40 epochs. Large gradients still occur (right: the norm
#   *before* clipping), but no step is longer than $0.2 \times 1$.
#
# Clipping treats the symptom of exploding gradients. It does nothing for
# vanishing ones: a gradient that arrives as $10^{-6}$ of its size is not
# clipped, it is just too small to teach anything. That needs a different cell.

# %% [markdown] slideshow={"slide_type": "notes"}
# Keras offers the same thing as optimizer arguments: clipnorm (per weight
# array) and global_clipnorm (what rnnkit does).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. Why LSTM and GRU
#
# Clipping tames a gradient that explodes; nothing above brings back one that
# has vanished. The **LSTM** (Hochreiter and Schmidhuber, 1997) changes the
# path instead. It keeps a second state, the cell $c_t$, updated by *adding*:
#
# $$c_t = f_t \odot c_{t-1} + i_t \odot g_t ,$$
#
# so each step back along $c$ multiplies the gradient by the forget gate
# $f_t$ (a sigmoid between 0 and 1) and by nothing else: no $W_{hh}$, no tanh
# slope. The **GRU** (Cho et al., 2014) does the same with one state.
# Notebook 08 opens both, gate by gate. Here, one measurement on the inputs
# of section 3:

# %% slideshow={"slide_type": "fragment"}
simple = rnnkit.SimpleRNN(input_size=4, hidden_size=16, output_size=1, seed=SEED)  # section 3's
lstm = rnnkit.LSTM(input_size=4, hidden_size=16, output_size=1, seed=SEED)        # Keras' start
along_h = gradients.gradient_norms_through_time(simple, X_long)
along_c = gradients.gradient_norms_through_time(lstm, X_long, along="c")
lstm.params["b"][16:32] = 4.0                                                     # forget gate opened
opened = gradients.gradient_norms_through_time(lstm, X_long, along="c")
print("fraction of the gradient left 40 steps back")
print(f"  SimpleRNN, along h:              {along_h[40] / along_h[0]:.1e}")
print(f"  LSTM, forget bias 1, along c:    {along_c[40] / along_c[0]:.1e}")
print(f"  LSTM, forget bias 4, along c:    {opened[40] / opened[0]:.1e}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# The forget gate sets the slope: with Keras' start ($f_t$ near
# $\sigma(1) = 0.73$) the cell keeps more than the SimpleRNN, opened ($\sigma(4) = 0.98$)
# far more. A path the gradient survives is not yet a memory that training
# finds: that depends on how open the forget gate starts, and on the seed. Notebook 08
# races the cells over several seeds and says only what the spread allows.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - The loss of a sequence is the mean of the per-step losses; BPTT is plain
#   backpropagation on the unrolled network, walked from step $T$ back to 1,
#   adding every step's contribution to the shared weights.
# - Our hand-written backward pass matches rnnkit and numerical gradients.
# - Each step back multiplies the gradient by $(1 - h_t^2)$ and $W_{hh}^\top$. A
#   linear RNN would scale it by $\rho^k$; in a tanh RNN the slopes shrink it
#   further, so gradients mostly **vanish**, and explode only for large $\rho$
#   with unsaturated states.
# - **Gradient clipping** caps each update: runs that blew up at radius 2
#   stay bounded when clipped. It cannot bring back a vanished gradient.
# - **LSTM** and **GRU** carry the gradient along a gated, additive path
#   (notebook 08 opens them and races them over seeds).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## On your own
#
# **Exercise 1.** One backward step through tanh. At the last step of the
# model from section 2, the gradient reaching $h_T$ is `dh_T` below. Compute
# $da_T$, the gradient that reaches $a_T$ (before tanh).

# %% slideshow={"slide_type": "fragment"}
dh_T = dY[:, -1] @ rnn.params["W_oh"].T            # (N, H): only the output y_T feeds h_T
h_T = Hs[:, -1]

my_da = None  # replace None with your code, using dh_T and h_T

_ = rnnkit.check_array(my_da, rnnkit.activations.backprop("tanh", h_T, dh_T), "da_T")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: the derivative of tanh, written with its output h = tanh(a), is 1 - h**2.
my_da = dh_T * (1 - h_T ** 2)
_ = rnnkit.check_array(my_da, rnnkit.activations.backprop("tanh", h_T, dh_T), "da_T")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** Predict, then check: the network of section 3 with $W_{hh}$
# scaled to spectral radius 0.8 reads **tiny** inputs (size 0.01). Is the
# gradient 30 steps back `"vanishing"` (below 1 % of its size at $h_T$),
# `"exploding"` (above 100 times) or `"roughly kept"`?

# %% slideshow={"slide_type": "fragment"}
def verdict(rho, input_size, k=30):
    """What happens to the gradient k steps back in section 3's network."""
    cell = dict(net.params, W_hh=gradients.scale_to_spectral_radius(net.params["W_hh"], rho))
    norms = gradients.gradient_norms_through_time(cell, input_size * X_long)
    ratio = norms[k] / norms[0]
    return "vanishing" if ratio < 0.01 else "exploding" if ratio > 100 else "roughly kept"


my_answer = None  # replace None with "vanishing", "exploding" or "roughly kept"

_ = rnnkit.check_choice(my_answer, verdict(0.8, 0.01), "your prediction")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: tiny inputs keep tanh linear, so the gradient scales like 0.8**30 = 0.0012.
my_answer = "vanishing"
_ = rnnkit.check_choice(my_answer, verdict(0.8, 0.01), "your prediction")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** The same question with spectral radius 1.2 and **ordinary**
# inputs (size 1). The linear rule says $1.2^{30} \approx 240$.

# %% slideshow={"slide_type": "fragment"}
my_answer = None  # replace None with "vanishing", "exploding" or "roughly kept"

_ = rnnkit.check_choice(my_answer, verdict(1.2, 1.0), "your prediction")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: ordinary inputs saturate tanh; the slopes 1 - h**2 (about 0.65 on average) win over rho = 1.2.
my_answer = "vanishing"
_ = rnnkit.check_choice(my_answer, verdict(1.2, 1.0), "your prediction")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 4.** Clip by hand. Scale the gradients `g` so that their global
# norm (over both arrays together) is at most 2.

# %% slideshow={"slide_type": "fragment"}
g = {"W_hh": np.array([[6.0, 0.0], [0.0, 8.0]]), "b_h": np.array([0.0, 0.0])}

my_clipped_W_hh = None  # replace None with the clipped g["W_hh"]

_ = rnnkit.check_array(my_clipped_W_hh, rnnkit.clip_by_global_norm(g, 2.0)[0]["W_hh"], "the clipped W_hh")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: the global norm is sqrt(36 + 64 + 0) = 10 > 2, so every array is multiplied by 2 / 10.
norm = np.sqrt(sum((value ** 2).sum() for value in g.values()))
my_clipped_W_hh = g["W_hh"] * min(1.0, 2.0 / norm)
_ = rnnkit.check_array(my_clipped_W_hh, rnnkit.clip_by_global_norm(g, 2.0)[0]["W_hh"], "the clipped W_hh")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 5 (open).** In section 4, try `clip_norm` = 0.1, 10 and 100 at
# radius 2. Which values still rescue the runs, and which slow learning down?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## Further reading
#
# - Paul Werbos, "Backpropagation through time: what it does and how to do it",
#   *Proceedings of the IEEE* 78 (1990).
# - Yoshua Bengio, Patrice Simard and Paolo Frasconi, "Learning long-term
#   dependencies with gradient descent is difficult", *IEEE Transactions on
#   Neural Networks* 5 (1994): the vanishing gradient, first analysed.
# - Razvan Pascanu, Tomas Mikolov and Yoshua Bengio, "On the difficulty of
#   training recurrent neural networks", ICML 2013: exploding gradients and
#   clipping by norm.
# - Sepp Hochreiter and Jürgen Schmidhuber, "Long short-term memory", *Neural
#   Computation* 9 (1997); Felix Gers, Jürgen Schmidhuber and Fred Cummins,
#   "Learning to forget", *Neural Computation* 12 (2000): the forget gate.
# - Kyunghyun Cho et al., "Learning phrase representations using RNN
#   encoder-decoder for statistical machine translation", EMNLP 2014: the GRU.
# - Corentin Tallec and Yann Ollivier, "Can recurrent neural networks warp
#   time?", ICLR 2018: opening the gates at the start ("chrono initialisation").
# - Goodfellow, Bengio and Courville, *Deep Learning* (2016), sections 10.2.2,
#   10.7 and 10.10-10.11.
#
# **Next:** notebook 06 trains the article's Keras SimpleRNN, fixed, and tests
# its claim about larger data sets.
