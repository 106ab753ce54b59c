"""The principal checks of area 4, judged once per template: what IAM rejects (or IAM Access Analyzer
flags) in the ``Principal`` of role trust policies and Lambda resource policies.

Each check belongs to one rule (its id is the key of the result); a rule's ``match`` returns its share.
Documents SAM writes (its default trust policy) are not the author's and are skipped; a value the model
cannot resolve (an attribute of a resource, a parameter without a default) is never judged.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from lint_rules._verdicts import Observation
from lint_rules.model import (
    OIDC,
    SAML,
    AccessModel,
    Path,
    PolicyDocument,
    Statement,
    Value,
    access_model,
    federated_kind,
)
from lint_rules.trust._common import role_label

TRUST_REJECTED = "EA4050"
_CACHE = "principal-checks"

# the names of the IAM Access Analyzer checks, as the messages quote them
_STAR_IN_TRUST = "Role trust policy unsupported wildcard in principal"
_FEDERATED_SYNTAX = "Invalid federated principal syntax in role trust policy"
_MISMATCHED_ACTION = "Mismatched action for principal"
_ROLES_ANYWHERE = "Missing action for roles anywhere trust policy"

_SAML = SAML
_OIDC = OIDC
_WEB_IDENTITY = "sts:assumerolewithwebidentity"
_WITH_SAML = "sts:assumerolewithsaml"
_FEDERATION_ACTIONS = {_WEB_IDENTITY: _OIDC, _WITH_SAML: _SAML}
_KIND_NAMES = {_OIDC: "an OIDC provider (its ARN or domain)", _SAML: "a SAML provider ARN"}
_ACTION_OF = {_OIDC: "sts:AssumeRoleWithWebIdentity", _SAML: "sts:AssumeRoleWithSAML"}
# IAM Roles Anywhere: the actions its service principal must be allowed
# (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html)
_ROLES_ANYWHERE_PRINCIPAL = "rolesanywhere.amazonaws.com"
_ROLES_ANYWHERE_ACTIONS = ("sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession")
_SHOWN = 3


def principal_findings(cfn: object, rule_id: str) -> list[tuple[Path, str]]:
    """The findings of ``rule_id`` among the principal checks (those that are in no precedence family)."""
    model = access_model(cfn)
    cached: dict[str, list[tuple[Path, str]]] | None = model.derived.get(_CACHE)
    if cached is None:
        cached = {}
        for identity, document in model.trust_policies():
            for statement in document.statements:
                label = role_label(identity, document, statement)
                cached.setdefault(TRUST_REJECTED, []).extend(_trust_statement(statement, label))
            name = (
                f"The role of function '{document.resource}'" if identity.implicit else f"Role '{identity.logical_id}'"
            )
            cached.setdefault(TRUST_REJECTED, []).extend(_roles_anywhere(document, name))
        model.derived[_CACHE] = cached
    return cached.get(rule_id, [])


def observe_star(model: AccessModel) -> list[Observation]:
    """The bare string ``Principal: "*"`` in a role trust policy, which IAM rejects whatever the statement's
    Effect or Condition ('AssumeRolepolicy contained an invalid principal: "STAR":"*"'), while
    ``{"AWS": "*"}`` deploys. EA3001 may observe the same value (anyone may assume): the precedence family
    ``trust-any-principal`` lets this, the deploy-time rejection, speak."""
    found: list[Observation] = []
    for identity, document in model.trust_policies():
        for statement in document.statements:
            for value in statement.values.get("Principal", []):
                if value.label != "*" or value.text != "*":
                    continue
                origin = f" (from parameter '{value.parameter}')" if value.parameter else ""
                message = (
                    f"{role_label(identity, document, statement)} names the bare Principal '*'{origin}, which IAM "
                    f"rejects in a role trust policy ({_STAR_IN_TRUST}); name the principals that may assume "
                    "the role, or write {AWS: '*'} with an aws:PrincipalOrgID condition"
                )
                found.append(Observation(TRUST_REJECTED, value.path, message, "IAM rejects the bare '*'"))
    return found


def _federated_fix(text: str) -> str:
    if text.lower().startswith(("https://", "http://")):
        return f"write the provider's host without the scheme ('{text.split('://', 1)[1].rstrip('/')}') or its ARN"
    if ":oidc-provider" in text or ":saml-provider" in text:
        return "complete the provider's ARN (arn:aws:iam::<account>:oidc-provider/<host> or :saml-provider/<name>)"
    return "name the identity provider by its ARN (oidc-provider/<host> or saml-provider/<name>) or its domain"


def _trust_statement(statement: Statement, label: str) -> Iterator[tuple[Path, str]]:
    principals = statement.values.get("Principal", [])
    kinds: list[tuple[Value, str | None]] = []  # each known principal value, with its federated kind
    unknown = False
    for value in principals:
        if value.text is None:
            unknown = True
            continue
        kind = None
        if value.label == "Federated":
            if "*" in value.text[1:] or "?" in value.text:
                unknown = True  # a wildcard inside: EA3002's finding
                continue
            kind = federated_kind(value.text)
            if kind is None:
                yield (
                    value.path,
                    f"{label} names Federated {value.describe()}, which is neither a domain name nor a SAML "
                    f"or OIDC provider ARN, so IAM rejects it ({_FEDERATED_SYNTAX}); {_federated_fix(value.text)}",
                )
                unknown = True
                continue
        elif value.label == "*":
            unknown = True  # the bare '*': EA4050's own deploy-time finding (observe_star)
            continue
        kinds.append((value, kind))
    if not statement.allows or unknown or not kinds:
        return
    yield from _mismatched(statement, label, kinds)


def _mismatched(statement: Statement, label: str, kinds: list[tuple[Value, str | None]]) -> Iterator[tuple[Path, str]]:
    actions = statement.values.get("Action", [])
    if any(value.text is None for value in actions):
        return
    reported = False
    for action in actions:
        wanted = _FEDERATION_ACTIONS.get((action.text or "").lower())
        if wanted is None:
            continue
        wrong = [value for value, kind in kinds if kind != wanted]
        if len(wrong) < len(kinds):
            continue  # some principal can call it: a statement for two kinds of caller is allowed
        shown = ", ".join(f"{value.label} {value.describe()}" for value in wrong[:_SHOWN])
        more = f" and {len(wrong) - _SHOWN} more" if len(wrong) > _SHOWN else ""
        yield (
            action.path,
            f"{label} allows '{action.text}', which only {_KIND_NAMES[wanted]} can call, but names {shown}{more} "
            f"({_MISMATCHED_ACTION}); use {_fitting_actions(kinds)} or name {_KIND_NAMES[wanted]}",
        )
        reported = True
    if reported or "Action" not in statement.key_paths:
        return
    # Federated principals and no action they can call (sts:AssumeRole with an OIDC provider, say)
    federated = {kind for _, kind in kinds if kind is not None}
    if not federated or len(federated) < len({kind for _, kind in kinds}):
        return  # AWS or Service principals beside them: the statement serves those
    texts = [value.text or "" for value in actions]
    if any(fnmatch.fnmatchcase(_ACTION_OF[kind].lower(), text.lower()) for kind in federated for text in texts):
        return
    names = " or ".join(f"'{name}'" for name in sorted(_ACTION_OF[kind] for kind in federated))
    yield (
        statement.key_paths["Action"],
        f"{label} names a Federated principal but does not allow {names}, the only action such a principal "
        f"can call ({_MISMATCHED_ACTION}); allow {names}",
    )


def _fitting_actions(kinds: list[tuple[Value, str | None]]) -> str:
    fitting = sorted({_ACTION_OF[kind] for _, kind in kinds if kind is not None})
    return " or ".join(f"'{name}'" for name in fitting) if fitting else "'sts:AssumeRole'"


def _roles_anywhere(document: PolicyDocument, label: str) -> Iterator[tuple[Path, str]]:
    """The Allow statements that trust IAM Roles Anywhere must, together, allow its three actions."""
    statements = [
        statement
        for statement in document.statements
        if statement.allows
        and any(
            value.label == "Service" and (value.text or "").lower() == _ROLES_ANYWHERE_PRINCIPAL
            for value in statement.values.get("Principal", [])
        )
    ]
    if not statements:
        return
    texts: list[str] = []
    for statement in statements:
        if "NotAction" in statement.values:
            return  # NotAction grants the complement: leave it to the breadth rules
        for value in statement.values.get("Action", []):
            if value.text is None:
                return
            texts.append(value.text.lower())
    missing = [
        action for action in _ROLES_ANYWHERE_ACTIONS if not any(fnmatch.fnmatchcase(action.lower(), t) for t in texts)
    ]
    if not missing:
        return
    first = statements[0]
    where = first.key_paths.get("Action", first.path)
    shown = "', '".join(missing)
    yield (
        where,
        f"{label} trusts {_ROLES_ANYWHERE_PRINCIPAL} without allowing '{shown}', which IAM Roles Anywhere needs "
        f"to deliver credentials ({_ROLES_ANYWHERE}); allow {', '.join(_ROLES_ANYWHERE_ACTIONS)}",
    )
