//! The browser side of live state: one WebSocket per tab, reconnecting with backoff, with a
//! queue of events that are sent again until the server acknowledges them.

use super::protocol::{
    ClientFrame, ClientKind, Command, ErrorCode, PROTOCOL_VERSION, SOCKET_PATH, ServerFrame,
    ServerKind, StateAt, ToastLevel,
};
use super::{ConnectionStatus, Failure, LiveCall, LiveMeta, LiveState, StateKey};
use futures::channel::oneshot;
use leptos::prelude::*;
use serde::Serialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// A snapshot the server sent for a `join`: what the state's resource resolves to.
pub(crate) struct JoinReply {
    pub sid: String,
    pub version: u64,
    /// The fields, as one JSON object.
    pub fields: String,
}

type Applier = Box<dyn Fn(&str, &str) -> Result<bool, serde_json::Error>>;
type JoinReplies = Vec<oneshot::Sender<Result<JoinReply, Failure>>>;

/// A state the page shows.
struct Attached {
    version: u64,
    apply: Applier,
    meta: LiveMeta,
    /// How many views show it (a state can be opened twice on one page).
    views: usize,
}

/// An event the server has not acknowledged yet.
struct Pending {
    seq: u64,
    state: StateKey,
    event: Box<serde_json::value::RawValue>,
    /// The `ev` frame, as sent.
    text: String,
    meta: LiveMeta,
    reply: Option<oneshot::Sender<Result<(), Failure>>>,
    /// Refused with `rate_limited` or `out_of_order`: waits for `retry_ms` before it is sent
    /// again.
    held: bool,
}

struct Client {
    socket: RefCell<Option<WebSocket>>,
    /// `welcome` arrived on the current socket.
    open: Cell<bool>,
    sid: RefCell<Option<String>>,
    next_seq: Cell<u64>,
    pending: RefCell<VecDeque<Pending>>,
    states: RefCell<HashMap<StateKey, Attached>>,
    joins: RefCell<HashMap<StateKey, JoinReplies>>,
    status: ArcRwSignal<ConnectionStatus>,
    waiting: ArcRwSignal<usize>,
    attempt: Cell<u32>,
    /// Where the toasts handlers send appear: the app's `kiln_ui::Toaster`.
    toaster: Cell<Option<kiln_ui::ToasterHandle>>,
}

thread_local! {
    static CLIENT: Rc<Client> = Rc::new(Client {
        socket: RefCell::new(None),
        open: Cell::new(false),
        sid: RefCell::new(None),
        next_seq: Cell::new(1),
        pending: RefCell::new(VecDeque::new()),
        states: RefCell::new(HashMap::new()),
        joins: RefCell::new(HashMap::new()),
        status: ArcRwSignal::new(ConnectionStatus::Connecting),
        waiting: ArcRwSignal::new(0),
        attempt: Cell::new(0),
        toaster: Cell::new(None),
    });
}

fn client() -> Rc<Client> {
    CLIENT.with(Rc::clone)
}

/// The connection status and the number of events waiting, for views.
pub(crate) fn status_signals() -> (ArcReadSignal<ConnectionStatus>, ArcReadSignal<usize>) {
    let client = client();
    (client.status.read_only(), client.waiting.read_only())
}

/// Shows the toasts handlers send in `toaster` (the latest one a live view found wins).
pub(crate) fn toast_to(toaster: kiln_ui::ToasterHandle) {
    client().toaster.set(Some(toaster));
}

/// Registers a state the page shows (after hydration or a `join`), and connects if needed.
pub(crate) fn attach<S: LiveState>(sid: &str, live: S::Live, meta: LiveMeta) {
    let client = client();
    if client.sid.borrow().is_none() {
        *client.sid.borrow_mut() = Some(sid.to_owned());
    }
    let key = meta.key();
    let version = meta.version.get_untracked();
    {
        let mut states = client.states.borrow_mut();
        match states.get_mut(&key) {
            Some(attached) => {
                attached.views += 1;
            }
            None => {
                states.insert(
                    key.clone(),
                    Attached {
                        version,
                        apply: Box::new(move |field, raw| S::apply_field(&live, field, raw)),
                        meta,
                        views: 1,
                    },
                );
            }
        }
    }
    on_cleanup(move || detach(&key));
    client.ensure_connected();
}

