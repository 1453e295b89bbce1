//! Pacing a page's events: a slider dragged or a box typed into fires an `input` event per
//! pixel or key, more than the server needs (and, past the rate limit, more than it accepts).
//!
//! - [`throttle`] sends at once, then at most once per interval, and always the last value
//!   (LiveView's `phx-throttle`): for sliders, drags and scrolling.
//! - [`debounce`] sends once the input pauses for the delay (LiveView's `phx-debounce`): for a
//!   search box. It is Leptos's own, re-exported here.
//!
//! ```
//! # use kiln::prelude::*;
//! # use serde::{Deserialize, Serialize};
//! # #[derive(LiveState, Clone, Default, Serialize, Deserialize)]
//! # pub struct Volume { level: i64 }
//! # #[live_events] impl Volume { pub fn set(&mut self, level: i64) { self.level = level } }
//! use std::time::Duration;
//!
//! #[component]
//! fn VolumeSlider() -> impl IntoView {
//!     live_view(|volume: VolumeLive| {
//!         // At most 20 events a second while dragging, and the value where the drag ended.
//!         let set = kiln::live::throttle(Duration::from_millis(50), move |level: i64| {
//!             volume.set(level);
//!         });
//!         view! {
//!             <input type="range" min="0" max="100" prop:value=volume.level
//!                 on:input=move |ev| set(event_target_value(&ev).parse().unwrap_or(0))/>
//!         }
//!     })
//! }
//! ```

use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use leptos::prelude::debounce;

struct Throttled<T, F> {
    send: F,
    /// Whether a value was sent less than the interval ago.
    cooling: bool,
    /// The latest value that came while cooling: sent when the interval ends.
    latest: Option<T>,
}

/// Wraps `send` so that it runs at once on the first call, then at most once per `interval`:
/// values that come in between replace each other, and the latest is sent when the interval
/// ends. The value the input stopped at is always sent.
pub fn throttle<T, F>(interval: Duration, send: F) -> impl Fn(T) + Clone + Send + Sync + 'static
where
    T: Send + 'static,
    F: FnMut(T) + Send + 'static,
{
    let state = Arc::new(Mutex::new(Throttled {
        send,
        cooling: false,
        latest: None,
    }));
    move |value: T| {
        let mut throttled = state.lock().unwrap_or_else(|e| e.into_inner());
        if throttled.cooling {
            throttled.latest = Some(value);
            return;
        }
        throttled.cooling = true;
        (throttled.send)(value);
        drop(throttled);
        cool_down(state.clone(), interval);
    }
}

/// Ends a throttle's interval after `interval`: sends the latest value that came during it
/// (and starts another interval), or lets the next call through at once.
fn cool_down<T, F>(state: Arc<Mutex<Throttled<T, F>>>, interval: Duration)
where
    T: Send + 'static,
    F: FnMut(T) + Send + 'static,
{
    leptos::prelude::set_timeout(
        move || {
            let mut throttled = state.lock().unwrap_or_else(|e| e.into_inner());
            match throttled.latest.take() {
                Some(value) => {
                    (throttled.send)(value);
                    drop(throttled);
                    cool_down(state, interval);
                }
                None => throttled.cooling = false,
            }
        },
        interval,
    );
}
