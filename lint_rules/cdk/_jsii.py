"""The validation plugin for Python CDK apps, through jsii (imported only by ``lint_rules.cdk.python_plugin``).

``aws-cdk-lib`` on PyPI runs the CDK in a Node process; jsii calls ``validate`` back in this Python
process at synth time, so cfn-lint runs here, in process, with no second Python.

The CDK reports a JavaScript app's findings at the user's source line from the creation stack it
records in Node; a Python app's frames are not in that stack. So from the moment the plugin is made,
it notes the Python file and line of each construct the app creates (a wrapper around ``jsii.create``,
through which every construct made from Python passes), and names in each finding the nearest such
construct above the resource and where it was created.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import aws_cdk
import constructs
import jsii

import lint_rules
from lint_rules.cdk import PLUGIN_NAME, Options, plugin_version, report

# IPolicyValidationPlugin (what Validations.of(app).add_plugins takes) came after the Beta1 interface
# (what App(policy_validation_beta1=[...]) takes); implement whichever the installed aws-cdk-lib has.
_INTERFACES = [
    getattr(aws_cdk, name)
    for name in ("IPolicyValidationPlugin", "IPolicyValidationPluginBeta1")
    if hasattr(aws_cdk, name)
]
_NEW = hasattr(aws_cdk, "PolicyValidationPluginReport")
_Report: Any = aws_cdk.PolicyValidationPluginReport if _NEW else aws_cdk.PolicyValidationPluginReportBeta1
_Violation: Any = aws_cdk.PolicyViolation if _NEW else aws_cdk.PolicyViolationBeta1
_Resource: Any = aws_cdk.PolicyViolatingResource if _NEW else aws_cdk.PolicyViolatingResourceBeta1


# frames in these folders are the libraries', not the user's
_LIBRARIES = tuple(
    str(Path(module.__file__ or "").resolve().parent) + os.sep for module in (jsii, aws_cdk, constructs, lint_rules)
)
_CREATED: list[tuple[Any, str]] = []  # (object made from Python, 'file:line' of the user's call)


def _user_line() -> str | None:
    frame: FrameType | None = sys._getframe(2)
    while frame is not None:
        filename = frame.f_code.co_filename
        if not filename.startswith("<") and not str(Path(filename).resolve()).startswith(_LIBRARIES):
            return f"{os.path.relpath(filename)}:{frame.f_lineno}"
        frame = frame.f_back
    return None


def _note_creations() -> None:
    """Wrap ``jsii.create`` (once) to note where the user's code creates each object."""
    module: Any = jsii  # typed where jsii is installed, Any where mypy runs without it
    original = module.create
    if getattr(original, "__wrapped__", None) is not None:
        return

    @functools.wraps(original)
    def create(*args: Any, **options: Any) -> Any:
        result = original(*args, **options)
        line = _user_line()
        if line is not None and len(args) >= 2:  # create(klass, obj, args)
            _CREATED.append((args[1], line))
        return result

    module.create = create


def _creation_lines() -> dict[str, str]:
    """Construct path -> where the user's code created it."""
    return {obj.node.path: line for obj, line in _CREATED if isinstance(obj, constructs.Construct)}


def _logical_ids() -> dict[tuple[str, str], str]:
    """(template file name, logical id) -> construct path, for every CloudFormation element of the app.

    Read from the construct tree (one walk from the root): the templates carry ``aws:cdk:path`` only when
    path metadata is on, which the ``cdk`` CLI turns on and a plain ``App()`` does not.
    """
    created = [obj for obj, _ in _CREATED if isinstance(obj, constructs.Construct)]
    if not created:
        return {}
    found = {}
    node: Any  # typed by aws-cdk-lib where it is installed, Any where mypy runs without it
    for node in created[0].node.root.node.find_all():
        if aws_cdk.CfnElement.is_cfn_element(node):
            stack = aws_cdk.Stack.of(node)
            found[(Path(stack.template_file).name, str(stack.resolve(node.logical_id)))] = node.node.path
    return found


def _where(path: str | None, lines: dict[str, str]) -> tuple[str, str] | None:
    """The nearest construct at or above ``path`` that the user's code created, and where."""
    while path:
        if path in lines:
            return path, lines[path]
        path = path.rpartition("/")[0]
    return None


def _with_source_lines(data: dict[str, Any]) -> dict[str, Any]:
    """Each finding, one per resource, naming the nearest construct the user created and its line."""
    lines = _creation_lines()
    paths = _logical_ids()
    violations = []
    for violation in data["violations"]:
        for resource in violation["violatingResources"]:
            key = (Path(resource["templatePath"]).name, resource["resourceLogicalId"])
            found = _where(paths.get(key), lines)
            if found is None:
                violations.append({**violation, "violatingResources": [resource]})
                continue
            construct, line = found
            violations.append(
                {
                    **violation,
                    "description": f"{violation['description']} (construct '{construct}', created at {line})",
                    "ruleMetadata": {**violation["ruleMetadata"], "construct": construct, "createdAt": line},
                    "violatingResources": [resource],
                }
            )
    return {**data, "violations": violations}


@jsii.implements(*_INTERFACES)
class CfnLintLambdaAuthPlugin:
    def __init__(self, options: Options) -> None:
        self._options = options
        _note_creations()

    @property
    def name(self) -> str:
        return PLUGIN_NAME

    @property
    def version(self) -> str:
        return plugin_version()

    @property
    def rule_ids(self) -> list[str] | None:
        return None

    def validate(self, context: Any) -> Any:
        data = _with_source_lines(report(list(context.template_paths), self._options))
        return _Report(
            success=data["success"],
            violations=[
                _Violation(
                    rule_name=violation["ruleName"],
                    description=violation["description"],
                    fix=violation["fix"],
                    severity=violation["severity"],
                    rule_metadata=violation["ruleMetadata"],
                    violating_resources=[
                        _Resource(
                            resource_logical_id=resource["resourceLogicalId"],
                            template_path=resource["templatePath"],
                            locations=resource["locations"],
                        )
                        for resource in violation["violatingResources"]
                    ],
                )
                for violation in data["violations"]
            ],
        )
