// A role the function's team lets a foreign account assume, with no ExternalId or MFA condition
// (expect WA3005).
const cdk = require("aws-cdk-lib");
const iam = require("aws-cdk-lib/aws-iam");

const app = new cdk.App({ outdir: process.env.CDK_OUTDIR, analyticsReporting: false });
const stack = new cdk.Stack(app, "CrossAccount");
const role = new iam.Role(stack, "PartnerRole", {
  assumedBy: new iam.AccountPrincipal("111122223333"),
});
role.addToPolicy(
  new iam.PolicyStatement({
    actions: ["lambda:InvokeFunction"],
    resources: [stack.formatArn({ service: "lambda", resource: "function", resourceName: "report", arnFormat: cdk.ArnFormat.COLON_RESOURCE_NAME })],
  }),
);
app.synth();
