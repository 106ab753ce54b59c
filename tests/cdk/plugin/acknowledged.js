// The planted problems of planted.js, each silenced the way a CDK user would: EA1002 acknowledged with
// the CDK's own mechanism on the function's construct, WA1001 left out with the plugin's ignoreChecks.
// Synth must pass, with nothing reported; the CDK's report lists EA1002 as acknowledged.
const { execFileSync } = require("child_process");
const cdk = require("aws-cdk-lib");
const iam = require("aws-cdk-lib/aws-iam");
const lambda = require("aws-cdk-lib/aws-lambda");

const pluginPath = execFileSync("cfn-lint-lambda-auth", ["cdk-plugin-path"], { encoding: "utf-8" }).trim();
const { CfnLintLambdaAuthPlugin } = require(pluginPath);

const app = new cdk.App({ outdir: process.env.CDK_OUTDIR, analyticsReporting: false });
cdk.Validations.of(app).addPlugins(new CfnLintLambdaAuthPlugin({ ignoreChecks: ["WA1001"], warnings: "fail" }));
const stack = new cdk.Stack(app, "Acknowledged");
const fn = new lambda.Function(stack, "Handler", {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: "index.handler",
  code: lambda.Code.fromInline("exports.handler = async () => 'ok';"),
});
fn.grantInvoke(new iam.AnyPrincipal());
fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
cdk.Validations.of(fn).acknowledge({
  id: "cfn-lint-lambda-auth::EA1002",
  reason: "a public demo endpoint: the handler checks a signed token",
});
app.synth();
