"""The validation plugin for Python CDK apps, through jsii (imported only by ``lint_rules.cdk.python_plugin``).

``aws-cdk-lib`` on PyPI runs the CDK in a Node process; jsii calls ``validate`` back in this Python
process at synth time, so cfn-lint runs here, in process, with no second Python.
"""

from __future__ import annotations

from typing import Any

import aws_cdk
import jsii

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


@jsii.implements(*_INTERFACES)
class CfnLintLambdaAuthPlugin:
    def __init__(self, options: Options) -> None:
        self._options = options

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
        data = report(list(context.template_paths), self._options)
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
