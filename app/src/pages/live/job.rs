//! A long job: the handler flushes an intermediate state before it returns, then a background
//! task reports progress until it finishes or is cancelled.

use kiln::prelude::*;
use serde::{Deserialize, Serialize};

use crate::code::{CodeSample, PageMeta};

/// Where the job is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Not started.
    #[default]
    Idle,
    /// Getting ready (shown through a flush, before the handler returns).
    Preparing,
    /// The background task is working.
    Running,
    /// Finished.
    Done,
    /// Stopped by the user.
    Cancelled,
}

impl Phase {
    fn label(self) -> &'static str {
        match self {
            Self::Idle => "Idle",
            Self::Preparing => "Preparing…",
            Self::Running => "Running",
            Self::Done => "Done",
            Self::Cancelled => "Cancelled",
        }
    }
}

/// Why the job could not start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum JobError {
    /// It is running already.
    #[error("The job is running already.")]
    AlreadyRunning,
}

/// The job's state. The task's id stays on the server.
#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
pub struct Job {
    /// Percent done.
    pub progress: u32,
    /// Where the job is.
    pub phase: Phase,
    /// The background task, to cancel it.
    #[live(server_only)]
    #[serde(skip)]
    pub task: Option<TaskId>,
}

#[live_events]
impl Job {
    /// Starts the job: shows "Preparing" at once, then hands the work to a background task.
    pub async fn start(&mut self, ctx: &mut Ctx<Self>) -> Result<(), JobError> {
        if matches!(self.phase, Phase::Preparing | Phase::Running) {
            return Err(JobError::AlreadyRunning);
        }
        self.phase = Phase::Preparing;
        self.progress = 0;
        ctx.flush(self).await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        self.phase = Phase::Running;
        self.task = Some(ctx.spawn(|job| async move {
            for percent in 1..=100 {
                tokio::time::sleep(std::time::Duration::from_millis(80)).await;
                if job.update(|job| job.progress = percent).await.is_err() {
                    return;
                }
            }
            let _ = job
                .update(|job| {
                    job.phase = Phase::Done;
                    job.task = None;
                })
                .await;
        }));
        Ok(())
    }

    /// Stops the job where it is.
    pub fn cancel(&mut self, ctx: &mut Ctx<Self>) {
        if let Some(task) = self.task.take() {
            ctx.cancel(task);
        }
        if matches!(self.phase, Phase::Preparing | Phase::Running) {
            self.phase = Phase::Cancelled;
            ctx.toast(
                format!("Cancelled at {}%.", self.progress),
                kiln::live::protocol::ToastLevel::Info,
            );
        }
    }
}

/// The page: a progress bar the server drives.
#[component]
pub fn JobPage() -> impl IntoView {
    view! {
        <PageMeta
            title="Long job · Kiln"
            description="A job that reports progress from a background task on the server, and can be cancelled."
        />
        <h1>"Long job"</h1>
        <p>
            "Start runs a handler that flushes “Preparing” before it returns (Reflex's "
            <code>"yield"</code> "), then spawns a background task that updates the progress under "
            "the state's lock. Cancel aborts the task."
        </p>
        {live_view(|job: JobLive| {
            let running = move || matches!(job.phase.get(), Phase::Preparing | Phase::Running);
            view! {
                <div class="demo">
                    <p>"Status: " <strong data-testid="phase">{move || job.phase.get().label()}</strong></p>
                    <progress max="100" value=move || job.progress.get() data-testid="progress"></progress>
                    <span data-testid="percent">{move || format!(" {}%", job.progress.get())}</span>
                    <p>
                        <button on:click=move |_| { job.start(); } disabled=running>"Start"</button>
                        " "
                        <button on:click=move |_| { job.cancel(); } disabled=move || !running()>"Cancel"</button>
                    </p>
                    <p class="form-error" role="alert">{move || job.meta.last_error().get().map(|e| e.message)}</p>
                </div>
            }
        })}
        <CodeSample title="app/src/pages/live/job.rs" code=source!("job.rs")/>
    }
}
