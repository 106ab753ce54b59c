"""Federated trust on a table: for each identity provider, a correct and incorrect condition sets, and
which claims the model says are missing, loose or too broad (EA3006: subject, WA3007: audience)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import lint_text
from lint_rules.model import AUDIENCE, SUBJECT, build, federation_gaps

GITHUB = "token.actions.githubusercontent.com"
EKS = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
COGNITO = "cognito-identity.amazonaws.com"
POOL = "eu-west-1:12345678-1234-1234-1234-123456789012"
OIDC_ARN = {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/%s"}


def _oidc(host: str) -> dict[str, Any]:
    return {"Fn::Sub": OIDC_ARN["Fn::Sub"] % host}


# (id, Federated principal, Condition, expected gaps as (rule, claim key, kind: missing|loose|broad))
CASES: list[tuple[str, Any, Any, set[tuple[str, str, str]]]] = [
    ("github-ok", _oidc(GITHUB), {"StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com", f"{GITHUB}:sub": "repo:o/r:ref:refs/heads/main"}}, set()),
    ("github-ok-like", _oidc(GITHUB), {"StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com"}, "StringLike": {f"{GITHUB}:sub": "repo:o/r:*"}}, set()),
    ("github-literal-star", _oidc(GITHUB), {"StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com", f"{GITHUB}:sub": "repo:o/*"}}, set()),
    ("github-none", _oidc(GITHUB), None, {(SUBJECT, f"{GITHUB}:sub", "missing"), (AUDIENCE, f"{GITHUB}:aud", "missing")}),
    ("github-owner", _oidc(GITHUB), {"StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com"}, "StringLike": {f"{GITHUB}:sub": "repo:o/*"}}, {(SUBJECT, f"{GITHUB}:sub", "broad")}),
    ("github-any-repo", _oidc(GITHUB), {"StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com"}, "StringLike": {f"{GITHUB}:sub": "repo:*"}}, {(SUBJECT, f"{GITHUB}:sub", "broad")}),
    ("github-star", _oidc(GITHUB), {"StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com"}, "StringLike": {f"{GITHUB}:sub": "*"}}, {(SUBJECT, f"{GITHUB}:sub", "loose")}),
    ("github-negated", _oidc(GITHUB), {"StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com"}, "StringNotEquals": {f"{GITHUB}:sub": "repo:o/r:*"}}, {(SUBJECT, f"{GITHUB}:sub", "loose")}),
    ("github-if-branch", _oidc(GITHUB), {"Fn::If": ["C", {"StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com", f"{GITHUB}:sub": "repo:o/r:*"}}, {"StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com"}}]}, {(SUBJECT, f"{GITHUB}:sub", "missing")}),
    ("github-provider-unresolved", {"Ref": "Provider"}, {"StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com"}}, {(SUBJECT, f"{GITHUB}:sub", "missing")}),
    ("cognito-ok", COGNITO, {"StringEquals": {f"{COGNITO}:aud": POOL}, "ForAnyValue:StringLike": {f"{COGNITO}:amr": "authenticated"}}, set()),
    ("cognito-guests-ok", COGNITO, {"StringEquals": {f"{COGNITO}:aud": POOL}, "ForAnyValue:StringLike": {f"{COGNITO}:amr": "unauthenticated"}}, set()),
    ("cognito-no-aud", COGNITO, {"ForAnyValue:StringLike": {f"{COGNITO}:amr": "authenticated"}}, {(SUBJECT, f"{COGNITO}:aud", "missing")}),
    ("cognito-no-amr", COGNITO, {"StringEquals": {f"{COGNITO}:aud": POOL}}, {(AUDIENCE, f"{COGNITO}:amr", "missing")}),
    ("cognito-aud-star", COGNITO, {"StringLike": {f"{COGNITO}:aud": "*"}, "ForAnyValue:StringLike": {f"{COGNITO}:amr": "authenticated"}}, {(SUBJECT, f"{COGNITO}:aud", "loose")}),
    ("eks-ok", _oidc(EKS), {"StringEquals": {f"{EKS}:aud": "sts.amazonaws.com", f"{EKS}:sub": "system:serviceaccount:ns:sa"}}, set()),
    ("eks-any-sa-of-namespace", _oidc(EKS), {"StringEquals": {f"{EKS}:aud": "sts.amazonaws.com"}, "StringLike": {f"{EKS}:sub": "system:serviceaccount:ns:*"}}, set()),
    ("eks-any-namespace", _oidc(EKS), {"StringEquals": {f"{EKS}:aud": "sts.amazonaws.com"}, "StringLike": {f"{EKS}:sub": "system:serviceaccount:*"}}, {(SUBJECT, f"{EKS}:sub", "broad")}),
    ("eks-no-sub", _oidc(EKS), {"StringEquals": {f"{EKS}:aud": "sts.amazonaws.com"}}, {(SUBJECT, f"{EKS}:sub", "missing")}),
    ("eks-no-aud", _oidc(EKS), {"StringEquals": {f"{EKS}:sub": "system:serviceaccount:ns:sa"}}, {(AUDIENCE, f"{EKS}:aud", "missing")}),
    ("gitlab-ok", _oidc("gitlab.com"), {"StringLike": {"gitlab.com:sub": "project_path:g/p:ref_type:branch:ref:main"}}, set()),
    ("gitlab-group", _oidc("gitlab.com"), {"StringLike": {"gitlab.com:sub": "project_path:g/*"}}, {(SUBJECT, "gitlab.com:sub", "broad")}),
    ("gitlab-none", _oidc("gitlab.com"), None, {(SUBJECT, "gitlab.com:sub", "missing")}),
    ("terraform-ok", _oidc("app.terraform.io"), {"StringEquals": {"app.terraform.io:aud": "aws.workload.identity"}, "StringLike": {"app.terraform.io:sub": "organization:o:project:p:workspace:*:run_phase:*"}}, set()),
    ("terraform-any-org", _oidc("app.terraform.io"), {"StringEquals": {"app.terraform.io:aud": "aws.workload.identity"}, "StringLike": {"app.terraform.io:sub": "organization:*"}}, {(SUBJECT, "app.terraform.io:sub", "broad")}),
    ("terraform-no-aud", _oidc("app.terraform.io"), {"StringLike": {"app.terraform.io:sub": "organization:o:project:p:*"}}, {(AUDIENCE, "app.terraform.io:aud", "missing")}),
    ("google-ok", "accounts.google.com", {"StringEquals": {"accounts.google.com:aud": "client.apps.googleusercontent.com"}}, set()),
    ("google-none", "accounts.google.com", None, {(SUBJECT, "accounts.google.com:aud", "missing")}),
    ("generic-ok", _oidc("idp.example.com"), {"StringEquals": {"idp.example.com:sub": "deploy-bot"}}, set()),
    ("generic-no-sub", _oidc("idp.example.com"), {"StringEquals": {"idp.example.com:aud": "client"}}, {(SUBJECT, "idp.example.com:sub", "missing")}),
    ("saml-ok", {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:saml-provider/corp"}, {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}, set()),
    ("saml-none", {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:saml-provider/corp"}, None, {(AUDIENCE, "SAML:aud", "missing")}),
    ("saml-provider-resource", {"Ref": "Saml"}, None, {(AUDIENCE, "SAML:aud", "missing")}),
]  # fmt: skip


def _template(federated: Any, condition: Any) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "Effect": "Allow",
        "Principal": {"Federated": federated},
        "Action": "sts:AssumeRoleWithWebIdentity",
    }
    if condition is not None:
        statement["Condition"] = condition
    return {
        "Parameters": {"Provider": {"Type": "String"}},
        "Resources": {
            "Saml": {"Type": "AWS::IAM::SAMLProvider", "Properties": {"SamlMetadataDocument": "x"}},
            "Role": {
                "Type": "AWS::IAM::Role",
                "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [statement]}},
            },
        },
    }


@pytest.mark.parametrize(("federated", "condition", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_federation_gaps(federated: Any, condition: Any, expected: set[tuple[str, str, str]]) -> None:
    model = build(_template(federated, condition))
    [statement] = model.identities["Role"].trust[0].statements
    found = {
        (gap.requirement.rule, gap.key, "broad" if gap.broad else "loose" if gap.reason else "missing")
        for gap in federation_gaps(statement)
    }
    assert found == expected


def test_sam_implicit_role_triggers_no_trust_rule() -> None:
    template = """
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Function:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Tracing: Active
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: arn:aws:sqs:us-east-1:111122223333:orders
"""
    assert [line for line in lint_text(template) if "A30" in line] == []
