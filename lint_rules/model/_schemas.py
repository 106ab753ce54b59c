"""JSON-schema validation of the policy documents the model loads.

We validate with the ``jsonschema`` package on the document as written (after parsing JSON-string
documents), because our schemas accept intrinsic functions wherever a value may be one and the
error's ``absolute_path`` maps straight back to a template path. cfn-lint's own validator would
re-label errors on resolved values under its W1030-range ids, which is not what an area-4 finding is.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from lint_rules.model._values import Path

SCHEMA_NAMES = ("iam-common", "identity-policy", "resource-policy", "trust-policy", "lambda-permission")
_ID_PREFIX = "urn:cfn-lint-lambda-auth:schemas:"


@dataclass(frozen=True)
class SchemaError:
    """One problem in a document: where (template path) and a message in our style."""

    path: Path
    message: str


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    text = resources.files("lint_rules.schemas").joinpath(f"{name}.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def _validator(name: str) -> Draft202012Validator:
    registry: Registry[Any] = Registry().with_resources(
        (_ID_PREFIX + schema_name, Resource.from_contents(load_schema(schema_name))) for schema_name in SCHEMA_NAMES
    )
    return Draft202012Validator(load_schema(name), registry=registry)


def validate(kind: str, document: Any, path: Path) -> list[SchemaError]:
    """Validate a document of ``kind`` (identity, resource, trust, lambda-permission) found at ``path``."""
    prepared = _prepared(document)
    try:
        key = (kind, repr(prepared))
    except RecursionError:  # too deep to write out: validated, never kept
        key = None
    problems = _PROBLEMS.get(key) if key is not None else None
    if problems is None:
        problems = _problems(kind, prepared)
        if key is not None:
            if len(_PROBLEMS) >= _KEPT:
                _PROBLEMS.pop(next(iter(_PROBLEMS)))  # the oldest
            _PROBLEMS[key] = problems
    return [SchemaError((*path, *where), message) for where, message in problems]


# The same document always gives the same problems, so they are kept per document, written out with
# ``repr`` (which tells ``1`` from ``'1'`` and ``True`` from ``'true'``, as the schemas do): a template's
# many copies of one policy are validated once, and the language server re-validates only the documents
# an edit changed (validation was an eighth of its fast stage on a 200-resource template).
_KEPT = 4096
_PROBLEMS: dict[tuple[str, str], tuple[tuple[Path, str], ...]] = {}


def _problems(kind: str, prepared: Any) -> tuple[tuple[Path, str], ...]:
    """Each problem once: where, under the document, and our message."""
    schema = {"identity": "identity-policy", "resource": "resource-policy", "trust": "trust-policy"}.get(kind, kind)
    found: dict[Path, str] = {}
    for error in _validator(schema).iter_errors(prepared):
        for leaf in _leaves(error):
            # plain keys: a kept problem must not hold on to (the positions of) an older template's nodes
            where = tuple(
                str(part) if isinstance(part, str) else part for part in (*leaf.absolute_path, *_offending_key(leaf))
            )
            message = _message(leaf, kind)
            if message is not None and where not in found:
                found[where] = message
    return tuple(found.items())


# The schemas look at most eight levels into a document (document > Statement > statement > Condition >
# operator > key > value list > intrinsic function); anything deeper is never validated, only quoted whole
# in jsonschema's messages, which would recurse through it. Deeper containers are validated as empty ones
# of the same type: the same errors, at a cost and stack depth that no template can push further.
_VALIDATED_DEPTH = 16


def _prepared(document: Any) -> Any:
    """The document as the schemas see it: YAML dates as text (CloudFormation passes an unquoted
    ``Version: 2012-10-17`` on as text), containers past ``_VALIDATED_DEPTH`` empty. Iterative."""
    holder: list[Any] = [None]
    stack: list[tuple[Any, int, Any, Any]] = [(document, 0, holder, 0)]
    while stack:
        node, depth, parent, key = stack.pop()
        if isinstance(node, datetime.date):
            parent[key] = node.isoformat()
        elif isinstance(node, dict):
            copy: dict[Any, Any] = {}
            parent[key] = copy
            if depth < _VALIDATED_DEPTH:
                for name, value in node.items():
                    copy[name] = None
                    stack.append((value, depth + 1, copy, name))
        elif isinstance(node, list):
            items: list[Any] = [None] * len(node) if depth < _VALIDATED_DEPTH else []
            parent[key] = items
            stack.extend((value, depth + 1, items, index) for index, value in enumerate(items and node))
        else:
            parent[key] = node
    return holder[0]


def _offending_key(error: ValidationError) -> tuple[str, ...]:
    """For an unknown key, the key itself: the narrowest place to point at."""
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extra = [key for key in error.instance if key not in allowed]
        if extra and isinstance(extra[0], str):
            return (extra[0],)
    if error.validator == "oneOf" and isinstance(error.instance, dict):
        for first, second in _PAIRS:
            if first in error.instance and second in error.instance:
                return (second,)
    return ()


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The errors worth reporting: for anyOf, the errors of the alternative the value was meant to be."""
    if error.validator == "anyOf" and error.context:
        alternatives: dict[Any, list[ValidationError]] = {}
        for sub in error.context:
            alternatives.setdefault(sub.schema_path[0] if sub.schema_path else 0, []).append(sub)
        plausible = [subs for subs in alternatives.values() if not any(_misfit(sub, error) for sub in subs)]
        if not plausible:
            plausible = [subs for subs in alternatives.values() if not all(sub.validator == "type" for sub in subs)][:1]
        if plausible:
            best = max(plausible, key=lambda subs: max(len(sub.absolute_path) for sub in subs))
            return [leaf for sub in best for leaf in _leaves(sub)]
        return [error]
    if error.validator == "allOf" and error.context:
        return [leaf for sub in error.context for leaf in _leaves(sub)]
    return [error]


