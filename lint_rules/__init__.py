"""cfn-lint-lambda-auth: cfn-lint rules for who can invoke a Lambda function and what it may do.

cfn-lint's module mode (``--append-rules=lint_rules``) instantiates every rule class visible in this
namespace, so every rule is re-exported here and nothing else that subclasses a cfn-lint rule is.
On import, the rules that have no per-resource check get a cheaper no-op for cfn-lint's per-resource
pass (``_skip_resource_pass``), and every rule returns at once in a run that does not report it
(``_skip_disabled_rules``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from lint_rules._runner import enabled_for, forget_enabled
from lint_rules.documents.action_unknown import ActionUnknown
from lint_rules.documents.condition_for_all_values_single import ConditionForAllValuesSingleValued
from lint_rules.documents.condition_key_deprecated import ConditionKeyDeprecated
from lint_rules.documents.condition_key_unknown import ConditionKeyUnknown
from lint_rules.documents.condition_key_unpaired import ConditionKeyUnpaired
from lint_rules.documents.condition_operator_type_mismatch import ConditionOperatorTypeMismatch
from lint_rules.documents.condition_operator_unknown import ConditionOperatorUnknown
from lint_rules.documents.condition_source_ip_private import ConditionSourceIpPrivate
from lint_rules.documents.condition_tag_key_allow_unsupported import ConditionTagKeyAllowUnsupported
from lint_rules.documents.condition_tag_key_deny_unsupported import ConditionTagKeyDenyUnsupported
from lint_rules.documents.condition_value_type_mismatch import ConditionValueTypeMismatch
from lint_rules.documents.condition_without_effect import ConditionWithoutEffect
from lint_rules.documents.lambda_policy_foreign import LambdaPolicyForeign
from lint_rules.documents.policy_document_invalid import PolicyDocumentInvalid
from lint_rules.documents.policy_element_redundant import PolicyElementRedundant
from lint_rules.documents.policy_size_over_quota import PolicySizeOverQuota
from lint_rules.documents.policy_variable_invalid import PolicyVariableInvalid
from lint_rules.documents.policy_variable_version_missing import PolicyVariableVersionMissing
from lint_rules.documents.principal_invalid import PrincipalInvalid
from lint_rules.documents.principal_unique_id import PrincipalUniqueId
from lint_rules.documents.resource_arn_invalid import ResourceArnInvalid
from lint_rules.documents.resource_arn_service_wildcard import ResourceArnServiceWildcard
from lint_rules.documents.sam_access_property_invalid import SamAccessPropertyInvalid
from lint_rules.documents.statement_id_empty import StatementIdEmpty
from lint_rules.documents.statement_id_invalid import StatementIdInvalid
from lint_rules.documents.trust_policy_rejected import TrustPolicyRejected
from lint_rules.documents.trust_policy_suggestion import TrustPolicySuggestion
from lint_rules.identity.iam_action_wildcard import IamActionWildcard
from lint_rules.identity.iam_action_wildcard_narrow import IamActionWildcardNarrow
from lint_rules.identity.iam_action_wildcard_sensitive import IamActionWildcardSensitive
from lint_rules.identity.iam_admin_deployment_role import IamAdminDeploymentRole
from lint_rules.identity.iam_allow_all_actions_all_resources import IamAllowAllActionsAllResources
from lint_rules.identity.iam_allow_not_action import IamAllowNegation
from lint_rules.identity.iam_allow_not_action_everything import IamAllowNegationBroad
from lint_rules.identity.iam_aws_managed_admin_policy import IamAwsManagedAdminPolicy
from lint_rules.identity.iam_create_slr_any_service import IamCreateServiceLinkedRoleAnyService
from lint_rules.identity.iam_credential_access_unscoped import IamCredentialAccessUnscoped
from lint_rules.identity.iam_pass_role_any_role import IamPassRoleAnyRole
from lint_rules.identity.iam_pass_role_lambda_create import IamPassRoleLambdaCreate
from lint_rules.identity.iam_privilege_escalation import IamPrivilegeEscalation
from lint_rules.identity.iam_read_every_bucket import IamReadEveryBucket
from lint_rules.identity.iam_wildcard_resource_permissions import IamWildcardResourcePermissions
from lint_rules.identity.iam_wildcard_resource_read import IamWildcardResourceRead
from lint_rules.identity.iam_wildcard_resource_write import IamWildcardResourceWrite
from lint_rules.identity.lambda_execution_role_shared import LambdaExecutionRoleShared
from lint_rules.identity.lambda_management_conditions import LambdaManagementConditions
from lint_rules.identity.lambda_role_modifies_functions import LambdaRoleModifiesFunctions
from lint_rules.identity.sam_policy_template_wildcard import SamPolicyTemplateWildcard
from lint_rules.identity.sam_policy_unknown_action import SamPolicyUnknownAction
from lint_rules.invocation.api_read_method_unauthenticated import ApiReadMethodUnauthenticated
from lint_rules.invocation.api_write_method_unauthenticated import ApiWriteMethodUnauthenticated
from lint_rules.invocation.lambda_layer_cross_account import LambdaLayerCrossAccount
from lint_rules.invocation.lambda_layer_public import LambdaLayerPublic
from lint_rules.invocation.lambda_permission_api_wildcard import LambdaPermissionApiWildcard
from lint_rules.invocation.lambda_permission_cross_account import LambdaPermissionCrossAccount
from lint_rules.invocation.lambda_permission_non_invoke import LambdaPermissionNonInvoke
from lint_rules.invocation.lambda_permission_public import LambdaPermissionPublic
from lint_rules.invocation.lambda_permission_qualifier_mismatch import LambdaPermissionQualifierMismatch
from lint_rules.invocation.lambda_permission_service_unscoped import LambdaPermissionServiceUnscoped
from lint_rules.invocation.lambda_resource_policy_mixed import LambdaResourcePolicyMixed
from lint_rules.invocation.lambda_resource_policy_size import LambdaResourcePolicySize
from lint_rules.invocation.lambda_url_auth_none import LambdaUrlAuthNone
from lint_rules.invocation.lambda_url_cors_any_origin_any_method import LambdaUrlCorsAnyOriginAnyMethod
from lint_rules.invocation.lambda_url_cors_credentials_any_origin import LambdaUrlCorsCredentialsAnyOrigin
from lint_rules.invocation.lambda_url_permissions_inconsistent import LambdaUrlPermissionsInconsistent
from lint_rules.trust.access_key_secret_exposed import AccessKeySecretExposed
from lint_rules.trust.access_key_secret_in_property import AccessKeySecretInProperty
from lint_rules.trust.code_signing_warn_only import CodeSigningWarnOnly
from lint_rules.trust.event_source_auth_not_secret import EventSourceAuthNotSecret
from lint_rules.trust.execution_role_trusts_others import ExecutionRoleTrustsOthers
from lint_rules.trust.iam_access_key import IamAccessKey
from lint_rules.trust.lambda_code_signing_missing import LambdaCodeSigningMissing
from lint_rules.trust.lambda_env_credential import LambdaEnvCredential
from lint_rules.trust.lambda_env_secret_name import LambdaEnvSecretName
from lint_rules.trust.lambda_env_secret_reference import LambdaEnvSecretReference
from lint_rules.trust.lambda_layer_other_account import LambdaLayerOtherAccount
from lint_rules.trust.trust_policy_any_principal import TrustPolicyAnyPrincipal
from lint_rules.trust.trust_policy_cross_account import TrustPolicyCrossAccount
from lint_rules.trust.trust_policy_federated_any_subject import TrustPolicyFederatedAnySubject
from lint_rules.trust.trust_policy_federated_no_audience import TrustPolicyFederatedNoAudience
from lint_rules.trust.trust_policy_not_principal import TrustPolicyNotPrincipal
from lint_rules.trust.trust_policy_principal_wildcard import TrustPolicyPrincipalWildcard
from lint_rules.trust.trust_policy_service_unscoped import TrustPolicyServiceUnscoped
from lint_rules.trust.trust_policy_wildcard_action import TrustPolicyWildcardAction
from lint_rules.trust.user_password_parameter_default import UserPasswordParameterDefault
from lint_rules.trust.user_password_reset_not_required import UserPasswordResetNotRequired
from lint_rules.trust.user_policy_direct import UserPolicyDirect
from lint_rules.trust.user_without_group import UserWithoutGroup

__all__ = [
    "AccessKeySecretExposed",
    "AccessKeySecretInProperty",
    "ActionUnknown",
    "ApiReadMethodUnauthenticated",
    "ApiWriteMethodUnauthenticated",
    "CodeSigningWarnOnly",
    "ConditionForAllValuesSingleValued",
    "ConditionKeyDeprecated",
    "ConditionKeyUnknown",
    "ConditionKeyUnpaired",
    "ConditionOperatorTypeMismatch",
    "ConditionOperatorUnknown",
    "ConditionSourceIpPrivate",
    "ConditionTagKeyAllowUnsupported",
    "ConditionTagKeyDenyUnsupported",
    "ConditionValueTypeMismatch",
    "ConditionWithoutEffect",
    "EventSourceAuthNotSecret",
    "ExecutionRoleTrustsOthers",
    "IamAccessKey",
    "IamActionWildcard",
    "IamActionWildcardNarrow",
    "IamActionWildcardSensitive",
    "IamAdminDeploymentRole",
    "IamAllowAllActionsAllResources",
    "IamAllowNegation",
    "IamAllowNegationBroad",
    "IamAwsManagedAdminPolicy",
    "IamCreateServiceLinkedRoleAnyService",
    "IamCredentialAccessUnscoped",
    "IamPassRoleAnyRole",
    "IamPassRoleLambdaCreate",
    "IamPrivilegeEscalation",
    "IamReadEveryBucket",
    "IamWildcardResourcePermissions",
    "IamWildcardResourceRead",
    "IamWildcardResourceWrite",
    "LambdaCodeSigningMissing",
    "LambdaEnvCredential",
    "LambdaEnvSecretName",
    "LambdaEnvSecretReference",
    "LambdaExecutionRoleShared",
    "LambdaLayerCrossAccount",
    "LambdaLayerOtherAccount",
    "LambdaLayerPublic",
    "LambdaManagementConditions",
    "LambdaPermissionApiWildcard",
    "LambdaPermissionCrossAccount",
    "LambdaPermissionNonInvoke",
    "LambdaPermissionPublic",
    "LambdaPermissionQualifierMismatch",
    "LambdaPermissionServiceUnscoped",
    "LambdaPolicyForeign",
    "LambdaResourcePolicyMixed",
    "LambdaResourcePolicySize",
    "LambdaRoleModifiesFunctions",
    "LambdaUrlAuthNone",
    "LambdaUrlCorsAnyOriginAnyMethod",
    "LambdaUrlCorsCredentialsAnyOrigin",
    "LambdaUrlPermissionsInconsistent",
    "PolicyDocumentInvalid",
    "PolicyElementRedundant",
    "PolicySizeOverQuota",
    "PolicyVariableInvalid",
    "PolicyVariableVersionMissing",
    "PrincipalInvalid",
    "PrincipalUniqueId",
    "ResourceArnInvalid",
    "ResourceArnServiceWildcard",
    "SamAccessPropertyInvalid",
    "SamPolicyTemplateWildcard",
    "SamPolicyUnknownAction",
    "StatementIdEmpty",
    "StatementIdInvalid",
    "TrustPolicyAnyPrincipal",
    "TrustPolicyCrossAccount",
    "TrustPolicyFederatedAnySubject",
    "TrustPolicyFederatedNoAudience",
    "TrustPolicyNotPrincipal",
    "TrustPolicyPrincipalWildcard",
    "TrustPolicyRejected",
    "TrustPolicyServiceUnscoped",
    "TrustPolicySuggestion",
    "TrustPolicyWildcardAction",
    "UserPasswordParameterDefault",
    "UserPasswordResetNotRequired",
    "UserPolicyDirect",
    "UserWithoutGroup",
]


def _no_resource_properties(
    self: object, filename: object, cfn: object, properties: object, resource_type: object, path: object
) -> tuple[()]:
    """What cfn-lint's default ``matchall_resource_properties`` yields for a rule without resource types."""
    return ()


