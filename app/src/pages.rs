//! The showcase's pages, one module each.

pub mod accounts;
mod counter;
pub mod guestbook;
pub mod guestbook_entry;
mod home;
pub mod live;
mod not_found;
mod table;
pub mod ui;

pub use counter::Counter;
pub use guestbook::Guestbook;
pub use guestbook_entry::GuestbookEntry;
pub use home::Home;
pub use not_found::NotFound;
pub use table::Table;
