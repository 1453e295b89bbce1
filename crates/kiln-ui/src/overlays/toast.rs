//! Toasts: short messages that appear in a corner and go away by themselves.

use crate::glyph::Glyph;
use crate::props::class_list;
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// How a toast's news is: each has its own color. On the wire (a live handler's
/// `ctx.toast`) it is spelt in snake case: `"info"`, `"success"`, `"warning"`, `"error"`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ToastLevel {
    /// Neutral news (blue).
    #[default]
    Info,
    /// Something worked (green).
    Success,
    /// Something needs attention (amber).
    Warning,
    /// Something failed (red).
    Error,
}

impl ToastLevel {
    /// The value of `data-level`.
    pub fn as_str(self) -> &'static str {
        match self {
            ToastLevel::Info => "info",
            ToastLevel::Success => "success",
            ToastLevel::Warning => "warning",
            ToastLevel::Error => "error",
        }
    }

    /// The accent palette a toast of this level is drawn in.
    fn accent(self) -> &'static str {
        match self {
            ToastLevel::Info => "blue",
            ToastLevel::Success => "green",
            ToastLevel::Warning => "amber",
            ToastLevel::Error => "red",
        }
    }
}

/// A toast's button: a label and what it does (the toast is dismissed after).
#[derive(Clone)]
pub struct ToastAction {
    /// The button's label.
    pub label: String,
    /// What a press does.
    pub run: Arc<dyn Fn() + Send + Sync>,
}

/// A message for [`ToasterHandle::show`]: a title, optionally a description and an action, a
/// level, and how long it stays (5 seconds by default).
///
/// A toast with an action stays until dismissed unless given a [`duration`](Toast::duration)
/// (before or after the action): someone on the keyboard, or reading slowly, must be able to
/// reach its button in time (WCAG 2.2.1, Timing Adjustable).
///
/// ```
/// use kiln_ui::{Toast, ToastLevel};
/// use std::time::Duration;
/// let toast = Toast::new("Saved")
///     .description("Your changes are live.")
///     .level(ToastLevel::Success)
///     .action("Undo", || ())
///     .duration(Duration::from_secs(8));
/// assert_eq!(toast.duration, Some(Duration::from_secs(8)));
/// // With an action and no duration, it stays until dismissed.
/// assert_eq!(Toast::new("Archived").action("Undo", || ()).duration, None);
/// ```
#[derive(Clone)]
pub struct Toast {
    /// The message.
    pub title: String,
    /// More detail, under the title.
    pub description: Option<String>,
    /// Its color.
    pub level: ToastLevel,
    /// A button on it.
    pub action: Option<ToastAction>,
    /// How long it stays (paused while hovered or focused); `None`: until dismissed.
    pub duration: Option<Duration>,
    /// Whether `duration` was set with [`Toast::duration`]: then an action keeps it.
    duration_set: bool,
}

impl Toast {
    /// How long a toast stays unless told otherwise.
    pub const DEFAULT_DURATION: Duration = Duration::from_secs(5);

    /// An info toast with this title, staying five seconds.
    pub fn new(title: impl Into<String>) -> Self {
        Toast {
            title: title.into(),
            description: None,
            level: ToastLevel::Info,
            action: None,
            duration: Some(Self::DEFAULT_DURATION),
            duration_set: false,
        }
    }

    /// Adds a description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the level.
    pub fn level(mut self, level: ToastLevel) -> Self {
        self.level = level;
        self
    }

    /// Adds a button that runs `run` and dismisses the toast. The toast then stays until
    /// dismissed, unless [`duration`](Toast::duration) sets how long.
    pub fn action(
        mut self,
        label: impl Into<String>,
        run: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        self.action = Some(ToastAction {
            label: label.into(),
            run: Arc::new(run),
        });
        if !self.duration_set {
            self.duration = None;
        }
        self
    }

    /// Sets how long it stays (with or without an action).
    pub fn duration(mut self, duration: Duration) -> Self {
        self.duration = Some(duration);
        self.duration_set = true;
        self
    }

    /// Keeps it until it is dismissed.
    pub fn sticky(mut self) -> Self {
        self.duration = None;
        self
    }
}

#[derive(Clone)]
struct Shown {
    id: u64,
    toast: Toast,
}

/// Shows toasts in the nearest [`Toaster`]: get it with [`use_toaster`]. It is `Copy`, so move
/// it into any number of event handlers.
#[derive(Clone, Copy)]
pub struct ToasterHandle {
    toasts: RwSignal<Vec<Shown>>,
    next: StoredValue<u64>,
    /// The toaster's list.
    list: NodeRef<leptos::html::Ol>,
    /// Where focus was before it entered the toasts: it goes back there when the focused toast
    /// is dismissed and no other toast is left.
    #[cfg(feature = "hydrate")]
    return_to: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

impl ToasterHandle {
    fn new() -> Self {
        ToasterHandle {
            toasts: RwSignal::new(Vec::new()),
            next: StoredValue::new(0),
            list: NodeRef::new(),
            #[cfg(feature = "hydrate")]
            return_to: StoredValue::new_local(None),
        }
    }

