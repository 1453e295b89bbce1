#![allow(dead_code)]

use kiln_macros::Status;

#[derive(Status)]
enum NotesError {
    #[status(401, transparent)]
    Auth(String),
}

fn main() {}
