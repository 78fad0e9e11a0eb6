"""Linear work measured in operations, not seconds: the Python calls a piece of work makes on an input
and on one four times as long."""

from __future__ import annotations

import cProfile
from collections.abc import Callable

LINEAR_BOUND = 6.0  #: most calls a 4x longer input may make, in multiples of the shorter one's


def calls(work: Callable[[], object]) -> int:
    """The function calls work makes, once its caches are warm (the same count on any machine)."""
    work()
    profiler = cProfile.Profile()
    profiler.enable()
    work()
    profiler.disable()
    return sum(entry.callcount for entry in profiler.getstats())


def assert_linear(unit: str, size: int, work: Callable[[str], object]) -> None:
    """work on unit repeated to size, then to 4 x size, makes no more than linearly many calls."""
    short = unit * max(1, size // len(unit))
    long = unit * max(1, 4 * size // len(unit))
    short_calls = calls(lambda: work(short))
    long_calls = calls(lambda: work(long))
    assert long_calls <= LINEAR_BOUND * short_calls, (
        f"{unit!r}: {len(short)} characters made {short_calls} calls, {len(long)} made {long_calls}")
