"""Fixes that change what a template deploys, offered only where the change is mechanical and its title
says exactly what it does.

``source_account_edit``: add ``SourceAccount: !Ref AWS::AccountId`` beside a Lambda permission's
``Principal`` (EA1002: only callers acting for this account's resources may then invoke).

``auth_type_edit``: replace a function URL's literal ``AuthType`` ``NONE`` (WA1001) with ``AWS_IAM``,
in place, keeping its quotes: callers must then sign their requests with credentials allowed to
``lambda:InvokeFunctionUrl``. Offered only where the finding's position is that literal (not a
parameter's default, not ``Globals``), on an ``AWS::Lambda::Url`` or a SAM ``FunctionUrlConfig``.
"""

from __future__ import annotations

import json
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
