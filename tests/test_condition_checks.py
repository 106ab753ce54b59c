"""The condition checks (EA4010, WA4011-WA4013): their data against its sources, and the look-alikes
that must stay silent, through real cfn-lint on real template text."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from conftest import lint_text
from lint_rules.model._actions import _data, known_services
from lint_rules.model._condition_keys import _operator_data, _service_file, parse_operator, type_family

_OURS = (" EA4010 ", " WA4011 ", " WA4012 ", " WA4013 ")


def _ours(text: str) -> list[str]:
    return [line for line in lint_text(text) if any(rule in line for rule in _OURS)]


def _cfn_lint_operator_names() -> list[re.Pattern[str]]:
    schema = json.loads(resources.files("cfnlint.data.schemas.other.iam").joinpath("policy.json").read_text())
    condition = schema["definitions"]["Condition"]
    names = [re.compile(pattern) for pattern in condition["patternProperties"]]
    names += [re.compile(f"^{re.escape(name)}$") for name in condition["properties"]]
    return names


def test_every_operator_in_the_table_is_one_cfn_lint_accepts() -> None:
    accepted = _cfn_lint_operator_names()
    for name, family in _operator_data()["operators"].items():
        forms = [name] if family == "Null" else [name, f"{name}IfExists"]
        forms += [f"{qualifier}:{form}" for qualifier in _operator_data()["qualifiers"] for form in forms]
        for form in forms:
            parsed = parse_operator(form)
            assert parsed is not None and parsed.family == family, form
            if name != "BinaryEquals" or (":" not in form and not form.endswith("IfExists")):
                assert any(pattern.match(form) for pattern in accepted), form


@pytest.mark.parametrize("written", ["NullIfExists", "StringEqual", "ForEveryValue:StringEquals", "Bool:IfExists"])
def test_operators_iam_does_not_have_are_not_parsed(written: str) -> None:
    assert parse_operator(written) is None


def test_operator_names_are_case_insensitive() -> None:
    parsed = parse_operator("forallvalues:stringlikeifexists")
    assert parsed is not None
    assert (parsed.qualifier, parsed.name, parsed.family, parsed.if_exists) == (
        "ForAllValues",
        "StringLike",
        "String",
        True,
    )


def test_every_key_type_in_the_iam_data_has_an_operator_family() -> None:
    types = {key_type for service in known_services() for _, key_type in _service_file(service) if key_type}
    assert {"String", "Bool", "Numeric", "ARN"} <= {t.removeprefix("ArrayOf") for t in types}
    for key_type in types:
        assert type_family(key_type.removeprefix("ArrayOf")) is not None, key_type
    assert _data().data_version()  # the dataset the checks read is installed and readable


_HEAD = """AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Flag:
    Type: String
    Default: "yes"
  UseVpc:
    Type: String
    Default: "no"
Conditions:
  Vpc: !Equals [!Ref UseVpc, "yes"]
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
"""

SILENT = {
    "key-case": """
          - Effect: Allow
            Action: s3:ListBucket
            Resource: arn:aws:s3:::uploads
            Condition:
              StringLike:
                S3:PREFIX: home/*
                AWS:SourceVpce: vpce-1a2b3c4d
""",
    "action-wildcard-union": """
          - Effect: Allow
            Action: s3:List*
            Resource: arn:aws:s3:::uploads
            Condition:
              StringLike:
                s3:prefix: home/*
""",
    "not-action-not-judged": """
          - Effect: Deny
            NotAction: s3:GetObject
            Resource: "*"
            Condition:
              StringLike:
                s3:prefix: home/*
""",
    "values-from-intrinsics": """
          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::uploads/*
            Condition:
              Bool:
                aws:SecureTransport: !Ref Flag
              IpAddress:
                aws:SourceIp: !Sub "${Flag}"
""",
    "provider-claims": """
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Resource: "*"
            Condition:
              ForAllValues:StringEquals:
                accounts.google.com:aud: app.example.com
                token.actions.githubusercontent.com:sub: repo:example/app:ref:refs/heads/main
""",
    "key-against-another-key": """
          - Effect: Deny
            Action: "*"
            Resource: "*"
            Condition:
              StringNotEquals:
                aws:Ec2InstanceSourceVpc: ${aws:SourceVpc}
                aws:Ec2InstanceSourcePrivateIPv4: ${aws:VpcSourceIp}
              NumericLessThan:
                aws:EpochTime: 1767225600
              "Null":
                ec2:SourceInstanceARN: "false"
""",
    "global-keys-any-case": """
          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::uploads/*
            Condition:
              StringEquals:
                AWS:principalorgid: o-a1b2c3d4e5
                aws:PrincipalTag/team: ops
                aws:requestedregion: eu-west-1
              ArnLike:
                aws:SourceVpcArn: arn:aws:ec2:*:123456789012:vpc/*
""",
    "setting-action-in-another-statement": """
          - Effect: Allow
            Action: sts:AssumeRole
            Resource: arn:aws:iam::123456789012:role/release
            Condition:
              StringEquals:
                sts:SourceIdentity: release-bot
          - Effect: Allow
            Action: sts:Set*
            Resource: arn:aws:iam::123456789012:role/release
""",
    "null-any-key": """
          - Effect: Deny
            Action: s3:PutObject
            Resource: arn:aws:s3:::uploads/*
            Condition:
              "Null":
                s3:x-amz-server-side-encryption: "true"
""",
}


@pytest.mark.parametrize("name", sorted(SILENT))
def test_look_alikes_stay_silent(name: str) -> None:
    assert _ours(_HEAD + SILENT[name].lstrip("\n")) == []


def test_each_fn_if_branch_is_judged_once_at_its_own_key() -> None:
    text = _HEAD + (
        "          - Effect: Allow\n"
        "            Action: s3:ListBucket\n"
        "            Resource: arn:aws:s3:::uploads\n"
        "            Condition: !If\n"
        "              - Vpc\n"
        "              - StringEquals:\n"
        "                  s3:prefixes: home/\n"
        "              - Bool:\n"
        "                  aws:SecureTransport: maybe\n"
    )
    found = _ours(text)
    assert [line.split(" ", 2)[:2] for line in found] == [["24:19", "EA4010"], ["26:19", "WA4012"]], found
    assert "did you mean 's3:prefix'?" in found[0]


def test_a_json_string_document_is_judged_at_the_property() -> None:
    document = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": "s3:ListBucket",
                    "Resource": "arn:aws:s3:::uploads",
                    "Condition": {"StringLike": {"s3:prefixes": "home/*"}},
                }
            ],
        }
    )
    text = (
        'AWSTemplateFormatVersion: "2010-09-09"\n'
        "Resources:\n"
        "  Fn:\n"
        "    Type: AWS::Lambda::Function\n"
        "    Properties:\n"
        "      Runtime: python3.12\n"
        "      Handler: index.handler\n"
        "      Role: arn:aws:iam::123456789012:role/app\n"
        "      Code:\n"
        "        ZipFile: x\n"
        "  ResourcePolicy:\n"
        "    Type: AWS::Lambda::ResourcePolicy\n"
        "    Properties:\n"
        "      ResourceArn: !GetAtt Fn.Arn\n"
        f"      PolicyDocument: '{document}'\n"
    )
    found = [line for line in _ours(text) if " EA4010 " in line]
    assert len(found) == 1 and found[0].startswith("15:7 EA4010"), found
