"""The build's own profile (`Write steps: …` in a verbose build's log): each step's wall-clock time."""

from __future__ import annotations

import time

from ocop.catalogue.step_times import StepTimes


def index_site():
    """Stands for a receiver of catalogue_written."""


def test_steps_are_timed_in_the_order_they_ran_and_repeats_add_up():
    steps = StepTimes()
    with steps("pages"):
        time.sleep(0.06)
    with steps("search.index_site"):
        time.sleep(0.05)
    with steps("pages"):
        time.sleep(0.06)
    assert list(steps.seconds) == ["pages", "search.index_site"]
    assert steps.seconds["pages"] >= 0.12
    assert str(steps).startswith("pages 0.1 s, search.index_site 0.")


def test_a_step_that_fails_is_still_timed_and_short_steps_are_left_out_of_the_line():
    steps = StepTimes()
    try:
        with steps("open_data.write_files"):
            raise ValueError("bad")
    except ValueError:
        pass
    with steps("sitemaps"):
        pass
    assert set(steps.seconds) == {"open_data.write_files", "sitemaps"}
    assert str(steps) == "none"


def test_a_receiver_is_named_by_its_plugin_and_function():
    assert StepTimes.name_of(index_site) == "test_step_times.index_site"
    index_site.__module__ = "ocop.search"
    assert StepTimes.name_of(index_site) == "search.index_site"
