#![allow(dead_code)]

use kiln_macros::Status;

#[derive(Status)]
struct Failure {
    reason: String,
}

fn main() {}
