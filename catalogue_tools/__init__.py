"""Staff tools of the OCOP catalogue: check, scaffold, import, translation status, publish and preview.

The `invoke` tasks in tasks.py are thin wrappers around these modules. Every tool reads and validates
content with the catalogue plugin's own loader and schema (plugins/ocop/catalogue), so a rule of the content
contract lives in one place, and reports problems in the contract's format `PATH:LINE: FIELD: message`.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project folder (an editable install: see pyproject.toml)


class StaffError(Exception):
    """A problem the person at the keyboard can fix: printed as one line, without a traceback."""
