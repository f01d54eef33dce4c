"""OCOP product groups of Decision 148/QĐ-TTg (six groups, sub-groups and branches).

The official list ships with the plugin (`data/ocop-product-groups.yaml`, Vietnamese and English
names; `data/ocop-product-groups-translations.yaml` adds the other site languages' names). Codes look like `I.4.a`; their URL form is lowercase with dashes (`i-4-a`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).parent / "data" / "ocop-product-groups.yaml"
# Names in the site's other languages (descriptive translations, kept apart from the official list).
TRANSLATIONS_FILE = Path(__file__).parent / "data" / "ocop-product-groups-translations.yaml"


@dataclass(eq=False)
class Group:
    code: str
    names: dict  # language code → name
    parent: "Group | None" = None
    children: list = field(default_factory=list)

    @property
    def key(self) -> str:
        """URL form of the code: I.4.a → i-4-a."""
        return self.code.lower().replace(".", "-")

    @property
    def top(self) -> "Group":
        return self.parent.top if self.parent else self

    @property
    def lineage(self) -> list["Group"]:
        """From the top-level group down to this one."""
        return (self.parent.lineage if self.parent else []) + [self]

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]

    def contains(self, other: "Group") -> bool:
        return other is self or (other.parent is not None and self.contains(other.parent))


@lru_cache(maxsize=1)
def load_groups() -> dict[str, Group]:
    """All groups by code, in the order of the decision."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        tree = yaml.safe_load(handle)
    with TRANSLATIONS_FILE.open(encoding="utf-8") as handle:
        translated = yaml.safe_load(handle)
    groups: dict[str, Group] = {}

    def add(code, node, parent):
        names = {k: v for k, v in node.items() if k != "sub"}
        names.update(translated.get(code, {}))
        group = Group(code, names, parent)
        groups[code] = group
        if parent:
            parent.children.append(group)
        for child_code, child in (node.get("sub") or {}).items():
            add(child_code, child, group)

    for code, node in tree.items():
        add(code, node, None)
    return groups
