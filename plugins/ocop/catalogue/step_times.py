"""Wall-clock time of each step of a build, for the profile a build logs (`Write steps: …`).

Wall-clock, not cProfile: the steps run in worker processes and external programs (Pagefind), and a
profiler makes pure-Python steps look several times their cost (docs/performance.md).
"""

from __future__ import annotations

import time
from contextlib import contextmanager


class StepTimes:
    def __init__(self):
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

    @staticmethod
    def name_of(function) -> str:
        """`search.index_site` for `ocop.search.index_site`."""
        module = getattr(function, "__module__", None) or ""
        return f"{module.removeprefix('ocop.')}.{getattr(function, '__qualname__', type(function).__name__)}".lstrip(".")

    def __str__(self) -> str:
        """`pages 80.1 s, search.index_site 30.2 s, …`: the steps of 0.05 s or more, in the order they ran."""
        return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.seconds.items() if seconds >= 0.05) or "none"
