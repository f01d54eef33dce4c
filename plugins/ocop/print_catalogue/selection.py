"""Which products a printed catalogue holds: all of them, or one region, a minimum star level, one group.

The options come from staff (`invoke catalogue-pdf --region … --min-stars … --group …`): a value that
names nothing is a `SelectionError` naming the option, never an empty PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from ocop.catalogue.api import Catalogue, Group, Product, Region

STAR_LEVELS = range(1, 6)


class SelectionError(ValueError):
    """An option that selects nothing: its message names the option (`--region: …`)."""


@dataclass(frozen=True)
class Selection:
    products: list[Product]
    region: Region | None = None
    min_stars: int | None = None
    group: Group | None = None

    @property
    def filtered(self) -> bool:
        return bool(self.region or self.min_stars or self.group)

    @property
    def file_suffix(self) -> str:
        """"-thuan-an-4-stars-i-4" for the file name of a filtered catalogue, "" for the whole one."""
        parts = [self.region.id] if self.region else []
        parts += [f"{self.min_stars}-stars"] if self.min_stars else []
        parts += [self.group.key] if self.group else []
        return "".join(f"-{part}" for part in parts)


def select(catalogue: Catalogue, region: str | None = None, min_stars: int | str | None = None,
           group: str | None = None) -> Selection:
    """The products matching every option given; SelectionError for an option that cannot match."""
    chosen_region = _region(catalogue, region) if region else None
    stars = _stars(min_stars) if min_stars not in (None, "") else None
    chosen_group = _group(catalogue, group) if group else None
    products = [p for p in catalogue.products
                if (chosen_region is None or _within(p.region, chosen_region, catalogue))
                and (stars is None or p.stars >= stars)
                and (chosen_group is None or chosen_group.contains(p.group))]
    if not products:
        raise SelectionError("no product matches " + " ".join(
            f"--{name} {value}" for name, value in (("region", region), ("min-stars", min_stars), ("group", group))
            if value not in (None, "")) + ": nothing to print")
    return Selection(products, chosen_region, stars, chosen_group)


def _region(catalogue: Catalogue, value: str) -> Region:
    found = catalogue.regions.get(value.strip().lower())
    if found is None:
        known = ", ".join(list(catalogue.regions)[:8])
        raise SelectionError(f"--region: {value!r} is not a region of the catalogue (regions/regions.geojson); "
                             f"region ids look like {known}")
    return found


def _within(region: Region, ancestor: Region, catalogue: Catalogue) -> bool:
    """True for the region itself and for regions inside it (`parent` in the GeoJSON)."""
    seen = set()
    while region is not None and region.id not in seen:
        if region is ancestor:
            return True
        seen.add(region.id)
        region = catalogue.regions.get(region.parent_id) if region.parent_id else None
    return False


def _stars(value) -> int:
    try:
        stars = int(str(value).strip())
    except ValueError:
        stars = None
    if stars not in STAR_LEVELS:
        raise SelectionError(f"--min-stars: {value!r} is not a star level; use a whole number from 1 to 5")
    return stars


def _group(catalogue: Catalogue, value: str) -> Group:
    """A group by its code (`I.4.a`, any case) or its URL form (`i-4-a`)."""
    wanted = value.strip().lower().replace("-", ".")
    found = next((g for g in catalogue.groups.values() if g.code.lower() == wanted), None)
    if found is None:
        raise SelectionError(f"--group: {value!r} is not an OCOP product group code; use a code of Decision "
                             "148/QĐ-TTg such as I, I.4 or I.4.a (the list: docs/content-guide.md)")
    return found
