"""Train notebook 07's character-level LSTM in NumPy, with rnnkit, as the course ships it.

    python tools/train_charlm.py                      # the shipped model (about 25 minutes here)
    python tools/train_charlm.py --resume             # go on after a stop, from the last save
    python tools/train_charlm.py --out /tmp/try --max-updates 20      # a quick try

The data is notebook 07's: Tiny Shakespeare's characters, the last 50,001 held out (never
read here), the 20,001 before them the validation slice, the rest for training. The model
reads N streams of the training text side by side in chunks of T characters (truncated BPTT:
rnnkit.lm.tbptt_step carries the state and cuts the gradient), epoch after epoch, with Adam,
a cosine learning-rate schedule, gradient clipping and dropout. Every --eval-every updates it
scores the validation slice; the model kept is the one with the lowest validation loss, so
"when to stop" is chosen on validation too.

The settings (the defaults below) come from a PyTorch run of the same model: 2 LSTM layers of
512 over a 64-wide embedding, dropout 0.25, Adam at 3e-3 on a cosine schedule. Two were
compared on the validation slice, 400 updates each (the same seed): Adam's epsilon (Keras'
1e-7 against 1e-9: validation loss 2.03 against 1.85, because most of these gradients are
smaller than 1e-5 and Keras' form of epsilon damps their first steps) and the embedding's
start (Keras' U(-0.05, 0.05) against N(0, 1): 2.49 against 1.98 after 100 updates).

It writes (by default into rnnkit/datasets/):
    NAME.npz        the kept model: weights in Keras' layout (float16), vocabulary, settings
                    (rnnkit.lm.save_checkpoint)
    NAME.log.json   the command, the machine (CPU, BLAS kernel and threads), the settings, the
                    training loss of every update, the validation loss against characters
                    read and seconds, the best update, the wall time
and while it runs NAME.resume.npz: everything a stopped run needs to go on exactly as if it
had not stopped (float32 weights, Adam's moments, the dropout generator, the position and
the carried state), deleted when the run ends.

For a given seed, machine and number of BLAS threads (--threads), two runs give the same
numbers. tests/test_train_charlm.py runs a few updates and compares them with the log.
"""

import argparse
import json
import math
import os
import shlex
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import numpy as np  # noqa: E402
from measure import machine  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

import rnnkit  # noqa: E402
from rnnkit import datasets, lm  # noqa: E402

HELD_OUT, VALIDATION = 50_001, 20_001          # as notebook 07 splits the text


def parse(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "rnnkit" / "datasets" / "shakespeare_lstm"),
                        help="the files' path without extension (default: %(default)s)")
    parser.add_argument("--hidden", type=int, default=512, help="units per LSTM layer")
    parser.add_argument("--layers", type=int, default=2, help="stacked LSTM layers")
    parser.add_argument("--embedding", type=int, default=64, help="embedding size E")
    parser.add_argument("--dropout", type=float, default=0.25, help="on each layer's outputs")
    parser.add_argument("--embedding-init", choices=("normal", "keras"), default="normal",
                        help="W_e's start: N(0, 1) as PyTorch's Embedding, or Keras' "
                             "U(-0.05, 0.05)")
    parser.add_argument("--learning-rate", type=float, default=3e-3, help="Adam's, at the start")
    parser.add_argument("--epsilon", type=float, default=1e-9, help="Adam's epsilon")
    parser.add_argument("--epochs", type=int, default=7, help="passes over the training text")
    parser.add_argument("--streams", type=int, default=32, help="N streams side by side")
    parser.add_argument("--steps", type=int, default=100, help="T characters per chunk")
    parser.add_argument("--clip", type=float, default=5.0, help="gradient norm clipped to this")
    parser.add_argument("--eval-every", type=int, default=100, help="updates between scores")
    parser.add_argument("--seed", type=int, default=0, help="the weights' and dropout's seed")
    parser.add_argument("--threads", type=int, default=2, help="BLAS threads")
    parser.add_argument("--max-updates", type=int, default=None,
                        help="stop after this many updates (a try; the schedule is unchanged)")
    parser.add_argument("--resume", action="store_true", help="go on from NAME.resume.npz")
    return parser.parse_args(argv)


