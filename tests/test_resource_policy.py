"""A function's resource-based policy as Lambda stores it: Deny statements of its ResourcePolicy credited
against its grants (a table of cases, each with the reason), and the size estimate."""

from __future__ import annotations

from typing import Any

import pytest

from lint_rules.model import POLICY_LIMIT, build, policy_sizes

_FUNCTION = {
    "Type": "AWS::Lambda::Function",
    "Properties": {"Runtime": "python3.12", "Handler": "i.h", "Role": "arn:aws:iam::123456789012:role/r"},
}
ORG = "o-a1b2c3d4e5"
ALLOW_ANY = {"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": "*"}
ALLOW_S3 = {"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "lambda:InvokeFunction"}


def _deny(condition: Any = None, **overrides: Any) -> dict[str, Any]:
    statement: dict[str, Any] = {"Effect": "Deny", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": "*"}
    if condition is not None:
        statement["Condition"] = condition
    statement.update(overrides)
    return statement


# (id, the granting statement, the Deny, "closed" | the credited narrowing key | None, why)
CASES: list[tuple[str, dict[str, Any], dict[str, Any], str | None, str]] = [
    ("unconditioned", ALLOW_ANY, _deny(), "closed", "a Deny on the same principal and action with no condition"),
    ("wildcard-action", ALLOW_ANY, _deny(Action="lambda:*"), "closed", "lambda:* covers lambda:InvokeFunction"),
    ("case", ALLOW_ANY, _deny(Action="LAMBDA:invoke*"), "closed", "actions match case-insensitively"),
    ("other-action", ALLOW_ANY, _deny(Action="lambda:GetFunction"), None, "the Deny does not cover invoke"),
    (
        "org",
        ALLOW_ANY,
        _deny({"StringNotEquals": {"aws:PrincipalOrgID": ORG}}),
        "aws:PrincipalOrgID",
        "only the organization passes",
    ),
    (
        "org-ifexists",
        ALLOW_ANY,
        _deny({"StringNotEqualsIfExists": {"aws:PrincipalOrgID": ORG}}),
        "aws:PrincipalOrgID",
        "absent key: denied too",
    ),
    (
        "source-arn",
        ALLOW_S3,
        _deny({"ArnNotLike": {"aws:SourceArn": "arn:aws:s3:::my-bucket"}}),
        "aws:SourceArn",
        "only that bucket passes",
    ),
    (
        "positive",
        ALLOW_ANY,
        _deny({"StringEquals": {"aws:PrincipalOrgID": ORG}}),
        None,
        "denies one organization, admits the rest",
    ),
    (
        "wildcard-value",
        ALLOW_ANY,
        _deny({"StringNotLike": {"aws:PrincipalOrgID": "*"}}),
        None,
        "a pattern matching every caller: the Deny never applies",
    ),
    (
        "two-tests",
        ALLOW_ANY,
        _deny({"StringNotEquals": {"aws:PrincipalOrgID": ORG, "aws:SourceAccount": "123456789012"}}),
        None,
        "applies only when both hold: stops fewer callers",
    ),
    (
        "other-key",
        ALLOW_ANY,
        _deny({"Bool": {"aws:SecureTransport": "false"}}),
        None,
        "not a key that names the caller",
    ),
    (
        "set-operator",
        ALLOW_ANY,
        _deny({"ForAllValues:StringNotEquals": {"aws:PrincipalOrgID": ORG}}),
        None,
        "set operators are not credited",
    ),
    (
        "not-principal",
        ALLOW_ANY,
        {**_deny(), "Principal": None, "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}},
        None,
        "NotPrincipal is not credited",
    ),
    (
        "other-principal",
        ALLOW_ANY,
        _deny(Principal={"Service": "s3.amazonaws.com"}),
        None,
        "denies S3 only; the grant is to everyone",
    ),
    (
        "same-service",
        ALLOW_S3,
        _deny(Principal={"Service": "s3.amazonaws.com"}),
        "closed",
        "the same principal, written the same way",
    ),
    ("allow-not-deny", ALLOW_ANY, {**_deny(), "Effect": "Allow"}, None, "only Deny statements close grants"),
]


def _model(*statements: dict[str, Any], permission: dict[str, Any] | None = None) -> Any:
    clean = [{k: v for k, v in s.items() if v is not None} for s in statements]
    resources: dict[str, Any] = {
        "Fn": _FUNCTION,
        "Policy": {
            "Type": "AWS::Lambda::ResourcePolicy",
            "Properties": {
                "ResourceArn": {"Fn::GetAtt": ["Fn", "Arn"]},
                "PolicyDocument": {"Version": "2012-10-17", "Statement": clean},
            },
        },
    }
    if permission is not None:
        resources["Permission"] = {"Type": "AWS::Lambda::Permission", "Properties": permission}
    return build({"Resources": resources})


@pytest.mark.parametrize(("case", "grant", "deny", "verdict", "why"), CASES, ids=[c[0] for c in CASES])
def test_deny_credit(case: str, grant: dict[str, Any], deny: dict[str, Any], verdict: str | None, why: str) -> None:
    model = _model(grant, deny)
    if verdict == "closed":
        assert model.invocations == [], why
        assert [i.denied_by for i in model.closed_invocations] == [
            [("Resources", "Policy", "Properties", "PolicyDocument", "Statement", 1)]
        ]
        return
    invocation = model.invocations[0]
    credited = {
        key
        for key, path in invocation.narrowing.items()
        if path[:6] == ("Resources", "Policy", "Properties", "PolicyDocument", "Statement", 1)
    }
    assert credited == ({verdict} if verdict else set()), why


def test_a_deny_closes_grants_of_permission_resources_too() -> None:
    permission = {"Action": "lambda:InvokeFunction", "FunctionName": {"Ref": "Fn"}, "Principal": "s3.amazonaws.com"}
    model = _model(_deny({"StringNotEquals": {"aws:SourceAccount": "123456789012"}}), permission=permission)
    [invocation] = model.invocations
    assert invocation.kind == "permission" and "aws:SourceAccount" in invocation.narrowing


def test_size_grows_with_each_grant_and_counts_resource_policy_statements() -> None:
    def sized(count: int) -> Any:
        resources: dict[str, Any] = {"Fn": _FUNCTION}
        for i in range(count):
            resources[f"P{i}"] = {
                "Type": "AWS::Lambda::Permission",
                "Properties": {
                    "Action": "lambda:InvokeFunction",
                    "FunctionName": {"Ref": "Fn"},
                    "Principal": "apigateway.amazonaws.com",
                    "SourceArn": f"arn:aws:execute-api:us-east-1:123456789012:abcdef0123/*/GET/items/{i}",
                },
            }
        [size] = policy_sizes(build({"Resources": resources}))
        return size

    one, fifty = sized(1), sized(50)
    assert one.statements == 1 and fifty.statements == 50
    # AWS reports about 350-420 bytes per API Gateway statement ("The final policy size (20851) is bigger than
    # the limit (20480)" with some fifty routes, aws/serverless-application-model#337): the estimate agrees.
    assert 300 * 49 < fifty.size - one.size < 450 * 49
    assert fifty.size > POLICY_LIMIT * 0.8 > one.size
    [written] = policy_sizes(_model(ALLOW_ANY, _deny()))
    assert written.statements == 2 and written.size > 100
