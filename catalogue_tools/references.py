"""What a new or imported entry may refer to: producers, products, regions and OCOP product groups of a catalogue,
with did-you-mean suggestions when a name is not found."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ocop.catalogue.errors import Problems
from ocop.catalogue.groups import load_groups
from ocop.catalogue.regions import load_regions
from ocop.catalogue.schema import did_you_mean

from . import StaffError


@dataclass
class References:
    content: Path
    producers: set
    products: set
    regions: dict
    groups: dict

    @classmethod
    def of(cls, content: Path, default_lang: str) -> "References":
        problems = Problems()
        regions = load_regions(content / "regions" / "regions.geojson", default_lang, problems)
        if problems.errors:
            raise StaffError("\n".join(map(str, problems.errors)))
        return cls(content, _slugs(content / "producers"), _slugs(content / "products"), regions, load_groups())

    def problem(self, what: str, value) -> str | None:
        """Why `value` is not a known `what` (producer, product, region, group), or None when it is."""
        value = str(value)
        if what == "producer":
            if value in self.producers:
                return None
            return f"no producer {value!r} in {self.content.name}/producers/{did_you_mean(value, self.producers)}"
        if what == "product":
            if value in self.products:
                return None
            return f"no product {value!r} in {self.content.name}/products/{did_you_mean(value, self.products)}"
        if what == "region":
            if value in self.regions:
                return None
            return f"no region {value!r} in regions/regions.geojson{did_you_mean(value, self.regions)}"
        if what == "group":
            if value in self.groups:
                return None
            return (f"{value!r} is not an OCOP product group code of Decision 148/QĐ-TTg (e.g. I.4.a, III.3, VI)"
                    f"{did_you_mean(value, self.groups)}")
        raise KeyError(what)


def _slugs(folder: Path) -> set:
    return {p.name for p in folder.iterdir() if p.is_dir()} if folder.is_dir() else set()
