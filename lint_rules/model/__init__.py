"""The access model: one read of a template that every rule queries.

``access_model(cfn)`` builds it on first use for a cfn-lint ``Template`` and caches it on that object,
so N rules cost one pass over the template.
"""

from __future__ import annotations

import logging
from typing import Any

from lint_rules.model import _apis, _callers, _cdk, _connectors, _iam, _lambda, _resource_policy, _sam, _secrets
from lint_rules.model._cdk import CdkHelper, names_resource
from lint_rules.model._collector import young_only
from lint_rules.model._conditions import (
    ACCOUNT,
    ANY,
    FEDERATED,
    NARROWING_KEYS,
    SERVICE,
    narrowing,
    other_keys,
    requiring,
)
from lint_rules.model._context import Context, Loader, properties_of
from lint_rules.model._documents import (
    IDENTITY,
    RESOURCE,
    SAM_GENERATED,
    SAM_TEMPLATE,
    TRUST,
    WRITTEN,
    PolicyDocument,
    Statement,
)
from lint_rules.model._entities import (
    AccessModel,
    ApiAuth,
    Caller,
    CodeSigningConfig,
    EventSourceMapping,
    Exposure,
    Function,
    FunctionUrl,
    Identity,
    Invocation,
    Parameter,
    ResourcePolicy,
    SecretKeyFlow,
    SourceAccess,
)
from lint_rules.model._federation import (
    AUDIENCE,
    OIDC,
    SAML,
    SUBJECT,
    Gap,
    federated_kind,
    federated_rejected,
    federation_gaps,
)
from lint_rules.model._permissions import (
    EscalationPath,
    Grant,
    Permissions,
    document_grants,
    escalation_paths,
    mentions,
    permissions,
    sensitive_actions,
)
from lint_rules.model._resource_policy import POLICY_LIMIT, PolicySize, policy_sizes
from lint_rules.model._values import Path, Resolver, Value, account_of

__all__ = [
    "ACCOUNT",
    "ANY",
    "AUDIENCE",
    "FEDERATED",
    "IDENTITY",
    "NARROWING_KEYS",
    "OIDC",
    "POLICY_LIMIT",
    "RESOURCE",
    "SAML",
    "SAM_GENERATED",
    "SAM_TEMPLATE",
    "SERVICE",
    "SUBJECT",
    "TRUST",
    "WRITTEN",
    "AccessModel",
    "ApiAuth",
    "Caller",
    "CdkHelper",
    "CodeSigningConfig",
    "EscalationPath",
    "EventSourceMapping",
    "Exposure",
    "Function",
    "FunctionUrl",
    "Gap",
    "Grant",
    "Identity",
    "Invocation",
    "Parameter",
    "Path",
    "Permissions",
    "PolicyDocument",
    "PolicySize",
    "ResourcePolicy",
    "SecretKeyFlow",
    "SourceAccess",
    "Statement",
    "Value",
    "access_model",
    "account_of",
    "build",
    "document_grants",
    "escalation_paths",
    "federated_kind",
    "federated_rejected",
    "federation_gaps",
    "mentions",
    "names_resource",
    "narrowing",
    "other_keys",
    "permissions",
    "policy_sizes",
    "requiring",
    "sensitive_actions",
]

LOGGER = logging.getLogger(__name__)
_CACHE_ATTRIBUTE = "_lint_rules_access_model"
_LOADERS: dict[str, Loader] = {
    **_iam.LOADERS,
    **_lambda.LOADERS,
    **_apis.LOADERS,
    **_callers.LOADERS,
    **_sam.LOADERS,
    _connectors.CONNECTOR: _connectors.load_connector,
}


