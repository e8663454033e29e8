"""Notebook 11's measurement, for tools/bench.py and the tests: one training epoch of a GRU by
BPTT against one of a minGRU by the scan.

    epoch_seconds(T=512)    {"GRU": seconds, "minGRU": seconds} for one epoch at length T

tools/bench.py can call it with the tests folder on its path:

    sys.path.insert(0, str(ROOT / "tests"))
    from parallel_rnns_helpers import epoch_seconds
"""

import time
from functools import partial
from timeit import repeat

import rnnkit
from rnnkit.cells.gru import GRU
from rnnkit.cells.mingru import MinGRU


def epoch_seconds(T=512, N=32, H=16, batch_size=32, repeats=3, seed=0, timer=time.process_time):
    """The time of one training epoch at sequence length T, for each cell.

    The data is N sequences of notebook 08's memory task (rnnkit.data.memory_task, D = 2
    inputs) of T steps; the model a ManyToOne of H units, GRU or MinGRU, trained one epoch
    by rnnkit.train in batches of batch_size (the GRU's recurrence a loop each way, the
    minGRU's a scan each way). Each time is the shortest of ``repeats`` epochs, measured by
    ``timer``: CPU time by default, which on a shared machine leaves out other programs'
    turns (time.perf_counter for wall time). Set OPENBLAS_NUM_THREADS=1 before NumPy loads for
    one thread, as notebook 11 does. Returns {"GRU": seconds, "minGRU": seconds}.
    """
    X, labels = rnnkit.data.memory_task(N, T, seed=seed)
    times = {}
    for name, network in (("GRU", GRU), ("minGRU", MinGRU)):
        model = rnnkit.ManyToOne(2, H, 2, seed=seed, cell=network)
        one_epoch = partial(rnnkit.train, model, X, labels, loss="softmax_cross_entropy",
                            batch_size=batch_size, epochs=1, seed=seed)
        times[name] = min(repeat(one_epoch, number=1, repeat=repeats, timer=timer))
    return times
