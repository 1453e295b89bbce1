#![allow(dead_code)]

use kiln_macros::LiveState;

#[derive(LiveState)]
pub enum Counter {
    One,
}

fn main() {}
