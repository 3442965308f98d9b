"""YAML to plain data while remembering where every value came from.

PyYAML's safe loader silently keeps the last of two duplicate keys and happily expands a
"billion laughs" of aliases; a rule file is user input, so we compose the node graph
ourselves, refuse both, and keep each value's line and column for error messages.

Every way a document can make us work without bound is refused with the file's name: more
than ``MAX_NODES`` values or ``MAX_EXPANDED_BYTES`` of text after aliases are expanded (the
node count alone lets one alias of a 1 MB snippet stand for 1 GB), an alias inside its own
anchor, nesting deeper than ``MAX_DEPTH`` and tags that are not plain YAML data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from txmix_hook.rules.errors import RuleError, format_key_path

MAX_NODES = 10_000
MAX_EXPANDED_BYTES = 4 * 1024 * 1024  # text of all scalars, aliases expanded; real rule files are ~10 KB
MAX_DEPTH = 64  # real rule files nest about 8 deep
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based
    block_scalar: bool = False  # a `|` / `>` scalar: its text starts on the next line


@dataclass
class Document:
    """One YAML document: its data and the position of every value in it by key path."""

    file: str
    data: Any
    positions: dict[KeyPath, Position]
    key_positions: dict[KeyPath, Position] = field(default_factory=dict)

    def position(self, path: KeyPath) -> Position:
        while path and path not in self.positions:
            path = path[:-1]
        return self.positions.get(path, Position(1, 1))

    def error(self, path: KeyPath, message: str, at_key: bool = False) -> RuleError:
        pos = self.key_positions[path] if at_key and path in self.key_positions else self.position(path)
        return RuleError(self.file, pos.line, pos.column, format_key_path(path), message)


def load_documents(text: str, file: str) -> list[Document]:
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except RecursionError:  # PyYAML's composer recurses once per nesting level
        raise RuleError(file, 1, 1, "", f"YAML nested too deeply (the limit is {MAX_DEPTH} levels)") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise RuleError(file, line, col, "", f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise RuleError(file, 1, 1, "", f"YAML error: {exc}") from None
    documents = []
    for node in nodes:
        if node is None:
            continue
        builder = _Builder(file)
        data = builder.build(node, ())
        documents.append(Document(file, data, builder.positions, builder.key_positions))
    return documents


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: dict[KeyPath, Position] = {}
        self.key_positions: dict[KeyPath, Position] = {}
        self.count = 0
        self.expanded_bytes = 0
        self.open: set[int] = set()  # nodes being built: meeting one again is a recursive alias

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self._error(node, path, f"document expands to more than {MAX_NODES} nodes (alias bomb?)")
        if len(path) > MAX_DEPTH:
            raise self._error(node, path, f"nested more than {MAX_DEPTH} levels deep")
        if id(node) in self.open:
            raise self._error(node, path, "an alias refers to the value that contains it (recursive alias)")
        if node.tag not in _PLAIN_TAGS:
            raise self._error(node, path, f"unsupported YAML tag {node.tag!r}: rule files hold plain data only")
        self.positions[path] = Position(
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"),
        )
        if not isinstance(node, yaml.ScalarNode):
            self.open.add(id(node))
            try:
                return self._build_collection(node, path)
            finally:
                self.open.discard(id(node))
        self.expanded_bytes += len(node.value)
        if self.expanded_bytes > MAX_EXPANDED_BYTES:
            raise self._error(node, path, f"document expands to more than {MAX_EXPANDED_BYTES} bytes of text (alias bomb?)")
        return _scalar(node)

    def _build_collection(self, node: yaml.Node, path: KeyPath) -> Any:
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self._error(key_node, path, "mapping keys must be plain strings")
                key = key_node.value
                if key == "<<":
                    raise self._error(key_node, path, "merge keys (<<) are not supported")
                if key in result:
                    raise self._error(key_node, path + (key,), f"duplicate key {key!r}")
                self.key_positions[path + (key,)] = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, path + (key,))
            return result
        assert isinstance(node, yaml.SequenceNode)
        return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]

    def _error(self, node: yaml.Node, path: KeyPath, message: str) -> RuleError:
        return RuleError(self.file, node.start_mark.line + 1, node.start_mark.column + 1, format_key_path(path), message)


def _scalar(node: yaml.ScalarNode) -> Any:
    return yaml.SafeLoader(" ").construct_object(node) if node.tag != "tag:yaml.org,2002:str" else node.value
