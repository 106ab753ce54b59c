"""WA1012: an API method that can change state invokes a function without authentication."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.invocation._api_routes import add_public_option, catch_all, message, open_routes, where
from lint_rules.model import Path, access_model


class ApiWriteMethodUnauthenticated(CloudFormationLintRule):
    """## What it does
    Finds API routes that invoke a function of the template with no authentication, for a method that can
    change state: `POST`, `PUT`, `PATCH`, `DELETE`, or `ANY` on a named resource (`ANY` on the API's root,
    `{proxy+}` or `$default` is a whole web application behind the API, which routes and authenticates
    requests itself: IA1013 lists those). It reads:

    - SAM `Api` and `HttpApi` events: the event's `Auth.Authorizer`, else the API's `Auth.DefaultAuthorizer`;
      events without `RestApiId`/`ApiId` go to SAM's implicit `ServerlessRestApi`/`ServerlessHttpApi`, which
      take `Auth` from `Globals.Api`/`Globals.HttpApi`; `RestApiId`/`ApiId` may be a reference or the API's
      logical id as a plain string, as SAM accepts. `Authorizer: NONE` on the event turns the API's
      default authorizer off for that route;
    - `AWS::ApiGateway::Method` with `AuthorizationType: NONE` (or none) whose integration `Uri` names a
      function of the template;
    - OpenAPI/Swagger operations whose `x-amazon-apigateway-integration` names a function, in a SAM `Api`'s or
      `HttpApi`'s `DefinitionBody` and in an `AWS::ApiGateway::RestApi`/`AWS::ApiGatewayV2::Api` `Body`, read
      as API Gateway applies them: the operation's `security` (or `x-amazon-apigateway-auth`) overrides the
      definition's root `security`; an empty list, or only API-key schemes, authenticate nobody; schemes with
      `x-amazon-apigateway-authorizer`/`-authtype` do. Every `Fn::If` branch (of the body, `paths`, a path or
      an operation) is a candidate. In a SAM `DefinitionBody` the API's `Auth.DefaultAuthorizer` is applied to
      operations that name no authorizer of their own, as SAM applies it. SAM adds an `Api` event's route to
      its API's `DefinitionBody` only with `MergeDefinitions: true` or the event's `Auth.OverrideApiAuth`
      (and, merging, not for `Method: any` or a body without `paths`), an `HttpApi` event's unless the body
      has an integration at its path: otherwise the body's operation is the route;
    - `AWS::ApiGatewayV2::Route` of an HTTP API with `AuthorizationType: NONE` (or none) whose target
      integration names a function (quick-create HTTP APIs, whose `$default` route has none, are IA1013's).

    Not reported: routes whose REST API limits callers with a resource policy (a `Policy`, an
    `x-amazon-apigateway-policy` in the body, SAM's `Auth.ResourcePolicy`) or a `PRIVATE` endpoint, routes that
    require only an API key (IA1013 reports them), `OPTIONS` (CORS preflight) and WebSocket APIs. A resource
    policy that allows everyone and denies a few (SAM's `IpRangeBlacklist`, `SourceVpcBlacklist`) does not
    limit callers; one that denies everyone outside a list (`StringNotEquals`/`NotIpAddress`, SAM's allow lists)
    does. Definitions outside the template (SAM `DefinitionUri`, `BodyS3Location`, `AWS::Include`) cannot be
    read: their routes are unknown and not reported. Read-only methods are IA1013.

    Routes that are public by design can be listed, by the API's logical id (`ServerlessRestApi` and
    `ServerlessHttpApi` for SAM's implicit APIs), the function's, or the Method's or Route's, in the
    `public_by_design` option (IA1013 has its own, of the same form); in AWS CDK output also by construct path,
    exact (`MyStack/Api/Default/webhook/POST`) or with a trailing `/*` for a construct and everything in it
    (`MyStack/Api/*`). On the command line separate ids with spaces:
    `cfn-lint -x "WA1012:public_by_design=ServerlessRestApi WebhookFunction"`; in `.cfnlintrc`:

    ```yaml
    configure_rules:
      WA1012:
        public_by_design: [ServerlessRestApi]
    ```

    ## Why is this bad?
    API Gateway invokes the function for every request that reaches the route: without an authorizer,
    anyone on the internet who finds the URL can create, change or delete data with the function's role,
    and run up its cost. Authentication then rests on the function's own code.

    ## How to suppress
    Add an authorizer (IAM, Cognito, JWT or a Lambda authorizer), list the API, function or route in
    `public_by_design`, or add `WA1012` to the resource's `Metadata: cfn-lint: config: ignore_checks` (for a
    SAM event, the function's).

    ## References
    - [Controlling and managing access to a REST API in API Gateway](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html)
    - [Controlling access to HTTP APIs with JWT authorizers and other authorizers](https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html)
    - [SAM ApiAuth](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-apiauth.html)
    - [SAM HttpApiAuth](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-httpapi-httpapiauth.html)
    - [AWS::ApiGateway::Method AuthorizationType](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-method.html#cfn-apigateway-method-authorizationtype)
    """

    id = "WA1012"
    shortdesc = "API write method invokes a function unauthenticated"
    description = "Anyone who finds the route can change data through the function, with its role's permissions."
    source_url = doc_url(id)
    tags = ["lambda", "api-gateway", "authentication"]

    def __init__(self) -> None:
        super().__init__()
        add_public_option(self)

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for route in open_routes(access_model(cfn), self):
            if route.writes and route.api_key is None and not catch_all(route):
                found.append((where(route), message(route)))
        return findings(cfn, found)
