"""The performance benchmark: ``python tests/bench/run.py`` (see run.py for what it measures)."""
