//! Turning an event number into a CloudTrail record. Event `n` is drawn from ChaCha8 stream `n`
//! of the seed, so any event can be regenerated alone: the single-file and the split outputs
//! hold the same records, and a duplicate delivery is the earlier event generated again.

use crate::apps::{App, REGIONS, SHARED_BUCKETS};
use crate::catalog::{self, Api, Ctx, Parts, Protocol};
use crate::principals::{Credentials, Persona, Principal};
use crate::record::{CloudTrailRecord, DateTime, Resource, SessionAttributes, SessionContext, SessionIssuer, TlsDetails, UserIdentity};
use crate::rng::{mix, Prng};
use serde_json::{json, Value};

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratorOptions {
    /// Records written, duplicate deliveries included.
    pub n_events: u64,
    pub seed: u64,
    pub n_roles: usize,
    pub n_users: usize,
    /// The account that owns the trail and the principals.
    pub account_id: String,
    /// Unix seconds of the first event.
    pub start_unix: i64,
    /// Length of the period the events are spread over.
    pub days: u32,
}

impl Default for GeneratorOptions {
    fn default() -> Self {
        GeneratorOptions {
            n_events: 10_000,
            seed: 42,
            n_roles: 40,
            n_users: 10,
            account_id: "111122223333".to_owned(),
            start_unix: DateTime::unix_from_date(2026, 3, 1),
            days: 30,
        }
    }
}

impl GeneratorOptions {
    /// Splits `n_principals` into roles and users, about four roles per user, at least one
    /// user when there are two principals or more.
    pub fn with_principals(mut self, n_principals: usize) -> Self {
        let n_principals = n_principals.max(1);
        let n_users = if n_principals >= 2 { (n_principals / 5).max(1) } else { 0 };
        self.n_users = n_users;
        self.n_roles = n_principals - n_users;
        self
    }
}

/// Per-million share of records that repeat an earlier event (same `eventID`).
const DUPLICATE_PER_MILLION: u64 = 2_500;
/// How far back a duplicate delivery reaches, in events.
const DUPLICATE_REACH: u64 = 2_000;
/// Per-million share of events by identities other than the account's roles and users
/// (AWS services, other accounts, federated users, root, service events).
const OTHER_IDENTITIES_PER_MILLION: u64 = 45_000;
/// Per-million share of calls that fail for a reason other than authorization.
const OTHER_ERROR_PER_MILLION: u64 = 15_000;
const PARTNER_ACCOUNT: &str = "444455556666";

// Tags that keep derived streams apart.
const TAG_DUPLICATE: u64 = 0xD0B1;
const TAG_SESSION: u64 = 0x5E55;

pub struct Generator {
    options: GeneratorOptions,
    principals: Vec<Principal>,
    cumulative_weights: Vec<u64>,
    apps: Vec<App>,
    role_arns: Vec<String>,
}

/// The session a principal holds at a given time.
struct Session {
    name: String,
    access_key_id: String,
    creation: i64,
}

impl Generator {
    pub fn new(options: GeneratorOptions) -> Generator {
        let mut used = Vec::new();
        let mut principals: Vec<Principal> = (0..options.n_roles).map(|index| Principal::role(options.seed, &options.account_id, index, &mut used)).collect();
        for user in 0..options.n_users {
            principals.push(Principal::user(options.seed, &options.account_id, user, options.n_roles + user));
        }
        let mut total = 0;
        let cumulative_weights = principals
            .iter()
            .map(|principal| {
                total += principal.weight;
                total
            })
            .collect();
        let n_apps = principals.iter().map(|principal| principal.app + 1).max().unwrap_or(1);
        let apps = (0..n_apps).map(|index| App::new(options.seed, index)).collect();
        let mut role_arns: Vec<String> = principals.iter().filter(|principal| principal.persona.is_role()).map(|principal| principal.arn.clone()).collect();
        if role_arns.is_empty() {
            role_arns.push(format!("arn:aws:iam::{}:role/service-role/orders-api-lambda-role", options.account_id));
        }
        Generator { options, principals, cumulative_weights, apps, role_arns }
    }

    pub fn options(&self) -> &GeneratorOptions {
        &self.options
    }

    pub fn principals(&self) -> &[Principal] {
        &self.principals
    }

    /// When record `index` is a second delivery of an earlier event, that event's index.
    pub fn duplicate_of(&self, index: u64) -> Option<u64> {
        if index == 0 {
            return None;
        }
        let roll = mix(&[self.options.seed, TAG_DUPLICATE, index]);
        ((roll >> 32) % 1_000_000 < DUPLICATE_PER_MILLION).then(|| index - 1 - (roll & 0xffff_ffff) % index.min(DUPLICATE_REACH))
    }

    /// Distinct events among the first `n_events` records (duplicates excluded).
    pub fn distinct_events(&self) -> u64 {
        (0..self.options.n_events).filter(|&index| self.duplicate_of(index).is_none()).count() as u64
    }

