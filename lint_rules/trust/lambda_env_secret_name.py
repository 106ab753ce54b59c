"""WA3028: a secret-named Lambda environment variable set to a literal or a visible parameter."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import Parameter, Path, Value, access_model
from lint_rules.model._credentials import credential_in, harmless_value, secret_name

_FIX = "read the secret at run time from Secrets Manager or Parameter Store"


class LambdaEnvSecretName(CloudFormationLintRule):
    """## What it does
    Finds Lambda environment variables (plain and SAM, `Globals` included) whose name says they hold a
    secret (`PASSWORD`, `SECRET`, `TOKEN`, `API_KEY`, `PRIVATE_KEY`, `CREDENTIALS`, `dbPassword`, ...)
    and whose value is
    - a literal, or
    - a parameter with a `Default` (written in the template), or
    - a parameter without `NoEcho` (CloudFormation shows its value in the console and `DescribeStacks`).

    A name alone is not enough: a word that says the variable holds something *about* a secret (TTL,
    SECONDS, ARN, NAME, ID, PATH, PARAMETER, URL, ENDPOINT, ENABLED, ...) keeps `TOKEN_TTL_SECONDS` or
    `DB_SECRET_ARN` out, and values that cannot be secrets (numbers, booleans, ARNs, paths, URLs without
    a password, `{{resolve:...}}` references, lower-case name paths such as `prod/db/credentials`) are
    not reported. Values shaped like a credential are EA3027's. The heuristic and its test table are in
    `lint_rules/model/_credentials.py`, `lint_rules/data/secret_patterns.json` and
    `tests/test_secret_heuristics.py`. cfn-lint's own W2501 and W1011 look at properties named
    `Password`, not at environment variables.

    ## Why is this bad?
    Environment variables are part of the function's configuration: anyone allowed
    `lambda:GetFunctionConfiguration` or the console reads them, and a literal is also in source control.
    Secrets there are shared with every reader and rotate only with a deployment.

    ## How to suppress
    Store the secret in Secrets Manager (or a SecureString parameter), pass its ARN or name in the
    variable (`DB_SECRET_ARN`), and read it at run time. Or add `WA3028` to the function's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Use Secrets Manager secrets in Lambda functions](https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html)
    - [Securing Lambda environment variables](https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html)
    - [Parameters: NoEcho](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html)
    """

    id = "WA3028"
    shortdesc = "Secret-named Lambda variable set in the template"
    description = "A secret in an environment variable is readable by whoever reads the configuration."
    source_url = doc_url(id)
    tags = ["lambda", "environment", "secret"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        model = access_model(cfn)
        found: list[tuple[Path, str]] = []
        for function in model.functions.values():
            for name, values in function.environment_values.items():
                if not secret_name(name):
                    continue
                subject = f"Environment variable '{name}' of function '{function.logical_id}'"
                for value in values:
                    problem = self._problem(model.parameters, value)
                    if problem is not None:
                        found.append((value.path, f"{subject} {problem}; {_FIX}"))
        return findings(cfn, found)

    @staticmethod
    def _problem(parameters: dict[str, Parameter], value: Value) -> str | None:
        if value.text is not None and (credential_in(value.text) is not None or harmless_value(value.text)):
            return None
        if value.parameter is None:
            return "is set to a literal" if value.kind == "literal" else None
        parameter = parameters.get(value.parameter)
        if parameter is None:
            return None
        if parameter.default_path is not None and value.text is not None:
            return f"comes from parameter '{value.parameter}', whose Default is written in the template"
        if not parameter.no_echo:
            return f"comes from parameter '{value.parameter}', which is not NoEcho"
        return None
