"""OpenAPI and Swagger definitions written in a template: their operations, and how API Gateway authorizes each.

Read as API Gateway applies an imported definition: an operation's ``security`` (or its
``x-amazon-apigateway-auth``) replaces the definition's root ``security``; a security scheme that is API
Gateway's API key (``type: apiKey`` with no ``x-amazon-apigateway-authtype``/``-authorizer``) identifies a
client without authenticating it; the scheme name ``NONE`` (SAM's marker for ``Authorizer: NONE``) and an
empty list authenticate nobody; a root ``x-amazon-apigateway-policy`` with statements is the API's resource
policy. Every ``Fn::If`` branch (of the whole body, of ``paths``, of a path item, of an operation) is a
candidate, ``AWS::NoValue`` branches are absent. A definition given by ``DefinitionUri``/``BodyS3Location``
is outside the template and not read.

SAM rewrites a ``DefinitionBody`` before API Gateway sees it (``SamAuth``): the API's ``Auth.DefaultAuthorizer``
is put on every operation that names no authorizer of its own (REST: every method, the CORS preflight unless
``AddDefaultAuthorizerToCorsPreflight: false``; HTTP: operations with an integration and no ``security``),
and ``Auth.ApiKeyRequired`` on every REST method without ``api_key_false`` (aws-sam-translator
``swagger/swagger.py`` and ``open_api/open_api.py``, ``set_path_default_authorizer``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lint_rules.model._values import LITERAL, Path, Value, branches, is_intrinsic, items

OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "x-amazon-apigateway-any-method")
POLICY = "x-amazon-apigateway-policy"
_AUTH = "x-amazon-apigateway-auth"
_INTEGRATION = "x-amazon-apigateway-integration"
_NONE = "NONE"


@dataclass(frozen=True)
class Operation:
    """One operation of one candidate definition: ``route`` and ``method`` as written (method lower case)."""

    route: str
    method: str
    node: dict[str, Any]
    path: Path
    document: dict[str, Any]
    document_path: Path

    @property
    def integration_uri(self) -> Any:
        integration = self.node.get(_INTEGRATION)
        return integration.get("uri") if isinstance(integration, dict) else None


@dataclass
class Security:
    """How an operation authorizes callers: the authorization candidates (``NONE`` for none), where written,
    whether it says NONE itself, and where an API key requirement is written."""

    authorization: list[Value]
    path: Path | None
    explicit: bool = False
    api_key: Path | None = None


@dataclass
class SamAuth:
    """What SAM adds to a DefinitionBody from the API's ``Auth`` (see the module docstring)."""

    rest: bool
    default: list[Value] = field(default_factory=list)
    default_path: Path | None = None
    authorizers: set[str] = field(default_factory=set)
    preflight: bool = True
    api_key: Path | None = None


def operations(body: Any, body_path: Path) -> Iterator[Operation]:
    """Every operation of every candidate definition, through Fn::If at each level."""
    for document, document_path in branches(body, body_path):
        if not isinstance(document, dict):
            continue
        for paths, paths_path in branches(document.get("paths"), (*document_path, "paths")):
            for route, item in paths.items() if isinstance(paths, dict) else ():
                for path_item, item_path in branches(item, (*paths_path, route)):
                    for method, node in path_item.items() if isinstance(path_item, dict) else ():
                        if not isinstance(method, str) or method.lower() not in OPERATIONS:
                            continue
                        for operation, operation_path in branches(node, (*item_path, method)):
                            if isinstance(operation, dict):
                                yield Operation(
                                    str(route), method.lower(), operation, operation_path, document, document_path
                                )


def _schemes(document: dict[str, Any]) -> dict[str, Any]:
    schemes = document.get("securityDefinitions")
    components = document.get("components")
    if not isinstance(schemes, dict) and isinstance(components, dict):
        schemes = components.get("securitySchemes")
    return schemes if isinstance(schemes, dict) else {}


def _api_key_schemes(document: dict[str, Any]) -> set[str]:
    """The security schemes that are API Gateway's API key (not an authorizer)."""
    return {
        str(name)
        for name, scheme in _schemes(document).items()
        if isinstance(scheme, dict)
        and scheme.get("type") == "apiKey"
        and "x-amazon-apigateway-authtype" not in scheme
        and "x-amazon-apigateway-authorizer" not in scheme
    }


def _requirement_names(security: Any, path: Path) -> list[list[tuple[str, Path]]]:
    """The scheme names of each candidate ``security`` list (Fn::If branches apart), with where each is."""
    candidates = []
    for value, value_path in branches(security, path):
        if not isinstance(value, list):
            continue
        names: list[tuple[str, Path]] = []
        for index, requirement in enumerate(value):
            for item, item_path in branches(requirement, (*value_path, index)):
                names.extend((str(name), item_path) for name in (item if isinstance(item, dict) else {}))
        candidates.append(names)
    return candidates


