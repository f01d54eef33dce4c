"""The catalogue's extension points, in the order a build sends them (blinker signals, like Pelican's).

Other plugins connect to these (through `ocop.catalogue.api`) instead of reaching into the generator:

- `photos_collected(generator, uses, problems)`: every photo is inspected; receivers make renditions.
- `catalogue_ready(generator, catalogue, problems)`: the catalogue is read and valid, no page is known yet;
  receivers prepare what they share between pages (the maps' geometry) and return a dict of names for
  every template (or None): the only way a plugin adds template globals.
- `routes_adding(generator, catalogue, problems)`: receivers return a list of extra `Route`s (pages of
  their own, such as the map), checked for clashes like every page.
- `routes_built(generator, routes, problems)`: every page of the site is known, nothing is written yet;
  receivers may add problems (the build then stops) — the permalink guard lives there.
- `output_plan_wanted(generator)`: sent once as writing starts; a receiver may return the build's output
  plan (plugin `atomic_output` does). Without one the generator writes everything (`api.WriteEverything`).
- `catalogue_written(generator, output, sites)`: every page is written into `output`; `sites` maps each
  language code to its `views.Site`; receivers add files of their own (badges, QR codes, feeds).
"""

from blinker import signal

from .photos import photos_collected  # noqa: F401 - re-exported: one place lists every signal

catalogue_ready = signal("catalogue-ready")
routes_adding = signal("catalogue-routes-adding")
routes_built = signal("catalogue-routes-built")
output_plan_wanted = signal("catalogue-output-plan-wanted")
catalogue_written = signal("catalogue-written")
