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
import re
from importlib import resources
from typing import Any

from lint_rules.model._context import Context, Loader, properties_of
from lint_rules.model._documents import IDENTITY, SAM_GENERATED, SAM_TEMPLATE, PolicyDocument, statement_from
from lint_rules.model._entities import (
    ROLE,
    ApiAuth,
    EventSourceMapping,
    FunctionUrl,
    Identity,
    Invocation,
)
from lint_rules.model._iam import note_boundary
from lint_rules.model._lambda import function_target, layer_loader, qualifier_of, read_cors, source_access
from lint_rules.model._lambda import load_function as load_lambda_function
from lint_rules.model._sam_shapes import check_function
from lint_rules.model._values import LITERAL, Path, Value, branches, is_intrinsic, is_no_value, items

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
    return f"arn:aws:iam::aws:{entry['resource']}" if entry and "aws" in entry["partitions"] else None


def event_source(event_type: str) -> dict[str, Any] | None:
    """What SAM generates for an event type (principal, narrowing, role additions), or None if unknown."""
    events: dict[str, dict[str, Any]] = _data("sam_event_sources.json")["events"]
    return events.get(event_type)


def _destination_statements(key: str) -> list[Any]:
    """The statements SAM adds to the implicit role for a destination (``DeadLetterQueue:SQS``, ...)."""
    statements: list[Any] = _data("sam_event_sources.json")["destinations"].get(key, [])
    return statements


def _role_policies(name: str) -> list[str]:
    """Managed policies of SAM's implicit role: ``basic``, ``durable`` (replaces basic), ``tracing``, ``vpc``."""
    parts: list[str] = _data("sam_event_sources.json")["execution_role"][name]
    return [f"arn:aws:iam::aws:{part}" for part in parts]


class _Missing(Exception):
    """A recorded statement names a value the event does not have: SAM writes no such statement."""


_MARKER = re.compile(r"<\$([A-Za-z/]+)>")


def _fill(node: Any, given: dict[str, Any]) -> Any:
    """SAM's recorded statements with ``{"$property": name}`` placeholders replaced by the values given, and
    ``<$name>`` markers by their text. A missing property is a resource SAM generates; a missing derived value
    (a name with '/': a source access configuration's URI, a schema registry's) or a marker without literal
    text raises ``_Missing``."""
    if isinstance(node, dict):
        if len(node) == 1 and "$property" in node:
            name = node["$property"]
            if name in given:
                return given[name]
            if "/" in str(name):
                raise _Missing(name)
            return _GENERATED
        return {key: _fill(value, given) for key, value in node.items()}
    if isinstance(node, list):
        return [_fill(value, given) for value in node]
    if isinstance(node, str) and "<$" in node:

        def text(match: re.Match[str]) -> str:
            value = given.get(match.group(1))
            if not isinstance(value, str):
                raise _Missing(match.group(1))
            return value

        return _MARKER.sub(text, node)
    return node


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
        role.trust = [
            PolicyDocument(
                "trust", type_path, logical_id, "SAM's default trust policy", [statement], origin=SAM_GENERATED
            )
        ]
    defaults = _role_policies("durable" if props.get("DurableConfig") else "basic")
    tracing = props.get("Tracing")
    # SAM adds X-Ray for any Tracing but 'Disabled' (a parameter is read with its candidate values).
    if tracing and any(value.text != "Disabled" for value in ctx.resolver.strings(tracing, ())):
        defaults.extend(_role_policies("tracing"))
    if props.get("VpcConfig"):
        defaults.extend(_role_policies("vpc"))
    for arn in defaults:
        role.managed_policy_arns.append(Value(LITERAL, arn, type_path))
    if "PermissionsBoundary" in props:
        role.boundary = ctx.resolver.strings(props["PermissionsBoundary"], (*properties, "PermissionsBoundary"))
        note_boundary(ctx, props["PermissionsBoundary"])
    for entry, entry_path in items(props.get("Policies"), (*properties, "Policies")):
        _policy_entry(ctx, role, logical_id, entry, entry_path)
    _destinations(ctx, role, logical_id, props, properties)
    ctx.model.identities[role.logical_id] = role
    return role


