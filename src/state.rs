//! The page's one model, `Workbench`, and every way it changes, `Action`. `apply` is pure and
//! unit-tested natively; side effects (the worker, downloads, storage) live in hooks.

use crate::i18n::Lang;
use iam_engine::{Analysis, FileReport};
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, Debug, PartialEq)]
pub enum InputStatus {
    Waiting,
    Reading {
        bytes: u64,
        events: u64,
    },
    Read(Rc<FileReport>),
    /// Not read: the job was cancelled or the worker failed first.
    NotRead,
}

#[derive(Clone, Debug, PartialEq)]
pub struct InputEntry {
    /// Chosen by the browser layer, which keeps the `File` under the same id.
    pub id: u32,
    pub name: String,
    pub size: u64,
    pub status: InputStatus,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    pub job_id: u32,
    pub total_bytes: u64,
    /// Input statuses before the job, restored if it is cancelled or fails: the analysis on
    /// screen is still the one they describe.
    pub previous_statuses: Vec<InputStatus>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workbench {
    pub lang: Lang,
    pub inputs: Vec<InputEntry>,
    pub job: Option<Job>,
    pub analysis: Option<Rc<Analysis>>,
    pub selected_principal: Option<String>,
    /// A page-level message (the worker failed, reading was cancelled).
    pub notice: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLanguage(Lang),
    /// New inputs, already stored by the browser layer under these ids.
    InputsAdded(Vec<InputEntry>),
    /// A job reading every input (in `inputs` order) started.
    JobStarted {
        job_id: u32,
    },
    Progress {
        job_id: u32,
        index: usize,
        bytes: u64,
        events: u64,
    },
    FileDone {
        job_id: u32,
        index: usize,
        report: Rc<FileReport>,
    },
    JobDone {
        job_id: u32,
        analysis: Rc<Analysis>,
    },
    JobFailed {
        job_id: u32,
        message: String,
    },
    JobCancelled {
        message: String,
    },
    SelectPrincipal(String),
}

impl Workbench {
    pub fn new(lang: Lang) -> Workbench {
        Workbench { lang, ..Workbench::default() }
    }

    pub fn is_reading(&self) -> bool {
        self.job.is_some()
    }

    /// Bytes read so far by the running job.
    pub fn bytes_read(&self) -> u64 {
        self.inputs
            .iter()
            .map(|input| match &input.status {
                InputStatus::Reading { bytes, .. } => *bytes,
                InputStatus::Read(_) => input.size,
                _ => 0,
            })
            .sum()
    }

    pub fn events_read(&self) -> u64 {
        self.inputs
            .iter()
            .map(|input| match &input.status {
                InputStatus::Reading { events, .. } => *events,
                InputStatus::Read(report) => report.events,
                _ => 0,
            })
            .sum()
    }

