#![allow(dead_code)]

use kiln_macros::Status;

#[derive(Status)]
enum SignError {
    #[status(teapot)]
    NameMissing,
}

fn main() {}
