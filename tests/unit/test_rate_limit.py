"""channels.rate_limit: per-sender and per-IP token buckets, and whose forwarded address counts."""
from channels.rate_limit import Bucket, RateLimits


class Clock:
    now = 1000.0

    def __call__(self):
        return self.now


def limits(**kw):
    clock = Clock()
    return RateLimits(Bucket(60, 20), Bucket(6000, 600), kw.get("proxies", ()), clock), clock


def test_a_flood_from_one_sender_is_cut_after_the_burst_and_others_still_pass():
    lim, clock = limits()
    passed = sum(lim.allow("flooder", "1.2.3.4") for _ in range(80))
    assert passed == 20
    assert lim.allow("someone-else", "1.2.3.4")
    clock.now += 5  # 60 a minute: 5 more after 5 s
    assert sum(lim.allow("flooder", "1.2.3.4") for _ in range(10)) == 5


def test_fifty_users_on_one_address_at_a_brisk_pace_never_hit_the_ip_limit():
    lim, clock = limits()
    for second in range(120):
        clock.now += 1
        assert all(lim.allow(f"user-{u}", "127.0.0.1") for u in range(50) if (second + u) % 2 == 0)


def test_forwarded_for_counts_only_from_a_trusted_proxy():
    lim, _ = limits(proxies=("10.0.0.5",))
    assert lim.client_ip("10.0.0.5", "203.0.113.9") == "203.0.113.9"
    assert lim.client_ip("198.51.100.7", "203.0.113.9") == "198.51.100.7"
    assert lim.client_ip("10.0.0.5", None) == "10.0.0.5"


def test_zero_turns_a_limit_off():
    lim = RateLimits(Bucket(0, 0), Bucket(0, 0))
    assert all(lim.allow("s", "ip") for _ in range(1000))


def test_settings_come_from_the_environment():
    lim = RateLimits.from_env({"RATE_SENDER_BURST": "3", "RATE_SENDER_PER_MINUTE": "1"})
    assert sum(lim.allow("s", "ip") for _ in range(10)) == 3
