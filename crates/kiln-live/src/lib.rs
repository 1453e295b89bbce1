//! Live state: state held on the server, shown in the browser, changed by typed events.
//!
//! A live state is a plain struct. Its public `&mut self` methods are its events; they run on
//! the server, and the server pushes the fields they changed to every page that shows the
//! state, over one WebSocket per tab. The first request renders the state on the server, so
//! the HTML holds its data, and embeds it for hydration; the socket then carries on from that
//! version.
//!
//! ```
//! use kiln::prelude::*;
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(LiveState, Clone, Default, Serialize, Deserialize)]
//! pub struct Counter {
//!     pub count: i64,
//!     /// Never sent to the browser: `CounterLive` has no `clicks` field.
//!     #[live(server_only)]
//!     clicks: u64,
//! }
//!
//! #[live_events]
//! impl Counter {
//!     /// Adds `by` to the count.
//!     pub fn increment(&mut self, by: i64) {
//!         self.count += by;
//!         self.clicks += 1;
//!     }
//! }
//!
//! #[component]
//! pub fn CounterPage() -> impl IntoView {
//!     live_view(|counter: CounterLive| view! {
//!         <button on:click=move |_| { counter.increment(1); }>"+1"</button>
//!         <output>{counter.count}</output>
//!     })
//! }
//! ```
//!
//! The server registers each state once: `Server::new(App, shell).live(Live::new().state::<Counter>())`.
//!
//! ## What the derive and the attribute generate
//!
//! `#[derive(LiveState)]` on `Counter` generates:
//! - `CounterView`: the fields the browser sees (all but the `#[live(server_only)]` ones), the
//!   shape of a snapshot. A server-only field is not in it, so no code can send one.
//! - `CounterLive`: a `Copy` handle for views with a [`ReadSignal`](leptos::prelude::ReadSignal)
//!   per field the browser sees (a change to one field re-renders only what reads it) and
//!   `meta`, the state's [`LiveMeta`].
//!
//! `#[live_events]` on the state's `impl` block generates:
//! - `CounterEvent`: an enum with a variant per event, what travels on the wire.
//! - on `CounterLive`, a method per event with the handler's argument types, which sends the
//!   event and returns a [`LiveCall`]: a misspelt event or a wrong argument type does not
//!   compile, on either side.
//! - the [`LiveHandlers`] implementation that runs the handlers, compiled into the server only
//!   (the `impl` block itself, and so everything in it, exists only on the server).
//!
//! ## Mistakes that do not compile
//!
//! A server-only field is not in the browser's handle:
//!
//! ```compile_fail
//! # use kiln::prelude::*;
//! # use serde::{Deserialize, Serialize};
//! # #[derive(LiveState, Clone, Default, Serialize, Deserialize)]
//! # pub struct Counter { pub count: i64, #[live(server_only)] clicks: u64 }
//! # #[live_events] impl Counter { pub fn increment(&mut self, by: i64) { self.count += by } }
//! fn show(counter: CounterLive) -> impl IntoView {
//!     view! { <p>{counter.clicks}</p> }
//! }
//! ```
//!
//! An event's arguments have their handler's types:
//!
//! ```compile_fail
//! # use kiln::prelude::*;
//! # use serde::{Deserialize, Serialize};
//! # #[derive(LiveState, Clone, Default, Serialize, Deserialize)]
//! # pub struct Counter { pub count: i64 }
//! # #[live_events] impl Counter { pub fn increment(&mut self, by: i64) { self.count += by } }
//! fn click(counter: CounterLive) {
//!     let _ = counter.increment("one");
//! }
//! ```
//!
//! And events are methods, not strings, so a misspelt one is caught too:
//!
//! ```compile_fail
//! # use kiln::prelude::*;
//! # use serde::{Deserialize, Serialize};
//! # #[derive(LiveState, Clone, Default, Serialize, Deserialize)]
//! # pub struct Counter { pub count: i64 }
//! # #[live_events] impl Counter { pub fn increment(&mut self, by: i64) { self.count += by } }
//! fn click(counter: CounterLive) {
//!     let _ = counter.incremnt(1);
//! }
//! ```
//!
//! ## Handlers
//!
//! A handler is a `pub fn` or `pub async fn` taking `&mut self`, any number of arguments (each
//! `Serialize + Deserialize`, taken by value) and optionally `ctx: &mut Ctx<Self>`. It returns
//! `()` or `Result<(), E>` where `E: Serialize + Deserialize + Display`: the error reaches the
//! view typed, through the [`LiveCall`] and through [`LiveMeta::last_error`]. That is the place
//! for expected errors (the visitor's: shown in place). A panic is an unexpected one: it is
//! logged, the event gets an `err` frame with code `panic`, and the session and its state go
//! on (see `kiln::respond` for the same line drawn for server functions). With the context
//! it can:
//! - [`Ctx::flush`] the changes made so far, before it returns (Reflex's `yield`);
//! - [`Ctx::chain`] another event, run after it;
//! - [`Ctx::spawn`] a background task holding a [`LiveHandle`] that updates the state later,
//!   under the state's lock; tasks end with the session, [`Ctx::spawn_detached`] ones do not;
//! - ask the browser to act: [`Ctx::redirect`], [`Ctx::toast`], [`Ctx::download`],
//!   [`Ctx::scroll_to`], [`Ctx::focus`], [`Ctx::copy`], [`Ctx::set_title`];
//! - name the visitor in a room's presence ([`Ctx::set_presence_name`]);
//! - read what the batteries give handlers ([`Ctx::extension`]): the database with `ctx.db()`
//!   (`kiln::LiveDb`) and the signed-in user with `ctx.user()`,
//!   `ctx.require_user()` and `ctx.require_role(..)` (`kiln::auth::LiveAuth`),
//!   both in the prelude. Live itself knows neither: the server gives it the database with
//!   [`Live::provide`], and auth copies the page's viewer with [`Live::on_connect`].
//!
//! A state starts as `Default::default()`, or from an associated `on_load` function in the
//! same block (sync or async, optionally taking `ctx: &LoadCtx<Self>`, returning `Self` or
//! `Result<Self, E>`). `on_load` runs each time the state comes into memory: when the store
//! kept the state (after a restart, or a room's return after everyone left), the stored value
//! wins and `on_load` only starts its tasks ([`LoadCtx::spawn`]) again.
//!
//! Computed values that need no server data are client-side memos over the field signals:
//! `Memo::new(move |_| counter.count.get() * 2)`.
//!
//! An input that fires on every pixel or key is paced before it becomes events: [`throttle`]
//! for a slider (at most one event per interval, always the last value), [`debounce`] for a
//! search box (one event when the typing pauses).
//!
//! ## Private and shared states
//!
//! A state is private to a tab unless it is marked `#[live(shared)]`: then it is keyed by a
//! room, every session that joins the room sees the same state and edits it, and the room's
//! [presence](LiveMeta::presence) lists who is connected. Views open one with
//! [`live_room_view`].
//!
//! ## Sessions, reconnects and stores
//!
//! A session is one tab's connection to its states. It begins when the server renders a page
//! that shows a live state; a reload begins a new one (as with Phoenix LiveView), while
//! client-side navigation keeps it. The page reconnects after a dropped connection with
//! exponential backoff (see [`ConnectionStatus`]); events made while disconnected are queued
//! and, after the reconnect, applied exactly once and in order.
//!
//! Sessions and states live in memory, and idle sessions (no connection for
//! [`Live::ttl`]) are evicted. What anonymous traffic can make the server hold is bounded
//! (see [`Live::new`] for the defaults): a session made by a render waits a short
//! [`Live::render_ttl`] for its page to connect (a crawler's never does) and costs the store
//! nothing; a page joins a bounded number of states at a bounded rate ([`Live::join_limits`]);
//! a room, and the tasks its `on_load` started, leave memory [`Live::room_ttl`] after its last
//! viewer, and a stored room nobody changes is purged ([`Live::purge_rooms_after`]).
//! A [`StateStore`] also keeps them elsewhere: `kiln::DbStore` (the
//! app's SQLite or PostgreSQL database) makes them survive a restart of the server, and a
//! crash. An event's new state and its session's `seq` are written in one transaction, and
//! the event is acknowledged only after that commit: killed at any moment, the server restarts
//! with each event either applied and recorded, or neither, and the page sends again exactly
//! the ones not recorded. Writes are grouped: the events that arrive while one transaction
//! commits go into the next, so a busy server commits once per group of events, not once per
//! event. A failed commit is tried again until it succeeds; its events wait, unacknowledged.
//! A state is written with its first change: a page that is only looked at writes nothing.
//!
//! On SIGTERM the server stops running events (pages send them again to the next server),
//! waits for the running ones and their commits, then closes every socket with 1001.
//!
//! ## Several instances: Redis
//!
//! Which store to pick:
//! - [`MemoryStore`] (the default): one instance; a restart starts every page afresh.
//! - `kiln::DbStore` (`store_in_database()`): one instance whose sessions survive restarts
//!   and crashes, in the app's SQLite file (or PostgreSQL).
//! - `RedisStore` (Kiln's `redis` feature; `KILN_REDIS_URL` selects it, whatever the app's
//!   `Live` says): several instances of the app behind a load balancer, no sticky sessions.
//!   Each event's state and `seq` go to Redis in one `MULTI`/`EXEC` before the ack.
//!
//! With a store that several instances share ([`StateStore::shared`]: Redis, or a
//! PostgreSQL `DbStore`), a page whose reconnect lands on another instance resumes its
//! session there, from the store, with its `seq`: the events it sends again count once. An
//! instance that still holds an older copy of the session (the page was there before) sees the
//! store's newer `seq` on the page's return and loads the session and its private states
//! again instead of using its copy; an instance that evicts its copy leaves the stored one to
//! the store's purge. So a page can move between instances at every reconnect, and an
//! instance killed mid-burst loses no acknowledged event (`end2end/system` kills one and goes
//! on on the other, thirty times over).
//!
//! A shared room stays one state across instances, through Redis ([`RoomSync`]). An
//! instance changes a room (an event, or a background task's
//! [`update`](LiveHandle::update)) only under the room's lock in Redis, which it takes with
//! the room's stored version: if another instance changed the room since, it first reads the
//! room from Redis and sends its own pages the difference. It then runs the handler, writes
//! the new state (with the session's `seq`), announces the new version on a Redis channel and
//! releases the lock. Every instance holding the room hears the announcement, reads the room
//! and sends its pages a delta (or a snapshot, if it missed versions). So the room's versions
//! never fork or go back, and every page on every instance sees each change once, in order.
//! The costs: a room's events run one at a time across the cluster, each with a few Redis
//! round trips (a lock, the commit, the release), and each instance holding the room reads it
//! once per change.
//!
//! Failure cases, and what happens:
//! - An instance dies holding a room's lock: the lock's lease (10 s, renewed while held)
//!   lapses, and until then the room's events wait on the other instances.
//! - The announcements' connection drops: the instance subscribes again and then reads every
//!   room it holds (it may have missed changes); its pages may miss changes meanwhile and get
//!   them then. Every event still reads the stored version under the lock first.
//! - Redis is unreachable: a room event fails with `store` (taking the lock fails) and a
//!   background task's update waits, trying again each second.
//! - An instance cut off from Redis for longer than the lease while inside a handler may find
//!   its lock taken by another instance when it writes; that write is not fenced yet, and can
//!   overwrite the other's (with the lease at 10 s and handlers that do not wait that long on
//!   their own, this needs a partition).
//!
//! Not yet across instances: presence (each instance lists the visitors connected to it), and
//! the tasks a room's `on_load` starts run on every instance that holds the room.
//!
//! ## The wire protocol
//!
//! One WebSocket per tab at [`SOCKET_PATH`](protocol::SOCKET_PATH) carries every state of the
//! page. Frames are JSON text, an object whose `t` names its kind. Browser to server:
//!
//! | `t`     | fields | meaning |
//! |---------|--------|---------|
//! | `hello` | `proto` (1), `sid`?, `states`: `[{s, r?, v}]` | first frame: resume session `sid` (or start one) and sync the states the page holds at versions `v` |
//! | `join`  | `s`, `r`?, `v` | subscribe to state `s` (room `r` if shared); the page holds version `v` (0: none) |
//! | `leave` | `s`, `r`? | unsubscribe |
//! | `ev`    | `seq`, `s`, `r`?, `e` | event `e` = `{"name": {"arg": value}}` for state `s`; `seq` counts the session's events from 1 |
//!
//! Server to browser:
//!
//! | `t`        | fields | meaning |
//! |------------|--------|---------|
//! | `welcome`  | `proto`, `sid`, `resumed`, `seq` | the session; `seq` is the last event it applied. If `resumed` is false the session is new: drop any old state |
//! | `snap`     | `s`, `r`?, `v`, `d` | every browser-visible field of a state, at version `v` |
//! | `delta`    | `s`, `r`?, `v`, `d` | the fields that changed, now at version `v` (always one more than the last) |
//! | `ack`      | `seq` | event `seq` is applied (sent after its deltas) |
//! | `err`      | `code`, `msg`, `seq`?, `detail`?, `retry_ms`? | with `seq`: that event was consumed without effect, except `rate_limited` and `out_of_order`, which were not consumed: send it and the ones after it again, in order, after `retry_ms` |
//! | `cmd`      | `cmd`: `{"do": ..}` | a [`Command`](protocol::Command) for the browser |
//! | `presence` | `s`, `r`, `p`: `[{id, name?}]` | who is connected to a shared state's room |
//!
//! Exactly-once delivery: the browser keeps each event until its `ack` or `err`. After a
//! reconnect, `welcome.seq` tells it which events the server already applied (their acks were
//! lost); it drops those and sends the rest again, in order. If `resumed` is false (a new
//! session), it numbers the events it still holds from 1 again. The server applies an event
//! only if its `seq` is the one after the last one applied, one event at a time per session:
//! an older `seq` is acknowledged again without effect, a later one (a gap: the event before
//! it was refused) is refused with `out_of_order`. A `delta`
//! whose `v` is not one more than the version the browser holds means a frame was missed: the
//! browser sends `join` with its version and gets a `snap`.
//!
//! Errors ([`ErrorCode`](protocol::ErrorCode)) never affect another session: a malformed
//! frame, an unknown state or event, wrong argument types, a handler's error or panic each
//! get an `err` frame. A frame over [`Live::max_frame_bytes`] is answered with `too_big` and
//! close code 1009; a session that keeps sending events after `rate_limited` or
//! `out_of_order` ([`Live::rate_limit`]) is closed with 1008; a client whose first frame is not `hello`, with
//! 1002. The server closes with 1001 when it shuts down.

#![cfg_attr(not(feature = "ssr"), allow(unused))]
#![warn(missing_docs)]

#[cfg(feature = "hydrate")]
mod client;
mod pace;
pub mod protocol;
#[cfg(feature = "ssr")]
mod server;
mod state;
#[cfg(feature = "ssr")]
pub mod testing;
mod transport;
mod view;

pub use kiln_macros::{LiveState, live_events};
pub use pace::{debounce, throttle};
#[cfg(feature = "ssr")]
pub use server::*;
pub use state::*;
pub use transport::use_connection_status;
pub use view::{ConnectionBanner, live_room_view, live_view, use_live};
