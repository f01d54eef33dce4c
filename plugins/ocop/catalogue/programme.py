"""The OCOP programme's rules (Decision 148/QĐ-TTg; ../shared/spec/ocop-domain.md), in one place.

Products are rated from 1 to 5 stars on a 100-point score; only 3 stars and up are certified, by a
decision whose certificate is valid for 36 months unless it says otherwise. Everything that depends on
these numbers (the schema's checks, the model's status of a product, badges, pages, staff tools, open
data) asks this module; templates ask the model and its views (`ProductView.status`, `Site.star_level`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

STAR_LEVELS = (1, 2, 3, 4, 5)
SCORE_BANDS = {1: (0, 29), 2: (30, 49), 3: (50, 69), 4: (70, 89), 5: (90, 100)}  # stars → score range
CERTIFIED_FROM_STARS = 3
CERTIFICATE_MONTHS = 36
TOURISM_GROUP = "VI"  # community tourism, eco-tourism and sights: products that are visits (field `visit`)

# A product's OCOP status: what its badge and page say.
CERTIFIED = "certified"  # certifiable, with a certificate that has not expired: the gold badge
EXPIRED = "expired"  # certifiable, but the certificate has expired: a grey badge saying so
UNCERTIFIED = "uncertified"  # below the certified levels: rated, not certified


# The programme's clock: a certificate expires at the end of its day in Viet Nam, wherever the build runs
# (a CI runner keeps UTC: at 01:00 in Huế it is still yesterday there).
TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def build_date(setting=None) -> datetime.date:
    """The date every expiry decision of a build is made on: CATALOGUE_TODAY ("YYYY-MM-DD" or a date) when
    set, so that tests and staff can build "as of" a date; else today in Viet Nam."""
    if isinstance(setting, str):
        return datetime.date.fromisoformat(setting)
    return setting or datetime.datetime.now(TIMEZONE).date()


def certifiable(stars: int) -> bool:
    """Whether a product of `stars` can be certified (and then needs a certificate)."""
    return stars >= CERTIFIED_FROM_STARS


def is_tourism(group_code: str) -> bool:
    """Whether a product of group `group_code` (or of one of its sub-groups) is a visit: group VI."""
    return group_code == TOURISM_GROUP or group_code.startswith(TOURISM_GROUP + ".")


def status(stars: int, expired: bool | None) -> str:
    """CERTIFIED, EXPIRED or UNCERTIFIED for a product of `stars` whose certificate has `expired`
    (None: it has no certificate)."""
    if expired is None or not certifiable(stars):
        return UNCERTIFIED
    return EXPIRED if expired else CERTIFIED


@dataclass(frozen=True)
class StarLevel:
    """One star level as pages describe it: whether it is certified, and its band of points."""

    stars: int

    @property
    def certifiable(self) -> bool:
        return certifiable(self.stars)

    @property
    def low(self) -> int:
        return SCORE_BANDS[self.stars][0]

    @property
    def high(self) -> int:
        return SCORE_BANDS[self.stars][1]


def certified_levels() -> list[int]:
    """The certified star levels, highest first (they always have a page, even when empty)."""
    return [n for n in reversed(STAR_LEVELS) if certifiable(n)]
