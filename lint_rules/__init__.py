"""cfn-lint-lambda-auth: cfn-lint rules for who can invoke a Lambda function and what it may do.

cfn-lint's module mode (``--append-rules=lint_rules``) instantiates every rule class visible in this
namespace, so every rule is re-exported here and nothing else that subclasses a cfn-lint rule is.
"""

from __future__ import annotations

from lint_rules.documents.policy_document_invalid import PolicyDocumentInvalid
from lint_rules.documents.sam_access_property_invalid import SamAccessPropertyInvalid
from lint_rules.identity.iam_allow_all_actions_all_resources import IamAllowAllActionsAllResources
from lint_rules.identity.iam_credential_access_unscoped import IamCredentialAccessUnscoped
from lint_rules.identity.iam_pass_role_any_role import IamPassRoleAnyRole
from lint_rules.identity.iam_pass_role_lambda_create import IamPassRoleLambdaCreate
from lint_rules.identity.iam_privilege_escalation import IamPrivilegeEscalation
from lint_rules.identity.iam_read_every_bucket import IamReadEveryBucket
from lint_rules.identity.lambda_management_conditions import LambdaManagementConditions
from lint_rules.identity.lambda_role_modifies_functions import LambdaRoleModifiesFunctions
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

__all__ = [
    "IamAllowAllActionsAllResources",
    "IamCredentialAccessUnscoped",
    "IamPassRoleAnyRole",
    "IamPassRoleLambdaCreate",
    "IamPrivilegeEscalation",
    "IamReadEveryBucket",
    "LambdaLayerCrossAccount",
    "LambdaLayerPublic",
    "LambdaManagementConditions",
    "LambdaPermissionApiWildcard",
    "LambdaPermissionCrossAccount",
    "LambdaPermissionNonInvoke",
    "LambdaPermissionPublic",
    "LambdaPermissionServiceUnscoped",
    "LambdaRoleModifiesFunctions",
    "LambdaUrlAuthNone",
    "LambdaUrlCorsAnyOriginAnyMethod",
    "LambdaUrlCorsCredentialsAnyOrigin",
    "LambdaUrlPermissionsInconsistent",
    "PolicyDocumentInvalid",
    "SamAccessPropertyInvalid",
]
