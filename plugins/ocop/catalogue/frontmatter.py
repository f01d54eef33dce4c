"""Split a Markdown file into YAML front matter and body; parse the YAML safely with line numbers.

PyYAML's SafeLoader builds the data; the node tree it composes first gives the line of every field
(`certificate.date`, `images[2].alt`) so that errors can name it, and reveals duplicate keys, which
PyYAML would otherwise silently overwrite.

Some text is valid YAML but cannot be built into a value: a date that does not exist (`2025-02-30`, read
as a date because of its shape), `!!binary` data that is not base64, a tag such as `!Quan` (a value that
starts with `!`), a number thousands of digits long. PyYAML raises a different exception for each, without
saying which field; `FrontMatterLoader` catches each at the node it was building, so every such value
becomes one `PATH:LINE: FIELD: message` like any other content problem.
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

YAML_TAG = "tag:yaml.org,2002:"  # the prefix of the standard tags, written `!!` in a file
LONGEST_NUMBER = 1000  # characters; Python will not turn a number of more than 4300 digits into text


class FrontMatterLoader(SafeLoader):
    """The safe loader, keeping a list of the values it cannot build instead of stopping at the first.

    Every value is built where it stands (`deep_construct`), so that an error is raised while its own
    node is being built and can be pinned to that node; the value becomes None and building goes on.
    """

    def __init__(self, stream):
        super().__init__(stream)
        self.unbuildable: list[tuple[yaml.Node, yaml.Mark, str]] = []  # (node, where, what to write instead)

    def construct_document(self, node):
        self.deep_construct = True
        return super().construct_document(node)

    def construct_yaml_int(self, node):
        if isinstance(node, yaml.ScalarNode) and len(node.value) > LONGEST_NUMBER:  # fails here or when printed
            raise ValueError("too long a number")
        return super().construct_yaml_int(node)

    def construct_object(self, node, deep=False):
        if node in self.recursive_objects:  # an alias inside its own anchor: `tags: &t [*t]`
            self.unbuildable.append((node, node.start_mark, "refers to itself (an alias `*name` inside its own "
                                     "`&name`); write the value out in full"))
            return None
        deep_before = self.deep_construct
        try:
            return super().construct_object(node, deep)
        except (yaml.constructor.ConstructorError, ValueError, KeyError, AttributeError) as exc:
            self.deep_construct = deep_before
            self.recursive_objects.pop(node, None)
            self.constructed_objects[node] = None  # an alias of it is not reported again
            mark = getattr(exc, "problem_mark", None) or node.start_mark
            self.unbuildable.append((node, mark, _what_to_write(node, exc)))
            return None


FrontMatterLoader.add_constructor(YAML_TAG + "int", FrontMatterLoader.construct_yaml_int)


def _what_to_write(node, exc: Exception) -> str:
    """The message for a value PyYAML could not build: what it is read as, and what to write instead."""
    written = node.value if isinstance(node, yaml.ScalarNode) else None
    kind = node.tag[len(YAML_TAG):] if node.tag.startswith(YAML_TAG) else None
    if isinstance(exc, yaml.constructor.ConstructorError):
        problem = exc.problem or ""
        if problem.startswith("could not determine a constructor for the tag"):
            tag = f"!!{kind}" if kind else node.tag
            return (f"{tag!r} is read as a YAML tag, which front matter does not use; if the value starts "
                    "with '!', put the whole value in quotes")
        if problem == "found unhashable key":
            return "a field name must be plain text, not a list or a set of fields"
        if kind == "binary":
            return "!!binary data must be base64 (letters a-z, A-Z, digits, +, / and = at the end)"
        return f"cannot be read: {problem}"
    if kind == "timestamp":
        reason = f" ({exc})" if isinstance(exc, ValueError) else ""  # else not even the shape of a date
        return f"{written} is not a date that exists{reason}; write YYYY-MM-DD, a real day"
    if kind == "int" and written is not None and len(written) > LONGEST_NUMBER:
        return f"is a number {len(written)} characters long; no field takes a number that long"
    if kind == "int":
        return f"must be a whole number, got {written!r}"
    if kind == "float":
        return f"must be a number, got {written!r}"
    if kind == "bool":
        return f"must be true or false, got {written!r}"
    return f"cannot be read as {f'!!{kind}' if kind else node.tag}: {exc}"


class UnbuildableValue(ValueError):
    """A YAML value that cannot be built; the message says what to write instead."""

    def __init__(self, field_name: str, line: int, message: str):
        super().__init__(message)
        self.field = field_name
        self.line = line


def load_yaml(text: str, offset: int = 0):
    """The value of YAML `text` (`offset` lines into its file), built as front matter is: for the staff
    tools that read YAML outside a build (a spreadsheet cell, a bundle being updated). Raises
    `UnbuildableValue` for the first value that cannot be built, `yaml.YAMLError` for text that is not YAML.
    """
    loader = FrontMatterLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        found = _NodeMap(offset)
        _map_lines(node, "", found)
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    unbuildable = found.unbuildable(loader)
    if unbuildable:
        raise UnbuildableValue(*unbuildable[0])
    return data


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
    loader = FrontMatterLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.error(path, "file", "front matter is empty", offset + 1)
            return None, {}, {}
        if not isinstance(node, yaml.MappingNode):
            problems.error(path, "file", "front matter must be fields ('name: value'), one per line",
                           node.start_mark.line + offset + 1)
            return None, {}, {}
        found = _NodeMap(offset)
        _map_lines(node, "", found)
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
    except RecursionError:  # lists in lists in lists …, thousands deep
        problems.error(path, "file", "fields are nested too deeply to be read", offset + 1)
        return None, {}, {}
    finally:
        loader.dispose()
    unbuildable = found.unbuildable(loader)
    for name, line, message in unbuildable:
        problems.error(path, name, message, line)
    for name, line in found.duplicates:
        problems.error(path, name, "is given twice; keep one", line)
    if unbuildable or found.duplicates:
        return None, {}, {}
    return data, found.lines, found.sources


@dataclass
class _NodeMap:
    """What the node tree tells about the fields, before they are built."""

    offset: int  # lines of the file before the YAML text
    lines: dict = field(default_factory=dict)  # field path → line number in the file
    sources: dict = field(default_factory=dict)  # field path → unquoted scalar as written
    duplicates: list = field(default_factory=list)  # (field path, line) of each key given again
    names: dict = field(default_factory=dict)  # id(node) → the field path it was first met at

    def unbuildable(self, loader: FrontMatterLoader) -> list[tuple[str, int, str]]:
        """(field path, line, message) of each value `loader` could not build."""
        return [(self.names.get(id(node)) or "file", mark.line + self.offset + 1, message)
                for node, mark, message in loader.unbuildable]


def _map_lines(node, prefix, found: _NodeMap):
    if id(node) in found.names:  # an alias: its fields were mapped where its anchor is
        return
    found.names[id(node)] = prefix
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            name = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            line = key_node.start_mark.line + found.offset + 1
            if name in found.lines:
                found.duplicates.append((name, line))
            found.lines[name] = line
            found.names.setdefault(id(key_node), name)
            if isinstance(value_node, yaml.ScalarNode) and not value_node.style:  # plain: None or ""
                found.sources[name] = value_node.value
            _map_lines(value_node, name, found)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value, start=1):
            name = f"{prefix}[{index}]"
            found.lines[name] = item.start_mark.line + found.offset + 1
            _map_lines(item, name, found)
