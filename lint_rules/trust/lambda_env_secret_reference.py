"""IA3029: a Secrets Manager secret resolved into a Lambda environment variable at deploy time."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import Path, access_model
from lint_rules.model._credentials import dynamic_reference


class LambdaEnvSecretReference(CloudFormationLintRule):
    """## What it does
    Finds Lambda environment variables (plain and SAM, `Globals` included) whose value contains a
    `{{resolve:secretsmanager:...}}` dynamic reference. The finding is placed on the value.

    `{{resolve:ssm-secure:...}}` is not reported here: CloudFormation does not support it in Lambda
    environment variables, and cfn-lint already says so (E1027).

    ## Why is this bad?
    CloudFormation keeps the secret out of the template, but resolves it at deployment and stores the
    plain value in the function's configuration, where anyone allowed `lambda:GetFunctionConfiguration`
    or the console reads it; the function also keeps the old value after the secret rotates, until the
    next deployment. It is informational: far better than a literal, still weaker than fetching the
    secret at run time.

    ## How to suppress
    Pass the secret's ARN or name (`DB_SECRET_ARN`) and read it at run time, for example through the AWS
    Parameters and Secrets Lambda Extension. Or add `IA3029` to the function's `Metadata: cfn-lint:
    config: ignore_checks`. Informational rules run only with `cfn-lint -c I`.

    ## References
    - [Using dynamic references: Secrets Manager](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html)
    - [Use Secrets Manager secrets in Lambda functions](https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html)
    """

    id = "IA3029"
    shortdesc = "Secret resolved into a Lambda variable at deploy"
    description = "The resolved secret is stored in the function's configuration in plain text."
    source_url = doc_url(id)
    tags = ["lambda", "environment", "secret", "dynamic-reference"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for function in access_model(cfn).functions.values():
            for name, values in function.environment_values.items():
                texts = [(v.text, v.path) for v in values if v.text is not None]
                for text, path in texts + function.environment_subs.get(name, []):
                    if dynamic_reference(text) == "secretsmanager":
                        found.append(
                            (
                                path,
                                f"Environment variable '{name}' of function '{function.logical_id}' resolves a "
                                "Secrets Manager secret at deployment, readable in the function's configuration; "
                                "pass the secret's ARN and read it at run time",
                            )
                        )
        return findings(cfn, found)
