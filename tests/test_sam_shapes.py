"""EA4002's boundary with cfn-lint: each invalid SAM shape is reported once, by cfn-lint or by us."""

from __future__ import annotations

import pytest

from conftest import lint_text

_HEAD = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: s3://bucket/code.zip
"""


@pytest.mark.parametrize(
    ("properties", "expected"),
    [
        # cfn-lint reports these itself: we stay silent
        ("Policies: [[AWSLambdaBasicExecutionRole]]", ["9:18 E3012 ['AWSLambdaBasicExecutionRole'] is not of type"]),
        ("FunctionUrlConfig: 7", ["9:7 E3012 7 is not of type 'object'"]),
        ("FunctionUrlConfig: {}", ["9:7 E3003 'AuthType' is a required property"]),
        ("FunctionUrlConfig: {AuthType: null}", ["9:7 E3003 'AuthType' is a required property"]),
        ("FunctionUrlConfig: {AuthType: [NONE]}", ["9:27 E3012 ['NONE'] is not of type"]),
        # SAM accepts these
        ("Policies: null", []),
        ("FunctionUrlConfig: null", []),
        ("Policies: !Ref AWS::NoValue", []),
        ("Policies: [!Sub 'arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess']", []),
        # cfn-lint accepts these and the SAM translator rejects them: EA4002, once, at the value
        (
            "Policies: 4.5",
            [
                "9:7 EA4002 Policies of 'Fn' is 4.5 (a number); give a managed policy name or ARN, a policy document, "
                "a policy template or a list of these"
            ],
        ),
        (
            "Policies: [null]",
            [
                "9:7 EA4002 Policies entry 1 of 'Fn' is null; give a managed policy name or ARN, a policy document "
                "or a policy template"
            ],
        ),
        (
            "Policies: [{S3ReadPolicy: 5}]",
            [
                "9:19 EA4002 Policy template 'S3ReadPolicy' in Policies entry 1 of 'Fn' has parameters 5 (a number); "
                "write them as a mapping ({} when it takes none)"
            ],
        ),
        (
            "FunctionUrlConfig: {AuthType: {Type: NONE}}",
            [
                "9:27 EA4002 FunctionUrlConfig AuthType is a mapping, not AWS_IAM or NONE; set AuthType to AWS_IAM, "
                "or NONE for a public URL"
            ],
        ),
    ],
)
def test_each_shape_is_reported_once(properties: str, expected: list[str]) -> None:
    """``expected``: what reports the shape (a prefix of cfn-lint's finding, or all of ours); nothing else does."""
    found = lint_text(f"{_HEAD}      {properties}\n")
    ours = [line for line in found if " EA4" in line]
    if any(" EA4" in want for want in expected):
        assert ours == expected
        assert found == ours  # and cfn-lint says nothing
    else:
        assert ours == []
        for want in expected:
            assert any(line.startswith(want) for line in found), (want, found)


def test_an_explicit_role_does_not_hide_invalid_policies() -> None:
    """SAM ignores Policies when Role is set, but still rejects a Policies value of the wrong shape."""
    text = f"{_HEAD}      Role: arn:aws:iam::123456789012:role/app\n      Policies: [{{NotATemplate: {{}}}}]\n"
    assert lint_text(text) == [
        "10:18 EA4002 Policies entry 1 of 'Fn' is not a SAM policy template or document ('NotATemplate'); "
        "name a SAM policy template or add 'Statement'"
    ]
