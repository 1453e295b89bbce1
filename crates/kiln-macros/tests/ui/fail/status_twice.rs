#![allow(dead_code)]

use kiln_macros::Status;

#[derive(Status)]
enum SignError {
    #[status(422)]
    #[status(400)]
    NameMissing,
}

fn main() {}
