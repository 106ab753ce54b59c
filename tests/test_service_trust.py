"""IA3009's service list (lint_rules/data/service_trust.json) and the Condition block its message gives:
pasted into the trust statement, the block silences the finding, for every listed service."""

from __future__ import annotations

import importlib.util
import json
import re
from importlib import resources
from pathlib import Path
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


_spec = importlib.util.spec_from_file_location(
    "refresh_service_trust", Path(__file__).resolve().parent.parent / "scripts" / "refresh_service_trust.py"
)
assert _spec is not None and _spec.loader is not None
refresh = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(refresh)


def test_the_refresh_script_accepts_a_page_that_still_says_it_and_reports_one_that_does_not(tmp_path: Path) -> None:
    """scripts/refresh_service_trust.py on saved pages: every entry's page as the data file describes it passes;
    a page that lost its source keys fails the run, and an exempt service whose page gained them is reported."""
    for section in ("narrowable", "exempt"):
        for principal, entry in _DATA[section].items():
            pattern = entry.get("source_arn")
            arn = f"<code>arn:aws:{pattern.split(':')[2]}:us-east-1:111122223333:x</code>" if pattern else ""
            keys = "<code>aws:SourceArn</code> and aws:SourceAccount" if section == "narrowable" else ""
            (tmp_path / f"{principal}.html").write_text(f"<p>{principal} {keys} {arn}</p>", encoding="utf-8")
    assert refresh.main(["--pages", str(tmp_path)]) == 0
    (tmp_path / "states.amazonaws.com.html").write_text("<p>states.amazonaws.com assumes the role</p>", "utf-8")
    assert refresh.main(["--pages", str(tmp_path)]) == 1
    gained = refresh.check("lambda.amazonaws.com", {}, "lambda.amazonaws.com aws:sourcearn", False)
    assert gained == ["the page now names aws:sourcearn: judge whether it belongs in 'narrowable'"]
