"""What the AWS CDK says about the resources it synthesized: construct paths and the helpers it generated.

Every resource ``cdk synth`` writes carries ``Metadata: aws:cdk:path``, the path of the construct that
made it (``Stack/MyFn/ServiceRole/Resource``). Findings name it, without the trailing ``/Resource`` and
``/Default`` (the ids the CDK gives the L1 resource inside a construct), and options that take logical ids
take construct paths too.

Some resources are the CDK's own helpers (the LogRetention function, the Provider framework, the CDK
bootstrap template's roles): lint_rules/data/cdk_helpers.json says how each is recognised (its construct
path and its shape, never a logical id alone), what it is and what a CDK user changes to fix a finding on
it, or that nothing in the app changes it.
"""

from __future__ import annotations

import fnmatch
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from lint_rules.model._values import logical_id_of

CDK_PATH = "aws:cdk:path"
# The ids the CDK gives the CloudFormation resource a construct wraps (``Resource`` for most L2s,
# ``Default`` for CfnResource children of custom resources): a path's tail of them names no construct.
_L1_IDS = ("Resource", "Default")
_CUSTOM = "AWS::CloudFormation::CustomResource"
# No helper's construct path comes near this length; longer paths are not looked at for helpers.
MAX_PATH = 2000


@dataclass(frozen=True)
class CdkHelper:
    """A resource the CDK generated: ``name`` (the helper), ``what`` it is, the CDK-level ``fix`` (None:
    nothing in the app changes it), and ``used_by``, the construct paths of the custom resources it serves."""

    name: str
    what: str
    fix: str | None
    used_by: tuple[str, ...] = ()


def construct_paths(template: Any) -> dict[str, str]:
    """Logical id -> construct path (trailing ``/Resource`` and ``/Default`` left out) for every resource
    with a string ``aws:cdk:path``."""
    found: dict[str, str] = {}
    resources_ = template.get("Resources") if isinstance(template, dict) else None
    if not isinstance(resources_, dict):
        return found
    for logical_id, resource in resources_.items():
        metadata = resource.get("Metadata") if isinstance(resource, dict) else None
        path = metadata.get(CDK_PATH) if isinstance(metadata, dict) else None
        if isinstance(logical_id, str) and isinstance(path, str) and path:
            found[logical_id] = short_path(path)
    return found


def short_path(path: str) -> str:
    """``Stack/MyFn/ServiceRole`` for ``Stack/MyFn/ServiceRole/Resource``; a path that is only such ids stays."""
    parts = path.split("/")
    while len(parts) > 1 and parts[-1] in _L1_IDS:
        parts.pop()
    return "/".join(parts)


def names_resource(names: Iterable[str], logical_id: str | None, constructs: dict[str, str]) -> bool:
    """Whether an option's list names a resource: by logical id, by its construct path (as written in the
    metadata or without the trailing ``/Resource``), or by a construct path ending in ``/*`` (the construct
    and everything inside it)."""
    if logical_id is None:
        return False
    path = constructs.get(logical_id)
    for name in names:
        if name == logical_id:
            return True
        if path is None:
            continue
        if name.endswith("/*"):
            scope = short_path(name[:-2])
            if path == scope or path.startswith(scope + "/"):
                return True
        elif short_path(name) == path:
            return True
    return False


