"""EA2025: a function whose execution role may change its own function, or every function."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.model import AccessModel, Grant, Path, mentions, permissions

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
    manages other functions, name them in `Resource` (where `Resource` comes from a parameter, the message
    names the parameter to set). Otherwise add `EA2025` to the function's or the
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
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    """One observation per grant: the functions whose role holds it (a role shared by many functions is one
    finding naming them, not one per function)."""
    reached: dict[tuple[Path, str], tuple[Grant, str, list[str]]] = {}
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
                    reach, value = grant.reach(), grant.broad[0]
                    target = (
                        f"{reach} (Resource {value.describe()})" if reach else f"every function ({grant.resource()})"
                    )
                elif any(mentions(grant.document, value, name) for value in grant.statement.values.get("Resource", [])):
                    target = "itself"
                else:
                    continue
                entry = reached.setdefault((grant.where, target), (grant, role.logical_id, []))
                if name not in entry[2]:
                    entry[2].append(name)
    found: list[Observation] = []
    for (place, target), (grant, role_id, functions) in reached.items():
        listed = ", ".join(f"'{name}'" for name in functions[:3]) + (
            f" and {len(functions) - 3} more" if len(functions) > 3 else ""
        )
        who = f"Function {listed}" if len(functions) == 1 else f"Functions {listed}"
        can = "can" if len(functions) == 1 else "each can"
        whose = "its" if len(functions) == 1 else "their"
        message = f"{who} {can} change {target}: {whose} role '{role_id}' is allowed {grant.written()}; {_fix(grant)}"
        note = f"{who} {can} change {'every function' if grant.broad else 'itself'}"
        found.append(Observation("EA2025", place, message, note, grant.statement.path))
    return found


def _fix(grant: Grant) -> str:
    """Where the broad resource is a parameter's value, the parameter to set; on every function, name the ones it
    changes (a function whose job is to reconfigure others) or deploy from another role; on itself, the latter."""
    parameter = next((value.parameter for value in grant.broad if value.parameter), None)
    if parameter is not None:
        return f"set parameter '{parameter}' to the functions it must change"
    if grant.broad:
        return "name the functions it must change in Resource, or deploy from another role"
    return "deploy from another role"
