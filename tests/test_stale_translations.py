"""Stale translations: a translation records what its index.md said when it was marked current
(`translated_from`, written by `invoke translations --mark-current`); `invoke check` and `invoke translations`
name the translatable texts of index.md that changed since. Facts never make a translation stale; a
translation never marked is reported apart, not as stale."""

from __future__ import annotations

import contextlib
import datetime

import pytest

from catalogue_tools import StaffError
from catalogue_tools.check import run_check
from catalogue_tools.context import read_settings
from catalogue_tools.mark_current import mark_current
from catalogue_tools.translation_status import format_status, translation_status
from ocop.catalogue import staleness
from ocop.catalogue.content_cache import ContentCache
from ocop.catalogue.errors import Problems
from ocop.catalogue.loader import CatalogueLoader
from ocop.catalogue.schema import PAGE, PRODUCER, PRODUCT, REGION_DESCRIPTION, SHOP
from ocop.i18n.languages import configure_languages
from conftest import ROOT, TODAY, content_problems, run_invoke

SETTINGS = {**read_settings(), "CATALOGUE_TODAY": TODAY}
DAY = datetime.date.fromisoformat(TODAY)
EN = "content/products/nuoc-mam/index.en.md"
MARK_HINT = "; bring the translation up to date, then run: invoke translations --mark-current " + EN


def warnings(content) -> list[str]:
    """`invoke check`'s warnings (in-process), with paths as staff see them from the folder above `content`."""
    with contextlib.chdir(content.parent):
        result = run_check(content, SETTINGS)
    assert not result.errors, result.errors
    return [str(problem) for problem in result.warnings]


def stale_warnings(content) -> list[str]:
    return [line for line in warnings(content) if "translated_from" in line]


def mark(content, *targets) -> list:
    with contextlib.chdir(content.parent):
        return mark_current([str(t) for t in targets], content, SETTINGS)


def entry(content, slug="nuoc-mam"):
    loader = CatalogueLoader(content, configure_languages(SETTINGS["CATALOGUE_LANGUAGES"]), DAY, Problems())
    return next(e for e in loader.read_files().products if e.slug == slug)


def record_line(path) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith("translated_from:"))


NUOC_MAM = {"title": "Nước mắm cá cơm", "stars": 4, "score": 80}  # as small_catalogue writes it


@pytest.mark.parametrize("change, body, stale", [
    ({"summary": "Nước mắm cá cơm Tân Mỹ, ủ chượp 12 tháng."}, None, ["summary"]),
    ({}, "Mô tả mới của sản phẩm.", ["body"]),
    ({"stars": 5, "score": 92, "price": {"from": 52000, "unit": "chai 500 ml"}, "date": "2026-01-05",  # facts
      "certificate": {"decision": "77/QĐ-UBND", "issued_by": "UBND thành phố Huế", "date": "2026-02-01"}}, None, []),
    ({"price": {"from": 45000, "unit": "chai 1 lít"}}, None, ["price.unit"]),
    ({"images": [{"file": "anh-1.jpg", "alt": "Chai nước mắm trên bàn"}]}, None, ["images"]),
    ({"title": "Nước mắm cá cơm Tân Mỹ", "summary": "Khác."}, "Mô tả khác.", ["title", "summary", "body"]),
    ({"certifications": [{"scheme": "haccp", "number": "HC-1"}]}, None, ["certifications"]),  # one more to translate
])
def test_a_change_of_index_md_names_exactly_the_texts_that_changed(catalogue, change, body, stale):
    mark(catalogue.root, catalogue.root / "products/nuoc-mam/index.en.md")
    assert stale_warnings(catalogue.root) == [] and entry(catalogue.root).stale_fields("en") == []
    catalogue.product("nuoc-mam", **({"body": body} if body else {}), **{**NUOC_MAM, **change})

    assert entry(catalogue.root).stale_fields("en") == stale
    en = catalogue.root / "products/nuoc-mam/index.en.md"
    expected = [f"{EN}:{record_line(en)}: translated_from: warning: may be out of date: {', '.join(stale)} changed "
                f"since it was marked current{MARK_HINT}"] if stale else []
    assert stale_warnings(catalogue.root) == expected
    status = {s.code: s for s in translation_status(catalogue.root, SETTINGS)}
    assert status["en"].stale == ([(en, stale)] if stale else [])
    assert status["ko"].stale == [] and status["en"].unmarked == {}