_SHAPE_KEYWORDS = ("type", "maxProperties", "minProperties", "propertyNames", "pattern", "const")


def _misfit(sub: ValidationError, parent: ValidationError) -> bool:
    """The value is not of this alternative's kind at all (a mapping where a string belongs, say)."""
    return len(sub.absolute_path) == len(parent.absolute_path) and sub.validator in _SHAPE_KEYWORDS


_PAIRS = (("Action", "NotAction"), ("Resource", "NotResource"), ("Principal", "NotPrincipal"))


def _message(error: ValidationError, kind: str) -> str | None:
    """Our message for one error; None when another error of the same document already says it."""
    where = _describe(error.absolute_path, "The permission" if kind == "lambda-permission" else "The policy document")
    validator = error.validator
    if validator == "required" and isinstance(error.validator_value, list):
        instance = error.instance if isinstance(error.instance, dict) else {}
        missing = [key for key in error.validator_value if key not in instance]
        name = missing[0] if missing else "a required key"
        hint = {"Effect": "add Effect: Allow or Deny", "Statement": "add a Statement list"}.get(name, f"add '{name}'")
        return f"{where} has no '{name}'; {hint}"
    if validator == "oneOf" and isinstance(error.instance, dict):
        for first, second in _PAIRS:
            if first in error.instance and second in error.instance:
                return f"{where} has both '{first}' and '{second}'; keep only one of them"
            if first not in error.instance and second not in error.instance:
                misspelt = [k for k in error.instance if _closest(str(k), [first, second])]
                if misspelt:
                    return None  # reported as an unknown key with "did you mean"
                return f"{where} has neither '{first}' nor '{second}'; add '{first}'"
    if validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extra = [key for key in error.instance if key not in allowed]
        name = str(extra[0]) if extra else "?"
        close = _closest(name, list(allowed))
        fix = f"did you mean '{close}'?" if close else f"use only {', '.join(sorted(allowed))}"
        return f"{where} has unknown key '{name}'; {fix}"
    if validator == "not":
        key = str(error.absolute_path[-1]) if error.absolute_path else "key"
        return f"{where} is not allowed in a{'n' if kind[0] in 'aeiou' else ''} {kind} policy; remove '{key}'"
    if validator in ("enum", "const"):
        options = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        shown = " or ".join(f"'{option}'" for option in options)
        return f"{where} is {_quote(error.instance)}; use {shown}"
    if validator == "minItems":
        return f"{where} is an empty list; list at least one value"
    if validator == "type":
        return f"{where} is {_kind_of(error.instance)} where {_expected(error.validator_value)} belongs; fix its shape"
    last = str(error.absolute_path[-1]) if error.absolute_path else ""
    return f"{where} is {_kind_of(error.instance)}, not a valid value; {_SHAPES.get(last, 'fix its shape')}"


_SHAPES = {
    "Action": "use a string or a list of strings",
    "NotAction": "use a string or a list of strings",
    "Resource": "use a string or a list of strings",
    "NotResource": "use a string or a list of strings",
    "Principal": "use '*' or a mapping of AWS, Service, Federated or CanonicalUser",
    "NotPrincipal": "use '*' or a mapping of AWS, Service, Federated or CanonicalUser",
    "Condition": "use a mapping of operator to key and value",
}


def _closest(name: str, options: list[str]) -> str | None:
    """The option a misspelt key most likely meant (case-insensitive), if any is close."""
    lowered = {option.lower(): option for option in options}
    close = difflib.get_close_matches(name.lower(), list(lowered), n=1)
    return lowered[close[0]] if close else None


def _describe(path: Any, root: str) -> str:
    parts = list(path)
    if not parts:
        return root
    if parts[0] == "Statement":
        if len(parts) >= 2 and isinstance(parts[1], int):
            head = f"Statement {parts[1] + 1}"
            rest = parts[2:]
        else:
            head = "The statement"
            rest = parts[1:]
        return head + "".join(f" {part}" if isinstance(part, str) else f" item {part + 1}" for part in rest)
    return "'" + "/".join(str(part) for part in parts) + "'"


def _quote(value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        return _kind_of(value)
    text = str(value)
    return f"'{text[:40]}'"


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "null"
    return "a string"


def _expected(types: Any) -> str:
    names = types if isinstance(types, list) else [types]
    words = {
        "object": "a mapping",
        "array": "a list",
        "string": "a string",
        "number": "a number",
        "boolean": "a boolean",
    }
    return " or ".join(words.get(str(name), str(name)) for name in names)
