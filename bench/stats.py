"""Percentiles and summaries of latency samples (pure functions, unit-tested)."""
from typing import Dict, Sequence


def percentile(samples: Sequence[float], p: float) -> float:
    """The p-th percentile (0..100) with linear interpolation between ranks, as numpy's default."""
    if not samples:
        raise ValueError("no samples")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be within 0..100, got {p}")
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_summary(seconds: Sequence[float], points=(50, 95, 99)) -> Dict[str, float]:
    """{"n": count, "p50": ms, ...}; percentiles are None when there are no samples."""
    out = {"n": len(seconds)}
    for p in points:
        out[f"p{p}"] = round(percentile(seconds, p) * 1000, 1) if seconds else None
    return out
