"""planted.js for Python CDK apps (aws-cdk-lib from PyPI, through jsii): synth must fail on EA1002."""

import os

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_

from lint_rules.cdk import python_plugin

app = cdk.App(outdir=os.environ["CDK_OUTDIR"], analytics_reporting=False)
cdk.Validations.of(app).add_plugins(python_plugin())
stack = cdk.Stack(app, "Planted")
fn = lambda_.Function(
    stack,
    "Handler",
    runtime=lambda_.Runtime.NODEJS_22_X,
    handler="index.handler",
    code=lambda_.Code.from_inline("exports.handler = async () => 'ok';"),
)
fn.grant_invoke(iam.AnyPrincipal())  # planted: EA1002
fn.add_function_url(auth_type=lambda_.FunctionUrlAuthType.NONE)  # planted: WA1001
app.synth()
