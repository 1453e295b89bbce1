#![allow(dead_code)]

use kiln_macros::Status;

#[derive(Status)]
enum SignError {
    #[status()]
    NameMissing,
}

fn main() {}