def _destinations(ctx: Context, role: Identity, function: str, props: dict[str, Any], properties: Path) -> None:
    """The statements SAM adds for DeadLetterQueue and EventInvokeConfig destinations."""
    dlq = props.get("DeadLetterQueue")
    if isinstance(dlq, dict) and isinstance(dlq.get("Type"), str):
        _add_statements(
            ctx,
            role,
            function,
            _destination_statements(f"DeadLetterQueue:{dlq['Type']}"),
            {"Destination": dlq.get("TargetArn")},
            (*properties, "DeadLetterQueue"),
            "SAM's dead-letter queue policy",
        )
    config = props.get("EventInvokeConfig")
    destinations = config.get("DestinationConfig") if isinstance(config, dict) else None
    for outcome in ("OnSuccess", "OnFailure"):
        target = destinations.get(outcome) if isinstance(destinations, dict) else None
        if isinstance(target, dict) and isinstance(target.get("Type"), str):
            _add_statements(
                ctx,
                role,
                function,
                _destination_statements(f"EventInvokeConfig:{target['Type']}"),
                {"Destination": _or_generated(target["Destination"])} if "Destination" in target else {},
                (*properties, "EventInvokeConfig", "DestinationConfig", outcome),
                f"SAM's {outcome} destination policy",
            )


_GENERATED = {"Fn::GetAtt": ["<generated by SAM>", "Arn"]}


def _or_generated(node: Any) -> Any:
    """An EventInvokeConfig destination with its ``AWS::NoValue`` (also inside ``Fn::If``) standing for the queue
    or topic SAM creates in its place (SAM writes ``Fn::If [NOT cond, <its queue>, <the given one>]``)."""
    if is_no_value(node):
        return _GENERATED
    args = node.get("Fn::If") if isinstance(node, dict) and len(node) == 1 else None
    if isinstance(args, list) and len(args) == 3:
        return {"Fn::If": [args[0], _or_generated(args[1]), _or_generated(args[2])]}
    return node


def _add_statements(
    ctx: Context, role: Identity, function: str, recorded: list[Any], given: dict[str, Any], path: Path, name: str
) -> None:
    """A document of SAM-generated statements attached to the implicit role, written at ``path``."""
    filled = []
    for node in recorded:
        try:
            filled.append(_fill(node, given))
        except _Missing:
            continue
    statements = [
        statement_from(node, path, index, ctx.resolver) for index, node in enumerate(filled) if isinstance(node, dict)
    ]
    if not statements:
        return
    ctx.model.documents.append(
        PolicyDocument(IDENTITY, path, function, name, statements, attached_to=[role.logical_id], origin=SAM_GENERATED)
    )