def test_facts_inside_translatable_fields_do_not_count(catalogue):
    """A certification's number and dates, a photo's order in a list of facts: only names and alt texts count."""
    haccp = {"scheme": "haccp", "number": "HC-1", "date": "2025-01-02"}
    other = {"scheme": "other", "name": "Sản phẩm tiêu biểu"}
    catalogue.product("nuoc-mam", **NUOC_MAM, certifications=[haccp, other])
    catalogue.translation("products", "nuoc-mam", "en", title="Anchovy fish sauce", summary="Fish sauce.",
                          certifications=[{}, {"name": "Outstanding product"}])
    mark(catalogue.root, catalogue.root / "products/nuoc-mam/index.en.md")
    catalogue.product("nuoc-mam", **NUOC_MAM, certifications=[{**haccp, "number": "HC-2", "expires": "2028-01-01"},
                                                              {**other, "issued_by": "UBND"}])
    assert entry(catalogue.root).stale_fields("en") == []
    catalogue.product("nuoc-mam", **NUOC_MAM, certifications=[haccp, {**other, "name": "Sản phẩm tiêu biểu 2025"}])
    assert entry(catalogue.root).stale_fields("en") == ["certifications"]


def test_a_translation_marked_after_the_change_is_current(catalogue):
    en = catalogue.root / "products/nuoc-mam/index.en.md"
    mark(catalogue.root, en)
    catalogue.product("nuoc-mam", body="Mô tả mới.", **NUOC_MAM, summary="Tóm tắt mới.")
    assert entry(catalogue.root).stale_fields("en") == ["summary", "body"]
    catalogue.translation("products", "nuoc-mam", "en", title="Anchovy fish sauce", summary="New summary.",
                          images=[{"file": "anh-1.jpg", "alt": "A bottle"}], body="New text.")  # no record now
    assert entry(catalogue.root).stale_fields("en") == []  # unknown, not stale
    mark(catalogue.root, en)
    assert entry(catalogue.root).stale_fields("en") == [] and stale_warnings(catalogue.root) == []
    assert "may be out of date" not in format_status(translation_status(catalogue.root, SETTINGS))


def test_translations_never_marked_are_reported_apart_and_not_warned_of(catalogue):
    catalogue.translation("producers", "htx-a", "en", title="Tan My cooperative", summary="A cooperative.")
    catalogue.write("pages/gioi-thieu/index.md", "---\ntitle: Giới thiệu\n---\nVề chúng tôi.\n")
    catalogue.write("pages/gioi-thieu/index.en.md", "---\ntitle: About\n---\nAbout us.\n")
    catalogue.product("nuoc-mam", **NUOC_MAM, summary="Đã sửa sau khi dịch.")
    assert stale_warnings(catalogue.root) == []  # a fresh project is not a wall of warnings
    assert entry(catalogue.root).stale_fields("en") == [] and entry(catalogue.root).translated_from("en") is None
    statuses = {s.code: s for s in translation_status(catalogue.root, SETTINGS)}
    assert statuses["en"].unmarked == {"products": ["nuoc-mam"], "producers": ["htx-a"], "pages": ["gioi-thieu"]}
    assert statuses["en"].stale == [] and statuses["ko"].unmarked == {}
    report = format_status(list(statuses.values())).splitlines()
    assert report[report.index("  products translated: 1/3") + 2] == "    not yet marked current: 1: nuoc-mam"
    assert "  pages: not yet marked current: 1: gioi-thieu" in report
    assert report[-1].startswith("Once a translation matches its index.md, record it: invoke translations "
                                 "--mark-current FILE")


