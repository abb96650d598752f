//! The page's one model, `Workbench`, and every way it changes, `Action`. `apply` is pure and
//! unit-tested natively; side effects (the worker, downloads, storage) live in hooks.

pub mod workspace;

use crate::i18n::Lang;
use iam_engine::{Analysis, FileReport};
use serde::{Deserialize, Serialize};
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
    /// The reading worker stopped while reading this file (its reason, from the browser, in
    /// English): the other inputs were read again without it, and it is skipped from now on.
    Failed(String),
    /// Read in an earlier visit: its report came back from storage, the file itself did not
    /// (files are never stored), so it cannot be read again in this tab.
    Restored(Rc<FileReport>),
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

/// A policy opened from a `#policy=` link.
#[derive(Clone, Debug, PartialEq)]
pub enum SharedPolicy {
    /// The policy JSON, pretty-printed.
    Policy(String),
    /// The link could not be read: why.
    Invalid(String),
}

/// What the page knows about its saved work (shown in "Where your data goes").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum StorageStatus {
    /// Not read yet.
    #[default]
    Unknown,
    /// Nothing is saved.
    Empty,
    Saved,
    /// Work from an earlier visit was restored.
    Restored,
    /// "Forget everything" emptied the storage.
    Forgotten,
    /// The browser refused (private window, storage disabled, quota): why.
    Failed(String),
    /// Work saved in an earlier visit could not be used (unreadable, from another version of
    /// the page, tampered with) and was deleted: why.
    Discarded(String),
}

impl StorageStatus {
    /// The status to show after a write ended with `outcome`, or `None` to keep the one shown:
    /// "everything was forgotten" and "saved work was discarded" say more than "nothing is saved"
    /// (which the first write after either always gives), and stay until something is saved.
    pub fn after_write(&self, outcome: StorageStatus) -> Option<StorageStatus> {
        let says_more = matches!(self, StorageStatus::Forgotten | StorageStatus::Discarded(_)) && outcome == StorageStatus::Empty;
        (*self != outcome && !says_more).then_some(outcome)
    }
}

