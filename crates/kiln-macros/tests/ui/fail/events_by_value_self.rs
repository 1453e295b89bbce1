#![allow(dead_code)]

use kiln_macros::live_events;

pub struct Counter {
    count: i64,
}

#[live_events]
impl Counter {
    pub fn increment(mut self) {
        self.count += 1;
    }
}

fn main() {}
