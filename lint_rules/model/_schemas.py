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
    missing: dict[Path, list[tuple[str, ...]]] = {}  # where -> the keys (or pairs of keys) it lacks
    for error in _validator(schema).iter_errors(prepared):
        for leaf in _leaves(error):
            # plain keys: a kept problem must not hold on to (the positions of) an older template's nodes
            where = tuple(
                str(part) if isinstance(part, str) else part for part in (*leaf.absolute_path, *_offending_key(leaf))
            )
            lacks = _missing(leaf)
            if lacks is not None:
                if lacks and lacks not in missing.setdefault(where, []):
                    missing[where].append(lacks)
                    found.setdefault(where, "")
                continue
            message = _message(leaf, kind)
            if message is not None and not found.get(where):
                found[where] = message
    for where, lacking in missing.items():
        if lacking and not found.get(where):
            found[where] = _missing_message(where, lacking, kind)
    return tuple((where, message) for where, message in found.items() if message)


def _missing(error: ValidationError) -> tuple[str, ...] | None:
    """For an error that says a key is missing, what is missing: ``(key,)`` for a required key,
    ``(key, Not-key)`` for a pair of which one is needed, ``()`` when a misspelt key already stands for
    it (reported as an unknown key with "did you mean"); None for other errors."""
    instance = error.instance if isinstance(error.instance, dict) else None
    if instance is None:
        return None
    if error.validator == "required" and isinstance(error.validator_value, list):
        absent = [key for key in error.validator_value if key not in instance]
        if not absent:
            return None
        wanted: tuple[str, ...] = (str(absent[0]),)
    elif error.validator == "oneOf":
        pair = _pair_of(error)
        if pair is None or pair[0] in instance or pair[1] in instance:
            return None
        wanted = pair
    else:
        return None
    if any(_closest(str(key), list(wanted)) for key in instance if key not in wanted):
        return ()
    return wanted


_ADD = {"Effect": "Effect: Allow or Deny", "Statement": "a Statement list"}


def _missing_message(where: Path, lacking: list[tuple[str, ...]], kind: str) -> str:
    permission = kind == "lambda-permission"
    subject = _describe(where, "The permission" if permission else "The policy document")
    why = "" if permission else ", which IAM requires"  # a permission's properties: the resource's own schema
    if len(lacking) == 1:
        wanted = lacking[0]
        if len(wanted) == 2:
            return f"{subject} has neither '{wanted[0]}' nor '{wanted[1]}'{why}; add '{wanted[0]}'"
        return f"{subject} has no '{wanted[0]}'{why}; add {_ADD.get(wanted[0], repr(wanted[0]))}"
    names = [f"'{w[0]}'" for w in lacking]  # the Not- forms, when there are any, are named by the one-key message
    return f"{subject} has no {', '.join(names[:-1])} or {names[-1]}{why}; add them"


def _pair_of(error: ValidationError) -> tuple[str, str] | None:
    """The two keys of a ``oneOf: [{required: [X]}, {required: [NotX]}]``, which the schemas use for
    Action/NotAction, Resource/NotResource and Principal/NotPrincipal."""
    options = error.validator_value
    if not isinstance(options, list) or len(options) != 2:
        return None
    names = [o.get("required") if isinstance(o, dict) else None for o in options]
    if all(isinstance(n, list) and len(n) == 1 and isinstance(n[0], str) for n in names):
        return (names[0][0], names[1][0])  # type: ignore[index]
    return None


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
        pair = _pair_of(error)
        if pair is not None and pair[0] in error.instance and pair[1] in error.instance:
            return (pair[1],)
    return ()


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The errors worth reporting: for anyOf, the errors of the alternative the value was meant to be."""
    if error.validator == "anyOf" and error.context:
        alternatives: dict[Any, list[ValidationError]] = {}
        for sub in error.context:
            alternatives.setdefault(sub.schema_path[0] if sub.schema_path else 0, []).append(sub)
        plausible = [subs for subs in alternatives.values() if not any(_misfit(sub, error) for sub in subs)]
        if not plausible:  # an empty mapping where a mapping of known keys belongs (Principal: {}) is that mapping
            plausible = [subs for subs in alternatives.values() if all(_emptied(sub) for sub in subs)][:1]
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


def _emptied(sub: ValidationError) -> bool:
    """The value is an empty mapping where a mapping of named keys belongs (not an intrinsic function)."""
    return sub.validator == "minProperties" and isinstance(sub.schema, dict) and "properties" in sub.schema


def _misfit(sub: ValidationError, parent: ValidationError) -> bool:
    """The value is not of this alternative's kind at all (a mapping where a string belongs, say)."""
    return len(sub.absolute_path) == len(parent.absolute_path) and sub.validator in _SHAPE_KEYWORDS


