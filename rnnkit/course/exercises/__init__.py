"""The checks of each notebook's exercises, one module per notebook.

    from rnnkit.course.exercises import feedforward as ex
    ex.check_relu_layer(my_y, x, W, b)        # prints "Correct: ..." or "Not yet: ..."

Each check computes the right answer with rnnkit from the notebook's own data
(so the answer is never written in the exercise cell), never prints the expected
value, and reads the typical wrong answers of its exercise (a forgotten
activation, a transposed weight, an off-by-one T, the wrong axis) from one
registry in its module, a list of rnnkit.course.checks.Mistake, each with its own
hint. tests/test_exercises_<module>.py iterates the same registries.

Modules are named after the notebooks: start_here (00), feedforward (01),
recurrence (02), topologies (03), next_word (04), training_through_time (05),
keras_regression (06), generate_text (07), inside_the_lstm (08),
forecast_co2 (09), attention (10), parallel_rnns (11). Import one explicitly;
`import rnnkit` does not load them.
"""