    /// Record `index`; a duplicate delivery repeats its original exactly.
    pub fn record(&self, index: u64) -> CloudTrailRecord {
        let mut origin = index;
        while let Some(earlier) = self.duplicate_of(origin) {
            origin = earlier;
        }
        self.fresh_record(origin)
    }

    fn event_time(&self, index: u64, rng: &mut Prng) -> i64 {
        let span = i64::from(self.options.days.max(1)) * 86_400;
        let n_events = self.options.n_events.max(1);
        let spread = (i128::from(index) * i128::from(span) / i128::from(n_events)) as i64;
        let jitter = rng.below(240) as i64 - 120;
        self.options.start_unix + (spread + jitter).clamp(0, span - 1)
    }

    fn fresh_record(&self, index: u64) -> CloudTrailRecord {
        let mut rng = Prng::new(self.options.seed, index);
        let time = self.event_time(index, &mut rng);
        if self.principals.is_empty() || rng.chance(OTHER_IDENTITIES_PER_MILLION) {
            return self.other_identity_record(time, &mut rng);
        }
        let principal = &self.principals[rng.weighted(&self.cumulative_weights)];
        let (api, via_s3) = principal.apis[rng.weighted(&principal.api_weights)];
        self.principal_record(principal, api, via_s3, time, &mut rng)
    }

    fn app(&self, principal: &Principal) -> &App {
        &self.apps[principal.app]
    }

