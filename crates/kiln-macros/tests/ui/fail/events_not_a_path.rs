#![allow(dead_code)]

use kiln_macros::live_events;

#[live_events]
impl (i64, i64) {
    pub fn increment(&mut self) {}
}

fn main() {}
