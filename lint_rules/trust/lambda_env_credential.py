"""EA3027: a credential written into a Lambda function's environment variable."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import Path, access_model
from lint_rules.model._credentials import credential_in


def _message(name: str, function: str, what: str, origin: str) -> str:
    return (
        f"Environment variable '{name}' of function '{function}' holds {what}{origin}; "
        "use a role, or read the secret at run time from Secrets Manager"
    )


class LambdaEnvCredential(CloudFormationLintRule):
    """## What it does
    Finds Lambda environment variables (`AWS::Lambda::Function` and `AWS::Serverless::Function`, SAM
    `Globals` included) whose value, as written or as the `Default` of the parameter it refers to, has
    the shape of a credential, whatever the variable is called: an AWS access key id (`AKIA`, `ASIA`,
    `ABIA`, `ACCA` prefixes), a 40-character secret access key, a PEM private key, a GitHub, Slack or
    Stripe token, a JSON Web Token, or a URL with a password. The shapes and their sources are in
    `lint_rules/data/secret_patterns.json`. The finding is placed on the value; the message never
    repeats it.

    Variables whose *name* says they hold a secret are WA3028's; Secrets Manager references are IA3029's.
    cfn-lint itself only rejects the reserved names (`AWS_ACCESS_KEY_ID`, E3663), not the values.

    ## Why is this bad?
    The value is stored in the template (source control, `GetTemplate`) and in the function's
    configuration, which anyone allowed `lambda:GetFunctionConfiguration` or the console can read. A
    credential there is shared with all of them and cannot be rotated without a deployment.

    ## How to suppress
    Give the function a role for AWS access; keep other secrets in Secrets Manager or Parameter Store
    and read them at run time (the AWS Parameters and Secrets Lambda Extension caches them). Or add
    `EA3027` to the function's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM identifiers: unique ID prefixes](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids)
    - [Use Secrets Manager secrets in Lambda functions](https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html)
    - [Securing Lambda environment variables](https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html)
    """

    id = "EA3027"
    shortdesc = "Credential in a Lambda environment variable"
    description = "Anyone who can read the template or the function's configuration gets the credential."
    source_url = doc_url(id)
    tags = ["lambda", "environment", "secret", "credentials"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for function in access_model(cfn).functions.values():
            for name, values in function.environment_values.items():
                for value in values:
                    what = credential_in(value.text) if value.text is not None else None
                    if what is None:
                        continue
                    origin = f" (the Default of parameter '{value.parameter}')" if value.parameter else ""
                    found.append((value.path, _message(name, function.logical_id, what, origin)))
                for text, path in function.environment_subs.get(name, []):
                    what = credential_in(text)
                    if what is not None:
                        found.append((path, _message(name, function.logical_id, what, "")))
        return findings(cfn, found)
