"""A function's resource-based policy as Lambda stores it: the Deny statements of its
``AWS::Lambda::ResourcePolicy`` credited against its grants, and an estimate of the policy's size.

Deny statements.

An explicit Deny overrides every Allow of the same policy (IAM's evaluation logic). Lambda keeps one
resource-based policy per function, version or alias: the statements of its ResourcePolicy resource
and those that AWS::Lambda::Permission resources add end up in the same document, so a Deny of the
ResourcePolicy closes grants of both (AWS advises against setting one function's policy both ways:
WA1020 reports that). A Deny is credited against a grant when:

- its principal covers the grant's (``*`` or ``{"AWS": "*"}``, or the same principal written the same
  way), and its actions cover every action of the grant (IAM wildcards, case-insensitive); ``NotPrincipal``
  and ``NotAction`` Denies are not credited (what they cover is the complement: too easy to misjudge);
- with no Condition, it closes the grant: the grant admits nobody and leaves the model's invocations;
- with one condition test, on a narrowing key under a negated operator (``StringNotEquals
  aws:PrincipalOrgID o-...``, ``ArnNotLike aws:SourceArn ...``), it lets through only callers for whom
  the positive form holds: the grant is narrowed as if it had that condition itself (a negated operator
  is true when the key is absent, so the Deny also stops callers without the key). A Deny with several
  tests applies only where all hold, so it stops fewer callers; it is not credited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from lint_rules.model._actions import _glob
from lint_rules.model._conditions import NARROWING_KEYS, Test, why_not
from lint_rules.model._documents import Statement
from lint_rules.model._entities import AccessModel, Invocation
from lint_rules.model._lambda import caller_of

_POSITIVE_OF = {
    "stringnotequals": "StringEquals",
    "stringnotequalsignorecase": "StringEqualsIgnoreCase",
    "stringnotlike": "StringLike",
    "arnnotequals": "ArnEquals",
    "arnnotlike": "ArnLike",
}
_EVERYONE = {("*", "*"), ("AWS", "*")}


def credit_denies(model: AccessModel) -> None:
    """Close or narrow each invocation grant that a Deny of its function's resource policy covers."""
    denies: dict[str, list[Statement]] = {}
    for policy in model.resource_policies:
        if policy.function is None:
            continue
        for document in policy.documents:
            denies.setdefault(policy.function, []).extend(
                s for s in document.statements if s.effect is not None and s.effect.text == "Deny"
            )
    if not denies:
        return
    kept = []
    for invocation in model.invocations:
        closed = False
        for statement in denies.get(invocation.function or "", []):
            if not _covers(statement, invocation):
                continue
            if statement.tests == [[]]:
                invocation.denied_by.append(statement.path)
                closed = True
                break
            credited = _credit(statement, caller_of(invocation.principal))
            if credited is not None:
                invocation.narrowing.setdefault(credited.key, credited.path)
                invocation.denied_by.append(statement.path)
        if closed:
            model.closed_invocations.append(invocation)
        else:
            kept.append(invocation)
    model.invocations[:] = kept


def _covers(statement: Statement, invocation: Invocation) -> bool:
    if "Principal" not in statement.values or "Action" not in statement.values:
        return False
    principals = statement.values["Principal"]
    if not any((value.label, value.text) in _EVERYONE for value in principals):
        written = {(value.label, value.text) for value in principals if value.text is not None}
        if not invocation.principal or any((v.label, v.text) not in written for v in invocation.principal):
            return False
    patterns = [_glob(text) for text in statement.texts("Action")]
    actions = [value.text for value in invocation.action]
    if invocation.kind != "resource-policy" and not actions:
        actions = ["lambda:InvokeFunction"]  # SAM-generated grants: every one of them invokes
    return bool(actions) and all(
        text is not None and any(pattern.fullmatch(text) for pattern in patterns) for text in actions
    )


