# %% [markdown] slideshow={"slide_type": "slide"}
# # Train an RNN in parallel: the scan and the minGRU
#
# **What you will do.** Find what in a GRU must wait for the step before;
# build the minGRU, whose gates see only $x_t$; run its recurrence as a
# parallel scan; race it against the GRU on time, memory and text.
#
# **What you will learn.**
# - which products of a recurrent step can run for all steps at once;
# - linear recurrences, and the scan that computes them;
# - what the minGRU gives up for its speed, and where that shows;
# - where Mamba, RWKV and xLSTM stand beside it.
#
# **What you need.** Notebooks 05 (BPTT), 07 (the character model) and 08
# (the GRU, the memory task).
#
# **Time.** About 35 minutes.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["colab-badge"]
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/11_parallel_rnns.ipynb)

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Notebook 10 ends with Transformers dropping the loop. Since 2023 recurrent
# models came back as the main alternative to attention for long sequences:
# Mamba and other state-space models, RWKV, xLSTM, minGRU. They share one idea,
# a recurrence that is linear in h, so that training runs over all steps at
# once while generation still takes one small step per token. Everything here
# runs in NumPy on a CPU. Timings are marked "(timed)" and differ from machine
# to machine; every conclusion is printed as an outcome that does not.
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
import os

# One BLAS thread for NumPy (read when NumPy loads; a setting of yours wins): this notebook
# times loops against scans, and a second thread waiting for a busy core would blur that.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import platform
import time
from functools import partial
from timeit import repeat

import matplotlib.pyplot as plt
import numpy as np

import rnnkit
from rnnkit import datasets, lm, perplexity, scan
from rnnkit.cells.cell import input_part, time_major
from rnnkit.cells.gru import GRU, gru_forward
from rnnkit.cells.mingru import MinGRU, mingru_backward, mingru_forward, mingru_step
from rnnkit.course import plots
from rnnkit.course.exercises import parallel_rnns as ex

plots.use_style()
SEED = 0  # one fixed seed: the same weights and data, so the same printed numbers, on every run
rng = np.random.default_rng(SEED)


def seconds(work, repeats=3):
    """The CPU time of work(), in seconds: the shortest of a few runs. CPU time, because on a
    shared machine the wall clock also counts the turns of other programs."""
    return min(repeat(work, number=1, repeat=repeats, timer=time.process_time))


# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. What must wait
#
# Every gate of a GRU (notebook 08) reads $x_t W_x + h_{t-1} W_h + b$. The
# input's part needs no state: rnnkit's `gru_forward` computes it for all
# $T$ steps in one product before its loop (`rnnkit.cells.cell.input_part`).
# The state's part needs $h_{t-1}$, so step $t$ cannot start before step
# $t - 1$ has ended. We time both, per sequence, for growing $T$.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# rnnkit.cells.cell's docstring explains the layout: the input's part of every
# step is one matrix product before the loop, and only h_{t-1} @ W_h runs inside
# it. cuDNN and PyTorch do the same. Here H = 16, the size of the memory task
# in section 5, and a batch of N = 8 sequences.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
N, D, UNITS = 8, 2, 16
gru = GRU(D, UNITS, 1, seed=SEED)
W_x, W_h, b = gru.params["W_x"], gru.params["W_h"], gru.params["b"]
LENGTHS = (16, 64, 256, 1024)
loop, product = [], []
for T in LENGTHS:
    X = rng.normal(size=(N, T, D))
    loop.append(seconds(partial(gru_forward, X, None, W_x, W_h, b)) / N)
    product.append(seconds(partial(input_part, time_major(X), W_x, b[0])) / N)
print("CPU time per sequence: the forward pass, and of it the input's part for all T steps")
for T, whole, part in zip(LENGTHS, loop, product):
    print(f"  T = {T:4d}: {whole * 1e6:.1f} µs (timed), of it {part * 1e6:.2f} µs (timed)")
print("the input's part took under a tenth of the forward pass at every T:",
      all(part < whole / 10 for whole, part in zip(loop, product)))
print("1,024 steps took more than 16 times as long as 16 steps:", loop[-1] > 16 * loop[0])