/// The page's model. It serialises (for storage across reloads) without the transient parts
/// (inputs, the running job, notices, an opened link) and without the analysis, which
/// `persist` stores on its own because it is large and changes rarely.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Workbench {
    pub lang: Lang,
    #[serde(skip)]
    pub inputs: Vec<InputEntry>,
    #[serde(skip)]
    pub job: Option<Job>,
    #[serde(skip)]
    pub analysis: Option<Rc<Analysis>>,
    pub selected_principal: Option<String>,
    /// A page-level message (the worker failed, reading was cancelled).
    #[serde(skip)]
    pub notice: Option<String>,
    /// A policy opened from a shared link, shown read-only.
    #[serde(skip)]
    pub shared_policy: Option<SharedPolicy>,
    #[serde(skip)]
    pub storage: StorageStatus,
    /// The principal workspace: per-principal policy choices and edits, and the tools' choices
    /// (stored across reloads; the policies themselves are derived again).
    pub workspace: workspace::WorkspaceState,
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
    /// Several files finished at once (the worker batches replies for folders of many small
    /// files, so the page does not redraw per file).
    FilesDone {
        job_id: u32,
        reports: Vec<(usize, Rc<FileReport>)>,
    },
    /// The user removed an input; the reader forgets its file and reads the rest again.
    InputRemoved {
        id: u32,
    },
    /// Work saved in an earlier visit came back from storage. Ignored once the user has started
    /// something in this tab.
    Restore {
        saved: Box<Workbench>,
        analysis: Option<Rc<Analysis>>,
    },
    /// "Forget everything": back to an empty page (the language stays).
    ForgetEverything,
    /// A `#policy=` link was opened (or could not be read).
    OpenSharedPolicy(SharedPolicy),
    CloseSharedPolicy,
    StorageChanged(StorageStatus),
    /// A dropped folder could not be listed.
    FolderFailed(String),
    JobDone {
        job_id: u32,
        analysis: Rc<Analysis>,
    },
    JobFailed {
        job_id: u32,
        message: String,
    },
    /// The reading worker stopped while reading this input: it is marked and left out (the
    /// reader starts the job again without it).
    InputFailed {
        id: u32,
        message: String,
    },
    JobCancelled {
        message: String,
    },
    SelectPrincipal(String),
    /// A change in the principal workspace or the tools (`state::workspace`).
    Workspace(workspace::WorkspaceAction),
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
                InputStatus::Read(report) | InputStatus::Restored(report) => report.events,
                _ => 0,
            })
            .sum()
    }

    /// Inputs that came back from storage, without their files.
    pub fn has_restored_inputs(&self) -> bool {
        self.inputs.iter().any(|input| matches!(input.status, InputStatus::Restored(_)))
    }

    /// True when the user has not started anything in this tab: a restore may fill the page.
    pub fn is_untouched(&self) -> bool {
        self.inputs.is_empty() && self.job.is_none() && self.analysis.is_none()
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
            state.notice = None;
            if state.has_restored_inputs() {
                // The restored analysis covers files this tab does not have: the next job reads
                // only the files given here, so the restored analysis goes now (cancelling must
                // not leave it on screen beside inputs it does not describe).
                state.inputs.retain(|input| !matches!(input.status, InputStatus::Restored(_)));
                state.analysis = None;
                state.notice = Some(state.lang.texts().restored_replaced.to_owned());
            }
            state.inputs.extend(entries);
        }
        Action::JobStarted { job_id } => {
            // Files a worker stopped on are not read again: they are not part of the job.
            let total_bytes = state.inputs.iter().filter(|input| !matches!(input.status, InputStatus::Failed(_))).map(|input| input.size).sum();
            // A job replacing a running one: the analysis on screen is still the one from before
            // the running job, so its statuses are the ones to go back to.
            let previous_statuses = match state.job.take() {
                Some(running) => running.previous_statuses,
                None => state.inputs.iter().map(|input| input.status.clone()).collect(),
            };
            state.job = Some(Job { job_id, total_bytes, previous_statuses });
            for input in &mut state.inputs {
                if !matches!(input.status, InputStatus::Failed(_)) {
                    input.status = InputStatus::Waiting;
                }
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
        Action::FilesDone { job_id, reports } if state.is_current(job_id) => {
            for (index, report) in reports {
                if let Some(input) = state.inputs.get_mut(index) {
                    input.status = InputStatus::Read(report);
                }
            }
        }
        Action::InputRemoved { id } => {
            if let Some(index) = state.inputs.iter().position(|input| input.id == id) {
                state.inputs.remove(index);
                // Keep the running job's memory of statuses aligned with the inputs.
                if let Some(job) = &mut state.job {
                    if index < job.previous_statuses.len() {
                        job.previous_statuses.remove(index);
                    }
                }
            }
            state.notice = None;
            if state.inputs.is_empty() {
                state.job = None;
                state.analysis = None;
            }
        }
        Action::Restore { saved, analysis } => {
            if state.is_untouched() {
                let saved = *saved;
                state.inputs = restored_inputs(analysis.as_deref());
                state.analysis = analysis;
                state.lang = saved.lang;
                state.selected_principal = saved.selected_principal;
                state.workspace = saved.workspace;
            }
        }
        Action::ForgetEverything => {
            state = Workbench { storage: StorageStatus::Forgotten, ..Workbench::new(state.lang) };
        }
        Action::OpenSharedPolicy(shared) => state.shared_policy = Some(shared),
        Action::CloseSharedPolicy => state.shared_policy = None,
        Action::StorageChanged(status) => {
            // Discarded work is said where the user looks, once, besides the privacy panel.
            if let StorageStatus::Discarded(why) = &status {
                state.notice = Some(format!("{}: {why}", state.lang.texts().storage_discarded));
            }
            state.storage = status;
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
            // The message comes from the browser or the worker, in English: it is shown as data
            // after a translated label.
            state.notice = Some(format!("{}: {message}", state.lang.texts().worker_failed));
        }
        Action::InputFailed { id, message } => {
            if let Some(input) = state.inputs.iter_mut().find(|input| input.id == id) {
                input.status = InputStatus::Failed(message);
            }
        }
        Action::FolderFailed(message) => {
            state.notice = Some(format!("{}: {message}", state.lang.texts().folder_failed));
        }
        Action::JobCancelled { message } => {
            restore_statuses(&mut state);
            state.notice = Some(message);
        }
        Action::SelectPrincipal(arn) => state.selected_principal = Some(arn),
        Action::Workspace(action) => workspace::apply(&mut state.workspace, state.selected_principal.as_deref(), action),
        // Replies of a job that was replaced or cancelled.
        Action::Progress { .. } | Action::FileDone { .. } | Action::FilesDone { .. } | Action::JobDone { .. } | Action::JobFailed { .. } => {}
    }
    state
}

