"""Loaders for AWS::Lambda::* resources and API Gateway methods that integrate a function."""

from __future__ import annotations

import re
from typing import Any

from lint_rules.model._conditions import ACCOUNT, ANY, SERVICE, narrowing, permission_tests, source_arns
from lint_rules.model._context import Context, Loader
from lint_rules.model._documents import RESOURCE
from lint_rules.model._entities import (
    Alias,
    ApiAuth,
    CodeSigningConfig,
    EventSourceMapping,
    Function,
    FunctionUrl,
    Invocation,
    Layer,
    LayerPermission,
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
        )
    )


def load_resource_policy(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    properties = (*path, "Properties")
    function = function_target(ctx, props.get("ResourceArn"))
    documents = ctx.documents(
        props.get("PolicyDocument"),
        (*properties, "PolicyDocument"),
        kind=RESOURCE,
        resource=logical_id,
        name=f"resource policy '{logical_id}'",
        attached_to=[function] if function else [],
        checked_by_cfn_lint=False,
    )
    for document in documents:
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
    )
    read_cors(ctx, url, props.get("Cors"), (*properties, "Cors"))
    ctx.model.urls.append(url)


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


def load_api_method(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    properties = (*path, "Properties")
    integration = props.get("Integration")
    function = None
    for value, _ in branches(integration, ()):
        if isinstance(value, dict):
            function = function_target(ctx, value.get("Uri"))
    ctx.model.api_auth.append(
        ApiAuth(
            resource=logical_id,
            type="AWS::ApiGateway::Method",
            path=path,
            authorization=ctx.resolver.strings(
                props.get("AuthorizationType", "NONE"), (*properties, "AuthorizationType")
            ),
            authorization_path=(*properties, "AuthorizationType") if "AuthorizationType" in props else None,
            function=function,
        )
    )


def resolve_qualifiers(ctx: Context) -> None:
    """Grants, URLs and mappings on an alias or version apply to its function."""

    def unqualified(name: str | None) -> str | None:
        seen = 0
        while name is not None and name in ctx.model.qualifiers and seen < 4:
            name = ctx.model.qualifiers[name].function
            seen += 1
        return name

    for invocation in ctx.model.invocations:
        invocation.function = unqualified(invocation.function)
    for url in ctx.model.urls:
        url.function = unqualified(url.function)
    for mapping in ctx.model.event_source_mappings:
        mapping.function = unqualified(mapping.function)
    for auth in ctx.model.api_auth:
        auth.function = unqualified(auth.function)
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
    "AWS::ApiGateway::Method": load_api_method,
}
