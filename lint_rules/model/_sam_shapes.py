"""SAM access properties whose shape aws-sam-translator rejects but cfn-lint lets through.

cfn-lint's SAM schema takes any scalar or mapping as ``Policies`` (or as one of its entries) and any
scalar or mapping as a ``FunctionUrlConfig``'s ``AuthType``; the translator then fails the deployment
("Type of property 'Policies' is invalid", "Policy at index 0 ... is not valid", "AuthType is required
... AWS_IAM or NONE"). What cfn-lint already reports is left to it: a nested list (E3012), a
``FunctionUrlConfig`` that is not a mapping (E3012), a missing or null ``AuthType`` (E3003).
"""

from __future__ import annotations

import difflib
import functools
import json
from importlib import resources
from typing import Any

from lint_rules.model._context import Context
from lint_rules.model._entities import InvalidProperty
from lint_rules.model._values import Path, branches, is_intrinsic

MANAGED = "a managed policy"
INLINE = "a policy document"
TEMPLATE = "a policy template"
_AUTH_TYPES = ("AWS_IAM", "NONE")


def check_function(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    """Record every invalid ``Policies`` and ``FunctionUrlConfig`` shape of one SAM function."""
    found = ctx.model.invalid_properties
    properties = (*path, "Properties")
    if "Policies" in props:
        found.extend(_policies(logical_id, props["Policies"], (*properties, "Policies")))
    if "FunctionUrlConfig" in props:
        found.extend(_function_url(props["FunctionUrlConfig"], (*properties, "FunctionUrlConfig")))


def _policies(function: str, node: Any, path: Path) -> list[InvalidProperty]:
    found: list[InvalidProperty] = []
    for value, value_path in branches(node, path):
        if isinstance(value, list):
            for index, entry in enumerate(value):
                found.extend(
                    _entry(function, entry, (*value_path, index), f"Policies entry {index + 1} of '{function}'")
                )
        elif isinstance(value, (str, dict)):
            found.extend(_entry(function, value, value_path, f"Policies of '{function}'"))
        elif value is not None:  # null: SAM treats it as absent
            found.append(
                InvalidProperty(
                    value_path,
                    f"Policies of '{function}' is {_describe(value)}; give a managed policy name or ARN, "
                    "a policy document, a policy template or a list of these",
                )
            )
    return found


def _entry(function: str, entry: Any, path: Path, subject: str) -> list[InvalidProperty]:
    """One Policies entry, each Fn::If branch on its own; SAM wants the branches of one kind."""
    found: list[InvalidProperty] = []
    kinds: list[str] = []
    for value, value_path in branches(entry, path):
        if isinstance(value, list):
            continue  # cfn-lint reports a list inside Policies (E3012)
        kind = _kind(value)
        misspelt = _misspelt_statement(value) if kind is None else None
        if misspelt is not None:
            found.append(
                InvalidProperty(
                    (*value_path, misspelt),
                    f"{subject} has unknown key '{misspelt}', so SAM reads it as neither a policy document nor a "
                    "policy template; did you mean 'Statement'?",
                )
            )
            continue
        if kind is None:
            found.append(InvalidProperty(value_path, _not_a_policy(subject, value)))
            continue
        kinds.append(kind)
        if kind == TEMPLATE:
            found.extend(_template_parameters(subject, value, value_path))
    if len(set(kinds)) > 1:
        mixed = " and ".join(sorted(set(kinds)))
        found.append(
            InvalidProperty(
                path,
                f"{subject} mixes {mixed} in one Fn::If; write one Fn::If per kind of policy",
            )
        )
    return found


def _kind(node: Any) -> str | None:
    """SAM's kind of one Fn::If-free Policies entry, or None when SAM rejects it."""
    if isinstance(node, str) or is_intrinsic(node):
        return MANAGED
    if isinstance(node, dict) and "Statement" in node:
        return INLINE
    if isinstance(node, dict) and len(node) == 1 and next(iter(node)) in _policy_templates():
        return TEMPLATE
    return None


def _misspelt_statement(node: Any) -> str | None:
    """The key of a Policies entry that reads as a misspelt 'Statement' ('Statements', 'statement'), when the entry
    names no policy template: SAM then rejects it as neither a document nor a template."""
    if not isinstance(node, dict) or any(str(key) in _policy_templates() for key in node):
        return None
    for key in node:
        if str(key) not in _DOCUMENT_KEYS and difflib.get_close_matches(str(key), ["Statement"], n=1, cutoff=0.8):
            return str(key)
    return None


_DOCUMENT_KEYS = ("Version", "Id", "Statement")


def _not_a_policy(subject: str, node: Any) -> str:
    if not isinstance(node, dict):
        return (
            f"{subject} is {_describe(node)}; give a managed policy name or ARN, a policy document or a policy template"
        )
    names = [str(key) for key in node]
    if not names:
        return f"{subject} is an empty mapping; write a policy document with 'Statement' or a policy template"
    if len(names) == 1:
        close = difflib.get_close_matches(names[0], list(_policy_templates()), n=1)
        fix = f"use '{close[0]}'" if close else "name a SAM policy template or add 'Statement'"
        return f"{subject} is not a SAM policy template or document ('{names[0]}'); {fix}"
    keys = ", ".join(f"'{name}'" for name in names)
    return f"{subject} has keys {keys} but no 'Statement'; write one policy template per list entry"


def _template_parameters(subject: str, entry: dict[str, Any], path: Path) -> list[InvalidProperty]:
    name, arguments = next(iter(entry.items()))
    where = (*path, name)
    if not isinstance(arguments, dict):
        return [
            InvalidProperty(
                where,
                f"Policy template '{name}' in {subject} has parameters {_describe(arguments)}; "
                "write them as a mapping ({} when it takes none)",
            )
        ]
    missing = [p for p in _policy_templates()[name].get("parameters", []) if p not in arguments]
    if not missing:
        return []
    listed = ", ".join(f"'{p}'" for p in missing)
    plural = "s" if len(missing) > 1 else ""
    return [InvalidProperty(where, f"Policy template '{name}' in {subject} lacks parameter{plural} {listed}; add it")]


def _function_url(node: Any, path: Path) -> list[InvalidProperty]:
    found: list[InvalidProperty] = []
    for config, config_path in branches(node, path):
        if not isinstance(config, dict) or is_intrinsic(config) or config.get("AuthType") is None:
            continue  # not a mapping, or no AuthType: cfn-lint reports it (E3012, E3003)
        for value, value_path in branches(config["AuthType"], (*config_path, "AuthType")):
            if value is None or isinstance(value, list) or is_intrinsic(value):
                continue  # a list is cfn-lint's E3012; an intrinsic is resolved at deploy time
            if isinstance(value, str) and value in _AUTH_TYPES:
                continue
            found.append(
                InvalidProperty(
                    value_path,
                    f"FunctionUrlConfig AuthType is {_describe(value)}, not AWS_IAM or NONE; "
                    "set AuthType to AWS_IAM, or NONE for a public URL",
                )
            )
    return found


def _describe(node: Any) -> str:
    if isinstance(node, str):
        return f"'{node}'"
    if isinstance(node, bool):
        return f"{str(node).lower()} (a boolean)"
    if isinstance(node, (int, float)):
        return f"{node} (a number)"
    if node is None:
        return "null"
    if isinstance(node, dict):
        return "a mapping"
    return f"a {type(node).__name__}"


@functools.cache
def _policy_templates() -> dict[str, Any]:
    """SAM's policy templates by name (lint_rules/data, refreshed from aws-sam-translator)."""
    text = resources.files("lint_rules.data").joinpath("sam_policy_templates.json").read_text(encoding="utf-8")
    templates: dict[str, Any] = json.loads(text)["templates"]
    return templates
