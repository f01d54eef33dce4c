"""Target `s3`: S3-compatible object storage (AWS S3, MinIO, Ceph, …) through boto3.

Only files whose MD5 differs from the object's ETag are uploaded (objects are written in one part, so
their ETag is their MD5); objects no longer in the site are deleted when asked. Each object gets its
Content-Type, a Cache-Control header (see `cache_control`) and, for pages, the site's
Content-Security-Policy as object metadata (`x-amz-meta-content-security-policy`), for a CDN in front of
the bucket to send as a header: S3 itself cannot send arbitrary response headers. Credentials come from
the environment or the standard AWS configuration, never from the project.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from pathlib import Path

from .. import StaffError
from ..progress import progress_bar
from .deploying import DeployReport, need, site_files

LONG_CACHE = "public, max-age=31536000, immutable"
MEDIUM_CACHE = "public, max-age=86400"  # photos and theme files whose names do not change with their content
SHORT_CACHE = "public, max-age=300, must-revalidate"  # pages, feeds, sitemap
# A name that carries a fingerprint of its content (site.3f9a1c2e.css; the search index's files, which
# Pagefind names by content: en_2099d64.pf_fragment): such a file never changes under its name, so
# browsers may keep it for a year.
FINGERPRINT_RE = re.compile(r"(?:[.-][0-9a-f]{8,}|_[0-9a-f]{7,})\.[A-Za-z0-9_]+$")
LONG_LIVED_FOLDERS = ("media/", "theme/")
TYPES = {".webp": "image/webp", ".svg": "image/svg+xml", ".xml": "application/xml", ".json": "application/json",
         ".geojson": "application/geo+json", ".webmanifest": "application/manifest+json", ".txt": "text/plain"}
TEXT_TYPES = ("text/", "application/xml", "application/atom+xml", "application/json", "application/geo+json",
              "image/svg+xml", "application/javascript", "application/manifest+json")


def content_type(name: str) -> str:
    if name.endswith("feed.xml"):
        mime = "application/atom+xml"
    else:
        mime = TYPES.get(Path(name).suffix.lower()) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"{mime}; charset=utf-8" if mime.startswith(TEXT_TYPES) else mime


def cache_control(name: str) -> str:
    if name.endswith(".html") or name.endswith(".xml") or name.endswith(".txt"):
        return SHORT_CACHE
    if FINGERPRINT_RE.search(name):
        return LONG_CACHE
    if name.startswith(LONG_LIVED_FOLDERS):
        return MEDIUM_CACHE
    return SHORT_CACHE


def md5_of(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def s3_client(settings: dict):
    import boto3

    options = {}
    if settings.get("PUBLISH_S3_ENDPOINT"):
        options["endpoint_url"] = settings["PUBLISH_S3_ENDPOINT"]
    if settings.get("PUBLISH_S3_REGION"):
        options["region_name"] = settings["PUBLISH_S3_REGION"]
    return boto3.client("s3", **options)


def remote_etags(client, bucket: str, prefix: str) -> dict:
    etags = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            etags[item["Key"]] = item["ETag"].strip('"')
    return etags


def deploy(site: Path, settings: dict, destination=None, delete=None, progress=None) -> DeployReport:
    from botocore.exceptions import BotoCoreError, ClientError

    bucket = need(destination or settings.get("PUBLISH_S3_BUCKET", ""), "PUBLISH_S3_BUCKET", "CATALOGUE_S3_BUCKET")
    prefix = settings.get("PUBLISH_S3_PREFIX", "")
    delete = settings.get("PUBLISH_S3_DELETE", False) if delete is None else delete
    csp = settings.get("CONTENT_SECURITY_POLICY", "")
    report = DeployReport("s3", f"s3://{bucket}/{prefix}")
    try:
        client = s3_client(settings)
        existing = remote_etags(client, bucket, prefix)
        files = site_files(site)
        changed = [(name, path) for name, path in files if existing.get(prefix + name) != md5_of(path)]
        report.unchanged = len(files) - len(changed)
        with progress_bar(f"Uploading to s3://{bucket}", len(changed), progress) as advance:
            for name, path in changed:
                extra = {"ContentType": content_type(name), "CacheControl": cache_control(name)}
                if name.endswith(".html") and csp:
                    extra["Metadata"] = {"content-security-policy": csp}
                with path.open("rb") as body:
                    client.put_object(Bucket=bucket, Key=prefix + name, Body=body, **extra)
                report.uploaded.append(name)
                advance()
        if delete:
            live = {prefix + name for name, _ in files}
            gone = sorted(key for key in existing if key not in live)
            for start in range(0, len(gone), 1000):
                batch = [{"Key": key} for key in gone[start:start + 1000]]
                client.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
            report.deleted = [key.removeprefix(prefix) for key in gone]
    except (BotoCoreError, ClientError) as exc:
        raise StaffError(f"S3 upload to s3://{bucket}/{prefix} failed: {exc}. Files already sent stay; "
                         "run invoke publish again.") from None
    return report
