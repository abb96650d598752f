//! `iamwb`: the command-line IAM Policy Workbench. Argument parsing and file I/O only; every
//! decision is the engine's, so the CLI prints exactly what the browser shows.

/// `writeln!` for human-readable output: input text in the line cannot end it or reach the
/// terminal as a control sequence (see `shown`).
macro_rules! say {
    ($out:expr, $($argument:tt)*) => {
        $crate::shown::write_line($out.by_ref(), &format!($($argument)*))
    };
}

/// `eprintln!`, through `say!`.
macro_rules! note {
    ($($argument:tt)*) => {{
        let _ = $crate::shown::write_line(&mut std::io::stderr().lock(), &format!($($argument)*));
    }};
}

mod commands;
mod inputs;
mod json;
mod policy_file;
mod shown;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes, for every command.
mod exit {
    /// A result was produced (problems with some inputs are reported on standard error).
    pub const OK: u8 = 0;
    /// Findings: lint errors, simulated denials.
    pub const FINDINGS: u8 = 1;
    /// Usage error, or no usable input at all.
    pub const USAGE: u8 = 2;
}

#[derive(Parser)]
#[command(name = "iamwb", version, about = "Least-privilege IAM policies from AWS activity exports (CloudTrail logs and more)", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How far `generate` widens resources.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ResourcesArg {
    /// The durable level, or the narrowest broader one whose policy fits `--max-policies` managed
    /// policies of 6,144 characters.
    Auto,
    /// The observed ARNs.
    Exact,
    /// Names kept (bucket, table, queue, secret, log group...), the dates, IDs and numbers in
    /// them and under them generalised, so the policy keeps working tomorrow.
    Durable,
    /// Directory prefixes of path-like names (`bucket/logs/*`).
    Prefix,
    /// Every resource of the type in the observed account and region.
    Type,
    /// Every resource of the service in the observed account.
    Service,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Json,
    Cli,
    Cloudformation,
    Terraform,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum EngineArg {
    /// Amazon Athena over the CloudTrail table: for trails that deliver to S3, at any size.
    Athena,
    /// CloudWatch Logs Insights: for trails that deliver to a CloudWatch Logs log group.
    LogsInsights,
    /// CloudTrail Lake: for existing event data stores (closed to new customers since 2026-05-31).
    Lake,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum KitLevelArg {
    Read,
    Write,
}

#[derive(Subcommand)]
enum Command {
    /// Print the least-privilege policy for one principal.
    Generate(GenerateArgs),
    /// Evaluate a policy against every observed call of a principal.
    Simulate(SimulateArgs),
    /// Check a policy: unknown actions, wildcards, resource types, condition keys, size.
    Lint(LintArgs),
    /// Compare an existing policy with what the principal did.
    Diff(DiffArgs),
    /// Print the Athena SQL, Logs Insights query or CloudTrail Lake SQL that aggregates a principal's activity on the server.
    Query(QueryArgs),
    /// ReadOnly and ReadWrite policies for a resource, from the IAM catalog (no logs needed).
    Kit(KitArgs),
    /// Summarise the inputs: events, principals, services, time span, failures, and the policies,
    /// findings, authorization details and Access Advisor reports they hold.
    Summary(SummaryArgs),
}

#[derive(Args)]
struct GenerateArgs {
    #[command(flatten)]
    activity: ActivityArgs,
    /// How far resources are generalised.
    #[arg(long, value_enum, default_value = "auto")]
    resources: ResourcesArg,
    /// With `--resources auto`: the most managed policies the result may need (1 to 20).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u8).range(1..=20))]
    max_policies: u8,
    /// Conditions to add, comma-separated: region, ip, mfa, time.
    #[arg(long, value_delimiter = ',')]
    conditions: Vec<String>,
    /// Start of the `time` condition's window (default: now).
    #[arg(long)]
    valid_from: Option<String>,
    /// End of the `time` condition's window (default: 90 days after its start).
    #[arg(long)]
    valid_until: Option<String>,
    /// Also allow calls that were denied (AccessDenied and kin).
    #[arg(long)]
    include_denied: bool,
    /// Let generalisation reach other accounts.
    #[arg(long)]
    allow_cross_account: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: FormatArg,
    /// Print a JSON array of documents, each within the managed-policy limits (a bare `generate`
    /// prints one when the policy needs several managed policies).
    #[arg(long)]
    split: bool,
    /// Say on standard error why each generalised resource pattern reaches past what was observed.
    #[arg(long)]
    explain: bool,
    /// Print JSON (schema_version 1): the documents, the level, why each pattern is generalised,
    /// and the coverage.
    #[arg(long, conflicts_with_all = ["format", "split", "out_dir"])]
    json: bool,
    /// Write the documents (and the script or template) as files into this directory.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// The policy name in exports (default: iamwb-<principal name>).
    #[arg(long)]
    policy_name: Option<String>,
    /// Export inline policies (put-role-policy, AWS::IAM::RolePolicy) instead of managed ones.
    #[arg(long)]
    inline: bool,
}

/// Whose activity, and when: what `generate`, `simulate` and `diff` all take.
#[derive(Args)]
struct ActivityArgs {
    /// The principal: a role or user ARN, a role or user name, or an assumed-role session ARN.
    #[arg(long, short)]
    principal: Option<String>,
    /// First day of activity used (YYYY-MM-DD, RFC 3339, or `30d` for 30 days ago).
    #[arg(long)]
    since: Option<String>,
    /// Last day of activity used (inclusive).
    #[arg(long)]
    until: Option<String>,
    /// Files, directories (walked) or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

/// What `simulate` and `diff` both take: a principal's activity and the policies to check.
#[derive(Args)]
struct ComparedArgs {
    /// The policy: a policy document, a JSON array of documents, or IAM/Access Analyzer output holding one.
    /// Default: the principal's policies in the inputs (authorization details, or the only policy file).
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    #[command(flatten)]
    activity: ActivityArgs,
}

#[derive(Args)]
struct SimulateArgs {
    #[command(flatten)]
    compared: ComparedArgs,
    /// List every call, not only those the policy does not allow.
    #[arg(long)]
    all: bool,
    /// Print JSON (schema_version 1).
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct LintArgs {
    /// Print JSON (schema_version 1).
    #[arg(long)]
    json: bool,
    /// The policy file, or `-` for standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

#[derive(Args)]
struct DiffArgs {
    #[command(flatten)]
    compared: ComparedArgs,
    /// Take `${...}` placeholders literally instead of as wildcards.
    #[arg(long)]
    literal_placeholders: bool,
    /// Print JSON (schema_version 1).
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct QueryArgs {
    /// The role or user ARN (or an assumed-role session ARN).
    #[arg(long, short)]
    principal: String,
    #[arg(long)]
    since: String,
    #[arg(long)]
    until: String,
    /// Athena for S3 trails at any size, logs-insights for trails delivered to CloudWatch Logs,
    /// lake for existing CloudTrail Lake users.
    #[arg(long, value_enum)]
    engine: EngineArg,
    /// The Athena table (default cloudtrail_logs), the Lake event data store ID (default $EDS_ID)
    /// or the CloudWatch Logs log group (default aws-cloudtrail-logs).
    #[arg(long)]
    table: Option<String>,
}

#[derive(Args)]
struct KitArgs {
    /// The resource ARN.
    arn: String,
    /// Only one of the two policies.
    #[arg(long, value_enum)]
    level: Option<KitLevelArg>,
    /// Also put Permissions-management actions into ReadWrite.
    #[arg(long)]
    permissions_management: bool,
    #[arg(long, value_enum, default_value = "json")]
    format: FormatArg,
    /// Attach the exported policies to this role or user.
    #[arg(long, value_name = "ARN")]
    attach_to: Option<String>,
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
}

#[derive(Args)]
struct SummaryArgs {
    /// Print the JSON contract (schema_version 1) instead of text.
    #[arg(long)]
    json: bool,
    /// Files, directories (walked) or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

/// `iamwb --version`: the program, the IAM data inside it and the date of AWS's operation map.
fn version() -> String {
    format!(
        "{}\nIAM data: {}\nAWS operation map: {}",
        env!("CARGO_PKG_VERSION"),
        iam_engine::Catalog::embedded().data_version(),
        iam_engine::mapping::aws_map::AwsOperationMap::embedded().version()
    )
}

fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    // Built once per run; the catalog it reads is the one the commands use (decoded once).
    let version: &'static str = Box::leak(version().into_boxed_str());
    let matches = Cli::command().version(version).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    match commands::run(cli.command) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            note!("iamwb: error: {error:#}");
            ExitCode::from(exit::USAGE)
        }
    }
}
