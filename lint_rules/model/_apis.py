"""API Gateway routes that integrate a function, and how each authorizes its callers (CloudFormation resources).

``AWS::ApiGateway::Method`` (REST APIs), ``AWS::ApiGatewayV2::Route`` with the ``AWS::ApiGatewayV2::Integration``
its ``Target`` names (HTTP APIs; WebSocket APIs authorize only ``$connect`` and are left out), and a quick-create
HTTP API (``AWS::ApiGatewayV2::Api`` with ``Target``, whose generated ``$default`` route has no authorization).
Each integration is also a ``Caller`` of its function, on the API a permission's ``SourceArn`` names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lint_rules.model._context import Context, Loader, properties_of
from lint_rules.model._entities import ApiAuth, Caller
from lint_rules.model._lambda import function_target, qualifier_of
from lint_rules.model._openapi import Operation, SamAuth, operations, policy_of, restricts, security_of
from lint_rules.model._values import LITERAL, Path, Value, branches, items, logical_id_of

_INTEGRATION_TARGET = re.compile(r"integrations/\$\{([A-Za-z0-9]+)\}")


def _is_none(value: Value) -> bool:
    return value.text is not None and value.text.upper() == "NONE"


def _truthy(node: Any) -> bool:
    return node is True or (isinstance(node, str) and node.lower() == "true")


def _rest_api_restriction(ctx: Context, api: str | None) -> Path | None:
    """Where a REST API of the template limits its callers: a resource policy, or a PRIVATE endpoint."""
    props = properties_of(ctx.resolver.resources.get(api)) if api else {}
    path: Path = ("Resources", api or "", "Properties")
    if props.get("Policy") and restricts(props["Policy"]):
        return (*path, "Policy")
    body = body_policy(props.get("Body"), (*path, "Body"))
    if body is not None:
        return body
    for config, config_path in branches(props.get("EndpointConfiguration"), (*path, "EndpointConfiguration")):
        types = config.get("Types") if isinstance(config, dict) else None
        for value, value_path in items(types, (*config_path, "Types")):
            if isinstance(value, str) and value.upper() == "PRIVATE":
                return value_path
    return None


def body_policy(body: Any, body_path: Path) -> Path | None:
    """Where an OpenAPI definition of a REST API writes a resource policy (``x-amazon-apigateway-policy``)."""
    for document, document_path in branches(body, body_path):
        found = policy_of(document, document_path) if isinstance(document, dict) else None
        if found is not None:
            return found
    return None


def _written_auth(ctx: Context, props: dict[str, Any], path: Path) -> dict[str, Any]:
    """The AuthorizationType a Method or Route writes: its values, where, and whether it says NONE."""
    key: Path = (*path, "Properties", "AuthorizationType")
    written = "AuthorizationType" in props
    authorization = ctx.resolver.strings(props["AuthorizationType"], key) if written else []
    return {
        "authorization": authorization,
        "authorization_path": key if written else None,
        "explicit": any(_is_none(value) for value in authorization),
    }


def load_api_method(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    properties = (*path, "Properties")
    function = uri = uri_path = None
    for value, value_path in branches(props.get("Integration"), (*properties, "Integration")):
        if isinstance(value, dict) and "Uri" in value:
            found = function_target(ctx, value["Uri"])
            if found is not None:
                function, uri, uri_path = found, value["Uri"], (*value_path, "Uri")
    if function is None or uri_path is None:
        return
    api = ctx.target(props.get("RestApiId"))
    ctx.model.api_auth.append(
        ApiAuth(
            **_written_auth(ctx, props, path),
            resource=logical_id,
            type="AWS::ApiGateway::Method",
            path=path,
            function=function,
            api=api,
            methods=ctx.resolver.strings(props.get("HttpMethod"), (*properties, "HttpMethod")),
            method_path=(*properties, "HttpMethod") if "HttpMethod" in props else None,
            api_key=(*properties, "ApiKeyRequired") if _truthy(props.get("ApiKeyRequired")) else None,
            restricted=_rest_api_restriction(ctx, api),
        )
    )
    if api is not None:
        ctx.model.callers.append(Caller(api, "apigateway", function, qualifier_of(ctx, uri), uri_path))


def _integration_of(ctx: Context, node: Any) -> str | None:
    """The AWS::ApiGatewayV2::Integration a route's Target names: ``integrations/${X}`` or a Join with a Ref."""
    for value, _ in branches(node, ()):
        if not isinstance(value, dict) or len(value) != 1:
            continue
        key, arg = next(iter(value.items()))
        names: list[str | None] = []
        if key == "Fn::Sub":
            text = arg[0] if isinstance(arg, list) and arg else arg
            names = list(_INTEGRATION_TARGET.findall(text)) if isinstance(text, str) else []
        elif key == "Fn::Join" and isinstance(arg, list) and len(arg) == 2 and isinstance(arg[1], list):
            names = [logical_id_of(part) for part in arg[1]]
        for name in names:
            resource = ctx.resolver.resources.get(name) if name else None
            if isinstance(resource, dict) and resource.get("Type") == "AWS::ApiGatewayV2::Integration":
                return name
    return None


