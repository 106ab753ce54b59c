"""The condition checks of area 4, judged once per template: every written policy document's
condition keys, operators and values against IAM's service data (``lint_rules.model._condition_keys``).

Each check belongs to one rule (its id is the key of the result); a rule's ``match`` returns its
share. Documents SAM writes (its policy templates, the statements it adds) are not the author's to fix
and are skipped. Values written with an intrinsic function (``Ref``, ``Fn::Sub``, ...) or a parameter
are unknown here and never judged; neither is a value holding a policy variable (``${aws:username}``).
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
from typing import Any

from lint_rules.model import Path, access_model
from lint_rules.model._condition_keys import (
    GLOBAL_PREFIX,
    KeyFacts,
    Operator,
    action_supports,
    actions_of,
    family_accepts,
    family_example,
    is_provider_key,
    key_facts,
    key_suggestion,
    parse_operator,
    prefix_known,
    type_family,
)
from lint_rules.model._documents import WRITTEN, PolicyDocument, Statement
from lint_rules.model._values import LITERAL

UNKNOWN_KEY = "EA4010"
TYPE_MISMATCH = "WA4011"
VALUE_MISMATCH = "WA4012"
SINGLE_VALUED_QUALIFIER = "WA4013"
_CACHE = "condition-checks"


def condition_findings(cfn: Any, rule_id: str) -> list[tuple[Path, str]]:
    model = access_model(cfn)
    cached: dict[str, list[tuple[Path, str]]] | None = model.derived.get(_CACHE)
    if cached is None:
        cached = {}
        for document in model.documents:
            if document.origin == WRITTEN:
                for statement in document.statements:
                    _statement(document, statement, cached)
        model.derived[_CACHE] = cached
    return cached.get(rule_id, [])


def _statement(document: PolicyDocument, statement: Statement, out: dict[str, list[tuple[Path, str]]]) -> None:
    seen: set[Path] = set()
    where = f"{document.name[0].upper()}{document.name[1:]}, {statement.label()}"
    for tests in statement.tests:
        for test in tests:
            if test.path in seen:
                continue
            seen.add(test.path)
            operator = parse_operator(test.operator)
            if operator is None:
                continue  # not an operator IAM has: the schema rules (cfn-lint's E3510, EA4001) say so
            facts = _key(test.key, test.path, statement, where, out)
            mismatched = False
            if facts is not None:
                mismatched = _type(operator, test.key, facts, test.path, where, out)
                _qualifier(operator, test.key, facts, test.path, where, out)
            if not mismatched:  # a wrong operator is the one mistake: its values are read for the key's type
                _values(operator, test.key, test.values, document, where, out)


def _add(out: dict[str, list[tuple[Path, str]]], rule_id: str, path: Path, message: str) -> None:
    out.setdefault(rule_id, []).append((path, message))


def _key(
    key: str, path: Path, statement: Statement, where: str, out: dict[str, list[tuple[Path, str]]]
) -> KeyFacts | None:
    """The key's facts; reports a key that does not exist, or that no action of the statement supports."""
    prefix, separator, name = key.partition(":")
    if not separator or not prefix or not name:
        known = key_facts(f"{GLOBAL_PREFIX}:{key}") if separator == "" else None
        fix = f"did you mean '{known.key}'?" if known else "write it as 'service:name' ('aws:SourceArn')"
        _add(
            out,
            UNKNOWN_KEY,
            path,
            f"{where}: condition key '{key}' has no service prefix, so it is never in a request; {fix}",
        )
        return None
    facts = key_facts(key)
    if prefix.lower() == GLOBAL_PREFIX or is_provider_key(key):
        return facts  # global keys: no full list to judge against; providers' claims: any name
    if facts is None:
        hint = key_suggestion(key)
        fix = f"did you mean '{hint}'?" if hint else "use a key the service defines"
        if prefix_known(prefix):
            problem = f"condition key '{key}' does not exist in '{prefix}', so it is never in a request"
        else:
            problem = f"condition key '{key}' names no AWS service ('{prefix}'), so it is never in a request"
        _add(out, UNKNOWN_KEY, path, f"{where}: {problem}; {fix}")
        return None
    unsupported = _unsupported_by_actions(key, prefix.lower(), statement)
    if unsupported:
        _add(
            out,
            UNKNOWN_KEY,
            path,
            f"{where}: '{key}' is not supported by {unsupported}, so the condition is never true; "
            "move it to a statement of actions that support it",
        )
    return facts


