//! A dashboard whose numbers the server pushes every second: a shared state, updated by a
//! background task that its loader starts.

use kiln::prelude::*;
use serde::{Deserialize, Serialize};

use crate::code::{CodeSample, PageMeta};

/// How many samples the load chart keeps.
#[cfg(feature = "ssr")]
const HISTORY: usize = 30;

/// The server's vital signs, sampled every second.
#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
#[live(shared)]
pub struct Dashboard {
    /// Samples taken since the dashboard started.
    pub samples: u64,
    /// The server process's resident memory, in KiB.
    pub memory_kib: u64,
    /// The machine's load average over one minute.
    pub load: f64,
    /// The last samples of `load`, oldest first.
    pub history: Vec<f64>,
}

#[cfg(feature = "ssr")]
impl Dashboard {
    /// Reads the numbers (Linux's /proc; zeros elsewhere).
    fn sample(&mut self) {
        let page_kib = 4;
        self.memory_kib = std::fs::read_to_string("/proc/self/statm")
            .ok()
            .and_then(|statm| statm.split_whitespace().nth(1)?.parse::<u64>().ok())
            .map_or(0, |pages| pages * page_kib);
        self.load = std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|loadavg| loadavg.split_whitespace().next()?.parse().ok())
            .unwrap_or(0.0);
        self.samples += 1;
        self.history.push(self.load);
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
    }
}

#[live_events]
impl Dashboard {
    fn on_load(ctx: &LoadCtx<Self>) -> Self {
        // One task per room, started with it, outliving every visitor (it ends when the room is
        // evicted, after the TTL without visitors).
        ctx.spawn(|board| async move {
            let mut every_second = tokio::time::interval(std::time::Duration::from_secs(1));
            loop {
                every_second.tick().await;
                if board.update(Dashboard::sample).await.is_err() {
                    return;
                }
            }
        });
        let mut board = Self::default();
        board.sample();
        board
    }

    /// Starts the count of samples again.
    pub fn reset(&mut self) {
        self.samples = 0;
        self.history.clear();
    }
}

/// The page: numbers that change every second, without a request from the page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <PageMeta
            title="Dashboard · Kiln"
            description="Server numbers pushed to the page every second by a background task."
        />
        <h1>"Dashboard"</h1>
        <p>"A background task on the server samples these every second and pushes what changed."</p>
        {live_room_view("server", |board: DashboardLive| view! {
            <div class="demo dashboard">
                <dl class="stats">
                    <div><dt>"Samples"</dt><dd data-testid="samples">{board.samples}</dd></div>
                    <div><dt>"Server memory"</dt><dd>{move || format!("{:.1} MiB", board.memory_kib.get() as f64 / 1024.0)}</dd></div>
                    <div><dt>"Load (1 min)"</dt><dd>{move || format!("{:.2}", board.load.get())}</dd></div>
                </dl>
                <div class="bars" role="img" aria-label="Load over the last 30 seconds">
                    {move || board.history.get().into_iter().map(|load| {
                        let height = format!("height: {}%", (load * 50.0).clamp(2.0, 100.0));
                        view! { <span class="bar" style=height></span> }
                    }).collect_view()}
                </div>
                <button on:click=move |_| { board.reset(); }>"Reset samples"</button>
            </div>
        })}
        <CodeSample title="app/src/pages/live/dashboard.rs" code=source!("dashboard.rs")/>
    }
}
