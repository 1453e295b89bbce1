#![allow(dead_code)]

use kiln_macros::LiveState;

#[derive(LiveState)]
#[live(private)]
pub struct Counter {
    pub count: i64,
}

fn main() {}
