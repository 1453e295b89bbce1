#![allow(dead_code)]

use kiln_macros::live_events;

pub struct Counter {
    count: i64,
}

#[live_events]
impl Counter {
    pub fn add<T: Into<i64>>(&mut self, by: T) {
        self.count += by.into();
    }
}

fn main() {}
