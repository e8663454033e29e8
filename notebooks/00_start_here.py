# %% [markdown] slideshow={"slide_type": "slide"}
# # Start here: find your way around the course
#
# **What you will do.** Look at the map of the course, run your first cells,
# check your setup, and meet the two ideas the course is built on: data that
# comes as a *sequence*, and a network with a short-term *memory*.
#
# **What you will learn.**
# - what each notebook teaches, and in which order;
# - how to run cells, restart the kernel and use the widgets;
# - why prices, speech and sentences are all *sequences* $x_1, x_2, \dots, x_T$;
# - what "memory" means for a network: a state $h_t$ that carries the past forward.
#
# **What you need.** Nothing but this notebook, and the maths of "multiply and add".
#
# **Time.** About 10 minutes.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["colab-badge"]
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/00_start_here.ipynb)

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# A ten-minute warm-up for the whole group. Make sure everyone's environment
# check prints "Everything the course needs is installed" before moving on; the
# memory demo at the end is the hook for notebook 02, so leave it on screen a
# moment and ask how long the pulse is "remembered".
#
# </details>

# %% [markdown] slideshow={"slide_type": "skip"}
# The setup cell below loads the libraries and fixes the random seed. If it
# fails with `ModuleNotFoundError`, jump to **Check your environment** further
# down: it says what to install.

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
from rnnkit.course import plots
from rnnkit.course.exercises import start_here as ex
from rnnkit.data import random_walk
from rnnkit.lm import tokenize

plots.use_style()
SEED = 0  # one fixed seed: every run of this notebook draws the same "random" numbers

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The course map, part 1: from a neuron to a trained RNN
#
# Read the notebooks in order; each says at the top which earlier ones it needs.
#
# | # | Notebook | What it teaches | Minutes |
# |---|---|---|---|
# | 00 | [Start here](00_start_here.ipynb) | the map, running cells, sequences, "memory" | 10 |
# | 01 | [Feed-forward networks](01_feedforward.ipynb) | a neuron and a layer $y = \varphi(x W + b)$; where a net without memory fails | 30 |
# | 02 | [Recurrence](02_recurrence.ipynb) | the hidden state $h_t$, time steps, unrolled and folded diagrams, why tanh; the forward loop | 40 |
# | 03 | [Topologies](03_topologies.ipynb) | one-to-one, one-to-many, many-to-one, many-to-many, encoder-decoder, each trained; teacher forcing | 30 |
# | 04 | [The next word](04_next_word.ipynb) | words as vectors; an RNN trained to finish "How are you?", measured against a bigram | 30 |

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The arc: 01 shows the problem (no memory), 02 the fix (recurrence), 03 and
# 04 what a recurrent network can do. Part 2: 05 how it learns through time
# and why that is hard, 06 the source article's Keras example done right,
# 07 and 09 real work on real data (a book, a climate record), 08 the
# gated cells (LSTM and GRU) inside, which 09 puts to work too. Part 3: 10
# attention, which looks back instead of remembering (the road to
# Transformers), and 11 the RNNs that came back, trained in parallel.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## The course map, part 2: training, inside the cells, real work
#
# | # | Notebook | What it teaches | Minutes |
# |---|---|---|---|
# | 05 | [Training through time](05_training_through_time.ipynb) | backpropagation through time (BPTT); vanishing and exploding gradients; clipping | 40 |
# | 06 | [Keras regression](06_keras_regression.ipynb) | the article's Keras `SimpleRNN` on a random walk, fixed, its claims tested | 40 |
# | 07 | [Generate text](07_generate_text.ipynb) | a character-level RNN trained on Shakespeare by truncated BPTT, then a trained LSTM: where it beats counting, sampling with a temperature | 50 |
# | 08 | [Inside the LSTM](08_inside_the_lstm.ipynb) | the LSTM's gates and cell state, and the GRU's, matched to Keras; the memory they keep | 35 |
# | 09 | [Forecast CO2](09_forecast_co2.ipynb) | the Mauna Loa CO2 record: windows, a time-based split, honest baselines; four RNNs chosen on validation | 45 |

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## The course map, part 3: after the payoff
#
# | # | Notebook | What it teaches | Minutes |
# |---|---|---|---|
# | 10 | [Attention](10_attention.ipynb) | embeddings, a bidirectional encoder, attention against the context bottleneck; self-attention, the bridge to Transformers | 35 |
# | 11 | [Parallel RNNs](11_parallel_rnns.ipynb) | what in a GRU must wait; the minGRU and a parallel scan, raced against the GRU | 35 |

