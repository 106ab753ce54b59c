"""IA2026: a grant to create, reconfigure or expose functions without Lambda's condition keys."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.identity._grants import grants_by_place
from lint_rules.model import AccessModel

# Each action, the Lambda condition keys that constrain it (one of them is enough), and what they constrain
# (Lambda Developer Guide, "Fine-tuning the Resources and Conditions sections of policies").
_KEYS = {
    "lambda:CreateFunction": (("lambda:Layer", "lambda:VpcIds", "lambda:CodeSigningConfigArn"), "functions it creates"),
    "lambda:UpdateFunctionConfiguration": (("lambda:Layer", "lambda:VpcIds"), "configurations it sets"),
    "lambda:AddPermission": (("lambda:Principal", "lambda:FunctionUrlAuthType"), "principals it admits"),
    "lambda:CreateEventSourceMapping": (("lambda:FunctionArn",), "functions it maps sources to"),
}


class LambdaManagementConditions(CloudFormationLintRule):
    """## What it does
    Finds `Allow` statements in identity-based policies that grant Lambda management actions without
    the condition keys Lambda offers to constrain them: `lambda:CreateFunction` without `lambda:Layer`,
    `lambda:VpcIds` or `lambda:CodeSigningConfigArn`; `lambda:UpdateFunctionConfiguration` without
    `lambda:Layer` or `lambda:VpcIds`; `lambda:AddPermission` without `lambda:Principal` or
    `lambda:FunctionUrlAuthType`; `lambda:CreateEventSourceMapping` without `lambda:FunctionArn`. Written
    as is or through `lambda:*`-style wildcards; one finding per Action item. Informational.

    ## Why is this bad?
    A role that manages functions can otherwise attach any layer (someone else's code), move a function
    out of its VPC, skip code signing, grant invoke rights to any principal or make a function URL
    public, or point any event source at any function. The condition keys let the policy say which.

    ## How to suppress
    Add a condition on one of the keys, e.g. `StringEquals: {lambda:Principal: events.amazonaws.com}` or
    `ForAllValues:StringLike: {lambda:Layer: arn:aws:lambda:*:111122223333:layer:*}`. Or add `IA2026` to
    the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Fine-tuning the Resources and Conditions sections of Lambda policies](https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html)
    - [Using Lambda condition keys for VPC settings](https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#vpc-conditions)
    - [Actions, resources, and condition keys for AWS Lambda](https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html)
    """

    id = "IA2026"
    shortdesc = "Lambda management granted without Lambda condition keys"
    description = "Lambda's condition keys limit which layers, VPCs, principals and functions a managing role may use."
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "lambda", "condition-keys"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    found: list[Observation] = []
    for place, grants in grants_by_place(model, list(_KEYS), open_only=False).items():
        for grant in grants:
            keys, constrained = _KEYS[grant.action]
            if grant.statement.condition_keys() & {key.lower() for key in keys}:
                continue
            listed = ", ".join(keys[:-1]) + f" or {keys[-1]}" if len(keys) > 1 else keys[0]
            message = f"{grant.subject()} allows {grant.written()} with no {listed} condition; limit the {constrained}"
            note = f"no {listed} condition limits the {constrained}"
            found.append(Observation("IA2026", place, message, note, grant.statement.path))
            break
    return found
