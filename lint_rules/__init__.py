"""cfn-lint-lambda-auth: cfn-lint rules for who can invoke a Lambda function and what it may do.

cfn-lint's module mode (``--append-rules=lint_rules``) instantiates every rule class visible in this
namespace, so every rule is re-exported here and nothing else that subclasses a cfn-lint rule is.
"""

from __future__ import annotations

from lint_rules.documents.policy_document_invalid import PolicyDocumentInvalid
from lint_rules.documents.sam_access_property_invalid import SamAccessPropertyInvalid
from lint_rules.identity.iam_allow_all_actions_all_resources import IamAllowAllActionsAllResources
from lint_rules.invocation.lambda_layer_cross_account import LambdaLayerCrossAccount
from lint_rules.invocation.lambda_layer_public import LambdaLayerPublic
from lint_rules.invocation.lambda_permission_api_wildcard import LambdaPermissionApiWildcard
from lint_rules.invocation.lambda_permission_cross_account import LambdaPermissionCrossAccount
from lint_rules.invocation.lambda_permission_non_invoke import LambdaPermissionNonInvoke
from lint_rules.invocation.lambda_permission_public import LambdaPermissionPublic
from lint_rules.invocation.lambda_permission_service_unscoped import LambdaPermissionServiceUnscoped
from lint_rules.invocation.lambda_url_auth_none import LambdaUrlAuthNone
from lint_rules.invocation.lambda_url_cors_any_origin_any_method import LambdaUrlCorsAnyOriginAnyMethod
from lint_rules.invocation.lambda_url_cors_credentials_any_origin import LambdaUrlCorsCredentialsAnyOrigin
from lint_rules.invocation.lambda_url_permissions_inconsistent import LambdaUrlPermissionsInconsistent
from lint_rules.trust.access_key_secret_exposed import AccessKeySecretExposed
from lint_rules.trust.access_key_secret_in_property import AccessKeySecretInProperty
from lint_rules.trust.code_signing_warn_only import CodeSigningWarnOnly
from lint_rules.trust.event_source_auth_not_secret import EventSourceAuthNotSecret
from lint_rules.trust.iam_access_key import IamAccessKey
from lint_rules.trust.lambda_code_signing_missing import LambdaCodeSigningMissing
from lint_rules.trust.lambda_env_credential import LambdaEnvCredential
from lint_rules.trust.lambda_env_secret_name import LambdaEnvSecretName
from lint_rules.trust.lambda_env_secret_reference import LambdaEnvSecretReference
from lint_rules.trust.lambda_layer_other_account import LambdaLayerOtherAccount
from lint_rules.trust.user_password_parameter_default import UserPasswordParameterDefault
from lint_rules.trust.user_password_reset_not_required import UserPasswordResetNotRequired
from lint_rules.trust.user_policy_direct import UserPolicyDirect
from lint_rules.trust.user_without_group import UserWithoutGroup

__all__ = [
    "AccessKeySecretExposed",
    "AccessKeySecretInProperty",
    "CodeSigningWarnOnly",
    "EventSourceAuthNotSecret",
    "IamAccessKey",
    "IamAllowAllActionsAllResources",
    "LambdaCodeSigningMissing",
    "LambdaEnvCredential",
    "LambdaEnvSecretName",
    "LambdaEnvSecretReference",
    "LambdaLayerCrossAccount",
    "LambdaLayerOtherAccount",
    "LambdaLayerPublic",
    "LambdaPermissionApiWildcard",
    "LambdaPermissionCrossAccount",
    "LambdaPermissionNonInvoke",
    "LambdaPermissionPublic",
    "LambdaPermissionServiceUnscoped",
    "LambdaUrlAuthNone",
    "LambdaUrlCorsAnyOriginAnyMethod",
    "LambdaUrlCorsCredentialsAnyOrigin",
    "LambdaUrlPermissionsInconsistent",
    "PolicyDocumentInvalid",
    "SamAccessPropertyInvalid",
    "UserPasswordParameterDefault",
    "UserPasswordResetNotRequired",
    "UserPolicyDirect",
    "UserWithoutGroup",
]
