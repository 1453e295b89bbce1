#![allow(dead_code)]

use kiln_macros::LiveState;

#[derive(LiveState)]
pub struct Counter(i64);

fn main() {}
