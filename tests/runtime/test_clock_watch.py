"""The clock watch: a replica measures its own clock against the stamps on its peers' tokens."""

from __future__ import annotations

from app.runtime.clock_watch import AHEAD, BEHIND, OK, ClockReport, ClockWatch
from tests.conftest import T0

SKEW = 60


def peer(n: int) -> bytes:
    return n.to_bytes(8, "big")


def test_fresh_peer_tokens_say_nothing_is_wrong() -> None:
    watch = ClockWatch(SKEW)
    for n in range(40):
        assert watch.observe(peer(n), T0 - n % 20, T0) == 0  # stamped up to 20 s ago: a customer's pause
    assert watch.report == ClockReport(OK, 0, 32)


def test_tokens_consistently_from_the_future_mean_this_clock_is_behind() -> None:
    changes: list[ClockReport] = []
    watch = ClockWatch(SKEW, on_change=changes.append)
    allowances = [watch.observe(peer(n), T0 + 300 - n, T0) for n in range(5)]
    # the first two could be a fluke; from the third on the measured skew is accepted
    assert allowances[:2] == [0, 0]
    assert all(a >= 290 for a in allowances[2:])
    assert watch.report.status == BEHIND and 295 <= watch.report.offset_seconds <= 300
    assert [c.status for c in changes] == [BEHIND]  # one loud change, not one per turn
    assert "behind" in watch.report.describe()


def test_tokens_consistently_from_the_far_past_mean_this_clock_is_ahead() -> None:
    watch = ClockWatch(SKEW)
    for n in range(4):
        assert watch.observe(peer(n), T0 - 600 - n, T0) == 0  # older tokens are never refused for the clock
    assert watch.report.status == AHEAD and watch.report.offset_seconds <= -600


def test_tokens_this_process_minted_are_not_samples() -> None:
    watch = ClockWatch(SKEW)
    for n in range(10):
        watch.minted(peer(n), T0 - 900)
        watch.observe(peer(n), T0 - 900, T0)  # own tokens: stamped with this very clock
    assert watch.report == ClockReport(OK, 0, 0)


def test_a_minority_of_skewed_peers_is_accepted_but_does_not_flag_this_replica() -> None:
    watch = ClockWatch(SKEW)
    for n in range(30):
        skewed = n % 3 == 0  # one peer of three is 5 minutes ahead
        watch.observe(peer(n), T0 + (300 if skewed else -5), T0)
    assert watch.report.status == OK
    assert watch.observe(peer(99), T0 + 300, T0) >= 300 - SKEW  # its tokens are still taken


def test_the_watch_recovers_when_the_clocks_agree_again() -> None:
    watch = ClockWatch(SKEW, window=8)
    for n in range(8):
        watch.observe(peer(n), T0 + 300, T0)
    assert watch.report.status == BEHIND
    for n in range(8, 16):
        watch.observe(peer(n), T0 + 300 - 2, T0 + 300)  # NTP fixed the clock
    assert watch.report.status == OK
    assert watch.observe(peer(20), T0 + 300, T0 + 300) == 0
