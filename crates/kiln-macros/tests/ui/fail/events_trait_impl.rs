#![allow(dead_code)]

use kiln_macros::live_events;

#[derive(Default)]
pub struct Counter;

#[live_events]
impl Default for Counter {
    fn default() -> Self {
        Counter
    }
}

fn main() {}
