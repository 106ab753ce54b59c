"""Policy documents whose written text alone is over IAM's size quota (``lint_rules/data/policy_size_quotas.json``).

The size is a lower bound: the characters of the JSON IAM receives that the template writes literally, white
space not counted (IAM does not count it). A value CloudFormation fills in at deploy time (``Ref``,
``Fn::GetAtt``, the substitutions of ``Fn::Sub``) counts only its quotes and literal text; an ``Fn::If``
inside the document counts nothing (either branch may be ``AWS::NoValue``). So a document reported is over
the quota whatever the values are; one near it is not reported.
"""

from __future__ import annotations

import datetime
import functools
import json
from importlib import resources
from typing import Any

from lint_rules.model import Path, access_model
from lint_rules.model._documents import IDENTITY, TRUST, WRITTEN, PolicyDocument
from lint_rules.model._texts import UNKNOWN_PART, iam_text
from lint_rules.model._values import MAX_VALUE_DEPTH, is_intrinsic

OVER_QUOTA = "WA4026"
_CACHE = "policy-sizes"


@functools.cache
def _quotas() -> dict[str, Any]:
    text = resources.files("lint_rules.data").joinpath("policy_size_quotas.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def size_findings(cfn: Any, rule_id: str) -> list[tuple[Path, str]]:
    model = access_model(cfn)
    cached: dict[str, list[tuple[Path, str]]] | None = model.derived.get(_CACHE)
    if cached is None:
        found: list[tuple[Path, str]] = []
        template = cfn.template if isinstance(getattr(cfn, "template", None), dict) else {}
        declared = template.get("Resources")
        declared = declared if isinstance(declared, dict) else {}
        for document in model.documents:
            if document.origin == WRITTEN and isinstance(document.source, dict):
                _document(document, declared, found)
        cached = {OVER_QUOTA: found}
        model.derived[_CACHE] = cached
    return cached.get(rule_id, [])


def _document(document: PolicyDocument, declared: dict[str, Any], out: list[tuple[Path, str]]) -> None:
    resource = declared.get(document.resource)
    kind = resource.get("Type") if isinstance(resource, dict) else None
    quotas = _quotas()
    if document.kind == TRUST:
        quota = quotas["trust"]["characters"]
        what = f"the default role trust policy quota of {quota:,}"
        check = "Policy size exceeds role trust policy quota"
        fix = (
            "split the trust between roles, or ask for a raised 'Role trust policy length' quota "
            "(ignore this if the account has one)"
        )
    elif document.kind == IDENTITY and kind == "AWS::IAM::ManagedPolicy":
        quota = quotas["managed"]["characters"]
        what = f"the managed policy quota of {quota:,}"
        check = "Policy size exceeds identity policy quota"
        fix = "split it into several managed policies"
    elif document.kind == IDENTITY:
        quota = quotas["inline"]["characters"]
        what = f"{quota:,}, the most any role, user or group may hold in inline policies"
        check = "Policy size exceeds identity policy quota"
        fix = "move statements to managed policies"
    else:
        return  # resource policies: Lambda's is WA1021's, with the permissions that share its 20 KB
    size = literal_size(document.source)
    if size > quota:
        name = f"{document.name[0].upper()}{document.name[1:]}"
        out.append(
            (
                document.path,
                f"{name} has at least {size:,} characters besides white space, over {what} ({check}); {fix}",
            )
        )


def literal_size(node: Any, depth: int = 0) -> int:
    """The characters, white space aside, of the JSON IAM receives for ``node`` that the template writes."""
    if depth > MAX_VALUE_DEPTH * 4:
        return 0
    if isinstance(node, bool):
        return 4 if node else 5
    if isinstance(node, (int, float)):
        return len(str(node))
    if isinstance(node, datetime.date):
        return len(node.isoformat()) + 2
    if isinstance(node, str):
        return _characters(json.dumps(node, ensure_ascii=False))
    if node is None:
        return 4
    if isinstance(node, list):
        kept = [item for item in node if not (is_intrinsic(item) and "Fn::If" in item)]
        return 2 + max(len(kept) - 1, 0) + sum(literal_size(item, depth + 1) for item in kept)
    if is_intrinsic(node):
        if "Fn::If" in node:
            return 0
        text = iam_text(node)
        if text is None:
            return 0  # a list or another value of unknown shape
        known = text.replace(UNKNOWN_PART + "{", "${").replace(UNKNOWN_PART, "")
        return _characters(json.dumps(known, ensure_ascii=False))
    if isinstance(node, dict):
        pairs = [(key, value) for key, value in node.items() if not (is_intrinsic(value) and "Fn::If" in value)]
        return (
            2
            + max(len(pairs) - 1, 0)
            + sum(literal_size(str(key), depth + 1) + 1 + literal_size(value, depth + 1) for key, value in pairs)
        )
    return 0


def _characters(text: str) -> int:
    return len("".join(text.split()))  # (split() splits at exactly the characters isspace() names)
