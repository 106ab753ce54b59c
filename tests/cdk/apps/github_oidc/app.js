// A GitHub Actions deploy role trusting the GitHub OIDC provider with an audience condition only,
// no `sub` condition: any repository on GitHub can assume it (expect the federation rule).
const cdk = require("aws-cdk-lib");
const iam = require("aws-cdk-lib/aws-iam");

const app = new cdk.App({ outdir: process.env.CDK_OUTDIR, analyticsReporting: false });
const stack = new cdk.Stack(app, "GithubOidc");
const provider = new iam.OpenIdConnectProvider(stack, "GitHub", {
  url: "https://token.actions.githubusercontent.com",
  clientIds: ["sts.amazonaws.com"],
});
new iam.Role(stack, "DeployRole", {
  assumedBy: new iam.WebIdentityPrincipal(provider.openIdConnectProviderArn, {
    StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
  }),
  inlinePolicies: {
    Deploy: new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          actions: ["lambda:UpdateFunctionCode"],
          resources: [stack.formatArn({ service: "lambda", resource: "function", resourceName: "app", arnFormat: cdk.ArnFormat.COLON_RESOURCE_NAME })],
        }),
      ],
    }),
  },
});
app.synth();