def test_marking_writes_the_record_and_keeps_every_other_byte(catalogue):
    en = catalogue.root / "products/nuoc-mam/index.en.md"
    original = ("---\r\n"
                "# translated by Lan, checked by the producer\r\n"
                "summary: 'Fish sauce.'   # short\r\n"
                "title: Anchovy fish sauce\r\n"
                "images:\r\n"
                "  - {file: anh-1.jpg, alt: \"A bottle\"}\r\n"
                "---\r\n"
                "Text with a trailing space \r\n\r\n")
    en.write_bytes(original.encode("utf-8"))
    [marked] = mark(catalogue.root, en)
    assert marked.changed and marked.stale is None
    digests = entry(catalogue.root).source_digests
    record = staleness.record(digests)
    assert list(record) == ["title", "summary", "images", "price.unit", "body"]  # what nuoc-mam has to translate
    assert record["summary"] == staleness.digest("Tóm tắt sản phẩm.")  # the text's own digest: others can verify
    written = en.read_bytes().decode("utf-8")
    line = "translated_from: {" + ", ".join(f"{name}: {value}" if not value.isdigit() else f"{name}: '{value}'"
                                            for name, value in record.items()) + "}\r\n"
    assert written == original.replace("---\r\nText", line + "---\r\nText")
    assert mark(catalogue.root, en)[0].changed is False  # already current: the file is not written

    # a record moved up by hand is replaced where it is, the fields around it untouched
    moved = written.replace(line, "").replace("title:", line + "title:")
    en.write_bytes(moved.encode("utf-8"))
    catalogue.product("nuoc-mam", **NUOC_MAM, summary="Tóm tắt mới.")
    [marked] = mark(catalogue.root, en)
    assert marked.changed and marked.stale == ["summary"]
    new_line = line.replace(record["summary"], staleness.digest("Tóm tắt mới."))
    assert en.read_bytes().decode("utf-8") == moved.replace(line, new_line)
    assert content_problems(catalogue.root) == []


def test_marking_a_folder_all_and_what_cannot_be_marked(catalogue):
    ko = catalogue.translation("products", "nuoc-mam", "ko", title="멸치 액젓", summary="액젓.")
    htx = catalogue.translation("producers", "htx-a", "en", title="Tan My cooperative", summary="A cooperative.")
    index = catalogue.root / "products/nuoc-mam/index.md"
    with pytest.raises(StaffError, match=r"^content/products/nuoc-mam/index.md: is the default-language file; "
                                         r"mark its translations \(index.<lang>.md\) once they match it\nNothing"):
        mark(catalogue.root, index)
    with pytest.raises(StaffError, match="--mark-current: nowhere: no such file or folder"):
        mark(catalogue.root, "nowhere")
    assert [m.path.name for m in mark(catalogue.root, catalogue.root / "products/nuoc-mam")] == ["index.en.md",
                                                                                                  "index.ko.md"]
    assert [m.path for m in mark(catalogue.root, "all")] == [htx, catalogue.root / EN[8:], ko]
    assert [m.changed for m in mark(catalogue.root, "all")] == [False, False, False]

    # index.md with an error: its digests would not be those of the build, so nothing is marked
    catalogue.product("nuoc-mam", **NUOC_MAM, summary="x" * 201)
    before = {p: p.read_bytes() for p in (ko, htx)}
    with pytest.raises(StaffError, match=r"content/products/nuoc-mam/index.ko.md: its index.md has errors; fix them "
                                         r"first \(invoke check\), then mark the translation"):
        mark(catalogue.root, "all")
    assert {p: p.read_bytes() for p in (ko, htx)} == before


def test_a_record_belongs_in_translations_only(catalogue):
    path = catalogue.product("nuoc-mam", **NUOC_MAM, translated_from={"summary": "07bd2e"})
    line = record_line(path)
    assert content_problems(catalogue.root) == [
        f"content/products/nuoc-mam/index.md:{line}: translated_from: belongs in a translation (index.<lang>.md) "
        "only: it records which text of index.md the translation was made from; remove it here"]


