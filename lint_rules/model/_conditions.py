"""Which callers a grant really admits after its conditions: one evaluator for every rule.

A grant (a Lambda permission, a resource-policy statement, a trust statement) is narrowed when one of
its conditions ties the caller to a source, account or organization, and that condition really does:

- the operator is positive (``StringEquals``, ``StringLike``, ``ArnEquals``, ``ArnLike``, their
  ``IgnoreCase``/``ForAnyValue:`` forms); a negated operator (``StringNotEquals``, ``ArnNotLike``)
  admits every other value, and ``Null`` only tests whether the key is there;
- every value it can take is concrete: not ``*``, not a pattern that matches every source (an ARN
  whose account and resource are wildcards, an organization id ``o-*``), and the list is not empty;
  a parameter is judged by its Default and AllowedValues, and every ``Fn::If`` branch counts;
- ``Bool`` narrows when every value it can take is ``true`` (``aws:MultiFactorAuthPresent: true``);
- ``...IfExists`` narrows only when the key is always in the request context of that kind of caller
  (otherwise a caller without the key passes); ``ForAllValues:`` is true when the key is absent, so it
  narrows only for a multivalued key that is always present.

Facts about keys (which callers carry them, which are multivalued) are data, from AWS's documentation
(``lint_rules/data/condition_keys.json``; the claims of any web identity provider, ``<provider>:sub``, are
read from its ``*:sub`` entry). ``narrowing`` asks about the keys that tie a caller to a source, account
or organization; ``requiring`` about any other set of keys (``sts:ExternalId``, a provider's ``:sub``).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from lint_rules.model._values import Path, Resolver, Value, branches, is_intrinsic, is_no_value

# Condition keys that tie a grant to one source, account or organization (lower case: IAM condition
# keys are case-insensitive).
NARROWING_KEYS = (
    "aws:sourcearn",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "lambda:eventsourcetoken",
)
# AWS::Lambda::Permission properties, as the conditions Lambda writes for them into the function's policy.
PERMISSION_CONDITIONS = {
    "SourceArn": ("ArnLike", "aws:SourceArn"),
    "SourceAccount": ("StringEquals", "aws:SourceAccount"),
    "PrincipalOrgID": ("StringEquals", "aws:PrincipalOrgID"),
    "EventSourceToken": ("StringEquals", "lambda:EventSourceToken"),
}
_POSITIVE = {"stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"}
_WILDCARD_OPERATORS = {"stringlike", "arnequals", "arnlike"}  # IAM's ArnEquals takes wildcards too
_NEGATED = {"stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike"}
ANY = "any"  # Principal '*' or {"AWS": "*"}: any IAM principal of any account, and any service
SERVICE = "service"  # a service principal calling on behalf of one of its resources
ACCOUNT = "account"  # an account, role or user: IAM principals
FEDERATED = "federated"  # a web identity or SAML user, through AssumeRoleWithWebIdentity / AssumeRoleWithSAML
_CALLERS = {
    ANY: ("iam-principal", "service"),
    SERVICE: ("service",),
    ACCOUNT: ("iam-principal",),
    FEDERATED: ("federated",),
}


@functools.cache
def _keys() -> dict[str, dict[str, Any]]:
    text = resources.files("lint_rules.data").joinpath("condition_keys.json").read_text(encoding="utf-8")
    return {key.lower(): facts for key, facts in json.loads(text)["keys"].items()}


def _facts(key: str) -> dict[str, Any]:
    """What the data says of a key; a provider's claim (``<provider>:sub``) falls back on ``*:sub``."""
    known = _keys()
    lowered = key.lower()
    if lowered in known:
        return known[lowered]
    claim = lowered.rpartition(":")[2]
    return known.get(f"*:{claim}", {}) if ":" in lowered else {}


@dataclass(frozen=True)
class Test:
    """One condition test: ``operator`` and ``key`` as written, its candidate values, where it is written."""

    operator: str
    key: str
    values: tuple[Value, ...]
    path: Path
    written: str | None = None  # the permission property the test stands for (SourceArn, ...)


def conditions_of(node: Any, path: Path, resolver: Resolver) -> list[list[Test]]:
    """The tests of a Condition block, one list per combination of its ``Fn::If`` branches."""
    alternatives: list[list[Test]] = []
    for block, block_path in _alternatives(node, path):
        if not isinstance(block, dict) or is_intrinsic(block):
            alternatives.append([])  # no condition in this branch (AWS::NoValue), or one we cannot read
            continue
        combos: list[list[Test]] = [[]]
        for operator, tests in block.items():
            if not isinstance(operator, str):
                continue
            options = [
                [
                    Test(operator, key, tuple(resolver.string_list(value, (*map_path, key))), (*map_path, key))
                    for key, value in chosen.items()
                    if isinstance(key, str)
                ]
                for chosen, map_path in branches(tests, (*block_path, operator))
                if isinstance(chosen, dict) and not is_intrinsic(chosen)
            ] or [[]]
            combos = [combo + option for combo in combos for option in options][:16]
        alternatives.extend(combos)
    return alternatives or [[]]