    /// Shows a toast; returns its id, for [`ToasterHandle::dismiss`].
    pub fn show(&self, toast: Toast) -> u64 {
        let id = self.next.try_get_value().unwrap_or_default();
        self.next.try_set_value(id + 1);
        self.toasts
            .try_update(|toasts| toasts.push(Shown { id, toast }));
        id
    }

    /// Removes a toast (nothing if it is gone already). When it has focus, focus moves to the
    /// next toast (else the previous one), or back to where it was before it entered the toasts.
    pub fn dismiss(&self, id: u64) {
        #[cfg(feature = "hydrate")]
        self.refocus(Some(id));
        self.toasts
            .try_update(|toasts| toasts.retain(|shown| shown.id != id));
    }

    /// Removes every toast; focus inside them goes back to where it was before.
    pub fn clear(&self) {
        #[cfg(feature = "hydrate")]
        self.refocus(None);
        self.toasts.try_set(Vec::new());
    }

    /// Focus entered the toast list from `from`: remember it, unless it came from another toast.
    #[cfg(feature = "hydrate")]
    fn focus_entered(&self, from: Option<web_sys::EventTarget>) {
        use wasm_bindgen::JsCast;
        let Some(list) = self.list.get_untracked() else {
            return;
        };
        let from = from.and_then(|from| from.dyn_into::<web_sys::HtmlElement>().ok());
        if from
            .as_ref()
            .is_some_and(|from| list.contains(Some(from.as_ref())))
        {
            return;
        }
        self.return_to.try_set_value(from);
    }

