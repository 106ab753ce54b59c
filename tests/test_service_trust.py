"""IA3009's service list (lint_rules/data/service_trust.json) and the Condition block its message gives:
pasted into the trust statement, the block silences the finding, for every listed service."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import pytest
import yaml

from conftest import lint_text

_DATA = json.loads(resources.files("lint_rules.data").joinpath("service_trust.json").read_text(encoding="utf-8"))
NARROWABLE = sorted(_DATA["narrowable"])


def _role(service: Any, condition: Any = None) -> str:
    statement: dict[str, Any] = {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}
    if condition is not None:
        statement["Condition"] = condition
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "Role": {
                "Type": "AWS::IAM::Role",
                "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [statement]}},
            }
        },
    }
    return json.dumps(template, indent=2)


def test_every_entry_names_an_aws_documentation_page() -> None:
    assert _DATA["_source"]
    for section in ("narrowable", "exempt"):
        for name, entry in _DATA[section].items():
            assert entry["source"].startswith("https://docs.aws.amazon.com/"), name
            assert entry["note"], name
            assert name == name.lower() and name.endswith(".amazonaws.com"), name
    assert not set(_DATA["narrowable"]) & set(_DATA["exempt"])
    for name, entry in _DATA["narrowable"].items():
        pattern = entry["source_arn"]
        assert pattern is None or pattern.startswith("arn:${AWS::Partition}:"), name


@pytest.mark.parametrize("service", NARROWABLE)
def test_the_condition_the_message_gives_silences_it(service: str) -> None:
    [finding] = [line for line in lint_text(_role(service)) if " IA3009 " in line]
    block = re.search(r'add ("Condition": .*)$', finding)
    assert block is not None, finding
    condition = json.loads("{" + block.group(1) + "}")["Condition"]
    assert condition["StringEquals"] == {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
    assert ("ArnLike" in condition) == bool(_DATA["narrowable"][service]["source_arn"])
    assert yaml.safe_load("{" + block.group(1) + "}")["Condition"] == condition  # pasteable into YAML too
    assert lint_text(_role(service, condition)) == []


@pytest.mark.parametrize("service", ["apigateway.amazonaws.com", "appsync.amazonaws.com", "lambda.amazonaws.com"])
def test_services_not_documented_to_set_the_keys_are_not_reported(service: str) -> None:
    assert lint_text(_role(service)) == []


def test_a_regional_principal_is_its_service() -> None:
    found = lint_text(_role({"Fn::Sub": "states.${AWS::Region}.amazonaws.com"}))
    assert [line.split(" ")[1] for line in found] == ["IA3009"]
