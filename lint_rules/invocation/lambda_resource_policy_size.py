"""WA1021: a function's resource-based policy close to Lambda's 20 KB limit."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import POLICY_LIMIT, Path, access_model, policy_sizes

_THRESHOLD = 0.8  # warn from 16 KB: the estimate is within about 10% and a deploy fails above 20 KB


class LambdaResourcePolicySize(CloudFormationLintRule):
    """## What it does
    Estimates the size of each function's (version's, alias's) resource-based policy from every
    statement the template adds to it: `AWS::Lambda::Permission` resources, the permissions SAM
    generates (one per `Api`, `HttpApi`, `S3`, `SNS`, ... event, two for a public function URL, one per
    Lambda authorizer and connector) and the statements of an `AWS::Lambda::ResourcePolicy`. It warns
    when the estimate reaches 80% of Lambda's 20 KB limit (16 KB). Values CloudFormation fills in at
    deploy time are estimated with typical lengths: statement ids as CloudFormation makes them
    (`<stack>-<logical id>-<random>`, a 20-character stack name assumed), function ARNs, source ARNs.
    The finding is on the function (or the version or alias) whose policy it is.

    It mirrors IAM Access Analyzer's *Policy size exceeds resource policy quota* for the function
    policies this plugin reads (the only resource policies it loads), and says so in the message when
    the estimate is over the quota; it warns from 80% because the estimate is one, and because other
    stacks and the console add statements to the same policy. Access Analyzer measures one policy
    document as submitted; Lambda stores the statements of `AWS::Lambda::Permission` resources in the same
    document, so this rule adds them up.

    ## Why is this bad?
    Lambda rejects a permission that makes the policy larger than 20 KB ("The final policy size is
    bigger than the limit (20480)"), and the stack update fails, often long after the template grew one
    route at a time: a SAM function with some sixty `Api` events reaches it, because SAM writes one
    permission, with its own source ARN, per event.

    ## How to suppress
    Merge grants that differ only in their source ARN into one grant with a source ARN pattern of
    your own account (for API Gateway, `arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*`),
    or split the routes across functions. Statements of other stacks on the same function count too:
    this rule sees only this template's.

    To accept the finding, add `WA1021` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Lambda quotas: function resource-based policy, 20 KB](https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)
    - [Viewing resource-based IAM policies in Lambda](https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html)
    - [SAM: "The final policy size (20851) is bigger than the limit (20480)" with many Api events](https://github.com/aws/serverless-application-model/issues/337)
    """

    id = "WA1021"
    shortdesc = "Lambda resource policy near the 20 KB limit"
    description = "Lambda rejects a resource-based policy larger than 20 KB, and the deploy fails."
    source_url = doc_url(id)
    tags = ["lambda", "resource-policy", "permission", "quota"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        model = access_model(cfn)
        found: list[tuple[Path, str]] = []
        for size in policy_sizes(model):
            if size.size < POLICY_LIMIT * _THRESHOLD:
                continue
            subject = model.functions.get(size.target) or model.qualifiers.get(size.target)
            path: Path = (
                subject.path if subject is not None and hasattr(subject, "path") else ("Resources", size.target)
            )
            if size.size > POLICY_LIMIT:
                amount = (
                    f"about {size.size / 1024:.1f} KB, over Lambda's 20 KB limit "
                    "(Policy size exceeds resource policy quota)"
                )
            else:
                amount = f"about {size.size / 1024:.1f} KB of Lambda's 20 KB limit"
            found.append(
                (
                    path,
                    f"Resource-based policy of '{size.target}' gets {size.statements} statements, {amount}; "
                    "merge grants that differ only in SourceArn into one with an ARN pattern",
                )
            )
        return findings(cfn, found)