# %% slideshow={"slide_type": "subslide"}
plots.times_against_length(LENGTHS, {"GRU forward pass": loop, "its input's part": product},
                           ylabel="CPU seconds per sequence",
                           title="What must wait: the GRU's loop over T")
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# The loop's time grows in proportion to $T$: $T$ small steps, each waiting
# for the one before, and no extra core can start one early. Attention
# (notebook 10) escapes by dropping the recurrence; the models of this
# notebook keep it, but make it **linear** in $h$.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. The minGRU: gates that see only $x_t$
#
# Feng et al. (2024) take the GRU and remove $h_{t-1}$ from its gate and its
# candidate, and with them the reset gate and the tanh:
#
# $$z_t = \sigma(x_t W_z + b_z), \qquad \tilde h_t = x_t W_h + b_h$$
#
# $$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$$
#
# $z_t$ and $\tilde h_t$ of all $T$ steps are now one product before any
# loop. (The paper's $z_t$ is the share of $h$ *replaced*; Keras' GRU in
# notebook 08 calls $z_t$ the share *kept*.)

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The paper's title asks "Were RNNs all we needed?". It also simplifies the
# LSTM the same way (minLSTM). One minGRU layer has 2 (D H + H) weights against
# the GRU's 3 (D H + H H) + 6 H: no H x H matrix at all. rnnkit's MinGRU is
# this cell in the same network class as SimpleRNN, LSTM and GRU, so layers=,
# embedding_size= and dropout= work as in notebooks 07 to 09.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# What is left to wait for,
#
# $$h_t = a_t \odot h_{t-1} + b_t, \qquad a_t = 1 - z_t, \quad b_t = z_t \odot \tilde h_t,$$
#
# is **linear** in $h$: no weight matrix, no squashing between $h_{t-1}$
# and $h_t$. Section 3 shows what that buys. First, the cell's weights
# beside the GRU's, with $D = 2$ inputs and $H = 4$ units:

# %% slideshow={"slide_type": "fragment"}
H = 4
small_gru, mingru = GRU(D, H, 1, seed=SEED), MinGRU(D, H, 1, seed=SEED)
for name, net in (("GRU", small_gru), ("minGRU", mingru)):
    weights = {key: value for key, value in net.params.items() if key not in ("W_oh", "b_o")}
    shapes = ", ".join(f"{key} {value.shape}" for key, value in weights.items())
    print(f"{name:6s} {shapes}: {sum(value.size for value in weights.values())} parameters")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The same cell, step by step and all at once
#
# `mingru_step` is the paper's three lines for one step: what generation
# runs, one token at a time, with a state of $H$ numbers. `mingru_forward`
# computes every gate at once and then the recurrence by a scan (section 3).

# %% slideshow={"slide_type": "fragment"}
X = rng.normal(size=(8, 50, D))
W_x, b = mingru.params["W_x"], mingru.params["b"]
h, steps = np.zeros((8, H)), []
for t in range(50):
    h, _ = mingru_step(X[:, t], h, W_x, b)          # one step: needs h_{t-1}
    steps.append(h)
