//! The journal: every write to the state store goes through it, in order, grouped.
//!
//! Events, background tasks and evictions queue their [`Change`]s here and (events) wait for
//! the [`Commit`]. One task takes whatever is queued, merges it (the last change to a key wins)
//! and hands it to [`StateStore::apply`] in one call: while that call runs, the next group
//! builds up (group commit), so a store's cost is per commit, not per event. A commit that fails
//! is tried again, with a growing pause, until it succeeds: nothing queued is acknowledged
//! before it is in the store, and nothing is dropped.

use super::store::{Change, StateStore};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// How long a load from the store waits for the writes queued before it (a store that is
/// down is not waited for: the load fails on its own).
pub(crate) const FLUSH_WAIT: Duration = Duration::from_secs(5);

/// The most changes one commit takes; more wait for the next one.
const MAX_GROUP: usize = 4096;
/// The pauses between attempts at a commit that failed.
const FIRST_RETRY: Duration = Duration::from_millis(50);
const LAST_RETRY: Duration = Duration::from_secs(5);

struct Entry {
    changes: Vec<Change>,
    done: oneshot::Sender<()>,
}

/// The queue of writes to a store, and the task that commits them.
pub(crate) struct Journal {
    persistent: bool,
    queue: mpsc::UnboundedSender<Entry>,
}

/// A queued write: [`wait`](Commit::wait) resolves once it is in the store.
#[must_use = "an event is acknowledged only after its commit"]
pub(crate) struct Commit(Option<oneshot::Receiver<()>>);

/// The journal stopped (its hub was dropped) before the write was committed.
#[derive(Debug)]
pub(crate) struct NotCommitted;

impl Commit {
    /// Already done: nothing was written, or the store keeps nothing.
    pub fn done() -> Self {
        Self(None)
    }

    /// Never done: the write was lost (its journal stopped first).
    pub fn lost() -> Self {
        let (_, never) = oneshot::channel();
        Self(Some(never))
    }

    /// Waits until the write is in the store.
    pub async fn wait(self) -> Result<(), NotCommitted> {
        match self.0 {
            None => Ok(()),
            Some(done) => done.await.map_err(|_| NotCommitted),
        }
    }
}

impl Journal {
    /// A journal for `store`, with its committing task.
    pub fn start(store: Arc<dyn StateStore>) -> Self {
        let (queue, entries) = mpsc::unbounded_channel();
        let persistent = store.persistent();
        if persistent {
            tokio::spawn(commit_loop(store, entries));
        }
        Self { persistent, queue }
    }

    /// Whether the store keeps anything: if not, callers need not build changes.
    pub fn persistent(&self) -> bool {
        self.persistent
    }

    /// Queues `changes` behind everything queued before.
    pub fn write(&self, changes: Vec<Change>) -> Commit {
        if !self.persistent {
            return Commit::done();
        }
        let (done, committed) = oneshot::channel();
        // Should the committing task be gone, `done` is dropped and `wait` says so.
        let _ = self.queue.send(Entry { changes, done });
        Commit(Some(committed))
    }

    /// Resolves once everything queued before it is in the store.
    pub fn flush(&self) -> Commit {
        self.write(Vec::new())
    }
}

async fn commit_loop(store: Arc<dyn StateStore>, mut entries: mpsc::UnboundedReceiver<Entry>) {
    let mut group = Vec::new();
    while entries.recv_many(&mut group, MAX_GROUP).await > 0 {
        // Let the events that are ready to run now queue their writes too: one commit for all
        // of them instead of one each.
        tokio::task::yield_now().await;
        while group.len() < MAX_GROUP {
            match entries.try_recv() {
                Ok(entry) => group.push(entry),
                Err(_) => break,
            }
        }
        let changes = merge(&mut group);
        let mut pause = FIRST_RETRY;
        let mut attempts = 0u32;
        while !changes.is_empty() {
            match store.apply(&changes).await {
                Ok(()) => break,
                Err(err) => {
                    attempts += 1;
                    tracing::error!(
                        changes = changes.len(),
                        attempts,
                        "cannot write live state to the store; trying again in {pause:?}: {err}"
                    );
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(LAST_RETRY);
                }
            }
        }
        for entry in group.drain(..) {
            let _ = entry.done.send(());
        }
    }
}

