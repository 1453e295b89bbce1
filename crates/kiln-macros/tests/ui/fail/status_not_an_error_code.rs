#![allow(dead_code)]

use kiln_macros::Status;

#[derive(Status)]
enum SignError {
    #[status(200)]
    NameMissing,
}

fn main() {}
