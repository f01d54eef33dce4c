"""What other plugins may use of the catalogue plugin: this module, and nothing else of `ocop.catalogue`.

A plugin connects to the catalogue's signals (see `signals.py` for what each sends and expects back),
adds pages as `Route`s, and writes its files through the build's output plan (`generator.plan`). The
generator it receives is the catalogue generator: its public attributes are `settings`, `path` (the
content folder), `output_path`, `languages`, `translations` (language code → gettext catalogue),
`catalogue`, `routes`, `plan`, `cache_folder`, `fingerprints` and `env` (read only: template globals
come back from `catalogue_ready`).

A test (tests/test_architecture.py) keeps the other plugins to this module.
"""

from .rendering import page_file, workers_for  # noqa: F401
from .routes import Route  # noqa: F401
from .signals import (  # noqa: F401
    catalogue_ready,
    catalogue_written,
    output_plan_wanted,
    photos_collected,
    routes_adding,
    routes_built,
)
