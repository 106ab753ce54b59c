"""acknowledged.js for Python CDK apps: EA1002 acknowledged through the CDK, WA1001 in ignore_checks."""

import os

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_

from lint_rules.cdk import python_plugin

app = cdk.App(outdir=os.environ["CDK_OUTDIR"], analytics_reporting=False)
cdk.Validations.of(app).add_plugins(python_plugin(ignore_checks=["WA1001"], warnings="fail"))
stack = cdk.Stack(app, "Acknowledged")
fn = lambda_.Function(
    stack,
    "Handler",
    runtime=lambda_.Runtime.NODEJS_22_X,
    handler="index.handler",
    code=lambda_.Code.from_inline("exports.handler = async () => 'ok';"),
)
fn.grant_invoke(iam.AnyPrincipal())
fn.add_function_url(auth_type=lambda_.FunctionUrlAuthType.NONE)
cdk.Validations.of(fn).acknowledge(
    cdk.Acknowledgment(
        id="cfn-lint-lambda-auth::EA1002", reason="a public demo endpoint: the handler checks a signed token"
    )
)
app.synth()
