"""Federated trust: which identity provider a trust statement admits, and the conditions it lacks.

A statement with a ``Federated`` principal lets users of an identity provider assume the role
(``sts:AssumeRoleWithWebIdentity`` or ``sts:AssumeRoleWithSAML``). Which token claims must then be
tested, and which values are too broad, is knowledge about each provider kept as data
(``lint_rules/data/federation_providers.json``, with a source per entry). The conditions themselves are
judged by the one condition evaluator (``lint_rules.model._conditions``), for a federated caller.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from lint_rules.model._conditions import FEDERATED, requiring
from lint_rules.model._documents import Statement
from lint_rules.model._values import OWN_ACCOUNT, Path, Value

SUBJECT = "subject"  # without it anyone on the provider gets in (EA3006)
AUDIENCE = "audience"  # the audience (or Cognito's amr) it should also test (WA3007)
_WILDCARD_OPERATORS = {"stringlike", "stringlikeifexists"}
SAML = "saml"
OIDC = "oidc"
# What IAM accepts as a Federated principal ("Federated principals must be valid domain names or SAML
# metadata ARNs", its MalformedPolicyDocument message; an OIDC provider's ARN is accepted too): the ARN of a
# SAML or OIDC provider, or a domain name (accounts.google.com, cognito-identity.amazonaws.com).
_SAML_ARN = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:saml-provider/[\w+=,.@-]+$")
_OIDC_ARN = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:oidc-provider/[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/\S*)?$")
_DOMAIN = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/\S*)?$")
_PLACEHOLDER = re.compile(r"<[a-z-]+>")


@dataclass(frozen=True)
class Requirement:
    """A claim a trust statement must test: ``claim`` (``sub``, or a full key such as ``SAML:aud``)."""

    claim: str
    rule: str
    example: str
    source: str
    narrow: re.Pattern[str] | None = None
    too_broad: str | None = None

    def key(self, host: str) -> str:
        return self.claim if ":" in self.claim else f"{host}:{self.claim}"


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    kind: str  # oidc or saml
    match: re.Pattern[str]
    conditions: tuple[Requirement, ...]


@dataclass(frozen=True)
class Gap:
    """A condition a federated trust statement lacks or writes too broadly.

    ``key``: the condition key as a message names it; ``path``: where the failing test or value is written
    (None when the statement has no test on the key); ``reason``: why a test present does not count;
    ``broad``: a value that matches more than the provider's narrow form (``repo:org/*``)."""

    provider: Provider
    requirement: Requirement
    principal: Value
    host: str | None
    key: str
    path: Path | None
    reason: str | None = None
    broad: Value | None = None


@functools.cache
def providers() -> tuple[Provider, ...]:
    text = resources.files("lint_rules.data").joinpath("federation_providers.json").read_text(encoding="utf-8")
    return tuple(_provider(entry) for entry in json.loads(text)["providers"])


def _provider(entry: dict[str, Any]) -> Provider:
    return Provider(
        id=entry["id"],
        name=entry["name"],
        kind=entry["kind"],
        match=re.compile(entry["match"], re.IGNORECASE),
        conditions=tuple(
            Requirement(
                claim=c["claim"],
                rule=c["rule"],
                example=c["example"],
                source=c["source"],
                narrow=re.compile(c["narrow"]) if c.get("narrow") else None,
                too_broad=c.get("too_broad"),
            )
            for c in entry["conditions"]
        ),
    )


def _generic(kind: str) -> Provider:
    return next(p for p in providers() if p.kind == kind and p.match.pattern == ".*")


def provider_of(value: Value, statement: Statement) -> tuple[Provider, str | None]:
    """The provider a Federated principal value names, with its host (None when the value is unresolved and
    no condition key names a known provider)."""
    text = value.text
    if text is not None:
        if ":saml-provider/" in text:
            return _generic("saml"), None
        host = text.split(":oidc-provider/", 1)[1] if ":oidc-provider/" in text else text
        host = host.removeprefix("https://").rstrip("/")
        return next(p for p in providers() if p.kind == "oidc" and p.match.search(host)), host
    keys = statement.condition_keys()
    for key in sorted(keys):
        host, _, _claim = key.rpartition(":")
        for provider in providers():
            if provider.kind == "oidc" and provider.match.pattern != ".*" and host and provider.match.search(host):
                return provider, host
    actions = {text.lower() for text in statement.texts("Action")}
    if "saml:aud" in keys or "sts:assumerolewithsaml" in actions:
        return _generic("saml"), None
    return _generic("oidc"), None


def federated_kind(text: str) -> str | None:
    """``saml`` or ``oidc`` for a Federated principal IAM accepts, None for one it rejects (the model's
    placeholders for pseudo parameters stand for any well-formed part)."""
    text = _PLACEHOLDER.sub("x", text.replace(OWN_ACCOUNT, "123456789012"))
    if _SAML_ARN.match(text):
        return SAML
    if _OIDC_ARN.match(text) or (not text.startswith("arn:") and _DOMAIN.match(text)):
        return OIDC
    return None


def federated_rejected(value: Value) -> bool:
    """A Federated principal IAM rejects for its form (EA4050); one with a wildcard inside is EA3002's."""
    text = value.text
    if text is None or "*" in text[1:] or "?" in text:
        return False
    return federated_kind(text) is None


def federation_gaps(statement: Statement) -> list[Gap]:
    """The conditions an Allow statement's Federated principals lack, or test too broadly."""
    gaps: list[Gap] = []
    seen: set[tuple[str, str | None]] = set()
    for value in statement.values.get("Principal", []):
        if value.label != "Federated" or federated_rejected(value):
            continue  # a provider IAM rejects: EA4050 says so, and no condition can make it work
        provider, host = provider_of(value, statement)
        if (provider.id, host) in seen:
            continue
        seen.add((provider.id, host))
        for requirement in provider.conditions:
            gaps.extend(_judge(statement, provider, requirement, value, host))
    return gaps


def _judge(
    statement: Statement, provider: Provider, requirement: Requirement, value: Value, host: str | None
) -> list[Gap]:
    written = statement.condition_keys()
    if host is not None or ":" in requirement.claim:
        keys: tuple[str, ...] = (requirement.key(host or "").lower(),)
        shown = requirement.key(host or "")
    else:  # an unresolved provider: a test on any provider's claim of that name counts
        keys = tuple(key for key in written if key.endswith(f":{requirement.claim}"))
        shown = f"<provider>:{requirement.claim}"
    narrowed, loose = requiring(statement.tests, FEDERATED, keys)
    if not narrowed:
        path, reason = loose[0] if loose else (None, None)
        return [Gap(provider, requirement, value, host, shown, path, reason)]
    if requirement.narrow is None:
        return []
    gaps = []
    for tests in statement.tests:
        for test in tests:
            operator = test.operator.lower().rpartition(":")[2]
            if test.key.lower() not in keys or operator not in _WILDCARD_OPERATORS:
                continue
            for candidate in test.values:
                if candidate.text is not None and not requirement.narrow.search(candidate.text):
                    gaps.append(Gap(provider, requirement, value, host, test.key, candidate.path, broad=candidate))
    return gaps
