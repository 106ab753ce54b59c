"""The standard Lambda statements never give an area-2 breadth finding (issue 8, item 3's proof).

Basic logging, VPC access, X-Ray and the SSM and ECS agents' statements as authors write them inline (what
AWS's managed execution and agent policies grant), and every SAM policy template expanded with its parameters named, go through real cfn-lint.
"""

from __future__ import annotations

from typing import Any

import yaml

from conftest import lint_text
from lint_rules.model._sam import policy_templates

_BREADTH = ("EA2003", "WA2004", "IA2005", "EA2006", "WA2007", "IA2008", "EA2009", "WA2010", "WA2012")

_STANDARD = [
    {  # AWSLambdaBasicExecutionRole, as the Lambda console writes it inline
        "Effect": "Allow",
        "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
        "Resource": "arn:aws:logs:*:*:*",
    },
    {"Effect": "Allow", "Action": "logs:CreateLogGroup", "Resource": "*"},
    {  # AWSLambdaVPCAccessExecutionRole
        "Effect": "Allow",
        "Action": [
            "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses",
        ],
        "Resource": "*",
    },
    {  # AWSXrayWriteOnlyAccess
        "Effect": "Allow",
        "Action": [
            "xray:PutTraceSegments",
            "xray:PutTelemetryRecords",
            "xray:GetSamplingRules",
            "xray:GetSamplingTargets",
            "xray:GetSamplingStatisticSummaries",
        ],
        "Resource": "*",
    },
    {"Effect": "Allow", "Action": ["sts:GetCallerIdentity", "ecr:GetAuthorizationToken"], "Resource": "*"},
    {  # what AmazonSSMManagedInstanceCore and AmazonEC2ContainerServiceforEC2Role grant agents
        "Effect": "Allow",
        "Action": ["ssm:UpdateInstanceInformation", "ssmmessages:*", "ec2messages:*", "ecs:Submit*"],
        "Resource": "*",
    },
]


def _function(policies: list[Any]) -> dict[str, Any]:
    return {
        "Type": "AWS::Serverless::Function",
        "Properties": {"Runtime": "python3.12", "Handler": "app.handler", "CodeUri": "src/", "Policies": policies},
    }


def _breadth(template: dict[str, Any]) -> list[str]:
    return [line for line in lint_text(yaml.safe_dump(template)) if line.split()[1] in _BREADTH]


def test_standard_lambda_statements_are_never_flagged() -> None:
    role = {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
                ],
            },
            "Policies": [
                {"PolicyName": "standard", "PolicyDocument": {"Version": "2012-10-17", "Statement": _STANDARD}}
            ],
        },
    }
    template = {
        "Transform": "AWS::Serverless-2016-10-31",
        "Resources": {
            "Role": role,
            "Function": _function([{"Version": "2012-10-17", "Statement": _STANDARD}]),
        },
    }
    assert _breadth(template) == []


def test_every_sam_policy_template_expanded_with_named_resources_is_silent() -> None:
    resources: dict[str, Any] = {}
    for index, (name, template) in enumerate(sorted(policy_templates().items())):
        arguments = dict.fromkeys(template["parameters"], f"name{index}")
        resources[f"Function{index}"] = _function([{name: arguments}])
    assert _breadth({"Transform": "AWS::Serverless-2016-10-31", "Resources": resources}) == []


def test_unknown_actions_outside_sam_are_left_to_cfn_lint() -> None:
    statement = {"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "arn:aws:s3:::reports-bucket/*"}
    role = {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
                ],
            },
            "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [statement]}}],
        },
    }
    found = [line.split()[1] for line in lint_text(yaml.safe_dump({"Resources": {"Role": role}}))]
    assert "W3037" in found and "WA2013" not in found
    sam = {"Transform": "AWS::Serverless-2016-10-31", "Resources": {"Role": role}}
    assert [line.split()[1] for line in lint_text(yaml.safe_dump(sam))] == ["WA2013"]
