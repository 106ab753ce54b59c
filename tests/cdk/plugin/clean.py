"""clean.js for Python CDK apps: synth must pass with nothing reported."""

import os

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions

from lint_rules.cdk import python_plugin

app = cdk.App(outdir=os.environ["CDK_OUTDIR"], analytics_reporting=False)
cdk.Validations.of(app).add_plugins(python_plugin(warnings="fail"))
stack = cdk.Stack(app, "Clean")
fn = lambda_.Function(
    stack,
    "Handler",
    runtime=lambda_.Runtime.NODEJS_22_X,
    handler="index.handler",
    code=lambda_.Code.from_inline("exports.handler = async () => 'ok';"),
)
fn.add_function_url(auth_type=lambda_.FunctionUrlAuthType.AWS_IAM)
sns.Topic(stack, "Events").add_subscription(subscriptions.LambdaSubscription(fn))
fn.grant_invoke(iam.AccountPrincipal(stack.account))
app.synth()
