"""The real data sets the course ships (see README.md in this folder for sources and licences).

    tiny_shakespeare()       Shakespeare's plays as one string (notebook 07)
    shakespeare_lstm()       the character model tools/train_charlm.py trained on it (07)
    shakespeare_lstm_log()   that training run's log: settings, losses, machine, wall time
    mauna_loa_co2()          the monthly CO2 record of Mauna Loa, 1958-2026 (notebook 09)

Each reads a file inside rnnkit; nothing is ever downloaded.
"""

import csv
import json
from dataclasses import dataclass
from importlib import resources

import numpy as np

from .._validate import positive_int

SHAKESPEARE_ATTRIBUTION = ("Tiny Shakespeare (Andrej Karpathy's char-rnn data set): "
                           "Shakespeare's plays, public domain")
CO2_ATTRIBUTION = ("Mauna Loa monthly mean CO2: NOAA Global Monitoring Laboratory and Scripps "
                   "Institution of Oceanography (Tans and Keeling), public domain")


def _file(name):
    return resources.files(__name__) / name


def tiny_shakespeare(characters=None):
    """The Tiny Shakespeare text: 1,115,394 characters of Shakespeare's plays.

    characters: None for the whole text, or the number of characters to take
    from its start (a contiguous slice). Returns a str.
    """
    text = _file("tinyshakespeare.txt").read_text(encoding="utf-8")
    if characters is None:
        return text
    characters = positive_int(characters, "characters")
    if characters > len(text):
        raise ValueError(f"characters must be at most {len(text)} (the whole text), "
                         f"got {characters}")
    return text[:characters]


def shakespeare_lstm():
    """Notebook 07's trained character model: an LSTM of 2 layers of 512 units over a 64-wide
    embedding, trained on Tiny Shakespeare's training text by tools/train_charlm.py (its
    settings and losses: shakespeare_lstm_log()).

    Returns (model, vocab, settings) as rnnkit.lm.load_checkpoint does: the rnnkit.LSTM in
    float32, the character Vocabulary (V = 65) and the training settings.
    """
    from ..lm import load_checkpoint
    with resources.as_file(_file("shakespeare_lstm.npz")) as path:
        return load_checkpoint(path)


def shakespeare_lstm_log():
    """The log tools/train_charlm.py wrote while training shakespeare_lstm(): a dict with the
    command, the machine, the settings, the wall time, the training loss of every update and
    the validation loss against characters read and seconds."""
    return json.loads(_file("shakespeare_lstm.log.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class CO2Record:
    """The Mauna Loa record, one entry per month (M = 820 months, March 1958 to June 2026).

    month: (M,) str "YYYY-MM"; year: (M,) the month's middle as a decimal year;
    ppm: (M,) monthly mean CO2 in parts per million; deseasonalized_ppm: (M,)
    the source's seasonally adjusted value.
    """
    month: np.ndarray
    year: np.ndarray
    ppm: np.ndarray
    deseasonalized_ppm: np.ndarray

    def __len__(self):
        return len(self.ppm)


def mauna_loa_co2():
    """The monthly mean CO2 at Mauna Loa, Hawaii, as a CO2Record of numpy arrays."""
    with _file("co2_mauna_loa_monthly.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return CO2Record(month=np.array([row["month"] for row in rows]),
                     year=np.array([float(row["decimal_date"]) for row in rows]),
                     ppm=np.array([float(row["co2_ppm"]) for row in rows]),
                     deseasonalized_ppm=np.array([float(row["co2_deseasonalized_ppm"])
                                                  for row in rows]))
