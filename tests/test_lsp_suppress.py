"""The suppression edit on its own: exact text out, one insertion, and real cfn-lint agrees it suppresses."""

from __future__ import annotations

import pytest
from cfnlint.decode.decode import decode_str

from conftest import lint_text
from lint_rules.lsp._fixes import auth_type_edit, rename_key_edit, source_account_edit
from lint_rules.lsp._suppress import suppress_edit

_PERMISSION = "    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: fn\n      Principal: '*'\n"
_JSON_PROPERTIES = '"Properties": {"Action": "lambda:InvokeFunction", "FunctionName": "fn", "Principal": "*"}'

CASES = {
    "yaml block, no Metadata: inserted after Type": (
        "Resources:\n  P:\n    Type: AWS::Lambda::Permission  # keep me\n" + _PERMISSION,
        "Resources:\n  P:\n    Type: AWS::Lambda::Permission  # keep me\n"
        "    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks:\n            - EA1002\n"
        + _PERMISSION,
    ),
    "yaml block, Metadata with other keys": (
        "Resources:\n  P:\n    Metadata:\n      Owner: me\n    Type: AWS::Lambda::Permission\n" + _PERMISSION,
        "Resources:\n  P:\n    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks:\n"
        "            - EA1002\n      Owner: me\n    Type: AWS::Lambda::Permission\n" + _PERMISSION,
    ),
    "yaml block list extended": (
        "Resources:\n  P:\n    Type: AWS::Lambda::Permission\n    Metadata:\n      cfn-lint:\n        config:\n"
        "          ignore_checks:\n          - E3012\n" + _PERMISSION,
        "Resources:\n  P:\n    Type: AWS::Lambda::Permission\n    Metadata:\n      cfn-lint:\n        config:\n"
        "          ignore_checks:\n          - E3012\n          - EA1002\n" + _PERMISSION,
    ),
    "yaml flow list extended": (
        "Resources:\n  P:\n    Type: AWS::Lambda::Permission\n"
        "    Metadata: {cfn-lint: {config: {ignore_checks: [E3012]}}}\n" + _PERMISSION,
        "Resources:\n  P:\n    Type: AWS::Lambda::Permission\n"
        "    Metadata: {cfn-lint: {config: {ignore_checks: [E3012, EA1002]}}}\n" + _PERMISSION,
    ),
    "yaml flow resource": (
        "Resources:\n  P: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, "
        "FunctionName: fn, Principal: '*'}}\n",
        "Resources:\n  P: {Metadata: {cfn-lint: {config: {ignore_checks: [EA1002]}}}, Type: AWS::Lambda::Permission, "
        "Properties: {Action: lambda:InvokeFunction, FunctionName: fn, Principal: '*'}}\n",
    ),
    "json, no Metadata": (
        '{\n  "Resources": {\n    "P": {\n      "Type": "AWS::Lambda::Permission",\n      '
        + _JSON_PROPERTIES
        + "\n    }\n  }\n}\n",
        '{\n  "Resources": {\n    "P": {\n      "Metadata": {"cfn-lint": {"config": {"ignore_checks": ["EA1002"]}}},'
        '\n      "Type": "AWS::Lambda::Permission",\n      ' + _JSON_PROPERTIES + "\n    }\n  }\n}\n",
    ),
    "json, config without ignore_checks": (
        '{"Resources": {"P": {"Type": "AWS::Lambda::Permission", "Metadata": {"cfn-lint": {"config": '
        '{"regions": ["us-east-1"]}}}, ' + _JSON_PROPERTIES + "}}}",
        '{"Resources": {"P": {"Type": "AWS::Lambda::Permission", "Metadata": {"cfn-lint": {"config": '
        '{"ignore_checks": ["EA1002"], "regions": ["us-east-1"]}}}, ' + _JSON_PROPERTIES + "}}}",
    ),
    "json list extended": (
        '{"Resources": {"P": {"Type": "AWS::Lambda::Permission", "Metadata": {"cfn-lint": {"config": '
        '{"ignore_checks": ["E3012"]}}}, ' + _JSON_PROPERTIES + "}}}",
        '{"Resources": {"P": {"Type": "AWS::Lambda::Permission", "Metadata": {"cfn-lint": {"config": '
        '{"ignore_checks": ["E3012", "EA1002"]}}}, ' + _JSON_PROPERTIES + "}}}",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_suppress_edit(name: str) -> None:
    before, after = CASES[name]
    assert any(" EA1002 " in line for line in lint_text(before)), lint_text(before)
    decoded, errors = decode_str(before)
    assert not errors
    edit = suppress_edit(before, decoded, "P", "EA1002")
    assert edit is not None
    offset, inserted = edit
    assert before[:offset] + inserted + before[offset:] == after
    assert not any(" EA1002 " in line for line in lint_text(after))


def test_no_edit_when_already_listed_or_unknown() -> None:
    text = CASES["yaml flow list extended"][1]
    decoded, _ = decode_str(text)
    assert suppress_edit(text, decoded, "P", "EA1002") is None
    assert suppress_edit(text, decoded, "Missing", "EA1002") is None


FIX_CASES = {
    "yaml block": (
        "Resources:\n  P:\n    Type: AWS::Lambda::Permission\n" + _PERMISSION,
        "Resources:\n  P:\n    Type: AWS::Lambda::Permission\n"
        + _PERMISSION
        + "      SourceAccount: !Ref AWS::AccountId\n",
    ),
    "yaml flow": (
        "Resources:\n  P:\n    Type: AWS::Lambda::Permission\n"
        "    Properties: {Action: lambda:InvokeFunction, FunctionName: fn, Principal: '*'}\n",
        "Resources:\n  P:\n    Type: AWS::Lambda::Permission\n"
        "    Properties: {Action: lambda:InvokeFunction, FunctionName: fn, Principal: '*', "
        "SourceAccount: !Ref AWS::AccountId}\n",
    ),
    "json": (
        '{"Resources": {"P": {"Type": "AWS::Lambda::Permission", ' + _JSON_PROPERTIES + "}}}",
        '{"Resources": {"P": {"Type": "AWS::Lambda::Permission", '
        + _JSON_PROPERTIES.replace('"*"}', '"*", "SourceAccount": {"Ref": "AWS::AccountId"}}')
        + "}}}",
    ),
}


@pytest.mark.parametrize("name", sorted(FIX_CASES))
def test_source_account_fix(name: str) -> None:
    before, after = FIX_CASES[name]
    assert any(" EA1002 " in line for line in lint_text(before))
    decoded, _ = decode_str(before)
    edit = source_account_edit(before, decoded, "P")
    assert edit is not None
    offset, inserted = edit
    assert before[:offset] + inserted + before[offset:] == after
    assert lint_text(after) == []  # nothing else: cfn-lint accepts it as it stands


def test_no_source_account_fix_when_already_narrowed() -> None:
    text = FIX_CASES["yaml block"][1]
    decoded, _ = decode_str(text)
    assert source_account_edit(text, decoded, "P") is None


_URL = "Resources:\n  Url:\n    Type: AWS::Lambda::Url\n    Properties:\n      TargetFunctionArn: arn:aws:lambda:us-east-1:111122223333:function:fn\n"
_SAM = (
    "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n"
    "    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n"
)
AUTH_CASES = {
    "yaml block": ("Url", _URL + "      AuthType: NONE  # public\n", "AWS_IAM  # public\n", ""),
    "yaml quoted": ("Url", _URL + "      AuthType: 'NONE'\n", "'AWS_IAM'\n", ""),
    "yaml flow": (
        "Url",
        "Resources:\n  Url: {Type: AWS::Lambda::Url, Properties: {AuthType: NONE, "
        "TargetFunctionArn: arn:aws:lambda:us-east-1:111122223333:function:fn}}\n",
        "AWS_IAM, ",
        "",
    ),
    "json": (
        "Url",
        '{"Resources": {"Url": {"Type": "AWS::Lambda::Url", "Properties": {"AuthType": "NONE", '
        '"TargetFunctionArn": "arn:aws:lambda:us-east-1:111122223333:function:fn"}}}}\n',
        '"AWS_IAM", ',
        "",
    ),
    "sam FunctionUrlConfig": ("Fn", _SAM + "      FunctionUrlConfig:\n        AuthType: NONE\n", "AWS_IAM\n", ""),
    "Fn::If branch": (
        "Url",
        "Conditions:\n  Open: !Equals [!Ref AWS::Region, us-east-1]\n"
        + _URL
        + "      AuthType: !If [Open, NONE, AWS_IAM]\n",
        "AWS_IAM, AWS_IAM]\n",
        " when the condition is true",
    ),
}


@pytest.mark.parametrize("name", sorted(AUTH_CASES))
def test_auth_type_fix(name: str) -> None:
    """The NONE literal becomes AWS_IAM in place (quotes kept, the rest byte for byte); WA1001 is then gone."""
    logical_id, before, tail, where = AUTH_CASES[name]
    (finding,) = [line for line in lint_text(before) if " WA1001 " in line]
    line, column = (int(part) - 1 for part in finding.split(" ", 1)[0].split(":"))
    decoded, errors = decode_str(before)
    assert not errors
    edit = auth_type_edit(before, decoded, logical_id, (line, column))
    assert edit is not None
    start, end, replacement, got_where = edit
    after = before[:start] + replacement + before[end:]
    assert before[:start].count("\n") == line  # the edit is at the finding
    assert after[start:].startswith(tail) and got_where == where
    assert before[:start] == after[:start] and before[end:] == after[start + len(replacement) :]
    assert not any(" WA1001 " in found for found in lint_text(after))


def test_no_auth_type_fix_for_a_parameter_or_elsewhere() -> None:
    text = "Parameters:\n  Auth:\n    Type: String\n    Default: NONE\n" + _URL + "      AuthType: !Ref Auth\n"
    (finding,) = [line for line in lint_text(text) if " WA1001 " in line]
    line, column = (int(part) - 1 for part in finding.split(" ", 1)[0].split(":"))
    decoded, _ = decode_str(text)
    assert auth_type_edit(text, decoded, "Url", (line, column)) is None  # the parameter decides, not this line
    plain = _URL + "      AuthType: NONE\n"
    decoded, _ = decode_str(plain)
    assert auth_type_edit(plain, decoded, "Url", (0, 0)) is None  # not the finding's position
    assert auth_type_edit(plain, decoded, "Missing", (5, 16)) is None


_FN = _SAM  # a SAM function: SAM passes its inline policies to IAM unchecked (EA4001's)
RENAME_CASES = {
    "yaml block": (
        _FN + "      Policies:\n        - Statement:\n            - Effect: Allow\n"
        "              Actions: s3:GetObject\n              Resource: arn:aws:s3:::reports/*\n",
        "Action: s3:GetObject",
    ),
    "yaml flow, quoted": (
        _FN
        + "      Policies: [{Statement: [{Effect: Allow, 'Actions': s3:GetObject, Resource: 'arn:aws:s3:::reports/*'}]}]\n",
        "'Action': s3:GetObject",
    ),
    "json": (
        '{"Transform": "AWS::Serverless-2016-10-31", "Resources": {"Fn": {"Type": "AWS::Serverless::Function", '
        '"Properties": {"Runtime": "python3.12", "Handler": "app.handler", "CodeUri": "src/", "Policies": '
        '[{"Statement": [{"Effect": "Allow", "Actions": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}]}}}}\n',
        '"Action": "s3:GetObject"',
    ),
}


def _first(text: str, rule_id: str) -> tuple[tuple[int, int], str]:
    (finding,) = [line for line in lint_text(text) if f" {rule_id} " in line]
    place, _, message = finding.partition(f" {rule_id} ")
    line, column = (int(part) - 1 for part in place.split(":"))
    return (line, column), message


@pytest.mark.parametrize("name", sorted(RENAME_CASES))
def test_rename_key_fix(name: str) -> None:
    before, renamed = RENAME_CASES[name]
    position, message = _first(before, "EA4001")
    assert message.endswith("has unknown key 'Actions'; did you mean 'Action'?")
    decoded, _ = decode_str(before)
    edit = rename_key_edit(before, decoded, message, position)
    assert edit is not None
    start, end, replacement = edit
    after = before[:start] + replacement + before[end:]
    assert renamed in after and after.replace(renamed, "") == before.replace(renamed.replace("Action", "Actions"), "")
    assert lint_text(after) == []


def test_no_rename_when_the_right_key_is_there_or_the_text_differs() -> None:
    text = RENAME_CASES["yaml block"][0]
    position, message = _first(text, "EA4001")
    both = text.replace("              Resource:", "              Action: s3:PutObject\n              Resource:")
    decoded, _ = decode_str(both)
    assert rename_key_edit(both, decoded, message, position) is None  # renaming would duplicate 'Action'
    decoded, _ = decode_str(text)
    assert rename_key_edit(text, decoded, message, (0, 0)) is None  # no such key at that position
    assert rename_key_edit(text, decoded, "some other message", position) is None
