"""IA1013: an API route invokes a function without authentication, for reading or behind an API key only."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.invocation._api_routes import add_public_option, catch_all, message, open_routes, where
from lint_rules.model import Path, access_model


class ApiReadMethodUnauthenticated(CloudFormationLintRule):
    """## What it does
    Reports, as information, the API routes WA1012 reads that invoke a function of the template with no
    authentication but are lower risk: `GET` and `HEAD` routes (and methods that cannot be resolved), routes
    of any method that require an API key and nothing else, and catch-all `ANY` routes (the API's root,
    `{proxy+}`, `$default`, a quick-create HTTP API), which put a whole web application (Lambda Web Adapter,
    Flask, ASP.NET Core) behind the API: the application routes and authenticates requests itself. Many
    APIs are public on purpose (a website's read endpoints, a sample application); this rule lists them so
    a reviewer can confirm it.
    Informational rules are off by default: run cfn-lint with `-c I` (or `include_checks: [I]`) to see them.
    `OPTIONS` (CORS preflight) and WebSocket APIs are never reported; routes behind a resource policy or a
    private endpoint are not either. Routes are read from the same places as WA1012's (SAM events, Methods,
    Routes, and OpenAPI operations written in a `DefinitionBody` or `Body`); definitions outside the template
    (`DefinitionUri`, `BodyS3Location`) cannot be read, and their routes are not reported.

    The `public_by_design` option takes the logical ids of APIs (`ServerlessRestApi` and `ServerlessHttpApi`
    for SAM's implicit APIs), functions, Methods or Routes that are public on purpose, or their AWS CDK
    construct paths (exact, or `MyStack/Api/*` for a construct and everything in it), as for WA1012:
    `cfn-lint -c I -x "IA1013:public_by_design=ServerlessRestApi"`, or in `.cfnlintrc`:

    ```yaml
    configure_rules:
      IA1013:
        public_by_design: [ServerlessRestApi]
    ```

    ## Why is this bad?
    A public read route returns whatever the function returns to anyone: fine for public content, a data leak
    for anything else. An API key identifies a client for usage plans and throttling; keys travel in requests
    and are easily shared, and AWS advises against relying on them for authentication or authorization.

    ## How to suppress
    Add an authorizer, list the API, function or route in `public_by_design`, or add `IA1013` to the
    resource's `Metadata: cfn-lint: config: ignore_checks` (for a SAM event, the function's).

    ## References
    - [Controlling and managing access to a REST API in API Gateway](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html)
    - [Usage plans and API keys for REST APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html)
    - [SAM ApiAuth](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-apiauth.html)
    """

    id = "IA1013"
    shortdesc = "API read route invokes a function unauthenticated"
    description = "A read route with no authorizer, or one behind an API key only, lets anyone invoke the function."
    source_url = doc_url(id)
    tags = ["lambda", "api-gateway", "authentication"]

    def __init__(self) -> None:
        super().__init__()
        add_public_option(self)

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for route in open_routes(access_model(cfn), self):
            if route.api_key is not None or not route.writes or catch_all(route):
                found.append((where(route), message(route, route.api_key is not None, catch_all(route))))
        return findings(cfn, found)
