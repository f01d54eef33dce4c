"""The site's security policy as HTTP headers, for the hosts that read header files from the site.

Every page already carries the Content-Security-Policy in a `<meta>` tag (theme/templates/base.html).
A header is stronger: it also covers what a meta tag cannot (`frame-ancestors`, so that no other site can
frame ours) and files that are not HTML. The build writes, at the root of the site:

- `_headers`: Netlify, Cloudflare Pages and other static hosts;
- `.htaccess`: Apache with mod_headers (a folder or rsync publish to an Apache server).

Both come from the one policy in `pelicanconf.py` (`CONTENT_SECURITY_POLICY`); the S3 publish target
stores it as object metadata (catalogue_tools/publish/s3.py). For nginx, see docs/staff-guide.md.
"""

from __future__ import annotations

from pathlib import Path

from ocop.catalogue.api import catalogue_written

HEADER_ONLY_DIRECTIVES = "frame-ancestors 'self'"  # ignored in a <meta> policy, so added here


def security_headers(policy: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": f"{policy}; {HEADER_ONLY_DIRECTIVES}" if policy else HEADER_ONLY_DIRECTIVES,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }


def write_header_files(generator, output, sites) -> None:
    headers = security_headers(generator.settings.get("CONTENT_SECURITY_POLICY", ""))
    output = Path(output)
    netlify = "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())
    (output / "_headers").write_text(netlify, encoding="utf-8")
    apache = "<IfModule mod_headers.c>\n" + "".join(
        f'  Header always set {name} "{value}"\n' for name, value in headers.items()) + "</IfModule>\n"
    (output / ".htaccess").write_text(apache, encoding="utf-8")


def register() -> None:
    catalogue_written.connect(write_header_files)
