"""EA3030: an event source's authentication that does not come from a Secrets Manager secret."""

from __future__ import annotations

import re

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import EventSourceMapping, Path, Value, access_model
from lint_rules.model._credentials import credential_in
from lint_rules.model._values import PARAMETER

# SourceAccessConfigurations types whose URI names the secret holding credentials (Lambda API reference,
# SourceAccessConfiguration). SERVER_ROOT_CA_CERTIFICATE also takes a secret, but a CA certificate is public.
_CREDENTIAL_TYPES = {"BASIC_AUTH", "SASL_SCRAM_256_AUTH", "SASL_SCRAM_512_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH"}
_SECRET_ARN = re.compile(r"arn:[^:]+:secretsmanager:")
_ARN = re.compile(r"arn:[^:]+:[^:]+:")


def _placeholder(value: Value) -> bool:
    """A parameter default that is neither an ARN nor credentials (``ACTIVEMQ_SECRET_ARN``): a placeholder
    the deployer replaces, not a value that will deploy."""
    text = value.text or ""
    return value.kind == PARAMETER and not _ARN.match(text) and ":" not in text and credential_in(text) is None


def _subject(mapping: EventSourceMapping) -> str:
    if len(mapping.path) > 2 and mapping.path[-2] == "Events":
        return f"event '{mapping.path[-1]}' of function '{mapping.function}'"
    return f"event source mapping '{mapping.resource}'"


class EventSourceAuthNotSecret(CloudFormationLintRule):
    """## What it does
    Finds `SourceAccessConfigurations` entries of `AWS::Lambda::EventSourceMapping` resources and of SAM
    `MSK`, `MQ`, `SelfManagedKafka` and `DocumentDB` events whose `Type` carries credentials
    (`BASIC_AUTH`, `SASL_SCRAM_256_AUTH`, `SASL_SCRAM_512_AUTH`, `CLIENT_CERTIFICATE_TLS_AUTH`) and whose
    `URI` is not a Secrets Manager secret ARN: plaintext credentials, a secret's name, another service's
    ARN, written literally, or as a parameter's default that is an ARN or credentials (a default such as
    `ACTIVEMQ_SECRET_ARN` is a placeholder the deployer replaces, and is not reported). The finding is placed on the `URI`; the message
    quotes it only when it is an ARN. References to a secret resource (`!Ref MySecret`) are ARNs and are
    not reported. cfn-lint itself does not check the URI's form.

    ## Why is this bad?
    Lambda reads broker credentials only from Secrets Manager: a URI that is not a secret's ARN either
    fails at deployment or, worse, is plaintext credentials committed with the template and shown in
    the mapping's configuration.

    ## How to suppress
    Store the credentials in an `AWS::SecretsManager::Secret` and set the `URI` to its ARN (`!Ref`), or
    add `EA3030` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [SourceAccessConfiguration (Lambda API)](https://docs.aws.amazon.com/lambda/latest/api/API_SourceAccessConfiguration.html)
    - [Amazon MQ broker credentials for Lambda](https://docs.aws.amazon.com/lambda/latest/dg/with-mq.html)
    - [Self-managed Apache Kafka authentication](https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html)
    """

    id = "EA3030"
    shortdesc = "Event source credentials not from Secrets Manager"
    description = "Broker credentials must come from a Secrets Manager secret, never the template."
    source_url = doc_url(id)
    tags = ["lambda", "event-source-mapping", "secret", "credentials"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for mapping in access_model(cfn).event_source_mappings:
            for access in mapping.access:
                types = sorted({v.text.upper() for v in access.type if v.text and v.text.upper() in _CREDENTIAL_TYPES})
                if not types:
                    continue
                for value in access.uri:
                    if value.text is None or _SECRET_ARN.match(value.text) or _placeholder(value):
                        continue
                    shown = value.describe() if _ARN.match(value.text) else "a value"
                    origin = (
                        f" of parameter '{value.parameter}'" if value.parameter and not _ARN.match(value.text) else ""
                    )
                    found.append(
                        (
                            value.path,
                            f"{types[0]} of {_subject(mapping)} takes its credentials from {shown}"
                            f"{origin} that is not a Secrets Manager secret ARN; store them in a secret and give its ARN",
                        )
                    )
        return findings(cfn, found)