Hs, Ks = mingru_forward(X, None, W_x, b)            # all 50 steps: gates at once, then a scan
gap = np.abs(np.stack(steps, axis=1) - Hs).max()
print(f"step by step against all at once, {Hs.size} values: largest difference below 1e-12: "
      f"{gap < 1e-12}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The backward pass is a scan too
#
# The gradient reaching $h_t$ is what reaches it directly plus what flows
# back from $h_{t+1}$: $g_t = \partial L / \partial h_t + a_{t+1} \odot g_{t+1}$.
# That is the same linear recurrence, run from $T$ down to 1:
# `rnnkit.scan.scan_backward` runs it by the scan, reversed in time.

# %% slideshow={"slide_type": "fragment"}
dHs = rng.normal(size=Hs.shape)
by_scan = mingru_backward(dHs, X, None, Hs, Ks, W_x)
by_loop = mingru_backward(dHs, X, None, Hs, Ks, W_x, parallel=False)
print("backward by the scan against by the loop, largest difference below 1e-12:",
      max(np.abs(s - lp).max() for s, lp in zip(by_scan, by_loop)) < 1e-12)
errors = rnnkit.check_gradients(mingru, X[:, :12], rng.normal(size=(8, 12, 1)))
print("against finite differences, every weight's relative error below 1e-6:",
      max(errors.values()) < 1e-6)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. A parallel scan
#
# Two steps of $h_t = a_t h_{t-1} + b_t$ make one step of the same form:
#
# $$h_t = a_t (a_{t-1} h_{t-2} + b_{t-1}) + b_t = (a_t a_{t-1})\, h_{t-2} + (a_t b_{t-1} + b_t)$$
#
# So pairs $(a, b)$ combine in any grouping, as numbers in a sum do. In round
# 1 every step takes in the pair one step back, at once; in round 2 the pair
# two back; then four. After $\lceil \log_2 T \rceil$ rounds every pair
# starts at step 1, and its $b_t$ is $h_t$.

# %% slideshow={"slide_type": "fragment"}
plots.scan_diagram(8)
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# This is Hillis and Steele's scan (1986): T log2 T combinations in log2 T
# rounds. Blelloch's (1990) needs only about 2 T combinations in 2 log2 T
# rounds. A round is rnnkit.scan.doubling_step, which exercise 2 asks the
# students to write: for t >= k, a_t' = a_t a_{t-k} and b_t' = a_t b_{t-k} + b_t.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# `rnnkit.scan.parallel_scan` runs the rounds; `linear_recurrence` is the loop.
# The same $a_t \in (0, 1)$ and $b_t$, 1,000 steps:

# %% slideshow={"slide_type": "fragment"}
A, B = rng.uniform(0.0, 1.0, size=(4, 1000, 8)), rng.normal(size=(4, 1000, 8))
gap = np.abs(scan.parallel_scan(A, B) - scan.linear_recurrence(A, B)).max()
print(f"scan against loop, T = 1,000: largest difference below 1e-12: {gap < 1e-12}")
print("\n        T   steps of the loop   rounds of the scan")
for T in (10, 100, 10_000, 1_000_000):
    print(f"{T:>9,d}   {T:>17,d}   {scan.scan_rounds(T):>18d}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Rounds are not seconds
#
# A round does the work of all $T$ steps. We time the loop and the scan on
# this CPU, with few and with many numbers per step ($N \times H$):

# %% slideshow={"slide_type": "fragment"}
won = {}
for N_seq, H_units, T in ((1, 16, 4096), (16, 64, 512)):
    A = rng.uniform(0.0, 1.0, size=(N_seq, T, H_units))
    B = rng.normal(size=(N_seq, T, H_units))
    by_loop = seconds(partial(scan.linear_recurrence, A, B))
    by_scan = seconds(partial(scan.parallel_scan, A, B))
    print(f"N H = {N_seq * H_units:5,d} numbers per step, T = {T:,}: loop "
          f"{by_loop * 1e3:.1f} ms (timed), scan {by_scan * 1e3:.1f} ms (timed)")
    won[N_seq * H_units] = "scan" if by_scan < by_loop else "loop"
print("faster with 16 numbers per step:", won[16], "; with 1,024:", won[1024])

# %% [markdown] slideshow={"slide_type": "fragment"}
# With 16 numbers a step leaves the machine idle, and 12 rounds beat 4,096
# steps. With 1,024 each step keeps the CPU busy already, and the scan's
# extra arithmetic ($T \log_2 T$ instead of $T$) costs more than the waiting
# it saves. A GPU has thousands of cores: a round costs little more than a
# step. That is how the paper reports a minGRU training 175 times faster
# than a GRU at $T = 512$, on a GPU.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Why the paper works in log space
#
# The paper computes its scan with cumulative sums: with
# $a^*_t = a_1 \cdots a_t$, $h_t = a^*_t (h_0 + \sum_{k \le t} b_k / a^*_k)$.
# Written so, it fails: a product of many gates underflows.

# %% slideshow={"slide_type": "fragment"}
gates = np.full(1100, 0.5)
product = np.prod(gates)
with np.errstate(divide="ignore"):
    print(f"a_1 ... a_1100 with every a_t = 0.5, in float64: {product}; one over it: "
          f"{1 / product}")
print(f"its logarithm, a sum: {np.log(gates).sum():.1f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# So the paper works in log space: $\log a^*_t$ is a sum that never
# underflows, and the terms are added by log-sum-exp. The doubling scan never
# divides: a product that rounds to 0 only multiplies what is in fact
# forgotten.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# For log space the paper also keeps h~_t positive (g(x) = x + 0.5 for x >= 0,
# sigmoid(x) below), so that log h~_t exists. rnnkit writes the minGRU as the
# paper's plain form, h~_t = x_t W_h + b_h, and runs it with the doubling scan,
# which needs neither. The log-space scan is Heinsen's ("Efficient
# parallelization of a ubiquitous sequential computation", arXiv:2311.06281,
# 2023). Martin and Cundy (2018) parallelise linear recurrences with a scan on
# GPUs.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Measured: a training epoch against $T$
#
# One epoch on this CPU: 32 sequences of the memory task (section 5) in
# one batch, $H = 16$. The GRU trains by BPTT, a loop forward and a loop
# back; the minGRU by a scan forward and a scan back.

# %% slideshow={"slide_type": "fragment"}
EPOCH_LENGTHS = (32, 128, 512)
epoch = {"GRU": [], "minGRU": []}
for T in EPOCH_LENGTHS:
    X, labels = rnnkit.data.memory_task(32, T, seed=SEED)
    for name, network in (("GRU", GRU), ("minGRU", MinGRU)):
        model = rnnkit.ManyToOne(2, UNITS, 2, seed=SEED, cell=network)
        one_epoch = partial(rnnkit.train, model, X, labels, loss="softmax_cross_entropy",
                            batch_size=32, epochs=1, seed=SEED)
        epoch[name].append(seconds(one_epoch, repeats=2))
print("CPU time of one epoch")
for T, gru_s, min_s in zip(EPOCH_LENGTHS, epoch["GRU"], epoch["minGRU"]):
    print(f"  T = {T:3d}: GRU {gru_s * 1e3:.1f} ms (timed), minGRU {min_s * 1e3:.1f} ms (timed)")
print("the minGRU's epoch was the shorter at every T:",
      all(m < g for g, m in zip(epoch["GRU"], epoch["minGRU"])))

# %% slideshow={"slide_type": "subslide"}
cpu = platform.processor() or platform.machine()       # the figure names the CPU it ran on
if os.path.exists("/proc/cpuinfo"):
    with open("/proc/cpuinfo") as info:
        cpu = next((line.split(":")[1].strip() for line in info if line.startswith("model name")),
                   cpu)
plots.times_against_length(EPOCH_LENGTHS, epoch, ylabel="CPU seconds per epoch",
                           ratio=("GRU", "minGRU"),
                           title=f"An epoch on {cpu} ({os.cpu_count()} cores), GRU / minGRU")
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# The minGRU's epoch is the shorter: its steps skip the product with $W_h$,
# and its backward pass too. By how much depends on the machine (the ratios
# in the figure): nowhere near the paper's 175 on a GPU, since a CPU cannot
# do a round of the scan at the cost of a step.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# When this notebook was written (a shared 2-core AMD EPYC, one BLAS thread),
# the ratio was about 3 to 4 at every T. Part of the gain is the missing
# H x H product in every step, which helps on any machine; part is the scan,
# whose rounds pay on a CPU only where a step is small (section 3).
# `make bench` (tools/bench.py) measures the same at T = 512.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. Quality: does the gate keep a value across 30 steps?
#
# Notebook 08's memory task: an item, $+1$ or $-1$, at step 1, then 29 steps
# of loud noise; at step 30, say whether it was $+1$. The set-up is 08's: 16
# units, 1,024 training sequences, batches of 64, Adam 0.03, gradients clipped
# to 1, and the gate opened at the start, so that $h$ is kept. Each cell
# trains 3 epochs from 3 seeds.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Opened means: the GRU's z (the share kept, Keras' convention) starts near 1,
# with an input bias of +4; the minGRU's z (the share replaced, the paper's)
# near 0, with a bias of -4. Notebook 08 showed that an LSTM started with its
# forget gate barely open rarely learns this task in a few epochs; exercise 4
# tries the half-open start here.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
DISTANCE, SEEDS, EPOCHS = 30, range(3), 3


def memory_run(network, seed):
    """Train a one-layer network on the memory task: the test accuracy after each epoch, and
    the CPU seconds the training took."""
    data = np.random.default_rng(seed)
    X_train, y_train = rnnkit.data.memory_task(1024, DISTANCE, seed=data)
    X_test, y_test = rnnkit.data.memory_task(500, DISTANCE, seed=data)
    model = rnnkit.ManyToOne(2, UNITS, 2, seed=seed, cell=network)
    if network is GRU:
        model.params["b"][0, :UNITS] = 4.0       # z_t near 1: keep h_{t-1}
    else:
        model.params["b"][:UNITS] = -4.0         # z_t near 0: keep h_{t-1}
    adam, accuracies, spent = rnnkit.Adam(0.03), [], 0.0
    for epoch in range(EPOCHS):
        start = time.process_time()
        rnnkit.train(model, X_train, y_train, loss="softmax_cross_entropy", epochs=1,
                     batch_size=64, optimizer=adam, clip_norm=1.0, seed=seed + epoch)
        spent += time.process_time() - start
        accuracies.append(np.mean(model.forward(X_test).argmax(axis=1) == y_test))
    return accuracies, spent


memory = {name: [memory_run(network, seed) for seed in SEEDS]
          for name, network in (("GRU", GRU), ("minGRU", MinGRU))}

# %% slideshow={"slide_type": "subslide"}
print(f"test accuracy at d = {DISTANCE}, mean of {len(SEEDS)} seeds")
print("         after epoch " + "".join(f"{e:6d}" for e in range(1, EPOCHS + 1))
      + "   CPU time, 3 epochs")
for name, runs in memory.items():
    means = np.mean([accuracies for accuracies, _ in runs], axis=0)
    spent = np.mean([seconds_spent for _, seconds_spent in runs])
    print(f"  {name:18s}" + "".join(f"{m:6.2f}" for m in means) + f"   {spent:.2f} s (timed)")
for name, runs in memory.items():
    print(f"{name}: test accuracy at least 0.9 after {EPOCHS} epochs, in every seed:",
          all(accuracies[-1] >= 0.9 for accuracies, _ in runs))

# %% [markdown] slideshow={"slide_type": "fragment"}
# Both cells keep the item across 30 steps: after 3 epochs every seed of
# each reads it back. The GRU got there in fewer epochs (the means after
# epoch 2); a minGRU epoch cost less CPU time.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Why a gate that sees only x_t suffices here: the only thing to keep is the
# item, which arrives at step 1 on its own channel, so the gate can open on
# the input alone and stay shut on the noise. Tasks whose gate must depend on
# what the state already holds are harder for it: a stack of minGRU layers,
# or a true recurrence, is needed there (see section 7's notes).
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Quality: Shakespeare, one character at a time
#
# Notebook 07's character model, small enough for this notebook: its
# training text and held-out tail, 16 streams, chunks of 32 characters,
# $H = 64$, Adam 0.01, gradients clipped to 5. Each model trains from 3 seeds;
# we score it on 10,000 held-out characters.
#
# - a GRU, 40 updates;
# - a minGRU, 40 updates, then on to 90;
# - two minGRU layers, 40 updates.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# One minGRU layer is linear in h: whatever it remembers, it adds up with
# weights set by its gates. Stacking puts a non-linear function between one
# layer's h and the next, as the paper's models do (with more machinery
# between the layers than rnnkit's plain stack). 90 updates of the minGRU took about as much CPU
# time as 40 of the GRU when this notebook was written; the printed times say
# how it is on your machine.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
text = datasets.tiny_shakespeare()
vocab = lm.Vocabulary.of_characters(text)
V, tokens = len(vocab), vocab.encode(text)
training, held_out = tokens[:-70_002], tokens[-50_001:]               # 07's split
held_streams = lm.split_streams(held_out[:10_001], 10)                # 10,000 predictions
inputs, targets = lm.stream_batches(training, N=16, T=32)
CHAR_UNITS, SHORT, LONG = 64, 40, 90


def char_run(network, layers, checkpoints, seed):
    """Train by truncated BPTT, the state carried: (held-out perplexity, CPU seconds so far)
    at each number of updates in checkpoints."""
    model = network(V, CHAR_UNITS, V, seed=seed, layers=layers)
    adam, state, done, spent, results = rnnkit.Adam(0.01), None, 0, 0.0, []
    for stop in checkpoints:
        start = time.process_time()
        _, state = lm.train_streams(model, inputs[done:stop], targets[done:stop], adam, state,
                                    clip_norm=5.0)
        spent += time.process_time() - start
        results.append((perplexity(lm.cross_entropy(model, held_streams, chunk=100)), spent))
        done = stop
    return results


runs = {("GRU", SHORT): [], ("minGRU", SHORT): [], ("minGRU", LONG): [],
        ("minGRU, 2 layers", SHORT): []}
for seed in SEEDS:
    runs["GRU", SHORT] += char_run(GRU, 1, [SHORT], seed)
    short, long = char_run(MinGRU, 1, [SHORT, LONG], seed)
    runs["minGRU", SHORT].append(short)
    runs["minGRU", LONG].append(long)
    runs["minGRU, 2 layers", SHORT] += char_run(MinGRU, 2, [SHORT], seed)

# %% slideshow={"slide_type": "subslide"}
print("model              updates   CPU time         held-out perplexity: mean (lowest, highest)")
for (name, updates), results in runs.items():
    scores, times = np.array(results).T
    print(f"{name:18s} {updates:8d}   {times.mean():.2f} s (timed)    {scores.mean():6.2f} "
          f"({scores.min():.2f}, {scores.max():.2f})")
scores = {key: np.array([score for score, _ in results]) for key, results in runs.items()}
print("\nin every seed:")
print("  GRU below minGRU, both 40 updates:",
      all(scores["GRU", SHORT] < scores["minGRU", SHORT]))
print("  two minGRU layers below one, both 40 updates:",
      all(scores["minGRU, 2 layers", SHORT] < scores["minGRU", SHORT]))
print("  minGRU with 90 updates below GRU with 40:",
      all(scores["minGRU", LONG] < scores["GRU", SHORT]))

# %% [markdown] slideshow={"slide_type": "subslide"}
# - **Same updates:** the GRU beats one minGRU layer in every seed. Its gates
#   see $h_{t-1}$; the minGRU's see only $x_t$.
# - **Depth:** two minGRU layers beat one in every seed. One layer is linear
#   in $h$; a second one reads the first through a non-linear gate. They
#   still trail the GRU on average.
# - **Same CPU time** (on this CPU, the times above): 90 minGRU updates
#   beat 40 GRU updates in every seed.
#
# These runs last a fraction of a second, early in training. Which cell is
# better after hours, they cannot say.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. The family: what each keeps linear
#
# | model | linear in its state | what it buys |
# |---|---|---|
# | minGRU (Feng et al., 2024) | $h_t = (1 - z_t) h_{t-1} + z_t \tilde h_t$ | a GRU trained by a scan |
# | Mamba (Gu and Dao, 2023) | $h_t = \bar A_t h_{t-1} + \bar B_t x_t$, its step size chosen by $x_t$ | a state-space model that selects what to keep |
# | RWKV (Peng et al., 2023) | a sum of keys times values, fading at a learned rate per channel | trains like a Transformer, generates like an RNN |
# | xLSTM (Beck et al., 2024) | mLSTM: a matrix memory $C_t = f_t C_{t-1} + i_t v_t k_t^\top$ | an LSTM with a larger state and exponential gates |
#
# All four train over all $T$ steps at once and generate with a state of
# fixed size: one step per token, however long the text.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Mamba's A is diagonal, and its discretisation step Delta_t, B_t and C_t are
# computed from x_t ("selective"); its scan runs in the GPU's fast memory. Its
# successor Mamba-2 (Dao and Gu, 2024) shows such models as a form of
# attention. RWKV's "WKV" is a weighted sum of values with weights that decay
# exponentially with distance, computable as a recurrence or in parallel.
# xLSTM has two cells: mLSTM (parallel, like linear attention with gates) and
# sLSTM, which keeps a true non-linear recurrence and so trains step by step.
# The price of linearity: with gates in (0, 1) these models cannot track some
# states, such as the parity of a bit string, in one layer (Merrill, Petty and
# Sabharwal, "The illusion of state in state-space models", ICML 2024; Grazzi
# et al., ICLR 2025, allow negative gates to fix it).
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - In a GRU only $h_{t-1} W_h$ must wait; the input's part is one product
#   for all steps.
# - A recurrence linear in $h$, $h_t = a_t \odot h_{t-1} + b_t$, runs as a
#   scan in $\lceil \log_2 T \rceil$ rounds, and so does its backward pass.
# - The minGRU's gates see only $x_t$: one product for them all, then a scan.
#   Step by step it is the same cell, and generation runs it that way.
# - Rounds are not seconds: on a CPU the scan wins only when steps are small;
#   a GPU turns rounds into speed.
# - Over 3 seeds the GRU learned more per update, on both tasks; on text the
#   minGRU learned more per CPU second, and a second layer helped it.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## On your own
#
# **Exercise 1.** Write the minGRU step. Fill in `my_mingru_step` so that it
# returns $h_t$; the check compares it with rnnkit's `mingru_step` on random
# inputs. $W_x$ holds $z$'s block first, then the candidate's.

# %% slideshow={"slide_type": "fragment"}
def my_mingru_step(x_t, h_prev, W_x, b):
    """x_t (N, D), h_prev (N, H), W_x (D, 2H), b (2H,) -> h_t (N, H)."""
    return None  # replace with your code: x_t @ W_x + b cut in two, z_t and h~_t, then h_t


_ = ex.check_mingru_step(my_mingru_step)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: one product for both blocks, cut in the order z, h~; then the paper's update.
def my_mingru_step(x_t, h_prev, W_x, b):
    a_z, a_h = np.split(x_t @ W_x + b, 2, axis=1)
    z = 1 / (1 + np.exp(-a_z))
    return (1 - z) * h_prev + z * a_h


_ = ex.check_mingru_step(my_mingru_step)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** Write one round of the scan. `my_doubling_step(A, B, k)`
# returns new arrays `(A_new, B_new)`: every step $t \ge k$ takes in the pair
# $k$ steps before it (section 3's formula, with $t - 1$ replaced by
# $t - k$); the first $k$ pairs stay as they are. Leave `A` and `B` unchanged.

# %% slideshow={"slide_type": "fragment"}
def my_doubling_step(A, B, k):
    """A, B (N, T, H): the pairs (a_t, b_t), time on axis 1; k >= 1 -> (A_new, B_new)."""
    A_new, B_new = A.copy(), B.copy()
    # your code: fill A_new[:, k:] and B_new[:, k:] from A and B
    return None  # replace with: return A_new, B_new


_ = ex.check_doubling_step(my_doubling_step)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: both lines read the pairs as they were before the round; A[:, :-k] is the pair
# k steps back of A[:, k:].
def my_doubling_step(A, B, k):
    A_new, B_new = A.copy(), B.copy()
    A_new[:, k:] = A[:, k:] * A[:, :-k]
    B_new[:, k:] = A[:, k:] * B[:, :-k] + B[:, k:]
    return A_new, B_new


_ = ex.check_doubling_step(my_doubling_step)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** Predict, then check: how many rounds does
# `scan.parallel_scan` take for $T = 1{,}024$ steps? (The loop takes 1,024.)

# %% slideshow={"slide_type": "fragment"}
my_rounds = None  # a whole number

_ = ex.check_scan_rounds(my_rounds, T=1024)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: the rounds use k = 1, 2, 4, ..., 512, each below T: ten doublings, and
# 2^10 = 1,024 steps covered.
my_rounds = 10
_ = ex.check_scan_rounds(my_rounds, T=1024)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 4 (open).** In section 5, start both gates half open (leave
# the biases at 0, Keras' start) and train for 6 epochs. Then give the
# memory task $d = 100$. In section 6, train both cells twice as long. What
# do the tables say, and what do they not?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## Further reading
#
# - Leo Feng, Frederick Tung, Mohamed Osama Ahmed, Yoshua Bengio and Hossein
#   Hajimirsadeghi, "Were RNNs all we needed?", arXiv:2410.01201 (2024).
# - Albert Gu and Tri Dao, "Mamba: linear-time sequence modeling with
#   selective state spaces", arXiv:2312.00752 (2023).
# - Bo Peng et al., "RWKV: reinventing RNNs for the Transformer era",
#   Findings of EMNLP 2023.
# - Maximilian Beck et al., "xLSTM: extended long short-term memory",
#   NeurIPS 2024.
# - Guy Blelloch, "Prefix sums and their applications", CMU-CS-90-190 (1990).
# - Eric Martin and Chris Cundy, "Parallelizing linear recurrent neural
#   nets over sequence length", ICLR 2018.
# - W. Daniel Hillis and Guy Steele, "Data parallel algorithms",
#   *Communications of the ACM* 29 (1986).
#
# **Next:** back to the course map in notebook 00.