def data():
    """The vocabulary, the training tokens and the validation streams (20, 1001)."""
    text = datasets.tiny_shakespeare()
    vocab = lm.Vocabulary.of_characters(text)
    tokens = vocab.encode(text)
    train = tokens[:-HELD_OUT - VALIDATION]
    validation = tokens[-HELD_OUT - VALIDATION:-HELD_OUT]
    return vocab, train, lm.split_streams(validation, 20)


class Run:
    """One training run: the model, the optimiser, where it is, and what it has logged."""

    def __init__(self, args, vocab, train):
        self.args = args
        self.inputs, self.targets = lm.stream_batches(train, args.streams, args.steps)
        self.total = args.epochs * len(self.inputs)                # updates in the schedule
        self.model = rnnkit.LSTM(len(vocab), args.hidden, len(vocab), seed=args.seed,
                                 dtype=np.float32, layers=args.layers,
                                 embedding_size=args.embedding, dropout=args.dropout)
        if args.embedding_init == "normal":        # from the model's own generator: seeded
            W_e = self.model.params["W_e"]
            W_e[...] = self.model.rng.standard_normal(W_e.shape)
        self.adam = rnnkit.Adam(args.learning_rate, epsilon=args.epsilon)
        self.update, self.state, self.seconds = 0, None, 0.0
        self.losses, self.scores = [], []               # every update; every evaluation
        self.best = {"validation": math.inf, "update": 0, "params": None}

    def learning_rate(self):
        """Cosine from the start value down to 0 over the whole schedule."""
        return 0.5 * self.args.learning_rate * (1 + math.cos(math.pi * self.update / self.total))

    def step(self):
        """One update on the next chunk; the state starts from zeros at each epoch's start."""
        b = self.update % len(self.inputs)
        if b == 0:
            self.state = None
        self.adam.learning_rate = self.learning_rate()
        loss, self.state = lm.tbptt_step(self.model, self.inputs[b], self.targets[b], self.state,
                                         self.adam, self.args.clip)
        self.losses.append(loss)
        self.update += 1

    def evaluate(self, validation):
        score = lm.cross_entropy(self.model, validation, chunk=self.args.steps)
        self.scores.append({"update": self.update, "characters": self.update * self.inputs[0].size,
                            "seconds": round(self.seconds, 1), "validation": score})
        if score < self.best["validation"]:
            self.best = {"validation": score, "update": self.update,
                         "params": {k: v.copy() for k, v in self.model.params.items()}}
        return score

    # -- a stopped run goes on exactly where it was ------------------------------------------

    def save(self, path):
        arrays = {f"param/{k}": v for k, v in self.model.params.items()}
        if self.adam.m is not None:
            arrays["adam/m"], arrays["adam/v"] = self.adam.m, self.adam.v
        if self.best["params"] is not None:
            arrays.update({f"best/{k}": v for k, v in self.best["params"].items()})
        for i, (h, c) in enumerate(self.state or []):
            arrays[f"state/{i}/h"], arrays[f"state/{i}/c"] = h, c
        facts = {"update": self.update, "t": self.adam.t, "seconds": self.seconds,
                 "losses": self.losses, "scores": self.scores,
                 "best": {k: v for k, v in self.best.items() if k != "params"},
                 "rng": self.model.rng.bit_generator.state}
        temporary = path.with_suffix(".tmp.npz")
        np.savez(temporary, facts=json.dumps(facts), **arrays)
        os.replace(temporary, path)

    def load(self, path):
        with np.load(path) as archive:
            if any(name.startswith("m/") for name in archive.files):
                raise SystemExit(f"{path} keeps Adam's moments per weight array, as this script "
                                 f"did before Adam kept them in one vector: it cannot resume the "
                                 f"run exactly; start it again without --resume")
            facts = json.loads(str(archive["facts"]))
            for key in self.model.params:
                self.model.params[key][...] = archive[f"param/{key}"]
            if "adam/m" in archive:
                self.adam.m, self.adam.v = archive["adam/m"], archive["adam/v"]
            best = {k: archive[f"best/{k}"] for k in self.model.params if f"best/{k}" in archive}
            layers = sum(k.startswith("state/") for k in archive.files) // 2
            self.state = [(archive[f"state/{i}/h"], archive[f"state/{i}/c"])
                          for i in range(layers)] or None
        self.update, self.adam.t, self.seconds = facts["update"], facts["t"], facts["seconds"]
        self.losses, self.scores = facts["losses"], facts["scores"]
        self.best = {**facts["best"], "params": best or None}
        self.model.rng.bit_generator.state = facts["rng"]


