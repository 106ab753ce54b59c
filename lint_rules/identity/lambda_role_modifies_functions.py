"""EA2025: a function whose execution role may change its own function, or every function."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import Path, access_model, mentions, permissions

_CHANGES = (
    "lambda:UpdateFunctionCode",
    "lambda:UpdateFunctionConfiguration",
    "lambda:AddPermission",
    "lambda:CreateFunctionUrlConfig",
)


class LambdaRoleModifiesFunctions(CloudFormationLintRule):
    """## What it does
    For each function whose execution role is in the template (SAM's implicit `<Fn>Role` included),
    reports the role's grants of `lambda:UpdateFunctionCode`, `lambda:UpdateFunctionConfiguration`,
    `lambda:AddPermission` or `lambda:CreateFunctionUrlConfig` (as written or through `lambda:*`,
    `lambda:Update*`, ...) on every function (`*`, `function:*`, `NotResource`) or on the function itself
    (`!GetAtt Fn.Arn`, `!Ref Fn`, `${Fn}` in `!Sub`), unless a condition narrows the grant or an
    unconditional `Deny` closes it. AWS managed policies attached by ARN are not read.

    ## Why is this bad?
    A function that can rewrite its own code or configuration, or its peers', turns one injected
    request into persistent control: new code, a new role, a public function URL, a resource policy
    that lets another account invoke it. Deployment belongs to the pipeline's role, not to the
    running function's.

    ## How to suppress
    Drop these actions from the execution role and deploy from a separate role; if the function really
    manages other functions, name them in `Resource`. Otherwise add `EA2025` to the function's or the
    role's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Lambda execution role](https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html)
    - [Resource and condition keys for Lambda actions](https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html)
    - [Rhino Security Labs: AWS IAM privilege escalation, method 17](https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/)
    """

    id = "EA2025"
    shortdesc = "Function's role can change its own or every function"
    description = (
        "An execution role allowed to update code, configuration or permissions of functions lets one flaw persist."
    )
    source_url = doc_url(id)
    tags = ["iam", "execution-role", "lambda", "least-privilege"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        model = access_model(cfn)
        found: list[tuple[Path, str]] = []
        for name in model.functions:
            role = model.execution_role(name)
            if role is None:
                continue
            allowed = permissions(model, role.logical_id)
            for action in _CHANGES:
                for grant in allowed.grants(action):
                    if grant.narrowed is not None:
                        continue
                    if grant.broad:
                        target = f"every function ({grant.resource()})"
                    elif any(
                        mentions(grant.document, value, name) for value in grant.statement.values.get("Resource", [])
                    ):
                        target = "itself"
                    else:
                        continue
                    found.append(
                        (
                            grant.where,
                            f"Function '{name}' can change {target}: its role '{role.logical_id}' is allowed "
                            f"{grant.written()}; deploy from another role",
                        )
                    )
        return findings(cfn, found)
