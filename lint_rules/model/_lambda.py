"""Loaders for AWS::Lambda::* resources and API Gateway methods that integrate a function."""

from __future__ import annotations

import re
from typing import Any

from lint_rules.model._conditions import ACCOUNT, ANY, SERVICE, narrowing, permission_tests, source_arns
from lint_rules.model._context import Context, Loader, properties_of
from lint_rules.model._documents import RESOURCE
from lint_rules.model._entities import (
    Alias,
    CodeSigningConfig,
    EventSourceMapping,
    Function,
    FunctionUrl,
    Invocation,
    Layer,
    LayerPermission,
    ResourcePolicy,
    SourceAccess,
)
from lint_rules.model._values import Path, Value, branches, items, logical_id_of

_SUB_REFERENCE = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z.]+)?\}")


def function_target(ctx: Context, node: Any) -> str | None:
    """The logical id of the function (or alias/version) a FunctionName/ResourceArn/Uri refers to."""
    for value, _ in branches(node, ()):
        direct = ctx.target(value)
        if direct is not None:
            return direct
        named = logical_id_of(value)
        qualified = ctx.resolver.sam_function_of(named) if named is not None else None
        if qualified is not None:
            return qualified
        text = None
        if isinstance(value, dict) and len(value) == 1 and "Fn::Sub" in value:
            args = value["Fn::Sub"]
            text = args[0] if isinstance(args, list) and args else args
        if isinstance(text, str):
            for name in _SUB_REFERENCE.findall(text):
                if ctx.resolver.is_resource(name):
                    return str(name)
        if isinstance(value, dict) and len(value) == 1 and "Fn::Join" in value:
            args = value["Fn::Join"]
            parts = args[1] if isinstance(args, list) and len(args) == 2 and isinstance(args[1], list) else []
            for part in parts:
                found = ctx.target(part)
                if found is not None:
                    return found
    return None


# A reference inside Fn::Sub text, with its attribute and what follows it: '${Fn.Arn}:live/invocations'.
_SUB_QUALIFIED = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.([A-Za-z.]+))?\}(:[^/:]*)?")
UNQUALIFIED = ""


def qualifier_of(ctx: Context, node: Any) -> str | None:
    """The qualifier a FunctionName, ResourceArn or integration target names: '' for the unqualified function,
    ``alias:<name>`` or ``version:<id>`` (``@<logical id>`` when the name is not literal), None when the
    branches disagree or the template does not tell."""
    found = {_one_qualifier(ctx, value) for value, _ in branches(node, ())}
    return found.pop() if len(found) == 1 else None


def _one_qualifier(ctx: Context, node: Any) -> str | None:
    if not isinstance(node, dict) or len(node) != 1:
        return None
    key, arg = next(iter(node.items()))
    if key == "Ref" and isinstance(arg, str):
        name, _, attribute = arg.partition(".")
        return _resource_qualifier(ctx, name, attribute)
    if key == "Fn::GetAtt":
        parts = arg if isinstance(arg, list) else str(arg).split(".", 1)
        base = parts[0] if parts and isinstance(parts[0], str) else None
        attribute = parts[1] if len(parts) > 1 and isinstance(parts[1], str) else ""
        return _resource_qualifier(ctx, base, attribute)
    text: Any = None
    if key == "Fn::Sub":
        text = arg[0] if isinstance(arg, list) and arg else arg
    elif key == "Fn::Join" and isinstance(arg, list) and len(arg) == 2 and isinstance(arg[1], list):
        text = _join_text(arg[0], arg[1])
    if not isinstance(text, str):
        return None
    for match in _SUB_QUALIFIED.finditer(text):
        name, attribute, suffix = match.group(1), match.group(2) or "", match.group(3)
        base = _resource_qualifier(ctx, name, attribute)
        if base is None:
            continue
        if suffix is None:
            return base
        return _literal_qualifier(suffix[1:]) if base == UNQUALIFIED else None
    return None


