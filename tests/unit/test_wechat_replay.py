"""channels.wechat_replay: stale timestamps and reused nonces are refused, WeChat's own
retries of one message are not (a clock the test sets)."""
import pytest

from channels.wechat_replay import Replayed, ReplayGuard


class Clock:
    def __init__(self, now=1_800_000_000.0):
        self.now = now

    def __call__(self):
        return self.now


def test_an_hour_old_or_future_timestamp_is_refused():
    clock = Clock()
    guard = ReplayGuard(clock=clock)
    for ts in (clock.now - 3600, clock.now + 3600, clock.now - 301):
        with pytest.raises(Replayed, match="timestamp"):
            guard.check(str(int(ts)), "n1", "m1")
    guard.check(str(int(clock.now - 299)), "n2", "m2")


def test_a_timestamp_that_is_no_number_is_refused():
    with pytest.raises(Replayed):
        ReplayGuard(clock=Clock()).check("yesterday", "n", "m")


def test_a_nonce_used_again_for_another_message_is_refused_but_a_retry_is_not():
    clock = Clock()
    guard = ReplayGuard(clock=clock)
    ts = str(int(clock.now))
    guard.check(ts, "abc", "msg-1")
    guard.check(ts, "abc", "msg-1")  # WeChat retrying the same message
    with pytest.raises(Replayed, match="nonce"):
        guard.check(ts, "abc", "msg-2")


def test_nonces_are_forgotten_after_the_window():
    clock = Clock()
    guard = ReplayGuard(clock=clock)
    guard.check(str(int(clock.now)), "abc", "msg-1")
    clock.now += 400
    for i in range(1100):  # enough to prune
        guard.check(str(int(clock.now)), f"n{i}", f"m{i}")
    assert "abc" not in guard._seen
    guard.check(str(int(clock.now)), "abc", "msg-3")
