"""WA3023: an IAM user's login profile that does not make the user change the password."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import Path, access_model


class UserPasswordResetNotRequired(CloudFormationLintRule):
    """## What it does
    Finds `AWS::IAM::User` resources with a `LoginProfile` whose `PasswordResetRequired` is `false` or
    absent (IAM's default is `false`). The finding is placed on `PasswordResetRequired`, or on
    `LoginProfile` when the key is missing. cfn-lint itself does not report it (its W2501 and W1011 are
    about where the password comes from, as is EA3022).

    ## Why is this bad?
    The password CloudFormation sets is known to whoever wrote or deployed the template (it passed
    through a parameter, a secret or the template itself). Unless the user must change it at first
    sign-in, that known password stays the user's console credential.

    ## How to suppress
    Set `PasswordResetRequired: true` (and let the user's policy allow `iam:ChangePassword`), or add
    `WA3023` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [AWS::IAM::User LoginProfile](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-iam-user-loginprofile.html)
    - [Managing passwords for IAM users](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_admin-change-user.html)
    """

    id = "WA3023"
    shortdesc = "IAM user login profile without a password reset"
    description = "The password the template sets stays the user's credential unless they must change it."
    source_url = doc_url(id)
    tags = ["iam", "user", "password"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for identity in access_model(cfn).identities.values():
            if identity.login_profile is None:
                continue
            fix = "set PasswordResetRequired: true so the user replaces the password the template set"
            if identity.password_reset_path is None:
                found.append(
                    (
                        identity.login_profile,
                        f"Login profile of user '{identity.logical_id}' has no PasswordResetRequired "
                        f"(IAM defaults it to false); {fix}",
                    )
                )
                continue
            for value in identity.password_reset:
                if value.text is not None and value.text.lower() == "false":
                    found.append(
                        (
                            value.path,
                            f"Login profile of user '{identity.logical_id}' sets PasswordResetRequired "
                            f"{value.describe()}; {fix}",
                        )
                    )
        return findings(cfn, found)