def _join_text(delimiter: Any, parts: list[Any]) -> str | None:
    """Fn::Join as Fn::Sub text: references become ${X.attr}, unknown parts ${?}."""
    if not isinstance(delimiter, str):
        return None
    texts = []
    for part in parts:
        if isinstance(part, str):
            texts.append(part)
            continue
        name = logical_id_of(part)
        attribute = ""
        if isinstance(part, dict) and "Fn::GetAtt" in part:
            arg = part["Fn::GetAtt"]
            if isinstance(arg, str):
                attribute = arg.partition(".")[2] or "Arn"
            else:
                attribute = arg[1] if isinstance(arg, list) and len(arg) > 1 and isinstance(arg[1], str) else "Arn"
        texts.append(f"${{{name}{'.' + attribute if attribute else ''}}}" if name else "${?}")
    return delimiter.join(texts)


def _literal_qualifier(token: str) -> str | None:
    if not token or "$" in token or "{" in token:
        return UNQUALIFIED if token == "$LATEST" else None
    return f"version:{token}" if token.isdigit() else f"alias:{token}"


def _resource_qualifier(ctx: Context, name: str | None, attribute: str) -> str | None:
    """The qualifier a reference to a template resource names (Ref or GetAtt of a function, alias, version)."""
    if name is None:
        return None
    resource = ctx.resolver.resources.get(name)
    kind = resource.get("Type") if isinstance(resource, dict) else None
    if kind in ("AWS::Lambda::Function", "AWS::Serverless::Function"):
        if attribute in ("", "Arn"):
            return UNQUALIFIED
        if kind == "AWS::Serverless::Function" and attribute == "Alias":
            return _sam_alias(ctx, name)
        return f"version:@{name}.Version" if attribute == "Version" else None
    if kind == "AWS::Lambda::Alias":
        alias = properties_of(resource).get("Name")
        return f"alias:{alias}" if isinstance(alias, str) else f"alias:@{name}"
    if kind == "AWS::Lambda::Version":
        return f"version:@{name}"
    function = ctx.resolver.sam_function_of(name) if kind is None else None
    if function is not None and name.startswith(f"{function}Alias"):
        return _sam_alias(ctx, function)
    if function is not None:
        return f"version:@{function}.Version"
    return None


def _sam_alias(ctx: Context, function: str) -> str:
    """``alias:<AutoPublishAlias>`` of a SAM function (its Globals merged), or the alias by reference."""
    alias = properties_of(ctx.resolver.resources.get(function)).get("AutoPublishAlias")
    return f"alias:{alias}" if isinstance(alias, str) else f"alias:@{function}.Alias"


def resources_named(ctx: Context, node: Any) -> list[str]:
    """The template resources a SourceArn (or any ARN) names: ``!GetAtt X.Arn``, ``!Ref X``, ``${X}`` in Fn::Sub,
    a reference among Fn::Join's parts, in every Fn::If branch."""
    found: list[str] = []
    for value, _ in branches(node, ()):
        named = ctx.target(value)
        if named is not None:
            found.append(named)
            continue
        if not isinstance(value, dict) or len(value) != 1:
            continue
        key, arg = next(iter(value.items()))
        if key == "Fn::Sub":
            text = arg[0] if isinstance(arg, list) and arg else arg
            if isinstance(text, str):
                found.extend(name for name in _SUB_REFERENCE.findall(text) if ctx.resolver.is_resource(name))
        elif key == "Fn::Join" and isinstance(arg, list) and len(arg) == 2 and isinstance(arg[1], list):
            found.extend(name for name in (ctx.target(part) for part in arg[1]) if name is not None)
    return list(dict.fromkeys(found))


