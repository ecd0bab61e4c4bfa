"""A Babel extractor for the French texts kept in YAML data files.

Referenced from `[tool.babel]` in pyproject.toml as
`locales.extract:extract_yaml`. Options, per mapping:

- `keys`: the keys whose string values are texts, at any depth
  (a list, or a string of names separated by spaces or commas);
- `all_values`: when true, every string value is a text (documents.yaml,
  reasons.yaml, where each value is a sentence under a code).

Values with no letter ("1200", "04/2025") and lone acronyms ("RSA") are not
texts: gettext gives them back unchanged anyway.

Each message gets an automatic comment with its key path (`identity`,
`steps[2].help`), and a YAML comment just above the key that starts with
`TRANSLATORS:` is passed on to translators.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

import yaml

_TAG = "TRANSLATORS:"


def _option_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in re.split(r"[\s,]+", value) if part]
    return [str(part) for part in value]


def _option_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def _walk(node: yaml.Node, path: str, parent_key: str | None) -> Iterator[tuple[yaml.ScalarNode, str, str | None]]:
    """Yield (scalar value node, key path, key) for every string value."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            yield from _walk(value_node, child, key)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk(item, f"{path}[{index}]", parent_key)
    elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
        yield node, path, parent_key


def _translator_comment(lines: list[str], line_index: int) -> list[str]:
    """TRANSLATORS: comments on the lines just above `line_index`, or at the
    end of that line."""
    found: list[str] = []
    index = line_index - 1
    while index >= 0 and lines[index].strip().startswith("#"):
        found.insert(0, lines[index].strip().lstrip("#").strip())
        index -= 1
    if line_index < len(lines) and "#" in lines[line_index]:
        trailing = lines[line_index].split(" #", 1)
        if len(trailing) == 2:
            found.append(trailing[1].strip())
    return [text for text in found if text.startswith(_TAG)]


def _is_text(value: str) -> bool:
    """Words to translate: not "", "1200", "04/2025" or a lone acronym ("RSA")."""
    stripped = value.strip()
    if not any(char.isalpha() for char in stripped):
        return False
    return not (stripped.isupper() and " " not in stripped)


def extract_yaml(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extraction method: yields (line number, None, text, comments)."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    keys = set(_option_list(options.get("keys")))
    all_values = _option_bool(options.get("all_values", False))
    root = yaml.compose(source)
    if root is None:
        return
    lines = source.splitlines()
    for node, path, key in _walk(root, "", None):
        if not (all_values or key in keys):
            continue
        text = node.value
        if not _is_text(text):
            continue
        # A value starts on its key's line (for a block scalar, at its | or >).
        line = node.start_mark.line
        yield line + 1, None, text, [f"key: {path}", *_translator_comment(lines, line)]
