"""The policy-variable grammar of EA4023 and the text IAM receives from Fn::Sub / Fn::Join: CloudFormation's
own ${...} must never be read as IAM's."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lint_rules.documents._variables import variables
from lint_rules.model._texts import UNKNOWN_PART, iam_text


@pytest.mark.parametrize(
    ("node", "text"),
    [
        ("arn:aws:s3:::b/${aws:username}", "arn:aws:s3:::b/${aws:username}"),
        ({"Fn::Sub": "arn:${AWS::Partition}:s3:::${B}/${!aws:username}"}, "arn:\0:s3:::\0/${aws:username}"),
        ({"Fn::Sub": ["${!aws:userid}/${X}", {"X": "y"}]}, "${aws:userid}/\0"),
        ({"Fn::Sub": "a/${aws:username"}, "a/\0{aws:username"),  # not escaped: not IAM's to judge
        ({"Fn::Sub": "a/${}"}, "a/\0{}"),
        ({"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "B"}, "/${aws:userid}"]]}, "arn:aws:s3:::\0/${aws:userid}"),
        ({"Ref": "B"}, UNKNOWN_PART),
        (12, None),
        (["a"], None),
    ],
)
def test_iam_text(node: object, text: str | None) -> None:
    assert iam_text(node) == text


@pytest.mark.parametrize(
    ("text", "check"),
    [
        ("a/${aws:username}", None),
        ("a/${aws:PrincipalTag/team, 'company wide'}", None),
        ("${*}${?}${$}", None),
        ("a/${aws:username", "Missing brace in variable"),
        ("a/${aws:username/${aws:userid}", "Missing brace in variable"),
        ("a/${aws:user*}", "Unsupported symbol in variable"),
        ("a/${!aws:username}", "Unsupported symbol in variable"),
        ("a/${aws:PrincipalTag/team, shared}", "Missing quote in variable"),
        ("a/${aws:PrincipalTag/team, 'shared}", "Missing quote in variable"),
        ("a/${aws:user name}", "Unsupported space in variable"),
        ("a/${}", "Empty variable"),
        ("a/${ }", "Empty variable"),
        ("a/\0{aws:username", None),  # CloudFormation's, not IAM's
        ("a/${aws:PrincipalTag/\0}", None),  # a part filled in at deploy time
        ("a/${aws:username\0", None),  # the filled-in part may close it
    ],
)
def test_grammar(text: str, check: str | None) -> None:
    found = [variable.check for variable in variables(text)]
    if check is None:
        assert not any(found)
    else:
        assert found[0] == check


@given(st.text(alphabet="${}!'\0 ,a:/*", max_size=40))
def test_any_text_is_read(text: str) -> None:
    for variable in variables(text):
        assert variable.written.startswith("${")