fn detach(key: &StateKey) {
    let client = client();
    let gone = {
        let mut states = client.states.borrow_mut();
        match states.get_mut(key) {
            Some(attached) if attached.views > 1 => {
                attached.views -= 1;
                false
            }
            Some(_) => {
                states.remove(key);
                true
            }
            None => false,
        }
    };
    if gone && client.open.get() {
        client.send_frame(&ClientFrame {
            s: Some(Cow::Borrowed(&key.name)),
            r: key.room.as_deref().map(Cow::Borrowed),
            ..ClientFrame::new(ClientKind::Leave)
        });
    }
}

/// Asks the server for a state's snapshot (client-side navigation to a page that shows it).
pub(crate) fn join(key: StateKey) -> oneshot::Receiver<Result<JoinReply, Failure>> {
    let client = client();
    let (tx, rx) = oneshot::channel();
    client
        .joins
        .borrow_mut()
        .entry(key.clone())
        .or_default()
        .push(tx);
    if client.open.get() {
        client.send_join(&key, 0);
    }
    client.ensure_connected();
    rx
}

/// Queues an event and sends it if the socket is open.
pub(crate) fn send_event<E, V: Serialize>(meta: LiveMeta, event: &V) -> LiveCall<E> {
    let client = client();
    let event = match serde_json::value::to_raw_value(event) {
        Ok(event) => event,
        Err(err) => {
            return LiveCall::done(Err(Failure::new(
                ErrorCode::BadEvent,
                format!("the event cannot be serialised: {err}"),
            )));
        }
    };
    let key = meta.key();
    let seq = client.next_seq.get();
    client.next_seq.set(seq + 1);
    let text = event_frame(&key, seq, &event);
    let (tx, rx) = oneshot::channel();
    if client.open.get() {
        client.send_text(&text);
    }
    client.pending.borrow_mut().push_back(Pending {
        seq,
        state: key,
        event,
        text,
        meta,
        reply: Some(tx),
        held: false,
    });
    client.count_waiting();
    client.ensure_connected();
    LiveCall::waiting(rx)
}

/// The `ev` frame of event number `seq`.
fn event_frame(key: &StateKey, seq: u64, event: &serde_json::value::RawValue) -> String {
    let frame = ClientFrame {
        s: Some(Cow::Borrowed(&key.name)),
        r: key.room.as_deref().map(Cow::Borrowed),
        seq: Some(seq),
        e: Some(event),
        ..ClientFrame::new(ClientKind::Ev)
    };
    serde_json::to_string(&frame).unwrap_or_default()
}

fn socket_url() -> Option<String> {
    let location = window().location();
    let scheme = if location.protocol().ok()? == "https:" {
        "wss"
    } else {
        "ws"
    };
    Some(format!("{scheme}://{}{SOCKET_PATH}", location.host().ok()?))
}

impl Client {
    fn count_waiting(&self) {
        let waiting = self.pending.borrow().len();
        if self.waiting.get_untracked() != waiting {
            self.waiting.set(waiting);
        }
    }

    fn send_text(&self, text: &str) {
        if let Some(socket) = self.socket.borrow().as_ref() {
            // A send on a closing socket fails; the close handler reconnects and resends.
            let _ = socket.send_with_str(text);
        }
    }

    fn send_frame(&self, frame: &ClientFrame) {
        self.send_text(&serde_json::to_string(frame).unwrap_or_default());
    }

    fn send_join(&self, key: &StateKey, version: u64) {
        self.send_frame(&ClientFrame {
            s: Some(Cow::Borrowed(&key.name)),
            r: key.room.as_deref().map(Cow::Borrowed),
            v: Some(version),
            ..ClientFrame::new(ClientKind::Join)
        });
    }

