"""The plugin's work grows linearly with the template, and its findings stay bounded however large the
template is. Work is counted, not timed: the Python calls the plugin's rules make on a template (cProfile's
call count) are the same on a quiet machine and a busy one. scripts/benchmark.py measures the seconds."""

from __future__ import annotations

import cProfile
import importlib.util
import json
import pstats
from typing import Any

import pytest
from cfnlint.decode import decode_str
from cfnlint.template import Template

from conftest import ROOT
from hostile_cases import _many_statements
from lint_rules._findings import MAX_FINDINGS_PER_RULE, shorten
from lint_rules.docs import rule_classes

_spec = importlib.util.spec_from_file_location("benchmark", ROOT / "scripts" / "benchmark.py")
assert _spec is not None and _spec.loader is not None
benchmark = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(benchmark)


def _template(text: str) -> Template:
    decoded, errors = decode_str(text)
    assert decoded is not None, errors
    return Template("scaling.json", decoded, ["us-east-1"])


def _work(text: str) -> tuple[int, dict[str, int]]:
    """(Python calls, findings per rule) of every plugin rule on one template, after a warm-up run that
    fills the process-wide caches (IAM data, schemas) so that only per-template work is counted."""
    rules = [cls() for cls in rule_classes()]
    for rule in rules:
        rule.match(_template(text))
    cfn = _template(text)
    profiler = cProfile.Profile()
    counts: dict[str, int] = {}
    profiler.enable()
    for rule in rules:
        found = rule.match(cfn)
        if found:
            counts[rule.id] = len(found)
    profiler.disable()
    return int(pstats.Stats(profiler).total_calls), counts  # type: ignore[attr-defined]


def _shared_role(functions: int, policies: int) -> str:
    """``functions`` functions sharing one role that ``policies`` managed policies let update every
    function's code: one fact per grant (EA2025), not one per function and grant."""
    resources: dict[str, Any] = {
        "SharedRole": {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "lambda.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ],
                },
                "ManagedPolicyArns": [{"Ref": f"Policy{p}"} for p in range(policies)],
            },
        }
    }
    for p in range(policies):
        resources[f"Policy{p}"] = {
            "Type": "AWS::IAM::ManagedPolicy",
            "Properties": {
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Effect": "Allow", "Action": "lambda:UpdateFunctionCode", "Resource": "*"},
                        {
                            "Effect": "Allow",
                            "Action": "sqs:SendMessage",
                            "Resource": f"arn:aws:sqs:us-east-1:111122223333:q{p}",
                        },
                    ],
                }
            },
        }
    for n in range(functions):
        resources[f"Fn{n}"] = {
            "Type": "AWS::Lambda::Function",
            "Properties": {
                "Runtime": "python3.12",
                "Handler": "index.handler",
                "Code": {"ZipFile": "x"},
                "Role": {"Fn::GetAtt": ["SharedRole", "Arn"]},
            },
        }
    return json.dumps({"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources})


@pytest.mark.parametrize(
    ("name", "build", "small", "large"),
    [
        (
            "SAM functions with roles, URLs, APIs and permissions",
            lambda n: json.dumps(benchmark._sam_template(n)),
            5,
            20,
        ),
        ("one resource policy of many statements", _many_statements, 100, 400),
        ("functions sharing one role", lambda n: _shared_role(n, n // 2), 10, 40),
    ],
)
def test_work_grows_linearly_with_the_template(name: str, build: Any, small: int, large: int) -> None:
    small_calls, _ = _work(build(small))
    large_calls, _ = _work(build(large))
    growth = large_calls / small_calls
    size = large / small
    # Linear work grows by the size ratio (a little less: per-template set-up is shared); quadratic
    # work would grow by its square (16 here).
    assert size * 0.5 < growth < size * 1.3, f"{name}: x{size:.0f} template, x{growth:.2f} Python calls"


def test_a_huge_template_gives_each_rule_at_most_a_hundred_findings_and_a_count_of_the_rest() -> None:
    _, counts = _work(_many_statements(300))
    assert counts["WA1003"] == MAX_FINDINGS_PER_RULE + 1  # every statement ties S3 to a bucket name
    assert max(counts.values()) == MAX_FINDINGS_PER_RULE + 1
    cfn = _template(_many_statements(300))
    rule = next(cls() for cls in rule_classes() if cls.id == "WA1003")
    found = rule.match(cfn)
    assert found[-1].message == (
        f"{300 - MAX_FINDINGS_PER_RULE} more findings of this rule in this template are not listed (from here "
        f"on); fix the {MAX_FINDINGS_PER_RULE} above, or the pattern they share, and lint again"
    )
    # at the first statement left out
    assert found[-1].path[:6] == ["Resources", "RP", "Properties", "PolicyDocument", "Statement", MAX_FINDINGS_PER_RULE]


def test_a_role_shared_by_many_functions_is_one_finding_per_grant() -> None:
    _, counts = _work(_shared_role(40, 30))
    # one grant completes the role's escalation path: EA2022 speaks for it and folds its EA2025
    assert (counts.get("EA2025"), counts.get("EA2022")) == (29, 1), counts
    assert sum(counts.values()) < 300, counts


def test_messages_quote_at_most_a_hundred_and_twenty_characters_of_a_value() -> None:
    big = "arn:aws:s3:::" + "b" * 300_000
    statements = [
        {"Effect": "Allow", "Action": "s3:" + "G" * 300_000, "Resource": "*"},
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": big},
        {"Effect": "Allow", "Action": "lambda:*", "Resource": "*", "Sid": "s" * 300_000},
    ]
    function = {
        "Runtime": "python3.12",
        "Handler": "index.handler",
        "InlineCode": "x",
        "FunctionUrlConfig": {"AuthType": "x" * 300_000},
        "Environment": {"Variables": {"API_KEY": "k" * 300_000}},
        "Policies": [{"Statement": statements}],
    }
    trust = {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{'1' * 300_000}:root"}, "Action": "sts:AssumeRole"}
    permission = {"Action": "lambda:InvokeFunction", "FunctionName": {"Ref": "Fn"}, "Principal": "*", "SourceArn": big}
    template = {
        "Transform": "AWS::Serverless-2016-10-31",
        "Resources": {
            "Fn": {"Type": "AWS::Serverless::Function", "Properties": function},
            "P": {"Type": "AWS::Lambda::Permission", "Properties": permission},
            "R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": [trust]}}},
        },
    }
    cfn = _template(json.dumps(template))
    messages = [match.message for cls in rule_classes() for match in cls().match(cfn)]
    assert len(messages) >= 4
    assert max(len(message) for message in messages) < 600, max(messages, key=len)[:300]


def test_shorten_cuts_long_quoted_values_only() -> None:
    long = "x" * 200
    assert shorten(f"Principal is '{long}'; use '*'") == f"Principal is '{'x' * 117}...'; use '*'"
    prose = "the function's role " + "and more words " * 20 + "can't 'b'"
    assert shorten(prose) == prose
    two = "allows 'lambda:CreateFunction' through '*' with no condition" + " and more" * 20 + " (also: Action '*')"
    assert shorten(two) == two
