"""The catalogue's extension points, in the order a build sends them (blinker signals, like Pelican's).

- `photos_collected(generator, uses, problems)`: every photo is inspected; receivers make renditions.
- `routes_adding(generator, catalogue, problems)`: the catalogue is read and valid; receivers return a
  list of extra `Route`s (pages of their own, such as the map), checked for clashes like every page.
- `routes_built(generator, routes, problems)`: every page of the site is known, nothing is written yet;
  receivers may add problems (the build then stops) — the permalink guard lives there.
- `catalogue_written(generator, output, sites)`: every page is written into `output`; `sites` maps each
  language code to its `views.Site`; receivers add files of their own (badges, QR codes, feeds).
"""

from blinker import signal

from .photos import photos_collected  # noqa: F401 - re-exported: one place lists every signal

routes_adding = signal("catalogue-routes-adding")
routes_built = signal("catalogue-routes-built")
catalogue_written = signal("catalogue-written")
