import matplotlib

matplotlib.use("Agg")

import re
from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import same_color
from matplotlib.patches import Rectangle

from rnnkit.course import plots
from rnnkit.training import History


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def legend_texts(ax):
    return [text.get_text() for text in ax.get_legend().get_texts()]


# ---------------------------------------------------------------- style

def test_palette_is_okabe_ito_and_the_cycle_uses_it():
    for name in ("blue", "orange", "green", "vermillion", "purple", "sky", "yellow", "black"):
        assert re.fullmatch(r"#[0-9A-F]{6}", plots.COLORS[name])
    assert plots.COLORS["vermillion"] == "#D55E00"
    assert set(plots.CYCLE) <= set(plots.COLORS.values())
    assert plots.COLORS["yellow"] not in plots.CYCLE


def test_use_style_sets_projector_settings_and_is_idempotent():
    with matplotlib.rc_context():
        plots.use_style()
        first = dict(matplotlib.rcParams)
        plots.use_style()
        assert dict(matplotlib.rcParams) == first
        assert matplotlib.rcParams["font.size"] == 14
        assert matplotlib.rcParams["lines.linewidth"] == 2.5
        assert list(matplotlib.rcParams["figure.figsize"]) == [8, 4.5]
        assert not matplotlib.rcParams["axes.spines.top"]
        assert not matplotlib.rcParams["axes.spines.right"]
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"] == plots.CYCLE


def test_new_figure_makes_or_reuses_axes():
    fig, ax = plots.new_figure(figsize=(3, 2))
    assert list(fig.get_size_inches()) == [3, 2]
    assert plots.new_figure(ax) == (fig, ax)
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        plots.new_figure("left")


# ---------------------------------------------------------------- loss_curve

def test_loss_curve_from_a_list():
    ax = plots.loss_curve([3.0, 2.0, 1.5])
    (line,) = ax.lines
    assert list(line.get_xdata()) == [1, 2, 3]
    assert list(line.get_ydata()) == [3.0, 2.0, 1.5]
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "loss"
    assert ax.get_yscale() == "linear"
    assert ax.get_legend() is None


def test_loss_curve_from_a_dict_with_log_scale_on_given_axes():
    fig, given = plt.subplots()
    ax = plots.loss_curve({"train": [1.0, 0.5], "test": [1.2, 0.7, 0.6]}, ax=given, log=True,
                          title="MSE")
    assert ax is given
    assert [len(line.get_xdata()) for line in ax.lines] == [2, 3]
    assert legend_texts(ax) == ["train", "test"]
    assert ax.get_yscale() == "log" and ax.get_title() == "MSE"


def test_loss_curve_labels_rename_curves():
    ax = plots.loss_curve(np.array([1.0, 0.5]), labels="SimpleRNN")
    assert legend_texts(ax) == ["SimpleRNN"]
    ax = plots.loss_curve({"a": [1.0], "b": [2.0]}, labels=["LSTM", "GRU"])
    assert legend_texts(ax) == ["LSTM", "GRU"]


def test_loss_curve_reads_keras_and_rnnkit_histories():
    keras_history = SimpleNamespace(history={"loss": [1.0, 0.5], "val_loss": [1.1, 0.8],
                                             "mae": [0.9, 0.6]})
    assert legend_texts(plots.loss_curve(keras_history)) == ["train", "validation"]
    ax = plots.loss_curve(History(loss=[1.0, 0.4]))         # trained without validation data
    assert legend_texts(ax) == ["train"]
    assert list(ax.lines[0].get_ydata()) == [1.0, 0.4]


