//! Live state: the showcase's pages whose state lives on the server.

mod chat;
mod counter;
mod dashboard;
mod job;
mod todos;

pub use chat::{ChatPage, ChatRoom};
pub use counter::{CounterError, LiveCounter, LiveCounterEvent, LiveCounterPage};
pub use dashboard::{Dashboard, DashboardPage};
pub use job::{Job, JobPage};
pub use todos::{MAX_TODOS, PAGE_SIZE, TodoError, Todos, TodosEvent, TodosPage};

/// The live states the showcase serves, kept in its database so sessions survive a restart.
#[cfg(feature = "ssr")]
pub fn states() -> kiln::live::Live {
    use kiln::LiveStoreInDatabase;
    kiln::live::Live::new()
        .state::<LiveCounter>()
        .state::<Todos>()
        .state::<Job>()
        .state::<ChatRoom>()
        .state::<Dashboard>()
        .state::<crate::pages::ui::Preferences>()
        .store_in_database()
}