    fn ensure_connected(self: &Rc<Self>) {
        if self.socket.borrow().is_none() {
            self.connect();
        }
    }

    fn connect(self: &Rc<Self>) {
        let Some(url) = socket_url() else {
            return;
        };
        let socket = match WebSocket::new(&url) {
            Ok(socket) => socket,
            Err(_) => {
                self.reconnect_later();
                return;
            }
        };
        let on_open = {
            let client = self.clone();
            Closure::<dyn FnMut()>::new(move || client.say_hello())
        };
        let on_message = {
            let client = self.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                if let Some(text) = event.data().as_string() {
                    client.receive(&text);
                }
            })
        };
        let on_close = {
            let client = self.clone();
            let closed = socket.clone();
            Closure::<dyn FnMut(CloseEvent)>::new(move |_: CloseEvent| {
                let current = client
                    .socket
                    .borrow()
                    .as_ref()
                    .is_some_and(|socket| socket == &closed);
                if current {
                    client.socket.borrow_mut().take();
                    client.open.set(false);
                    client.reconnect_later();
                }
            })
        };
        socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        // The socket owns its handlers for as long as the page lives.
        on_open.forget();
        on_message.forget();
        on_close.forget();
        *self.socket.borrow_mut() = Some(socket);
    }

    fn reconnect_later(self: &Rc<Self>) {
        let attempt = self.attempt.get() + 1;
        self.attempt.set(attempt);
        self.status.set(ConnectionStatus::Reconnecting { attempt });
        // 250 ms, doubling, at most 8 s, with jitter so a restarted server is not stampeded.
        let base = 250u64.saturating_mul(1 << attempt.min(5)).min(8_000);
        let jitter = (js_sys::Math::random() * 250.0) as u64;
        let client = self.clone();
        set_timeout(
            move || {
                if client.socket.borrow().is_none() {
                    client.connect();
                }
            },
            Duration::from_millis(base + jitter),
        );
    }

    fn say_hello(&self) {
        let states: Vec<StateAt> = self
            .states
            .borrow()
            .iter()
            .map(|(key, attached)| StateAt {
                s: Cow::Owned(key.name.clone()),
                r: key.room.clone().map(Cow::Owned),
                v: attached.version,
            })
            .collect();
        let sid = self.sid.borrow().clone();
        self.send_frame(&ClientFrame {
            proto: Some(PROTOCOL_VERSION),
            sid: sid.map(Cow::Owned),
            states,
            ..ClientFrame::new(ClientKind::Hello)
        });
    }

    fn receive(self: &Rc<Self>, text: &str) {
        let frame: ServerFrame = match serde_json::from_str(text) {
            Ok(frame) => frame,
            Err(err) => {
                leptos::logging::warn!("kiln: a live frame that does not parse ({err})");
                return;
            }
        };
        match frame.t {
            ServerKind::Welcome => self.welcome(&frame),
            ServerKind::Snap | ServerKind::Delta => self.fields(&frame),
            ServerKind::Ack => self.settle(frame.seq, Ok(())),
            ServerKind::Err => self.error(&frame),
            ServerKind::Cmd => {
                if let Some(command) = frame.cmd {
                    self.run(command);
                }
            }
            ServerKind::Presence => {
                let key = key_of(&frame);
                if let (Some(attached), Some(present)) = (self.states.borrow().get(&key), frame.p) {
                    attached.meta.presence.set(present);
                }
            }
        }
    }

    fn welcome(&self, frame: &ServerFrame) {
        if let Some(sid) = &frame.sid {
            *self.sid.borrow_mut() = Some(sid.to_string());
        }
        self.open.set(true);
        self.attempt.set(0);
        self.status.set(ConnectionStatus::Open);
        // Events up to `seq` were applied before the connection dropped: their acks were lost.
        let applied = if frame.resumed {
            frame.seq.unwrap_or(0)
        } else {
            0
        };
        let done: Vec<Pending> = {
            let mut pending = self.pending.borrow_mut();
            let (done, rest): (Vec<_>, Vec<_>) =
                pending.drain(..).partition(|event| event.seq <= applied);
            pending.extend(rest);
            done
        };
        for mut event in done {
            if let Some(reply) = event.reply.take() {
                let _ = reply.send(Ok(()));
            }
        }
        if !frame.resumed {
            // A new session counts events from 1: number the ones still held again.
            let mut pending = self.pending.borrow_mut();
            for (index, event) in pending.iter_mut().enumerate() {
                event.seq = index as u64 + 1;
                event.text = event_frame(&event.state, event.seq, &event.event);
            }
            self.next_seq.set(pending.len() as u64 + 1);
        }
        let resend: Vec<String> = self
            .pending
            .borrow_mut()
            .iter_mut()
            .map(|event| {
                event.held = false;
                event.text.clone()
            })
            .collect();
        for text in resend {
            self.send_text(&text);
        }
        let joins: Vec<StateKey> = self.joins.borrow().keys().cloned().collect();
        for key in joins {
            self.send_join(&key, 0);
        }
        self.count_waiting();
    }

    fn fields(&self, frame: &ServerFrame) {
        let key = key_of(frame);
        let version = frame.v.unwrap_or(0);
        let fields = frame.d.map_or("{}", |fields| fields.get());
        let waiting = (frame.t == ServerKind::Snap)
            .then(|| self.joins.borrow_mut().remove(&key))
            .flatten();
        if let Some(waiting) = waiting {
            // The view parses the fields once, into the state's view type.
            let sid = self.sid.borrow().clone().unwrap_or_default();
            for reply in waiting {
                let _ = reply.send(Ok(JoinReply {
                    sid: sid.clone(),
                    version,
                    fields: fields.to_owned(),
                }));
            }
        }
        let mut resync = None;
        if let Some(attached) = self.states.borrow_mut().get_mut(&key) {
            let in_order = frame.t == ServerKind::Snap || version == attached.version + 1;
            if in_order {
                let fields: HashMap<Cow<str>, &RawValue> = match serde_json::from_str(fields) {
                    Ok(fields) => fields,
                    Err(err) => {
                        leptos::logging::warn!("kiln: live fields that do not parse ({err})");
                        return;
                    }
                };
                for (name, raw) in fields {
                    if let Err(err) = (attached.apply)(&name, raw.get()) {
                        leptos::logging::warn!("kiln: live field `{name}` does not parse ({err})");
                    }
                }
                attached.version = version;
                attached.meta.version.set(version);
            } else if version > attached.version {
                resync = Some(attached.version);
            }
        }
        if let Some(version) = resync {
            self.send_join(&key, version);
        }
    }

    /// Resolves event `seq` and forgets it.
    fn settle(&self, seq: Option<u64>, result: Result<(), Failure>) {
        let Some(seq) = seq else {
            return;
        };
        let event = {
            let mut pending = self.pending.borrow_mut();
            let index = pending.iter().position(|event| event.seq == seq);
            index.and_then(|index| pending.remove(index))
        };
        if let Some(mut event) = event {
            match &result {
                Ok(()) => {
                    if event.meta.last_error.get_untracked().is_some() {
                        event.meta.last_error.set(None);
                    }
                }
                Err(failure) => event.meta.last_error.set(Some(failure.clone())),
            }
            if let Some(reply) = event.reply.take() {
                let _ = reply.send(result);
            }
        }
        self.count_waiting();
    }

    fn error(self: &Rc<Self>, frame: &ServerFrame) {
        let failure = Failure {
            code: frame.code.unwrap_or(ErrorCode::Unknown),
            message: frame.msg.as_deref().unwrap_or_default().to_owned(),
            detail: frame.detail.map(|detail| detail.get().to_owned()),
        };
        if matches!(failure.code, ErrorCode::RateLimited | ErrorCode::OutOfOrder) {
            self.hold(frame.seq, frame.retry_ms.unwrap_or(1_000));
            return;
        }
        if frame.seq.is_some() {
            self.settle(frame.seq, Err(failure));
            return;
        }
        if frame.s.is_some() {
            let key = key_of(frame);
            if let Some(waiting) = self.joins.borrow_mut().remove(&key) {
                for reply in waiting {
                    let _ = reply.send(Err(failure.clone()));
                }
                return;
            }
        }
        leptos::logging::warn!("kiln: live error {}: {}", failure.code, failure.message);
    }

    /// Holds back event `seq` (and the ones after it, to keep the order) for `retry_ms`.
    fn hold(self: &Rc<Self>, seq: Option<u64>, retry_ms: u64) {
        let Some(seq) = seq else {
            return;
        };
        for event in self.pending.borrow_mut().iter_mut() {
            if event.seq >= seq {
                event.held = true;
            }
        }
        let client = self.clone();
        set_timeout(
            move || {
                if !client.open.get() {
                    return;
                }
                let resend: Vec<String> = client
                    .pending
                    .borrow_mut()
                    .iter_mut()
                    .filter(|event| event.held && event.seq >= seq)
                    .map(|event| {
                        event.held = false;
                        event.text.clone()
                    })
                    .collect();
                for text in resend {
                    client.send_text(&text);
                }
            },
            Duration::from_millis(retry_ms),
        );
    }

    /// Shows a toast in the app's toaster.
    fn toast(&self, text: String, level: ToastLevel) {
        let Some(toaster) = self.toaster.get() else {
            leptos::logging::warn!(
                "kiln: a live handler sent a toast, and no <Toaster> is around the page's live views: {text}"
            );
            return;
        };
        toaster.show(kiln_ui::Toast::new(text).level(level));
    }

    fn run(&self, command: Command) {
        let document = document();
        match command {
            // A click on a link: the app's router navigates client-side if there is one, and
            // the browser loads the page if not.
            Command::Redirect { to } => click_link(&document, &to, None),
            Command::Toast { text, level } => self.toast(text, level),
            Command::Download { url, filename } => click_link(&document, &url, Some(&filename)),
            Command::ScrollTo { selector } => {
                if let Ok(Some(element)) = document.query_selector(&selector) {
                    element.scroll_into_view();
                }
            }
            Command::Focus { selector } => {
                if let Ok(Some(element)) = document.query_selector(&selector)
                    && let Ok(element) = element.dyn_into::<web_sys::HtmlElement>()
                {
                    let _ = element.focus();
                }
            }
            Command::Copy { text } => copy_to_clipboard(&text),
            Command::SetTitle { title } => document.set_title(&title),
        }
    }
}

/// Clicks a temporary `<a href>` (with `download`, if given).
fn click_link(document: &web_sys::Document, href: &str, download: Option<&str>) {
    let Ok(link) = document.create_element("a") else {
        return;
    };
    let _ = link.set_attribute("href", href);
    if let Some(filename) = download {
        let _ = link.set_attribute("download", filename);
    }
    let Some(body) = document.body() else {
        return;
    };
    let _ = body.append_child(&link);
    if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
        link.click();
        link.remove();
    }
}

/// `navigator.clipboard.writeText(text)`, through JS reflection (web-sys gates the Clipboard
/// API behind an unstable flag).
fn copy_to_clipboard(text: &str) {
    let navigator = window().navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return;
    };
    if let Ok(write) = write.dyn_into::<js_sys::Function>() {
        let _ = write.call1(&clipboard, &text.into());
    }
}

fn key_of(frame: &ServerFrame) -> StateKey {
    StateKey {
        name: frame.s.as_deref().unwrap_or_default().to_owned(),
        room: frame.r.as_deref().map(str::to_owned),
    }
}
