"""Fixes that change what a template deploys, offered only where the change is mechanical and its title
says exactly what it does.

``source_account_edit``: add ``SourceAccount: !Ref AWS::AccountId`` beside a Lambda permission's
``Principal`` (EA1002: only callers acting for this account's resources may then invoke).

``auth_type_edit``: replace a function URL's literal ``AuthType`` ``NONE`` (WA1001) with ``AWS_IAM``,
in place, keeping its quotes: callers must then sign their requests with credentials allowed to
``lambda:InvokeFunctionUrl``. Offered only where the finding's position is that literal (not a
parameter's default, not ``Globals``), on an ``AWS::Lambda::Url`` or a SAM ``FunctionUrlConfig``.

``rename_key_edit``: rename a misspelt policy key to the one EA4001 suggests (``Actions`` to
``Action``), in place; IAM rejects the document as written, so this is what the author meant.
"""

from __future__ import annotations

import json
import re
from typing import Any

SOURCE_ACCOUNT_TITLE = "Add SourceAccount: !Ref AWS::AccountId to {resource} (only this account's resources may invoke)"
AUTH_TYPE_TITLE = "Set AuthType to AWS_IAM{where} (callers must sign requests)"
_URL_AUTH_TYPE = {"AWS::Lambda::Url": ("AuthType",), "AWS::Serverless::Function": ("FunctionUrlConfig", "AuthType")}


def source_account_edit(text: str, decoded: Any, logical_id: str) -> tuple[int, str] | None:
    """``(offset, inserted text)``: a ``SourceAccount`` key after the permission's literal ``Principal``."""
    resources = decoded.get("Resources") if isinstance(decoded, dict) else None
    resource = resources.get(logical_id) if isinstance(resources, dict) else None
    if not isinstance(resource, dict) or resource.get("Type") != "AWS::Lambda::Permission":
        return None
    properties = resource.get("Properties")
    if not isinstance(properties, dict) or "SourceAccount" in properties:
        return None
    key = next((k for k in properties if k == "Principal"), None)
    value = properties.get("Principal")
    if key is None or not isinstance(value, str):
        return None
    key_mark, end = getattr(key, "start_mark", None), getattr(value, "end_mark", None)
    start = getattr(properties, "start_mark", None)
    if key_mark is None or end is None or start is None:
        return None
    if text.lstrip().startswith("{"):
        return end.index, ', "SourceAccount": ' + json.dumps({"Ref": "AWS::AccountId"})
    if text[start.index : start.index + 1] == "{":
        return end.index, ", SourceAccount: !Ref AWS::AccountId"
    if end.line != key_mark.line:
        return None  # a multi-line principal value: no single safe line to add after it
    line_end = text.find("\n", end.index)
    if line_end < 0:
        return len(text), "\n" + " " * key_mark.column + "SourceAccount: !Ref AWS::AccountId"
    return line_end + 1, " " * key_mark.column + "SourceAccount: !Ref AWS::AccountId\n"


def auth_type_edit(
    text: str, decoded: Any, logical_id: str, position: tuple[int, int]
) -> tuple[int, int, str, str] | None:
    """``(start, end, replacement, where)``: the literal ``NONE`` of the resource's URL ``AuthType`` that
    the finding at ``position`` (0-based line and column) is on, to become ``AWS_IAM``; ``where`` is for
    the title (which Fn::If branch)."""
    resources = decoded.get("Resources") if isinstance(decoded, dict) else None
    resource = resources.get(logical_id) if isinstance(resources, dict) else None
    keys = _URL_AUTH_TYPE.get(str(resource.get("Type"))) if isinstance(resource, dict) else None
    if not isinstance(resource, dict) or keys is None:
        return None
    parent = resource.get("Properties")
    for name in keys[:-1]:
        parent = parent.get(name) if isinstance(parent, dict) else None
    key = next((k for k in parent if k == keys[-1]), None) if isinstance(parent, dict) else None
    if not isinstance(parent, dict) or key is None:
        return None
    node = parent[key]
    # cfn-lint places a finding on a plain value at its key, on a Fn::If branch at the branch
    candidates = [(node, getattr(key, "start_mark", None), "")]
    branches = node.get("Fn::If") if isinstance(node, dict) and len(node) == 1 else None
    if isinstance(branches, list) and len(branches) == 3:
        candidates = [
            (branches[1], getattr(branches[1], "start_mark", None), " when the condition is true"),
            (branches[2], getattr(branches[2], "start_mark", None), " when the condition is false"),
        ]
    for value, at, where in candidates:
        start, end = getattr(value, "start_mark", None), getattr(value, "end_mark", None)
        if value != "NONE" or start is None or end is None or at is None or (at.line, at.column) != position:
            continue
        written = text[start.index : end.index]
        if written not in ("NONE", "'NONE'", '"NONE"'):
            return None  # a block scalar, an escape, a tag: not a plain literal to rewrite
        return start.index, end.index, written.replace("NONE", "AWS_IAM"), where
    return None


RENAME_KEY_TITLE = "Rename key '{old}' to '{new}'"
_UNKNOWN_KEY = re.compile(
    r"has unknown key '([^']+)'; did you mean '([^']+)'\?(?: \[construct: .*\])?$"
)  # AWS CDK: a construct path may follow


def rename_key_edit(text: str, decoded: Any, message: str, position: tuple[int, int]) -> tuple[int, int, str] | None:
    """``(start, end, replacement)``: for an EA4001 "unknown key 'X'; did you mean 'Y'?" finding at
    ``position`` (0-based line and column, on the key), the key ``X`` renamed ``Y`` in place, quotes kept;
    None unless ``X`` is written there as a plain key and its mapping has no ``Y`` already."""
    match = _UNKNOWN_KEY.search(message)
    if match is None:
        return None
    old, new = match.groups()
    found = _key_at(decoded, position)
    if found is None:
        return None
    mapping, key = found
    if key != old or new in mapping:
        return None
    start, end = getattr(key, "start_mark", None), getattr(key, "end_mark", None)
    if start is None or end is None:
        return None
    written = text[start.index : end.index]
    quote = written[:1] if written[:1] in "'\"" else ""
    if written != f"{quote}{old}{quote}" or not all(c.isalnum() for c in new):
        return None  # escapes, a complex key: nothing plain to rewrite
    return start.index, end.index, f"{quote}{new}{quote}"


def _key_at(decoded: Any, position: tuple[int, int]) -> tuple[dict[Any, Any], Any] | None:
    """The mapping and key whose key starts at ``position``, searched without recursion."""
    pending = [decoded]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                mark = getattr(key, "start_mark", None)
                if mark is not None and (mark.line, mark.column) == position:
                    return node, key
                pending.append(value)
        elif isinstance(node, list):
            pending.extend(node)
    return None
