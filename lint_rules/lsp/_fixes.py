"""Fixes that change what a template deploys, offered only where the change is mechanical and its title
says exactly what it does.

``source_account_edit``: add ``SourceAccount: !Ref AWS::AccountId`` beside a Lambda permission's
``Principal`` (EA1002: only callers acting for this account's resources may then invoke).
"""

from __future__ import annotations

import json
from typing import Any

SOURCE_ACCOUNT_TITLE = "Add SourceAccount: !Ref AWS::AccountId to {resource} (only this account's resources may invoke)"


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
