// cfn-lint-lambda-auth as an AWS CDK policy-validation plugin, for JavaScript and TypeScript CDK apps.
//
// Shipped inside the Python package; `cfn-lint-lambda-auth cdk-plugin-path` prints where it is:
//
//   const { CfnLintLambdaAuthPlugin } = require(process.env.CFN_LINT_LAMBDA_AUTH_CDK_PLUGIN);
//   cdk.Validations.of(app).addPlugins(new CfnLintLambdaAuthPlugin({ warnings: "fail" }));
//
// At synth time the CDK calls validate() with the templates it wrote; this runs
// `cfn-lint-lambda-auth cdk-report` (cfn-lint with this plugin's rules, in Python) on them and
// returns the report it prints, which the CDK shows at each construct and the source line that
// created it. No npm package and no dependency: only Node's child_process.
"use strict";

const { execFileSync } = require("child_process");

const VERSION = "0.1.0"; // the Python package's version (tests/test_cdk_plugin.py checks it)
const TREATMENTS = ["fail", "report", "ignore"];

class CfnLintLambdaAuthPlugin {
  /**
   * @param {object} [options]
   * @param {string[]} [options.command] the program to run, default ["cfn-lint-lambda-auth"] (on PATH)
   * @param {string[]} [options.ignoreChecks] rule ids to leave out (cfn-lint's ignore_checks)
   * @param {"fail"|"report"|"ignore"} [options.warnings] default "report": shown, synth goes on
   * @param {"fail"|"report"|"ignore"} [options.informational] default "ignore"
   * @param {string[]} [options.regions] cfn-lint's regions, default ["us-east-1"]
   * @param {Object<string, Object<string, *>>} [options.configureRules] cfn-lint's configure_rules
   * @param {boolean} [options.cfnLintRules] also report cfn-lint's own rules (default false)
   */
  constructor(options = {}) {
    for (const key of ["warnings", "informational"]) {
      if (options[key] !== undefined && !TREATMENTS.includes(options[key])) {
        throw new Error(`cfn-lint-lambda-auth: ${key} must be one of ${TREATMENTS.join(", ")}, not ${options[key]}`);
      }
    }
    this.name = "cfn-lint-lambda-auth";
    this.version = VERSION;
    this.options = options;
  }

  arguments(templatePaths) {
    const o = this.options;
    const args = ["cdk-report"];
    if (o.ignoreChecks && o.ignoreChecks.length) args.push("--ignore-checks", ...o.ignoreChecks);
    if (o.warnings) args.push("--warnings", o.warnings);
    if (o.informational) args.push("--informational", o.informational);
    if (o.regions && o.regions.length) args.push("--regions", ...o.regions);
    for (const [rule, settings] of Object.entries(o.configureRules || {})) {
      for (const [key, value] of Object.entries(settings)) {
        args.push("--configure-rule", `${rule}:${key}=${JSON.stringify(value)}`);
      }
    }
    if (o.cfnLintRules) args.push("--cfn-lint-rules");
    args.push("--", ...templatePaths);
    return args;
  }

  validate(context) {
    const command = this.options.command || ["cfn-lint-lambda-auth"];
    let output;
    try {
      output = execFileSync(command[0], [...command.slice(1), ...this.arguments(context.templatePaths)], {
        encoding: "utf-8",
        maxBuffer: 256 * 1024 * 1024,
        // its standard error is the user's: a misspelt rule option is logged there
        stdio: ["ignore", "pipe", "inherit"],
      });
    } catch (error) {
      const detail =
        error.code === "ENOENT"
          ? `${command[0]} not found (install cfn-lint-lambda-auth, or pass the command option)`
          : `${command.join(" ")} cdk-report failed (exit ${error.status}; its output is above)`;
      throw new Error(`cfn-lint-lambda-auth: ${detail}`);
    }
    const report = JSON.parse(output);
    return { success: report.success, violations: report.violations };
  }
}

module.exports = { CfnLintLambdaAuthPlugin };