# %% [markdown] slideshow={"slide_type": "slide"}
# ## How to run a notebook
#
# A notebook is a list of *cells*: text cells like this one, and code cells
# with `In [ ]:` beside them.
#
# - **Shift+Enter** runs the selected cell and moves to the next. Go from the
#   top, one cell at a time: later cells use what earlier ones made.
# - **Run > Run All Cells** runs the whole notebook.
# - **Kernel > Restart Kernel and Run All Cells...** forgets everything and
#   starts afresh. Use it whenever the notebook behaves strangely.
# - `In [3]:` shows the order cells ran in; `In [*]:` means still running.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Widgets** are sliders and menus above a figure: move one and the figure
# redraws. They need a running notebook; a static copy (GitHub, an HTML
# export) shows only a picture of their starting state.
#
# **Exercises** ask you to replace `None` with your own code; the check below
# prints **Correct** or **Not yet** with a hint, never the answer. Solutions
# are in collapsed cells: click the three dots to open one.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# If people are new to Jupyter, do Shift+Enter together on the next cell. Stress
# restarting the kernel: most "it doesn't work" questions are cells run out of order.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Check your environment
#
# Most notebooks need only NumPy, matplotlib and ipywidgets; 06, 07, 08 and 09
# also use TensorFlow/Keras. The next cell checks that Python is 3.11 or newer,
# then looks for every library the course uses and prints its version. It only
# *looks* for TensorFlow and Keras (importing TensorFlow takes several
# seconds); the notebooks that use them import them.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Everyone should see the same versions: they are pinned in requirements.txt
# (the exact Python version differs from laptop to laptop, so the cell only
# says whether it is new enough). A "MISSING" line means the notebook was
# started outside the course's environment: `make lab` from the repository
# folder fixes it; on Colab or a JupyterHub the notebooks' first cells install
# what each needs.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
import importlib.metadata
import importlib.util
import sys


def installed_version(module, distributions):
    """The installed version of a module without importing it, or None if it is missing."""
    if importlib.util.find_spec(module) is None:
        return None
    for distribution in distributions:
        try:
            return importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            pass
    return "installed"


python_ok = sys.version_info >= (3, 11)     # the pinned numpy, matplotlib and keras need it
print("Python 3.11 or newer:", python_ok)
needed = {"numpy": ["numpy"], "matplotlib": ["matplotlib"], "ipywidgets": ["ipywidgets"],
          "rnnkit": ["rnnkit"], "tensorflow": ["tensorflow-cpu", "tensorflow"], "keras": ["keras"]}
missing = []
for module, distributions in needed.items():
    version = installed_version(module, distributions)
    print(f"{module:<12}{version or 'MISSING'}")
    if version is None:
        missing.append(module)

if not python_ok:
    print("\nThis Python is too old: install Python 3.11 (see the README), then `make lab`.")
if missing:
    print("\nMissing:", ", ".join(missing))
    print("In the course's folder: run `make lab` in a terminal (it installs everything and")
    print("opens JupyterLab). Elsewhere (Colab, a JupyterHub): each notebook's first cell")
    print("installs what that notebook needs; Keras and TensorFlow come with 06, 08 and 09.")
elif python_ok:
    print("\nEverything the course needs is installed.")

# %% [markdown] slideshow={"slide_type": "subslide"}
# All there? Then try a widget. It is one artificial neuron, which you will
# meet properly in notebook 01: move the **weight** slider and watch the curve
# get steeper or flip over. If you see a still picture without sliders, the
# cell has not run in this session: click it and press Shift+Enter.

# %% slideshow={"slide_type": "fragment"}
from rnnkit.course.widgets.neuron import neuron_widget

