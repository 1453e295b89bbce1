//! The kit bound to live state: every control shows a field the server holds, and sends each
//! edit as a typed event; the server's answer comes back as a delta.

use kiln::live::LiveCall;
use kiln::prelude::*;
use serde::{Deserialize, Serialize};

/// The plans a visitor can pick.
pub const PLANS: [&str; 3] = ["hobby", "pro", "team"];

/// The longest display name, in characters.
pub const MAX_NAME: usize = 40;

/// Why the server refused an edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PreferencesError {
    /// The name was too long.
    #[error("A display name is at most {MAX_NAME} characters long.")]
    NameTooLong,
    /// No such plan.
    #[error("There is no such plan.")]
    UnknownPlan,
}

/// A visitor's preferences, held by the server.
#[derive(LiveState, Clone, Serialize, Deserialize)]
pub struct Preferences {
    /// The display name.
    pub name: String,
    /// A volume, 0 to 100.
    pub volume: f64,
    /// Whether notifications are on.
    pub notify: bool,
    /// One of [`PLANS`].
    pub plan: String,
    /// Written by the server after every change: the proof that an edit went there and back.
    pub summary: String,
}

impl Default for Preferences {
    fn default() -> Self {
        let mut preferences = Self {
            name: "Ada".to_owned(),
            volume: 40.0,
            notify: true,
            plan: "pro".to_owned(),
            summary: String::new(),
        };
        preferences.summarise();
        preferences
    }
}

impl Preferences {
    fn summarise(&mut self) {
        let notify = if self.notify { "on" } else { "off" };
        self.summary = format!(
            "{}, volume {}, plan {}, notifications {notify}",
            self.name, self.volume, self.plan
        );
    }
}

#[live_events]
impl Preferences {
    /// Renames.
    pub fn set_name(&mut self, name: String) -> Result<(), PreferencesError> {
        if name.chars().count() > MAX_NAME {
            return Err(PreferencesError::NameTooLong);
        }
        self.name = name;
        self.summarise();
        Ok(())
    }

    /// Sets the volume, clamped to 0..=100 (a value that is not a number changes nothing).
    pub fn set_volume(&mut self, volume: f64) {
        if volume.is_finite() {
            self.volume = volume.clamp(0.0, 100.0);
            self.summarise();
        }
    }

    /// Turns notifications on or off.
    pub fn set_notify(&mut self, on: bool) {
        self.notify = on;
        self.summarise();
    }

    /// Picks a plan.
    pub fn set_plan(&mut self, plan: String) -> Result<(), PreferencesError> {
        if !PLANS.contains(&plan.as_str()) {
            return Err(PreferencesError::UnknownPlan);
        }
        self.plan = plan;
        self.summarise();
        Ok(())
    }
}

/// Kit controls bound to live-state fields: `value` reads the field's signal, `on_change` sends
/// the event; a refusal shows in the field.
#[component]
pub fn BoundDemo() -> impl IntoView {
    live_view(|preferences: PreferencesLive| {
        let error = RwSignal::new(None::<String>);
        let report = move |call: LiveCall<PreferencesError>| {
            leptos::task::spawn_local(async move {
                error.set(call.await.err().map(|refused| refused.to_string()));
            });
        };
        view! {
            <Flex direction=Direction::Column gap=4 attr:data-testid="bound-demo">
                <Field label="Display name" error=error>
                    <TextField
                        value=preferences.name
                        on_change=move |name| report(preferences.set_name(name))
                    />
                </Field>
                <Field label="Volume">
                    <Slider
                        value=preferences.volume
                        min=0.0
                        max=100.0
                        on_change=move |volume| { preferences.set_volume(volume); }
                    />
                </Field>
                <Switch value=preferences.notify on_change=move |on| { preferences.set_notify(on); }>
                    "Notifications"
                </Switch>
                <SegmentedControl
                    label="Plan"
                    value=preferences.plan
                    on_change=move |plan| report(preferences.set_plan(plan))
                >
                    {PLANS
                        .map(|plan| view! { <SegmentedControlItem value=plan>{plan}</SegmentedControlItem> })
                        .collect_view()}
                </SegmentedControl>
                <Text as_=TextTag::P>
                    "The server has: " <span data-testid="bound-summary">{preferences.summary}</span>
                </Text>
            </Flex>
        }
    })
}
