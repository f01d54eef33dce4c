"""Regions of a catalogue: `regions/regions.geojson`, one feature per region (contract, "Regions")."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import Problems
from .geometry import Shape, coordinates_problems, polygons_of
from .schema import SLUG_RE

GEOMETRY_TYPES = ("Polygon", "MultiPolygon")
FEATURE_RE = re.compile(r'"type"\s*:\s*"Feature"')


@dataclass(eq=False)
class Region:
    id: str
    names: dict  # language code → name from the GeoJSON (`name`, `name_<lang>`)
    default_lang: str
    parent_id: str | None = None
    geometry: dict = field(default_factory=dict, repr=False)
    properties: dict = field(default_factory=dict, repr=False)
    description: object = None  # an Entry from regions/<id>/index.md, when there is one
    index: int = 0  # position of the feature in the file, from 1 (for error messages)
    line: int | None = None  # line of the feature in the file, where it can be told

    def geo_name(self, lang: str) -> str:
        return self.names.get(lang) or self.names[self.default_lang]

    def name_along(self, chain: tuple) -> tuple[str, str]:
        """(name, language): a description's `title` or the GeoJSON `name_<lang>`, whichever comes first along
        a page language's fallback chain (in one language the description's title wins), else `name`."""
        for code in chain:
            text = self.description.texts.get(code) if self.description else None
            if text is not None and text.fields.get("title"):
                return text.fields["title"], code
            if code in self.names:
                return self.names[code], code
        return self.names[self.default_lang], self.default_lang

    @cached_property
    def shape(self) -> Shape:
        """The region's polygons in lon/lat, for point-in-region tests."""
        return Shape(polygons_of(self.geometry))

    def contains(self, lon: float, lat: float) -> bool:
        return self.shape.contains(lon, lat)


def feature_lines(text: str, count: int) -> list[int | None]:
    """The line of each feature in the file (where `"type": "Feature"` is), when every feature has a line
    of its own; no lines when unsure (a file on one line, a property that looks like a feature)."""
    lines, line, start = [], 1, 0
    for match in FEATURE_RE.finditer(text):
        line += text.count("\n", start, match.start())
        start = match.start()
        lines.append(line)
    return lines if len(lines) == count and len(set(lines)) == count else [None] * count


def load_regions(path: Path, default_lang: str, problems: Problems) -> dict[str, Region]:
    """Regions by id, in file order; problems are reported against the GeoJSON file."""
    if not path.is_file():
        problems.error(path, "file", "is missing: every catalogue needs its regions as a GeoJSON FeatureCollection")
        return {}
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except UnicodeDecodeError:
        problems.error(path, "file", "is not UTF-8 text")
        return {}
    except json.JSONDecodeError as exc:
        problems.error(path, "file", f"is not valid JSON: {exc.msg}", exc.lineno)
        return {}
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        problems.error(path, "type", "must be a GeoJSON FeatureCollection with a list of features")
        return {}
    regions: dict[str, Region] = {}
    lines = feature_lines(text, len(data["features"]))
    for index, feature in enumerate(data["features"], start=1):
        where, line = f"features[{index}]", lines[index - 1]
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            problems.error(path, where, "has no properties (it needs at least `id` and `name`)", line)
            continue
        region_id, name = props.get("id"), props.get("name")
        if not isinstance(region_id, str) or not SLUG_RE.match(region_id):
            problems.error(path, f"{where}.properties.id",
                           f"must be a region id of lowercase a-z, 0-9 and '-', got {region_id!r}", line)
            continue
        if not isinstance(name, str) or not name.strip():
            problems.error(path, f"{where}.properties.name", f"region {region_id!r} needs a name", line)
            continue
        if region_id in regions:
            problems.error(path, f"{where}.properties.id", f"duplicate region id {region_id!r}", line)
            continue
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
            kind = geometry.get("type") if isinstance(geometry, dict) else geometry
            problems.error(path, f"{where}.geometry",
                           f"region {region_id!r}: geometry must be a Polygon or MultiPolygon, got {kind!r}", line)
            continue
        broken = coordinates_problems(geometry)
        for inside, message in broken[:3]:  # the first few: one bad export tends to break every ring alike
            problems.error(path, f"{where}.geometry.{inside}", f"region {region_id!r}: {message}", line)
        if broken:
            continue
        names = {default_lang: name.strip()}
        names.update({key[5:]: value.strip() for key, value in props.items()
                      if key.startswith("name_") and isinstance(value, str) and value.strip()})
        regions[region_id] = Region(region_id, names, default_lang, props.get("parent"), geometry, props,
                                    index=index, line=line)
    for region in regions.values():
        if region.parent_id is not None and region.parent_id not in regions:
            problems.error(path, f"features[{region.index}].properties.parent",
                           f"region {region.id!r}: parent {region.parent_id!r} is not a region id", region.line)
            region.parent_id = None
    return regions