neuron_widget()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Sequences are everywhere
#
# Many kinds of data are not one thing but a *sequence* of things, where the
# order matters and each element is related to the ones before it:
#
# | data | one element $x_t$ | what we want |
# |---|---|---|
# | a stock price | the price on day $t$ | the price tomorrow |
# | speech | a few milliseconds of sound | the words being said |
# | translation | a word of the English sentence | the French sentence |
# | text generation | a word | the next word, again and again |
#
# *Sequence modelling* means learning patterns in such data to predict what
# comes next, or what the whole sequence means. We write a sequence as
# $x_1, x_2, \dots, x_T$: $t$ is the *time step*, $T$ the length.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Ask for other examples from the room (sensor readings, music, DNA, clicks on
# a web page). The point to land: order matters, and each x_t depends on earlier ones.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# A price-like series: each value is the previous one plus a small random step
# (a *random walk*, the data set of notebook 06). Three of them, from the same rule:

# %% slideshow={"slide_type": "fragment"}
walks, _ = random_walk(num_samples=3, sequence_length=201, noise=0.05, seed=SEED)
print("X has shape (N, T, D) =", walks.shape, ": 3 sequences of 200 steps, 1 value per step")

ax = plots.sequences(walks, n=3)
ax.set(title="Three random walks: each value = previous value + a small random step",
       ylabel="value (like a price)")
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# Each value is the one before plus a small step, so where the series goes
# next depends on where it is now. That dependence on the past is what a
# sequence model must use. (For a random walk, the last value is all of the
# past that helps: notebook 06 holds a network to exactly that.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# A sentence is a sequence too: of words (and punctuation marks), called *tokens*.

# %% slideshow={"slide_type": "fragment"}
tokens = tokenize("How are you?")
for t, token in enumerate(tokens, start=1):
    print(f"t = {t}:  x_{t} = {token!r}")
print("T =", len(tokens))

# %% [markdown] slideshow={"slide_type": "fragment"}
# Notebook 04 trains a network that reads these tokens one step at a time and
# predicts the next one: "how" → "are" → "you" → "?".

# %% [markdown] slideshow={"slide_type": "slide"}
# ## What "memory" means for a network
#
# To predict "?" after "how are you", a network must still know, at the
# last step, that the sentence began with "how". It needs a *state*: a few
# numbers $h_t$ that are updated at every step and carry information forward.
#
# The simplest state is a running sum that fades: keep half of the old state
# and add the new input,
#
# $$h_t = 0.5\, h_{t-1} + x_t, \qquad h_0 = 0.$$
#
# Feed it a single *pulse*: $x_t = 1$ at step 3 and 0 everywhere else.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# This is the central intuition of the course. Before running the cell, ask:
# at step 5, how much of the pulse is left? (0.25.) Then connect the 0.5 to
# W_hh in notebook 02 and to vanishing gradients in 05.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
T = 12
x = np.zeros(T)
x[2] = 1.0                     # the pulse at step t = 3 (index 2)


def running_state(x, decay):
    """h_t = decay * h_{t-1} + x_t for t = 1..T, starting from h_0 = 0."""
    h, states = 0.0, []
    for x_t in x:
        h = decay * h + x_t
        states.append(h)
    return np.array(states)