def _policy_entry(ctx: Context, role: Identity, function: str, entry: Any, path: Path) -> None:
    kind = _policy_kind(entry)
    if kind == "managed":
        managed = ctx.target(entry)
        if managed is not None:
            role.managed_policy_ids.append(managed)
            return
        known = {value.text for value in role.managed_policy_arns if value.known}
        for value in ctx.resolver.strings(entry, path):
            if value.text is not None and not value.text.startswith("arn:") and value.kind == LITERAL:
                mapped = managed_policy_arn(value.text)
                value = Value(value.kind, mapped or value.text, value.path, value.parameter, value.label)
            if value.text is None or value.text not in known:  # SAM lists each ARN once
                role.managed_policy_arns.append(value)
                known.add(value.text or "")
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
        given = arguments if isinstance(arguments, dict) else {}
        ctx.model.documents.append(
            PolicyDocument(
                IDENTITY,
                path,
                function,
                f"SAM policy template '{name}'",
                statements,
                attached_to=[role.logical_id],
                origin=SAM_TEMPLATE,
                template=name,
                arguments={
                    str(key): ctx.resolver.strings(value, (*path, name, key))
                    for key, value in given.items()
                    if isinstance(key, str)
                },
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
    role = _implicit_role(ctx, logical_id, props, path) if needs_implicit_role(props) else None
    if role is not None:
        function.role_id = role.logical_id
    url_config = props.get("FunctionUrlConfig")
    for config, config_path in branches(url_config, (*properties, "FunctionUrlConfig")):
        if not isinstance(config, dict):
            continue
        auth = ctx.resolver.strings(config.get("AuthType"), (*config_path, "AuthType"))
        auth_path = (*config_path, "AuthType") if "AuthType" in config else None
        url = FunctionUrl(f"{logical_id}Url", config_path, logical_id, auth, auth_path, sam=True)
        read_cors(ctx, url, config.get("Cors"), (*config_path, "Cors"))
        ctx.model.urls.append(url)
        # SAM adds the public permissions only for a literal NONE in a literal FunctionUrlConfig.
        if config.get("AuthType") != "NONE" or config_path[-1] != "FunctionUrlConfig":
            continue
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
    _events(ctx, logical_id, props.get("Events"), (*properties, "Events"), role)


# SAM's implicit APIs: the event type that makes one, the property naming an explicit API instead, its logical id.
_IMPLICIT_APIS = (("Api", "RestApiId", "ServerlessRestApi"), ("HttpApi", "ApiId", "ServerlessHttpApi"))


def replaced_by_implicit_apis(resources: dict[str, Any]) -> set[str]:
    """Logical ids of the template's own resources that SAM replaces with its implicit API: a resource named
    ``ServerlessRestApi`` (``ServerlessHttpApi``) when a function or state machine has an Api (HttpApi) event
    without RestApiId (ApiId); without such an event SAM keeps the author's resource (implicit_api_plugin.py)."""
    found: set[str] = set()
    for resource in resources.values():
        if not isinstance(resource, dict) or resource.get("Type") not in (
            "AWS::Serverless::Function",
            "AWS::Serverless::StateMachine",
        ):
            continue
        events = properties_of(resource).get("Events")
        for event in events.values() if isinstance(events, dict) else ():
            event = event if isinstance(event, dict) else {}
            for event_type, reference, implicit in _IMPLICIT_APIS:
                props = event.get("Properties")
                if event.get("Type") == event_type and reference not in (props if isinstance(props, dict) else {}):
                    found.add(implicit)
    return found & set(resources)


def needs_implicit_role(props: dict[str, Any]) -> bool:
    """SAM creates ``<Fn>Role`` when Role is absent, null, or an Fn::If with an AWS::NoValue branch."""
    role = props.get("Role")
    if role is None:
        return True
    args = role.get("Fn::If") if isinstance(role, dict) and len(role) == 1 else None
    return isinstance(args, list) and len(args) == 3 and any(is_no_value(branch) for branch in args[1:])


def _events(ctx: Context, function: str, events: Any, path: Path, role: Identity | None) -> None:
    if not isinstance(events, dict):
        return
    # With AutoPublishAlias, SAM wires every event source and its permission to the alias.
    alias = "AutoPublishAlias" in properties_of(ctx.resolver.resources.get(function))
    qualifier = qualifier_of(ctx, {"Ref": f"{function}.Alias"}) if alias else ""
    whole_apis = _whole_api_permissions(events)
    cognito = False
    for name, event in events.items():
        if not isinstance(event, dict) or not isinstance(name, str):
            continue
        event_path = (*path, name)
        event_type = event.get("Type")
        source = event_source(event_type) if isinstance(event_type, str) else None
        if source is None:
            continue
        event_props = event.get("Properties")
        event_props = event_props if isinstance(event_props, dict) else {}
        if event_type == "SNS" and event_props.get("SqsSubscription"):
            source = {**(event_source("SQS") or {}), "principal": None}  # SAM subscribes a queue it polls
        if role is not None:
            _event_grants(ctx, role, function, source, event_props, event_path)
        if event_type in _EVENT_APIS:
            _event_route(ctx, function, event_type, event_props, event_path)
        principal = source["principal"]
        if principal is None:  # a pull source: an event source mapping, no permission
            # SAM names an SNS event's queue subscription <Fn><Event>EventSourceMapping (push.py, SNS)
            subscribed = event_type == "SNS" and event_props.get("SqsSubscription")
            ctx.model.event_source_mappings.append(
                EventSourceMapping(
                    f"{function}{name}EventSourceMapping" if subscribed else f"{function}{name}",
                    event_path,
                    function,
                    source_access(ctx, event_props, (*event_path, "Properties")),
                )
            )
            continue
        # The conditions SAM narrows the permission by (SourceArn, SourceAccount, EventSourceToken); an
        # Alexa skill's token is its SkillId, so without one the permission is not narrowed.
        # SAM writes one <Fn>CognitoPermission for all of a function's Cognito events (push.py, Cognito), and no
        # permission for an HttpApi event whose API already invokes the function for every route ($default, ANY).
        if event_type == "Cognito":
            if cognito:
                continue
            cognito = True
        if event_type == "HttpApi" and not _whole_api_event(event_props) and _api_key(event_props) in whole_apis:
            continue
        narrowing: dict[str, Path] = dict.fromkeys(source.get("narrowing", []), (*event_path, "Type"))
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
                qualifier=qualifier,
            )
        )


