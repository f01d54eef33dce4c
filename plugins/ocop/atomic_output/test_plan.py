"""The output plan on its own, on temporary folders: what a build keeps, what it writes, and how `commit()`
turns the output folder into the new site (no Pelican run)."""

from __future__ import annotations

import inspect
import os
import pickle
import shutil

import pytest

from ocop.atomic_output import plan as plan_module
from ocop.atomic_output.plan import OutputPlan, manifest_path
from ocop.catalogue.api import WriteEverything

PAST = 1_000_000_000_000_000_000  # an mtime (ns, 2001) no file written by the test has


def files_of(folder) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Builds:
    """Builds into `<tmp>/out` through an `OutputPlan`, as plugin atomic_output runs them."""

    def __init__(self, root):
        self.final, self.staging = root / "out", root / "out.partial"
        self.made: list[str] = []

    def start(self) -> OutputPlan:
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)
        self.made = []
        return OutputPlan(self.final, self.staging)

    def make(self, path: str, text: str):
        """The `make` of `reuse`: writes `path` into the staging folder and notes that it was made."""
        def make():
            target = self.staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            self.made.append(path)
        return make

    def build(self, files: dict[str, tuple[str, str]]):
        """One whole build of `files` (path → (digest of its inputs, text)); returns the commit report."""
        plan = self.start()
        for path, (digest, text) in files.items():
            plan.reuse([path], digest, self.make(path, text))
        return plan.commit()


@pytest.fixture
def builds(tmp_path) -> Builds:
    return Builds(tmp_path)


# ---- commit -------------------------------------------------------------------------------------------

def test_a_first_build_renames_the_staging_folder_and_writes_the_manifest(builds):
    report = builds.build({"index.html": ("d1", "home"), "san-pham/a/index.html": ("d2", "a")})
    assert files_of(builds.final) == {"index.html": "home", "san-pham/a/index.html": "a"}
    assert not builds.staging.exists()
    assert manifest_path(builds.final).is_file()
    assert (report.written, report.unchanged, report.carried, report.removed) == (2, 0, 0, 0)


def test_changed_files_are_replaced_and_unchanged_ones_keep_their_mtime(builds):
    builds.build({"a.html": ("d1", "old"), "b.html": ("d2", "same")})
    os.utime(builds.final / "b.html", ns=(PAST, PAST))
    # new digests: both are made again, but b.html comes out with the same bytes
    report = builds.build({"a.html": ("d1-new", "new"), "b.html": ("d2-new", "same")})
    assert files_of(builds.final) == {"a.html": "new", "b.html": "same"}
    assert (builds.final / "b.html").stat().st_mtime_ns == PAST  # rsync and S3 see no change
    assert (report.written, report.unchanged) == (1, 1)


def test_files_no_longer_part_of_the_site_are_deleted_with_their_empty_folders(builds):
    builds.build({"index.html": ("d", "home"), "san-pham/a/index.html": ("da", "a"),
                  "san-pham/b/index.html": ("db", "b"), "media/a/1.jpg": ("dm", "jpg")})
    report = builds.build({"index.html": ("d", "home"), "san-pham/b/index.html": ("db", "b")})
    assert files_of(builds.final) == {"index.html": "home", "san-pham/b/index.html": "b"}
    assert not (builds.final / "san-pham/a").exists() and not (builds.final / "media").exists()
    assert report.removed == 2


def test_a_page_where_a_folder_was_and_a_folder_where_a_page_was(builds):
    builds.build({"a/index.html": ("d1", "folder page"), "b": ("d2", "file")})
    builds.build({"a": ("d3", "file now"), "b/index.html": ("d4", "folder page now")})
    assert files_of(builds.final) == {"a": "file now", "b/index.html": "folder page now"}


def test_carried_files_survive_the_commit_untouched(builds):
    builds.build({"a.html": ("d1", "a"), "b.html": ("d2", "b")})
    os.utime(builds.final / "a.html", ns=(PAST, PAST))
    report = builds.build({"a.html": ("d1", "a, not made again"), "b.html": ("d2-new", "b2")})
    assert builds.made == ["b.html"]
    assert files_of(builds.final) == {"a.html": "a", "b.html": "b2"}
    assert (builds.final / "a.html").stat().st_mtime_ns == PAST
    assert (report.carried, report.written) == (1, 1)