    fn region(&self, api: Api, principal: &Principal, rng: &mut Prng) -> &'static str {
        if api.service().global {
            "us-east-1"
        } else if rng.chance(880_000) {
            self.app(principal).region
        } else {
            rng.pick::<&str>(REGIONS)
        }
    }

    fn session(&self, principal: &Principal, time: i64, hours: u32) -> Session {
        let length = i64::from(hours.max(1)) * 3600;
        let slot = time.div_euclid(length);
        let mut rng = Prng::derived(self.options.seed, &[TAG_SESSION, principal.index as u64, slot as u64]);
        let app = self.app(principal);
        let name = match principal.persona {
            Persona::AppLambda => rng.pick(&app.functions).clone(),
            Persona::AppEcs | Persona::Workflow => rng.hex(32),
            Persona::CiDeploy => "GitHubActions".to_owned(),
            Persona::SsoAdmin | Persona::SsoReadOnly => {
                format!("{}@example.com", rng.pick(&["alice", "kenji.tanaka", "maria.garcia", "wei.chen", "yuki.sato"]))
            }
            Persona::ServiceLinked => "AutoScaling".to_owned(),
            Persona::DataPipeline => "GlueJobRunnerSession".to_owned(),
            Persona::Ec2Instance => rng.pick(&app.instances).clone(),
            Persona::MlBedrock => format!("botocore-session-{}", rng.digits(10)),
            Persona::Monitoring => "DatadogAWSIntegration".to_owned(),
            _ => format!("session-{}", rng.digits(10)),
        };
        let creation = slot * length - rng.below(900) as i64;
        Session { name, access_key_id: format!("ASIA{}", rng.upper(16)), creation }
    }

    /// `userIdentity` of a principal's call, and the ARN an AccessDenied message names.
    fn identity(&self, principal: &Principal, time: i64, console_login: bool) -> (UserIdentity, String, bool) {
        let account = &self.options.account_id;
        match principal.credentials {
            Credentials::Role { session_hours } => {
                let session = self.session(principal, time, session_hours);
                let caller = format!("arn:aws:sts::{account}:assumed-role/{}/{}", principal.name, session.name);
                let identity = UserIdentity {
                    identity_type: Some("AssumedRole"),
                    principal_id: Some(format!("{}:{}", principal.unique_id, session.name)),
                    arn: Some(caller.clone()),
                    account_id: Some(account.clone()),
                    access_key_id: Some(if console_login { String::new() } else { session.access_key_id }),
                    user_name: None,
                    session_context: Some(SessionContext {
                        session_issuer: SessionIssuer {
                            issuer_type: Some("Role"),
                            principal_id: Some(principal.unique_id.clone()),
                            arn: Some(principal.arn.clone()),
                            account_id: Some(account.clone()),
                            user_name: Some(principal.name.clone()),
                        },
                        web_id_federation_data: json!({}),
                        attributes: SessionAttributes { creation_date: DateTime::from_unix(session.creation).iso(), mfa_authenticated: "false" },
                        source_identity: None,
                        ec2_role_delivery: (principal.persona == Persona::Ec2Instance).then_some("2.0"),
                    }),
                    invoked_by: principal.persona.service_agent().filter(|_| principal.persona == Persona::ServiceLinked),
                    identity_provider: None,
                };
                let console = matches!(principal.persona, Persona::SsoAdmin | Persona::SsoReadOnly);
                (identity, caller, console)
            }
            Credentials::AccessKey | Credentials::Console { .. } => {
                let mut identity = UserIdentity {
                    identity_type: Some("IAMUser"),
                    principal_id: Some(principal.unique_id.clone()),
                    arn: Some(principal.arn.clone()),
                    account_id: Some(account.clone()),
                    access_key_id: None,
                    user_name: Some(principal.name.clone()),
                    ..UserIdentity::default()
                };
                let console = matches!(principal.credentials, Credentials::Console { .. });
                if let Credentials::Console { mfa } = principal.credentials {
                    let session = self.session(principal, time, 10);
                    if !console_login {
                        identity.access_key_id = Some(session.access_key_id);
                        identity.session_context = Some(SessionContext {
                            session_issuer: SessionIssuer::default(),
                            web_id_federation_data: json!({}),
                            attributes: SessionAttributes {
                                creation_date: DateTime::from_unix(session.creation).iso(),
                                mfa_authenticated: if mfa { "true" } else { "false" },
                            },
                            source_identity: None,
                            ec2_role_delivery: None,
                        });
                    }
                } else {
                    // Keys are rotated half-way through the period.
                    let half = self.options.start_unix + i64::from(self.options.days) * 43_200;
                    identity.access_key_id = Some(principal.access_keys[usize::from(time >= half)].clone());
                }
                (identity, principal.arn.clone(), console)
            }
        }
    }

    fn principal_record(&self, principal: &Principal, api: Api, via_s3: bool, time: i64, rng: &mut Prng) -> CloudTrailRecord {
        let service = api.service();
        let account = &self.options.account_id;
        let region = self.region(api, principal, rng);
        let console_login = api.name == "ConsoleLogin";
        let (mut identity, caller_arn, console) = self.identity(principal, time, console_login);
        let app = self.app(principal);
        let mut ctx = Ctx { rng, account, region, time, app, caller_arn: &principal.arn, role_arns: &self.role_arns };
        let mut parts = if via_s3 { catalog::kms_via_s3(&mut ctx, api.name) } else { catalog::build(&mut ctx, api) };
        let rng = ctx.rng;

        let mut user_agent = rng.pick(&principal.user_agents).clone();
        if principal.persona == Persona::Ec2Instance {
            // The SSM agent talks to SSM; scripts on the instance use the CLI.
            user_agent = principal.user_agents[usize::from(service.short != "ssm")].clone();
        }
        if user_agent.ends_with("api/") {
            // SDKs that name the service client append it with its version.
            user_agent.push_str(&format!("{}#{}.{}.0", service.short, if user_agent.contains("aws-sdk-js") { 3 } else { 1 }, rng.between(20, 60)));
        }
        let mut source_ip = rng.pick(&principal.source_ips).clone();
        let mut vpc_endpoint_id = None;
        let mut tls = true;
        if let Some(agent) = principal.persona.service_agent() {
            user_agent = agent.to_owned();
            source_ip = agent.to_owned();
            tls = false;
        } else if via_s3 {
            identity.invoked_by = Some("s3.amazonaws.com");
            user_agent = "s3.amazonaws.com".to_owned();
            source_ip = "s3.amazonaws.com".to_owned();
            tls = false;
        } else if console && !console_login && user_agent == "AWS Internal" {
            source_ip = "AWS Internal".to_owned();
            tls = false;
        } else if principal.persona == Persona::Ec2Instance && service.short == "s3" && rng.chance(600_000) {
            source_ip = format!("10.0.{}.{}", rng.below(64), rng.between(4, 250));
            vpc_endpoint_id = Some(app.vpc_endpoint.clone());
        }
        if console_login {
            user_agent = principal.user_agents.iter().find(|agent| agent.starts_with("Mozilla")).cloned().unwrap_or(user_agent);
            tls = false;
        }
        if !console && (user_agent == "AWS Internal" || user_agent.starts_with("Mozilla") || user_agent.starts_with("[S3Console")) {
            user_agent = principal.user_agents[0].clone();
        }

        let denied = rng.chance(principal.persona.denied_per_million());
        let failed = !denied && rng.chance(OTHER_ERROR_PER_MILLION);
        let (mut error_code, mut error_message) = (None, None);
        if console_login {
            let mfa_used = matches!(principal.credentials, Credentials::Console { mfa: true });
            let success = !(denied || failed);
            parts.response = json!({"ConsoleLogin": if success { "Success" } else { "Failure" }});
            parts.additional = Some(json!({
                "LoginTo": format!("https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&region={region}&state=hashArgsFromTB_{region}_{}", rng.hex(16)),
                "MobileVersion": "No",
                "MFAUsed": if mfa_used { "Yes" } else { "No" },
            }));
            if !success {
                error_message = Some("Failed authentication".to_owned());
            }
        } else if denied {
            let (code, message) = access_denied(api, &caller_arn, parts.target_arn.as_deref(), region, account, rng);
            error_code = Some(code);
            error_message = Some(message);
            parts.response = Value::Null;
        } else if failed {
            let (code, message) = other_error(api, &parts, rng);
            error_code = Some(code);
            error_message = Some(message);
            parts.response = Value::Null;
        }

        let data = api.is_data() && !via_s3;
        let host = parts.host.take().unwrap_or_else(|| default_host(service.short, service.global, region));
        CloudTrailRecord {
            event_version: if data { "1.10" } else { service.version },
            user_identity: identity,
            event_time: DateTime::from_unix(time).iso(),
            event_source: service.source,
            event_name: api.name,
            aws_region: region,
            source_ip_address: source_ip,
            user_agent,
            error_code,
            error_message,
            request_parameters: parts.request,
            response_elements: parts.response,
            additional_event_data: parts.additional,
            request_id: (!console_login).then(|| if service.short == "s3" { rng.hex(16).to_uppercase() } else { rng.uuid() }),
            event_id: rng.uuid(),
            read_only: api.is_read_only(),
            resources: parts.resources,
            event_type: if console_login { "AwsConsoleSignIn" } else { "AwsApiCall" },
            api_version: service.api_version,
            management_event: !data,
            recipient_account_id: account.clone(),
            shared_event_id: None,
            vpc_endpoint_account_id: vpc_endpoint_id.as_ref().map(|_| account.clone()),
            vpc_endpoint_id,
            service_event_details: None,
            event_category: if data { "Data" } else { "Management" },
            tls_details: tls.then(|| tls_details(host, rng)),
            session_credential_from_console: (console && !console_login && matches!(principal.credentials, Credentials::Console { .. })).then_some("true"),
        }
    }

    /// Events by identities that are not the account's roles and users.
    fn other_identity_record(&self, time: i64, rng: &mut Prng) -> CloudTrailRecord {
        let roll = rng.below(100);
        let roles: Vec<&Principal> = self.principals.iter().filter(|principal| principal.persona.is_role()).collect();
        if roll < 50 && !roles.is_empty() {
            let role = *rng.pick(&roles);
            return self.role_assumption(role, time, rng);
        }
        if roll < 65 {
            return self.cross_account_record(time, rng);
        }
        if roll < 77 {
            if let Some(issuer) = self.principals.iter().find(|principal| principal.credentials == Credentials::AccessKey) {
                return self.federated_record(issuer, time, rng);
            }
        }
        if roll < 82 {
            return self.root_record(time, rng);
        }
        self.service_event_record(time, rng)
    }

    fn blank_record(&self, time: i64, source: &'static str, name: &'static str, region: &'static str, rng: &mut Prng) -> CloudTrailRecord {
        CloudTrailRecord {
            event_version: "1.08",
            user_identity: UserIdentity::default(),
            event_time: DateTime::from_unix(time).iso(),
            event_source: source,
            event_name: name,
            aws_region: region,
            source_ip_address: String::new(),
            user_agent: String::new(),
            error_code: None,
            error_message: None,
            request_parameters: Value::Null,
            response_elements: Value::Null,
            additional_event_data: None,
            request_id: Some(rng.uuid()),
            event_id: rng.uuid(),
            read_only: true,
            resources: Vec::new(),
            event_type: "AwsApiCall",
            api_version: None,
            management_event: true,
            recipient_account_id: self.options.account_id.clone(),
            shared_event_id: None,
            vpc_endpoint_id: None,
            vpc_endpoint_account_id: None,
            service_event_details: None,
            event_category: "Management",
            tls_details: None,
            session_credential_from_console: None,
        }
    }

    /// A role being assumed: by an AWS service (Lambda, ECS, EC2, Glue, ...), through SAML for
    /// Identity Center, through web identity for CI, or by the partner account.
    fn role_assumption(&self, role: &Principal, time: i64, rng: &mut Prng) -> CloudTrailRecord {
        let account = &self.options.account_id;
        let region = self.apps[role.app].region;
        let hours = match role.credentials {
            Credentials::Role { session_hours } => session_hours,
            _ => 1,
        };
        let session = self.session(role, time, hours);
        let trusted_service = match role.persona {
            Persona::AppLambda | Persona::MlBedrock => Some("lambda.amazonaws.com"),
            Persona::AppEcs => Some("ecs-tasks.amazonaws.com"),
            Persona::Ec2Instance => Some("ec2.amazonaws.com"),
            Persona::DataPipeline => Some("glue.amazonaws.com"),
            Persona::Workflow => Some("states.amazonaws.com"),
            Persona::ServiceLinked => Some("autoscaling.amazonaws.com"),
            _ => None,
        };
        let credentials = json!({"accessKeyId": session.access_key_id, "sessionToken": rng.base64(160), "expiration": DateTime::from_unix(time + i64::from(hours) * 3600).java()});
        let assumed = json!({"assumedRoleId": format!("{}:{}", role.unique_id, session.name), "arn": format!("arn:aws:sts::{account}:assumed-role/{}/{}", role.name, session.name)});
        let name = match (trusted_service, role.persona) {
            (Some(_), _) => "AssumeRole",
            (None, Persona::SsoAdmin | Persona::SsoReadOnly) => "AssumeRoleWithSAML",
            (None, Persona::CiDeploy) => "AssumeRoleWithWebIdentity",
            _ => "AssumeRole",
        };
        let mut record = self.blank_record(time, "sts.amazonaws.com", name, region, rng);
        record.resources = vec![Resource { account_id: Some(account.clone()), resource_type: Some("AWS::IAM::Role"), arn: role.arn.clone() }];
        record.shared_event_id = Some(rng.uuid());
        match (trusted_service, name) {
            (Some(service), _) => {
                record.user_identity = UserIdentity { identity_type: Some("AWSService"), invoked_by: Some(service), ..UserIdentity::default() };
                record.source_ip_address = service.to_owned();
                record.user_agent = service.to_owned();
                record.request_parameters = json!({"roleArn": role.arn, "roleSessionName": session.name, "durationSeconds": i64::from(hours) * 3600});
                record.response_elements = json!({"credentials": credentials, "assumedRoleUser": assumed});
            }
            (None, "AssumeRoleWithSAML") => {
                let provider = format!("arn:aws:iam::{account}:saml-provider/AWSSSO_{}_DO_NOT_DELETE", rng.hex(16));
                let email = session.name.clone();
                record.user_identity = UserIdentity {
                    identity_type: Some("SAMLUser"),
                    principal_id: Some(format!("{}:{email}", rng.base64(27))),
                    user_name: Some(email.clone()),
                    identity_provider: Some(provider.clone()),
                    ..UserIdentity::default()
                };
                record.source_ip_address = format!("203.0.113.{}", rng.between(10, 250));
                record.user_agent =
                    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36".to_owned();
                record.request_parameters = json!({"sAMLAssertionID": format!("_{}", rng.uuid()), "roleSessionName": email, "roleArn": role.arn, "principalArn": provider, "durationSeconds": 28_800});
                record.response_elements = json!({"credentials": credentials, "assumedRoleUser": assumed, "subject": email, "subjectType": "persistent", "issuer": "https://portal.sso.ap-northeast-1.amazonaws.com/saml/assertion/MTIzNDU2Nzg5MDEyX2lucy0xMjM0NTY3ODkwYWJjZGVm", "audience": "https://signin.aws.amazon.com/saml", "nameQualifier": rng.base64(27)});
                record.tls_details = Some(tls_details(format!("sts.{region}.amazonaws.com"), rng));
            }
            (None, "AssumeRoleWithWebIdentity") => {
                let provider = format!("arn:aws:iam::{account}:oidc-provider/token.actions.githubusercontent.com");
                let subject = format!("repo:acme/{}:ref:refs/heads/main", self.apps[role.app].name);
                record.user_identity = UserIdentity {
                    identity_type: Some("WebIdentityUser"),
                    principal_id: Some(format!("{provider}:sts.amazonaws.com:{subject}")),
                    user_name: Some(subject.clone()),
                    identity_provider: Some(provider.clone()),
                    ..UserIdentity::default()
                };
                record.source_ip_address = rng.pick(&role.source_ips).clone();
                record.user_agent = role.user_agents[0].clone();
                record.request_parameters = json!({"roleArn": role.arn, "roleSessionName": session.name, "durationSeconds": 3600});
                record.response_elements = json!({"credentials": credentials, "subjectFromWebIdentityToken": subject, "assumedRoleUser": assumed, "provider": provider, "audience": "sts.amazonaws.com"});
                record.tls_details = Some(tls_details(format!("sts.{region}.amazonaws.com"), rng));
            }
            _ => {
                record.user_identity = UserIdentity {
                    identity_type: Some("AWSAccount"),
                    principal_id: Some(format!("AROA{}:{}", rng.upper(17), session.name)),
                    account_id: Some(PARTNER_ACCOUNT.to_owned()),
                    ..UserIdentity::default()
                };
                record.source_ip_address = format!("3.{}.{}.{}", rng.below(256), rng.below(256), rng.between(1, 254));
                record.user_agent = "aws-sdk-go/1.51.21 (go1.22.2; linux; amd64)".to_owned();
                record.request_parameters =
                    json!({"roleArn": role.arn, "roleSessionName": session.name, "externalId": "HIDDEN_DUE_TO_SECURITY_REASONS", "durationSeconds": 3600});
                record.response_elements = json!({"credentials": credentials, "assumedRoleUser": assumed});
                record.tls_details = Some(tls_details(format!("sts.{region}.amazonaws.com"), rng));
            }
        }
        record
    }

    /// A principal of the partner account reading a shared bucket or using a shared key.
    fn cross_account_record(&self, time: i64, rng: &mut Prng) -> CloudTrailRecord {
        let account = self.options.account_id.clone();
        let app = &self.apps[0];
        let region = app.region;
        let identity = UserIdentity {
            identity_type: Some("AWSAccount"),
            principal_id: Some(format!("AROA{}:partner-sync", rng.upper(17))),
            account_id: Some(PARTNER_ACCOUNT.to_owned()),
            ..UserIdentity::default()
        };
        let (service_index, name) = if rng.chance(700_000) { ("s3", *rng.pick(&["GetObject", "ListObjectsV2", "HeadObject"])) } else { ("kms", "Decrypt") };
        let api = catalog::find(service_index, name).unwrap_or_else(|| catalog::all_apis().next().expect("the catalog is not empty"));
        let mut ctx = Ctx { rng, account: &account, region, time, app, caller_arn: "", role_arns: &self.role_arns };
        let mut parts = catalog::build(&mut ctx, api);
        let rng = ctx.rng;
        if api.service().short == "s3" {
            // Partners read the shared artifacts bucket only.
            let bucket = SHARED_BUCKETS[0];
            let key = format!("releases/{}/sdk-{}.tar.gz", app.name, rng.between(100, 140));
            parts.request = json!({"bucketName": bucket, "Host": format!("{bucket}.s3.amazonaws.com"), "key": key});
            parts.resources = vec![
                Resource { account_id: None, resource_type: Some("AWS::S3::Object"), arn: format!("arn:aws:s3:::{bucket}/{key}") },
                Resource { account_id: Some(account.clone()), resource_type: Some("AWS::S3::Bucket"), arn: format!("arn:aws:s3:::{bucket}") },
            ];
            parts.host = Some(format!("{bucket}.s3.amazonaws.com"));
        }
        let mut record = self.blank_record(time, api.service().source, api.name, region, rng);
        let data = api.is_data();
        record.event_version = if data { "1.10" } else { "1.11" };
        record.user_identity = identity;
        record.source_ip_address = format!("3.{}.{}.{}", rng.below(256), rng.below(256), rng.between(1, 254));
        record.user_agent = "Boto3/1.34.110 md/Botocore#1.34.110 ua/2.0 os/linux#5.10.216-225.855.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.3 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.110".to_owned();
        record.request_parameters = parts.request;
        record.additional_event_data = parts.additional;
        record.resources = parts.resources;
        record.management_event = !data;
        record.event_category = if data { "Data" } else { "Management" };
        record.shared_event_id = (!data).then(|| rng.uuid());
        record.tls_details = Some(tls_details(parts.host.unwrap_or_else(|| default_host(api.service().short, false, region)), rng));
        record
    }

    /// A `GetFederationToken` session of a CI user reading build artifacts.
    fn federated_record(&self, issuer: &Principal, time: i64, rng: &mut Prng) -> CloudTrailRecord {
        let account = self.options.account_id.clone();
        let app = &self.apps[issuer.app];
        let session = self.session(issuer, time, 1);
        let identity = UserIdentity {
            identity_type: Some("FederatedUser"),
            principal_id: Some(format!("{account}:build-bot")),
            arn: Some(format!("arn:aws:sts::{account}:federated-user/build-bot")),
            account_id: Some(account.clone()),
            access_key_id: Some(session.access_key_id),
            session_context: Some(SessionContext {
                session_issuer: SessionIssuer {
                    issuer_type: Some("IAMUser"),
                    principal_id: Some(issuer.unique_id.clone()),
                    arn: Some(issuer.arn.clone()),
                    account_id: Some(account.clone()),
                    user_name: Some(issuer.name.clone()),
                },
                web_id_federation_data: json!({}),
                attributes: SessionAttributes { creation_date: DateTime::from_unix(session.creation).iso(), mfa_authenticated: "false" },
                source_identity: None,
                ec2_role_delivery: None,
            }),
            ..UserIdentity::default()
        };
        let name = *rng.pick(&["GetObject", "ListObjectsV2", "PutObject", "HeadObject"]);
        let api = catalog::find("s3", name).expect("S3 calls are in the catalog");
        let region = app.region;
        let mut ctx = Ctx { rng, account: &account, region, time, app, caller_arn: &issuer.arn, role_arns: &self.role_arns };
        let parts = catalog::build(&mut ctx, api);
        let rng = ctx.rng;
        let mut record = self.blank_record(time, "s3.amazonaws.com", api.name, region, rng);
        record.event_version = "1.10";
        record.user_identity = identity;
        record.source_ip_address = rng.pick(&issuer.source_ips).clone();
        record.user_agent = issuer.user_agents[0].clone();
        record.request_parameters = parts.request;
        record.response_elements = parts.response;
        record.additional_event_data = parts.additional;
        record.resources = parts.resources;
        record.request_id = Some(rng.hex(16).to_uppercase());
        record.read_only = api.is_read_only();
        record.management_event = false;
        record.event_category = "Data";
        record.tls_details = Some(tls_details(parts.host.unwrap_or_else(|| "s3.amazonaws.com".to_owned()), rng));
        record
    }

    /// The root user: a console sign-in with MFA and a few account-level reads.
    fn root_record(&self, time: i64, rng: &mut Prng) -> CloudTrailRecord {
        let account = self.options.account_id.clone();
        let (source, name, short) = *rng.pick(&[
            ("signin.amazonaws.com", "ConsoleLogin", "signin"),
            ("iam.amazonaws.com", "GetAccountSummary", "iam"),
            ("iam.amazonaws.com", "ListUsers", "iam"),
            ("s3.amazonaws.com", "ListBuckets", "s3"),
        ]);
        let console_login = name == "ConsoleLogin";
        let mut record = self.blank_record(time, source, name, "us-east-1", rng);
        record.user_identity = UserIdentity {
            identity_type: Some("Root"),
            principal_id: Some(account.clone()),
            arn: Some(format!("arn:aws:iam::{account}:root")),
            account_id: Some(account.clone()),
            access_key_id: Some(if console_login { String::new() } else { format!("ASIA{}", rng.upper(16)) }),
            ..UserIdentity::default()
        };
        record.source_ip_address = format!("198.51.100.{}", rng.between(10, 250));
        record.user_agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36".to_owned();
        if console_login {
            record.event_type = "AwsConsoleSignIn";
            record.event_version = "1.09";
            record.read_only = false;
            record.request_id = None;
            record.response_elements = json!({"ConsoleLogin": "Success"});
            record.additional_event_data = Some(
                json!({"LoginTo": "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true", "MobileVersion": "No", "MFAUsed": "Yes"}),
            );
        } else {
            record.session_credential_from_console = Some("true");
            record.tls_details = Some(tls_details(if short == "s3" { "s3.amazonaws.com".to_owned() } else { "iam.amazonaws.com".to_owned() }, rng));
            if short == "s3" {
                record.request_parameters = json!({"Host": "s3.amazonaws.com"});
            }
        }
        record
    }

    /// `AwsServiceEvent`s: KMS rotating a key, Secrets Manager rotating a secret.
    fn service_event_record(&self, time: i64, rng: &mut Prng) -> CloudTrailRecord {
        let account = self.options.account_id.clone();
        let app = &self.apps[rng.below(self.apps.len() as u64) as usize];
        let region = app.region;
        let (source, name, invoked_by) = *rng.pick(&[
            ("kms.amazonaws.com", "RotateKey", "kms.amazonaws.com"),
            ("secretsmanager.amazonaws.com", "RotationStarted", "secretsmanager.amazonaws.com"),
            ("secretsmanager.amazonaws.com", "RotationSucceeded", "secretsmanager.amazonaws.com"),
        ]);
        let mut record = self.blank_record(time, source, name, region, rng);
        record.user_identity = UserIdentity { account_id: Some(account.clone()), invoked_by: Some(invoked_by), ..UserIdentity::default() };
        record.source_ip_address = invoked_by.to_owned();
        record.user_agent = invoked_by.to_owned();
        record.event_type = "AwsServiceEvent";
        record.read_only = false;
        record.request_id = None;
        if source == "kms.amazonaws.com" {
            let key_arn = format!("arn:aws:kms:{region}:{account}:key/{}", app.kms_key_id);
            record.event_version = "1.11";
            record.resources = vec![Resource { account_id: Some(account.clone()), resource_type: Some("AWS::KMS::Key"), arn: key_arn.clone() }];
            record.service_event_details = Some(json!({"keyId": app.kms_key_id}));
        } else {
            record.event_version = "1.09";
            record.additional_event_data = Some(json!({"SecretId": format!("arn:aws:secretsmanager:{region}:{account}:secret:{}", app.secret_name)}));
        }
        record
    }
}

