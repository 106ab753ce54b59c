"""The "Suppress <ID> for <Resource>" edit: add the id to ``Metadata: cfn-lint: config: ignore_checks``.

One insertion into the text, placed from the decoder's marks, so the rest of the file stays byte for
byte as it was. Works on YAML block and flow style and on JSON, creating whichever of the keys are
missing and extending the list when it is there.
"""

from __future__ import annotations

import json
from typing import Any

from lint_rules._renames import old_ids

_CHAIN = ("Metadata", "cfn-lint", "config", "ignore_checks")


def suppress_edit(text: str, decoded: Any, logical_id: str, rule_id: str) -> tuple[int, str] | None:
    """``(offset, inserted text)`` in code points, or None when the edit cannot be made safely."""
    resources = decoded.get("Resources") if isinstance(decoded, dict) else None
    if not isinstance(resources, dict):
        return None
    resource_key = next((key for key in resources if key == logical_id), None)
    resource = resources.get(logical_id)
    if resource_key is None or not isinstance(resource, dict) or not resource:
        return None
    json_style = text.lstrip().startswith("{")
    node, parent_key = resource, resource_key
    for depth, name in enumerate(_CHAIN):
        key = next((k for k in node if k == name), None)
        if key is None:
            return _insert_entry(text, node, parent_key, _CHAIN[depth:], rule_id, json_style, node is resource)
        value = node[name]
        if name == "ignore_checks":
            return _extend_list(text, value, rule_id, json_style)
        if not isinstance(value, dict) or not value:
            return None
        node, parent_key = value, key
    return None


def _mark(node: Any, which: str) -> Any:
    return getattr(node, which, None)


def _line_start(text: str, line: int) -> tuple[int, str]:
    """The offset where ``line`` starts, and a newline to prepend when the file ends before it."""
    offset = 0
    for _ in range(line):
        found = text.find("\n", offset)
        if found < 0:
            return len(text), "" if text.endswith("\n") or not text else "\n"
        offset = found + 1
    return offset, ""


def _insert_entry(
    text: str,
    mapping: dict[Any, Any],
    parent_key: Any,
    chain: tuple[str, ...],
    rule_id: str,
    json_style: bool,
    top: bool,
) -> tuple[int, str] | None:
    first = next(iter(mapping))
    first_mark = _mark(first, "start_mark")
    if first_mark is None:
        return None
    start = _mark(mapping, "start_mark")
    if json_style or (start is not None and text[start.index : start.index + 1] == "{"):
        return _insert_flow(text, mapping, first_mark, chain, rule_id, json_style)
    parent_mark = _mark(parent_key, "start_mark")
    column = first_mark.column
    unit = max(2, column - parent_mark.column) if parent_mark is not None else 2
    lines = []
    for depth, name in enumerate(chain):
        lines.append(" " * (column + depth * unit) + f"{name}:\n")
    lines.append(" " * (column + len(chain) * unit) + f"- {rule_id}\n")
    block = "".join(lines)
    type_value = mapping.get("Type") if top else None
    type_end = _mark(type_value, "end_mark")
    type_start = _mark(type_value, "start_mark")
    if (
        isinstance(type_value, str)
        and type_end is not None
        and type_start is not None
        and type_end.line == type_start.line
    ):
        offset, prefix = _line_start(text, type_end.line + 1)
        return offset, prefix + block
    offset, prefix = _line_start(text, first_mark.line)
    if text[offset : first_mark.index].strip():
        return None  # the first key shares its line with something else: no safe place for a new line
    return offset, prefix + block


def _insert_flow(
    text: str, mapping: dict[Any, Any], first_mark: Any, chain: tuple[str, ...], rule_id: str, json_style: bool
) -> tuple[int, str] | None:
    brace = text.rfind("{", 0, first_mark.index)
    if brace < 0 or text[brace + 1 : first_mark.index].strip():
        return None
    quote = json.dumps if json_style else str
    entry = f"[{quote(rule_id)}]"
    for name in reversed(chain):
        entry = f"{quote(name)}: {entry}"
        if name != chain[0]:
            entry = "{" + entry + "}"
    newline = text.rfind("\n", 0, first_mark.index)
    if newline > brace:  # the first key has a line of its own: so does the new one
        return brace + 1, "\n" + " " * first_mark.column + entry + ","
    return first_mark.index, entry + ", "


def _extend_list(text: str, value: Any, rule_id: str, json_style: bool) -> tuple[int, str] | None:
    if not isinstance(value, list) or rule_id in value or any(old in value for old in old_ids(rule_id)):
        return None  # listed already (an old id of a renamed rule still silences it: lint_rules._renames)
    start = _mark(value, "start_mark")
    if start is None:
        return None
    item = json.dumps(rule_id) if json_style else rule_id
    if text[start.index : start.index + 1] == "[":
        if not value:
            return start.index + 1, item
        last_end = _mark(value[-1], "end_mark")
        return (last_end.index, f", {item}") if last_end is not None else None
    if text[start.index : start.index + 1] != "-":
        return None
    last_end = _mark(value[-1], "end_mark")
    if last_end is None:
        return None
    offset, prefix = _line_start(text, last_end.line + 1)
    return offset, prefix + " " * start.column + f"- {item}\n"
