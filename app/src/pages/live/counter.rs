//! The live counter: the count lives on the server; the page sends typed events and shows
//! what the server pushes back.

use kiln::prelude::*;
use serde::{Deserialize, Serialize};

use crate::code::{CodeSample, PageMeta};

/// The counter's state. `clicks` never leaves the server: `LiveCounterLive` has no such field.
#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
pub struct LiveCounter {
    /// The count every view shows.
    pub count: i64,
    /// How many events changed it, known to the server only.
    #[live(server_only)]
    pub clicks: u64,
}

/// Why the counter refused an event; the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum CounterError {
    /// The count would leave what an `i64` holds: refused instead of wrapping around.
    #[error("the count would overflow")]
    Overflow,
}

#[live_events]
impl LiveCounter {
    /// Adds `by` (which may be negative) to the count; refuses to overflow.
    pub fn add(&mut self, by: i64) -> Result<(), CounterError> {
        self.count = self.count.checked_add(by).ok_or(CounterError::Overflow)?;
        self.clicks += 1;
        Ok(())
    }

    /// Sets the count to `to` (the slider).
    pub fn set(&mut self, to: i64) {
        self.count = to;
        self.clicks += 1;
    }

    /// Sets the count back to zero.
    pub fn reset(&mut self) {
        self.count = 0;
        self.clicks += 1;
    }
}

/// The page: the count, rendered on the server, then updated by the server's deltas.
#[component]
pub fn LiveCounterPage() -> impl IntoView {
    view! {
        <PageMeta
            title="Live counter · Kiln"
            description="A counter whose state lives on the server, changed by typed events over a WebSocket."
        />
        <h1>"Live counter"</h1>
        <p>
            "The count is held by the server. Each click sends a typed event; the server runs its "
            "handler and pushes back only the fields that changed."
        </p>
        {live_view(|counter: LiveCounterLive| {
            // A computed value: a client-side memo over the field's signal.
            let doubled = Memo::new(move |_| counter.count.get() * 2);
            // A slider fires an `input` event per pixel: send at most one event per 50 ms while
            // it is dragged, and always the value where it stopped.
            let slide = kiln::live::throttle(std::time::Duration::from_millis(50), move |to: i64| {
                counter.set(to);
            });
            view! {
                <div class="demo">
                    <p class="count" data-testid="live-count">"Count: " {counter.count}</p>
                    <p>"Doubled, computed in the browser: " <span data-testid="doubled">{doubled}</span></p>
                    <button on:click=move |_| { counter.add(-1); }>"−1"</button>
                    " "
                    <button on:click=move |_| { counter.add(1); }>"+1"</button>
                    " "
                    <button on:click=move |_| { counter.reset(); }>"Reset"</button>
                    <p>
                        <label>
                            "Slide it: "
                            <input
                                type="range"
                                min="0"
                                max="100"
                                data-testid="count-slider"
                                prop:value=move || counter.count.get().clamp(0, 100)
                                on:input=move |ev| slide(event_target_value(&ev).parse().unwrap_or(0))
                            />
                        </label>
                    </p>
                    <Parity/>
                    <p class="muted">"State version " {counter.meta.version()}</p>
                </div>
            }
        })}
        <CodeSample title="app/src/pages/live/counter.rs" code=source!("counter.rs")/>
    }
}

/// A child component: it takes the counter from context, and re-renders only when the count
/// changes.
#[component]
fn Parity() -> impl IntoView {
    let counter = use_live::<LiveCounter>();
    let parity = move || {
        if counter.count.get() % 2 == 0 {
            "even"
        } else {
            "odd"
        }
    };
    view! { <p>"The count is " <span data-testid="parity">{parity}</span> "."</p> }
}