def test_an_interrupted_commit_leaves_no_manifest_so_the_next_build_makes_everything(builds, monkeypatch):
    builds.build({"a.html": ("d1", "a"), "b.html": ("d2", "b")})
    plan = builds.start()
    plan.reuse(["a.html"], "d1-new", builds.make("a.html", "a2"))
    plan.reuse(["b.html"], "d2", builds.make("b.html", "b"))

    def power_cut(*args):
        raise OSError("power cut")

    monkeypatch.setattr(plan_module.os, "replace", power_cut)  # the first file moved into the output
    with pytest.raises(OSError):
        plan.commit()
    monkeypatch.undo()
    assert not manifest_path(builds.final).exists()
    builds.build({"a.html": ("d1", "a"), "b.html": ("d2", "b")})
    assert sorted(builds.made) == ["a.html", "b.html"]  # nothing is trusted: every file is made again


def test_the_manifest_is_written_after_the_last_change(builds, monkeypatch):
    builds.build({"a.html": ("d1", "a")})
    order = []
    real_replace, real_unlink = os.replace, type(builds.final).unlink

    def replace(src, dst):
        order.append(os.path.basename(dst))
        real_replace(src, dst)

    def unlink(self, missing_ok=False):
        order.append("-" + self.name)
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(plan_module.os, "replace", replace)
    monkeypatch.setattr(type(builds.final), "unlink", unlink)
    builds.build({"b.html": ("d2", "b")})
    assert order == ["-out.manifest", "b.html", "-a.html", "out.manifest"]


def test_a_manifest_of_another_folder_or_version_is_ignored(builds, tmp_path):
    builds.build({"a.html": ("d1", "a")})
    other = Builds(tmp_path / "elsewhere")
    shutil.copytree(builds.final, other.final)
    shutil.copy(manifest_path(builds.final), manifest_path(other.final))
    other.build({"a.html": ("d1", "a")})
    assert other.made == ["a.html"]  # the manifest describes another folder: nothing is carried

    manifest = manifest_path(builds.final)
    data = pickle.loads(manifest.read_bytes())
    manifest.write_bytes(pickle.dumps(dict(data, version=data["version"] + 1)))
    builds.build({"a.html": ("d1", "a")})
    assert builds.made == ["a.html"]


# ---- keeping files during the build ------------------------------------------------------------------------

def test_reuse_keeps_files_only_when_every_one_was_made_from_the_same_digest_and_is_still_there(builds):
    builds.build({"p/qr.svg": ("qr:1", "svg"), "p/qr.png": ("qr:1", "png"), "q.html": ("dq", "q")})
    (builds.final / "p/qr.png").unlink()  # removed by hand since
    plan = builds.start()
    assert plan.reuse(["q.html"], "dq", builds.make("q.html", "q")) is True
    assert plan.reuse(["q.html"], "other", builds.make("q.html", "q2")) is False  # inputs changed
    assert plan.reuse(["p/qr.svg", "p/qr.png"], "qr:1", builds.make("p/qr.svg", "svg")) is False
    assert builds.made == ["q.html", "p/qr.svg"]
    assert not plan.carried_any(["p/qr.svg", "p/qr.png"])  # all or nothing
    assert plan.digest_of("p/qr.svg") == "qr:1" and plan.digest_of("q.html") == "other"


def test_where_a_file_of_this_build_is(builds):
    builds.build({"kept.html": ("d1", "kept"), "changed.html": ("d2", "old")})
    plan = builds.start()
    plan.reuse(["kept.html"], "d1", builds.make("kept.html", "kept"))
    plan.reuse(["changed.html"], "d2-new", builds.make("changed.html", "new"))
    assert plan.file_of("kept.html") == builds.final / "kept.html"
    assert plan.file_of("changed.html").read_text() == "new"
    assert plan.carried_any(["kept.html", "other.html"]) and not plan.carried_any(["changed.html"])
    assert plan.previous_text("changed.html") == "old" and plan.previous_text("missing.html") is None


