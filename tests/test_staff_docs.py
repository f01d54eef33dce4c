"""Every task is listed with help by `invoke --list`, and both staff guides explain every task and every
spreadsheet column."""

from __future__ import annotations

import re

import pytest

from catalogue_tools.spreadsheet_import import CERTIFICATION_COLUMNS, COLUMNS
from conftest import ROOT, run_invoke

GUIDES = [ROOT / "docs" / "staff-guide.md", ROOT / "docs" / "huong-dan-can-bo.md"]
STAFF_TASKS = ["serve", "check", "new-product", "new-producer", "new-shop", "import", "translations", "publish",
               "build", "catalogue-pdf", "report"]


def listed_tasks() -> dict:
    result = run_invoke("--list")
    assert result.returncode == 0, result.stderr
    tasks = {}
    for line in result.stdout.splitlines():
        match = re.match(r"^  (\S+)\s+(\S.*)$", line)
        if match:
            tasks[match.group(1)] = match.group(2)
    return tasks


def test_every_task_is_listed_with_help():
    tasks = listed_tasks()
    assert set(STAFF_TASKS) <= set(tasks)
    assert all(len(text) > 10 for text in tasks.values()), tasks


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_explains_every_task_and_column(guide):
    text = guide.read_text(encoding="utf-8")
    assert not [t for t in STAFF_TASKS if f"invoke {t}" not in text]
    assert not [c for c in [*COLUMNS, "type", "slug", "specs.<", *(f"certifications.<n>.{name}" for name in
                                                              CERTIFICATION_COLUMNS)] if f"`{c}" not in text]
    assert "docs/import-template.xlsx" in text and "--dry-run" in text and "--strict" in text