    fn is_current(&self, job_id: u32) -> bool {
        self.job.as_ref().is_some_and(|job| job.job_id == job_id)
    }
}

/// The one place the model changes.
pub fn apply(mut state: Workbench, action: Action) -> Workbench {
    match action {
        Action::SetLanguage(lang) => state.lang = lang,
        Action::InputsAdded(entries) => {
            state.inputs.extend(entries);
            state.notice = None;
        }
        Action::JobStarted { job_id } => {
            let total_bytes = state.inputs.iter().map(|input| input.size).sum();
            let previous_statuses = state.inputs.iter().map(|input| input.status.clone()).collect();
            state.job = Some(Job { job_id, total_bytes, previous_statuses });
            for input in &mut state.inputs {
                input.status = InputStatus::Waiting;
            }
        }
        Action::Progress { job_id, index, bytes, events } if state.is_current(job_id) => {
            if let Some(input) = state.inputs.get_mut(index) {
                input.status = InputStatus::Reading { bytes, events };
            }
        }
        Action::FileDone { job_id, index, report } if state.is_current(job_id) => {
            if let Some(input) = state.inputs.get_mut(index) {
                input.status = InputStatus::Read(report);
            }
        }
        Action::JobDone { job_id, analysis } if state.is_current(job_id) => {
            state.job = None;
            let still_there = state.selected_principal.as_deref().is_some_and(|arn| analysis.activity.principal(arn).is_some());
            if !still_there {
                // With exactly one principal there is nothing to choose.
                state.selected_principal = match analysis.activity.principals.as_slice() {
                    [only] => Some(only.arn.clone()),
                    _ => None,
                };
            }
            state.analysis = Some(analysis);
        }
        Action::JobFailed { job_id, message } if state.is_current(job_id) => {
            restore_statuses(&mut state);
            state.notice = Some(message);
        }
        Action::JobCancelled { message } => {
            restore_statuses(&mut state);
            state.notice = Some(message);
        }
        Action::SelectPrincipal(arn) => state.selected_principal = Some(arn),
        // Replies of a job that was replaced or cancelled.
        Action::Progress { .. } | Action::FileDone { .. } | Action::JobDone { .. } | Action::JobFailed { .. } => {}
    }
    state
}

/// After a cancelled or failed job: inputs go back to what they were before it (so the statuses
/// match the analysis still shown); inputs the job was the first to read are "not read".
fn restore_statuses(state: &mut Workbench) {
    let previous = state.job.take().map(|job| job.previous_statuses).unwrap_or_default();
    for (index, input) in state.inputs.iter_mut().enumerate() {
        input.status = match previous.get(index) {
            Some(status @ InputStatus::Read(_)) => status.clone(),
            _ => InputStatus::NotRead,
        };
    }
}

impl Reducible for Workbench {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(apply((*self).clone(), action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iam_engine::Ingest;

    fn entry(id: u32, size: u64) -> InputEntry {
        InputEntry { id, name: format!("f{id}.json"), size, status: InputStatus::Waiting }
    }

    fn analysis_of(json: &str) -> Rc<Analysis> {
        let mut ingest = Ingest::default();
        ingest.read_bytes("x.json", json.as_bytes());
        Rc::new(ingest.finish())
    }

    const ONE_PRINCIPAL: &str = r#"{"Records":[{"eventSource":"s3.amazonaws.com","eventName":"ListBuckets","eventTime":"2026-01-01T00:00:00Z","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a"}}]}"#;

    #[test]
    fn a_job_reports_progress_and_selects_the_only_principal() {
        let mut state = Workbench::new(Lang::En);
        state = apply(state, Action::InputsAdded(vec![entry(1, 100), entry(2, 50)]));
        state = apply(state, Action::JobStarted { job_id: 7 });
        assert_eq!(state.job.as_ref().map(|job| (job.job_id, job.total_bytes)), Some((7, 150)));
        state = apply(state, Action::Progress { job_id: 7, index: 0, bytes: 60, events: 3 });
        assert_eq!((state.bytes_read(), state.events_read()), (60, 3));
        // A stale job's replies change nothing.
        let before = state.clone();
        state = apply(state, Action::Progress { job_id: 6, index: 1, bytes: 50, events: 9 });
        assert_eq!(state, before);
        state = apply(state, Action::JobDone { job_id: 7, analysis: analysis_of(ONE_PRINCIPAL) });
        assert!(!state.is_reading());
        assert_eq!(state.selected_principal.as_deref(), Some("arn:aws:iam::1:user/a"));
    }

    #[test]
    fn cancelling_marks_unread_inputs_and_keeps_the_previous_analysis() {
        let mut state = Workbench::new(Lang::Ja);
        state = apply(state, Action::InputsAdded(vec![entry(1, 100)]));
        state = apply(state, Action::JobStarted { job_id: 1 });
        let analysis = analysis_of(ONE_PRINCIPAL);
        state = apply(state, Action::FileDone { job_id: 1, index: 0, report: Rc::new(analysis.files[0].clone()) });
        state = apply(state, Action::JobDone { job_id: 1, analysis });
        state = apply(state, Action::InputsAdded(vec![entry(2, 100)]));
        state = apply(state, Action::JobStarted { job_id: 2 });
        state = apply(state, Action::JobCancelled { message: "cancelled".to_owned() });
        assert!(state.analysis.is_some());
        assert!(matches!(state.inputs[0].status, InputStatus::Read(_)), "the analysis shown still covers the first input");
        assert_eq!(state.inputs[1].status, InputStatus::NotRead);
        assert_eq!(state.notice.as_deref(), Some("cancelled"));
        assert_eq!(state.lang, Lang::Ja);
    }
}