def build(template: Any) -> AccessModel:
    """Build the access model of a decoded template (a mapping as cfn-lint's decoder returns it)."""
    template = template if isinstance(template, dict) else {}
    resources = template.get("Resources")
    resources = resources if isinstance(resources, dict) else {}
    transform = template.get("Transform")
    transforms = transform if isinstance(transform, list) else [transform]
    model = AccessModel(sam="AWS::Serverless-2016-10-31" in transforms)
    ctx = Context(model=model, resolver=Resolver(template))
    _whole(model, "its parameters", _secrets.load_parameters, template, model)
    _whole(model, "AWS CDK construct paths and helpers", _load_cdk, template, model)
    late = []
    replaced = _sam.replaced_by_implicit_apis(resources) if model.sam else set()
    for logical_id, resource in resources.items():
        if not isinstance(logical_id, str) or not isinstance(resource, dict) or logical_id in replaced:
            continue
        resource_type = resource.get("Type")
        if not isinstance(resource_type, str) or resource_type not in _LOADERS:
            continue
        if resource_type in _iam.LATE:
            late.append((logical_id, resource, resource_type))
            continue
        if resource_type != _connectors.CONNECTOR:
            _load(ctx, logical_id, resource, resource_type)
    for logical_id, resource, resource_type in late:
        _load(ctx, logical_id, resource, resource_type)
    # Connectors last: they read the roles and functions every other loader has created.
    for logical_id, resource in resources.items():
        for connector, props, path in _connectors.declared(logical_id, resource):
            _load(ctx, connector, {"Properties": props}, _connectors.CONNECTOR, path)
    _whole(model, "policy attachments", _iam.resolve_attachments, ctx)
    _whole(model, "aliases and versions", _lambda.resolve_qualifiers, ctx)
    _whole(model, "resource-policy Deny statements", _resource_policy.credit_denies, model)
    _whole(model, "access-key secret flows", _secrets.load_secret_key_flows, template, model)
    return model


def _load_cdk(template: dict[str, Any], model: AccessModel) -> None:
    model.constructs = _cdk.construct_paths(template)
    model.cdk_helpers = _cdk.cdk_helpers(template, model.constructs)


def _whole(model: AccessModel, what: str, step: Any, *args: Any) -> None:
    """A step over the whole template: a bug costs what that step adds, never cfn-lint's run."""
    try:
        step(*args)
    except Exception as error:
        model.load_failures.append(what)
        LOGGER.warning(
            "cfn-lint-lambda-auth could not model %s, findings that need them may be missing: %s: %s; %s",
            what,
            type(error).__name__,
            " ".join(str(error).split())[:200],
            "the traceback follows" if _debugging() else "run cfn-lint with --debug for the traceback",
            exc_info=_debugging(),
        )


def _load(
    ctx: Context, logical_id: str, resource: dict[str, Any], resource_type: str, path: Path | None = None
) -> None:
    try:
        _LOADERS[resource_type](ctx, logical_id, properties_of(resource), path or ("Resources", logical_id))
    except Exception as error:  # a loader bug must cost one resource's findings, never cfn-lint's run
        ctx.model.load_failures.append(logical_id)
        # One line by default: to a user a traceback reads as a crash. The traceback only when debugging.
        LOGGER.warning(
            "cfn-lint-lambda-auth could not model %s (%s), its findings are skipped: %s: %s; %s",
            logical_id,
            resource_type,
            type(error).__name__,
            " ".join(str(error).split())[:200],
            "the traceback follows" if _debugging() else "run cfn-lint with --debug for the traceback",
            exc_info=_debugging(),
        )


def _debugging() -> bool:
    """Whether the user asked for debugging output: cfn-lint's ``--debug`` sets its own logger (not ours,
    whose level comes from the root logger) to DEBUG; a host that sets ours or the root to DEBUG counts too."""
    return LOGGER.isEnabledFor(logging.DEBUG) or logging.getLogger("cfnlint").isEnabledFor(logging.DEBUG)


def access_model(cfn: Any) -> AccessModel:
    """The access model of a cfn-lint Template, built once and cached on it."""
    template = getattr(cfn, "template", None)
    cached = getattr(cfn, _CACHE_ATTRIBUTE, None)
    if cached is not None and cached[0] is template:
        model: AccessModel = cached[1]
        return model
    with young_only():
        model = build(template)
    try:
        setattr(cfn, _CACHE_ATTRIBUTE, (template, model))
    except AttributeError:
        LOGGER.debug("cannot cache the access model on %r", type(cfn))
    return model
