#![allow(dead_code)]

use kiln_macros::LiveState;

#[derive(LiveState)]
#[live(name = "my counter")]
pub struct Counter {
    pub count: i64,
}

fn main() {}
