"""The staff guides document every field the schema accepts, in both languages."""

from __future__ import annotations

import re

import pytest

from ocop.catalogue.schema import PAGE, PRODUCER, PRODUCT, REGION_DESCRIPTION, SHOP, Schema
from conftest import ROOT

GUIDES = [ROOT / "docs" / "content-guide.md", ROOT / "docs" / "huong-dan-noi-dung.md"]
FENCED_BLOCK = re.compile(r"^```.*?^```", re.S | re.M)
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)  # closed by as many backticks as opened it


def field_names(schema: Schema) -> set[str]:
    names = set()
    for spec in schema.fields:
        names.add(spec.name)
        check = spec.check.item if hasattr(spec.check, "item") else spec.check
        if isinstance(check, Schema):
            names |= field_names(check)
    return names


def code_spans(markdown: str) -> list[str]:
    """The text of every inline code span, fenced blocks left out."""
    return [match.group(2).strip() for match in CODE_SPAN.finditer(FENCED_BLOCK.sub("", markdown))]


def names_field(span: str, name: str) -> bool:
    """Whether a code span names the field: `date`, `date: 2025-03-01`, `certificate.date`, `images[].alt`;
    never a longer word that contains it (`updated`, `dates`) nor a sentence that mentions it."""
    path = r"(?:[\w-]+(?:\[\d*\])?\.)*"
    return re.fullmatch(rf"{path}{re.escape(name)}(?:\[\d*\])?(?::.*)?", span, re.S) is not None


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_names_every_field(guide):
    spans = code_spans(guide.read_text(encoding="utf-8"))
    fields = set().union(*(field_names(s) for s in (PRODUCT, PRODUCER, SHOP, REGION_DESCRIPTION, PAGE)))
    missing = sorted(f for f in fields if not any(names_field(span, f) for span in spans))
    assert not missing, f"{guide.name} does not document: {missing}"


@pytest.mark.parametrize("span, documented", [
    ("date", True), ("date:", True), ("date: 2025-03-01", True), ("certificate.date", True),
    ("images[].date", True), ("images[2].date: is not a date", True),
    ("updated", False), ("dates", False), ("date_of_birth", False), ("update date", False),
    ("content/x/index.md:5: certificate: needs a date", False), ("/en/date/", False),
])
def test_a_field_counts_as_documented_only_by_its_whole_name(span, documented):
    assert names_field(span, "date") is documented
    assert code_spans(f"Write `{span}` here.\n\n```yaml\ndate: 1\n```\n") == [span]
