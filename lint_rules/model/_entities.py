"""What the access model holds: identities, functions, ways to invoke them, and the indexes over them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lint_rules.model._cdk import CdkHelper
from lint_rules.model._documents import PolicyDocument, Statement
from lint_rules.model._schemas import SchemaError, validate
from lint_rules.model._values import Path, Value

ROLE = "role"
USER = "user"
GROUP = "group"


@dataclass
class Identity:
    """An IAM role, user or group, in the template or implied by SAM (``implicit``: SAM's ``<Fn>Role``)."""

    logical_id: str
    kind: str
    path: Path
    implicit: bool = False
    names: list[str] = field(default_factory=list)  # literal RoleName/UserName/GroupName
    # every name RoleName/UserName/GroupName can take (literal, a parameter's Default/AllowedValues, Fn::If branches)
    name_candidates: list[str] = field(default_factory=list)
    trust: list[PolicyDocument] = field(default_factory=list)
    managed_policy_arns: list[Value] = field(default_factory=list)
    managed_policy_ids: list[str] = field(default_factory=list)  # AWS::IAM::ManagedPolicy logical ids
    boundary: list[Value] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # users: group logical ids
    login_profile: Path | None = None  # users: the LoginProfile key
    access_keys: list[str] = field(default_factory=list)  # users: AWS::IAM::AccessKey logical ids
    # users: LoginProfile.Password and PasswordResetRequired candidates (empty when not written)
    password: list[Value] = field(default_factory=list)
    password_reset: list[Value] = field(default_factory=list)
    password_reset_path: Path | None = None
    # users: every policy given to the user directly, not through a group: where it is written (the
    # Policies item, the ManagedPolicyArns item, the Users item of a policy resource) and how to name it
    direct_policies: list[tuple[Path, str]] = field(default_factory=list)


@dataclass
class Function:
    """A Lambda function (``AWS::Lambda::Function`` or ``AWS::Serverless::Function``)."""

    logical_id: str
    type: str
    path: Path
    role_id: str | None = None  # logical id of the execution role in the template (SAM's implicit one too)
    role_values: list[Value] = field(default_factory=list)  # the Role property's candidate ARNs
    role_path: Path | None = None
    environment: dict[str, tuple[Any, Path]] = field(default_factory=dict)
    # each environment variable's candidate strings (Fn::If branches, parameter Default/AllowedValues)
    environment_values: dict[str, list[Value]] = field(default_factory=dict)
    # the format strings of the Fn::Sub values the resolver cannot resolve (${Resource} inside), as written
    environment_subs: dict[str, list[tuple[str, Path]]] = field(default_factory=dict)
    layers: list[Value] = field(default_factory=list)
    code_signing_path: Path | None = None
    layers_path: Path | None = None
    package_type: list[Value] = field(default_factory=list)  # PackageType candidates (empty: Zip)
    kms_key_path: Path | None = None


@dataclass
class Invocation:
    """One way a function can be invoked, as a resource-policy grant.

    ``kind``: permission (AWS::Lambda::Permission), resource-policy (AWS::Lambda::ResourcePolicy
    statement), sam-event (a SAM event's implicit permission), sam-url (the permissions SAM adds for a
    FunctionUrlConfig with AuthType NONE), sam-authorizer (a Lambda authorizer of a SAM Api, HttpApi,
    GraphQLApi or WebSocketApi), sam-route (a WebSocketApi route), sam-connector (a SAM connector).
    ``narrowing``: the conditions that really narrow the caller (SourceArn, SourceAccount,
    PrincipalOrgID, EventSourceToken or condition keys, judged by ``lint_rules.model._conditions``),
    each with where it is written; ``loose``: those present that do not narrow, with the reason.
    ``url_auth_type``: FunctionUrlAuthType, for URL permissions. ``source``: for a permission, its
    properties as written, validated against ``schemas/lambda-permission.json`` on first use of ``errors``.
    """

    kind: str
    resource: str
    path: Path
    function: str | None
    principal: list[Value]
    principal_path: Path | None
    action: list[Value] = field(default_factory=list)
    narrowing: dict[str, Path] = field(default_factory=dict)
    loose: list[tuple[Path, str]] = field(default_factory=list)  # conditions that fail to narrow, and why
    source_arns: list[Value] = field(default_factory=list)  # SourceArn / aws:SourceArn values it names
    url_auth_type: list[Value] = field(default_factory=list)
    via_function_url: bool = False
    statement: Statement | None = None
    # The qualifier FunctionName/ResourceArn names (see ``Caller``): '' the unqualified function, None unknown.
    qualifier: str | None = ""
    function_path: Path | None = None
    source_resources: list[str] = field(default_factory=list)  # template resources its SourceArn names
    source: Any = None
    target: str | None = None  # what FunctionName names before aliases and versions resolve to ``function``
    denied_by: list[Path] = field(default_factory=list)  # resource-policy Deny statements credited in narrowing
    _errors: list[SchemaError] | None = field(default=None, repr=False)

    @property
    def errors(self) -> list[SchemaError]:
        if self._errors is None:
            self._errors = (
                validate("lambda-permission", self.source, (*self.path, "Properties"))
                if self.source is not None
                else []
            )
        return self._errors


@dataclass
class ResourcePolicy:
    """``AWS::Lambda::ResourcePolicy``: a whole resource-based policy document set on one function,
    version or alias (``target``, as ResourceArn names it; ``function``, the function it belongs to)."""

    logical_id: str
    path: Path
    target: str | None
    function: str | None
    target_path: Path | None
    documents: list[PolicyDocument] = field(default_factory=list)


@dataclass
class FunctionUrl:
    """A function URL: ``AWS::Lambda::Url`` or a SAM ``FunctionUrlConfig`` (``sam``)."""

    resource: str
    path: Path
    function: str | None
    auth_type: list[Value]
    auth_path: Path | None
    sam: bool = False
    # The qualifier it is on, as ``Invocation.qualifier`` spells it: '' the unqualified function, ``alias:<name>``
    # (``alias:@<logical id>`` when the name is not literal), None when the template does not tell
    qualifier: str | None = ""
    # Cors: AllowOrigins, AllowMethods and AllowCredentials candidates (each a list of values), and
    # where each key is written (through Fn::If on the Cors mapping, every branch's values count)
    cors: dict[str, list[Value]] = field(default_factory=dict)
    cors_paths: dict[str, Path] = field(default_factory=dict)

    @property
    def cors_credentials(self) -> bool:
        """Whether any candidate of Cors.AllowCredentials is true."""
        return any(v.text is not None and v.text.lower() == "true" for v in self.cors.get("AllowCredentials", []))

    def cors_wildcards(self, key: str) -> list[Value]:
        """The ``*`` candidates of Cors.AllowOrigins or Cors.AllowMethods."""
        return [value for value in self.cors.get(key, []) if value.text == "*"]


@dataclass
class Layer:
    logical_id: str
    type: str
    path: Path


@dataclass
class LayerPermission:
    """``AWS::Lambda::LayerVersionPermission``: who may use a layer version (``organization``: its
    OrganizationId candidates, empty when absent)."""

    logical_id: str
    path: Path
    layer: str | None
    principal: list[Value]
    principal_path: Path | None
    organization_path: Path | None
    organization: list[Value] = field(default_factory=list)

    @property
    def organization_bound(self) -> bool:
        """Tied to an organization: an OrganizationId that is not empty (an unresolved value names one)."""
        return any(value.text != "" for value in self.organization)


@dataclass
class EventSourceMapping:
    """A pull source: ``AWS::Lambda::EventSourceMapping`` or a SAM SQS/Kinesis/DynamoDB/... event."""

    resource: str
    path: Path
    function: str | None
    access: list[SourceAccess] = field(default_factory=list)


@dataclass
class SourceAccess:
    """One item of an event source's ``SourceAccessConfigurations``: its Type and URI candidates."""

    path: Path
    type: list[Value]
    uri: list[Value]
    uri_path: Path | None


@dataclass
class CodeSigningConfig:
    """``AWS::Lambda::CodeSigningConfig``: ``policy`` holds the UntrustedArtifactOnDeployment candidates
    (empty when not written: Lambda's default is Warn), ``policy_path`` where it is written."""

    logical_id: str
    path: Path
    policy: list[Value]
    policy_path: Path | None


@dataclass(frozen=True)
class Parameter:
    """A template parameter: whether it is NoEcho and whether it has a Default (and where)."""

    name: str
    path: Path
    no_echo: bool
    default_path: Path | None


@dataclass(frozen=True)
class SecretKeyFlow:
    """Where an access key's secret (``Fn::GetAtt Key.SecretAccessKey``) is written: ``sink`` is
    ``output``, ``environment`` (a Lambda variable), ``ssm`` (an SSM parameter), ``secret`` (a Secrets
    Manager secret's SecretString, the one safe place) or ``property`` (any other resource property);
    ``holder`` is the output or resource, ``path`` the GetAtt (or the Sub/Join string holding it)."""

    key: str
    sink: str
    holder: str
    path: Path


# HTTP methods that only read, and CORS preflight (never authorized by API Gateway's authorizers).
READ_METHODS = frozenset({"GET", "HEAD"})
PREFLIGHT = "OPTIONS"


@dataclass
class ApiAuth:
    """One API route that integrates a function, with how it authorizes callers.

    One per ``AWS::ApiGateway::Method``, ``AWS::ApiGatewayV2::Route`` of an HTTP API, quick-create HTTP API
    (``AWS::ApiGatewayV2::Api`` with ``Target``), SAM ``Api``/``HttpApi`` event (on the API it names, or SAM's
    implicit ``ServerlessRestApi``/``ServerlessHttpApi`` configured by ``Globals``), and route of a SAM
    ``WebSocketApi``. ``resource`` is the Method/Route/API logical id, or the function of a SAM event; ``path``
    is that resource or the SAM event.

    ``authorization``: the effective authorization candidates (``NONE``, ``AWS_IAM``, ``CUSTOM``,
    ``COGNITO_USER_POOLS``, ``JWT``, or a SAM authorizer name), empty when none is set (API Gateway's default,
    ``NONE``); ``authorization_path`` where the effective value is written (the event's ``Auth.Authorizer``,
    the API's or Globals' ``Auth.DefaultAuthorizer``, the ``AuthorizationType``), None when nowhere.
    ``explicit``: the route itself says NONE (``Authorizer: NONE`` on a SAM event, ``AuthorizationType: NONE``).
    ``methods``: the HTTP method candidates as written (SAM's ``any``; a route key's method), ``route`` the
    literal path or route key. ``api_key``: where an API key requirement is written (an API key identifies a
    client, it does not authenticate one). ``restricted``: where a resource policy or a private endpoint limits
    who can reach the API. ``opaque``: why the template cannot tell the route's authorization (an OpenAPI
    definition outside the template, or one that sets ``security`` itself).
    """

    resource: str
    type: str
    path: Path
    authorization: list[Value]
    authorization_path: Path | None
    function: str | None = None
    api: str | None = None
    explicit: bool = False
    methods: list[Value] = field(default_factory=list)
    method_path: Path | None = None
    route: str | None = None
    api_key: Path | None = None
    restricted: Path | None = None
    opaque: str | None = None

    @property
    def unauthenticated(self) -> bool:
        """No candidate authorization authenticates the caller (every one is known and NONE, or none is set)."""
        return all(value.text is not None and value.text.upper() == "NONE" for value in self.authorization)

    def method_names(self) -> set[str]:
        """The HTTP methods, upper case (SAM's ``any`` and ``x-amazon-apigateway-any-method`` as ``ANY``);
        ``ANY`` when none is written, ``?`` for an unresolved one."""
        names = {
            "ANY" if "ANY" in (value.text or "?").upper() else (value.text or "?").upper() for value in self.methods
        }
        return names or {"ANY"}

    @property
    def writes(self) -> bool:
        """Some method candidate can change state: not only GET, HEAD or the OPTIONS preflight."""
        return any(name not in READ_METHODS and name not in (PREFLIGHT, "?") for name in self.method_names())

    @property
    def preflight(self) -> bool:
        return self.method_names() == {PREFLIGHT}


@dataclass
class Caller:
    """A resource of the template that invokes a function through a push integration: an EventBridge rule
    target, an SNS subscription, an S3 notification, an API Gateway integration, a log subscription filter.

    ``resource`` is what a permission's ``SourceArn`` names for it (the rule, topic, bucket, API or log
    group); ``service`` the principal it invokes as (``events``, ``sns``, ``s3``, ``apigateway``, ``logs``).
    ``qualifier``: '' when it invokes the unqualified function, ``alias:<name>`` or ``version:<id>`` (a
    logical id after ``@`` when the name is not literal), None when the template does not tell.
    """

    resource: str
    service: str
    function: str | None
    qualifier: str | None
    path: Path


@dataclass
class Alias:
    """``AWS::Lambda::Alias`` or ``AWS::Lambda::Version``: a qualifier of a function."""

    logical_id: str
    type: str
    function: str | None


@dataclass
class Exposure:
    """A function's invocation surface (``AccessModel.exposure``)."""

    invocations: list[Invocation]
    urls: list[FunctionUrl]
    api_methods: list[ApiAuth]
    event_source_mappings: list[EventSourceMapping]


@dataclass(frozen=True)
class InvalidProperty:
    """A property whose shape the SAM translator rejects though cfn-lint accepts it (``Policies: 42``)."""

    path: Path
    message: str


@dataclass
class AccessModel:
    """Everything the rules ask about one template, built once (see ``lint_rules.model.access_model``)."""

    sam: bool
    documents: list[PolicyDocument] = field(default_factory=list)
    identities: dict[str, Identity] = field(default_factory=dict)
    functions: dict[str, Function] = field(default_factory=dict)
    invocations: list[Invocation] = field(default_factory=list)
    closed_invocations: list[Invocation] = field(default_factory=list)  # closed by an unconditioned Deny
    resource_policies: list[ResourcePolicy] = field(default_factory=list)
    urls: list[FunctionUrl] = field(default_factory=list)
    layers: dict[str, Layer] = field(default_factory=dict)
    layer_permissions: list[LayerPermission] = field(default_factory=list)
    event_source_mappings: list[EventSourceMapping] = field(default_factory=list)
    api_auth: list[ApiAuth] = field(default_factory=list)
    qualifiers: dict[str, Alias] = field(default_factory=dict)
    callers: list[Caller] = field(default_factory=list)
    managed_policies: dict[str, list[PolicyDocument]] = field(default_factory=dict)
    parameters: dict[str, Parameter] = field(default_factory=dict)
    access_keys: dict[str, Path] = field(default_factory=dict)  # AWS::IAM::AccessKey: logical id -> path
    secret_key_flows: list[SecretKeyFlow] = field(default_factory=list)
    code_signing_configs: dict[str, CodeSigningConfig] = field(default_factory=dict)
    load_failures: list[str] = field(default_factory=list)
    invalid_properties: list[InvalidProperty] = field(default_factory=list)
    # AWS::IAM::ManagedPolicy logical ids some PermissionsBoundary names (by reference or ARN)
    boundary_policies: set[str] = field(default_factory=set)
    # AWS CDK: logical id -> construct path (its aws:cdk:path, trailing /Resource left out), and the
    # resources of the CDK's generated helpers (lint_rules/model/_cdk.py)
    constructs: dict[str, str] = field(default_factory=dict)
    cdk_helpers: dict[str, CdkHelper] = field(default_factory=dict)
    # AWS::IAM::ManagedPolicy / Policy logical ids whose properties name no role, user or group
    detached_policies: set[str] = field(default_factory=set)
    # what rules derive from the model once and share (several severities of one judgement), by name
    derived: dict[str, Any] = field(default_factory=dict)
    _grants: dict[str, list[tuple[PolicyDocument, Statement]]] | None = None
    _invocations_by_function: dict[str | None, list[Invocation]] | None = None

    def grants(self, identity: str) -> list[tuple[PolicyDocument, Statement]]:
        """Every identity-policy statement that applies to a role, user or group (a user's groups too)."""
        if self._grants is None:
            index: dict[str, list[tuple[PolicyDocument, Statement]]] = {}
            for document in self.documents:
                if document.kind != "identity":
                    continue
                for target in document.attached_to:
                    index.setdefault(target, []).extend((document, s) for s in document.statements)
            self._grants = index
        result = list(self._grants.get(identity, []))
        member = self.identities.get(identity)
        if member is not None:
            for group in member.groups:
                result.extend(self._grants.get(group, []))
        return result

    def written_grants(self) -> list[Invocation]:
        """The invoke grants written in the template (Lambda permissions and resource-policy statements),
        not those SAM generates for events, URLs, authorizers and connectors."""
        return [i for i in self.invocations if i.kind in ("permission", "resource-policy")]

    def execution_role(self, function: str) -> Identity | None:
        """The function's execution role when it is in the template (SAM's implicit role included)."""
        found = self.functions.get(function)
        if found is None or found.role_id is None:
            return None
        return self.identities.get(found.role_id)

    def invocations_of(self, function: str | None) -> list[Invocation]:
        """Every grant to invoke the function (``None``: grants on functions outside the template)."""
        if self._invocations_by_function is None:
            index: dict[str | None, list[Invocation]] = {}
            for invocation in self.invocations:
                index.setdefault(invocation.function, []).append(invocation)
            self._invocations_by_function = index
        return list(self._invocations_by_function.get(function, []))

    def exposure(self, function: str) -> Exposure:
        """Every way the function can be reached: grants, URLs, API methods and pull-source mappings."""
        return Exposure(
            invocations=self.invocations_of(function),
            urls=[url for url in self.urls if url.function == function],
            api_methods=[auth for auth in self.api_auth if auth.function == function],
            event_source_mappings=[m for m in self.event_source_mappings if m.function == function],
        )

    def trust_policies(self) -> list[tuple[Identity, PolicyDocument]]:
        """Every role's trust policy as the template writes it (an IAM role's AssumeRolePolicyDocument, a SAM
        function's), each Fn::If branch of a whole document apart; not the one SAM writes for its own role."""
        return [
            (identity, document)
            for identity in self.identities.values()
            for document in identity.trust
            if not document.generated
        ]

    def identity_documents(self) -> list[PolicyDocument]:
        return [document for document in self.documents if document.kind == "identity"]

    def grants_nothing(self, document: PolicyDocument) -> bool:
        """A policy attached to no principal of the template that is a permissions boundary (some
        PermissionsBoundary names it) or names no role, user or group at all (the CDK bootstrap template's
        example boundary, a policy left for others to attach): it caps or waits, it grants nothing here."""
        if document.attached_to:
            return False
        return document.resource in self.boundary_policies or document.resource in self.detached_policies

    def granting_documents(self) -> list[PolicyDocument]:
        """The identity documents that grant something: every one but those that grant nothing here."""
        return [document for document in self.identity_documents() if not self.grants_nothing(document)]
