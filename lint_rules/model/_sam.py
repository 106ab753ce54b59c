"""SAM resources as aws-sam-translator would expand them, without running it.

Reproduced: the implicit execution role ``<Fn>Role`` (trusted by lambda.amazonaws.com, with SAM's
default managed policies), the classification of ``Policies`` entries (managed-policy names mapped to
ARNs, inline documents, policy templates expanded with their parameters, ``Fn::If``), function URLs,
and the invoke permission each event implies. Data comes from ``lint_rules/data`` (refreshed from
aws-sam-translator by ``scripts/refresh_sam_data.py``).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from lint_rules.model._context import Context, Loader
from lint_rules.model._documents import IDENTITY, PolicyDocument, statement_from
from lint_rules.model._entities import (
    ROLE,
    ApiAuth,
    EventSourceMapping,
    FunctionUrl,
    Identity,
    Invocation,
)
from lint_rules.model._lambda import layer_loader
from lint_rules.model._lambda import load_function as load_lambda_function
from lint_rules.model._sam_shapes import check_function
from lint_rules.model._values import LITERAL, Path, Value, branches, is_intrinsic, items

# The statement of the trust policy SAM gives the role it creates (aws-sam-translator, role_constructor).
_LAMBDA_TRUST: dict[str, Any] = {
    "Effect": "Allow",
    "Principal": {"Service": ["lambda.amazonaws.com"]},
    "Action": ["sts:AssumeRole"],
}


@functools.cache
def _data(name: str) -> dict[str, Any]:
    text = resources.files("lint_rules.data").joinpath(name).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def policy_templates() -> dict[str, Any]:
    templates: dict[str, Any] = _data("sam_policy_templates.json")["templates"]
    return templates


def managed_policy_arn(name: str) -> str | None:
    """The ARN SAM maps a bare managed-policy name to (aws partition), or None if SAM does not know it."""
    entry = _data("sam_managed_policies.json")["policies"].get(name)
    return f"arn:aws:iam::aws:{entry['resource']}" if entry else None


def event_principal(event_type: str) -> tuple[bool, str | None]:
    """(known event type, the service principal SAM grants invoke permission to or None for pull sources)."""
    events: dict[str, str | None] = _data("sam_event_sources.json")["events"]
    return event_type in events, events.get(event_type)


def _policy_kind(node: Any) -> str:
    """SAM's PolicyTypes for one (Fn::If-free) Policies entry."""
    if isinstance(node, str) or (is_intrinsic(node) and "Fn::If" not in node):
        return "managed"
    if isinstance(node, dict) and "Statement" in node:
        return "inline"
    if isinstance(node, dict) and len(node) == 1 and next(iter(node)) in policy_templates():
        return "template"
    return "unknown"


def _expand_template(name: str, arguments: Any) -> list[Any]:
    """The template's statements with its parameters replaced by the arguments given."""
    definition = policy_templates()[name]["definition"]
    given = arguments if isinstance(arguments, dict) else {}

    def substitute(node: Any) -> Any:
        if isinstance(node, dict):
            if len(node) == 1 and "Ref" in node and node["Ref"] in given:
                return given[node["Ref"]]
            return {key: substitute(value) for key, value in node.items()}
        if isinstance(node, list):
            return [substitute(value) for value in node]
        return node

    statements = substitute(definition).get("Statement", [])
    return statements if isinstance(statements, list) else [statements]