@functools.cache
def _data() -> dict[str, Any]:
    text = resources.files("lint_rules.data").joinpath("cdk_helpers.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def cdk_helpers(template: Any, constructs: dict[str, str]) -> dict[str, CdkHelper]:
    """Logical id -> helper, for the resources of the CDK's generated helpers in the template."""
    resources_ = template.get("Resources") if isinstance(template, dict) else None
    if not isinstance(resources_, dict):
        return {}
    found = _bootstrap_helpers(template, resources_)
    if constructs:
        found.update(_construct_helpers(resources_, constructs))
    return found


def _construct_helpers(resources_: dict[str, Any], constructs: dict[str, str]) -> dict[str, CdkHelper]:
    tokens = _service_tokens(resources_)
    roots: dict[str, CdkHelper] = {}  # recognised root construct path -> helper
    entries = list(_data()["helpers"])
    # helpers that name another (the waiter invokes isComplete) come after the ones they name
    entries.sort(key=lambda entry: "invokes" in entry["shape"])
    by_id: dict[str, set[str]] = {}  # helper name -> logical ids of its recognised resources, for 'invokes'
    for entry in entries:
        shape = entry["shape"]
        at = shape.get("at")
        for logical_id, path in constructs.items():
            if len(path) > MAX_PATH:
                continue
            resource = resources_.get(logical_id)
            root = path.rsplit("/", 1)[0] if at else path
            if at and not path.endswith("/" + at):
                continue
            if not fnmatch.fnmatchcase(root, entry["root"]) or not isinstance(resource, dict):
                continue
            used_by = _shape_matches(resource, shape, tokens.get(logical_id, []), by_id)
            if used_by is None:
                continue
            users = tuple(sorted({constructs.get(user, user) for user in used_by}))
            roots[root] = CdkHelper(entry["name"], entry["what"], entry["fix"], users)
            by_id.setdefault(entry["name"], set()).add(logical_id)
    found: dict[str, CdkHelper] = {}
    if roots:
        for logical_id, path in constructs.items():
            helper = _within(path, roots)
            if helper is not None:
                found[logical_id] = helper
    # a policy attached only to a helper's roles (AwsCustomResource's, which the CDK writes at the user's construct)
    for logical_id, resource in resources_.items():
        if logical_id in found or not isinstance(resource, dict) or resource.get("Type") != "AWS::IAM::Policy":
            continue
        if logical_id not in constructs:
            continue
        props = resource.get("Properties")
        roles = props.get("Roles") if isinstance(props, dict) else None
        targets = [logical_id_of(role) for role in roles] if isinstance(roles, list) and roles else [None]
        helpers = {found.get(target) if target is not None else None for target in targets}
        only = helpers.pop() if len(helpers) == 1 else None
        # only where findings stay reported: a policy outside the helper's construct may be the user's own
        if only is not None and only.fix is not None:
            found[logical_id] = only
    return found


def _within(path: str, roots: dict[str, CdkHelper]) -> CdkHelper | None:
    """The helper whose root is the path or one of its scopes (the innermost), looked up scope by scope;
    paths longer than any helper's (a hostile template's) are none."""
    if len(path) > MAX_PATH:
        return None
    while True:
        helper = roots.get(path)
        if helper is not None or "/" not in path:
            return helper
        path = path.rsplit("/", 1)[0]


def _shape_matches(
    resource: dict[str, Any], shape: dict[str, Any], served: list[tuple[str, str]], by_id: dict[str, set[str]]
) -> list[str] | None:
    """The custom resources the helper serves (possibly none) when the resource has the helper's shape, else None."""
    if resource.get("Type") != shape["type"]:
        return None
    props = resource.get("Properties")
    props = props if isinstance(props, dict) else {}
    if "handler" in shape and props.get("Handler") != shape["handler"]:
        return None
    wanted = shape.get("service_token_of")
    if wanted is not None:
        users = [user for user, kind in served if any(fnmatch.fnmatchcase(kind, pattern) for pattern in wanted)]
        if not users:
            return None
        return users
    if "invokes" in shape:
        invoked = _referenced(props.get("DefinitionString"))
        if not invoked & by_id.get(shape["invokes"], set()):
            return None
    return []


def _service_tokens(resources_: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """Function logical id -> (custom resource logical id, its type) for every custom resource whose
    ServiceToken is ``Fn::GetAtt [function, Arn]``."""
    found: dict[str, list[tuple[str, str]]] = {}
    for logical_id, resource in resources_.items():
        if not isinstance(resource, dict):
            continue
        kind = resource.get("Type")
        if not isinstance(kind, str) or not (kind.startswith("Custom::") or kind == _CUSTOM):
            continue
        props = resource.get("Properties")
        token = props.get("ServiceToken") if isinstance(props, dict) else None
        target = token.get("Fn::GetAtt") if isinstance(token, dict) and len(token) == 1 else None
        if isinstance(target, list) and len(target) == 2 and target[1] == "Arn" and isinstance(target[0], str):
            found.setdefault(target[0], []).append((str(logical_id), kind))
    return found


def _referenced(node: Any) -> set[str]:
    """Logical ids a node names with ``Fn::GetAtt`` or ``Ref`` (a state machine definition's functions),
    walked without recursion."""
    found: set[str] = set()
    pending = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            target = logical_id_of(item)
            if target is not None:
                found.add(target)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return found


def _bootstrap_helpers(template: dict[str, Any], resources_: dict[str, Any]) -> dict[str, CdkHelper]:
    """The IAM resources of the CDK bootstrap template, recognised by the template's version parameter and
    the names the bootstrap template gives them."""
    data = _data()["bootstrap"]
    parameters = template.get("Parameters")
    if not isinstance(parameters, dict) or "Qualifier" not in parameters:
        return {}
    if not any(
        isinstance(resource, dict)
        and resource.get("Type") == "AWS::SSM::Parameter"
        and _sub(resource.get("Properties"), "Name") == data["version_parameter"]
        for resource in resources_.values()
    ):
        return {}
    found: dict[str, CdkHelper] = {}
    for logical_id, resource in resources_.items():
        if not isinstance(resource, dict) or not str(resource.get("Type", "")).startswith("AWS::IAM::"):
            continue
        props = resource.get("Properties")
        for key in ("RoleName", "PolicyName", "ManagedPolicyName"):
            name = _sub(props, key)
            if name is None or not name.startswith("cdk-${Qualifier}-"):
                continue
            kind = name.removeprefix("cdk-${Qualifier}-").removesuffix("-${AWS::AccountId}-${AWS::Region}")
            entry = data["names"].get(kind)
            if entry is not None:
                found[str(logical_id)] = CdkHelper(
                    "bootstrap " + kind, "bootstrap template's " + entry["what"], entry["fix"]
                )
    return found


def _sub(props: Any, key: str) -> str | None:
    """The ``Fn::Sub`` string of a property (a one-string Sub), else None."""
    value = props.get(key) if isinstance(props, dict) else None
    sub = value.get("Fn::Sub") if isinstance(value, dict) and len(value) == 1 else None
    return sub if isinstance(sub, str) else None
