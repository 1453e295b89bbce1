#![allow(dead_code)]

use kiln_macros::live_events;

pub struct Counter {
    count: i64,
}

#[live_events]
impl Counter {
    pub fn add(&mut self, (a, b): (i64, i64)) {
        self.count += a + b;
    }
}

fn main() {}