def _whole_api_event(props: dict[str, Any]) -> bool:
    """An HttpApi event SAM routes as ``$default`` with any method: no Path (or '$default'), no Method (or ANY)."""
    path, method = props.get("Path", "$default"), props.get("Method", "ANY")
    return (
        path == "$default" and isinstance(method, str) and method.lower() in ("any", "x-amazon-apigateway-any-method")
    )


def _api_key(props: dict[str, Any]) -> str:
    """The API an HttpApi event names (its ApiId as written; none is SAM's implicit HTTP API)."""
    return json.dumps(props.get("ApiId"), sort_keys=True, default=str)


def _whole_api_permissions(events: dict[str, Any]) -> set[str]:
    """The APIs a function's HttpApi events reach with a $default ANY route (one permission covers every route)."""
    return {
        _api_key(_mapping(event.get("Properties")))
        for event in events.values()
        if isinstance(event, dict)
        and event.get("Type") == "HttpApi"
        and _whole_api_event(_mapping(event.get("Properties")))
    }


def _event_grants(
    ctx: Context, role: Identity, function: str, source: dict[str, Any], props: dict[str, Any], path: Path
) -> None:
    """The managed policies and statements a pull event (and its OnFailure destination) adds to the role."""
    known = {value.text for value in role.managed_policy_arns}
    for arn in source.get("managed_policies", []):
        full = f"arn:aws:iam::aws:{arn}"
        if full not in known:
            role.managed_policy_arns.append(Value(LITERAL, full, (*path, "Type")))
            known.add(full)
    properties = (*path, "Properties")
    _add_statements(ctx, role, function, source.get("statements", []), props, path, "SAM's event policy")
    _access_grants(ctx, role, function, source, props, properties)
    for name, recorded in source.get("properties", {}).items():
        if name == "SchemaRegistryConfig":
            _registry_grants(ctx, role, function, recorded, props.get(name), (*properties, name))
        elif name in props:
            _add_statements(ctx, role, function, recorded, props, (*properties, name), f"SAM's {name} policy")
    destinations = props.get("DestinationConfig")
    target = destinations.get("OnFailure") if isinstance(destinations, dict) else None
    if isinstance(target, dict) and isinstance(target.get("Type"), str):
        _add_statements(
            ctx,
            role,
            function,
            _destination_statements(f"DestinationConfig:{target['Type']}"),
            {"Destination": target.get("Destination")} if "Destination" in target else {},
            (*properties, "DestinationConfig", "OnFailure"),
            "SAM's OnFailure destination policy",
        )


def _access_grants(
    ctx: Context, role: Identity, function: str, source: dict[str, Any], props: dict[str, Any], properties: Path
) -> None:
    """What each source access configuration adds to the role, by its (literal) Type, as SAM's probes recorded:
    a secret's GetSecretValue per configuration of that Type; the ENI statements once both VPC Types are given."""
    key = "SourceAccessConfigurations"
    configs = [
        (item, item_path) for item, item_path in items(props.get(key), (*properties, key)) if isinstance(item, dict)
    ]
    for entry in source.get("access", []):
        kinds: list[str] = entry["types"]
        owners = [(item, item_path) for item, item_path in configs if item.get("Type") in kinds]
        if {item.get("Type") for item, _ in owners} != set(kinds):
            continue
        # One statement per configuration of a single Type; a pair of Types (the VPC's) grants once.
        groups = [[owner] for owner in owners] if len(kinds) == 1 else [owners]
        for group in groups:
            given = {f"{key}/{item['Type']}/URI": item["URI"] for item, _ in reversed(group) if "URI" in item}
            name = f"SAM's {'/'.join(kinds)} policy"
            _add_statements(ctx, role, function, entry["statements"], given, group[0][1], name)