def test_carry_all_keeps_a_whole_bundle_only_if_it_is_complete_and_in_its_folder(builds):
    bundle = {f"pagefind/vi/0/{name}": ("bundle:x", name) for name in ("a.pf", "b.pf", "entry.json")}
    builds.build(dict(bundle, **{"other.html": ("bundle:y", "y")}))
    plan = builds.start()
    assert plan.carry_all("bundle:x", "pagefind/vi/1") is False  # the same bundle, another shard's folder
    assert plan.carry_all("bundle:z", "pagefind/vi/0") is False  # never made
    assert plan.carry_all("bundle:x", "pagefind/vi/0") is True
    assert plan.carried_any(["pagefind/vi/0/b.pf"]) and not plan.carried_any(["other.html"])
    assert plan.commit().carried == 3
    assert files_of(builds.final) == {path: text for path, (_, text) in bundle.items()}

    (builds.final / "pagefind/vi/0/b.pf").unlink()
    plan = builds.start()
    assert plan.carry_all("bundle:x", "pagefind/vi/0") is False
    assert not plan.carried_any(bundle)


def test_a_preview_keeps_previous_files_whatever_their_inputs(builds):
    builds.build({"open-data/catalogue.json": ("all:1", "json"), "open-data/catalogue.csv": ("all:1", "csv"),
                  "pagefind/vi/0/a.pf": ("bundle:1", "a"), "pagefind/vi/0/b.pf": ("bundle:1", "b"),
                  "pagefind/vi/1/c.pf": ("bundle:2", "c")})
    plan = builds.start()
    assert plan.keep_previous(["open-data/catalogue.json", "open-data/missing.csv"]) is False
    assert not plan.carried_any(["open-data/catalogue.json"])
    assert plan.keep_previous(["open-data/catalogue.json", "open-data/catalogue.csv"]) is True
    assert plan.digest_of("open-data/catalogue.json") == "all:1"  # the next build knows what they show
    assert plan.keep_previous_folder("pagefind/vi/2") is False
    assert plan.keep_previous_folder("pagefind/vi/0") is True
    assert plan.carried_any(["pagefind/vi/0/a.pf"]) and not plan.carried_any(["pagefind/vi/1/c.pf"])
    plan.commit()
    assert sorted(files_of(builds.final)) == ["open-data/catalogue.csv", "open-data/catalogue.json",
                                              "pagefind/vi/0/a.pf", "pagefind/vi/0/b.pf"]


def test_write_keeps_the_previous_file_when_its_bytes_are_equal(builds):
    plan = builds.start()
    plan.write("p/ocop-badge.svg", "<svg>4</svg>")
    plan.write("p/ocop-badge.png", b"\x89PNG")
    plan.commit()
    os.utime(builds.final / "p/ocop-badge.svg", ns=(PAST, PAST))

    plan = builds.start()
    plan.write("p/ocop-badge.svg", "<svg>4</svg>")
    plan.write("p/ocop-badge.png", b"\x89PNG changed")
    assert not (builds.staging / "p/ocop-badge.svg").exists()  # not even written
    assert plan.carried_any(["p/ocop-badge.svg"]) and not plan.carried_any(["p/ocop-badge.png"])
    plan.commit()
    assert (builds.final / "p/ocop-badge.svg").stat().st_mtime_ns == PAST
    assert (builds.final / "p/ocop-badge.png").read_bytes() == b"\x89PNG changed"


# ---- the plan of a build without atomic_output -----------------------------------------------------------

def test_without_atomic_output_every_file_is_made_in_the_output(tmp_path):
    plan = WriteEverything(tmp_path)
    made = []
    assert plan.reuse(["a.html"], "d", lambda: made.append("a.html")) is False
    plan.write("b/badge.svg", "<svg/>")
    assert made == ["a.html"] and (tmp_path / "b/badge.svg").read_text() == "<svg/>"
    assert plan.file_of("a.html") == tmp_path / "a.html" and plan.digest_of("a.html") is None
    assert not (plan.carry_all("d", "b") or plan.keep_previous(["a.html"]) or plan.keep_previous_folder("b")
                or plan.carried_any(["a.html"]) or plan.previous_text("b/badge.svg"))


def test_both_plans_offer_the_same_methods():
    def methods(cls):
        return {name: [p.name for p in inspect.signature(member).parameters.values()]
                for name, member in vars(cls).items() if callable(member) and not name.startswith("_")}

    assert methods(WriteEverything) == {name: params for name, params in methods(OutputPlan).items()
                                        if name != "commit"}
