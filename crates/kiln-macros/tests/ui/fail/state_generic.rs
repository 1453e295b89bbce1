#![allow(dead_code)]

use kiln_macros::LiveState;

#[derive(LiveState)]
pub struct Counter<T> {
    pub value: T,
}

fn main() {}
