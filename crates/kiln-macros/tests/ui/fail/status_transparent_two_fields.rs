#![allow(dead_code)]

use kiln_macros::Status;

#[derive(Status)]
enum NotesError {
    #[status(transparent)]
    Auth(String, String),
}

fn main() {}