def _alternatives(node: Any, path: Path, depth: int = 0) -> list[tuple[Any, Path]]:
    """Like ``branches``, but an ``AWS::NoValue`` branch is kept (as None): a Condition that is absent
    in one branch leaves that branch unconditioned."""
    args = node.get("Fn::If") if isinstance(node, dict) and len(node) == 1 else None
    if isinstance(args, list) and len(args) == 3 and depth < 32:
        return [
            found
            for position in (1, 2)
            for found in _alternatives(args[position], (*path, "Fn::If", position), depth + 1)
        ]
    return [(None if is_no_value(node) else node, path)]


def permission_tests(props: dict[str, Any], properties: Path, resolver: Resolver) -> list[Test]:
    """The conditions an AWS::Lambda::Permission's SourceArn, SourceAccount, ... properties amount to."""
    return [
        Test(operator, key, tuple(resolver.strings(props[name], (*properties, name))), (*properties, name), name)
        for name, (operator, key) in PERMISSION_CONDITIONS.items()
        if name in props
    ]


def why_not(test: Test, caller: str) -> str | None:
    """None when the test narrows the caller; otherwise the reason it does not, for a message."""
    operator = test.operator.lower()
    prefix, _, base = operator.rpartition(":")
    if_exists = base.endswith("ifexists")
    base = base.removesuffix("ifexists")
    facts = _facts(test.key)
    present = set(facts.get("present_for", [])) >= set(_CALLERS[caller]) or facts.get("always_present") is True
    if base in _NEGATED:
        return f"{test.operator} admits every other value"
    if base == "bool":
        if if_exists and not present:
            return f"{test.operator} passes any caller that has no {test.key}"
        if not test.values:
            return f"an empty {test.key} list narrows nothing"
        for value in test.values:
            if value.text is not None and value.text.lower() != "true":
                return f"{test.operator} {test.key} {value.describe()} does not require it"
        return None
    if base not in _POSITIVE:
        return f"{test.operator} does not tie the caller to one value"
    if if_exists and not present:
        return f"{test.operator} passes any caller that has no {test.key}"
    if prefix == "forallvalues" and not (facts.get("multivalued") is True and present):
        return f"ForAllValues passes any caller that has no {test.key}"
    if not test.values:
        return f"an empty {test.key} list narrows nothing"
    for value in test.values:
        if value.text is not None and _matches_everything(value.text, base in _WILDCARD_OPERATORS):
            return f"{test.key} {value.describe()} matches every caller"
    return None


def narrowing(alternatives: list[list[Test]], caller: str) -> tuple[dict[str, Path], list[tuple[Path, str]]]:
    """(the narrowing keys (or permission properties) with where they are written, the tests on narrowing
    keys that fail to narrow with their reasons). A grant is narrowed only if every Fn::If alternative has a narrowing test."""
    return requiring(alternatives, caller, NARROWING_KEYS)


def requiring(
    alternatives: list[list[Test]], caller: str, keys: tuple[str, ...]
) -> tuple[dict[str, Path], list[tuple[Path, str]]]:
    """Like ``narrowing`` for any set of keys (lower case): which of them every Fn::If alternative really
    requires of the caller, and the tests on them that require nothing, with the reason."""
    narrowed: dict[str, Path] = {}
    loose: list[tuple[Path, str]] = []
    every = True
    for tests in alternatives:
        found = False
        for test in tests:
            if test.key.lower() not in keys:
                continue
            reason = why_not(test, caller)
            if reason is None:
                narrowed.setdefault(test.written or test.key, test.path)
                found = True
            else:
                loose.append((test.path, reason))
        every = every and found
    return (narrowed if every else {}), loose


def other_keys(alternatives: list[list[Test]], keys: tuple[str, ...]) -> list[str]:
    """The condition keys a grant tests that are none of ``keys`` (lower case), as written, first seen first:
    what a grant that ``requiring`` finds not narrowed leans on instead (``aws:Referer``, ``aws:SourceIp``)."""
    seen: dict[str, str] = {}
    for tests in alternatives:
        for test in tests:
            if test.written is None and test.key.lower() not in keys:
                seen.setdefault(test.key.lower(), test.key)
    return list(seen.values())


def _matches_everything(text: str, wildcards: bool) -> bool:
    """Whether a condition value admits every source.

    Under StringEquals a value is compared literally (no caller's account is named '*', so it admits
    none). Under wildcard operators: a value of wildcards only; an ARN pattern whose account is a
    wildcard (any account can own such a source), or, for ARNs without an account (S3), whose resource
    is one; a plain pattern with at most two literal characters (``o-*``: every organization).
    """
    if not wildcards or not ("*" in text or "?" in text):
        return False
    if text.lower().startswith("arn:"):
        parts = text.split(":", 5)
        if len(parts) < 6:
            return True
        account, resource = parts[4], parts[5]
        if account:
            return "*" in account or "?" in account
        return _literal(resource.replace("/", "").replace(":", "")) == ""
    return len(_literal(text)) <= 2


def _literal(text: str) -> str:
    return text.replace("*", "").replace("?", "")


def source_arns(alternatives: list[list[Test]]) -> list[Value]:
    """The source ARNs a grant names (``SourceArn``, or ``aws:SourceArn`` under a positive operator)."""
    return [
        value
        for tests in alternatives
        for test in tests
        if test.key.lower() == "aws:sourcearn"
        and test.operator.lower().rpartition(":")[2].removesuffix("ifexists") in _POSITIVE
        for value in test.values
    ]