def load_function(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> Function:
    properties = (*path, "Properties")
    function = Function(logical_id=logical_id, type="AWS::Lambda::Function", path=path)
    if "Role" in props:
        function.role_path = (*properties, "Role")
        function.role_id = ctx.target(props["Role"])
        function.role_values = ctx.resolver.strings(props["Role"], function.role_path)
    environment = props.get("Environment")
    for env, env_path in branches(environment, (*properties, "Environment")):
        variables = env.get("Variables") if isinstance(env, dict) else None
        for variables_value, variables_path in branches(variables, (*env_path, "Variables")):
            if isinstance(variables_value, dict):
                for name, node in variables_value.items():
                    if isinstance(name, str):
                        function.environment[name] = (node, (*variables_path, name))
                        values = ctx.resolver.strings(node, (*variables_path, name))
                        function.environment_values.setdefault(name, []).extend(values)
                        unknown = {value.path for value in values if value.text is None}
                        if unknown:
                            function.environment_subs[name] = [
                                (text, path)
                                for text, path in _sub_formats(node, (*variables_path, name))
                                if path in unknown
                            ]
    function.layers = ctx.resolver.string_list(props.get("Layers"), (*properties, "Layers"))
    if "Layers" in props:
        function.layers_path = (*properties, "Layers")
    if "PackageType" in props:
        function.package_type = ctx.resolver.strings(props["PackageType"], (*properties, "PackageType"))
    if "CodeSigningConfigArn" in props:
        function.code_signing_path = (*properties, "CodeSigningConfigArn")
    if "KmsKeyArn" in props:
        function.kms_key_path = (*properties, "KmsKeyArn")
    ctx.model.functions[logical_id] = function
    return function


def _sub_formats(node: Any, path: Path) -> list[tuple[str, Path]]:
    """The format strings of the Fn::Sub branches of a node, each with its path (one pass over the branches)."""
    result = []
    for branch, branch_path in branches(node, path):
        if isinstance(branch, dict) and len(branch) == 1 and "Fn::Sub" in branch:
            args = branch["Fn::Sub"]
            text = args[0] if isinstance(args, list) and args else args
            if isinstance(text, str):
                result.append((text, branch_path))
    return result


def caller_of(principals: list[Value]) -> str:
    """The kind of caller a grant admits: anyone (a '*' principal) or a named service or account."""
    if any(value.text == "*" and value.label in ("*", "AWS") for value in principals):
        return ANY
    if any(value.label == "Service" or (value.text or "").endswith(".amazonaws.com") for value in principals):
        return SERVICE
    return ACCOUNT


def load_permission(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    properties = (*path, "Properties")
    url_auth = props.get("FunctionUrlAuthType")
    via_url = props.get("InvokedViaFunctionUrl")
    principal = ctx.resolver.strings(props.get("Principal"), (*properties, "Principal"), label="*")
    tests = [permission_tests(props, properties, ctx.resolver)]
    narrowed, loose = narrowing(tests, caller_of(principal))
    ctx.model.invocations.append(
        Invocation(
            kind="permission",
            resource=logical_id,
            path=path,
            function=function_target(ctx, props.get("FunctionName")),
            principal=principal,
            principal_path=(*properties, "Principal") if "Principal" in props else None,
            action=ctx.resolver.strings(props.get("Action"), (*properties, "Action")),
            narrowing=narrowed,
            loose=loose,
            source_arns=source_arns(tests),
            url_auth_type=(
                ctx.resolver.strings(url_auth, (*properties, "FunctionUrlAuthType")) if url_auth is not None else []
            ),
            via_function_url=via_url is True or (isinstance(via_url, str) and via_url.lower() == "true"),
            source=props,
            qualifier=qualifier_of(ctx, props.get("FunctionName")),
            function_path=(*properties, "FunctionName") if "FunctionName" in props else None,
            source_resources=resources_named(ctx, props.get("SourceArn")),
        )
    )


def load_resource_policy(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    properties = (*path, "Properties")
    function = function_target(ctx, props.get("ResourceArn"))
    qualifier = qualifier_of(ctx, props.get("ResourceArn"))
    policy = ResourcePolicy(
        logical_id=logical_id,
        path=path,
        target=function,
        function=function,
        target_path=(*properties, "ResourceArn") if "ResourceArn" in props else None,
    )
    ctx.model.resource_policies.append(policy)
    policy.documents = ctx.documents(
        props.get("PolicyDocument"),
        (*properties, "PolicyDocument"),
        kind=RESOURCE,
        resource=logical_id,
        name=f"resource policy '{logical_id}'",
        attached_to=[function] if function else [],
        checked_by_cfn_lint=False,
    )
    for document in policy.documents:
        for statement in document.statements:
            if not statement.allows:
                continue
            principal_key = "Principal" if "Principal" in statement.values else "NotPrincipal"
            principal = statement.values.get(principal_key, [])
            narrowed, loose = narrowing(statement.tests, caller_of(principal))
            ctx.model.invocations.append(
                Invocation(
                    kind="resource-policy",
                    resource=logical_id,
                    path=statement.path,
                    function=function,
                    principal=principal,
                    principal_path=statement.key_paths.get(principal_key),
                    action=statement.values.get("Action", []),
                    narrowing=narrowed,
                    loose=loose,
                    source_arns=source_arns(statement.tests),
                    statement=statement,
                    qualifier=qualifier,
                    function_path=(*properties, "ResourceArn") if "ResourceArn" in props else None,
                )
            )


def load_url(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    properties = (*path, "Properties")
    url = FunctionUrl(
        resource=logical_id,
        path=path,
        function=function_target(ctx, props.get("TargetFunctionArn")),
        auth_type=ctx.resolver.strings(props.get("AuthType"), (*properties, "AuthType")),
        auth_path=(*properties, "AuthType") if "AuthType" in props else None,
        qualifier=_url_qualifier(ctx, props),
    )
    read_cors(ctx, url, props.get("Cors"), (*properties, "Cors"))
    ctx.model.urls.append(url)


def _url_qualifier(ctx: Context, props: dict[str, Any]) -> str | None:
    """The alias an AWS::Lambda::Url is on: its Qualifier (an alias name, or a Ref to an AWS::Lambda::Alias), else
    what TargetFunctionArn names (an alias ARN, or the unqualified function)."""
    if "Qualifier" not in props:
        return qualifier_of(ctx, props.get("TargetFunctionArn"))
    qualifier = props["Qualifier"]
    if isinstance(qualifier, str):
        return _literal_qualifier(qualifier)
    return qualifier_of(ctx, qualifier)


_CORS_KEYS = ("AllowOrigins", "AllowMethods", "AllowCredentials")


def read_cors(ctx: Context, url: FunctionUrl, node: Any, path: Path) -> None:
    """A function URL's Cors (AWS::Lambda::Url and SAM FunctionUrlConfig share its shape)."""
    for cors, cors_path in branches(node, path):
        if not isinstance(cors, dict):
            continue
        for key in _CORS_KEYS:
            if key in cors:
                url.cors.setdefault(key, []).extend(ctx.resolver.string_list(cors[key], (*cors_path, key)))
                url.cors_paths.setdefault(key, (*cors_path, key))


def layer_loader(layer_type: str) -> Loader:
    """AWS::Lambda::LayerVersion and AWS::Serverless::LayerVersion: a layer others may be granted."""

    def load(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
        del props
        ctx.model.layers[logical_id] = Layer(logical_id=logical_id, type=layer_type, path=path)

    return load


def load_layer_permission(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    properties = (*path, "Properties")
    ctx.model.layer_permissions.append(
        LayerPermission(
            logical_id=logical_id,
            path=path,
            layer=ctx.target(props.get("LayerVersionArn")),
            principal=ctx.resolver.strings(props.get("Principal"), (*properties, "Principal"), label="*"),
            principal_path=(*properties, "Principal") if "Principal" in props else None,
            organization_path=(*properties, "OrganizationId") if "OrganizationId" in props else None,
            organization=ctx.resolver.strings(props["OrganizationId"], (*properties, "OrganizationId"))
            if "OrganizationId" in props
            else [],
        )
    )


def load_event_source_mapping(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    properties = (*path, "Properties")
    ctx.model.event_source_mappings.append(
        EventSourceMapping(
            resource=logical_id,
            path=path,
            function=function_target(ctx, props.get("FunctionName")),
            access=source_access(ctx, props, properties),
        )
    )


def source_access(ctx: Context, props: dict[str, Any], properties: Path) -> list[SourceAccess]:
    """The SourceAccessConfigurations of an event source mapping or a SAM pull event."""
    result = []
    key = "SourceAccessConfigurations"
    for item, item_path in items(props.get(key), (*properties, key)):
        if not isinstance(item, dict):
            continue
        uri_path = (*item_path, "URI") if "URI" in item else None
        result.append(
            SourceAccess(
                path=item_path,
                type=ctx.resolver.strings(item.get("Type"), (*item_path, "Type")),
                uri=ctx.resolver.strings(item["URI"], (*item_path, "URI")) if "URI" in item else [],
                uri_path=uri_path,
            )
        )
    return result


def load_code_signing_config(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    properties = (*path, "Properties")
    policy: list[Value] = []
    policy_path: Path | None = None
    for policies, policies_path in branches(props.get("CodeSigningPolicies"), (*properties, "CodeSigningPolicies")):
        if isinstance(policies, dict) and "UntrustedArtifactOnDeployment" in policies:
            policy_path = (*policies_path, "UntrustedArtifactOnDeployment")
            policy.extend(ctx.resolver.strings(policies["UntrustedArtifactOnDeployment"], policy_path))
    ctx.model.code_signing_configs[logical_id] = CodeSigningConfig(logical_id, path, policy, policy_path)


def _load_qualifier(type_name: str) -> Loader:
    def load(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
        del path
        ctx.model.qualifiers[logical_id] = Alias(
            logical_id=logical_id, type=type_name, function=function_target(ctx, props.get("FunctionName"))
        )

    return load


def resolve_qualifiers(ctx: Context) -> None:
    """Grants, URLs and mappings on an alias or version apply to its function."""

    def unqualified(name: str | None) -> str | None:
        seen = 0
        while name is not None and name in ctx.model.qualifiers and seen < 4:
            name = ctx.model.qualifiers[name].function
            seen += 1
        return name

    for invocation in ctx.model.invocations:
        invocation.target = invocation.function
        invocation.function = unqualified(invocation.function)
    for policy in ctx.model.resource_policies:
        policy.function = unqualified(policy.target)
    for url in ctx.model.urls:
        url.function = unqualified(url.function)
    for mapping in ctx.model.event_source_mappings:
        mapping.function = unqualified(mapping.function)
    for auth in ctx.model.api_auth:
        auth.function = unqualified(auth.function)
    for caller in ctx.model.callers:
        caller.function = unqualified(caller.function)
    for document in ctx.model.documents:
        if document.kind == RESOURCE:
            document.attached_to = [unqualified(name) or name for name in document.attached_to]


def _load_function(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    load_function(ctx, logical_id, props, path)


LOADERS: dict[str, Loader] = {
    "AWS::Lambda::Function": _load_function,
    "AWS::Lambda::Permission": load_permission,
    "AWS::Lambda::ResourcePolicy": load_resource_policy,
    "AWS::Lambda::Url": load_url,
    "AWS::Lambda::LayerVersion": layer_loader("AWS::Lambda::LayerVersion"),
    "AWS::Lambda::LayerVersionPermission": load_layer_permission,
    "AWS::Lambda::EventSourceMapping": load_event_source_mapping,
    "AWS::Lambda::CodeSigningConfig": load_code_signing_config,
    "AWS::Lambda::Alias": _load_qualifier("AWS::Lambda::Alias"),
    "AWS::Lambda::Version": _load_qualifier("AWS::Lambda::Version"),
}
