"""What WA1012 and IA1013 share: the API routes that let anyone invoke a function, and how to say so."""

from __future__ import annotations

from typing import Any

from lint_rules._findings import configured_accounts, warn_unknown_options
from lint_rules.model import AccessModel, ApiAuth, Path, names_resource

PUBLIC_BY_DESIGN = "public_by_design"
_WEBSOCKET = "AWS::Serverless::WebSocketApi"
_IMPLICIT = {"ServerlessRestApi": "SAM's implicit REST API", "ServerlessHttpApi": "SAM's implicit HTTP API"}


def add_public_option(rule: Any) -> None:
    rule.config_definition = {PUBLIC_BY_DESIGN: {"default": [], "type": "list", "itemtype": "string"}}
    warn_unknown_options(rule)
    rule.configure()


def open_routes(model: AccessModel, rule: Any) -> list[ApiAuth]:
    """Routes that integrate a function of the template with no authentication, no resource policy or private
    endpoint limiting who reaches them, and not declared public by design (the API, function or route, by
    logical id or AWS CDK construct path, a trailing ``/*`` naming everything inside a construct; no rule: none
    is)."""
    public = configured_accounts(rule.config.get(PUBLIC_BY_DESIGN, [])) if rule is not None else set()
    constructs = model.constructs
    return [
        route
        for route in model.api_auth
        if route.function is not None
        and route.type != _WEBSOCKET
        and route.opaque is None
        and route.restricted is None
        and not route.preflight
        and route.unauthenticated
        and not any(names_resource(public, name, constructs) for name in (route.api, route.function, route.resource))
    ]


def catch_all(route: ApiAuth) -> bool:
    """An ANY route on the API's root, ``{proxy+}`` or ``$default``: a whole web application behind the API
    (Lambda Web Adapter, Flask, ASP.NET Core), which routes and authenticates requests itself."""
    if route.method_names() != {"ANY"}:
        return False
    path = (route.route or "$default").split(" ")[-1]
    return path in ("$default", "/", "/$default") or path.endswith("{proxy+}")


def where(route: ApiAuth) -> Path:
    """The narrowest key: the NONE written on the route, else its method, else the route itself."""
    if route.explicit:
        return next(value.path for value in route.authorization if (value.text or "").upper() == "NONE")
    return route.method_path or route.path


def message(route: ApiAuth, api_key_only: bool = False, whole_app: bool = False) -> str:
    """`<subject> lets anyone invoke '<function>' with <method> <route> on <api> (<evidence>); <fix>`."""
    methods = "/".join(sorted(route.method_names()))
    on = f" '{route.route}'" if route.route and route.route != "$default" else ""
    api = f"API '{route.api}'" if route.api else "an API outside this template"
    if "Events" in route.path:
        api = _IMPLICIT.get(route.api or "", api)
    evidence = _evidence(route) + (", only an API key" if api_key_only else "") + (", catch-all" if whole_app else "")
    if "Events" in route.path:
        subject, fix = f"Event '{route.path[-1]}'", "add an authorizer to the event or its API"
        if route.explicit:
            fix = "remove it or list the API in public_by_design"
    elif route.type == "AWS::ApiGateway::Method":
        subject, fix = f"Method '{route.resource}'", "use AWS_IAM, COGNITO_USER_POOLS or CUSTOM"
    elif route.type == "AWS::ApiGatewayV2::Route":
        subject, fix = f"Route '{route.resource}'", "use AWS_IAM, JWT or CUSTOM"
        methods, on = "", f" '{route.route}'" if route.route else ""
    elif "paths" in route.path:
        subject, fix = f"Operation {methods}{on} of {api}", "add a security requirement"
        if route.type.startswith("AWS::Serverless::"):
            fix += " or the API's Auth.DefaultAuthorizer"
        return f"{subject} lets anyone invoke '{route.function}' ({evidence}); {fix}"
    else:
        subject, fix = f"HTTP API '{route.resource}'", "define routes with an authorizer instead of Target"
        return f"{subject} lets anyone invoke '{route.function}' with any request ({evidence}); {fix}"
    how = f"{methods}{on}".strip()
    return f"{subject} lets anyone invoke '{route.function}' with {how} on {api} ({evidence}); {fix}"


def _evidence(route: ApiAuth) -> str:
    if "Events" in route.path:
        return "Authorizer 'NONE'" if route.explicit else "no authorizer"
    if route.type == "AWS::ApiGatewayV2::Api" and "paths" not in route.path:
        return "quick create, no authorization"
    if "paths" in route.path:
        if route.api_key is not None and not route.explicit:
            return "no authorizer"
        if not route.explicit:
            return "no security requirement"
        written = where(route)
        if written and written[-1] == "security":
            return "an empty security list"
        if tuple(written[-2:]) == ("x-amazon-apigateway-auth", "type"):
            return "x-amazon-apigateway-auth type 'NONE'"
        return "security 'NONE'"
    return "AuthorizationType 'NONE'" if route.authorization_path is not None else "no AuthorizationType"
