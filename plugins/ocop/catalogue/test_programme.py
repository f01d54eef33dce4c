"""The OCOP programme's rules as the model, pages and tools ask them (`programme.py`)."""

import datetime

import pytest

from ocop.catalogue import programme
from ocop.catalogue.model import Certificate, Product


def test_certified_levels_and_score_bands_follow_the_programme():
    assert programme.certified_levels() == [5, 4, 3]
    assert [programme.certifiable(n) for n in programme.STAR_LEVELS] == [False, False, True, True, True]
    level = programme.StarLevel(4)
    assert (level.certifiable, level.low, level.high) == (True, 70, 89)
    assert not programme.StarLevel(2).certifiable
    # the bands cover 0–100 without a gap or an overlap
    points = [p for n in programme.STAR_LEVELS for p in range(programme.StarLevel(n).low, programme.StarLevel(n).high + 1)]
    assert points == list(range(0, 101))


@pytest.mark.parametrize("stars, expired, status", [
    (4, False, programme.CERTIFIED), (3, True, programme.EXPIRED), (5, None, programme.UNCERTIFIED),
    (2, False, programme.UNCERTIFIED), (1, True, programme.UNCERTIFIED),
])
def test_status_of_a_product(stars, expired, status):
    assert programme.status(stars, expired) == status


def _product(stars: int, expires: datetime.date | None, today=datetime.date(2026, 12, 5)) -> Product:
    class Entry:
        fields = {"stars": stars}
    certificate = None if expires is None else Certificate("1/QĐ", "UBND", datetime.date(2024, 1, 1), expires,
                                                           expires < today)
    return Product(Entry(), producer=None, group=None, region=None, certificate=certificate)


def test_a_products_status_certificate_and_certified_flag_agree():
    valid, lapsed, low = _product(4, datetime.date(2027, 1, 1)), _product(3, datetime.date(2026, 1, 1)), \
        _product(2, datetime.date(2027, 1, 1))
    assert (valid.status, valid.certified, valid.valid_certificate is valid.certificate) == \
        (programme.CERTIFIED, True, True)
    assert (lapsed.status, lapsed.certified, lapsed.valid_certificate is lapsed.certificate) == \
        (programme.EXPIRED, False, True)
    # below the certified levels a certificate means nothing: the pages say "not certified"
    assert (low.status, low.certified, low.valid_certificate) == (programme.UNCERTIFIED, False, None)
