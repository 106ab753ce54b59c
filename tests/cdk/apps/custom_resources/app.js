// The CDK's custom-resource helpers: an AwsCustomResource (one singleton function for the stack) whose
// policy is written from its SDK calls with ANY_RESOURCE, and a Provider framework with an isComplete
// handler, so the framework adds its onEvent, isComplete and onTimeout functions and a waiter state machine.
const cdk = require("aws-cdk-lib");
const cr = require("aws-cdk-lib/custom-resources");
const lambda = require("aws-cdk-lib/aws-lambda");

const app = new cdk.App({ outdir: process.env.CDK_OUTDIR, analyticsReporting: false });
const stack = new cdk.Stack(app, "CustomResources");
new cr.AwsCustomResource(stack, "ReadParameter", {
  onUpdate: {
    service: "SSM",
    action: "getParameter",
    parameters: { Name: "/app/config" },
    physicalResourceId: cr.PhysicalResourceId.of("app-config"),
  },
  policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
});
const handler = (name) =>
  new lambda.Function(stack, name, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: "index.handler",
    code: lambda.Code.fromInline("exports.handler = async () => ({ IsComplete: true });"),
  });
const provider = new cr.Provider(stack, "Provider", {
  onEventHandler: handler("OnEvent"),
  isCompleteHandler: handler("IsComplete"),
});
new cdk.CustomResource(stack, "Thing", { serviceToken: provider.serviceToken });
app.synth();
