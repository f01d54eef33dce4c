"""Turn every photo of a catalogue into renditions: from the cache when possible, else in parallel."""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ocop.catalogue.api import Rendition

from .cache import RenditionCache
from .render import PhotoRejected, render_photo
from .settings import ImageSettings, PipelineOptions


@dataclass
class Stats:
    photos: int = 0  # distinct photo contents in the catalogue
    processed: int = 0  # made in this build
    cached: int = 0  # taken from the cache
    failed: int = 0
    seconds: float = 0.0


def _work(source: str, target: str, settings: ImageSettings):
    """In a worker process: ("ok", manifest) or ("error", message). Plain values cross processes."""
    try:
        return "ok", render_photo(Path(source), Path(target), settings)
    except PhotoRejected as exc:
        return "error", str(exc)
    except Exception as exc:  # noqa: BLE001 - anything Pillow raises on hostile files is a bad photo
        return "error", f"cannot be processed ({type(exc).__name__}: {exc})"


def _run(jobs: list[tuple[str, Path, Path]], options: PipelineOptions):
    """Yield (key, status, result) for each (key, source, entry folder) job, using every core."""
    if len(jobs) <= 1 or options.workers <= 1:
        for key, source, target in jobs:
            yield (key, *_work(str(source), str(target), options.images))
        return
    with ProcessPoolExecutor(max_workers=min(options.workers, len(jobs))) as pool:
        futures = {pool.submit(_work, str(source), str(target), options.images): key for key, source, target in jobs}
        for future in as_completed(futures):
            yield (futures[future], *future.result())


def _progress(jobs: list, options: PipelineOptions):
    """A transient progress bar on a terminal when there is real work; nothing in CI or logs."""
    if not options.progress or len(jobs) < 4:
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    return Progress("Photos", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=True)


def attach(photo, manifest: dict, entry: Path) -> None:
    """Give `photo` its renditions, published as `<photo stem>-<file>` (anh-1-640.webp)."""
    stem = Path(photo.name).with_suffix("").as_posix().replace("/", "-")

    def rendition(item):
        return Rendition(f"{stem}-{item['name']}", entry / item["name"], item["width"], item["height"], item["mime"])

    photo.renditions = [rendition(item) for item in manifest["renditions"]]
    photo.social = rendition(manifest["social"])
    photo.width, photo.height = manifest["width"], manifest["height"]  # upright size


def process(uses, options: PipelineOptions, problems, catalogue: Path) -> Stats:
    started = time.perf_counter()
    cache = RenditionCache(options.cache_path, options.images.fingerprint)
    users: dict[str, list] = {}
    for use in uses:
        users.setdefault(cache.key(use.photo.source), []).append(use)
    manifests, jobs = {}, []
    for key, key_uses in users.items():
        manifest = cache.manifest(key)
        if manifest is not None:
            manifests[key] = manifest
        else:
            jobs.append((key, key_uses[0].photo.source, cache.entry(key)))
    stats = Stats(photos=len(users), processed=len(jobs), cached=len(users) - len(jobs))

    bar = _progress(jobs, options)
    task = bar.add_task("photos", total=len(jobs)) if bar else None
    if bar:
        bar.start()
    try:
        for key, status, result in _run(jobs, options):
            if status == "ok":
                manifests[key] = result
            else:
                stats.failed += 1
                for use in users[key]:
                    doc = use.document
                    problems.error(doc.path, use.field, f"{use.photo.name!r} {result}", doc.line(use.field))
            if bar:
                bar.advance(task)
    finally:
        if bar:
            bar.stop()

    for key, manifest in manifests.items():
        for use in users[key]:
            attach(use.photo, manifest, cache.entry(key))
    if not stats.failed:
        cache.save(catalogue, manifests)
    stats.seconds = time.perf_counter() - started
    return stats