def _registry_grants(ctx: Context, role: Identity, function: str, recorded: list[Any], config: Any, path: Path) -> None:
    """SchemaRegistryConfig: GetSecretValue per AccessConfigs secret, and the Glue registry reads when
    SchemaRegistryURI is a registry ARN SAM can read the registry name from."""
    if not isinstance(config, dict):
        return
    secret = "SchemaRegistryConfig/AccessConfigs/URI"
    per_secret = [node for node in recorded if secret in json.dumps(node)]
    for item, item_path in items(config.get("AccessConfigs"), (*path, "AccessConfigs")):
        if isinstance(item, dict) and "URI" in item:
            _add_statements(
                ctx, role, function, per_secret, {secret: item["URI"]}, item_path, "SAM's schema registry policy"
            )
    uri = config.get("SchemaRegistryURI")
    arn = uri.get("Fn::Sub") if isinstance(uri, dict) and len(uri) == 1 else uri
    # SAM substitutes the two pseudo parameters it knows offline (AWS::Region, AWS::Partition) before it splits the
    # ARN; any other ${AWS::...} keeps its colons and, as in SAM, leaves the registry name unread.
    text = arn if isinstance(arn, str) else ""
    for pseudo in ("Region", "Partition"):
        text = text.replace(f"${{AWS::{pseudo}}}", pseudo)
    parts = text.split(":") if text.startswith("arn") else []
    if len(parts) >= 6 and parts[5].startswith("registry/"):  # SAM's get_registry_name
        given = {"SchemaRegistryConfig/SchemaRegistryURI": uri, "SchemaRegistryConfig/RegistryName": parts[5][9:]}
        rest = [node for node in recorded if node not in per_secret]
        _add_statements(ctx, role, function, rest, given, (*path, "SchemaRegistryURI"), "SAM's schema registry policy")


# The invoke permission SAM gives each Lambda authorizer (aws-sam-translator: api_generator.py,
# http_api_generator.py, and the AppSync-to-Lambda connector profile for GraphQL authorizers).
_AUTHORIZER_PRINCIPALS = {
    "AWS::Serverless::Api": "apigateway.amazonaws.com",
    "AWS::Serverless::HttpApi": "apigateway.amazonaws.com",
    "AWS::Serverless::WebSocketApi": "apigateway.amazonaws.com",
    "AWS::Serverless::GraphQLApi": "appsync.amazonaws.com",
}


def _authorizer_permission(
    ctx: Context, api: str, api_type: str, function_node: Any, path: Path, kind: str = "sam-authorizer"
) -> None:
    """The permission SAM adds for a Lambda authorizer (or a WebSocket route), narrowed to the API by SourceArn."""
    principal = _AUTHORIZER_PRINCIPALS[api_type]
    ctx.model.invocations.append(
        Invocation(
            kind=kind,
            resource=api,
            path=path,
            function=function_target(ctx, function_node),
            principal=[Value(LITERAL, principal, path, label="Service")],
            principal_path=path,
            action=[Value(LITERAL, "lambda:InvokeFunction", path)],
            narrowing={"SourceArn": path},
        )
    )


def _api_authorizers(ctx: Context, api: str, api_type: str, auth: Any, auth_path: Path) -> None:
    """Api: every authorizer with FunctionArn unless DisableFunctionDefaultPermissions; HttpApi: only
    with EnableFunctionDefaultPermissions: true (SAM's defaults differ between the two)."""
    authorizers = auth.get("Authorizers") if isinstance(auth, dict) else None
    if not isinstance(authorizers, dict):
        return
    for name, authorizer in authorizers.items():
        if not isinstance(authorizer, dict) or "FunctionArn" not in authorizer:
            continue
        if api_type == "AWS::Serverless::HttpApi":
            granted = authorizer.get("EnableFunctionDefaultPermissions") is True
        else:
            granted = authorizer.get("DisableFunctionDefaultPermissions") is not True
        if granted:
            arn_path = (*auth_path, "Authorizers", name, "FunctionArn")
            _authorizer_permission(ctx, api, api_type, authorizer["FunctionArn"], arn_path)


