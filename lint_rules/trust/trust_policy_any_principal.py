"""EA3001: a role trust policy that lets any AWS principal assume the role."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.model import ANY, AccessModel, narrowing
from lint_rules.trust._common import role_label, trust_statements


class TrustPolicyAnyPrincipal(CloudFormationLintRule):
    """## What it does
    Finds `Allow` statements of role trust policies (`AWS::IAM::Role` `AssumeRolePolicyDocument`, and a
    SAM function's `AssumeRolePolicyDocument`) whose principal is `*` or `{"AWS": "*"}`, in string or
    list form, written literally, as a parameter's default or allowed value, or in a `Fn::If` branch,
    unless a condition really narrows who may assume the role: `aws:PrincipalOrgID`,
    `aws:PrincipalOrgPaths`, `aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:SourceAccount` or
    `aws:SourceArn` with a concrete value under a positive operator (`StringEquals`, `ArnLike`, ...).

    Conditions are judged as EA1002 judges them: `StringNotEquals`, `ArnNotLike` and `Null` do not
    narrow; `...IfExists` narrows only where the key is always present; `ForAllValues:` on a
    single-valued key does not narrow; a value of `*`, `o-*` or an ARN whose account is a wildcard
    matches everyone; both `Fn::If` branches must narrow. The message says which condition failed.

    IAM refuses the bare string `Principal: "*"` in a trust policy (the role is not created): EA4050
    reports that, with this finding folded into its message.

    ## Why is this bad?
    With `Principal: "*"` every IAM user and role of every AWS account can call `sts:AssumeRole` on the
    role and act with its permissions. Only the role's name stands between the world and them.

    ## How to suppress
    Name the accounts, roles or services that may assume the role, or add an `aws:PrincipalOrgID` or
    `aws:PrincipalArn` condition. To keep an intentional grant, add `EA3001` to the role's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [AWS JSON policy elements: Principal](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)
    - [Creating a role to delegate permissions to an IAM user](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user.html)
    - [aws:PrincipalOrgID](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid)
    """

    id = "EA3001"
    shortdesc = "Role trust policy lets any principal assume the role"
    description = "Principal '*' with no organization or principal condition lets every AWS account assume the role."
    source_url = doc_url(id)
    tags = ["iam", "trust-policy", "role"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    """EA3001's findings. A bare ``Principal: "*"`` is also EA4050's (IAM rejects it in a trust policy): the
    precedence family ``trust-any-principal`` lets that one speak, with this one folded into it."""
    found: list[Observation] = []
    for identity, document, statement in trust_statements(model):
        stars = [v for v in statement.values.get("Principal", []) if v.text == "*" and v.label in ("*", "AWS")]
        if not stars:
            continue
        narrowed, loose = narrowing(statement.tests, ANY)
        if narrowed:
            continue
        for value in stars:
            evidence = f" (Principal {value.describe()})" if value.parameter else ""
            if loose:
                evidence += f" ({loose[0][1]})"
            elif len(statement.tests) > 1 and any(statement.tests):
                evidence += " (a Fn::If branch of its Condition does not narrow it)"
            message = (
                f"{role_label(identity, document, statement)} lets any AWS principal assume it{evidence}; "
                "name who may, or add an aws:PrincipalOrgID or aws:PrincipalArn condition"
            )
            found.append(
                Observation(
                    "EA3001", value.path, message, "as {AWS: '*'} it would let any AWS principal assume the role"
                )
            )
    return found