fn default_host(short: &str, global: bool, region: &str) -> String {
    match short {
        "monitoring"
        | "logs"
        | "dynamodb"
        | "lambda"
        | "sqs"
        | "sns"
        | "kms"
        | "ec2"
        | "ssm"
        | "secretsmanager"
        | "ecs"
        | "ecr"
        | "glue"
        | "athena"
        | "states"
        | "events"
        | "apigateway"
        | "cloudformation"
        | "elasticloadbalancing"
        | "autoscaling"
        | "tagging"
        | "sts" => {
            if short == "ecr" {
                format!("api.ecr.{region}.amazonaws.com")
            } else {
                format!("{short}.{region}.amazonaws.com")
            }
        }
        _ if global => format!("{short}.amazonaws.com"),
        _ => format!("{short}.{region}.amazonaws.com"),
    }
}

fn tls_details(host: String, rng: &mut Prng) -> TlsDetails {
    if rng.chance(850_000) {
        TlsDetails { tls_version: "TLSv1.3", cipher_suite: "TLS_AES_128_GCM_SHA256", client_provided_host_header: host }
    } else {
        TlsDetails { tls_version: "TLSv1.2", cipher_suite: "ECDHE-RSA-AES128-GCM-SHA256", client_provided_host_header: host }
    }
}

