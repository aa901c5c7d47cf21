"""The benchmark's percentile arithmetic (bench/stats.py)."""
import pytest

from bench.stats import latency_summary, percentile


def test_percentile_interpolates_between_ranks_like_numpy():
    samples = [4.0, 1.0, 3.0, 2.0]  # unsorted on purpose
    assert percentile(samples, 0) == 1.0
    assert percentile(samples, 100) == 4.0
    assert percentile(samples, 50) == pytest.approx(2.5)
    assert percentile(samples, 95) == pytest.approx(3.85)  # numpy.percentile gives 3.85


def test_percentile_of_one_sample_is_that_sample():
    assert percentile([0.2], 99) == 0.2


def test_percentile_refuses_no_samples_and_bad_points():
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_latency_summary_reports_milliseconds_and_the_count():
    s = latency_summary([0.010, 0.020, 0.030, 0.040, 0.050])
    assert s == {"n": 5, "p50": 30.0, "p95": 48.0, "p99": 49.6}


def test_latency_summary_without_samples_has_no_percentiles():
    assert latency_summary([], points=(50, 95)) == {"n": 0, "p50": None, "p95": None}
