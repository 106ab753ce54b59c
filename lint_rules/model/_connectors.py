"""SAM connectors as the grants aws-sam-translator generates for them.

A connector (``AWS::Serverless::Connector``, or a resource's ``Connectors`` attribute, whose source is
that resource) names a source, one or more destinations and ``Read``/``Write``. SAM looks the pair of
resource types up in its connector profiles (``lint_rules/data/sam_connectors.json``, refreshed from
aws-sam-translator) and generates either a managed policy on the source's (or destination's) role or
an invoke permission on a destination function. Queue and topic policies a connector generates are
not about Lambda access and are not modelled.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources as package_files
from typing import Any

from lint_rules.model._context import Context
from lint_rules.model._documents import IDENTITY, SAM_GENERATED, PolicyDocument, statement_from
from lint_rules.model._entities import Invocation
from lint_rules.model._values import Path

CONNECTOR = "AWS::Serverless::Connector"
_VARIABLE = re.compile(r"%\{([\w.]+)\}")


@functools.cache
def _data() -> dict[str, Any]:
    text = package_files.files("lint_rules.data").joinpath("sam_connectors.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@dataclass
class _Reference:
    """One end of a connector, as SAM resolves it (``ConnectorResourceReference``)."""

    type: str
    logical_id: str | None
    values: dict[str, Any]  # Arn, Name, ResourceId, Qualifier: nodes for the profile's %{...} variables
    role: str | None  # logical id of its role in the model, if any
    function: str | None  # the function in the model, for a Lambda end


def declared(logical_id: str, resource: Any) -> Iterator[tuple[str, dict[str, Any], Path]]:
    """The connectors a resource declares: itself if it is one, and its ``Connectors`` attribute.

    Each as (connector id, properties with ``Source``, path of the properties)."""
    if not isinstance(resource, dict):
        return
    if resource.get("Type") == CONNECTOR:
        props = resource.get("Properties")
        yield logical_id, props if isinstance(props, dict) else {}, ("Resources", logical_id, "Properties")
    embedded = resource.get("Connectors")
    if not isinstance(embedded, dict):
        return
    for name, connector in embedded.items():
        props = connector.get("Properties") if isinstance(connector, dict) else None
        if not isinstance(name, str) or not isinstance(props, dict):
            continue
        reference = props.get("SourceReference")
        source = {**(reference if isinstance(reference, dict) else {}), "Id": logical_id}
        yield (
            f"{logical_id}{name}",
            {**props, "Source": source},
            ("Resources", logical_id, "Connectors", name, "Properties"),
        )


def load_connector(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    permissions = props.get("Permissions")
    granted = {p for p in permissions if isinstance(p, str)} if isinstance(permissions, list) else set()
    source = _reference(ctx, props.get("Source"))
    destinations = props.get("Destination")
    targets = destinations if isinstance(destinations, list) else [destinations]
    for index, target in enumerate(targets):
        destination = _reference(ctx, target)
        if source is None or destination is None:
            continue
        profile = _data()["permissions"].get(source.type, {}).get(destination.type)
        if not isinstance(profile, dict):
            continue
        at = (*path, "Destination", index) if isinstance(destinations, list) else (*path, "Destination")
        _generate(ctx, logical_id, profile, granted, source, destination, at)


def _generate(
    ctx: Context,
    logical_id: str,
    profile: dict[str, Any],
    granted: set[str],
    source: _Reference,
    destination: _Reference,
    path: Path,
) -> None:
    properties = profile.get("Properties", {})
    on_source = properties.get("SourcePolicy") is True
    values = {f"Source.{k}": v for k, v in source.values.items()}
    values.update({f"Destination.{k}": v for k, v in destination.values.items()})
    categories = {
        name: _replace(body, values) for name, body in properties.get("AccessCategories", {}).items() if name in granted
    }
    if profile.get("Type") == "AWS_IAM_ROLE_MANAGED_POLICY":
        role = (source if on_source else destination).role
        nodes = [node for body in categories.values() for node in body.get("Statement", [])]
        statements = [statement_from(n, path, i, ctx.resolver) for i, n in enumerate(nodes) if isinstance(n, dict)]
        if role is not None and statements:
            name = f"SAM connector '{logical_id}'"
            ctx.model.documents.append(
                PolicyDocument(IDENTITY, path, logical_id, name, statements, attached_to=[role], origin=SAM_GENERATED)
            )
    elif profile.get("Type") == "AWS_LAMBDA_PERMISSION":
        function = (source if on_source else destination).function
        for body in categories.values():
            principal = body.get("Principal")
            ctx.model.invocations.append(
                Invocation(
                    kind="sam-connector",
                    resource=logical_id,
                    path=path,
                    function=function,
                    principal=ctx.resolver.strings(principal, path, label="Service"),
                    principal_path=path,
                    action=ctx.resolver.strings(body.get("Action"), path),
                    narrowing=dict.fromkeys((k for k in ("SourceArn", "SourceAccount") if body.get(k)), path),
                )
            )


def _reference(ctx: Context, node: Any) -> _Reference | None:
    """Where a Source or Destination points: a resource of the template by Id, or Type with Arn/RoleName/..."""
    if not isinstance(node, dict):
        return None
    sam_types: dict[str, str] = _data()["sam_types"]
    target = node.get("Id")
    if isinstance(target, str):
        resources = ctx.resolver.resources
        resource = resources.get(target)
        if not isinstance(resource, dict) or not isinstance(resource.get("Type"), str):
            return None
        resource_type: str = sam_types.get(resource["Type"]) or resource["Type"]
        known = _data()["resource_properties"].get(resource_type, {})
        values = _replace(known.get("Outputs", {}), {"logicalId": target})
        if "Qualifier" in node:
            values["Qualifier"] = node["Qualifier"]
        found = ctx.model.functions.get(target)
        role = found.role_id if found is not None else _role_of(ctx, resource, known.get("Inputs", {}))
        return _Reference(resource_type, target, values, role, target if found is not None else None)
    written = node.get("Type")
    if not isinstance(written, str):
        return None
    kind = sam_types.get(written, written)
    values = {key: node[key] for key in ("Arn", "Name", "ResourceId", "Qualifier") if key in node}
    function = _function_of(ctx, node.get("Arn")) if kind == "AWS::Lambda::Function" else None
    return _Reference(kind, None, values, ctx.target(node.get("RoleName")), function)


def _role_of(ctx: Context, resource: dict[str, Any], inputs: dict[str, Any]) -> str | None:
    """The role a resource runs as, from the property the profile names (``Role``, ``RoleArn``, ...)."""
    name = inputs.get("Role")
    props = resource.get("Properties")
    if not isinstance(name, str) or not isinstance(props, dict):
        return None
    return ctx.target(props.get(name))


def _function_of(ctx: Context, node: Any) -> str | None:
    found = ctx.target(node)
    return found if found in ctx.model.functions else None


def _replace(node: Any, values: dict[str, Any]) -> Any:
    """SAM's ``profile_replace``: ``%{Name}`` alone becomes the value; inside a string, an Fn::Sub variable."""
    if isinstance(node, dict):
        return {key: _replace(value, values) for key, value in node.items()}
    if isinstance(node, list):
        return [_replace(value, values) for value in node]
    if not isinstance(node, str) or "%{" not in node:
        return node
    whole = _VARIABLE.fullmatch(node)
    if whole:
        return values.get(whole.group(1), {"Fn::GetAtt": ["<unresolved>", whole.group(1)]})
    variables: dict[str, Any] = {}

    def sub_variable(match: re.Match[str]) -> str:
        name = "".join(c for c in match.group(1) if c.isalnum())
        variables[name] = values.get(match.group(1), {"Fn::GetAtt": ["<unresolved>", match.group(1)]})
        return "${" + name + "}"

    text = _VARIABLE.sub(sub_variable, node)
    return {"Fn::Sub": [text, variables]}
