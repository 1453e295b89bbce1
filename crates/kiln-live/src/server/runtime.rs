//! What the hub lends its states and their handlers: the store and its journal, what
//! [`Live::provide`](crate::Live::provide) gave, and the background tasks.

use super::journal::Journal;
use super::lock;
use super::store::StateStore;
use crate::TaskId;
use http::Extensions;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::task::AbortHandle;

/// The store, its journal, the provided values and the tasks that outlive sessions: one per
/// hub, shared by its states, their handlers and their tasks' handles.
pub(crate) struct Runtime {
    pub store: Arc<dyn StateStore>,
    /// Every write to `store` goes through it, in order.
    pub journal: Journal,
    /// What [`Live::provide`](crate::Live::provide) gave every handler.
    provided: Extensions,
    /// The tasks started with `Ctx::spawn_detached`.
    pub detached: Tasks,
    next_id: AtomicU64,
}

impl Runtime {
    pub fn new(store: Arc<dyn StateStore>, provided: Extensions) -> Self {
        Self {
            journal: Journal::start(store.clone()),
            store,
            provided,
            detached: Tasks::default(),
            next_id: AtomicU64::new(1),
        }
    }

    /// A number not handed out before: connections' and tasks' ids.
    pub fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    /// A value given to every handler with [`Live::provide`](crate::Live::provide).
    pub fn provided<T: Clone + Send + Sync + 'static>(&self) -> Option<T> {
        self.provided.get::<T>().cloned()
    }

    /// Runs `task` in the background, kept in `tasks` until it ends or is cancelled.
    pub fn spawn(&self, tasks: &Tasks, task: impl Future<Output = ()> + Send + 'static) -> TaskId {
        let id = TaskId(self.next_id());
        tasks.keep(id, tokio::spawn(task).abort_handle());
        id
    }
}

/// Background tasks that end with their owner (a session, or the hub).
#[derive(Default)]
pub(crate) struct Tasks(Mutex<Vec<(TaskId, AbortHandle)>>);

impl Tasks {
    fn keep(&self, id: TaskId, task: AbortHandle) {
        let mut tasks = lock(&self.0);
        tasks.retain(|(_, task)| !task.is_finished());
        tasks.push((id, task));
    }

    /// Cancels `task`: `Some(true)` if it was running, `Some(false)` if it had ended, `None`
    /// if it is not one of these.
    pub fn cancel(&self, task: TaskId) -> Option<bool> {
        let mut tasks = lock(&self.0);
        let index = tasks.iter().position(|(id, _)| *id == task)?;
        let (_, handle) = tasks.swap_remove(index);
        let running = !handle.is_finished();
        handle.abort();
        Some(running)
    }

    /// Cancels them all.
    pub fn abort_all(&self) {
        for (_, task) in std::mem::take(&mut *lock(&self.0)) {
            task.abort();
        }
    }

    /// Whether any was started and not yet cancelled (ended ones count until the next start).
    pub fn is_empty(&self) -> bool {
        lock(&self.0).is_empty()
    }
}
