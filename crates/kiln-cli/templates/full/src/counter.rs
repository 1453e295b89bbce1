//! `/counter`: a counter kept on the server for each open page. It survives dropped
//! connections and restarts (the server keeps it in its database), and each click is a typed
//! event the server handles. A state every visitor shares is a room: see `kiln::live`.

use kiln::prelude::*;
use serde::{Deserialize, Serialize};

/// The counter's state.
#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
pub struct Counter {
    /// How many times the button was clicked.
    pub count: i64,
}

#[live_events]
impl Counter {
    /// Adds `by` to the count (it stops at the largest number instead of wrapping around).
    pub fn add(&mut self, by: i64) {
        self.count = self.count.saturating_add(by);
    }

    /// Sets the count back to zero.
    pub fn reset(&mut self) {
        self.count = 0;
    }
}

/// The page: rendered on the server with the count, then updated by what the server pushes.
#[component]
pub fn CounterPage() -> impl IntoView {
    // The title is outside the live view, so it is known before the first byte is sent: the
    // live view waits for its state, and the head has gone out by then.
    let counter = live_view(|counter: CounterLive| {
        view! {
            <Flex direction=Direction::Column gap=3 align=Align::Start>
                <Heading>"Counter"</Heading>
                <Text>"Count: " <output data-testid="count">{counter.count}</output></Text>
                <Flex gap=2>
                    <Button on:click=move |_| {
                        counter.add(1);
                    }>"Add one"</Button>
                    <Button variant=Variant::Soft on:click=move |_| {
                        counter.reset();
                    }>"Reset"</Button>
                </Flex>
            </Flex>
        }
    });
    view! {
        <Title text="Counter · {{title}}"/>
        {counter}
    }
}