/// The error code and message of an authorization failure, spelled as the service does.
fn access_denied(api: Api, caller: &str, target: Option<&str>, region: &str, account: &str, rng: &mut Prng) -> (&'static str, String) {
    let action = api.iam_action();
    let service = api.service();
    let quoted;
    let target = match (service.short, target) {
        ("s3", Some(arn)) => {
            quoted = format!("\"{arn}\"");
            Some(quoted.as_str())
        }
        _ => target,
    };
    let on_resource = target.map(|arn| format!(" on resource: {arn}")).unwrap_or_default();
    let reason = match rng.below(100) {
        0..=74 => format!("because no identity-based policy allows the {action} action"),
        75..=89 => "with an explicit deny in a service control policy".to_owned(),
        _ => format!("because no resource-based policy allows the {action} action"),
    };
    let explained = format!("User: {caller} is not authorized to perform: {action}{on_resource} {reason}");
    match service.protocol {
        Protocol::Ec2 => {
            let length = rng.between(300, 700) as usize;
            let encoded = rng.base64url(length);
            let message = if rng.chance(300_000) {
                format!("You are not authorized to perform this operation. Encoded authorization failure message: {encoded}")
            } else {
                let resource = target.map(str::to_owned).unwrap_or_else(|| format!("arn:aws:ec2:{region}:{account}:*"));
                format!("You are not authorized to perform this operation. User: {caller} is not authorized to perform: {action} on resource: {resource} {reason}. Encoded authorization failure message: {encoded}")
            };
            ("Client.UnauthorizedOperation", message)
        }
        Protocol::Json => ("AccessDeniedException", explained),
        Protocol::Query if service.short == "s3" && rng.chance(400_000) => ("AccessDenied", "Access Denied".to_owned()),
        Protocol::Query => ("AccessDenied", explained),
    }
}

