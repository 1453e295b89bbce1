#![allow(dead_code)]

use kiln_macros::Status;

#[derive(Status)]
enum NotesError {
    #[status(500, from_server_fn)]
    Request(String),
    #[status(500, from_server_fn)]
    Server(String),
}

fn main() {}