/// The changes of `group`, each key once, with its last value.
fn merge(group: &mut [Entry]) -> Vec<Change> {
    let count: usize = group.iter().map(|entry| entry.changes.len()).sum();
    let mut at: HashMap<String, usize> = HashMap::with_capacity(count);
    let mut merged: Vec<Change> = Vec::with_capacity(count);
    for change in group.iter_mut().flat_map(|entry| entry.changes.drain(..)) {
        match at.get(&change.key) {
            Some(&index) => merged[index] = change,
            None => {
                at.insert(change.key.clone(), merged.len());
                merged.push(change);
            }
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::super::store::{StoreError, Stored};
    use super::*;
    use crate::BoxFuture;
    use std::sync::Mutex;
    use std::time::SystemTime;

    /// A store that records each `apply`, and fails the first `failures` of them. Each attempt
    /// waits for a permit of `gate`.
    struct Recording {
        applied: Mutex<Vec<Vec<Change>>>,
        failures: Mutex<u32>,
        gate: tokio::sync::Semaphore,
        /// How many attempts began (and wait at the gate or passed it).
        started: std::sync::atomic::AtomicUsize,
    }

    impl Default for Recording {
        fn default() -> Self {
            Self {
                applied: Mutex::default(),
                failures: Mutex::default(),
                gate: tokio::sync::Semaphore::new(0),
                started: std::sync::atomic::AtomicUsize::new(0),
            }
        }
    }

    impl StateStore for Arc<Recording> {
        fn load<'a>(&'a self, _: &'a str) -> BoxFuture<'a, Result<Option<Stored>, StoreError>> {
            Box::pin(async { Ok(None) })
        }

        fn apply<'a>(&'a self, changes: &'a [Change]) -> BoxFuture<'a, Result<(), StoreError>> {
            Box::pin(async move {
                self.started
                    .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let permit = self
                    .gate
                    .acquire()
                    .await
                    .map_err(|_| StoreError::new("the gate closed"))?;
                permit.forget();
                let mut failures = self.failures.lock().expect("lock");
                if *failures > 0 {
                    *failures -= 1;
                    return Err(StoreError::new("disk on fire"));
                }
                self.applied.lock().expect("lock").push(changes.to_vec());
                Ok(())
            })
        }

        fn purge(&self, _: SystemTime, _: SystemTime) -> BoxFuture<'_, Result<u64, StoreError>> {
            Box::pin(async { Ok(0) })
        }
    }

    fn save(key: &str, version: u64) -> Change {
        Change {
            key: key.to_owned(),
            value: Some(Stored {
                version,
                data: String::new(),
            }),
        }
    }

    #[tokio::test]
    async fn writes_queued_during_a_commit_go_together_in_the_next_one() {
        let store = Arc::new(Recording::default());
        let journal = Journal::start(Arc::new(store.clone()));
        let first = journal.write(vec![save("a", 1)]);
        // The first commit is held at the gate while three more writes queue up.
        while store.started.load(std::sync::atomic::Ordering::SeqCst) == 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let second = journal.write(vec![save("a", 2), save("s/1", 1)]);
        let third = journal.write(vec![save("b", 1)]);
        let fourth = journal.write(vec![
            save("a", 3),
            Change {
                key: "b".into(),
                value: None,
            },
        ]);
        store.gate.add_permits(2);
        first.wait().await.expect("committed");
        second.wait().await.expect("committed");
        third.wait().await.expect("committed");
        fourth.wait().await.expect("committed");
        let applied = store.applied.lock().expect("lock").clone();
        assert_eq!(applied.len(), 2, "{applied:?}");
        assert_eq!(applied[0], vec![save("a", 1)]);
        assert_eq!(
            applied[1],
            vec![
                save("a", 3),
                save("s/1", 1),
                Change {
                    key: "b".into(),
                    value: None
                }
            ],
            "each key once, with its last change"
        );
    }

    #[tokio::test]
    async fn a_failed_commit_is_tried_again_and_nothing_is_done_before_it_succeeds() {
        let store = Arc::new(Recording::default());
        *store.failures.lock().expect("lock") = 2;
        let journal = Journal::start(Arc::new(store.clone()));
        let mut commit = Box::pin(journal.write(vec![save("a", 1)]).wait());
        store.gate.add_permits(2);
        // Two attempts fail; the third waits at the gate. The write is not done after them.
        while *store.failures.lock().expect("lock") > 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
        assert!(
            futures::poll!(commit.as_mut()).is_pending(),
            "not acknowledged while the store fails"
        );
        store.gate.add_permits(1);
        commit.await.expect("committed on the third attempt");
        assert_eq!(
            store.applied.lock().expect("lock").clone(),
            vec![vec![save("a", 1)]]
        );
    }

    #[tokio::test]
    async fn a_flush_waits_for_what_was_queued_before_it() {
        let store = Arc::new(Recording::default());
        let journal = Journal::start(Arc::new(store.clone()));
        let _write = journal.write(vec![save("a", 1)]);
        let mut flush = Box::pin(journal.flush().wait());
        tokio::task::yield_now().await;
        assert!(futures::poll!(flush.as_mut()).is_pending());
        store.gate.add_permits(1);
        flush.await.expect("flushed");
        assert_eq!(store.applied.lock().expect("lock").len(), 1);
    }
}
