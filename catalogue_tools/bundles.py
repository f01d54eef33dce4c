"""Reading and writing the front matter of a bundle's index.md without touching its Markdown body.

Written front matter is YAML from `yaml.safe_dump` (Unicode kept, no line folding), its fields in the
schema's order, so that writing the same data twice gives the same bytes. The body after the closing
`---` is kept byte for byte.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from ocop.catalogue.frontmatter import UnbuildableValue, load_yaml
from ocop.catalogue.schema import Schema

from . import StaffError

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class MarkdownFile:
    path: Path
    fields: dict
    body: str  # exactly as in the file (after the closing '---' line)


def read_markdown(path: Path) -> MarkdownFile:
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StaffError(f"{path}: file: cannot be read as UTF-8 text ({exc})") from None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip().lstrip("\ufeff") != "---":
        raise StaffError(f"{path}:1: file: must start with front matter ('---'); fix the file first (invoke check)")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise StaffError(f"{path}:1: file: front matter is not closed; fix the file first (invoke check)")
    try:
        fields = load_yaml(unicodedata.normalize("NFC", "".join(lines[1:end])), offset=1) or {}
    except UnbuildableValue as exc:
        raise StaffError(f"{path}:{exc.line}: {exc.field}: {exc}; fix the file first (invoke check)") from None
    except yaml.YAMLError as exc:
        raise StaffError(f"{path}: file: YAML syntax error; fix the file first (invoke check): {exc}") from None
    if not isinstance(fields, dict):
        raise StaffError(f"{path}: file: front matter must be fields; fix the file first (invoke check)")
    return MarkdownFile(path, fields, "".join(lines[end + 1:]))


def ordered(data, schema: Schema | None):
    """`data` with its fields in the schema's order (unknown ones after, as they were)."""
    if isinstance(data, list):
        return [ordered(item, schema) for item in data]
    if not isinstance(data, dict) or schema is None:
        return data
    names = [f.name for f in schema.fields if f.name in data] + [k for k in data if k not in schema.by_name]
    result = {}
    for name in names:
        spec = schema.by_name.get(name)
        check = getattr(spec.check, "item", spec.check) if spec else None
        result[name] = ordered(data[name], check if isinstance(check, Schema) else None)
    return result


def render(fields: dict, schema: Schema, body: str, comment: str = "") -> str:
    """The file's text; `comment` (YAML comment lines) ends the front matter."""
    front = yaml.safe_dump(ordered(fields, schema), allow_unicode=True, sort_keys=False, width=10_000,
                           default_flow_style=False)
    return f"---\n{front}{comment}---\n{body}"


def write_bundle(path: Path, fields: dict, schema: Schema, body: str | None = None, dry_run: bool = False,
                 comment: str = "") -> str:
    """Create index.md, or update its front matter keeping the body; returns CREATED/UPDATED/UNCHANGED.
    `comment`: YAML comment lines at the end of a new file's front matter (an update does not keep comments)."""
    if path.is_file():
        current = read_markdown(path)
        if current.fields == fields:
            return UNCHANGED
        text, outcome = render(fields, schema, current.body), UPDATED
    else:
        text, outcome = render(fields, schema, body or "", comment), CREATED
    if not dry_run:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    return outcome


def set_field(path: Path, name: str, value) -> bool:
    """Set one top-level front-matter field of a file to `value`, written in YAML's flow style on one line
    (`translated_from: {title: 3f9a1c, body: 9e41aa}`): in place of the field where the file has it, else as
    the last field. Every other byte stays as it was: the other fields, their order, quotes and comments, the
    body, the line ends (`write_bundle` rewrites the whole front matter instead). Returns whether the file
    changed."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StaffError(f"{path}: file: cannot be read as UTF-8 text ({exc})") from None
    lines = text.splitlines(keepends=True)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if not lines or lines[0].strip().lstrip("\ufeff") != "---" or end is None:
        raise StaffError(f"{path}:1: file: front matter is not between '---' lines; fix the file first (invoke check)")
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    written = yaml.safe_dump({name: value}, allow_unicode=True, sort_keys=False, default_flow_style=None,
                             width=10_000).rstrip("\n").split("\n")
    try:
        node = yaml.compose("".join(lines[1:end]), Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise StaffError(f"{path}: file: YAML syntax error; fix the file first (invoke check): {exc}") from None
    start, stop = end, end  # lines of the file that the field takes (none yet: it goes last)
    for key, item in node.value if isinstance(node, yaml.MappingNode) else ():
        if key.value == name:  # marks count lines of the YAML text, which starts on the file's line 2
            start, stop = key.start_mark.line + 1, item.end_mark.line + 1 + (item.end_mark.column > 0)
    lines[start:stop] = [line + newline for line in written]
    changed = "".join(lines)
    if changed == text:
        return False
    path.write_bytes(changed.encode("utf-8"))
    return True
