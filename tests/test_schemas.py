"""The JSON schemas are valid schemas, and validate what IAM accepts and rejects."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT
from lint_rules.model._schemas import SCHEMA_NAMES, validate

SCHEMA_FILES = sorted((ROOT / "schemas").glob("*.json"))


def test_every_schema_file_is_registered() -> None:
    assert sorted(path.stem for path in SCHEMA_FILES) == sorted(SCHEMA_NAMES)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=[p.name for p in SCHEMA_FILES])
def test_schema_is_a_valid_draft_2020_12_schema(path: Any) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"urn:cfn-lint-lambda-auth:schemas:{path.stem}"
    assert schema.get("title") and schema.get("description")


VALID = {
    "identity": {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject", {"Ref": "Extra"}], "Resource": {"Fn::Sub": "${B.Arn}/*"}},
            {"Fn::If": ["C", {"Effect": "Deny", "NotAction": "iam:*", "NotResource": "*"}, {"Ref": "AWS::NoValue"}]},
        ],
    },
    "resource": {
        "Statement": {
            "Effect": "Allow",
            "Principal": {"Service": "s3.amazonaws.com"},
            "Action": "lambda:InvokeFunction",
            "Resource": "*",
            "Condition": {"ArnLike": {"aws:SourceArn": ["arn:aws:s3:::b", {"Ref": "X"}]}, "Bool": {"k": True}},
        }
    },
    "trust": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]},
    "lambda-permission": {"Action": "lambda:InvokeFunction", "FunctionName": {"Ref": "F"}, "Principal": "*"},
}


@pytest.mark.parametrize("kind", sorted(VALID))
def test_valid_documents_pass(kind: str) -> None:
    assert validate(kind, VALID[kind], ("P",)) == []


INVALID = [
    (
        "identity",
        {"Statement": [{"Effect": "Allow", "Actions": "s3:*", "Resource": "*"}]},
        ("P", "Statement", 0, "Actions"),
        "Statement 1 has unknown key 'Actions'; did you mean 'Action'?",
    ),
    (
        "identity",
        {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Principal": "*"}]},
        ("P", "Statement", 0, "Principal"),
        "Statement 1 Principal is not allowed in an identity policy (it applies to the identity it is attached to);"
        " remove 'Principal'",
    ),
    (
        "identity",
        {"Statement": [{"Effect": "allow", "Action": "s3:*", "Resource": "*"}]},
        ("P", "Statement", 0, "Effect"),
        "Statement 1 Effect is 'allow'; use 'Allow' or 'Deny'",
    ),
    (
        "identity",
        {"Statement": [{"Effect": "Allow", "Action": 5, "Resource": "*"}]},
        ("P", "Statement", 0, "Action"),
        "Statement 1 Action is a number, not a valid value; use a string or a list of strings",
    ),
    (
        "identity",
        {"Version": "2012-10-17"},
        ("P",),
        "The policy document has no 'Statement', which IAM requires; add a Statement list",
    ),
    (
        "trust",
        {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Resource": "*"}]},
        ("P", "Statement", 0, "Resource"),
        "Statement 1 Resource is not allowed in a trust policy (its resource is the role itself); remove 'Resource'",
    ),
    (
        "resource",
        {"Statement": [{"Effect": "Allow", "Principal": {"Aws": "*"}, "Action": "lambda:*", "Resource": "*"}]},
        ("P", "Statement", 0, "Principal", "Aws"),
        "Statement 1 Principal has unknown key 'Aws'; did you mean 'AWS'?",
    ),
    (
        "resource",
        {"Statement": [{"Effect": "Allow", "Action": "lambda:*", "Resource": "*"}]},
        ("P", "Statement", 0),
        "Statement 1 has neither 'Principal' nor 'NotPrincipal', which IAM requires; add 'Principal'",
    ),
    (  # a trust statement lacks no Resource: the missing pair is the one named, not the first absent one
        "trust",
        {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole"}]},
        ("P", "Statement", 0),
        "Statement 1 has neither 'Principal' nor 'NotPrincipal', which IAM requires; add 'Principal'",
    ),
    (
        "trust",
        {"Statement": [{"Effect": "Allow", "Principal": "*", "NotPrincipal": "*", "Action": "sts:AssumeRole"}]},
        ("P", "Statement", 0, "NotPrincipal"),
        "Statement 1 has both 'Principal' and 'NotPrincipal', which IAM does not accept in one statement; keep only one"
        " of them",
    ),
    (  # several keys missing at one place: one finding naming them all
        "resource",
        {"Statement": [{"Resource": "*"}]},
        ("P", "Statement", 0),
        "Statement 1 has no 'Effect', 'Action' or 'Principal', which IAM requires; add them",
    ),
    (  # a misspelt Statement is reported as the unknown key, not also as a missing Statement
        "resource",
        {"Version": "2012-10-17", "Statements": []},
        ("P", "Statements"),
        "The policy document has unknown key 'Statements'; did you mean 'Statement'?",
    ),
    (
        "resource",
        {"Statement": [{"Effect": "Allow", "Principal": {}, "Action": "lambda:*", "Resource": "*"}]},
        ("P", "Statement", 0, "Principal"),
        "Statement 1 Principal is an empty mapping, so the statement matches no principal; name one under AWS,"
        " Service, Federated or CanonicalUser",
    ),
    (
        "resource",
        {"Statement": [{"Effect": "Allow", "Principal": "123456789012", "Action": "lambda:*", "Resource": "*"}]},
        ("P", "Statement", 0, "Principal"),
        "Statement 1 Principal is the string '123456789012', not '*' or a mapping; name the kind of principal, such"
        " as AWS: '123456789012'",
    ),
    (
        "identity",
        {"Version": 2012, "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]},
        ("P", "Version"),
        "'Version' is the number 2012, not a policy language version; use '2012-10-17' or '2008-10-17'",
    ),
    (
        "identity",
        {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"a:b": {}}}}]},
        ("P", "Statement", 0, "Condition", "Bool", "a:b"),
        "Statement 1 Condition Bool a:b is a mapping, not a valid value; use a string, number or boolean, or a list"
        " of them",
    ),
]


@pytest.mark.parametrize(("kind", "document", "path", "message"), INVALID)
def test_invalid_documents_report_one_error_at_the_key(kind: str, document: Any, path: Any, message: str) -> None:
    errors = validate(kind, document, ("P",))
    assert [(error.path, error.message) for error in errors] == [(path, message)]
