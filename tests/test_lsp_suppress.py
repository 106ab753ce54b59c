"""The suppression edit on its own: exact text out, one insertion, and real cfn-lint agrees it suppresses."""

from __future__ import annotations

import pytest
from cfnlint.decode.decode import decode_str

from conftest import lint_text
from lint_rules.lsp._fixes import source_account_edit
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