def _unsupported_by_actions(key: str, prefix: str, statement: Statement) -> str | None:
    """The statement's actions, quoted, when some are of the key's service and none supports the key;
    None when any action does, or when the actions cannot all be read."""
    values = statement.values.get("Action")
    if not values or any(value.kind != LITERAL or value.text is None for value in values):
        return None
    patterns = [value.text for value in values if value.text is not None]
    of_service = False
    for pattern in patterns:
        actions = actions_of(pattern)
        if actions is None:
            return None  # '*', a wildcard service or an unknown one: anything may support the key
        if pattern.partition(":")[0].lower() == prefix:
            of_service = True
        if any(action_supports(action, key) for action in actions):
            return None
    if not of_service:
        return None  # keys of another service (ec2:SourceInstanceARN, lambda:SourceFunctionArn) cross services
    quoted = ", ".join(f"'{pattern}'" for pattern in patterns[:3])
    return quoted + (f" and {len(patterns) - 3} more" if len(patterns) > 3 else "")


def _type(
    operator: Operator, key: str, facts: KeyFacts, path: Path, where: str, out: dict[str, list[tuple[Path, str]]]
) -> bool:
    """Reports an operator of another type than the key; True when it did."""
    accepts = family_accepts(operator.family)
    key_type = facts.element_type
    if accepts is None or key_type is None or operator.family == "Binary" or key_type in accepts:
        return False
    family = type_family(key_type)
    example = family_example(family) if family else None
    fix = f"use a {family} operator such as '{example}'" if family and example != family else f"use '{example}'"
    if example is None:
        fix = "use an operator of its type"
    _add(
        out,
        TYPE_MISMATCH,
        path,
        f"{where}: {operator.written} on '{key}' compares {'an' if key_type[0] in 'AEIOU' else 'a'} {key_type} key as {_AS[operator.family]}; {fix}",
    )
    return True


def _qualifier(
    operator: Operator, key: str, facts: KeyFacts, path: Path, where: str, out: dict[str, list[tuple[Path, str]]]
) -> None:
    if operator.qualifier != "ForAllValues" or facts.multivalued is not False or operator.family == "Null":
        return
    if operator.if_exists:
        return  # ...IfExists already admits requests without the key: the qualifier opens nothing more
    _add(
        out,
        SINGLE_VALUED_QUALIFIER,
        path,
        f"{where}: ForAllValues on single-valued '{key}' is true when the request has no such key; "
        f"use {operator.name} without ForAllValues",
    )


_AS = {
    "String": "a string",
    "Numeric": "a number",
    "Date": "a date",
    "Bool": "a boolean",
    "IpAddress": "an IP range",
    "Arn": "an ARN",
    "Binary": "bytes",
}
_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$|\d{4}-\d{2}-\d{2}T?$",
)
_EPOCH = re.compile(r"-?\d+$")
_EXPECTED = {
    "Bool": "'true' or 'false'",
    "Null": "'true' (the key is absent) or 'false' (it is present)",
    "Numeric": "a number",
    "Date": "an ISO 8601 date ('2026-12-31T23:59:59Z') or epoch seconds",
    "IpAddress": "an IP address or CIDR such as '203.0.113.0/24'",
    "Binary": "base64-encoded bytes",
}


def _values(
    operator: Operator,
    key: str,
    values: Any,
    document: PolicyDocument,
    where: str,
    out: dict[str, list[tuple[Path, str]]],
) -> None:
    family = operator.family
    if family not in _EXPECTED or (family == "Null" and document.checked_by_cfn_lint):
        return  # cfn-lint's schema checks Null's values in the documents it validates
    for value in values:
        text = value.text
        if value.kind != LITERAL or text is None or "${" in text:
            continue
        problem = _value_problem(family, text.strip())
        if problem is None:
            continue
        _add(
            out,
            VALUE_MISMATCH,
            value.path,
            f"{where}: {operator.written} value '{text[:120]}' for '{key}' is {problem} and never matches; "
            f"write {_EXPECTED[family]}",
        )


def _value_problem(family: str, text: str) -> str | None:
    if family in ("Bool", "Null"):
        return None if text.lower() in ("true", "false") else "not a boolean"
    if family == "Numeric":
        try:
            float(text)
        except ValueError:
            return "not a number"
        return None
    if family == "Date":
        # epoch seconds are a date too (aws:EpochTime compares them)
        return None if _DATE.match(text) or _EPOCH.match(text) else "not a date"
    if family == "IpAddress":
        try:
            ipaddress.ip_network(text, strict=False)
        except ValueError:
            return "not an IP address or CIDR range"
        return None
    try:
        base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return "not base64"
    return None
