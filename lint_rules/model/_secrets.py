"""Template-wide facts about secrets: parameters (NoEcho, Default) and where access-key secrets flow.

An access key's secret is only ever in the template as ``Fn::GetAtt <Key>.SecretAccessKey`` (or
``${<Key>.SecretAccessKey}`` in an ``Fn::Sub`` string); wherever that expression is written, the
resolved secret is stored. The walk runs only when the template declares an ``AWS::IAM::AccessKey``,
and visits each node of Outputs and resource Properties once.
"""

from __future__ import annotations

import re
from typing import Any

from lint_rules.model._entities import AccessModel, Parameter, SecretKeyFlow
from lint_rules.model._values import Path

_SUB_SECRET = re.compile(r"\$\{([A-Za-z0-9]+)\.SecretAccessKey\}")
_FUNCTIONS = {"AWS::Lambda::Function", "AWS::Serverless::Function"}


def load_parameters(template: dict[str, Any], model: AccessModel) -> None:
    parameters = template.get("Parameters")
    if not isinstance(parameters, dict):
        return
    for name, parameter in parameters.items():
        if not isinstance(name, str) or not isinstance(parameter, dict):
            continue
        no_echo = parameter.get("NoEcho")
        path = ("Parameters", name)
        model.parameters[name] = Parameter(
            name=name,
            path=path,
            no_echo=no_echo is True or (isinstance(no_echo, str) and no_echo.lower() == "true"),
            default_path=(*path, "Default") if "Default" in parameter else None,
        )


def load_secret_key_flows(template: dict[str, Any], model: AccessModel) -> None:
    """Every place an access key of the template has its SecretAccessKey written."""
    if not model.access_keys:
        return
    outputs = template.get("Outputs")
    if isinstance(outputs, dict):
        for name, output in outputs.items():
            if isinstance(name, str):
                _walk(model, output, ("Outputs", name), "output", name)
    resources = template.get("Resources")
    if not isinstance(resources, dict):
        return
    for logical_id, resource in resources.items():
        if not isinstance(logical_id, str) or not isinstance(resource, dict):
            continue
        props = resource.get("Properties")
        if not isinstance(props, dict):
            continue
        resource_type = resource.get("Type") if isinstance(resource.get("Type"), str) else None
        path: Path = ("Resources", logical_id, "Properties")
        for key, value in props.items():
            if resource_type in _FUNCTIONS and key == "Environment":
                sink = "environment"
            elif resource_type == "AWS::SSM::Parameter" and key == "Value":
                sink = "ssm"
            elif resource_type == "AWS::SecretsManager::Secret" and key == "SecretString":
                sink = "secret"
            else:
                sink = "property"
            _walk(model, value, (*path, key), sink, logical_id)


def _walk(model: AccessModel, node: Any, path: Path, sink: str, holder: str) -> None:
    stack = [(node, path)]
    while stack:
        current, current_path = stack.pop()
        if isinstance(current, dict):
            key = _secret_of(current, model)
            if key is not None:
                model.secret_key_flows.append(SecretKeyFlow(key, sink, holder, current_path))
                continue
            for name, child in current.items():
                if isinstance(child, (dict, list)):
                    stack.append((child, (*current_path, name)))
        elif isinstance(current, list):
            for index, child in enumerate(current):
                if isinstance(child, (dict, list)):
                    stack.append((child, (*current_path, index)))


def _secret_of(node: dict[Any, Any], model: AccessModel) -> str | None:
    """The access key whose secret this node is (GetAtt) or embeds (a Sub string), if any."""
    if len(node) != 1:
        return None
    key, arg = next(iter(node.items()))
    if key == "Fn::GetAtt":
        parts = arg.split(".", 1) if isinstance(arg, str) else arg
        if (
            isinstance(parts, list)
            and len(parts) == 2
            and parts[1] == "SecretAccessKey"
            and isinstance(parts[0], str)
            and parts[0] in model.access_keys
        ):
            return parts[0]
    if key == "Fn::Sub":
        text = arg[0] if isinstance(arg, list) and arg else arg
        if isinstance(text, str):
            for name in _SUB_SECRET.findall(text):
                if name in model.access_keys:
                    return str(name)
    return None