def _implicit_role(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> Identity:
    properties = (*path, "Properties")
    role = Identity(logical_id=f"{logical_id}Role", kind=ROLE, path=path, implicit=True)
    type_path = (*path, "Type")
    if "AssumeRolePolicyDocument" in props:
        role.trust = ctx.documents(
            props["AssumeRolePolicyDocument"],
            (*properties, "AssumeRolePolicyDocument"),
            kind="trust",
            resource=logical_id,
            name="SAM trust policy",
            checked_by_cfn_lint=False,  # cfn-lint's SAM schema takes any mapping here
        )
    else:
        statement = statement_from(_LAMBDA_TRUST, type_path, 0, ctx.resolver)
        role.trust = [PolicyDocument("trust", type_path, logical_id, "SAM's default trust policy", [statement])]
    defaults = ["AWSLambdaBasicExecutionRole"]
    if props.get("Tracing") == "Active":
        defaults.append("AWSXrayWriteOnlyAccess")
    if "VpcConfig" in props:
        defaults.append("AWSLambdaVPCAccessExecutionRole")
    for name in defaults:
        arn = managed_policy_arn(name) or name
        role.managed_policy_arns.append(Value(LITERAL, arn, type_path))
    if "PermissionsBoundary" in props:
        role.boundary = ctx.resolver.strings(props["PermissionsBoundary"], (*properties, "PermissionsBoundary"))
    for entry, entry_path in items(props.get("Policies"), (*properties, "Policies")):
        _policy_entry(ctx, role, logical_id, entry, entry_path)
    ctx.model.identities[role.logical_id] = role
    return role


def _policy_entry(ctx: Context, role: Identity, function: str, entry: Any, path: Path) -> None:
    kind = _policy_kind(entry)
    if kind == "managed":
        managed = ctx.target(entry)
        if managed is not None:
            role.managed_policy_ids.append(managed)
            return
        for value in ctx.resolver.strings(entry, path):
            if value.text is not None and not value.text.startswith("arn:") and value.kind == LITERAL:
                mapped = managed_policy_arn(value.text)
                value = Value(value.kind, mapped or value.text, value.path, value.parameter, value.label)
            role.managed_policy_arns.append(value)
    elif kind == "inline":
        ctx.documents(
            entry,
            path,
            kind=IDENTITY,
            resource=function,
            name=_entry_name(path),
            attached_to=[role.logical_id],
            checked_by_cfn_lint=False,
        )
    elif kind == "template":
        name, arguments = next(iter(entry.items()))
        statements = [
            statement_from(node, path, index, ctx.resolver)
            for index, node in enumerate(_expand_template(name, arguments))
            if isinstance(node, dict)
        ]
        ctx.model.documents.append(
            PolicyDocument(
                IDENTITY, path, function, f"SAM policy template '{name}'", statements, attached_to=[role.logical_id]
            )
        )


def _entry_name(path: Path) -> str:
    """'SAM inline policy 2' for Policies/2 (and its Fn::If branches); the entry's index names it."""
    position = path.index("Policies") + 1 if "Policies" in path else len(path)
    index = path[position] if position < len(path) else None
    return f"SAM inline policy {index}" if isinstance(index, int) else "SAM inline policy"


def load_function(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    check_function(ctx, logical_id, props, path)
    properties = (*path, "Properties")
    function = load_lambda_function(ctx, logical_id, props, path)
    function.type = "AWS::Serverless::Function"
    if "Role" not in props:
        function.role_id = _implicit_role(ctx, logical_id, props, path).logical_id
    url_config = props.get("FunctionUrlConfig")
    for config, config_path in branches(url_config, (*properties, "FunctionUrlConfig")):
        if not isinstance(config, dict):
            continue
        auth = ctx.resolver.strings(config.get("AuthType"), (*config_path, "AuthType"))
        auth_path = (*config_path, "AuthType") if "AuthType" in config else None
        ctx.model.urls.append(FunctionUrl(f"{logical_id}Url", config_path, logical_id, auth, auth_path, sam=True))
        star = [Value(LITERAL, "*", auth_path or config_path, label="*")]
        for action, via_url in (("lambda:InvokeFunctionUrl", False), ("lambda:InvokeFunction", True)):
            ctx.model.invocations.append(
                Invocation(
                    kind="sam-url",
                    resource=logical_id,
                    path=config_path,
                    function=logical_id,
                    principal=star,
                    principal_path=auth_path,
                    action=[Value(LITERAL, action, config_path)],
                    url_auth_type=auth,
                    via_function_url=via_url,
                )
            )
    _events(ctx, logical_id, props.get("Events"), (*properties, "Events"))


def _events(ctx: Context, function: str, events: Any, path: Path) -> None:
    if not isinstance(events, dict):
        return
    for name, event in events.items():
        if not isinstance(event, dict) or not isinstance(name, str):
            continue
        event_path = (*path, name)
        event_type = event.get("Type")
        if not isinstance(event_type, str):
            continue
        known, principal = event_principal(event_type)
        if not known:
            continue
        if principal is None:
            ctx.model.event_source_mappings.append(EventSourceMapping(f"{function}{name}", event_path, function))
            continue
        event_props = event.get("Properties")
        event_props = event_props if isinstance(event_props, dict) else {}
        # SAM ties every push permission to its source ARN, except an Alexa skill without SkillId.
        narrowing: dict[str, Path] = {"SourceArn": (*event_path, "Type")}
        if event_type == "AlexaSkill" and "SkillId" not in event_props:
            narrowing = {}
        ctx.model.invocations.append(
            Invocation(
                kind="sam-event",
                resource=function,
                path=event_path,
                function=function,
                principal=[Value(LITERAL, principal, (*event_path, "Type"), label="Service")],
                principal_path=(*event_path, "Type"),
                action=[Value(LITERAL, "lambda:InvokeFunction", (*event_path, "Type"))],
                narrowing=narrowing,
            )
        )


def load_api(ctx: Context, logical_id: str, props: dict[str, Any], path: Path, api_type: str) -> None:
    auth = props.get("Auth")
    auth_path = (*path, "Properties", "Auth")
    default = auth.get("DefaultAuthorizer") if isinstance(auth, dict) else None
    ctx.model.api_auth.append(
        ApiAuth(
            resource=logical_id,
            type=api_type,
            path=path,
            authorization=ctx.resolver.strings(default, (*auth_path, "DefaultAuthorizer")) if default else [],
            authorization_path=(*auth_path, "DefaultAuthorizer") if default else None,
        )
    )


def _api_loader(api_type: str) -> Loader:
    def load(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
        load_api(ctx, logical_id, props, path, api_type)

    return load


LOADERS: dict[str, Loader] = {
    "AWS::Serverless::Function": load_function,
    "AWS::Serverless::Api": _api_loader("AWS::Serverless::Api"),
    "AWS::Serverless::HttpApi": _api_loader("AWS::Serverless::HttpApi"),
    "AWS::Serverless::LayerVersion": layer_loader("AWS::Serverless::LayerVersion"),
}
