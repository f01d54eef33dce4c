"""Split a Markdown file into YAML front matter and body; parse the YAML safely with line numbers.

PyYAML's SafeLoader builds the data; the node tree it composes first gives the line of every field
(`certificate.date`, `images[2].alt`) so that errors can name it, and reveals duplicate keys, which
PyYAML would otherwise silently overwrite.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .content_cache import ContentCache, file_digest
from .errors import Problems

# libyaml's parser when PyYAML was built with it (ten times faster); the same safe constructor.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Document:
    path: Path
    data: dict
    body: str
    lines: dict = field(default_factory=dict)  # field path → line number in the file
    sources: dict = field(default_factory=dict)  # field path → unquoted scalar as written ("35.000")
    digest: str = ""  # SHA-256 of the file's bytes: what the page fingerprints and the content cache use

    def line(self, name: str) -> int | None:
        """Line of a field, or of its nearest enclosing field."""
        while name:
            if name in self.lines:
                return self.lines[name]
            name = name.rpartition(".")[0] if "." in name else name.rpartition("[")[0]
        return None


def read_document(path: Path, problems: Problems, cache: ContentCache | None = None) -> Document | None:
    """Read one Markdown file; report what is wrong with it and return None if unusable. A file whose
    bytes were read successfully before (`cache`) is not parsed again."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(path, "file", f"cannot be read: {exc.strerror}")
        return None
    digest = file_digest(raw)
    cached = cache.get("document", digest) if cache is not None else None
    if cached is not None:
        return Document(path, *cached, digest=digest)
    document = _parse_document(path, raw, problems)
    if document is not None:
        document.digest = digest
        if cache is not None:
            cache.put("document", digest, (document.data, document.body, document.lines, document.sources))
    return document


def _parse_document(path: Path, raw: bytes, problems: Problems) -> Document | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(path, "file", f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                       "save it with UTF-8 encoding", line)
        return None
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff")).replace("\r\n", "\n")
    if not text.strip():
        problems.error(path, "file", "is empty; it needs front matter between '---' lines")
        return None
    lines = text.split("\n")
    if lines[0].strip() != "---":
        problems.error(path, "file", "must start with front matter: a line '---', the fields, a line '---'", 1)
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        problems.error(path, "file", "front matter is not closed: add a line '---' after the fields", 1)
        return None
    yaml_text = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1:])
    data, line_map, sources = _parse_yaml(path, yaml_text, 1, problems)
    if data is None:
        return None
    return Document(path=path, data=data, body=body, lines=line_map, sources=sources)


def _parse_yaml(path, text, offset, problems):
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.error(path, "file", "front matter is empty", offset + 1)
            return None, {}, {}
        if not isinstance(node, yaml.MappingNode):
            problems.error(path, "file", "front matter must be fields ('name: value'), one per line",
                           node.start_mark.line + offset + 1)
            return None, {}, {}
        line_map: dict = {}
        sources: dict = {}
        duplicates: list = []
        _map_lines(node, "", offset, line_map, sources, duplicates)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + offset + 1 if mark else None
        detail = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        problems.error(path, "file", f"YAML syntax error: {detail}", line)
        return None, {}, {}
    except yaml.YAMLError as exc:
        problems.error(path, "file", f"YAML error: {exc}")
        return None, {}, {}
    finally:
        loader.dispose()
    for name, line in duplicates:
        problems.error(path, name, "is given twice; keep one", line)
    if duplicates:
        return None, {}, {}
    return data, line_map, sources


def _map_lines(node, prefix, offset, line_map, sources, duplicates):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            name = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            line = key_node.start_mark.line + offset + 1
            if name in line_map:
                duplicates.append((name, line))
            line_map[name] = line
            if isinstance(value_node, yaml.ScalarNode) and not value_node.style:  # plain: None or ""
                sources[name] = value_node.value
            _map_lines(value_node, name, offset, line_map, sources, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value, start=1):
            name = f"{prefix}[{index}]"
            line_map[name] = item.start_mark.line + offset + 1
            _map_lines(item, name, offset, line_map, sources, duplicates)
