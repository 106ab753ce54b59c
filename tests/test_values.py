"""The value reader, shape by shape: every intrinsic a template writes a value with (YAML short form, YAML
long form, JSON), loaded by cfn-lint's own decoder, gives these candidates, kinds and paths."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cfnlint.decode import decode_str

from lint_rules.model._values import MAX_CANDIDATES, UNKNOWN, Resolver

_HEAD: dict[str, Any] = {
    "Parameters": {
        "Partner": {"Type": "String", "Default": "111122223333", "AllowedValues": ["111122223333", "444455556666"]},
        "Free": {"Type": "String"},
        "Stored": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/partner/account"},
        "Names": {"Type": "CommaDelimitedList", "Default": "alpha, beta"},
    },
    "Conditions": {"Prod": {"Fn::Equals": ["a", "b"]}},
    "Mappings": {"Accounts": {"us-east-1": {"Audit": "555555555555"}, "eu-west-1": {"Audit": "666666666666"}}},
    "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
}
_ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"
V = ("Outputs", "O", "Value")

# name, short form (YAML), long form (JSON text), [(kind, text, path under Outputs/O/Value, or "map:<key>"
# for the Mappings entry Accounts/<key>/Audit)]
CASES: list[tuple[str, str, str, list[tuple[str, str | None, Any]]]] = [
    ("literal", "plain", '"plain"', [("literal", "plain", ())]),
    ("ref-parameter", "!Ref Partner", '{"Ref": "Partner"}',
     [("parameter", "111122223333", ()), ("parameter", "444455556666", ())]),
    ("ref-parameter-no-default", "!Ref Free", '{"Ref": "Free"}', [("unknown", None, ())]),
    ("ref-ssm-parameter", "!Ref Stored", '{"Ref": "Stored"}', [("unknown", None, ())]),
    ("ref-account", "!Ref AWS::AccountId", '{"Ref": "AWS::AccountId"}', [("own", "<own-account>", ())]),
    ("ref-partition", "!Ref AWS::Partition", '{"Ref": "AWS::Partition"}', [("literal", "aws", ())]),
    ("sub-partition", "!Sub 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess'",
     '{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess"}', [("literal", _ADMIN, ())]),
    ("sub-partition-foreign-account", "!Sub 'arn:${AWS::Partition}:iam::111122223333:root'",
     '{"Fn::Sub": "arn:${AWS::Partition}:iam::111122223333:root"}',
     [("literal", "arn:aws:iam::111122223333:root", ())]),
    ("sub-account", "!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root'",
     '{"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}',
     [("own", "arn:aws:iam::<own-account>:root", ())]),
    ("sub-parameter", "!Sub 'arn:aws:iam::${Partner}:root'", '{"Fn::Sub": "arn:aws:iam::${Partner}:root"}',
     [("parameter", "arn:aws:iam::111122223333:root", ()), ("parameter", "arn:aws:iam::444455556666:root", ())]),
    ("sub-ssm-parameter", "!Sub 'arn:aws:iam::${Stored}:root'", '{"Fn::Sub": "arn:aws:iam::${Stored}:root"}',
     [("unknown", None, ())]),
    ("sub-attribute", "!Sub '${Topic.TopicName}-x'", '{"Fn::Sub": "${Topic.TopicName}-x"}', [("unknown", None, ())]),
    ("sub-escaped", "!Sub 'a-${!Literal}'", '{"Fn::Sub": "a-${!Literal}"}', [("literal", "a-${Literal}", ())]),
    ("sub-variable-map", "!Sub ['arn:aws:iam::${Acct}:root', {Acct: !Ref Partner}]",
     '{"Fn::Sub": ["arn:aws:iam::${Acct}:root", {"Acct": {"Ref": "Partner"}}]}',
     [("parameter", "arn:aws:iam::111122223333:root", ("Fn::Sub", 1, "Acct")),
      ("parameter", "arn:aws:iam::444455556666:root", ("Fn::Sub", 1, "Acct"))]),
    ("join-cdk", "!Join ['', ['arn:', !Ref AWS::Partition, ':iam::aws:policy/AdministratorAccess']]",
     '{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/AdministratorAccess"]]}',
     [("literal", _ADMIN, ())]),
    ("join-account", "!Join ['', ['arn:aws:iam::', !Ref AWS::AccountId, ':root']]",
     '{"Fn::Join": ["", ["arn:aws:iam::", {"Ref": "AWS::AccountId"}, ":root"]]}',
     [("own", "arn:aws:iam::<own-account>:root", ("Fn::Join", 1, 1))]),
    ("join-parameter", "!Join [':', ['arn:aws:iam:', !Ref Partner, root]]",
     '{"Fn::Join": [":", ["arn:aws:iam:", {"Ref": "Partner"}, "root"]]}',
     [("parameter", "arn:aws:iam::111122223333:root", ("Fn::Join", 1, 1)),
      ("parameter", "arn:aws:iam::444455556666:root", ("Fn::Join", 1, 1))]),
    ("join-if", "!Join [':', [a, !If [Prod, x, y]]]", '{"Fn::Join": [":", ["a", {"Fn::If": ["Prod", "x", "y"]}]]}',
     [("literal", "a:x", ("Fn::Join", 1, 1, "Fn::If", 1)), ("literal", "a:y", ("Fn::Join", 1, 1, "Fn::If", 2))]),
    ("join-import", "!Join ['', [a, !ImportValue Shared]]", '{"Fn::Join": ["", ["a", {"Fn::ImportValue": "Shared"}]]}',
     [("unknown", None, ("Fn::Join", 1, 1))]),
    ("join-split", "!Join ['-', !Split [',', 'p,q']]", '{"Fn::Join": ["-", {"Fn::Split": [",", "p,q"]}]}',
     [("literal", "p-q", ())]),
    ("if", "!If [Prod, x, !Ref AWS::NoValue]", '{"Fn::If": ["Prod", "x", {"Ref": "AWS::NoValue"}]}',
     [("literal", "x", ("Fn::If", 1))]),
    ("select-list", "!Select [1, [p, q, r]]", '{"Fn::Select": [1, ["p", "q", "r"]]}', [("literal", "q", ("Fn::Select", 1, 1))]),
    ("select-split", "!Select [2, !Split [':', 'arn:aws:s3']]", '{"Fn::Select": [2, {"Fn::Split": [":", "arn:aws:s3"]}]}',
     [("literal", "s3", ("Fn::Select", 1, "Fn::Split", 1))]),
    ("select-list-parameter", "!Select [1, !Ref Names]", '{"Fn::Select": [1, {"Ref": "Names"}]}',
     [("parameter", "beta", ("Fn::Select", 1))]),
    ("select-out-of-range", "!Select [5, [p]]", '{"Fn::Select": [5, ["p"]]}', [("unknown", None, ())]),
    ("select-azs", "!Select [0, !GetAZs '']", '{"Fn::Select": [0, {"Fn::GetAZs": ""}]}', [("unknown", None, ())]),
    ("find-in-map", "!FindInMap [Accounts, us-east-1, Audit]", '{"Fn::FindInMap": ["Accounts", "us-east-1", "Audit"]}',
     [("literal", "555555555555", "map:us-east-1")]),
    ("find-in-map-region", "!FindInMap [Accounts, !Ref AWS::Region, Audit]",
     '{"Fn::FindInMap": ["Accounts", {"Ref": "AWS::Region"}, "Audit"]}',
     [("literal", "555555555555", "map:us-east-1"), ("literal", "666666666666", "map:eu-west-1")]),
    ("find-in-map-missing", "!FindInMap [Accounts, nowhere, Audit]", '{"Fn::FindInMap": ["Accounts", "nowhere", "Audit"]}',
     [("unknown", None, ())]),
    ("import-value", "!ImportValue Shared", '{"Fn::ImportValue": "Shared"}', [("unknown", None, ())]),
    ("get-att", "!GetAtt Topic.TopicName", '{"Fn::GetAtt": ["Topic", "TopicName"]}', [("unknown", None, ())]),
]  # fmt: skip


def _template(form: str, short: str, long: str) -> dict[str, Any]:
    """A template whose output O has the value, written in the form asked, loaded by cfn-lint."""
    if form == "json":
        text = json.dumps({**_HEAD, "Outputs": {"O": {"Value": json.loads(long)}}}, indent=2)
    else:
        text = _block_yaml(short if form == "short" else long)
    template, matches = decode_str(text)
    assert not matches, matches
    assert template is not None
    return template


def _block_yaml(value: str) -> str:
    lines = [f"{key}: {json.dumps(section)}" for key, section in _HEAD.items()]
    return "\n".join([*lines, "Outputs:", "  O:", f"    Value: {value}", ""])


@pytest.mark.parametrize("form", ["short", "long", "json"])
@pytest.mark.parametrize(("name", "short", "long", "expected"), CASES, ids=[case[0] for case in CASES])
def test_value_shapes(name: str, short: str, long: str, expected: list[tuple[Any, ...]], form: str) -> None:
    template = _template(form, short, long)
    found = Resolver(template).strings(template["Outputs"]["O"]["Value"], V)
    want = [
        (kind, text, ("Mappings", "Accounts", where[4:], "Audit") if isinstance(where, str) else (*V, *where))
        for kind, text, where in expected
    ]
    assert [(value.kind, value.text, value.path) for value in found] == want


def test_parameter_candidates_name_the_parameter() -> None:
    template = _template("short", "!Sub 'arn:aws:iam::${Partner}:root'", "")
    found = Resolver(template).strings(template["Outputs"]["O"]["Value"], V)
    assert {value.parameter for value in found} == {"Partner"}
    assert found[0].describe() == "'arn:aws:iam::111122223333:root' from parameter 'Partner'"


def test_pseudo_parameters_are_quoted_as_written() -> None:
    template = _template("short", "!Sub 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*'", "")
    (found,) = Resolver(template).strings(template["Outputs"]["O"]["Value"], V)
    assert found.describe() == "'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:*'"


def test_candidates_are_capped() -> None:
    # seven Fn::If parts of two branches each: 128 strings, read as 63 and one unknown
    parts = ", ".join(["!If [Prod, a, b]"] * 7)
    template = _template("short", f"!Join ['', [{parts}]]", "")
    found = Resolver(template).strings(template["Outputs"]["O"]["Value"], V)
    assert len(found) == MAX_CANDIDATES
    assert found[-1].kind == UNKNOWN and all(value.text is not None for value in found[:-1])


def test_deep_nesting_is_unknown_not_a_crash() -> None:
    value = "x"
    for _ in range(60):
        value = "{Fn::Join: ['', [" + value + "]]}"
    template = _template("short", value, "")
    (found,) = Resolver(template).strings(template["Outputs"]["O"]["Value"], V)
    assert found.kind == UNKNOWN


def test_list_parameter_elements() -> None:
    template = _template("short", "!Ref Names", "")
    found = Resolver(template).string_list(template["Outputs"]["O"]["Value"], V)
    assert [(value.kind, value.text) for value in found] == [("parameter", "alpha"), ("parameter", "beta")]