def _skip_resource_pass() -> None:
    """cfn-lint calls every rule's ``matchall_resource_properties`` once per resource of the template; none
    of these rules has a per-resource check, and cfn-lint's decorated default builds a generator for each
    call that then returns at once. A plain method returning nothing does the same at half the cost
    (1.1 -> 0.6 us per rule and resource, for every one of these rules on every resource)."""
    from cfnlint.rules import CloudFormationLintRule

    for name in __all__:
        rule: type[CloudFormationLintRule] = globals()[name]
        if rule.match_resource_properties is CloudFormationLintRule.match_resource_properties:
            rule.matchall_resource_properties = _no_resource_properties  # type: ignore[method-assign]


def _initialize(self: object, cfn: object) -> None:
    """cfn-lint's ``initialize``, called for every rule at the start of each run: the run's enabled rules
    are read afresh (``lint_rules._runner.enabled_for``)."""
    forget_enabled(cfn)


def _only_when_enabled(match: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    @functools.wraps(match)
    def enabled_match(self: Any, cfn: Any) -> Any:
        enabled = enabled_for(cfn)
        if enabled is not None and self.id not in enabled:
            return []
        return match(self, cfn)

    return enabled_match


def _skip_disabled_rules() -> None:
    """cfn-lint's ``Rules.run`` calls every rule's ``match``, enabled or not, and drops the matches of the
    rules the run does not report afterwards; by default (``-c I`` not given) that is every informational
    rule. These rules return nothing at once instead (a tenth of their time on the corpus)."""
    from cfnlint.rules import CloudFormationLintRule

    for name in __all__:
        rule: type[CloudFormationLintRule] = globals()[name]
        if rule.initialize is not CloudFormationLintRule.initialize:
            raise TypeError(f"{name} has its own initialize; _initialize would replace it")
        rule.initialize = _initialize  # type: ignore[method-assign]
        rule.match = _only_when_enabled(rule.match)  # type: ignore[method-assign,assignment]


_skip_resource_pass()
_skip_disabled_rules()
