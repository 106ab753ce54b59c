"""EA4002: a SAM Policies or FunctionUrlConfig value of a shape the SAM translator rejects."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import access_model


class SamAccessPropertyInvalid(CloudFormationLintRule):
    """## What it does
    Checks the shape of the two properties of an `AWS::Serverless::Function` that decide its access,
    where cfn-lint's SAM schema accepts what the SAM translator then rejects:

    - `Policies` must be a managed policy name or ARN, a policy document (a mapping with `Statement`),
      a policy template (a one-key mapping naming one of SAM's templates, with its parameters), or a
      list of these; the branches of one `Fn::If` must be of one kind. A number, a boolean, `null` in
      the list, a misspelt template name, a mapping of several templates, or a template without its
      parameters is reported at the value.
    - `FunctionUrlConfig`'s `AuthType` must be `AWS_IAM` or `NONE` (or an intrinsic function):
      `5`, `PUBLIC` or `none` is reported at the `AuthType`, once even when inherited from `Globals`.

    What cfn-lint reports itself is left to it: a list nested in `Policies` and a `FunctionUrlConfig`
    that is not a mapping (E3012), a missing `AuthType` (E3003).

    ## Why is this bad?
    cfn-lint stopped running the SAM translator, so `cfn-lint` passes these templates with exit code 0,
    and the deployment then fails in the transform ("Type of property 'Policies' is invalid", "AuthType
    is required ... AWS_IAM or NONE"). The function's permissions and its URL's authentication are
    also what this plugin's other rules reason about: a value they cannot read is a value they cannot check.

    ## How to suppress
    Fix the value. If a macro that runs before SAM rewrites it, add `EA4002` to the resource's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [SAM Policies property](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-policies)
    - [SAM policy templates](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-templates.html)
    - [SAM FunctionUrlConfig](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-functionurlconfig.html)
    """

    id = "EA4002"
    shortdesc = "SAM access property is not valid"
    description = (
        "cfn-lint accepts Policies and FunctionUrlConfig values that the SAM translator rejects at deployment."
    )
    source_url = doc_url(id)
    tags = ["sam", "schema", "iam", "function-url"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, [(problem.path, problem.message) for problem in access_model(cfn).invalid_properties])