def _message(error: ValidationError, kind: str) -> str | None:
    """Our message for one error (missing keys aside: ``_missing``); None when another error of the same
    document already says it."""
    where = _describe(error.absolute_path, "The permission" if kind == "lambda-permission" else "The policy document")
    path = list(error.absolute_path)
    last = str(path[-1]) if path else ""
    validator = error.validator
    if validator == "oneOf" and isinstance(error.instance, dict):
        pair = _pair_of(error)
        if pair is not None and pair[0] in error.instance and pair[1] in error.instance:
            return (
                f"{where} has both '{pair[0]}' and '{pair[1]}', which IAM does not accept in one statement;"
                " keep only one of them"
            )
        return None
    if validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extra = [key for key in error.instance if key not in allowed]
        name = str(extra[0]) if extra else "?"
        close = _closest(name, list(allowed))
        if close:  # the editor's quick fix reads this form: lint_rules/lsp/_fixes.py
            return f"{where} has unknown key '{_clip(name)}'; did you mean '{close}'?"
        return f"{where} has unknown key '{_clip(name)}', which IAM rejects; use only {', '.join(sorted(allowed))}"
    if validator == "not":
        why = _NOT_ALLOWED.get(kind, "")
        return f"{where} is not allowed in a{'n' if kind[0] in 'aeiou' else ''} {kind} policy{why}; remove '{last}'"
    if validator == "const" and last in _PRINCIPALS:
        if isinstance(error.instance, str):
            return (
                f"{where} is the string {_quote(error.instance)}, not '*' or a mapping; name the kind of"
                f" principal, such as AWS: {_quote(error.instance)}"
            )
        return f"{where} is {_kind_of(error.instance)} where '*' or a mapping belongs; {_SHAPES[last]}"
    if validator in ("enum", "const"):
        options = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        shown = " or ".join(f"'{option}'" for option in options)
        known = ", not a policy language version" if last == "Version" else ""
        return f"{where} is {_quote(error.instance)}{known}; use {shown}"
    if validator == "minItems":
        why, fix = _EMPTY.get(_element(path), ("", "list at least one value"))
        return f"{where} is an empty list{why}; {fix}"
    if validator == "minProperties" and last in _PRINCIPALS:
        return (
            f"{where} is an empty mapping, so the statement matches no principal; name one under AWS, Service,"
            " Federated or CanonicalUser"
        )
    if validator == "type":
        if path == ["Statement"]:
            where = "'Statement'"  # not a statement: the value of Statement
        return f"{where} is {_kind_of(error.instance)} where {_expected(error.validator_value)} belongs; {_hint(path)}"
    # a key that breaks propertyNames (a one-key mapping that is no intrinsic function): the value is the mapping
    shown = "a mapping" if "propertyNames" in error.schema_path else _kind_of(error.instance)
    return f"{where} is {shown}, not a valid value; {_hint(path)}"


_PRINCIPALS = ("Principal", "NotPrincipal")
_NOT_ALLOWED = {
    "identity": " (it applies to the identity it is attached to)",
    "trust": " (its resource is the role itself)",
}
# why an empty list matters, by the element it is the value of
_EMPTY = {
    "Action": (", so the statement matches no request", "list at least one action"),
    "Resource": (", so the statement matches no request", "list at least one resource"),
    "Principal": (", so the statement matches no principal", "list at least one principal"),
}

_SHAPES = {
    "Action": "use a string or a list of strings",
    "NotAction": "use a string or a list of strings",
    "Resource": "use a string or a list of strings",
    "NotResource": "use a string or a list of strings",
    "Principal": "use '*' or a mapping of AWS, Service, Federated or CanonicalUser",
    "NotPrincipal": "use '*' or a mapping of AWS, Service, Federated or CanonicalUser",
    "Condition": "use a mapping of operator to key and value",
    "Statement": "write Statement as a list of statement mappings",
    "Sid": "use a string",
    "Id": "use a string",
}


def _element(path: list[Any]) -> str:
    """The statement element a path is in: Action, Resource or Principal (Not- forms: themselves), or ''."""
    names = [part for part in path if isinstance(part, str)]
    if len(names) >= 2 and names[-2] in _PRINCIPALS:
        return "Principal" if names[-2] == "Principal" else ""
    return names[-1] if names and names[-1] in ("Action", "Resource") else ""


def _hint(path: list[Any]) -> str:
    """How to fix the shape of the value at ``path`` (under the document)."""
    if not path:
        return "write the document as a mapping of Version and Statement"
    if path[0] == "Statement" and len(path) == 2 and isinstance(path[1], int):
        return "write each statement as a mapping of Effect, Action, Resource and the like"
    if "Condition" in path:
        depth = len(path) - path.index("Condition")
        if depth == 2:
            return "use a mapping of condition key to values"
        if depth == 3:
            return "use a string, number or boolean, or a list of them"
        if depth == 4:
            return "use a string, number or boolean"
    names = [part for part in path if isinstance(part, str)]
    if len(names) >= 2 and names[-2] in _PRINCIPALS:
        return "use a string or a list of strings"
    return _SHAPES.get(str(path[-1]), "fix its shape")


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
    if not isinstance(value, str):
        return f"the {_kind_of(value)[2:]} {json.dumps(value)[:40]}"  # the number 2012: not the text '2012'
    return f"'{_clip(value)}'"


def _clip(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


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