h = running_state(x, decay=0.5)
for t in range(1, T + 1):
    print(f"t = {t:2d}   x_t = {x[t - 1]:.0f}   h_t = {h[t - 1]:.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# After the pulse has gone, the state still holds it, halving at every step:
# $k$ steps later only $0.5^k$ is left. How long the memory lasts is set by the
# number in front of $h_{t-1}$:

# %% slideshow={"slide_type": "fragment"}
steps = np.arange(1, T + 1)
fig, ax = plots.new_figure(figsize=(8, 4))
ax.bar(steps, x, width=0.5, color=plots.COLORS["vermillion"], alpha=0.5, label="input $x_t$ (the pulse)")
for decay, color in [(0.5, plots.COLORS["blue"]), (0.9, plots.COLORS["green"])]:
    ax.plot(steps, running_state(x, decay), "o-", color=color, label=f"state $h_t$, decay {decay}")
ax.set(xlabel="time step t", ylabel="value", xticks=steps,
       title="The state remembers the pulse, then forgets it")
ax.legend()
plt.show()

pulse_only = np.zeros(100)
pulse_only[0] = 1.0
for decay in (0.5, 0.9):
    k = int(np.argmax(running_state(pulse_only, decay) < 0.01))   # steps until under 1% is left
    print(f"decay {decay}: {100 * running_state(x, decay)[-1]:5.2f}% of the pulse left at t = {T}; "
          f"under 1% after {k} steps")

# %% [markdown] slideshow={"slide_type": "subslide"}
# This is the idea a recurrent neural network makes *learnable*. Its state is a
# vector, and each step computes
#
# $$h_t = \tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h).$$
#
# With one hidden unit, $W_{xh} = 1$, $W_{hh} = 0.5$ and $b_h = 0$, that is our
# running state squashed by tanh. rnnkit's recurrent cell gives the same
# numbers as the loop below; in a real RNN, training chooses $W_{xh}$, $W_{hh}$
# and $b_h$, that is, *what* to remember and *for how long*.

# %% slideshow={"slide_type": "fragment"}
h_tanh, h_prev = [], 0.0
for x_t in x:
    h_prev = np.tanh(1.0 * x_t + 0.5 * h_prev + 0.0)
    h_tanh.append(h_prev)

X = x.reshape(1, T, 1)                                  # (N, T, D): one sequence, one value per step
Hs = rnnkit.rnn_forward(X, h0=np.zeros((1, 1)), W_xh=np.array([[1.0]]),
                        W_hh=np.array([[0.5]]), b_h=np.array([0.0]))
print("Hs has shape (N, T, H) =", Hs.shape)
print("matches rnnkit:", np.allclose(h_tanh, Hs[0, :, 0]))
print("h_t for t = 3..6:", np.array2string(Hs[0, 2:6, 0], precision=4))

# %% [markdown] slideshow={"slide_type": "subslide"}
# **A word on brains.** The source article says RNNs were inspired by the
# brain's short-term memory. Take that as a loose metaphor, not as a model of
# the brain. An RNN's "memory" is one vector of numbers, overwritten at every
# step by the same formula; it stores no separate episodes and fades at a rate
# its weights decide. Simple recurrent networks came out of research on how
# networks can learn from sequences (Jordan 1986, Elman 1990). Fading fast is a
# real weakness: notebook 05 shows why it makes long memories hard to learn
# (vanishing gradients), and notebook 08 how LSTM and GRU cells get around it.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - The course map lists the notebooks; read them in order.
# - Run cells with Shift+Enter; restart the kernel and run all when in doubt.
# - Prices, speech, translation and text are *sequences* $x_1, \dots, x_T$
#   whose elements depend on earlier ones.
# - A network remembers through a *state* $h_t$ computed from the new input
#   and the previous state. A fading sum forgets at a fixed rate; an RNN
#   learns its rate and what to keep.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Leave five minutes for the two exercises; the second prepares the idea of
# repeated multiplication behind vanishing gradients.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## On your own
#
# **Exercise 1.** The article's example sentence is "Jim is a young intelligent
# boy." How many time steps $T$ does it have after `tokenize`? Count by hand
# first, then replace `None` with your number.

# %% slideshow={"slide_type": "fragment"}
SENTENCE = "Jim is a young intelligent boy."
my_T = None  # replace None with your answer, a whole number

_ = ex.check_T(my_T, SENTENCE)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: tokenize splits off the full stop, so there are 6 words and 1 mark.
print(tokenize(SENTENCE))
my_T = len(tokenize(SENTENCE))
_ = ex.check_T(my_T, SENTENCE)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** With $h_t = 0.8\, h_{t-1} + x_t$ and a pulse $x_3 = 1$, what
# is $h_6$, three steps after the pulse? Write it as a Python expression.

# %% slideshow={"slide_type": "fragment"}
my_h6 = None  # replace None with your answer, e.g. 0.5 * 0.5

_ = ex.check_pulse_left(my_h6, x, decay=0.8, t=6)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: the pulse arrives at t = 3 whole; t = 4, 5 and 6 each multiply it by 0.8.
my_h6 = 0.8 ** 3
_ = ex.check_pulse_left(my_h6, x, decay=0.8, t=6)
print(f"the loop agrees: {np.isclose(my_h6, running_state(x, decay=0.8)[5])}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## Further reading
#
# - Jeffrey L. Elman, "Finding structure in time", *Cognitive Science* 14 (1990):
#   the simple recurrent network this course builds.
# - Andrej Karpathy, "The unreasonable effectiveness of recurrent neural
#   networks" (2015), a blog post full of examples of sequences RNNs can model.
# - *Dive into Deep Learning* (d2l.ai), chapter "Recurrent Neural Networks",
#   sections on sequence models.
#
# **Next:** notebook 01 builds a feed-forward network and shows exactly where
# it fails on sequences.
