#![allow(dead_code)]

use kiln_macros::live_events;

pub struct Ctx<S>(S);

pub struct Counter {
    count: i64,
}

#[live_events]
impl Counter {
    pub fn increment(&mut self, ctx: &Ctx<Self>) {
        self.count += 1;
    }
}

fn main() {}