@pytest.mark.parametrize("history, kwargs, error, match", [
    ([[1.0, 2.0]], {}, ValueError, "history must have 1 dimensions"),
    ([1.0, np.nan], {}, ValueError, "history contains NaN"),
    ([], {}, ValueError, "history is empty"),
    ("loss", {}, TypeError, "history must be an array"),
    ({}, {}, ValueError, "history is an empty dict"),
    ({"train": [1.0, np.inf]}, {}, ValueError, re.escape("history['train'] contains NaN")),
    ([1.0, 0.0], {"log": True}, ValueError, "history must hold losses > 0 for log=True"),
    ({"a": [1.0], "b": [2.0]}, {"labels": ["one"]}, ValueError,
     "labels must give one name per curve"),
])
def test_loss_curve_rejects_bad_input(history, kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.loss_curve(history, **kwargs)


# ---------------------------------------------------------------- predictions and series

def test_predictions_scatter_with_the_identity_line():
    y_true, y_pred = [[0.0], [1.0], [2.0]], [[0.5], [1.0], [1.5]]      # lists of shape (N, 1)
    ax = plots.predictions(y_true, y_pred)
    (points,) = ax.collections
    assert np.allclose(points.get_offsets(), [[0, 0.5], [1, 1], [2, 1.5]])
    (line,) = ax.lines
    assert list(line.get_xdata()) == list(line.get_ydata()) == [0.0, 2.0]
    assert ax.get_xlim() == ax.get_ylim()
    assert ax.get_xlabel() == "target" and ax.get_ylabel() == "prediction"


def test_predictions_of_a_constant_still_has_a_range():
    ax = plots.predictions([1.0, 1.0], [1.0, 1.0])
    assert ax.get_xlim() == (0.0, 2.0)


def test_series_plots_targets_and_predictions_by_sample():
    ax = plots.series(np.arange(4.0), np.arange(4.0) + 0.5, title="test set")
    target, prediction = ax.lines
    assert list(target.get_ydata()) == [0, 1, 2, 3]
    assert list(prediction.get_ydata()) == [0.5, 1.5, 2.5, 3.5]
    assert legend_texts(ax) == ["target", "prediction"] and ax.get_title() == "test set"


@pytest.mark.parametrize("function", [plots.predictions, plots.series])
def test_predictions_and_series_reject_bad_input(function):
    with pytest.raises(ValueError, match=re.escape("y_pred must have the shape of y_true (3,)")):
        function([1.0, 2.0, 3.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="y_true contains NaN"):
        function([1.0, np.nan], [1.0, 2.0])
    with pytest.raises(TypeError, match="y_pred must contain numbers"):
        function([1.0, 2.0], ["a", "b"])


# ---------------------------------------------------------------- hidden_heatmap

def test_hidden_heatmap_shows_time_across_and_units_down():
    Hs = np.tanh(np.random.default_rng(0).normal(size=(5, 3)))      # T = 5 steps, H = 3 units
    ax = plots.hidden_heatmap(Hs)
    (image,) = ax.images
    assert np.array_equal(image.get_array(), Hs.T)
    assert image.get_clim() == (-1, 1)
    assert image.get_extent() == [0.5, 5.5, 2.5, -0.5]              # columns centred on t = 1..5
    # the heatmap and its colour bar
    assert len(ax.figure.axes) == 2
    assert ax.get_xlabel() == "time step t" and ax.get_ylabel() == "hidden unit"
    assert not [patch for patch in ax.patches if isinstance(patch, Rectangle)]


def test_hidden_heatmap_tokens_and_highlight():
    ax = plots.hidden_heatmap([[0.1, -0.2], [0.3, 0.9], [-1.0, 1.0]], tokens=["how", "are", "you"],
                              highlight=2)
    assert [label.get_text() for label in ax.get_xticklabels()] == ["how", "are", "you"]
    (box,) = [patch for patch in ax.patches if isinstance(patch, Rectangle)]
    assert box.get_xy() == (1.5, -0.5) and box.get_width() == 1 and box.get_height() == 2


def test_hidden_heatmap_accepts_a_string_of_characters_as_tokens():
    ax = plots.hidden_heatmap(np.zeros((3, 2)), tokens="abc")
    assert [label.get_text() for label in ax.get_xticklabels()] == ["a", "b", "c"]


@pytest.mark.parametrize("Hs, kwargs, error, match", [
    (np.zeros((2, 3, 4)), {}, ValueError, re.escape("for a batch pass Hs[0]")),
    (np.zeros(3), {}, ValueError, "Hs must have 2 dimensions"),
    ([[0.0, np.nan]], {}, ValueError, "Hs contains NaN"),
    (np.zeros((3, 2)), {"tokens": ["a", "b"]}, ValueError,
     r"tokens must give one label per time step \(T = 3\)"),
    (np.zeros((3, 2)), {"tokens": 3}, TypeError, "tokens must be a list"),
    (np.zeros((3, 2)), {"highlight": 0}, ValueError, "highlight must be a whole number >= 1"),
    (np.zeros((3, 2)), {"highlight": 4}, ValueError,
     "highlight must be a time step from 1 to T = 3"),
    (np.zeros((3, 2)), {"highlight": 1.5}, TypeError, "highlight must be a whole number"),
])
def test_hidden_heatmap_rejects_bad_input(Hs, kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.hidden_heatmap(Hs, **kwargs)


# ---------------------------------------------------------------- next_word_bars

WORDS = ["how", "are", "you", "?", "is", "the"]
PROBS = [0.05, 0.6, 0.2, 0.1, 0.04, 0.01]


def test_next_word_bars_shows_the_top_words_best_first_and_highlighted():
    ax = plots.next_word_bars(WORDS, PROBS, top=3)
    bars = ax.patches
    assert len(bars) == 3
    assert [label.get_text() for label in ax.get_yticklabels()] == ["are", "you", "?"]
    assert [bar.get_width() for bar in bars] == [0.6, 0.2, 0.1]
    assert same_color(bars[0].get_facecolor(), plots.COLORS["orange"])
    assert all(same_color(bar.get_facecolor(), plots.COLORS["sky"]) for bar in bars[1:])
    assert [text.get_text() for text in ax.texts] == ["0.60", "0.20", "0.10"]
    assert ax.yaxis_inverted()                                      # the best word on top


def test_next_word_bars_with_fewer_words_than_top():
    ax = plots.next_word_bars(np.array(["yes", "no"]), np.array([0.3, 0.7]))
    assert len(ax.patches) == 2
    assert [label.get_text() for label in ax.get_yticklabels()] == ["no", "yes"]


@pytest.mark.parametrize("words, probs, kwargs, error, match", [
    ("are", [1.0], {}, TypeError, "words must be a list of words"),
    (3, [1.0], {}, TypeError, "words must be a list of words"),
    (WORDS[:2], PROBS, {}, ValueError, "words and probs must have the same length"),
    (WORDS, [[p] for p in PROBS], {}, ValueError, "probs must have 1 dimensions"),
    (["a", "b"], [0.5, -0.1], {}, ValueError, "probs must hold probabilities between 0 and 1"),
    (["a", "b"], [2.0, 3.0], {}, ValueError, "apply softmax first"),
    (["a", "b"], [0.5, np.nan], {}, ValueError, "probs contains NaN"),
    (WORDS, PROBS, {"top": 0}, ValueError, "top must be a whole number >= 1"),
])
def test_next_word_bars_rejects_bad_input(words, probs, kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.next_word_bars(words, probs, **kwargs)


# ---------------------------------------------------------------- gradient_norms

def test_gradient_norms_several_radii_on_a_log_axis():
    k = np.arange(10)
    norms = {f"radius {r}": r ** k for r in (0.5, 1.0, 1.5)}
    ax = plots.gradient_norms(k, norms)
    assert ax.get_yscale() == "log"
    assert legend_texts(ax) == list(norms)
    assert np.array_equal(ax.lines[2].get_ydata(), 1.5 ** k)
    assert np.array_equal(ax.lines[0].get_xdata(), k)


def test_gradient_norms_one_curve_linear_with_a_label():
    ax = plots.gradient_norms([0, 1, 2], [1.0, 0.5, 0.25], log=False, labels="tanh RNN",
                              title="BPTT")
    assert ax.get_yscale() == "linear" and ax.get_title() == "BPTT"
    assert legend_texts(ax) == ["tanh RNN"]
    ax = plots.gradient_norms([0, 1, 2], [1.0, 0.5, 0.0])                   # a norm may vanish to 0
    assert ax.get_legend() is None
    assert ax.get_ylabel() == r"$\|\partial L / \partial h_{T-k}\|$"


def test_gradient_norms_says_what_its_curves_are():
    ax = plots.gradient_norms([0, 1, 2], [1.0, 0.5, 0.25], ylabel="fraction of the gradient left")
    assert ax.get_ylabel() == "fraction of the gradient left"


@pytest.mark.parametrize("distances, norms, error, match", [
    ([0, 1, 2], [1.0, 0.5], ValueError, "norms must have one value per distance"),
    ([0, 1], {"0.9": [1.0, 0.9], "1.1": [1.0]}, ValueError, "the curve 1.1 has shape"),
    ([0, 1], [1.0, -0.5], ValueError, "norms must be >= 0"),
    ([[0, 1]], [1.0, 0.5], ValueError, "distances must have 1 dimensions"),
    ([0, 1], [1.0, np.nan], ValueError, "norms contains NaN"),
])
def test_gradient_norms_rejects_bad_input(distances, norms, error, match):
    with pytest.raises(error, match=match):
        plots.gradient_norms(distances, norms)


# ---------------------------------------------------------------- sequences

def test_sequences_plots_the_first_n_with_targets_after_the_last_step():
    X = np.arange(24.0).reshape(6, 4, 1)                              # N = 6, T = 4, D = 1
    y = X[:, -1, 0] + 1
    ax = plots.sequences(X, y, n=2)
    solid = [line for line in ax.lines
             if line.get_linestyle() == "-" and len(line.get_xdata()) == 4]
    assert len(solid) == 2
    assert np.array_equal(solid[1].get_ydata(), X[1, :, 0])
    markers = [line for line in ax.lines
               if line.get_marker() == "o" and len(line.get_xdata()) == 1]
    assert ([(line.get_xdata()[0], line.get_ydata()[0]) for line in markers]
            == [(5, y[0]), (5, y[1])])
    assert legend_texts(ax) == ["target y (the next value)"]
    assert ax.get_title() == "2 of the 6 sequences"


def test_sequences_without_targets_from_a_2d_list():
    ax = plots.sequences([[0.0, 1.0, 2.0], [1.0, 1.0, 0.0]])          # (N, T), n > N
    assert len(ax.lines) == 2 and ax.get_legend() is None


@pytest.mark.parametrize("X, y, kwargs, error, match", [
    (np.zeros((2, 3, 2)), None, {}, ValueError, "X must have one feature per time step"),
    (np.zeros(3), None, {}, ValueError, "X must have 2 or 3 dimensions"),
    (np.full((2, 3), np.nan), None, {}, ValueError, "X contains NaN"),
    (np.zeros((2, 3)), [1.0, 2.0, 3.0], {}, ValueError,
     r"y must have one target per sequence \(N = 2\)"),
    (np.zeros((2, 3)), [[[1.0]]], {}, ValueError, "y must have 1 or 2 dimensions"),
    (np.zeros((2, 3)), None, {"n": 0}, ValueError, "n must be a whole number >= 1"),
])
def test_sequences_rejects_bad_input(X, y, kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.sequences(X, y, **kwargs)


# ---------------------------------------------------------------- perplexity_bars

def test_perplexity_bars_label_each_model_and_highlight_the_lowest():
    ax = plots.perplexity_bars({"uniform": 50.0, "bigram": 12.7, "RNN": 3.4})
    assert [label.get_text() for label in ax.get_yticklabels()] == ["uniform", "bigram", "RNN"]
    assert [bar.get_width() for bar in ax.patches] == [50.0, 12.7, 3.4]
    assert [text.get_text() for text in ax.texts] == ["50.0", "12.7", "3.4"]
    assert same_color(ax.patches[2].get_facecolor(), plots.COLORS["orange"])
    assert all(same_color(bar.get_facecolor(), plots.COLORS["sky"]) for bar in ax.patches[:2])
    assert ax.yaxis_inverted() and ax.get_xlabel() == "perplexity"
    fig, given = plt.subplots()
    assert plots.perplexity_bars({"one": 1.0}, ax=given) is given


@pytest.mark.parametrize("perplexities, error, match", [
    ([50.0, 3.4], TypeError, "perplexities must be a non-empty dict"),
    ({}, TypeError, "perplexities must be a non-empty dict"),
    ({"a": 2.0, "b": 0.5}, ValueError, "perplexities must be >= 1.*'b'"),
    ({"a": np.nan}, ValueError, "perplexities contains NaN"),
    ({"a": "high"}, TypeError, "perplexities"),
])
def test_perplexity_bars_rejects_bad_input(perplexities, error, match):
    with pytest.raises(error, match=match):
        plots.perplexity_bars(perplexities)


# ---------------------------------------------------------------- perplexity_curves

def test_perplexity_curves_draw_each_curve_and_each_baseline():
    x = np.array([100.0, 200.0, 300.0])
    ax = plots.perplexity_curves({"training": (x, [20.0, 9.0, 7.0]),
                                  "held-out": (x[1:], [10.0, 8.0])},
                                 baselines={"bigram": 12.0, "5-gram": 6.0})
    lines = ax.get_lines()
    assert [line.get_label() for line in lines[:2]] == ["training", "held-out"]
    assert np.array_equal(lines[1].get_xdata(), x[1:]) and list(lines[1].get_ydata()) == [10, 8]
    assert [line.get_ydata()[0] for line in lines[2:]] == [12.0, 6.0]
    assert [text.get_text() for text in ax.texts] == ["bigram", "5-gram"]
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "characters trained on"
    assert ax.yaxis.get_major_formatter()(20.0, 0) == "20"          # not 2 x 10^1
    assert ax.yaxis.get_minor_formatter()(6.0, 0) == "6"
    assert ax.xaxis.get_major_formatter()(200000.0, 0) == "200,000"
    assert legend_texts(ax) == ["training", "held-out"]
    fig, given = plt.subplots()
    assert plots.perplexity_curves({"a": ([1.0], [2.0])}, ax=given) is given


@pytest.mark.parametrize("curves, baselines, error, match", [
    ([1, 2], None, TypeError, "curves must be a non-empty dict"),
    ({}, None, TypeError, "curves must be a non-empty dict"),
    ({"a": [1.0, 2.0, 3.0]}, None, TypeError, r"curves\['a'\] must be a pair"),
    ({"a": ([1.0, 2.0], [3.0])}, None, ValueError, "one perplexity per x"),
    ({"a": ([1.0], [0.5])}, None, ValueError, "perplexity must be >= 1"),
    ({"a": ([1.0], [np.nan])}, None, ValueError, "perplexity contains NaN"),
    ({"a": ([1.0], [2.0])}, [3.0], TypeError, "baselines must be a dict"),
    ({"a": ([1.0], [2.0])}, {"b": 0.2}, ValueError, "baselines must be perplexities >= 1"),
])
def test_perplexity_curves_reject_bad_input(curves, baselines, error, match):
    with pytest.raises(error, match=match):
        plots.perplexity_curves(curves, baselines)


# ---------------------------------------------------------------- forecasts

def test_forecasts_draws_the_truth_solid_and_each_forecast_dashed():
    t = 2020 + np.arange(24) / 12
    truth = np.arange(24.0)
    ax = plots.forecasts(t, truth[:, None], {"AR": truth + 1, "RNN": (truth - 1)[:, None]},
                         ylabel="CO2 (ppm)")
    assert legend_texts(ax) == ["what happened", "AR", "RNN"]
    truth_line, ar, rnn = ax.lines
    assert same_color(truth_line.get_color(), plots.COLORS["black"])
    assert truth_line.get_linestyle() == "-" and ar.get_linestyle() == "--"
    assert list(rnn.get_ydata()) == list(truth - 1)
    assert ax.get_xlabel() == "year" and ax.get_ylabel() == "CO2 (ppm)"
    assert all(float(tick).is_integer() for tick in ax.get_xticks())


def test_forecasts_takes_one_forecast_and_given_axes():
    fig, given = plt.subplots()
    ax = plots.forecasts([1, 2, 3], [1.0, 2.0, 3.0], [1.0, 2.0, 2.5], ax=given, title="t")
    assert ax is given and legend_texts(ax) == ["what happened", "forecast"]
    assert ax.get_title() == "t"


@pytest.mark.parametrize("t, y_true, y_preds, error, match", [
    ([1, 2, 3], [1.0, 2.0], [1.0, 2.0], ValueError, r"y_true must have one value per time in t"),
    ([1, 2, 3], [1.0, 2.0, 3.0], {"AR": [1.0]}, ValueError, r"y_preds\['AR'\] must have one "
                                                            r"value per time"),
    ([1, 2, 3], [1.0, 2.0, 3.0], {}, ValueError, "y_preds is an empty dict"),
    ([[1, 2, 3]], [1.0, 2.0, 3.0], [1.0, 2.0, 3.0], ValueError, "t must have 1 dimensions"),
    ([1, 2, 3], [1.0, np.nan, 3.0], [1.0, 2.0, 3.0], ValueError, "y_true contains NaN"),
])
def test_forecasts_rejects_bad_input(t, y_true, y_preds, error, match):
    with pytest.raises(error, match=match):
        plots.forecasts(t, y_true, y_preds)


# ---------------------------------------------------------------- notebook 11: times, the scan

def test_times_against_length_draws_each_curve_a_slope_1_guide_and_ratios():
    ax = plots.times_against_length([32, 128, 512], {"GRU": [4e-3, 1.6e-2, 6.4e-2],
                                                     "minGRU": [1e-3, 4e-3, 2e-2]},
                                    ratio=("GRU", "minGRU"), title="t")
    assert legend_texts(ax) == ["GRU", "minGRU", "proportional to T"]
    assert ax.get_xscale() == ax.get_yscale() == "log" and ax.get_title() == "t"
    np.testing.assert_allclose(ax.lines[2].get_ydata(), [4e-3, 1.6e-2, 6.4e-2])
    assert [text.get_text() for text in ax.texts] == ["4.0x", "4.0x", "3.2x"]
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["32", "128", "512"]


def test_times_against_length_takes_one_curve_and_given_axes():
    fig, given = plt.subplots()
    ax = plots.times_against_length([10, 1000], [1e-3, 0.1], ax=given)
    assert ax is given and legend_texts(ax) == ["proportional to T"] and not ax.texts
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["10", "1,000"]


@pytest.mark.parametrize("lengths, times, ratio, error, match", [
    ([1, 2], [1.0], None, ValueError, "times must have one value per length"),
    ([0, 2], [1.0, 2.0], None, ValueError, "lengths must be > 0"),
    ([1, 2], [1.0, 0.0], None, ValueError, "times must be > 0 seconds"),
    ([1, 2], {"a": [1.0, 2.0]}, ("a", "b"), ValueError, r"ratio must be a pair of the labels"),
    ([1, 2], {}, None, ValueError, "times is an empty dict"),
])
def test_times_against_length_rejects_bad_input(lengths, times, ratio, error, match):
    with pytest.raises(error, match=match):
        plots.times_against_length(lengths, times, ratio=ratio)


@pytest.mark.parametrize("T, rounds", [(2, 1), (8, 3), (9, 4), (32, 5)])
def test_scan_diagram_has_a_row_per_round_and_an_arrow_per_combination(T, rounds):
    ax = plots.scan_diagram(T)
    assert len(ax.collections) == rounds + 1                     # the pairs, then each round
    arrows = [text for text in ax.texts if text.arrow_patch is not None]
    assert len(arrows) == sum(max(T - 2 ** j, 0) for j in range(rounds))
    assert f"{rounds} rounds instead of {T} steps" in ax.get_title()


def test_scan_diagram_rejects_bad_sizes():
    with pytest.raises(ValueError, match="T must be a whole number >= 2"):
        plots.scan_diagram(1)
    with pytest.raises(ValueError, match="T must be at most 32"):
        plots.scan_diagram(33)


# ---------------------------------------------------------------- notebook 10: attention

def test_accuracy_by_length_draws_a_mean_and_a_band_per_model():
    runs = {"without": np.array([[1.0, 0.5, 0.1], [1.0, 0.7, 0.0]]),
            "with": np.array([[1.0, 0.9, 0.8], [1.0, 1.0, 0.9]])}
    ax = plots.accuracy_by_length([2, 4, 6], runs)
    assert legend_texts(ax) == ["without (2 seeds)", "with (2 seeds)"]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [1.0, 0.6, 0.05])
    assert len(ax.collections) == 2 and ax.get_ylim() == (-0.03, 1.03)


@pytest.mark.parametrize("lengths, results, error, match", [
    ([2, 4], {}, TypeError, "results must be a non-empty dict"),
    ([2, 4], {"a": np.ones((2, 3))}, ValueError, r"results\['a'\] must have shape"),
    ([[2, 4]], {"a": np.ones((1, 2))}, ValueError, "lengths must have 1 dimensions"),
])
def test_accuracy_by_length_rejects_bad_input(lengths, results, error, match):
    with pytest.raises(error, match=match):
        plots.accuracy_by_length(lengths, results)


def test_attention_heatmap_labels_inputs_across_and_outputs_down():
    weights = np.array([[0.9, 0.1, 0.0], [0.0, 0.2, 0.8]])
    ax = plots.attention_heatmap(weights, ["a", "b", "c"], ["x", "."])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["x", "."]
    np.testing.assert_array_equal(ax.images[0].get_array(), weights)
    assert ax.images[0].get_clim() == (0, 1)
    with pytest.raises(ValueError, match="inputs must give one label per time step"):
        plots.attention_heatmap(weights, ["a", "b"], ["x", "."])
    with pytest.raises(ValueError, match="weights must have 2 dimensions"):
        plots.attention_heatmap(weights[0], ["a", "b", "c"], ["x"])


def test_embedding_map_puts_rows_that_differ_along_one_direction_apart_on_the_first_axis():
    rng = np.random.default_rng(0)
    W_e = 0.01 * rng.normal(size=(6, 4))
    W_e[:3, 0] += 1.0                                   # two groups, far apart along e_0
    ax = plots.embedding_map(W_e, list("abcdef"), groups=[0, 0, 0, 1, 1, 1])
    places = {text.get_text(): text.get_position() for text in ax.texts}
    assert sorted(places) == list("abcdef")
    first = np.array([places[t][0] for t in "abcdef"])
    assert abs(first[:3].mean() - first[3:].mean()) > 0.8 and np.ptp(first[:3]) < 0.2
    dots = np.concatenate([line.get_xdata() for line in ax.lines[1::2]])
    assert dots[np.abs(dots).argmax()] > 0              # each component signed: largest > 0
    assert len(ax.lines) == 4                           # a loop and the dots, for each group
    again = plots.embedding_map(W_e, list("abcdef"))
    assert len(again.lines) == 1                        # one group of ungrouped dots


@pytest.mark.parametrize("W_e, tokens, groups, error, match", [
    (np.ones((3, 1)), ["a", "b", "c"], None, ValueError, "at least 2 rows and 2 columns"),
    (np.ones((3, 2)), ["a", "b"], None, ValueError, "tokens must give one label"),
    (np.ones((3, 2)), ["a", "b", "c"], [0, 1], ValueError, "groups must give one label"),
])
def test_embedding_map_rejects_bad_input(W_e, tokens, groups, error, match):
    with pytest.raises(error, match=match):
        plots.embedding_map(W_e, tokens, groups)


def test_loss_by_group_draws_one_bar_per_model_and_group():
    ax = plots.loss_by_group(["never", "1-9", "10+"], {"LSTM": [2.2, 1.6, 1.4],
                                                      "6-gram": [2.5, 1.6, 1.3]})
    assert len(ax.patches) == 6
    assert [t.get_text() for t in ax.get_xticklabels()] == ["never", "1-9", "10+"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["LSTM", "6-gram"]
    with pytest.raises(ValueError, match=r"losses\['LSTM'\] must have shape \(3,\)"):
        plots.loss_by_group(["a", "b", "c"], {"LSTM": [1.0, 2.0]})
    with pytest.raises(TypeError, match="losses must be a non-empty dict"):
        plots.loss_by_group(["a"], [1.0])
    plt.close("all")


def test_unit_activation_colours_one_box_per_character_and_wraps_lines():
    text = "ROMEO:\nBut soft, what light?"
    ax = plots.unit_activation(text, np.linspace(-1, 1, len(text)), width=10)
    assert len(ax.patches) == len(text)
    assert "⏎" in [t.get_text() for t in ax.texts]                      # the newline is shown
    assert ax.get_ylim()[0] == -4                    # 2 lines, the second wrapped twice
    with pytest.raises(ValueError, match=r"values must have shape \(28,\)"):
        plots.unit_activation(text, np.zeros(3))
    with pytest.raises(TypeError, match="text must be a non-empty str"):
        plots.unit_activation("", [])
    plt.close("all")
