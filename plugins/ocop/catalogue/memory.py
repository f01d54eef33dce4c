"""Keep Python's cycle collector off the catalogue, which lives for the whole build.

Reading a national catalogue makes millions of objects (the content cache, the parsed documents, the
model, whose products and producers refer to each other). While they are made, each full collection
walks all of them again, and again at exit, only to find them alive: at 17,000 products that was about
5 s of a 17 s rebuild. So the read phase runs with the collector paused, and what it made is then frozen
(`gc.freeze`: left out of every later collection, and not touched in forked workers, whose memory stays
shared). The next run of the same process (`--autoreload`, tests) unfreezes it first, so a catalogue that
is no longer used can still be freed.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def long_lived():
    """Make the objects that live until the end of the build inside this block."""
    gc.unfreeze()  # a previous run's objects may be garbage now
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
