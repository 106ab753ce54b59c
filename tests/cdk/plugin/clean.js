// The recommended shapes, with the plugin: synth must pass with nothing reported.
const { execFileSync } = require("child_process");
const cdk = require("aws-cdk-lib");
const iam = require("aws-cdk-lib/aws-iam");
const lambda = require("aws-cdk-lib/aws-lambda");
const sns = require("aws-cdk-lib/aws-sns");
const subscriptions = require("aws-cdk-lib/aws-sns-subscriptions");

const pluginPath = execFileSync("cfn-lint-lambda-auth", ["cdk-plugin-path"], { encoding: "utf-8" }).trim();
const { CfnLintLambdaAuthPlugin } = require(pluginPath);

const app = new cdk.App({ outdir: process.env.CDK_OUTDIR, analyticsReporting: false });
cdk.Validations.of(app).addPlugins(new CfnLintLambdaAuthPlugin({ warnings: "fail" }));
const stack = new cdk.Stack(app, "Clean");
const fn = new lambda.Function(stack, "Handler", {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: "index.handler",
  code: lambda.Code.fromInline("exports.handler = async () => 'ok';"),
});
fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
// an SNS subscription: the CDK scopes the invoke permission with SourceArn
new sns.Topic(stack, "Events").addSubscription(new subscriptions.LambdaSubscription(fn));
fn.grantInvoke(new iam.AccountPrincipal(stack.account));
app.synth();