def _sam_security(names: list[str], sam: SamAuth, operation: Operation) -> list[str] | None:
    """The scheme names SAM leaves on the operation (None: SAM does not change it)."""
    if not sam.default or (operation.method == "options" and not sam.preflight):
        return None
    if sam.rest:
        if _NONE in names or set(names) & sam.authorizers:
            return None
    elif names or operation.integration_uri is None:
        return None
    return [*names, *(value.text or "?" for value in sam.default)]


def security_of(operation: Operation, sam: SamAuth | None = None) -> Security:
    """The operation's effective authorization as API Gateway applies the definition (after SAM's rewrite)."""
    node, document = operation.node, operation.document
    keys = _api_key_schemes(document)
    written: Any = None
    where: Path | None = None
    if "security" in node:
        written, where = node["security"], (*operation.path, "security")
    elif isinstance(node.get(_AUTH), dict):
        auth_type = node[_AUTH].get("type")
        auth_path = (*operation.path, _AUTH, "type")
        text = auth_type.upper() if isinstance(auth_type, str) else None
        if text == "AWS_IAM" or text is None:
            return Security([Value(LITERAL, text, auth_path)], auth_path)
        return Security([Value(LITERAL, _NONE, auth_path)], auth_path, explicit=True)
    elif "security" in document:
        written, where = document["security"], (*operation.document_path, "security")
    candidates = _requirement_names(written, where) if where is not None else [[]]
    authorization: list[Value] = []
    explicit = False
    api_key: Path | None = None
    for names in candidates or [[]]:
        texts = [name for name, _ in names]
        from_sam = _sam_security(texts, sam, operation) if sam is not None else None
        if from_sam is not None and sam is not None and sam.default_path is not None:
            authorization.extend(value for value in sam.default if value.text not in keys)
            continue
        if sam is not None and sam.rest and _NONE in texts:
            texts = [text for text in texts if text != _NONE]  # SAM's marker, removed once read
            explicit = True
        elif _NONE in texts:
            explicit = True
        if not names and where is not None and where[-1] == "security" and "security" in node:
            explicit = True  # the operation's own empty list: it turns the definition's security off
        real = [(name, at) for name, at in names if name in texts and name not in keys and name != _NONE]
        if set(texts) & keys:
            api_key = where
        authorization.extend(Value(LITERAL, name, at) for name, at in real)
        if not real:
            authorization.append(Value(LITERAL, _NONE, names[0][1] if names else where or operation.path))
    if sam is not None and sam.api_key is not None and api_key is None:
        names_all = {name for names in candidates for name, _ in names}
        if "api_key_false" not in names_all:
            api_key = sam.api_key
    return Security(authorization, where, explicit=explicit, api_key=api_key)


def policy_of(document: dict[str, Any], document_path: Path) -> Path | None:
    """Where a definition's resource policy (``x-amazon-apigateway-policy``) limits who can call the API."""
    for policy, policy_path in branches(document.get(POLICY), (*document_path, POLICY)):
        if restricts(policy):
            return policy_path
    return None


def restricts(policy: Any) -> bool:
    """Whether a REST API resource policy limits its callers: it has a statement, and does not allow everyone
    (``Principal: '*'`` or ``AWS: '*'``, no Condition) while denying only a few, as SAM's deny lists
    (``AwsAccountBlacklist``, ``IpRangeBlacklist``, ``SourceVpcBlacklist``) write it; a Deny of everyone
    outside a list (SAM's allow lists: a negated condition) restricts. A policy that is not written in the
    template (a Ref, a parameter) is taken to restrict."""
    found = False
    for candidate, _ in branches(policy, ()):
        document = candidate
        if isinstance(candidate, str):
            try:
                document = json.loads(candidate)
            except ValueError:
                document = None
        if not isinstance(document, dict) or is_intrinsic(document):
            found = found or bool(candidate)  # not readable here: taken to restrict
            continue
        if set(document) <= {"Version", "Id"}:
            continue
        found = True
        statements = [statement for statement, _ in items(document.get("Statement"), ()) if isinstance(statement, dict)]
        if any(_everyone(s, "Allow") for s in statements) and not any(_denies_the_rest(s) for s in statements):
            return False
    return found


def _denies_the_rest(statement: dict[str, Any]) -> bool:
    """A Deny of everyone, or of everyone outside a list (a negated condition: ``NotIpAddress``,
    ``StringNotEquals`` ``aws:SourceVpc``), as SAM writes its allow lists."""
    condition = statement.get("Condition")
    if statement.get("Effect") != "Deny" or not _principal_is_everyone(statement):
        return False
    if condition is None:
        return True
    return isinstance(condition, dict) and any(isinstance(key, str) and "Not" in key for key in condition)


def _everyone(statement: dict[str, Any], effect: str) -> bool:
    return statement.get("Effect") == effect and "Condition" not in statement and _principal_is_everyone(statement)


def _principal_is_everyone(statement: dict[str, Any]) -> bool:
    for principal, _ in branches(statement.get("Principal"), ()):
        if principal == "*":
            return True
        aws = principal.get("AWS") if isinstance(principal, dict) else None
        if any(value == "*" for value, _ in items(aws, ())):
            return True
    return False
