"""The staff guides document every field the schema accepts, in both languages."""

from __future__ import annotations

import pytest

from ocop.catalogue.schema import PAGE, PRODUCER, PRODUCT, REGION_DESCRIPTION, Schema
from conftest import ROOT

GUIDES = [ROOT / "docs" / "content-guide.md", ROOT / "docs" / "huong-dan-noi-dung.md"]


def field_names(schema: Schema) -> set[str]:
    names = set()
    for spec in schema.fields:
        names.add(spec.name)
        check = spec.check.item if hasattr(spec.check, "item") else spec.check
        if isinstance(check, Schema):
            names |= field_names(check)
    return names


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_names_every_field(guide):
    text = guide.read_text(encoding="utf-8")
    fields = set().union(*(field_names(s) for s in (PRODUCT, PRODUCER, REGION_DESCRIPTION, PAGE)))
    missing = sorted(f for f in fields if f"`{f}" not in text)
    assert not missing, f"{guide.name} does not document: {missing}"
