"""The course's benchmark: run time, memory, NumPy against Keras, widgets, import.

    python tools/bench.py            # everything (several minutes), prints one table
    python tools/bench.py --smoke    # tiny sizes, checks that every part still runs

Timings on a shared machine are noisy: every figure is a median of repeated
runs, and rnnkit and Keras are compared within one run of this script.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from measure import budget, execute, machine  # noqa: E402

import rnnkit  # noqa: E402

ROWS = []          # (section, what, measured, target, ok)
SMOKE = False      # --smoke: tiny sizes, so targets are not judged


def row(section, what, measured, target="", ok=None):
    ok = None if SMOKE else ok
    ROWS.append((section, what, measured, target, ok))
    mark = "" if ok is None else ("  ok" if ok else "  MISSED")
    print(f"[{section}] {what}: {measured} {('(target ' + target + ')') if target else ''}{mark}",
          flush=True)


def median_time(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


# 1. notebooks ---------------------------------------------------------------------------

# Run-time targets: 20% inside each notebook's budget (tools/measure.py: 15 s, or 30 s for a
# heavy one), so that a slower CPU still meets the budget; the whole course within 150 s.
MARGIN, COURSE_S = 0.8, 150


def bench_notebooks():
    total = 0.0
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        run = execute(path)
        total += run.seconds
        limits = budget(path)
        limit_s = round(MARGIN * limits.seconds)
        row("notebooks", f"{run.name} run time", f"{run.seconds:.1f} s", f"<= {limit_s} s",
            run.seconds <= limit_s and not run.errors)
        row("notebooks", f"{run.name} kernel peak memory", f"{run.peak_mb:.0f} MB",
            f"<= {limits.peak_mb} MB", run.peak_mb <= limits.peak_mb)
    limit_s = round(MARGIN * COURSE_S)
    row("notebooks", "whole course", f"{total:.1f} s", f"<= {limit_s} s", total <= limit_s)


# 2. rnnkit against Keras on the article's regression ------------------------------------

def keras_fit(X, y, epochs, seed=0):
    keras = rnnkit.keras_bridge.import_keras()
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input(shape=(None, 1)),
                              keras.layers.SimpleRNN(64, activation="tanh"),
                              keras.layers.Dense(1)])
    model.compile(loss="mean_squared_error", optimizer=keras.optimizers.Adam(learning_rate=1e-3))
    model.fit(X, y, epochs=epochs, batch_size=32, verbose=0)
    return float(model.evaluate(X, y, verbose=0))


def rnnkit_fit(X, y, epochs, seed=0):
    model = rnnkit.ManyToOne(1, 64, 1, seed=seed, dtype=np.float32)
    rnnkit.train(model, X, y[:, None], epochs=epochs, batch_size=32,
                 optimizer=rnnkit.Adam(1e-3), seed=seed)
    return rnnkit.evaluate(model, X, y[:, None])


def bench_training(sizes, epochs, repeats):
    rnnkit.keras_bridge.import_keras()     # imported once, outside the timings
    for n in sizes:
        X, y = rnnkit.random_walk(n, 4, seed=0)
        X, y = X.astype(np.float32), y.astype(np.float32)
        t_keras, mse_keras = median_time(lambda X=X, y=y: keras_fit(X, y, epochs), repeats)
        t_numpy, mse_numpy = median_time(lambda X=X, y=y: rnnkit_fit(X, y, epochs), repeats)
        speedup = t_keras / t_numpy
        need = 50 if n <= 10 else 10
        row("training", f"{n} samples: Keras fit / rnnkit train",
            f"{t_keras:.2f} s / {t_numpy:.3f} s = {speedup:.0f}x", f">= {need}x",
            speedup >= need if n in (10, 2000) else None)
        close = abs(mse_numpy - mse_keras) <= 0.10 * mse_keras
        row("training", f"{n} samples: final MSE Keras / rnnkit",
            f"{mse_keras:.4f} / {mse_numpy:.4f}", "within 10%", close)


# 3. the cells against PyTorch: forward and BPTT of one chunk ----------------------------

def import_torch():
    """PyTorch, the library a student would otherwise pick, or None (then its rows are
    skipped with a message): only this benchmark uses it, never the course."""
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed: the rows that compare with it are skipped. Its CPU "
              "build: .venv/bin/python -m pip install torch==2.13.0 (see the README).")
        return None
    return torch


def torch_char_model(torch, cell, V, H, layers=1, embedding=None, dropout=0.0):
    """PyTorch's (Embedding,) recurrent layers and Linear: the same model as rnnkit's."""
    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.embed = torch.nn.Embedding(V, embedding) if embedding else None
            self.rnn = getattr(torch.nn, {"SimpleRNN": "RNN"}.get(cell, cell))(
                embedding or V, H, layers, batch_first=True, dropout=dropout if layers > 1 else 0)
            self.drop, self.out = torch.nn.Dropout(dropout), torch.nn.Linear(H, V)

        def forward(self, x, state=None):
            y, state = self.rnn(self.embed(x) if self.embed else x, state)
            return self.out(self.drop(y)), state
    return Model()


def chunk_times(torch, cell, H, threads, N=32, T=100, V=65, repeats=15):
    """Median seconds of one forward and BPTT of a chunk, N streams of T one-hot characters,
    softmax cross-entropy, float32, on ``threads`` threads: (rnnkit, PyTorch).

    Each library runs its chunks in a block of its own, after one untimed chunk: a library's
    threads keep spinning for a while after its last call, and would slow the other's first
    ones (taking turns chunk by chunk made PyTorch up to twice as slow on two threads here).
    """
    from threadpoolctl import threadpool_limits
    rng = np.random.default_rng(0)
    x, y = rng.integers(0, V, (N, T)), rng.integers(0, V, (N, T))
    X = np.eye(V, dtype=np.float32)[x]
    ours = rnnkit.cells.NETWORKS[cell](V, H, V, seed=0, dtype=np.float32)
    theirs = torch_char_model(torch, cell, V, H)
    X_t, y_t = torch.tensor(X), torch.tensor(y).reshape(-1)

    def rnnkit_chunk():
        ours.backward(rnnkit.softmax_cross_entropy(ours.forward(X), y)[1])

    def torch_chunk():
        theirs.zero_grad()
        logits, _ = theirs(X_t)
        torch.nn.functional.cross_entropy(logits.reshape(-1, V), y_t).backward()

    with threadpool_limits(threads, user_api="blas"):
        torch.set_num_threads(threads)
        rnnkit_chunk()
        ours = median_time(rnnkit_chunk, repeats)[0]
        torch_chunk()
        return ours, median_time(torch_chunk, repeats)[0]


def bench_cells(sizes=(128, 512), repeats=15, N=32, T=100):
    torch = import_torch()
    if torch is None:
        return
    for cell in ("SimpleRNN", "LSTM", "GRU"):
        for H in sizes:
            for threads in (1, 2):
                ours, theirs = chunk_times(torch, cell, H, threads, N, T, repeats=repeats)
                row("cells", f"{cell} H={H}, {threads} thread{'s' * (threads > 1)}: forward + "
                    f"BPTT of a chunk N={N} T={T}, rnnkit / PyTorch",
                    f"{ours * 1e3:.1f} / {theirs * 1e3:.1f} ms = {ours / theirs:.2f}x", "<= 2x",
                    ours <= 2 * theirs)


def bench_lstm_char_model(updates=12, H=512, layers=2, E=64, N=32, T=100, dropout=0.25):
    """Notebook 07's trained model (tools/train_charlm.py: 2 LSTM layers over an embedding,
    dropout, Adam, clipping) trained by truncated BPTT in rnnkit and in PyTorch, float32, on
    numpy's and PyTorch's default threads: characters per second."""
    torch = import_torch()
    if torch is None:
        return
    from rnnkit import lm
    V, (inputs, targets), _ = char_data(2_001, N, T)
    model = rnnkit.LSTM(V, H, V, seed=0, dtype=np.float32, layers=layers, embedding_size=E,
                        dropout=dropout)
    adam, state = rnnkit.Adam(3e-3, epsilon=1e-9), None
    start = time.perf_counter()
    for b in range(updates + 1):
        if b == 1:
            start = time.perf_counter()             # the first update warms up, untimed
        _, state = lm.tbptt_step(model, inputs[b], targets[b], state, adam, 5.0)
    ours = updates * N * T / (time.perf_counter() - start)
    torch.manual_seed(0)
    twin = torch_char_model(torch, "LSTM", V, H, layers, E, dropout)
    optimizer, state = torch.optim.Adam(twin.parameters(), lr=3e-3), None
    for b in range(updates + 1):
        if b == 1:
            start = time.perf_counter()
        logits, state = twin(torch.tensor(inputs[b].astype(np.int64)), state)
        state = tuple(s.detach() for s in state)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, V),
                                                 torch.tensor(targets[b].astype(np.int64)).reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(twin.parameters(), 5.0)
        optimizer.step()
    theirs = updates * N * T / (time.perf_counter() - start)
    model = f"LSTM {layers} x {H} over an embedding of {E} (07's trained model), N={N} T={T}"
    row("char model", f"{model}: characters per second trained, PyTorch / rnnkit",
        f"{theirs:,.0f} / {ours:,.0f} = {ours / theirs:.2f}x", ">= 0.5x", ours >= 0.5 * theirs)
    keras = keras_lstm_char_speed(V, (inputs, targets), H, layers, E, dropout, updates)
    row("char model", f"{model}: characters per second trained, Keras / rnnkit",
        f"{keras:,.0f} / {ours:,.0f} = {ours / keras:.2f}x", ">= 0.5x", ours >= 0.5 * keras)


def keras_lstm_char_speed(V, chunks, H, layers, E, dropout, updates):
    """The same model in Keras (Embedding, stateful LSTM layers with dropout between, Dense;
    Adam(3e-3), clipping at 5), trained by train_on_batch chunk after chunk for ``updates``
    updates after one untimed update that traces its graph: characters per second."""
    keras = rnnkit.keras_bridge.import_keras()
    keras.utils.set_random_seed(0)
    inputs, targets = chunks
    _, N, T = inputs.shape
    stack = [keras.Input(batch_shape=(N, T), dtype="int32"), keras.layers.Embedding(V, E)]
    for _ in range(layers):
        stack += [keras.layers.LSTM(H, return_sequences=True, stateful=True),
                  keras.layers.Dropout(dropout)]
    model = keras.Sequential([*stack, keras.layers.Dense(V)])
    model.compile(optimizer=keras.optimizers.Adam(3e-3, global_clipnorm=5.0),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.train_on_batch(inputs[0], targets[0])
    start = time.perf_counter()
    for b in range(1, updates + 1):
        model.train_on_batch(inputs[b], targets[b])
    return updates * N * T / (time.perf_counter() - start)


# 3b. notebook 11: a GRU by BPTT against a minGRU by the scan, time per epoch ----------------

def epoch_seconds(T=512, N=32, H=16, batch_size=32, repeats=3, seed=0):
    """CPU seconds of one training epoch at sequence length T for each cell, the shortest of
    ``repeats``: notebook 11's measurement. The data is N sequences of notebook 08's memory
    task (rnnkit.data.memory_task) of T steps; the model a ManyToOne of H units, GRU or
    MinGRU, trained by rnnkit.train (the GRU's recurrence a loop each way, the minGRU's a scan
    each way). CPU time leaves out other programs' turns on a shared machine.
    Returns {"GRU": seconds, "minGRU": seconds}."""
    from functools import partial
    from timeit import repeat
    X, labels = rnnkit.data.memory_task(N, T, seed=seed)
    times = {}
    for name, network in (("GRU", rnnkit.GRU), ("minGRU", rnnkit.MinGRU)):
        model = rnnkit.ManyToOne(2, H, 2, seed=seed, cell=network)
        one_epoch = partial(rnnkit.train, model, X, labels, loss="softmax_cross_entropy",
                            batch_size=batch_size, epochs=1, seed=seed)
        times[name] = min(repeat(one_epoch, number=1, repeat=repeats, timer=time.process_time))
    return times


def bench_parallel_rnns(T=512, **sizes):
    times = epoch_seconds(T, **sizes)
    row("parallel RNNs", f"one epoch of 08's memory task at T = {T}: GRU by BPTT / minGRU by "
        f"the scan (CPU time)", f"{times['GRU'] * 1e3:.0f} / {times['minGRU'] * 1e3:.0f} ms = "
        f"{times['GRU'] / times['minGRU']:.1f}x", "minGRU faster", times["minGRU"] < times["GRU"])


# 4. widgets ------------------------------------------------------------------------------

def next_word_model():
    """The next-word model of notebook 04, trained as there (about a third of a second)."""
    vocab_sentences = rnnkit.load_corpus("how_are_you")
    vocab = rnnkit.Vocabulary.of_words(vocab_sentences)
    X, Y, mask = rnnkit.next_word_pairs(vocab_sentences, vocab)
    model = rnnkit.ManyToMany(len(vocab), 16, len(vocab), seed=0)
    rnnkit.train(model, X, Y, loss="softmax_cross_entropy", mask=mask, epochs=25, batch_size=16,
                 optimizer=rnnkit.Adam(0.01), seed=0)
    return model, vocab


def char_model(updates=60, H=128, N=32, T=50, seed=0):
    """A character model of notebook 07 trained briefly on Tiny Shakespeare: (rnn, vocab)."""
    from rnnkit import datasets, lm
    text = datasets.tiny_shakespeare()
    vocab = lm.Vocabulary.of_characters(text)
    inputs, targets = lm.stream_batches(vocab.encode(text[:N * T * updates + 1]), N, T)
    rnn = rnnkit.SimpleRNN(len(vocab), H, len(vocab), seed=seed)
    lm.train_streams(rnn, inputs, targets, rnnkit.Adam(0.01), clip_norm=5.0)
    return rnn, vocab


def widget_cases():
    """(name, widget, control moves to cycle through[, the update time aimed at in seconds, if
    not 50 ms]) for every widget in the course."""
    from rnnkit.course.widgets import (
        attention,
        generate_text,
        gradients,
        lstm,
        neuron,
        next_word,
        recurrence,
        topologies,
    )
    from rnnkit.lm import Vocabulary
    from rnnkit.seq2seq import Seq2Seq
    model, vocab = next_word_model()
    char_rnn, chars = char_model()
    words = Vocabulary(list("0123456789") + "zero one two three four five six seven eight nine "
                       "null eins zwei drei vier fünf sechs sieben acht neun".split(), "word")
    digits = Vocabulary(list("^.0123456789"), "character")
    translator = Seq2Seq(len(words), len(digits), 8, 16, start=0, seed=0)   # untrained: same cost
    return [
        ("neuron (01)", neuron.neuron_widget(),
         [{"weight": 2.0}, {"bias": -1.0}, {"x": -2.0}, {"activation": "relu"}, {"weight": 0.5}]),
        ("step-through (02)", recurrence.step_through_widget(),
         [{"t": t} for t in (2, 3, 4, 5, 6, 1)]),
        ("memory (02)", recurrence.memory_widget(), [{"scale": s} for s in (0.5, 1.0, 1.2, 0.8)]),
        ("topology picker (03)", topologies.topology_picker_widget(),
         [{"kind": k} for k in ("one_to_one", "one_to_many", "many_to_many", "encoder_decoder")]),
        ("next word (04)", next_word.next_word_widget(model, vocab),
         [{"temperature": 1.0}, {"steps": 3}, {"seed": 2}, {"prefix": "they are"},
          {"prefix": "how"}]),
        ("gradient flow (05)", gradients.gradient_flow_widget(),
         [{"rho": r} for r in (0.5, 0.9, 1.1, 1.5)]),
        ("attention (10)", attention.attention_widget(translator, words, digits),
         [{"text": t} for t in ("sieben 4 zwei null nine", "1 2 3", "null",
                                "eins zwei drei vier fünf sechs sieben acht")]),
        ("forget gate (08)", lstm.forget_gate_widget(),
         [{"forget_bias": b} for b in (-1.0, 2.0, 4.0, 0.0)]),
        # It writes 240 characters one step at a time on every update: aimed at 0.5 s.
        ("write with a temperature (07)", generate_text.generate_text_widget(char_rnn, chars),
         [{"temperature": 0.5}, {"seed": 3}, {"prime": "KING"}, {"temperature": 1.5},
          {"prime": "ROMEO:"}], 0.5),
    ]


def bench_widgets(updates=20):
    for name, widget, moves, *aim in widget_cases():
        aim = aim[0] if aim else 0.05
        widget.seconds.clear()
        for i in range(updates):
            widget.update(**moves[i % len(moves)])
        median = statistics.median(widget.seconds)
        row("widgets", f"{name} update (median of {len(widget.seconds)})",
            f"{median * 1e3:.0f} ms", f"<= {aim * 1e3:.0f} ms", median <= aim)


# 5. the character model of notebook 07: rnnkit against Keras, in characters per second ---

def char_data(held_out, N, T, validation=20_001):
    """Tiny Shakespeare as notebook 07 cuts it: (V, chunks (inputs, targets) of the training
    text, held-out streams (100, S + 1) of the last ``held_out`` characters). The training
    text ends ``validation`` characters before the held-out tail, as in 07."""
    from rnnkit import datasets, lm
    text = datasets.tiny_shakespeare()
    vocab = lm.Vocabulary.of_characters(text)
    tokens = vocab.encode(text)
    chunks = lm.stream_batches(tokens[:-held_out - validation], N, T)
    return len(vocab), chunks, lm.split_streams(tokens[-held_out:], 100)


def keras_char_run(V, chunks, held, H, seconds, seed=0):
    """The same model in Keras (stateful SimpleRNN, Dense), trained chunk after chunk (from
    the start of the text again when it runs out) for ``seconds`` after a first, untimed
    update that traces its graph. Returns (characters per second, held-out perplexity)."""
    keras = rnnkit.keras_bridge.import_keras()
    keras.utils.set_random_seed(seed)
    inputs, targets = chunks
    _, N, T = inputs.shape
    twin = rnnkit.SimpleRNN(V, H, V, seed=seed, dtype=np.float32)     # rnnkit's start
    model = keras.Sequential([keras.Input(batch_shape=(N, T, V)),
                              keras.layers.SimpleRNN(H, return_sequences=True, stateful=True),
                              keras.layers.Dense(V)])
    model.set_weights([twin.params[key] for key in ("W_xh", "W_hh", "b_h", "W_oh", "b_o")])
    model.compile(optimizer=keras.optimizers.Adam(0.01, global_clipnorm=5.0),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    one_hot = np.eye(V, dtype=np.float32)
    model.train_on_batch(one_hot[inputs[0]], targets[0])
    done, start = 1, time.perf_counter()
    while time.perf_counter() - start < seconds:
        b = done % len(inputs)
        if b == 0:                                  # the text again: streams restart from h = 0
            model.layers[0].reset_state()
        model.train_on_batch(one_hot[inputs[b]], targets[b])
        done += 1
    speed = (done - 1) * N * T / (time.perf_counter() - start)
    reader = keras.Sequential([keras.Input(shape=(None, V)),
                               keras.layers.SimpleRNN(H, return_sequences=True),
                               keras.layers.Dense(V)])
    reader.set_weights(model.get_weights())
    logits = reader.predict(one_hot[held[:, :-1]], verbose=0).astype(np.float64)
    return speed, rnnkit.perplexity(rnnkit.softmax_cross_entropy(logits, held[:, 1:])[0])


def rnnkit_char_run(V, chunks, held, H, seconds, seed=0, blas_threads=None):
    """The same in rnnkit, float32, by lm.tbptt_step: (characters per second, held-out
    perplexity). blas_threads: limit numpy's BLAS to this many threads (notebook 07 runs with
    one), or None for its default."""
    from threadpoolctl import threadpool_limits

    from rnnkit import lm
    inputs, targets = chunks
    _, N, T = inputs.shape
    rnn, adam = rnnkit.SimpleRNN(V, H, V, seed=seed, dtype=np.float32), rnnkit.Adam(0.01)
    with threadpool_limits(blas_threads, user_api="blas"):
        _, h = lm.tbptt_step(rnn, inputs[0], targets[0], None, adam, 5.0)
        done, start = 1, time.perf_counter()
        while time.perf_counter() - start < seconds:
            b = done % len(inputs)
            h = None if b == 0 else h                # the text again: streams restart from h = 0
            _, h = lm.tbptt_step(rnn, inputs[b], targets[b], h, adam, 5.0)
            done += 1
        speed = (done - 1) * N * T / (time.perf_counter() - start)
        return speed, rnnkit.perplexity(lm.cross_entropy(rnn, held))


def bench_char_model(seconds=10.0, H=128, N=32, T=50, held_out=50_001):
    """Notebook 07's model (one-hot characters, SimpleRNN(H), Dense(V)) trained by truncated
    BPTT for the same wall time by Keras and by rnnkit in float32, from the same weights, on
    the same chunks, with Adam(0.01) and clipping at 5; both carry h between chunks."""
    V, chunks, held = char_data(held_out, N, T)
    keras_speed, keras_ppl = keras_char_run(V, chunks, held, H, seconds)
    numpy_speed, numpy_ppl = rnnkit_char_run(V, chunks, held, H, seconds, blas_threads=1)
    default_speed, default_ppl = rnnkit_char_run(V, chunks, held, H, seconds)
    size = f"H={H} N={N} T={T}"
    row("char model", f"{size}: characters per second trained, Keras / rnnkit float32 "
        f"(one BLAS thread)",
        f"{keras_speed:,.0f} / {numpy_speed:,.0f} = {numpy_speed / keras_speed:.1f}x", ">= 1x",
        numpy_speed >= keras_speed)
    row("char model", f"{size}: held-out perplexity after {seconds:g} s, Keras / rnnkit",
        f"{keras_ppl:.2f} / {numpy_ppl:.2f}")
    row("char model", f"{size}: the same, rnnkit with numpy's default BLAS threads",
        f"{default_speed:,.0f} characters per second, held-out perplexity {default_ppl:.2f}")
    torch = import_torch()
    if torch is not None:
        torch_speed = torch_char_speed(torch, V, chunks, H, seconds)
        row("char model", f"{size}: characters per second trained, PyTorch / rnnkit float32 "
            f"(one thread each)", f"{torch_speed:,.0f} / {numpy_speed:,.0f} = "
            f"{numpy_speed / torch_speed:.1f}x", ">= 1x", numpy_speed >= torch_speed)


def torch_char_speed(torch, V, chunks, H, seconds, threads=1):
    """The same model in PyTorch (one-hot characters, RNN, Linear, Adam(0.01), clipping at 5,
    h carried) for ``seconds`` after one untimed update: characters per second."""
    inputs, targets = chunks
    _, N, T = inputs.shape
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = torch_char_model(torch, "SimpleRNN", V, H)
    optimizer, one_hot, state = torch.optim.Adam(model.parameters(), lr=0.01), torch.eye(V), None
    done, start = 0, time.perf_counter()
    while done == 0 or time.perf_counter() - start < seconds:
        if done == 1:
            start = time.perf_counter()
        b = done % len(inputs)
        x = one_hot[torch.tensor(inputs[b].astype(np.int64))]
        logits, state = model(x, None if b == 0 else state)
        state = state.detach()
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, V),
                                                 torch.tensor(targets[b].astype(np.int64)).reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        optimizer.step()
        done += 1
    return (done - 1) * N * T / (time.perf_counter() - start)


# 6. import -------------------------------------------------------------------------------

def bench_import(repeats=5):
    code = ("import time, sys; t = time.perf_counter(); import rnnkit; "
            "print(time.perf_counter() - t, 'tensorflow' in sys.modules or 'keras' in sys.modules)")
    times, heavy = [], False
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout.split()
        times.append(float(out[0]))
        heavy |= out[1] == "True"
    median = statistics.median(times)
    row("import", "import rnnkit (median of 5 fresh processes)", f"{median:.2f} s", "<= 0.5 s",
        median <= 0.5)
    row("import", "import rnnkit loads TensorFlow", "yes" if heavy else "no", "no", not heavy)


def table():
    lines = ["| part | measurement | result | target | met |", "|---|---|---|---|---|"]
    for section, what, measured, target, ok in ROWS:
        met = "" if ok is None else ("yes" if ok else "**no**")
        lines.append(f"| {section} | {what} | {measured} | {target} | {met} |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes; no notebooks")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    global SMOKE
    SMOKE = args.smoke
    if args.smoke:
        bench_training(sizes=(10,), epochs=1, repeats=1)
        bench_cells(sizes=(8,), repeats=1, N=4, T=5)
        bench_lstm_char_model(updates=1, H=8, E=4, N=4, T=5)
        bench_parallel_rnns(T=16, N=8, H=4, batch_size=4, repeats=1)
        bench_char_model(seconds=0.5, H=8, N=4, T=10, held_out=2_001)
        bench_widgets(updates=2)
        bench_import(repeats=1)
    else:
        bench_notebooks()
        bench_training(sizes=(10, 1000, 2000), epochs=50, repeats=3)
        bench_cells()
        bench_lstm_char_model()
        bench_parallel_rnns()
        bench_char_model()
        bench_widgets()
        bench_import()
    print()
    print(f"Machine: {machine()}; took {time.perf_counter() - start:.0f} s")
    print()
    print(table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