def _credit(statement: Statement, caller: str) -> Test | None:
    """The positive condition a one-test Deny amounts to for the callers it lets through, when it narrows."""
    if len(statement.tests) != 1 or len(statement.tests[0]) != 1:
        return None
    [test] = statement.tests[0]
    prefix, _, operator = test.operator.lower().rpartition(":")
    positive = _POSITIVE_OF.get(operator.removesuffix("ifexists"))
    if prefix or positive is None:
        return None
    flipped = replace(test, operator=positive)
    return flipped if why_not(flipped, caller) is None and test.key.lower() in NARROWING_KEYS else None


# The size estimate. Lambda stores one JSON document per function, version or alias and rejects a change
# that makes it larger than 20 KB ("The final policy size (...) is bigger than the limit (20480)"; Lambda
# quotas, https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html, as in awsdocs/aws-lambda-
# developer-guide doc_source/gettingstarted-limits.md: "Function resource-based policy | 20 KB"). Each AWS::Lambda::Permission (SAM's generated ones
# too) adds a statement like the one below; the values CloudFormation fills in at deploy time are
# estimated with typical lengths (a stack name of 20 characters, physical ids as CloudFormation makes
# them: '<stack>-<logical id>-<13 random characters>', at most 64; an unresolved source ARN of 90).
POLICY_LIMIT = 20480
_DOCUMENT = len('{"Version":"2012-10-17","Id":"default","Statement":[]}')
_STATEMENT = len('{"Sid":"","Effect":"Allow","Principal":,"Action":"","Resource":""},')
_FUNCTION_ARN = len("arn:aws:lambda:us-east-1:123456789012:function:")
_CONDITION = len(',"Condition":{}')
_TEST = len('"StringEquals":{"AWS:SourceAccount":""},')
_STACK = 20
_UNKNOWN_ARN = 90


@dataclass(frozen=True)
class PolicySize:
    """The estimated size in bytes of one function's (version's, alias's) resource-based policy."""

    target: str
    size: int
    statements: int


def policy_sizes(model: AccessModel) -> list[PolicySize]:
    """Estimated sizes of the resource-based policies of the template's functions, versions and aliases."""
    sizes: dict[str, list[int]] = {}
    for invocation in [*model.invocations, *model.closed_invocations]:
        if invocation.kind == "resource-policy" or invocation.target is None:
            continue
        sizes.setdefault(invocation.target, []).append(_statement_size(invocation))
    for policy in model.resource_policies:
        if policy.target is not None:
            for document in policy.documents:
                sizes.setdefault(policy.target, []).extend(_written_size(s) for s in document.statements)
    return [PolicySize(target, _DOCUMENT + sum(parts), len(parts)) for target, parts in sizes.items()]


def _physical(logical_id: str) -> int:
    return min(64, _STACK + 1 + len(logical_id) + 1 + 13)


def _statement_size(invocation: Invocation) -> int:
    generated = invocation.kind.startswith("sam-")
    logical = invocation.resource + (str(invocation.path[-1]) + "Permission" if generated else "")
    principal = sum(len(value.text or "") + 14 for value in invocation.principal) or 3
    action = sum(len(value.text or "lambda:InvokeFunction") for value in invocation.action) or 21
    size = _STATEMENT + _physical(logical) + principal + action + _FUNCTION_ARN + _physical(invocation.target or "")
    tests = list(invocation.narrowing)
    if tests:
        size += _CONDITION + len(tests) * _TEST
        arns = [len(value.text) for value in invocation.source_arns if value.text is not None]
        size += sum(arns) if arns else _UNKNOWN_ARN * sum(1 for key in tests if "sourcearn" in key.lower())
        size += 12 * sum(1 for key in tests if "sourcearn" not in key.lower())
    return size


def _written_size(statement: Statement) -> int:
    """A ResourcePolicy statement: its JSON as written (intrinsic functions count as their text)."""
    return len(json.dumps(_plain(statement), separators=(",", ":"), default=str)) + 1


def _plain(statement: Statement) -> dict[str, Any]:
    plain: dict[str, Any] = {key: [value.text or "" for value in values] for key, values in statement.values.items()}
    plain["Effect"] = statement.effect.text if statement.effect is not None else ""
    if statement.condition:
        plain["Condition"] = statement.condition
    return plain
