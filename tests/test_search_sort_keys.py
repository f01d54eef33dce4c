"""Pagefind sort keys: strings whose order is the collation's order, computed from each item alone."""

from __future__ import annotations

import itertools
import re
import unicodedata

import pytest
from bs4 import BeautifulSoup

from conftest import run_build
from ocop.i18n.collation import sort_key
from ocop.search.records import _number, name_key, sort_keys

TITLES = [
    "me xung", "mè xửng", "Mè xửng", "Mè Xửng Đông Ba", "Mè xửng Đông Ba", "meo", "mẹo", "Meo",
    unicodedata.normalize("NFD", "mè xửng"),  # decomposed: same letters and tones, other text
    "ma", "mà", "mả", "mã", "má", "mạ", "mac",
    "an", "Ăn liền", "âm", "Áo dài", "ao dai", "ao-dai", "Ba", "Dầu tràm", "dưa", "Dz", "Đà Nẵng", "đặc sản",
    "Nước mắm cá cơm", "NƯỚC MẮM", "Nước mắm", "ơi", "ông", "o", "Zen",
    "Trà 2", "Trà 10", "Trà 1", "trà 2", "Trà", "2 trứng", "10 trứng",
    "凤尾鱼鱼露", "カタクチイワシの魚醤", "멸치 피시소스", "Mật ong 🐝", "Mật ong 🍯", "🍯", "Ωmega", "",
]


def test_string_order_of_name_keys_is_the_collation_order():
    items = [(title, "san-pham") for title in TITLES]
    items += [("Mè xửng", "me-xung-2"), ("Mè xửng", "me-xung-10"), ("Trà 2", "a")]  # same title, other slug
    keys = {item: name_key(*item) for item in items}
    for a, b in itertools.combinations(items, 2):
        expected = (sort_key(a[0]), a[1]) < (sort_key(b[0]), b[1])
        assert (keys[a] < keys[b]) == expected, (a, b)
    assert len(set(keys.values())) == len(items)


def test_keys_are_lowercase_letters_before_the_slug_and_never_a_number():
    for title in TITLES:
        key = name_key(title, "slug-2")
        assert re.fullmatch(r"[a-z]+slug-2", key), title  # the same order byte-wise, case-blind or "natural"
        for _, value in sort_keys("product", title, "1", stars=4):
            assert not re.fullmatch(r"[-+.\d eE]+", value)


def test_rank_puts_products_by_stars_then_name_then_producers_then_sales_points():
    ranked = [
        sort_keys("product", "Zen", "zen", stars=5), sort_keys("product", "Áo dài", "ao-dai", stars=3),
        sort_keys("product", "Dầu tràm", "dau-tram", stars=3), sort_keys("product", "Ăn liền", "an-lien", stars=1),
        sort_keys("producer", "An nhiên", "an-nhien"), sort_keys("producer", "HTX Zen", "htx-zen"),
        sort_keys("shop", "Ăn uống", "an-uong"), sort_keys("shop", "Quầy chợ Đông Ba", "quay"),
    ]
    ranks = [dict(keys)["rank"] for keys in ranked]
    assert ranks == sorted(ranks)
    assert dict(ranked[0])["name"] > dict(ranked[1])["name"]  # `name` ignores the stars


def test_numbers_out_of_range_are_clamped():
    assert _number(-7, 1) == "b"
    assert _number(25**5 + 3, 5) == "zzzzz"
    assert _number(26, 2) == "cc"


def sort_spans(output) -> dict:
    """The `data-pagefind-sort` values of every page that has them, by path."""
    spans = {}
    for page in output.rglob("index.html"):
        found = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("[data-pagefind-sort]")
        if found:
            spans[str(page.relative_to(output))] = [(s["data-pagefind-sort"], s["data-value"]) for s in found]
    return spans


@pytest.mark.slow
def test_adding_a_product_changes_no_other_page_sort_keys(catalogue, tmp_path):
    cache = f'CATALOGUE_CACHE_PATH="{tmp_path / "cache"}"'
    first = run_build(catalogue.root, tmp_path / "first", "-e", cache)
    assert first.returncode == 0, first.stderr
    before = sort_spans(tmp_path / "first")
    assert "san-pham/dau-tram/index.html" in before and "en/products/dau-tram/index.html" in before

    # Five stars and a name at the start of the alphabet: ahead of every other page in both orders.
    catalogue.product("an-lien", title="Ăn liền", stars=5, score=96)
    second = run_build(catalogue.root, tmp_path / "second", "-e", cache)
    assert second.returncode == 0, second.stderr
    after = sort_spans(tmp_path / "second")
    assert "san-pham/an-lien/index.html" in after
    assert {path: after[path] for path in before} == before


def test_titles_with_superscript_and_other_scripts_digits_sort_without_error():
    """"²" is a digit to Python but not a number: it used to stop the build (int("²"))."""
    titles = ["Gạch 60 m²", "Gạch 60 m2", "Chè ٣", "Chè 3"]
    keys = {title: sort_key(title) for title in titles}
    assert keys["Chè ٣"][0] == keys["Chè 3"][0]  # an Arabic-Indic three is a three
    assert sorted(titles, key=sort_key)[0] == "Chè 3"
