"""The recurrent cells, each step by step and over a whole sequence, and the networks built on
them.

    rnn      the tanh cell: rnn_step, rnn_step_backward, rnn_forward, rnn_backward; SimpleRNN
    lstm     gates i, f, g, o and a cell state: lstm_gates, lstm_step, ... ; LSTM
    gru      gates z and r, one state: gru_gates, gru_step, ... ; GRU
    mingru   a GRU whose gates see only x_t, run over all steps at once by a scan
             (rnnkit.scan): mingru_step, mingru_forward, ... ; MinGRU
    network  RecurrentNetwork: layers of one cell and an output layer (SimpleRNN, LSTM and GRU
             are it), with stacked layers, an embedding and dropout as options
    bidirectional  any cell run forwards and backwards, the states side by side: Bidirectional
    cell     what the cells share: the time-major layout of their loops, and Cell, a cell as a
             network sees it
"""

from .bidirectional import Bidirectional
from .cell import Cell
from .gru import GRU, GRU_CELL, gru_backward, gru_forward, gru_step, gru_step_backward
from .lstm import LSTM, LSTM_CELL, lstm_backward, lstm_forward, lstm_step, lstm_step_backward
from .mingru import (
    MINGRU_CELL,
    MinGRU,
    mingru_backward,
    mingru_forward,
    mingru_step,
    mingru_step_backward,
)
from .network import RecurrentNetwork
from .rnn import RNN_CELL, SimpleRNN, rnn_backward, rnn_forward, rnn_step, rnn_step_backward

NETWORKS = {network.cell.name: network for network in (SimpleRNN, LSTM, GRU, MinGRU)}  # by name