/// The input list of a restored analysis: one row per file report, without a file. Their ids
/// count down from `u32::MAX` so they never meet the reader's, which count up from 1.
fn restored_inputs(analysis: Option<&Analysis>) -> Vec<InputEntry> {
    let Some(analysis) = analysis else {
        return Vec::new();
    };
    analysis
        .files
        .iter()
        .enumerate()
        .map(|(index, report)| InputEntry {
            id: u32::MAX - index as u32,
            name: report.name.clone(),
            size: report.bytes,
            status: InputStatus::Restored(Rc::new(report.clone())),
        })
        .collect()
}

/// After a cancelled or failed job: inputs go back to what they were before it (so the statuses
/// match the analysis still shown); inputs the job was the first to read are "not read".
fn restore_statuses(state: &mut Workbench) {
    // Without a job (a notice about something else), the statuses are already right.
    let Some(job) = state.job.take() else { return };
    let previous = job.previous_statuses;
    for (index, input) in state.inputs.iter_mut().enumerate() {
        input.status = match (&input.status, previous.get(index)) {
            (InputStatus::Failed(_), _) => continue,
            (_, Some(status @ InputStatus::Read(_))) => status.clone(),
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
    fn regression_discarded_saved_work_is_not_replaced_by_nothing_is_saved() {
        let discarded = StorageStatus::Discarded("not a saved session".to_owned());
        assert_eq!(discarded.after_write(StorageStatus::Empty), None);
        assert_eq!(StorageStatus::Forgotten.after_write(StorageStatus::Empty), None);
        assert_eq!(discarded.after_write(StorageStatus::Saved), Some(StorageStatus::Saved));
        assert_eq!(StorageStatus::Restored.after_write(StorageStatus::Empty), Some(StorageStatus::Empty));
        assert_eq!(StorageStatus::Saved.after_write(StorageStatus::Saved), None);
    }

    #[test]
    fn a_file_that_stopped_the_worker_stays_marked_while_the_others_are_read_again() {
        let mut state = Workbench::new(Lang::En);
        state = apply(state, Action::InputsAdded(vec![entry(1, 100), entry(2, 50)]));
        state = apply(state, Action::JobStarted { job_id: 1 });
        state = apply(state, Action::InputFailed { id: 2, message: "Uncaught RuntimeError: unreachable".to_owned() });
        // The reader starts the job again without it: the mark stays through the new job, its
        // end and a failure of it.
        state = apply(state, Action::JobStarted { job_id: 2 });
        let failed = InputStatus::Failed("Uncaught RuntimeError: unreachable".to_owned());
        assert_eq!((&state.inputs[0].status, &state.inputs[1].status), (&InputStatus::Waiting, &failed));
        assert_eq!(state.job.as_ref().map(|job| job.total_bytes), Some(100), "the job's bytes leave the failed file out");
        state = apply(state, Action::JobDone { job_id: 2, analysis: analysis_of(ONE_PRINCIPAL) });
        assert_eq!(state.inputs[1].status, failed);
        state = apply(state, Action::JobStarted { job_id: 3 });
        state = apply(state, Action::JobFailed { job_id: 3, message: "x".to_owned() });
        assert_eq!((&state.inputs[0].status, &state.inputs[1].status), (&InputStatus::NotRead, &failed));
    }

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
        // A later notice outside any job leaves the statuses alone.
        state = apply(state, Action::JobCancelled { message: "the sample could not be loaded".to_owned() });
        assert!(matches!(state.inputs[0].status, InputStatus::Read(_)));
    }

    #[test]
    fn files_done_in_a_batch_mark_each_file_read() {
        let mut state = Workbench::new(Lang::En);
        state = apply(state, Action::InputsAdded(vec![entry(1, 10), entry(2, 10), entry(3, 10)]));
        state = apply(state, Action::JobStarted { job_id: 4 });
        let report = Rc::new(analysis_of(ONE_PRINCIPAL).files[0].clone());
        state = apply(state, Action::FilesDone { job_id: 4, reports: vec![(0, report.clone()), (2, report.clone())] });
        assert!(matches!(state.inputs[0].status, InputStatus::Read(_)));
        assert_eq!(state.inputs[1].status, InputStatus::Waiting);
        assert!(matches!(state.inputs[2].status, InputStatus::Read(_)));
        let before = state.clone();
        state = apply(state, Action::FilesDone { job_id: 3, reports: vec![(1, report)] });
        assert_eq!(state, before, "a stale batch changes nothing");
    }

    #[test]
    fn removing_inputs_keeps_the_job_aligned_and_the_last_one_clears_the_analysis() {
        let mut state = Workbench::new(Lang::En);
        state = apply(state, Action::InputsAdded(vec![entry(1, 10), entry(2, 20)]));
        state = apply(state, Action::JobStarted { job_id: 1 });
        state = apply(state, Action::JobDone { job_id: 1, analysis: analysis_of(ONE_PRINCIPAL) });
        state = apply(state, Action::InputsAdded(vec![entry(3, 30)]));
        state = apply(state, Action::JobStarted { job_id: 2 });
        state = apply(state, Action::InputRemoved { id: 1 });
        assert_eq!(state.inputs.iter().map(|input| input.id).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(state.job.as_ref().map(|job| job.previous_statuses.len()), Some(2));
        state = apply(state, Action::JobStarted { job_id: 3 });
        assert_eq!(state.job.as_ref().map(|job| job.total_bytes), Some(50));
        assert_eq!(state.job.as_ref().map(|job| job.previous_statuses.len()), Some(2), "a job replacing a running one keeps its memory");
        state = apply(state, Action::JobDone { job_id: 3, analysis: analysis_of(ONE_PRINCIPAL) });
        state = apply(state, Action::InputRemoved { id: 2 });
        assert!(state.analysis.is_some());
        state = apply(state, Action::InputRemoved { id: 3 });
        assert!(state.inputs.is_empty() && state.analysis.is_none() && state.job.is_none());
        assert_eq!(state.selected_principal.as_deref(), Some("arn:aws:iam::1:user/a"), "the choice stays for when the principal comes back");
    }

    #[test]
    fn a_restore_fills_an_untouched_page_only() {
        let analysis = analysis_of(ONE_PRINCIPAL);
        let saved = Workbench { selected_principal: Some("arn:aws:iam::1:user/a".to_owned()), ..Workbench::new(Lang::Ja) };
        let restored = apply(Workbench::new(Lang::En), Action::Restore { saved: Box::new(saved.clone()), analysis: Some(analysis.clone()) });
        assert_eq!(restored.lang, Lang::Ja);
        assert_eq!(restored.selected_principal, saved.selected_principal);
        assert_eq!(restored.analysis, Some(analysis.clone()));
        assert_eq!(restored.inputs.len(), 1);
        assert!(matches!(restored.inputs[0].status, InputStatus::Restored(_)));
        assert_eq!(restored.events_read(), 1);

        let busy = apply(Workbench::new(Lang::En), Action::InputsAdded(vec![entry(1, 10)]));
        let after = apply(busy.clone(), Action::Restore { saved: Box::new(saved), analysis: Some(analysis) });
        assert_eq!(after, busy, "work started in this tab wins over saved work");
    }

    #[test]
    fn adding_files_to_a_restored_analysis_starts_afresh_and_says_so() {
        let saved = Workbench::new(Lang::En);
        let mut state = apply(Workbench::new(Lang::En), Action::Restore { saved: Box::new(saved), analysis: Some(analysis_of(ONE_PRINCIPAL)) });
        state = apply(state, Action::InputsAdded(vec![entry(1, 10)]));
        assert_eq!(state.inputs.len(), 1);
        assert_eq!(state.inputs[0].id, 1, "the restored rows are gone, so input indexes match the reader's files");
        assert!(state.analysis.is_none());
        assert_eq!(state.notice.as_deref(), Some(Lang::En.texts().restored_replaced));
    }

    #[test]
    fn forgetting_everything_keeps_only_the_language() {
        let mut state = Workbench::new(Lang::Ja);
        state = apply(state, Action::InputsAdded(vec![entry(1, 10)]));
        state = apply(state, Action::JobStarted { job_id: 1 });
        state = apply(state, Action::JobDone { job_id: 1, analysis: analysis_of(ONE_PRINCIPAL) });
        state = apply(state, Action::OpenSharedPolicy(SharedPolicy::Policy("{}".to_owned())));
        state = apply(state, Action::StorageChanged(StorageStatus::Saved));
        state = apply(state, Action::ForgetEverything);
        assert_eq!(state, Workbench { storage: StorageStatus::Forgotten, ..Workbench::new(Lang::Ja) });
    }

    #[test]
    fn browser_messages_are_shown_after_a_translated_label() {
        let mut state = Workbench::new(Lang::Ja);
        state = apply(state, Action::InputsAdded(vec![entry(1, 10)]));
        state = apply(state, Action::JobStarted { job_id: 1 });
        state = apply(state, Action::JobFailed { job_id: 1, message: "the browser could not read f1.json".to_owned() });
        assert_eq!(state.notice.as_deref(), Some("読み込み用ワーカーが予期せず停止しました: the browser could not read f1.json"));
        state = apply(state, Action::FolderFailed("AWSLogs: permission denied".to_owned()));
        assert_eq!(state.notice, Some(format!("{}: AWSLogs: permission denied", Lang::Ja.texts().folder_failed)));
    }

    #[test]
    fn shared_policies_open_and_close_and_storage_status_is_kept() {
        let mut state = Workbench::new(Lang::En);
        state = apply(state, Action::OpenSharedPolicy(SharedPolicy::Invalid("damaged".to_owned())));
        assert_eq!(state.shared_policy, Some(SharedPolicy::Invalid("damaged".to_owned())));
        state = apply(state, Action::CloseSharedPolicy);
        assert_eq!(state.shared_policy, None);
        state = apply(state, Action::StorageChanged(StorageStatus::Failed("quota".to_owned())));
        assert_eq!(state.storage, StorageStatus::Failed("quota".to_owned()));
    }

    #[test]
    fn the_workspace_is_saved_with_the_session() {
        use workspace::{ExportKind, WorkspaceAction};
        let mut state = Workbench::new(Lang::En);
        state.analysis = Some(analysis_of(ONE_PRINCIPAL));
        state = apply(state, Action::SelectPrincipal("arn:aws:iam::1:user/a".to_owned()));
        state = apply(state, Action::Workspace(WorkspaceAction::SetResources(iam_engine::synth::ResourceChoice::Exact)));
        state = apply(state, Action::Workspace(WorkspaceAction::EditText("{}".to_owned())));
        state = apply(state, Action::Workspace(WorkspaceAction::SetExport(ExportKind::Terraform)));
        let saved: Workbench = serde_json::from_str(&serde_json::to_string(&state).unwrap()).unwrap();
        assert_eq!(saved.workspace, state.workspace);
        let restored = apply(Workbench::new(Lang::En), Action::Restore { saved: Box::new(saved), analysis: state.analysis.clone() });
        assert_eq!(restored.workspace, state.workspace, "a reload restores the workspace");
        assert_eq!(restored.workspace.principal("arn:aws:iam::1:user/a").unwrap().history.past.len(), 2, "undo survives too");
    }
}
