//! The default policy (`auto`, the durable level) of every principal of the project's data sets —
//! the held-out benchmark's workload, a generated month, the workshop samples — allows every
//! observed successful call and lints clean as it is exported (no error, and no warning but
//! `star-resource` on the statements of calls logged without their resource: each split document
//! judged against the managed-policy limit), and is the same whatever order the records come in.

use iam_engine::lint::{lint_split, Severity};
use iam_engine::simulate::{simulate, SimulationOptions};
use iam_engine::synth::{synthesise, SynthOptions};
use iam_engine::{Analysis, Catalog, Ingest, IngestOptions};
use iam_testdata::workload::{workload, WorkloadOptions};
use iam_testdata::{Container, Generator, GeneratorOptions};

fn read(name: &str, bytes: &[u8]) -> Analysis {
    let mut ingest = Ingest::new(IngestOptions::default());
    ingest.read_bytes(name, bytes);
    ingest.finish()
}

fn check(analysis: &Analysis, label: &str) {
    assert!(!analysis.activity.principals.is_empty(), "{label}: no principal");
    for principal in &analysis.activity.principals {
        let synthesis = synthesise(principal, Catalog::embedded(), &SynthOptions::default());
        if synthesis.policy.statements.is_empty() {
            continue;
        }
        let context = format!("{label}: {} at {}", principal.arn, synthesis.level_used.as_str());
        assert!(synthesis.coverage.is_complete(), "{context}: {:?}", synthesis.coverage);
        assert!(simulate(&synthesis.documents, principal, &SimulationOptions::default()).coverage.is_complete(), "{context}: the documents");
        let report = lint_split(&synthesis.policy.to_canonical_json(), Catalog::embedded());
        // The one warning a default policy may carry: `"*"` for calls the logs recorded without
        // their resource — the synthesis says the same (`resource-not-logged`), and the Sid
        // (`…ResourceNotLogged`) says why; narrowing needs a resource the logs do not hold.
        let not_logged = |pointer: &str| {
            let index: Option<usize> = pointer.strip_prefix("/Statement/").and_then(|rest| rest.split('/').next()).and_then(|index| index.parse().ok());
            index
                .and_then(|index| synthesis.policy.statements.get(index))
                .and_then(|statement| statement.sid.as_deref())
                .is_some_and(|sid| sid.ends_with("ResourceNotLogged"))
        };
        let loud: Vec<String> = report
            .findings
            .iter()
            .filter(|finding| matches!(finding.severity, Severity::Error | Severity::Warning))
            .filter(|finding| !(finding.code == "star-resource" && not_logged(&finding.pointer)))
            .map(|finding| format!("{} {} at {}: {}", finding.severity.as_str(), finding.code, finding.pointer, finding.message))
            .collect();
        assert!(loud.is_empty(), "{context}: {loud:?}");
    }
}

#[test]
fn the_benchmark_workload() {
    let generated = workload(WorkloadOptions::default());
    check(&read("workload.json", &generated.to_json()), "workload");
}

#[test]
fn a_generated_month() {
    let generator = Generator::new(GeneratorOptions { n_events: 20_000, ..GeneratorOptions::default() }.with_principals(12));
    check(&read("month.json", &generator.to_vec(Container::Records)), "generated");
}

#[test]
fn the_workshop_samples() {
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../static/samples");
    for name in ["cloudtrail-workshop-300-events.json.gz", "cloudtrail-workshop-80-events.json"] {
        let bytes = std::fs::read(format!("{samples}/{name}")).expect("the sample is in the repository");
        check(&read(name, &bytes), name);
    }
}

/// The records in another order give the same default policies, byte for byte.
#[test]
fn the_default_does_not_depend_on_record_order() {
    let generated = workload(WorkloadOptions::default());
    let forward = read("workload.json", &generated.to_json());
    let mut reversed = generated.clone();
    reversed.events.reverse();
    let backward = read("workload.json", &reversed.to_json());
    for principal in &forward.activity.principals {
        let other = backward.activity.principal(&principal.arn).expect("the same principals");
        let one = synthesise(principal, Catalog::embedded(), &SynthOptions::default());
        let two = synthesise(other, Catalog::embedded(), &SynthOptions::default());
        assert_eq!(one.policy.to_canonical_json(), two.policy.to_canonical_json(), "{}", principal.arn);
    }
}