def progress(run, validation_loss):
    """One line, rewritten in place: a bar, the update, the losses, the time spent and left."""
    done = run.update / run.total
    bar = "#" * int(30 * done) + "." * (30 - int(30 * done))
    recent = float(np.mean(run.losses[-20:]))
    left = run.seconds / max(run.update, 1) * (run.total - run.update)
    line = (f"\r[{bar}] {done:4.0%} update {run.update}/{run.total}  loss {recent:.3f}  "
            f"validation {validation_loss:.3f} (best {run.best['validation']:.3f})  "
            f"{_clock(run.seconds)} spent, {_clock(left)} left ")
    sys.stderr.write(line)
    sys.stderr.flush()


def _clock(seconds):
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"


def main(argv=None):
    args = parse(argv)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    resume = out.with_name(out.name + ".resume.npz")
    vocab, train, validation = data()
    run = Run(args, vocab, train)
    if args.resume:
        if not resume.exists():
            sys.exit(f"--resume: there is no {resume} to go on from")
        run.load(resume)
    stop = min(run.total, args.max_updates or run.total)
    validation_loss = run.scores[-1]["validation"] if run.scores else math.nan
    with threadpool_limits(args.threads, user_api="blas"):
        try:
            while run.update < stop:
                start = time.perf_counter()
                run.step()
                if run.update % args.eval_every == 0 or run.update == run.total:
                    validation_loss = run.evaluate(validation)
                run.seconds += time.perf_counter() - start
                if run.update % args.eval_every == 0 or run.update == stop:
                    run.save(resume)
                progress(run, validation_loss)
        except KeyboardInterrupt:
            sys.exit(f"\nstopped; `--resume` goes on from {resume}, saved every "
                     f"{args.eval_every} updates")
        where = machine()
    sys.stderr.write("\n")
    run.model.params.update(run.best["params"] or run.model.params)
    settings = {k: v for k, v in vars(args).items() if k not in ("out", "resume", "max_updates")}
    settings.update(updates=run.update, best_update=run.best["update"],
                    validation_loss=run.best["validation"])
    lm.save_checkpoint(out.with_suffix(".npz"), run.model, vocab, settings)
    log = {"command": " ".join(["python", "tools/train_charlm.py"] +
                               [shlex.quote(a) for a in (argv or sys.argv[1:])]),
           "machine": where, "settings": settings, "wall_seconds": round(run.seconds, 1),
           "characters_per_second": round(run.update * run.inputs[0].size / run.seconds),
           "training_loss": [round(float(x), 6) for x in run.losses], "validation": run.scores}
    Path(str(out) + ".log.json").write_text(json.dumps(log, indent=1) + "\n")
    if run.update == run.total:
        resume.unlink(missing_ok=True)        # finished: nothing to go on from
    print(f"{run.update} updates in {_clock(run.seconds)}; kept update {run.best['update']} "
          f"(validation loss {run.best['validation']:.4f}); wrote {out}.npz and {out}.log.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
