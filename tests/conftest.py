import os

import matplotlib

matplotlib.use("Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")    # TensorFlow: no C++ log lines on stderr,
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")   # and no oneDNN (CPU-dependent rounding)
