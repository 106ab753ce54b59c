// A CDK app with the plugin and two planted problems: an invoke permission for every principal
// (EA1002, an error: synth fails) and a function URL with no authentication (WA1001, a warning).
// tests/test_cdk_plugin.py runs it with real aws-cdk-lib and expects both at the lines marked here.
const { execFileSync } = require("child_process");
const cdk = require("aws-cdk-lib");
const iam = require("aws-cdk-lib/aws-iam");
const lambda = require("aws-cdk-lib/aws-lambda");

// as the README says: the plugin ships inside the Python package
const pluginPath = execFileSync("cfn-lint-lambda-auth", ["cdk-plugin-path"], { encoding: "utf-8" }).trim();
const { CfnLintLambdaAuthPlugin } = require(pluginPath);

const app = new cdk.App({ outdir: process.env.CDK_OUTDIR, analyticsReporting: false });
cdk.Validations.of(app).addPlugins(new CfnLintLambdaAuthPlugin());
const stack = new cdk.Stack(app, "Planted");
const fn = new lambda.Function(stack, "Handler", {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: "index.handler",
  code: lambda.Code.fromInline("exports.handler = async () => 'ok';"),
});
fn.grantInvoke(new iam.AnyPrincipal()); // planted: EA1002
fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE }); // planted: WA1001
app.synth();
