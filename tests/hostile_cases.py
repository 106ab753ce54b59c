"""Adversarial templates, generated (never stored): deep intrinsics, huge or broken policies, cycles, alias
bombs and every property the access model reads given the wrong shape. ``cases()`` maps a case name to
(file suffix, template text); tests/test_hostile.py lints each through cfn-lint's CLI."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from typing import Any

_ROLE_ARN = "arn:aws:iam::123456789012:role/service"
_TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


def _statement(**extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": "*", **extra}


def _function() -> dict[str, Any]:
    return {
        "Type": "AWS::Lambda::Function",
        "Properties": {
            "Runtime": "python3.12",
            "Handler": "index.handler",
            "Role": _ROLE_ARN,
            "Code": {"ZipFile": "x"},
        },
    }


_RAW = re.compile(r'"@raw@([A-Za-z0-9+/=]*)"')


def _raw(text: str) -> str:
    """A placeholder that ``_template`` replaces by ``text`` (JSON too deep for json.dumps to write)."""
    return "@raw@" + base64.b64encode(text.encode()).decode()


def _template(resources: dict[str, Any], *, sam: bool = False, compact: bool = False, **top: Any) -> str:
    template: dict[str, Any] = {"AWSTemplateFormatVersion": "2010-09-09", **top, "Resources": resources}
    if sam:
        template["Transform"] = "AWS::Serverless-2016-10-31"
    text = json.dumps(template, separators=(",", ":")) if compact else json.dumps(template, indent=1)
    return _RAW.sub(lambda match: base64.b64decode(match.group(1)).decode(), text)


def _resource_policy(document: Any) -> str:
    return _template(
        {
            "Fn": _function(),
            "RP": {
                "Type": "AWS::Lambda::ResourcePolicy",
                "Properties": {"ResourceArn": {"Fn::GetAtt": ["Fn", "Arn"]}, "PolicyDocument": document},
            },
        }
    )


def _if_chain(depth: int, leaf: Any, last: Any = None) -> str:
    """``Fn::If`` nested ``depth`` deep in its false branch, every true branch ``leaf``, the deepest false
    branch ``last`` (``leaf`` if not given)."""
    text = json.dumps(leaf)
    return _raw(f'{{"Fn::If": ["IsProd", {text}, ' * depth + json.dumps(leaf if last is None else last) + "]}" * depth)


def _join_chain(depth: int) -> str:
    """``Fn::Join`` nested ``depth`` deep around a Ref."""
    return _raw('{"Fn::Join": ["", ["a", ' * depth + '{"Ref": "AWS::AccountId"}' + "]]}" * depth)


def _deep_json(depth: int) -> str:
    return '{"Version": "2012-10-17", "Statement": ' + "[" * depth + "]" * depth + "}"


_CONDITION: dict[str, Any] = {"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}}}


def _fn_if_principal(depth: int) -> str:
    """A permission and a resource-policy statement whose Principal is an Fn::If chain ending in '*'."""
    principal = _if_chain(depth, {"Service": "s3.amazonaws.com"}, last="*")
    return _template(
        {
            "Fn": _function(),
            "P": {
                "Type": "AWS::Lambda::Permission",
                "Properties": {
                    "FunctionName": {"Ref": "Fn"},
                    "Action": "lambda:InvokeFunction",
                    "Principal": _if_chain(depth, "s3.amazonaws.com", last="*"),
                },
            },
            "RP": {
                "Type": "AWS::Lambda::ResourcePolicy",
                "Properties": {
                    "ResourceArn": {"Fn::GetAtt": ["Fn", "Arn"]},
                    "PolicyDocument": {"Version": "2012-10-17", "Statement": [_statement(Principal=principal)]},
                },
            },
        },
        **_CONDITION,
    )


def _deep_intrinsics(depth: int) -> str:
    """Intrinsics nested deeply inside Principal, Condition and SAM Policies."""
    deep_condition = {"StringEquals": {"aws:SourceAccount": _join_chain(depth)}}
    return _template(
        {
            "Fn": {
                "Type": "AWS::Serverless::Function",
                "Properties": {
                    "Runtime": "python3.12",
                    "Handler": "index.handler",
                    "InlineCode": "x",
                    "Policies": [
                        _if_chain(depth, "AWSLambdaExecute"),
                        {"Statement": [_statement(Condition=deep_condition)]},
                        {"Statement": _if_chain(depth, [_statement()], last=[_statement(Action="*")])},
                        {"S3ReadPolicy": {"BucketName": _join_chain(depth)}},
                    ],
                },
            },
            "RP": {
                "Type": "AWS::Lambda::ResourcePolicy",
                "Properties": {
                    "ResourceArn": {"Fn::GetAtt": ["Fn", "Arn"]},
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            _statement(Principal={"AWS": _join_chain(depth)}, Condition=deep_condition),
                            _statement(Principal=_if_chain(depth, {"Service": "s3.amazonaws.com"}, last="*")),
                        ],
                    },
                },
            },
        },
        sam=True,
        **_CONDITION,
    )


def _many_statements(count: int) -> str:
    """A resource policy of ``count`` statements and a SAM inline policy of a tenth as many (cfn-lint
    validates neither; in an AWS::IAM::ManagedPolicy cfn-lint alone needs 100 s for 10,000)."""
    condition = {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::uploads"}}
    grants = [
        _statement(Sid=f"S{i}", Principal={"Service": "s3.amazonaws.com"}, Condition=condition) for i in range(count)
    ]
    reads = [
        _statement(Sid=f"S{i}", Action=f"s3:GetObject{i % 7}", Resource=f"arn:aws:s3:::b{i}/*") for i in range(count)
    ]
    return _template(
        {
            "Fn": {
                "Type": "AWS::Serverless::Function",
                "Properties": {
                    "Runtime": "python3.12",
                    "Handler": "index.handler",
                    "InlineCode": "x",
                    "Policies": [{"Version": "2012-10-17", "Statement": reads[: count // 10]}],
                },
            },
            "RP": {
                "Type": "AWS::Lambda::ResourcePolicy",
                "Properties": {
                    "ResourceArn": {"Fn::GetAtt": ["Fn", "Arn"]},
                    "PolicyDocument": {"Version": "2012-10-17", "Statement": grants},
                },
            },
        },
        sam=True,
        compact=True,  # a third smaller than indented: cfn-lint's own time on it grows with the text
    )


def _cycles() -> str:
    """Self-references and cycles through Ref, GetAtt and DependsOn (cfn-lint reports them; we must not loop)."""
    return _template(
        {
            "Role": {
                "Type": "AWS::IAM::Role",
                "DependsOn": "Policy",
                "Properties": {"AssumeRolePolicyDocument": _TRUST, "RoleName": {"Ref": "Role"}},
            },
            "Policy": {
                "Type": "AWS::IAM::Policy",
                "DependsOn": "Role",
                "Properties": {
                    "PolicyName": {"Fn::GetAtt": ["Policy", "Id"]},
                    "PolicyDocument": {"Statement": [_statement(Resource={"Fn::GetAtt": ["Fn", "Arn"]})]},
                    "Roles": [{"Ref": "Role"}, {"Ref": "Policy"}],
                },
            },
            "Fn": {
                "Type": "AWS::Lambda::Function",
                "Properties": {
                    "Runtime": "python3.12",
                    "Handler": "index.handler",
                    "Role": {"Fn::GetAtt": ["Fn", "Arn"]},
                    "Code": {"ZipFile": "x"},
                },
            },
            "AliasA": {
                "Type": "AWS::Lambda::Alias",
                "Properties": {"FunctionName": {"Ref": "AliasB"}, "FunctionVersion": "1", "Name": "a"},
            },
            "AliasB": {
                "Type": "AWS::Lambda::Alias",
                "Properties": {"FunctionName": {"Ref": "AliasA"}, "FunctionVersion": "1", "Name": "b"},
            },
            "Perm": {
                "Type": "AWS::Lambda::Permission",
                "DependsOn": ["Perm", "AliasA"],
                "Properties": {
                    "FunctionName": {"Ref": "AliasA"},
                    "Action": "lambda:InvokeFunction",
                    "Principal": {"Fn::GetAtt": ["Perm", "Principal"]},
                },
            },
            "Key": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": {"Ref": "Key"}}},
            "Url": {
                "Type": "AWS::Lambda::Url",
                "Properties": {"TargetFunctionArn": {"Fn::GetAtt": ["Url", "FunctionArn"]}, "AuthType": "NONE"},
            },
        }
    )


def _alias_bomb(width: int, levels: int, forks: int) -> str:
    """YAML anchors that expand to width**levels values where the model reads lists, documents and Fn::If."""
    lines = ["AWSTemplateFormatVersion: '2010-09-09'", "Conditions:", "  IsProd: !Equals [!Ref AWS::Region, us-east-1]"]
    lines += ["Resources:", "  Fn:", "    Type: AWS::Lambda::Function", "    Properties:", "      Runtime: python3.12"]
    lines += ["      Handler: index.handler", f"      Role: {_ROLE_ARN}", "      Code: {ZipFile: x}"]
    lines += ["  Bomb:", "    Type: AWS::Lambda::ResourcePolicy", "    Metadata:"]
    lines.append("      b0: &b0 [" + ", ".join(["lambda:InvokeFunction"] * width) + "]")
    lines.append("      f0: &f0 {Fn::If: [IsProd, s3.amazonaws.com, sns.amazonaws.com]}")
    for level in range(1, levels):
        lines.append(f"      b{level}: &b{level} [" + ", ".join([f"*b{level - 1}"] * width) + "]")
    for level in range(1, forks):
        lines.append(f"      f{level}: &f{level} {{Fn::If: [IsProd, *f{level - 1}, *f{level - 1}]}}")
    bomb, fork = f"*b{levels - 1}", f"*f{forks - 1}"
    lines += ["    Properties:", "      ResourceArn: !GetAtt Fn.Arn", "      PolicyDocument:", "        Statement:"]
    lines += ["          - Effect: Allow", f"            Principal: {{Service: {fork}}}", f"            Action: {bomb}"]
    lines += ["            Resource: '*'", "          - Effect: Allow", f"            Principal: {bomb}"]
    lines += [
        "            Action: lambda:InvokeFunction",
        f"            Condition: {{StringEquals: {{aws:SourceAccount: {bomb}}}}}",
    ]
    lines += [f"          - {bomb}", f"          - {fork}"]
    return "\n".join(lines) + "\n"


# Every property the loaders read (lint_rules/model/_iam.py, _lambda.py, _sam.py), by resource type.
READ_PROPERTIES: dict[str, tuple[str, ...]] = {
    "AWS::IAM::Role": (
        "RoleName", "Policies", "ManagedPolicyArns", "PermissionsBoundary", "AssumeRolePolicyDocument",
    ),
    "AWS::IAM::User": ("UserName", "Policies", "ManagedPolicyArns", "PermissionsBoundary", "LoginProfile", "Groups"),
    "AWS::IAM::Group": ("GroupName", "Policies", "ManagedPolicyArns"),
    "AWS::IAM::Policy": ("PolicyName", "PolicyDocument", "Roles", "Users", "Groups"),
    "AWS::IAM::ManagedPolicy": ("ManagedPolicyName", "PolicyDocument", "Roles", "Users", "Groups"),
    "AWS::IAM::RolePolicy": ("PolicyName", "PolicyDocument", "RoleName"),
    "AWS::IAM::UserPolicy": ("PolicyName", "PolicyDocument", "UserName"),
    "AWS::IAM::GroupPolicy": ("PolicyName", "PolicyDocument", "GroupName"),
    "AWS::IAM::AccessKey": ("UserName",),
    "AWS::IAM::UserToGroupAddition": ("GroupName", "Users"),
    "AWS::Lambda::Function": ("Role", "Environment", "Layers", "CodeSigningConfigArn", "KmsKeyArn", "PackageType"),
    "AWS::Lambda::CodeSigningConfig": ("CodeSigningPolicies",),
    "AWS::Lambda::Permission": (
        "FunctionName", "Principal", "Action", "SourceArn", "SourceAccount", "PrincipalOrgID", "EventSourceToken",
        "FunctionUrlAuthType", "InvokedViaFunctionUrl",
    ),
    "AWS::Lambda::ResourcePolicy": ("ResourceArn", "PolicyDocument"),
    "AWS::Lambda::Url": ("TargetFunctionArn", "AuthType"),
    "AWS::Lambda::LayerVersion": ("Content",),
    "AWS::Lambda::LayerVersionPermission": ("LayerVersionArn", "Principal", "OrganizationId"),
    "AWS::Lambda::EventSourceMapping": ("FunctionName", "SourceAccessConfigurations"),
    "AWS::Lambda::Alias": ("FunctionName",),
    "AWS::Lambda::Version": ("FunctionName",),
    "AWS::ApiGateway::Method": ("Integration", "AuthorizationType"),
    "AWS::Serverless::Function": (
        "Role", "Policies", "AssumeRolePolicyDocument", "Tracing", "VpcConfig", "PermissionsBoundary",
        "FunctionUrlConfig", "Events", "Environment", "Layers", "CodeSigningConfigArn", "PackageType",
    ),
    "AWS::Serverless::Api": ("Auth",),
    "AWS::Serverless::HttpApi": ("Auth",),
    "AWS::Serverless::LayerVersion": ("ContentUri",),
}  # fmt: skip
# OpenAPI definitions and REST API policies the route reader reads; generated after READ_PROPERTIES so that
# the lines test_hostile.py pins stay put.
READ_DEFINITIONS: dict[str, tuple[str, ...]] = {
    "AWS::ApiGateway::RestApi": ("Body", "Policy"),
    "AWS::ApiGatewayV2::Api": ("Body",),
    "AWS::Serverless::Api": ("DefinitionBody",),
    "AWS::Serverless::HttpApi": ("DefinitionBody",),
}

# Wrong shapes: a string where a mapping belongs, mappings and lists where a string belongs, and worse.
SHAPES: dict[str, Any] = {
    "string": "{not a mapping",
    "mapping": {"Key": "Value"},
    "list": ["a", {"b": "c"}],
    "nested": [[["x"]], {"Statement": "y"}],
    "scalar": 7,
    "null": None,
}
# Nested keys the loaders read inside those properties: each gets the same wrong shapes.
_INNER: dict[str, Callable[[Any], Any]] = {
    "Policies": lambda shape: [shape, {"PolicyName": shape, "PolicyDocument": shape}],
    "PolicyDocument": lambda shape: {"Statement": [shape, _statement(Principal=shape, Condition=shape)]},
    "AssumeRolePolicyDocument": lambda shape: {"Statement": shape, "Version": shape},
    "Environment": lambda shape: {"Variables": shape},
    "Integration": lambda shape: {"Uri": shape},
    "FunctionUrlConfig": lambda shape: {"AuthType": shape},
    "Events": lambda shape: {"E": {"Type": "Api", "Properties": shape}, "F": shape, "G": {"Type": shape}},
    "Auth": lambda shape: {"DefaultAuthorizer": shape},
    "Body": lambda shape: _openapi(shape),
    "DefinitionBody": lambda shape: _openapi(shape),
    "Policy": lambda shape: {"Statement": [shape, {"Effect": "Allow", "Principal": shape}]},
    "LoginProfile": lambda shape: {"Password": shape, "PasswordResetRequired": shape},
    "SourceAccessConfigurations": lambda shape: [
        shape,
        {"Type": shape, "URI": shape},
        {"Type": "BASIC_AUTH", "URI": shape},
    ],
    "CodeSigningPolicies": lambda shape: {"UntrustedArtifactOnDeployment": shape},
}


def _openapi(shape: Any) -> dict[str, Any]:
    """An OpenAPI body with the wrong shape at each level the route reader reads."""
    operation = {
        "security": shape,
        "x-amazon-apigateway-auth": shape,
        "x-amazon-apigateway-integration": {"uri": shape},
    }
    return {
        "security": shape,
        "securityDefinitions": shape,
        "components": {"securitySchemes": shape},
        "x-amazon-apigateway-policy": {"Statement": [shape]},
        "paths": {"/a": shape, "/b": {"post": shape, "get": operation, "put": {"Fn::If": ["C", operation, shape]}}},
    }


def _wrong_shapes(shape_name: str) -> str:
    """One resource per (type, property) with that property, or a key inside it, of the wrong shape."""
    shape = SHAPES[shape_name]
    resources: dict[str, Any] = {"Fn": _function()}
    for resource_type, properties in READ_PROPERTIES.items():
        short = resource_type.split("::", 1)[1].replace("::", "")
        resources[f"{short}Properties"] = {"Type": resource_type, "Properties": shape}
        for name in properties:
            resources[f"{short}{name}"] = {"Type": resource_type, "Properties": {name: shape}}
            if name in _INNER:
                resources[f"{short}{name}Inner"] = {"Type": resource_type, "Properties": {name: _INNER[name](shape)}}
    for resource_type, properties in READ_DEFINITIONS.items():
        short = resource_type.split("::", 1)[1].replace("::", "")
        for name in properties:
            resources[f"{short}{name}"] = {"Type": resource_type, "Properties": {name: shape}}
            resources[f"{short}{name}Inner"] = {"Type": resource_type, "Properties": {name: _INNER[name](shape)}}
    return _template(resources, sam=True)


def cases() -> dict[str, tuple[str, str]]:
    """Case name: (file suffix, template text)."""
    # 10,000 statements, 1.2 MB: sixty times the largest policy IAM accepts. Every thousandth is public.
    enormous = {
        "Version": "2012-10-17",
        "Statement": [
            _statement(Sid=f"S{i}", Principal="*" if i % 1000 == 0 else {"Service": "s3.amazonaws.com"})
            for i in range(10_000)
        ],
    }
    found: dict[str, tuple[str, str]] = {
        "fn-if-50": (".json", _fn_if_principal(50)),
        "fn-if-400": (".json", _fn_if_principal(400)),
        "fn-if-3000": (".json", _fn_if_principal(3000)),
        # cfn-lint's decoder stops near 280 levels (E0000 on the two above): these are the deepest it passes on.
        "fn-if-130": (".json", _fn_if_principal(130)),
        "fn-join-75": (".json", _resource_policy({"Statement": [_statement(Principal="*", Resource=_join_chain(75))]})),
        "fn-join-400": (
            ".json",
            _resource_policy({"Statement": [_statement(Principal="*", Resource=_join_chain(400))]}),
        ),
        "statements-10000": (".json", _many_statements(10_000)),
        "cycles": (".json", _cycles()),
        "alias-bomb": (".yaml", _alias_bomb(6, 5, 10)),
        "deep-intrinsics-75": (".json", _deep_intrinsics(75)),
        "json-string-deep-3000": (".json", _resource_policy(_deep_json(3000))),
        "json-string-deep-100000": (".json", _resource_policy(_deep_json(100_000))),
        "json-string-truncated": (".json", _resource_policy(json.dumps(_TRUST)[:45])),
        "json-string-enormous": (".json", _resource_policy(json.dumps(enormous))),
        "json-string-2000-findings": (
            ".json",
            _resource_policy(json.dumps({"Statement": [_statement(Sid=f"S{i}", Principal="*") for i in range(2000)]})),
        ),
        "json-string-deep-in-iam-policy": (
            ".json",
            _template(
                {
                    "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": _deep_json(3000)}},
                    "Policy": {
                        "Type": "AWS::IAM::Policy",
                        "Properties": {
                            "PolicyName": "p",
                            "PolicyDocument": _deep_json(3000),
                            "Roles": [{"Ref": "Role"}],
                        },
                    },
                }
            ),
        ),
        "json-string-deep-sam-trust": (
            ".json",
            _template(
                {
                    "Fn": {
                        "Type": "AWS::Serverless::Function",
                        "Properties": {
                            "Runtime": "python3.12",
                            "Handler": "index.handler",
                            "InlineCode": "x",
                            "AssumeRolePolicyDocument": _deep_json(3000),
                        },
                    }
                },
                sam=True,
            ),
        ),
    }
    for shape_name in SHAPES:
        found[f"wrong-shape-{shape_name}"] = (".json", _wrong_shapes(shape_name))
    found["access-key-secret-shapes"] = (".json", _access_key_secret_shapes())
    return found


def _access_key_secret_shapes() -> str:
    """An access key's secret through every GetAtt/Sub shape, broken ones included, in outputs and properties."""
    odd: list[Any] = [
        {"Fn::GetAtt": [{"Ref": "Key"}, "SecretAccessKey"]},
        {"Fn::GetAtt": [["Key"], "SecretAccessKey"]},
        {"Fn::GetAtt": "Key.SecretAccessKey.Extra"},
        {"Fn::GetAtt": None},
        {"Fn::Sub": [None, {"A": {"Fn::GetAtt": "Key.SecretAccessKey"}}]},
        {"Fn::Sub": ["${Key.SecretAccessKey}", "not a mapping"]},
        {"Fn::Join": ["", [{"Fn::Join": ["", [{"Fn::GetAtt": ["Key", "SecretAccessKey"]}] * 5]}] * 5]},
    ]
    function = _function()
    function["Properties"]["Environment"] = {"Variables": {f"V{i}": shape for i, shape in enumerate(odd)}}
    resources = {
        "Key": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": "u"}},
        "Fn": function,
        "Param": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": odd}},
        "Custom": {
            "Type": "Custom::X",
            "Properties": {
                "ServiceToken": "arn",
                "Deep": _raw('{"Fn::Join": ["", [' * 70 + '{"Fn::GetAtt": "Key.SecretAccessKey"}' + "]]}" * 70),
            },
        },
    }
    outputs = {f"O{i}": {"Value": shape} for i, shape in enumerate(odd)}
    outputs["Broken"] = "not a mapping"  # type: ignore[assignment]
    return _template(resources, Outputs=outputs)