def test_a_malformed_record_is_an_error(catalogue):
    en = catalogue.root / "products/nuoc-mam/index.en.md"
    front = "---\ntitle: Anchovy fish sauce\nsummary: Fish sauce.\n{}---\nText.\n"
    en.write_text(front.format("translated_from: {sumary: 07bd2e, title: 3F9A1C, body: 9e41, price.unit: 012345}\n"),
                  encoding="utf-8")
    digits = "must be 6 hexadecimal digits (0-9, a-f), as `invoke translations --mark-current` writes them, got {}; " \
             "once the translation matches index.md, run it on this file to write the record again"
    assert content_problems(catalogue.root) == [  # six digits without quotes are taken as written, 012345
        f"{EN}:4: translated_from.body: " + digits.format("'9e41'"),
        f"{EN}:4: translated_from.sumary: unknown field; did you mean `summary`?",
        f"{EN}:4: translated_from.title: " + digits.format("'3F9A1C'"),
    ]
    en.write_text(front.format("translated_from: yes\n"), encoding="utf-8")
    assert content_problems(catalogue.root) == [f"{EN}:4: translated_from: must be a set of fields, got yes/no"]
    en.write_text(front.format("translated_from: {address: 07bd2e}\n"), encoding="utf-8")  # a producer's text
    assert content_problems(catalogue.root) == [f"{EN}:4: translated_from.address: unknown field"]
    mark(catalogue.root, en)  # marking writes a good record in its place
    assert content_problems(catalogue.root) == [] and record_line(en) == 4


def test_stale_through_the_content_cache(catalogue, tmp_path):
    """A second build reads parsed files and checked fields from the content cache: still the same answer."""
    def load():
        cache = ContentCache(tmp_path / "cache")
        loader = CatalogueLoader(catalogue.root, configure_languages(["vi", "en"]), DAY, Problems(), cache=cache)
        files = loader.read_files()
        cache.save()
        return next(e for e in files.products if e.slug == "nuoc-mam")

    mark(catalogue.root, catalogue.root / "products/nuoc-mam/index.en.md")
    assert load().stale_fields("en") == [] and load().stale_fields("en") == []
    catalogue.product("nuoc-mam", **NUOC_MAM, body="Đổi mô tả.")
    assert load().stale_fields("en") == ["body"] and load().stale_fields("en") == ["body"]
    assert load().stale_fields("ko") == [] and load().stale_fields("vi") == []  # no translation; the original


def test_every_translatable_text_has_its_place_in_the_contract_order():
    for schema in (PRODUCT, PRODUCER, SHOP, REGION_DESCRIPTION, PAGE):
        names = staleness.names(schema)
        assert set(names) <= set(staleness.ORDER), (schema.name, set(names) - set(staleness.ORDER))
        assert names == sorted(names, key=staleness.ORDER.index) and names[-1] == "body"
    assert staleness.names(PRODUCER) == ["title", "summary", "address", "contact_person", "body"]


def test_the_sample_translations_are_marked_and_current():
    statuses = translation_status(ROOT / "content", SETTINGS)
    assert [(s.code, s.stale, s.unmarked) for s in statuses if s.stale or s.unmarked] == []
    assert sum(len(s.bundles.get("products", ((), ()))[0]) for s in statuses) > 30


def test_invoke_translations_mark_current(catalogue):
    en = catalogue.root / "products/nuoc-mam/index.en.md"
    catalogue.translation("producers", "htx-a", "en", title="Tan My cooperative", summary="A cooperative.")
    result = run_invoke("translations", "--content", str(catalogue.root), "--mark-current", str(en),
                        "--mark-current", str(catalogue.root / "producers"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"{en}: marked current", f"{catalogue.root}/producers/htx-a/index.en.md: marked current"]
    assert "not yet marked current" not in result.stdout and "may be out of date" not in result.stdout
    assert lines[2] == "vi: (default language of the content)"  # then the report; the .po files left alone
    assert en.read_text(encoding="utf-8").count("translated_from: {title: ") == 1
