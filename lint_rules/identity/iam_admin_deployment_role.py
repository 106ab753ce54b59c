"""IA2028: an AWS managed administrator policy on a role only a deployment service or a stack set administrator assumes."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import speak


class IamAdminDeploymentRole(CloudFormationLintRule):
    """## What it does
    Finds AWS managed administrator policies (those EA2002 reports: AdministratorAccess, PowerUserAccess,
    IAMFullAccess...), and statements allowing `Action: "*"` on `Resource: "*"` (those EA2001 reports; SAM
    CLI's pipeline bootstrap writes one for its CloudFormation execution role), on a deployment role: a role whose trust policy admits only deployment principals,
    which `lint_rules/data/deployment_roles.json` lists with a source each: CloudFormation
    (`cloudformation.amazonaws.com`, a stack's service role), the StackSets administration role
    (`AWSCloudFormationStackSetAdministrationRole`), or, for a role named as a stack set execution role
    (`AWSCloudFormationStackSetExecutionRole`, AWS Control Tower's `AWSControlTowerExecution`, AWS SRA's
    `sra-execution`), one administrator account. EA2002 and EA2001 leave such a role to this rule; who may assume
    it is judged by the trust rules (WA3005).

    ## Why is this bad?
    AWS documents this pattern (its sample StackSets execution role attaches AdministratorAccess, and
    service-managed StackSets gives its `stacksets-exec-*` role the same), so it is no error; but whoever
    may run a stack set or pass the role to CloudFormation deploys anything as an administrator in every
    target account. AWS recommends an execution role scoped to the resources its stacks create.

    ## How to suppress
    Give the role a policy that allows the services and resources its stacks deploy (StackSets' guide:
    "Control the resources that users can include in specific stack sets"), or add `IA2028` to the role's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Grant self-managed permissions (StackSets)](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-prereqs-self-managed.html)
    - [Configure a custom execution role template for StackSets](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-custom-execution-role.html)
    - [CloudFormation service role](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html)
    """

    id = "IA2028"
    shortdesc = "Deployment role holds AWS managed administrator access"
    description = (
        "A role only a deployment service assumes holds administrator access where AWS recommends a scoped"
        " execution role."
    )
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "least-privilege", "managed-policy", "deployment"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)