def load_graphql_api(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    """AWS::Serverless::GraphQLApi: the Lambda authorizers of Auth and Auth.Additional."""
    auth = props.get("Auth")
    auth_path = (*path, "Properties", "Auth")
    if not isinstance(auth, dict):
        return
    providers = [(auth, auth_path)]
    additional = auth.get("Additional")
    if isinstance(additional, list):
        providers.extend((item, (*auth_path, "Additional", index)) for index, item in enumerate(additional))
    for provider, provider_path in providers:
        if not isinstance(provider, dict):
            continue
        lambda_auth = provider.get("LambdaAuthorizer")
        if provider.get("Type") == "AWS_LAMBDA" and isinstance(lambda_auth, dict) and "AuthorizerUri" in lambda_auth:
            uri_path = (*provider_path, "LambdaAuthorizer", "AuthorizerUri")
            _authorizer_permission(
                ctx, logical_id, "AWS::Serverless::GraphQLApi", lambda_auth["AuthorizerUri"], uri_path
            )


def load_websocket_api(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    """AWS::Serverless::WebSocketApi: a permission per route's function, and one for a CUSTOM authorizer
    unless it is invoked through InvokeRole (websocket_api_generator.py)."""
    api_type = "AWS::Serverless::WebSocketApi"
    properties = (*path, "Properties")
    routes = props.get("Routes")
    for key, route in routes.items() if isinstance(routes, dict) else ():
        if isinstance(route, dict) and "FunctionArn" in route:
            route_path = (*properties, "Routes", key, "FunctionArn")
            _authorizer_permission(ctx, logical_id, api_type, route["FunctionArn"], route_path, kind="sam-route")
    auth = props.get("Auth")
    if isinstance(auth, dict) and auth.get("AuthType") == "CUSTOM" and "AuthArn" in auth and not auth.get("InvokeRole"):
        _authorizer_permission(ctx, logical_id, api_type, auth["AuthArn"], (*properties, "Auth", "AuthArn"))
    # Only $connect is authorized, and every other route is reached through a connection it admitted.
    auth_type = auth.get("AuthType") if isinstance(auth, dict) else None
    auth_path = (*properties, "Auth", "AuthType")
    for key, route in routes.items() if isinstance(routes, dict) else ():
        if isinstance(route, dict) and "FunctionArn" in route and isinstance(key, str):
            ctx.model.api_auth.append(
                ApiAuth(
                    resource=logical_id,
                    type=api_type,
                    path=(*properties, "Routes", key),
                    authorization=ctx.resolver.strings(auth_type, auth_path) if auth_type else [],
                    authorization_path=auth_path if auth_type else None,
                    function=function_target(ctx, route["FunctionArn"]),
                    api=logical_id,
                    route=key,
                )
            )


def load_api(ctx: Context, logical_id: str, props: dict[str, Any], path: Path, api_type: str) -> None:
    auth = props.get("Auth")
    _api_authorizers(ctx, logical_id, api_type, auth, (*path, "Properties", "Auth"))


# SAM event type -> (the API resource type, the event property naming it, SAM's implicit API, its Globals key)
_EVENT_APIS = {
    "Api": ("AWS::Serverless::Api", "RestApiId", "ServerlessRestApi", "Api"),
    "HttpApi": ("AWS::Serverless::HttpApi", "ApiId", "ServerlessHttpApi", "HttpApi"),
}
# Auth.ResourcePolicy keys that admit only listed accounts, networks or endpoints (api_generator.py).
_RESTRICTING_POLICY_KEYS = (
    "AwsAccountWhitelist",
    "IpRangeWhitelist",
    "SourceVpcWhitelist",
    "IntrinsicVpcWhitelist",
    "IntrinsicVpceWhitelist",
    "CustomStatements",
)


def _mapping(node: Any) -> dict[str, Any]:
    return node if isinstance(node, dict) else {}


def _event_route(ctx: Context, function: str, event_type: str, props: dict[str, Any], path: Path) -> None:
    """An Api or HttpApi event as the route SAM adds to its API, authorized as SAM would authorize it: the event's
    ``Auth.Authorizer``, else the API's ``Auth.DefaultAuthorizer`` (SAM's implicit API takes ``Globals``)."""
    api_type, reference_key, implicit, globals_key = _EVENT_APIS[event_type]
    properties = (*path, "Properties")
    opaque = None
    if reference_key in props:
        api = ctx.target(props[reference_key])
        resource = ctx.resolver.resources.get(api) if api else None
        if api is None or not isinstance(resource, dict) or resource.get("Type") != api_type:
            api, api_props, api_path = None, {}, properties
            opaque = f"its {reference_key} is not an {api_type} of this template"
        else:
            api_props, api_path = _mapping(resource.get("Properties")), ("Resources", api, "Properties")
            opaque = _definition_opacity(api_props, props)
    else:
        api, api_path = implicit, ("Globals", globals_key)
        api_props = _mapping(_mapping(ctx.resolver.globals).get(globals_key))
    api_auth, event_auth = _mapping(api_props.get("Auth")), _mapping(props.get("Auth"))
    if "Authorizer" in event_auth:
        node, auth_path, explicit = event_auth["Authorizer"], (*properties, "Auth", "Authorizer"), True
    else:
        node, auth_path, explicit = api_auth.get("DefaultAuthorizer"), (*api_path, "Auth", "DefaultAuthorizer"), False
    authorization = ctx.resolver.strings(node, auth_path) if node is not None else []
    api_key = None
    restricted = None
    if event_type == "Api":
        for auth, auth_at in ((event_auth, (*properties, "Auth")), (api_auth, (*api_path, "Auth"))):
            if "ApiKeyRequired" in auth:
                api_key = (*auth_at, "ApiKeyRequired") if auth["ApiKeyRequired"] is True else None
                break
        restricted = _restriction(event_auth, (*properties, "Auth")) or _restriction(api_auth, (*api_path, "Auth"))
        restricted = restricted or _private_endpoint(api_props.get("EndpointConfiguration"), api_path)
    method_node = props.get("Method")
    route = props.get("Path")
    ctx.model.api_auth.append(
        ApiAuth(
            resource=function,
            type=api_type,
            path=path,
            authorization=authorization,
            authorization_path=auth_path if node is not None else None,
            function=function,
            api=api,
            explicit=explicit and any(v.text is not None and v.text.upper() == "NONE" for v in authorization),
            methods=ctx.resolver.strings(method_node, (*properties, "Method")) if method_node is not None else [],
            method_path=(*properties, "Method") if method_node is not None else None,
            route=route if isinstance(route, str) else ("$default" if route is None else None),
            api_key=api_key,
            restricted=restricted,
            opaque=opaque,
        )
    )


def _restriction(auth: dict[str, Any], auth_path: Path) -> Path | None:
    policy = _mapping(auth.get("ResourcePolicy"))
    key = next((key for key in _RESTRICTING_POLICY_KEYS if policy.get(key)), None)
    return (*auth_path, "ResourcePolicy", key) if key else None


def _private_endpoint(node: Any, api_path: Path) -> Path | None:
    for config, config_path in branches(node, (*api_path, "EndpointConfiguration")):
        kind = config.get("Type") if isinstance(config, dict) else config
        if isinstance(kind, str) and kind.upper() == "PRIVATE":
            return config_path
    return None


def _definition_opacity(api_props: dict[str, Any], event: dict[str, Any]) -> str | None:
    """Why an API's OpenAPI definition may decide the route's authorization instead of ``Auth``, if it may."""
    if "DefinitionUri" in api_props:
        return "its API's OpenAPI definition is in DefinitionUri, outside the template"
    body = api_props.get("DefinitionBody")
    if body is None:
        return None
    if not isinstance(body, dict) or is_intrinsic(body):
        return "its API's DefinitionBody is not written in the template"
    if "security" in body:
        return "its API's DefinitionBody sets security"
    route, method = event.get("Path"), event.get("Method")
    operations = _mapping(_mapping(body.get("paths")).get(route)) if isinstance(route, str) else {}
    operation = _mapping(operations.get(method.lower())) if isinstance(method, str) else {}
    return "its API's DefinitionBody sets security on the route" if "security" in operation else None


def _api_loader(api_type: str) -> Loader:
    def load(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
        load_api(ctx, logical_id, props, path, api_type)

    return load


LOADERS: dict[str, Loader] = {
    "AWS::Serverless::Function": load_function,
    "AWS::Serverless::Api": _api_loader("AWS::Serverless::Api"),
    "AWS::Serverless::HttpApi": _api_loader("AWS::Serverless::HttpApi"),
    "AWS::Serverless::GraphQLApi": load_graphql_api,
    "AWS::Serverless::WebSocketApi": load_websocket_api,
    "AWS::Serverless::LayerVersion": layer_loader("AWS::Serverless::LayerVersion"),
}
