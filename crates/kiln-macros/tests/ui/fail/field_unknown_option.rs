#![allow(dead_code)]

use kiln_macros::LiveState;

#[derive(LiveState)]
pub struct Counter {
    #[live(hidden)]
    pub count: i64,
}

fn main() {}
