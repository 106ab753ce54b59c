"""EA3022: an IAM user's console password taken from a parameter's Default."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import Path, access_model


class UserPasswordParameterDefault(CloudFormationLintRule):
    """## What it does
    Finds `AWS::IAM::User` resources whose `LoginProfile.Password` is a `Ref` to a parameter that has a
    `Default` (through `Fn::If` branches too), `NoEcho` or not. The finding is placed on the `Ref`.

    cfn-lint itself already reports a literal password (W2501 "Password shouldn't be hardcoded"), a
    password parameter without `NoEcho` (W2501), and a password taken from any parameter (W1011 "Use
    dynamic references over parameters for secrets"); this rule adds the case none of them names: the
    password is written in the template as the parameter's default, so everyone who can read the template
    (its repository, `GetTemplate`) knows the password of every stack that kept the default.

    ## Why is this bad?
    `NoEcho` hides a parameter's value in the console, not the `Default` written in the template. A
    console password in source control is a shared, long-lived credential.

    ## How to suppress
    Remove the `Default` (the deployer supplies the value), or better, resolve the password from
    Secrets Manager (`{{resolve:secretsmanager:...}}`) with `PasswordResetRequired: true`. Or add
    `EA3022` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [AWS::IAM::User LoginProfile](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-iam-user-loginprofile.html)
    - [Do not embed credentials in your templates](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds)
    """

    id = "EA3022"
    shortdesc = "IAM user password from a parameter Default"
    description = "A parameter's Default is written in the template, so the console password is too."
    source_url = doc_url(id)
    tags = ["iam", "user", "password", "secret"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        model = access_model(cfn)
        found: list[tuple[Path, str]] = []
        for identity in model.identities.values():
            for value in identity.password:
                parameter = model.parameters.get(value.parameter or "")
                if parameter is None or parameter.default_path is None:
                    continue
                found.append(
                    (
                        value.path,
                        f"Console password of user '{identity.logical_id}' defaults to the Default of parameter "
                        f"'{parameter.name}', written in the template; remove the Default or resolve it from "
                        "Secrets Manager",
                    )
                )
        return findings(cfn, found)
