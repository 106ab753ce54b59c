"""The condition evaluator on a table of cases: which conditions really narrow a grant's caller, and why.

Each case is a Condition block (as written in a statement), the kind of caller the grant admits, and
the expected verdict with the reason a reviewer would give.
"""

from __future__ import annotations

from typing import Any

import pytest

from lint_rules.model._conditions import (
    ACCOUNT,
    ANY,
    FEDERATED,
    SERVICE,
    conditions_of,
    narrowing,
    permission_tests,
    requiring,
)
from lint_rules.model._values import Resolver

_TEMPLATE = {
    "Parameters": {
        "Account": {"Type": "String", "Default": "123456789012"},
        "Pattern": {"Type": "String", "Default": "*"},
        "Choice": {"Type": "String", "Default": "arn:aws:sns:us-east-1:123456789012:t", "AllowedValues": ["*"]},
    },
    "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
}
ACCT = "123456789012"

# (id, caller, Condition block, narrows, why)
CASES: list[tuple[str, str, Any, bool, str]] = [
    ("account", ANY, {"StringEquals": {"aws:SourceAccount": ACCT}}, True, "a concrete account under a positive operator"),
    ("org", ANY, {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}, True, "one organization"),
    ("arn", ANY, {"ArnLike": {"aws:SourceArn": f"arn:aws:sns:us-east-1:{ACCT}:topic"}}, True, "one source ARN"),
    ("arn-account-pinned", ANY, {"ArnLike": {"aws:SourceArn": f"arn:aws:execute-api:us-east-1:{ACCT}:*"}}, True, "any API, but of one account"),
    ("bucket", SERVICE, {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::my-bucket"}}, True, "bucket names are global: one bucket"),
    ("key-case", ANY, {"StringEquals": {"AWS:SourceAccount": ACCT}}, True, "condition keys are case-insensitive"),
    ("intrinsic", ANY, {"ArnEquals": {"aws:SourceArn": {"Ref": "Topic"}}}, True, "a resource of the template: concrete"),
    ("parameter", ANY, {"StringEquals": {"aws:SourceAccount": {"Ref": "Account"}}}, True, "the parameter's default is concrete"),
    ("any-value", ANY, {"ForAnyValue:StringEquals": {"aws:SourceAccount": ACCT}}, True, "ForAnyValue on a single value behaves as plain"),
    ("literal-star", ANY, {"StringEquals": {"aws:SourceAccount": "*"}}, True, "StringEquals compares literally: no caller's account is '*'"),
    ("one-of-several", ANY, {"StringEquals": {"aws:SourceAccount": ACCT}, "Bool": {"aws:SecureTransport": "true"}}, True, "one narrowing test is enough: all must hold"),
    ("iam-ifexists", ACCOUNT, {"StringEqualsIfExists": {"aws:PrincipalArn": f"arn:aws:iam::{ACCT}:role/r"}}, True, "every IAM principal carries aws:PrincipalArn"),
    ("star-like", ANY, {"StringLike": {"aws:SourceArn": "*"}}, False, "matches every source"),
    ("star-arnlike", ANY, {"ArnLike": {"aws:SourceArn": "*"}}, False, "matches every source"),
    ("any-bucket", SERVICE, {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::*"}}, False, "every bucket of every account"),
    ("any-account", SERVICE, {"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:topic"}}, False, "any account can create a topic of that name"),
    ("any-org", ANY, {"StringLike": {"aws:PrincipalOrgID": "o-*"}}, False, "every organization"),
    ("negated", ANY, {"StringNotEquals": {"aws:SourceAccount": ACCT}}, False, "admits every other account"),
    ("negated-arn", ANY, {"ArnNotLike": {"aws:SourceArn": f"arn:aws:sns:us-east-1:{ACCT}:t"}}, False, "admits every other source"),
    ("null-false", ANY, {"Null": {"aws:SourceArn": "false"}}, False, "only requires the key to be present, any value"),
    ("null-true", ANY, {"Null": {"aws:SourceArn": "true"}}, False, "requires the key to be absent"),
    ("ifexists", ANY, {"StringEqualsIfExists": {"aws:SourceAccount": ACCT}}, False, "IAM principals carry no aws:SourceAccount and pass"),
    ("all-values", ANY, {"ForAllValues:StringEquals": {"aws:SourceAccount": ACCT}}, False, "ForAllValues is true when the key is absent"),
    ("empty-list", ANY, {"StringEquals": {"aws:SourceAccount": []}}, False, "an empty list names no one"),
    ("parameter-star", ANY, {"StringLike": {"aws:SourceAccount": {"Ref": "Pattern"}}}, False, "the parameter's default '*' matches everyone"),
    ("allowed-star", ANY, {"ArnLike": {"aws:SourceArn": {"Ref": "Choice"}}}, False, "an allowed value '*' matches everyone"),
    ("if-branch", ANY, {"StringLike": {"aws:SourceArn": {"Fn::If": ["C", f"arn:aws:sns:us-east-1:{ACCT}:t", "*"]}}}, False, "one branch's value matches everyone"),
    ("if-novalue", ANY, {"Fn::If": ["C", {"StringEquals": {"aws:SourceAccount": ACCT}}, {"Ref": "AWS::NoValue"}]}, False, "the other branch has no condition"),
    ("if-both", ANY, {"Fn::If": ["C", {"StringEquals": {"aws:SourceAccount": ACCT}}, {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}]}, True, "each branch narrows"),
    ("other-key", ANY, {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}, False, "aws:SourceIp does not name a source, account or organization"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "caller", "condition", "narrows", "why"), CASES, ids=[c[0] for c in CASES])
def test_condition_narrows_only_when_it_names_the_caller(
    case: str, caller: str, condition: Any, narrows: bool, why: str
) -> None:
    tests = conditions_of(condition, ("Condition",), Resolver(_TEMPLATE))
    narrowed, loose = narrowing(tests, caller)
    assert bool(narrowed) is narrows, why
    if narrows:
        assert all(path[0] == "Condition" for path in narrowed.values())
    elif case not in ("if-novalue", "other-key"):  # those have no failing test on a narrowing key
        assert loose and all(path[0] == "Condition" and reason for path, reason in loose), loose


def test_a_condition_that_fails_to_narrow_says_why_at_its_key() -> None:
    tests = conditions_of({"StringLike": {"aws:SourceArn": "*"}}, ("C",), Resolver(_TEMPLATE))
    assert narrowing(tests, ANY) == (
        {},
        [(("C", "StringLike", "aws:SourceArn"), "aws:SourceArn '*' matches every caller")],
    )


@pytest.mark.parametrize(
    ("props", "narrows"),
    [
        ({"SourceArn": {"Fn::GetAtt": ["Topic", "Arn"]}}, True),
        ({"SourceAccount": {"Ref": "AWS::AccountId"}}, True),
        ({"PrincipalOrgID": "o-a1b2c3d4e5"}, True),
        ({"EventSourceToken": "amzn1.ask.skill.1"}, True),
        ({"SourceArn": "*"}, False),  # Lambda writes SourceArn as ArnLike: '*' matches every source
        ({"SourceArn": "arn:aws:s3:::*"}, False),
        ({"FunctionUrlAuthType": "AWS_IAM"}, False),  # not a condition on the caller
        ({}, False),
    ],
)
def test_permission_properties_narrow_like_the_conditions_lambda_writes(props: dict[str, Any], narrows: bool) -> None:
    tests = permission_tests(props, ("Properties",), Resolver(_TEMPLATE))
    narrowed, _ = narrowing([tests], ANY)
    assert bool(narrowed) is narrows


# Keys other than the narrowing ones, asked for by the trust rules: (id, caller, keys, Condition, required, why)
_GUARDS = ("sts:externalid", "aws:multifactorauthpresent")
REQUIRING: list[tuple[str, str, tuple[str, ...], Any, bool, str]] = [
    ("external-id", ACCOUNT, _GUARDS, {"StringEquals": {"sts:ExternalId": "x-1"}}, True, "a concrete external id"),
    ("external-id-ifexists", ACCOUNT, _GUARDS, {"StringEqualsIfExists": {"sts:ExternalId": "x-1"}}, False, "a caller that passes none passes"),
    ("external-id-star", ACCOUNT, _GUARDS, {"StringLike": {"sts:ExternalId": "*"}}, False, "any external id"),
    ("mfa", ACCOUNT, _GUARDS, {"Bool": {"aws:MultiFactorAuthPresent": "true"}}, True, "MFA required"),
    ("mfa-bool-true", ACCOUNT, _GUARDS, {"Bool": {"aws:MultiFactorAuthPresent": True}}, True, "YAML true reads as 'true'"),
    ("mfa-false", ACCOUNT, _GUARDS, {"Bool": {"aws:MultiFactorAuthPresent": "false"}}, False, "requires its absence of MFA"),
    ("mfa-ifexists", ACCOUNT, _GUARDS, {"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}, False, "long-term keys carry no MFA key and pass"),
    ("mfa-null", ACCOUNT, _GUARDS, {"Null": {"aws:MultiFactorAuthPresent": "false"}}, False, "present, but maybe false"),
    ("sub", FEDERATED, ("idp.example.com:sub",), {"StringEquals": {"idp.example.com:sub": "bot"}}, True, "one subject"),
    ("sub-ifexists", FEDERATED, ("idp.example.com:sub",), {"StringEqualsIfExists": {"idp.example.com:sub": "bot"}}, True, "every web identity token has a sub"),
    ("sub-negated", FEDERATED, ("idp.example.com:sub",), {"StringNotEquals": {"idp.example.com:sub": "bot"}}, False, "every other subject"),
    ("sub-other-provider", FEDERATED, ("idp.example.com:sub",), {"StringEquals": {"other.example.com:sub": "bot"}}, False, "another provider's claim"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("caller", "keys", "condition", "required", "why"), [c[1:] for c in REQUIRING], ids=[c[0] for c in REQUIRING]
)
def test_requiring_judges_any_key_set_like_narrowing(
    caller: str, keys: tuple[str, ...], condition: Any, required: bool, why: str
) -> None:
    required_keys, _ = requiring(conditions_of(condition, ("Condition",), Resolver(_TEMPLATE)), caller, keys)
    assert bool(required_keys) is required, why
