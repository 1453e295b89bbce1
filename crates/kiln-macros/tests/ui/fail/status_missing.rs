#![allow(dead_code)]

use kiln_macros::Status;

#[derive(Status)]
enum SignError {
    #[status(422)]
    NameMissing,
    Unavailable,
}

fn main() {}
