//! Sections that show and hide their content: [`Accordion`], [`Collapsible`].

use crate::glyph::Glyph;
use crate::id::use_id;
use crate::props::class_list;
use leptos::prelude::*;

/// What an [`Accordion`]'s items share.
#[derive(Clone)]
struct AccordionContext {
    /// The `name` that makes the items exclusive (one open at a time), if they are.
    name: Option<String>,
    /// The values of the open items.
    open: RwSignal<Vec<String>>,
    on_change: Option<Callback<Vec<String>>>,
}

/// Is the `<details>` element that fired `ev` open?
fn details_open(ev: &leptos::ev::Event) -> Option<bool> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let target = ev.target()?;
        let details = target.dyn_ref::<web_sys::HtmlDetailsElement>()?;
        Some(details.open())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        None
    }
}

/// Stacked sections, each a heading that shows or hides its content: FAQs, settings groups.
///
/// Each [`AccordionItem`] is a native `<details>` element, so it opens and closes with the
/// mouse, Enter and Space, with or without JavaScript, and the browser's find-in-page opens it.
/// One item is open at a time, unless `multiple`; `on_change` reports the open items' values.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Faq() -> impl IntoView {
///     view! {
///         <Accordion>
///             <AccordionItem title="Is it free?" open=true>"Yes."</AccordionItem>
///             <AccordionItem title="Does it work offline?">"Once loaded, yes."</AccordionItem>
///         </Accordion>
///     }
/// }
/// ```
#[component]
pub fn Accordion(
    /// Whether several items can be open at once (default: one at a time).
    #[prop(optional)]
    multiple: bool,
    /// Called with the open items' values after one opens or closes.
    #[prop(optional, into)]
    on_change: Option<Callback<Vec<String>>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The [`AccordionItem`]s.
    children: Children,
) -> impl IntoView {
    let name = (!multiple).then(|| use_id("accordion"));
    provide_context(AccordionContext {
        name,
        open: RwSignal::new(Vec::new()),
        on_change,
    });
    view! { <div class=class_list("kiln-accordion", class.as_deref())>{children()}</div> }
}

/// A section of an [`Accordion`]: its `title` (a button) and its content.
///
/// ```
/// use kiln_ui::prelude::*;
/// #[component]
/// fn Shipping() -> impl IntoView {
///     view! {
///         <Accordion multiple=true>
///             <AccordionItem title="Shipping" value="shipping">"Two days."</AccordionItem>
///         </Accordion>
///     }
/// }
/// ```
#[component]
pub fn AccordionItem(
    /// The heading, which opens and closes it.
    #[prop(into)]
    title: String,
    /// Its value in `on_change` (default: its title).
    #[prop(optional, into)]
    value: Option<String>,
    /// Open at first.
    #[prop(optional)]
    open: bool,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    children: Children,
) -> impl IntoView {
    let context = use_context::<AccordionContext>();
    let value = value.unwrap_or_else(|| title.clone());
    if open && let Some(context) = &context {
        context.open.update(|all| all.push(value.clone()));
    }
    let trigger = use_id("accordion-trigger");
    let content = format!("{trigger}-content");
    let name = context.as_ref().and_then(|context| context.name.clone());
    let on_toggle = move |ev: leptos::ev::Event| {
        let (Some(context), Some(now_open)) = (&context, details_open(&ev)) else {
            return;
        };
        let was_open = context.open.with_untracked(|all| all.contains(&value));
        if was_open == now_open {
            return;
        }
        context.open.update(|all| {
            all.retain(|v| *v != value);
            if now_open {
                all.push(value.clone());
            }
        });
        if let Some(on_change) = context.on_change {
            on_change.run(context.open.get_untracked());
        }
    };
    view! {
        <details
            class=class_list("kiln-accordion-item", class.as_deref())
            name=name
            open=open
            on:toggle=on_toggle
        >
            <summary class="kiln-accordion-trigger" id=trigger.clone()>
                <span class="kiln-accordion-title">{title}</span>
                {Glyph::ChevronDown.view()}
            </summary>
            <div class="kiln-accordion-content" id=content role="region" aria-labelledby=trigger>
                {children()}
            </div>
        </details>
    }
}

/// A trigger that shows and hides its content: a native `<details>`, so it works with the
/// mouse, Enter and Space, with or without JavaScript.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Details() -> impl IntoView {
///     view! {
///         <Collapsible trigger="Show the stack trace" on_change=|open| leptos::logging::log!("{open}")>
///             <pre>"..."</pre>
///         </Collapsible>
///     }
/// }
/// ```
#[component]
pub fn Collapsible(
    /// The trigger's label.
    #[prop(into)]
    trigger: String,
    /// Open at first.
    #[prop(optional)]
    open: bool,
    /// Called with whether it is open after it opens or closes.
    #[prop(optional, into)]
    on_change: Option<Callback<bool>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    children: Children,
) -> impl IntoView {
    let on_toggle = move |ev: leptos::ev::Event| {
        if let (Some(on_change), Some(open)) = (on_change, details_open(&ev)) {
            on_change.run(open);
        }
    };
    view! {
        <details
            class=class_list("kiln-collapsible", class.as_deref())
            open=open
            on:toggle=on_toggle
        >
            <summary class="kiln-collapsible-trigger">
                {Glyph::ChevronRight.view()}
                <span>{trigger}</span>
            </summary>
            <div class="kiln-collapsible-content">{children()}</div>
        </details>
    }
}