/// A failure other than authorization: missing keys, throttling, conflicts.
fn other_error(api: Api, parts: &Parts, rng: &mut Prng) -> (&'static str, String) {
    let target = parts.target_arn.clone().unwrap_or_default();
    match (api.service().short, api.name) {
        ("s3", "GetObject" | "HeadObject" | "CopyObject" | "GetObjectTagging") => ("NoSuchKey", "The specified key does not exist.".to_owned()),
        ("s3", "GetBucketPolicy") => ("NoSuchBucketPolicy", "The bucket policy does not exist".to_owned()),
        ("s3", "GetBucketEncryption") => {
            ("ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found".to_owned())
        }
        ("s3", _) => ("SlowDown", "Please reduce your request rate.".to_owned()),
        ("dynamodb", "PutItem" | "UpdateItem" | "DeleteItem") => ("ConditionalCheckFailedException", "The conditional request failed".to_owned()),
        ("dynamodb", "TransactWriteItems") => (
            "TransactionCanceledException",
            "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]".to_owned(),
        ),
        ("dynamodb", _) => (
            "ProvisionedThroughputExceededException",
            "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API."
                .to_owned(),
        ),
        ("iam", name) if name.starts_with("Get") || name.starts_with("List") => {
            let entity = target.rsplit('/').next().unwrap_or_default().to_owned();
            ("NoSuchEntityException", format!("The role with name {entity} cannot be found."))
        }
        ("iam", _) => ("EntityAlreadyExistsException", "Role with name already exists.".to_owned()),
        ("ssm", "GetParameter" | "GetParameters") => ("ParameterNotFound", String::new()),
        ("secretsmanager", _) => ("ResourceNotFoundException", "Secrets Manager can't find the specified secret.".to_owned()),
        ("lambda", name) if name.starts_with("Update") => {
            ("ResourceConflictException", format!("The operation cannot be performed at this time. An update is in progress for resource: {target}"))
        }
        ("lambda", _) => ("TooManyRequestsException", "Rate Exceeded.".to_owned()),
        ("ec2", name) if name.starts_with("Describe") => ("Client.RequestLimitExceeded", "Request limit exceeded.".to_owned()),
        ("ec2", _) => {
            let instance = target.rsplit('/').next().unwrap_or("i-0").to_owned();
            ("Client.InvalidInstanceID.NotFound", format!("The instance ID '{instance}' does not exist"))
        }
        ("cloudformation", "UpdateStack" | "ExecuteChangeSet" | "CreateChangeSet") => ("ValidationException", "No updates are to be performed.".to_owned()),
        ("bedrock", _) => ("ThrottlingException", "Too many requests, please wait before trying again.".to_owned()),
        _ if api.service().protocol == Protocol::Json => ("ThrottlingException", "Rate exceeded".to_owned()),
        _ if rng.chance(500_000) => ("Throttling", "Rate exceeded".to_owned()),
        _ => ("RequestLimitExceeded", "Request limit exceeded.".to_owned()),
    }
}