def _http_api(ctx: Context, api: str | None, route_key: list[Value]) -> bool:
    """Whether a route belongs to an HTTP API: the API's ProtocolType, else a route key 'METHOD /path'."""
    protocol = properties_of(ctx.resolver.resources.get(api)).get("ProtocolType") if api else None
    if isinstance(protocol, str):
        return protocol.upper() == "HTTP"
    return any(value.text is not None and " " in value.text for value in route_key)


def _route_methods(route_key: list[Value]) -> list[Value]:
    """The method of each route key candidate ('POST /items' -> POST; '$default' -> ANY)."""
    methods = []
    for value in route_key:
        if value.text is None:
            methods.append(value)
        else:
            head = value.text.split(" ", 1)[0] if " " in value.text else "ANY"
            methods.append(Value(value.kind, head, value.path, value.parameter))
    return methods


def load_v2_route(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    properties = (*path, "Properties")
    api = ctx.target(props.get("ApiId"))
    route_key = ctx.resolver.strings(props.get("RouteKey"), (*properties, "RouteKey"))
    integration = _integration_of(ctx, props.get("Target"))
    if integration is None or not _http_api(ctx, api, route_key):
        return
    function = function_target(ctx, properties_of(ctx.resolver.resources.get(integration)).get("IntegrationUri"))
    if function is None:
        return
    ctx.model.api_auth.append(
        ApiAuth(
            **_written_auth(ctx, props, path),
            resource=logical_id,
            type="AWS::ApiGatewayV2::Route",
            path=path,
            function=function,
            api=api,
            methods=_route_methods(route_key),
            method_path=(*properties, "RouteKey") if "RouteKey" in props else None,
            route=route_key[0].text if len(route_key) == 1 else None,
        )
    )


def load_v2_integration(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    del logical_id
    uri = props.get("IntegrationUri")
    function = function_target(ctx, uri)
    api = ctx.target(props.get("ApiId"))
    if function is not None and api is not None:
        uri_path = (*path, "Properties", "IntegrationUri")
        ctx.model.callers.append(Caller(api, "apigateway", function, qualifier_of(ctx, uri), uri_path))


def load_v2_api(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    """A quick-create HTTP API: ``Target`` makes a ``$default`` route with no authorization."""
    protocol = props.get("ProtocolType")
    if "Target" not in props or not isinstance(protocol, str) or protocol.upper() != "HTTP":
        return
    target_path = (*path, "Properties", "Target")
    function = function_target(ctx, props["Target"])
    if function is None:
        return
    ctx.model.api_auth.append(
        ApiAuth(
            resource=logical_id,
            type="AWS::ApiGatewayV2::Api",
            path=path,
            authorization=[],
            authorization_path=None,
            function=function,
            api=logical_id,
            methods=[Value(LITERAL, "ANY", target_path)],
            method_path=target_path,
            route="$default",
        )
    )
    ctx.model.callers.append(
        Caller(logical_id, "apigateway", function, qualifier_of(ctx, props["Target"]), target_path)
    )


def load_definition(
    ctx: Context,
    api: str,
    api_type: str,
    body: Any,
    body_path: Path,
    restricted: Path | None,
    sam: SamAuth | None = None,
    skip: Callable[[Operation], bool] | None = None,
) -> None:
    """The routes of an OpenAPI definition written in the template that integrate a function, authorized as
    API Gateway applies the definition (lint_rules.model._openapi); ``sam``: what SAM adds from the API's Auth;
    ``skip``: operations another route stands for (a SAM event merged onto them)."""
    for operation in operations(body, body_path):
        uri = operation.integration_uri
        function = function_target(ctx, uri)
        if function is None or (skip is not None and skip(operation)):
            continue
        uri_path = (*operation.path, "x-amazon-apigateway-integration", "uri")
        ctx.model.callers.append(Caller(api, "apigateway", function, qualifier_of(ctx, uri), uri_path))
        security = security_of(operation, sam)
        ctx.model.api_auth.append(
            ApiAuth(
                resource=api,
                type=api_type,
                path=operation.path,
                authorization=security.authorization,
                authorization_path=security.path,
                function=function,
                api=api,
                explicit=security.explicit,
                methods=[Value(LITERAL, operation.method, operation.path)],
                method_path=operation.path,
                route=operation.route,
                api_key=security.api_key,
                restricted=restricted,
            )
        )


def load_rest_api(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    body_path = (*path, "Properties", "Body")
    restricted = _rest_api_restriction(ctx, logical_id)
    load_definition(ctx, logical_id, "AWS::ApiGateway::RestApi", props.get("Body"), body_path, restricted)


def load_v2_api_and_definition(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    load_v2_api(ctx, logical_id, props, path)
    body_path = (*path, "Properties", "Body")
    load_definition(ctx, logical_id, "AWS::ApiGatewayV2::Api", props.get("Body"), body_path, None)


LOADERS: dict[str, Loader] = {
    "AWS::ApiGateway::RestApi": load_rest_api,
    "AWS::ApiGateway::Method": load_api_method,
    "AWS::ApiGatewayV2::Route": load_v2_route,
    "AWS::ApiGatewayV2::Integration": load_v2_integration,
    "AWS::ApiGatewayV2::Api": load_v2_api_and_definition,
}
