"""What other plugins may use of the catalogue plugin: this module, and nothing else of `ocop.catalogue`.

A plugin connects to the catalogue's signals (see `signals.py` for what each sends and expects back),
adds pages as `Route`s, and writes its files through the build's output plan (`generator.plan`). The
generator it receives is the catalogue generator: its public attributes are `settings`, `path` (the
content folder), `output_path`, `languages`, `translations` (language code → gettext catalogue),
`catalogue`, `routes`, `plan`, `cache_folder` and `fingerprints`. Its Jinja environment is its own: a
plugin gives templates names by returning them from a `catalogue_ready` receiver.

`generator.plan` is set when writing starts (before `catalogue_written`): plugin `atomic_output`'s plan,
which keeps unchanged files of the previous output, or `WriteEverything`; both have the methods of
`WriteEverything` (`output_plan.py`). `generator.fingerprints` (`PageFingerprints`, set at the same time)
gives the digests that plans keep files by.

A test (tests/test_architecture.py) keeps the other plugins to this module and away from `generator.env`.
"""

from . import programme  # noqa: F401 - the OCOP rules: certified levels, score bands, a product's status
from .output_plan import WriteEverything  # noqa: F401
# region outlines (lon/lat or projected: polygons, their bounds, point in polygon), for the maps
from .geometry import bounds_of, polygon_contains, polygons_of  # noqa: F401
from .groups import Group  # noqa: F401 - a product group of the programme (I.3.d), with its parents
from .model import Catalogue, Product  # noqa: F401 - the catalogue that signals send, and its products
from .photos import strict_decoding  # noqa: F401 - Pillow refuses truncated photos inside it, whatever else set
from .photos import Rendition  # noqa: F401 - one published size of a photo: what `photos_collected` makes
from .regions import Region  # noqa: F401 - a region of regions.geojson, with its parent and geometry
from .rendering import item_page_file, page_file, workers_for  # noqa: F401 - a page's file in the output; how many processes
from .routes import Route  # noqa: F401 - one page of the site: what `routes_adding` receivers return
from .schema import PRODUCER_KINDS  # noqa: F401 - the contract's kinds of producer, in its order
# the contract's other certification schemes, in its order, with their names to translate (`site.gettext`)
from .trade import CERTIFICATION_SCHEMES  # noqa: F401
# what templates show, in one language: `Site` (a template's `site`) and the views it makes of items
from .views import GroupView, ProducerView, ProductView, RegionView, ShopView, Site  # noqa: F401
from .signals import (  # noqa: F401
    catalogue_ready,
    catalogue_written,
    output_plan_wanted,
    photos_collected,
    routes_adding,
    routes_built,
)
