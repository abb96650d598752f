//! Policy synthesis: from a principal's observed activity to the policy that allows it.

use crate::activity::{Outcome, PrincipalActivity};
use crate::policy::{Policy, Statement};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SynthOptions {
    /// Also allow calls that were denied (they may be needed).
    pub include_denied: bool,
}

/// One statement per service allowing every action the principal called successfully.
pub fn generate(principal: &PrincipalActivity, options: &SynthOptions) -> Policy {
    let mut by_service: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for call in &principal.calls {
        let wanted = match call.outcome {
            Outcome::Success => true,
            Outcome::Denied => options.include_denied,
            Outcome::Error => false,
        };
        if !wanted {
            continue;
        }
        let service = call.action.split(':').next().unwrap_or(&call.action);
        by_service.entry(service).or_default().insert(&call.action);
    }
    let statements = by_service
        .into_iter()
        .map(|(service, actions)| Statement::allow(sid_for(service), actions.into_iter().map(str::to_owned).collect(), vec!["*".to_owned()]))
        .collect();
    Policy::new(statements)
}

/// A statement id from a service prefix: alphanumeric, in CamelCase (`resource-groups` →
/// `ResourceGroups`).
fn sid_for(service: &str) -> String {
    let mut sid = String::from("Allow");
    for part in service.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            sid.push(first.to_ascii_uppercase());
            sid.extend(chars);
        }
    }
    sid
}