    /// Before the toast `id` (`None`: every toast) goes: if focus is inside it, moves focus to a
    /// toast that stays, else back to where it came from, so it does not fall to `<body>`.
    #[cfg(feature = "hydrate")]
    fn refocus(&self, id: Option<u64>) {
        use wasm_bindgen::JsCast;
        let Some(list) = self.list.get_untracked() else {
            return;
        };
        let going = match id {
            Some(id) => list
                .query_selector(&format!(r#":scope > [data-toast-id="{id}"]"#))
                .ok()
                .flatten(),
            None => Some(list.clone().into()),
        };
        let Some(going) = going.filter(|going| going.matches(":focus-within").unwrap_or(false))
        else {
            return;
        };
        let neighbour = id.and(
            going
                .next_element_sibling()
                .or_else(|| going.previous_element_sibling()),
        );
        let target = neighbour
            .and_then(|toast| toast.query_selector("button").ok().flatten())
            .and_then(|button| button.dyn_into::<web_sys::HtmlElement>().ok())
            .or_else(|| {
                self.return_to
                    .try_get_value()
                    .flatten()
                    .filter(|el| el.is_connected())
            });
        if let Some(target) = target {
            let _ = target.focus();
        }
    }

    /// How many toasts are showing.
    pub fn len(&self) -> usize {
        self.toasts.try_with(Vec::len).unwrap_or_default()
    }

    /// Whether no toast is showing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The nearest [`Toaster`]'s handle, to show toasts with.
///
/// Outside a `<Toaster>` it returns a handle whose toasts appear nowhere (and says so in the
/// console), so a misplaced call never panics.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Save() -> impl IntoView {
///     let toaster = use_toaster();
///     view! {
///         <button on:click=move |_| { toaster.show(Toast::new("Saved").level(ToastLevel::Success)); }>
///             "Save"
///         </button>
///     }
/// }
/// ```
pub fn use_toaster() -> ToasterHandle {
    use_context::<ToasterHandle>().unwrap_or_else(|| {
        leptos::logging::warn!("use_toaster() outside a <Toaster>: its toasts will not show");
        ToasterHandle::new()
    })
}

/// Where toasts appear: a list in the bottom-right corner (`aria-live="polite"`, so screen
/// readers announce each new toast), newest last.
///
/// The toaster provides itself to its `children` through context: wrap the part of the app that
/// shows toasts (usually all of it, once, near the root) in it, and call [`use_toaster`] below.
/// Each toast has a Dismiss button, an optional action, and goes away after its duration,
/// paused while the pointer is on it or it has focus (a toast with an action stays until
/// dismissed unless given a duration). When the focused toast is dismissed, focus moves to the
/// next toast, or back to where it was before it entered the toasts. The toasts a live handler sends
/// with `ctx.toast` appear in the toaster around the page's live views.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn App() -> impl IntoView {
///     view! {
///         <Theme>
///             <Toaster>
///                 <Save/>
///             </Toaster>
///         </Theme>
///     }
/// }
///
/// #[component]
/// fn Save() -> impl IntoView {
///     let toaster = use_toaster();
///     let save = move |_| {
///         toaster.show(Toast::new("Saved").action("Undo", || leptos::logging::log!("undone")));
///     };
///     view! { <button on:click=save>"Save"</button> }
/// }
/// ```
#[component]
pub fn Toaster(
    /// The list's accessible name (default "Notifications").
    #[prop(default = "Notifications".into(), into)]
    label: String,
    /// Extra classes for the list.
    #[prop(optional, into)]
    class: Option<String>,
    /// The part of the app that can show toasts.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let handle = ToasterHandle::new();
    provide_context(handle);
    view! {
        {children.map(|children| children())}
        <ol
            node_ref=handle.list
            class=class_list("kiln-toasts", class.as_deref())
            aria-live="polite"
            aria-label=label
        >
            <For
                each=move || handle.toasts.get()
                key=|shown| shown.id
                children=move |shown| view! { <ToastItem handle=handle shown=shown/> }
            />
        </ol>
    }
}

/// One toast, with its own timer.
#[component]
fn ToastItem(handle: ToasterHandle, shown: Shown) -> impl IntoView {
    let Shown { id, toast } = shown;
    let timer = Timer::new(move || handle.dismiss(id), toast.duration);
    let action = toast.action.map(|action| {
        let run = action.run.clone();
        view! {
            <button
                type="button"
                class="kiln-button kiln-toast-action"
                data-variant="soft"
                data-size="1"
                on:click=move |_| {
                    run();
                    handle.dismiss(id);
                }
            >
                {action.label}
            </button>
        }
    });
    view! {
        <li
            class="kiln-toast"
            data-level=toast.level.as_str()
            data-accent=toast.level.accent()
            on:pointerenter=move |_| timer.hold(true, None)
            on:pointerleave=move |_| timer.hold(false, None)
            data-toast-id=id.to_string()
            on:focusin=move |event| {
                #[cfg(feature = "hydrate")]
                handle.focus_entered(event.related_target());
                #[cfg(not(feature = "hydrate"))]
                let _ = event;
                timer.hold(None, true);
            }
            on:focusout=move |_| timer.hold(None, false)
        >
            <div class="kiln-toast-body">
                <p class="kiln-toast-title">{toast.title}</p>
                {toast.description.map(|d| view! { <p class="kiln-toast-description">{d}</p> })}
            </div>
            {action}
            <button
                type="button"
                class="kiln-icon-button kiln-toast-close"
                data-variant="ghost"
                data-size="1"
                aria-label="Dismiss"
                on:click=move |_| handle.dismiss(id)
            >
                {Glyph::X.view()}
            </button>
        </li>
    }
}

/// A toast's countdown, paused while it is hovered or focused.
#[derive(Clone, Copy)]
struct Timer {
    #[cfg(feature = "hydrate")]
    state: StoredValue<TimerState>,
    #[cfg(feature = "hydrate")]
    done: Callback<()>,
}

#[cfg(feature = "hydrate")]
#[derive(Default)]
struct TimerState {
    remaining_ms: Option<f64>,
    started_at: f64,
    handle: Option<TimeoutHandle>,
    hovered: bool,
    focused: bool,
}

impl Timer {
    fn new(done: impl Fn() + Send + Sync + 'static, duration: Option<Duration>) -> Self {
        #[cfg(feature = "hydrate")]
        {
            let timer = Timer {
                state: StoredValue::new(TimerState {
                    remaining_ms: duration.map(|d| d.as_secs_f64() * 1000.0),
                    ..TimerState::default()
                }),
                done: Callback::new(move |()| done()),
            };
            Effect::new(move |_| timer.run());
            on_cleanup(move || timer.stop());
            timer
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = (done, duration);
            Timer {}
        }
    }

    /// Marks the toast hovered and/or focused (`None`: unchanged), pausing or resuming.
    fn hold(self, hovered: impl Into<Option<bool>>, focused: impl Into<Option<bool>>) {
        #[cfg(feature = "hydrate")]
        {
            let (hovered, focused) = (hovered.into(), focused.into());
            self.state.try_update_value(|state| {
                state.hovered = hovered.unwrap_or(state.hovered);
                state.focused = focused.unwrap_or(state.focused);
            });
            let held = self
                .state
                .try_with_value(|state| state.hovered || state.focused)
                .unwrap_or(false);
            if held { self.stop() } else { self.run() }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (self, hovered.into(), focused.into());
    }

    /// Starts (or resumes) the countdown.
    #[cfg(feature = "hydrate")]
    fn run(self) {
        let Some(Some(remaining)) = self
            .state
            .try_with_value(|state| state.remaining_ms.filter(|_| state.handle.is_none()))
        else {
            return;
        };
        let done = self.done;
        let handle = set_timeout_with_handle(
            move || done.run(()),
            Duration::from_millis(remaining.max(0.0) as u64),
        )
        .ok();
        self.state.try_update_value(|state| {
            state.started_at = js_sys::Date::now();
            state.handle = handle;
        });
    }

    /// Pauses the countdown, keeping what is left.
    #[cfg(feature = "hydrate")]
    fn stop(self) {
        self.state.try_update_value(|state| {
            if let Some(handle) = state.handle.take() {
                handle.clear();
                let elapsed = js_sys::Date::now() - state.started_at;
                state.remaining_ms = state.remaining_ms.map(|left| (left - elapsed).max(0.0));
            }
        });
    }
}
