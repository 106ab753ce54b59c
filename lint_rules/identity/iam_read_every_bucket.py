"""WA2024: an identity-policy statement that reads every object of every bucket, unconditioned."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.identity._grants import unscoped_sensitive
from lint_rules.model import AccessModel


class IamReadEveryBucket(CloudFormationLintRule):
    """## What it does
    Finds `Allow` statements in identity-based policies that grant `s3:GetObject` (as is, or through
    `s3:*`, `s3:Get*`, `NotAction`) on every bucket's objects (`*`, `arn:aws:s3:::*`,
    `arn:aws:s3:::*/*`, `NotResource`) when no condition narrows it (`s3:ResourceAccount`,
    `aws:ResourceAccount`, `aws:SourceVpce`, ... with concrete values). A `Deny` with no condition on the
    same principal closes it. The data-exfiltration actions, with sources, are in
    `lint_rules/data/sensitive_actions.json`. SAM's `S3ReadPolicy` and its kin are findings only when
    given a `BucketName` of `*`.

    ## Why is this bad?
    Unscoped `s3:GetObject` has a long history of data leaks: code running with the role can read every
    object of every bucket in the account (and of other accounts' buckets that trust it) whose bucket
    policy does not deny it.

    ## How to suppress
    Name the buckets (`arn:aws:s3:::my-bucket/*`) the principal reads. If every bucket is intended (a
    backup or inventory role), add `WA2024` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Amazon S3 security best practices](https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html)
    - [cloudsplaining: data exfiltration](https://cloudsplaining.readthedocs.io/en/latest/glossary/data-exfiltration/)
    """

    id = "WA2024"
    shortdesc = "Policy reads every object of every bucket"
    description = "s3:GetObject on every bucket lets code with the role read data it was never meant to handle."
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "s3", "data-exfiltration", "least-privilege"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    return unscoped_sensitive(model, "WA2024", "exfiltration", "name the buckets it reads")
