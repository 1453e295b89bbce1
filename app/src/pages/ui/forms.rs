//! The gallery's forms page.

use super::{BoundDemo, CATEGORIES, Demo, GalleryPage};
use kiln::prelude::*;

const SOURCE: Source = source!("forms.rs");

/// A row of demo items.
const ROW: &str = "display:flex;flex-wrap:wrap;align-items:center;gap:var(--kiln-space-3);margin-bottom:var(--kiln-space-3)";
/// A column of demo items.
const COLUMN: &str =
    "display:grid;gap:var(--kiln-space-3);max-width:24rem;margin-bottom:var(--kiln-space-3)";

/// The forms components, live.
#[component]
pub fn FormsPage() -> impl IntoView {
    let category = &CATEGORIES[2];
    view! {
        <GalleryPage title=category.title description=category.description>
            <Demo title="Sign-up form" code=SOURCE.item("SignUpDemo")><SignUpDemo/></Demo>
            <Demo title="Bound to live state" code=source!("bound.rs")><BoundDemo/></Demo>
            <Demo title="Button" code=SOURCE.item("ButtonDemo")><ButtonDemo/></Demo>
            <Demo title="Icon button" code=SOURCE.item("IconButtonDemo")><IconButtonDemo/></Demo>
            <Demo title="Text field" code=SOURCE.item("TextFieldDemo")><TextFieldDemo/></Demo>
            <Demo title="Text area" code=SOURCE.item("TextAreaDemo")><TextAreaDemo/></Demo>
            <Demo title="Number field" code=SOURCE.item("NumberFieldDemo")><NumberFieldDemo/></Demo>
            <Demo title="Date field" code=SOURCE.item("DateFieldDemo")><DateFieldDemo/></Demo>
            <Demo title="Select" code=SOURCE.item("SelectDemo")><SelectDemo/></Demo>
            <Demo title="Checkbox" code=SOURCE.item("CheckboxDemo")><CheckboxDemo/></Demo>
            <Demo title="Checkbox group" code=SOURCE.item("CheckboxGroupDemo")><CheckboxGroupDemo/></Demo>
            <Demo title="Radio group" code=SOURCE.item("RadioGroupDemo")><RadioGroupDemo/></Demo>
            <Demo title="Switch" code=SOURCE.item("SwitchDemo")><SwitchDemo/></Demo>
            <Demo title="Slider" code=SOURCE.item("SliderDemo")><SliderDemo/></Demo>
            <Demo title="Segmented control" code=SOURCE.item("SegmentedControlDemo")><SegmentedControlDemo/></Demo>
            <Demo title="Field" code=SOURCE.item("FieldDemo")><FieldDemo/></Demo>
            <Demo title="File drop zone" code=SOURCE.item("FileDropZoneDemo")><FileDropZoneDemo/></Demo>
        </GalleryPage>
    }
    .into_any()
}

/// A sign-up form: fields validated as the visitor types, errors under the fields.
#[component]
fn SignUpDemo() -> impl IntoView {
    let email = RwSignal::new("ada.example.com".to_owned());
    let password = RwSignal::new(String::new());
    let terms = RwSignal::new(false);
    let submitted = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let email_error = Signal::derive(move || {
        let email = email.get();
        ((submitted.get() || !email.is_empty()) && !email.contains('@'))
            .then(|| "Enter an email address, like ada@example.com.".to_owned())
    });
    let password_error = Signal::derive(move || {
        (submitted.get() && password.get().chars().count() < 8)
            .then(|| "Use at least 8 characters.".to_owned())
    });
    let terms_error = Signal::derive(move || {
        (submitted.get() && !terms.get()).then(|| "Accept the terms to sign up.".to_owned())
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        submitted.set(true);
        let valid = email_error.get_untracked().is_none()
            && password_error.get_untracked().is_none()
            && terms_error.get_untracked().is_none();
        sent.set(valid);
    };
    view! {
        <div data-testid="sign-up-demo" style="max-width:24rem">
            <Form on_submit=on_submit novalidate=true>
                <Field label="Email" error=email_error>
                    <TextField
                        type_=TextFieldType::Email
                        name="email"
                        autocomplete="email"
                        value=email
                        on_change=move |text| email.set(text)
                    />
                </Field>
                <Field label="Password" description="At least 8 characters." error=password_error>
                    <TextField
                        type_=TextFieldType::Password
                        name="password"
                        autocomplete="new-password"
                        value=password
                        on_change=move |text| password.set(text)
                    />
                </Field>
                <div>
                    <Checkbox name="terms" value=terms on_change=move |on| terms.set(on)>
                        "I accept the terms"
                    </Checkbox>
                    <FieldError>{move || terms_error.get()}</FieldError>
                </div>
                <Button type_=ButtonType::Submit>"Sign up"</Button>
                <p data-testid="sign-up-result">
                    {move || if sent.get() { "Welcome aboard!" } else { "" }}
                </p>
            </Form>
        </div>
    }
}

/// Buttons in every variant, size and a few colors; one counts its clicks, one loads.
#[component]
fn ButtonDemo() -> impl IntoView {
    let clicks = RwSignal::new(0);
    let loading = RwSignal::new(false);
    view! {
        <div style=ROW>
            <Button variant=Variant::Solid>"Solid"</Button>
            <Button variant=Variant::Soft>"Soft"</Button>
            <Button variant=Variant::Surface>"Surface"</Button>
            <Button variant=Variant::Outline>"Outline"</Button>
            <Button variant=Variant::Ghost>"Ghost"</Button>
        </div>
        <div style=ROW>
            <Button size=Size::S1>"Size 1"</Button>
            <Button size=Size::S2>"Size 2"</Button>
            <Button size=Size::S3>"Size 3"</Button>
            <Button size=Size::S4>"Size 4"</Button>
        </div>
        <div style=ROW>
            <Button color=Color::Red>"Delete"</Button>
            <Button color=Color::Green variant=Variant::Soft>"Approve"</Button>
            <Button color=Color::Indigo variant=Variant::Surface>"Indigo"</Button>
            <Button color=Color::Gray variant=Variant::Outline>"Gray"</Button>
            <Button disabled=true>"Disabled"</Button>
        </div>
        <div style=ROW>
            <Button attr:data-testid="button-click" on:click=move |_| clicks.update(|n| *n += 1)>
                "Click me"
            </Button>
            <span data-testid="button-clicks">{move || format!("Clicked {} times", clicks.get())}</span>
            <Button loading=loading on:click=move |_| loading.set(true)>"Save"</Button>
            <Button variant=Variant::Ghost on:click=move |_| loading.set(false)>"Stop loading"</Button>
        </div>
    }
}

/// Square icon-only buttons: each named by its `label`.
#[component]
fn IconButtonDemo() -> impl IntoView {
    view! {
        <div style=ROW>
            <IconButton label="Add"><span aria-hidden="true">"+"</span></IconButton>
            <IconButton label="Favorite" variant=Variant::Soft color=Color::Pink>
                <span aria-hidden="true">"♥"</span>
            </IconButton>
            <IconButton label="Close" variant=Variant::Ghost><span aria-hidden="true">"×"</span></IconButton>
            <IconButton label="Small" size=Size::S1 variant=Variant::Outline>
                <span aria-hidden="true">"+"</span>
            </IconButton>
            <IconButton label="Large" size=Size::S4 variant=Variant::Surface>
                <span aria-hidden="true">"+"</span>
            </IconButton>
        </div>
    }
}

/// Text inputs of every type, variant and size, with slots.
#[component]
fn TextFieldDemo() -> impl IntoView {
    let name = RwSignal::new(String::new());
    view! {
        <div style=COLUMN>
            <Field label="Name">
                <TextField placeholder="Ada Lovelace" value=name on_change=move |text| name.set(text)/>
            </Field>
            <p data-testid="text-field-value">{move || format!("Hello, {}", name.get())}</p>
            <Field label="Search">
                <TextField
                    type_=TextFieldType::Search
                    leading=|| view! { <span aria-hidden="true">"⌕"</span> }
                    variant=Variant::Soft
                />
            </Field>
            <Field label="Website">
                <TextField type_=TextFieldType::Url trailing=|| view! { <span>".com"</span> }/>
            </Field>
            <TextField label="Password" type_=TextFieldType::Password placeholder="Password"/>
            <TextField label="Phone" type_=TextFieldType::Tel placeholder="Phone" variant=Variant::Ghost/>
            <TextField label="Small" size=Size::S1 placeholder="Size 1"/>
            <TextField label="Large" size=Size::S3 placeholder="Size 3"/>
            <TextField label="Disabled" disabled=true value="Read only".to_owned()/>
        </div>
    }
}

/// Multi-line text, resizable or not.
#[component]
fn TextAreaDemo() -> impl IntoView {
    view! {
        <div style=COLUMN>
            <Field label="Message" description="Markdown works.">
                <TextArea name="message" rows=4 placeholder="Say something"/>
            </Field>
            <TextArea label="Soft, fixed size" variant=Variant::Soft resize=TextAreaResize::None/>
        </div>
    }
}

/// A number with steppers, kept between its bounds.
#[component]
fn NumberFieldDemo() -> impl IntoView {
    let guests = RwSignal::new(2.0);
    view! {
        <div style=COLUMN>
            <Field label="Guests" description="From 1 to 8.">
                <NumberField value=guests on_change=move |n| guests.set(n) min=1.0 max=8.0/>
            </Field>
            <p data-testid="number-value">{move || format!("Guests: {}", guests.get())}</p>
            <NumberField label="Price" step=0.5 size=Size::S1/>
        </div>
    }
}

/// The browser's own date input.
#[component]
fn DateFieldDemo() -> impl IntoView {
    let day = RwSignal::new("2026-06-01".to_owned());
    view! {
        <div style=COLUMN>
            <Field label="Arrival">
                <DateField value=day on_change=move |d| day.set(d) min="2026-01-01" max="2026-12-31"/>
            </Field>
            <p>{move || format!("Arrival: {}", day.get())}</p>
        </div>
    }
}

/// A native select: arrows, Home, End and type-ahead work as the platform's.
#[component]
fn SelectDemo() -> impl IntoView {
    let fruit = RwSignal::new("banana".to_owned());
    view! {
        <div style=COLUMN data-testid="select-demo">
            <Field label="Fruit">
                <Select name="fruit" value=fruit on_change=move |v| fruit.set(v)>
                    <SelectItem value="apple">"Apple"</SelectItem>
                    <SelectItem value="banana">"Banana"</SelectItem>
                    <SelectItem value="blueberry">"Blueberry"</SelectItem>
                    <SelectGroup label="Stone fruit">
                        <SelectItem value="cherry">"Cherry"</SelectItem>
                        <SelectItem value="peach">"Peach"</SelectItem>
                    </SelectGroup>
                </Select>
            </Field>
            <p data-testid="select-value">{move || format!("Fruit: {}", fruit.get())}</p>
        </div>
        <div style=ROW>
            <Select label="Size" placeholder="Pick a size" variant=Variant::Soft size=Size::S1>
                <SelectItem value="s">"Small"</SelectItem>
                <SelectItem value="m">"Medium"</SelectItem>
            </Select>
            <Select label="Ghost select" variant=Variant::Ghost size=Size::S3>
                <SelectItem value="a">"Ghost"</SelectItem>
            </Select>
            <Select label="Disabled select" disabled=true>
                <SelectItem value="a">"Disabled"</SelectItem>
            </Select>
        </div>
    }
}

/// Checkboxes, a "select all" in the mixed state, colors and sizes.
#[component]
fn CheckboxDemo() -> impl IntoView {
    let milk = RwSignal::new(true);
    let sugar = RwSignal::new(false);
    let all = Signal::derive(move || milk.get() && sugar.get());
    let some = Signal::derive(move || milk.get() != sugar.get());
    view! {
        <div style=COLUMN>
            <Checkbox
                value=all
                indeterminate=some
                on_change=move |on| {
                    milk.set(on);
                    sugar.set(on);
                }
            >
                "Everything"
            </Checkbox>
            <div style="display:grid;gap:var(--kiln-space-2);padding-left:var(--kiln-space-5)">
                <Checkbox value=milk on_change=move |on| milk.set(on)>"Milk"</Checkbox>
                <Checkbox value=sugar on_change=move |on| sugar.set(on)>"Sugar"</Checkbox>
            </div>
        </div>
        <div style=ROW>
            <Checkbox value=true color=Color::Green size=Size::S1>"Green, small"</Checkbox>
            <Checkbox value=true variant=Variant::Soft size=Size::S3>"Soft, large"</Checkbox>
            <Checkbox disabled=true>"Disabled"</Checkbox>
        </div>
    }
}

/// Several choices under one legend.
#[component]
fn CheckboxGroupDemo() -> impl IntoView {
    let toppings = RwSignal::new(vec!["cheese".to_owned()]);
    view! {
        <CheckboxGroup legend="Toppings" name="toppings" value=toppings on_change=move |v| toppings.set(v)>
            <CheckboxGroupItem value="cheese">"Cheese"</CheckboxGroupItem>
            <CheckboxGroupItem value="olives">"Olives"</CheckboxGroupItem>
            <CheckboxGroupItem value="anchovies" disabled=true>"Anchovies (sold out)"</CheckboxGroupItem>
        </CheckboxGroup>
        <p data-testid="checkbox-group-value">{move || format!("Toppings: {}", toppings.get().join(", "))}</p>
    }
}

/// Native radios: Tab enters the group, the arrow keys move the choice.
#[component]
fn RadioGroupDemo() -> impl IntoView {
    let plan = RwSignal::new("free".to_owned());
    view! {
        <div data-testid="radio-demo">
            <RadioGroup legend="Plan" name="plan" value=plan on_change=move |v| plan.set(v)>
                <RadioGroupItem value="free">"Free"</RadioGroupItem>
                <RadioGroupItem value="pro">"Pro"</RadioGroupItem>
                <RadioGroupItem value="team">"Team"</RadioGroupItem>
            </RadioGroup>
            <p data-testid="radio-value">{move || format!("Plan: {}", plan.get())}</p>
        </div>
        <RadioGroup
            legend="Delivery"
            orientation=Orientation::Horizontal
            variant=Variant::Soft
            color=Color::Teal
            size=Size::S1
        >
            <RadioGroupItem value="standard">"Standard"</RadioGroupItem>
            <RadioGroupItem value="express">"Express"</RadioGroupItem>
            <RadioGroupItem value="drone" disabled=true>"Drone"</RadioGroupItem>
        </RadioGroup>
    }
}

/// On/off settings that apply at once.
#[component]
fn SwitchDemo() -> impl IntoView {
    let on = RwSignal::new(true);
    view! {
        <div style=COLUMN>
            <Switch value=on on_change=move |v| on.set(v)>"Email notifications"</Switch>
            <p data-testid="switch-value">{move || if on.get() { "Emails: on" } else { "Emails: off" }}</p>
            <Switch size=Size::S1 color=Color::Green>"Small, green"</Switch>
            <Switch size=Size::S3 value=true>"Large"</Switch>
            <Switch disabled=true>"Disabled"</Switch>
        </div>
    }
}

/// A native range input: arrows, Page Up/Down, Home and End move it.
#[component]
fn SliderDemo() -> impl IntoView {
    let volume = RwSignal::new(40.0);
    view! {
        <div style=COLUMN data-testid="slider-demo">
            <Field label="Volume">
                <Slider
                    value=volume
                    on_change=move |v| volume.set(v)
                    max=100.0
                    step=5.0
                    value_text=|v: f64| format!("{v} percent")
                />
            </Field>
            <p data-testid="slider-value">{move || format!("Volume: {}", volume.get())}</p>
            <Slider label="Small slider" size=Size::S1 color=Color::Crimson value=20.0/>
            <Slider label="Large slider" size=Size::S3 color=Color::Blue value=70.0/>
            <Slider label="Disabled slider" disabled=true value=50.0/>
        </div>
    }
}

/// A radio group drawn as segments.
#[component]
fn SegmentedControlDemo() -> impl IntoView {
    let layout = RwSignal::new("list".to_owned());
    view! {
        <div style=ROW>
            <SegmentedControl label="Layout" value=layout on_change=move |v| layout.set(v)>
                <SegmentedControlItem value="list">"List"</SegmentedControlItem>
                <SegmentedControlItem value="grid">"Grid"</SegmentedControlItem>
                <SegmentedControlItem value="board">"Board"</SegmentedControlItem>
            </SegmentedControl>
            <span data-testid="segmented-value">{move || format!("Layout: {}", layout.get())}</span>
        </div>
        <div style=ROW>
            <SegmentedControl label="Range" size=Size::S1 color=Color::Indigo value="week".to_owned()>
                <SegmentedControlItem value="day">"Day"</SegmentedControlItem>
                <SegmentedControlItem value="week">"Week"</SegmentedControlItem>
            </SegmentedControl>
            <SegmentedControl label="Zoom" size=Size::S3>
                <SegmentedControlItem value="fit">"Fit"</SegmentedControlItem>
                <SegmentedControlItem value="full">"Full"</SegmentedControlItem>
            </SegmentedControl>
        </div>
    }
}

/// A label, a description and an error around a control, tied by ids.
#[component]
fn FieldDemo() -> impl IntoView {
    view! {
        <div style=COLUMN>
            <Field label="Username" description="Letters and digits only.">
                <TextField name="username" value="ada".to_owned()/>
            </Field>
            <div data-testid="field-error-demo">
                <Field
                    label="Handle"
                    description="Shown on your profile."
                    error=Signal::derive(|| Some("That handle is taken.".to_owned()))
                >
                    <TextField name="handle" value="ada".to_owned()/>
                </Field>
            </div>
            <Field label="Country" size=Size::S1>
                <Select placeholder="Choose a country" size=Size::S1>
                    <SelectItem value="fr">"France"</SelectItem>
                    <SelectItem value="jp">"Japan"</SelectItem>
                </Select>
            </Field>
        </div>
    }
}

/// A file input to click or drop files on; it lists what was chosen.
#[component]
fn FileDropZoneDemo() -> impl IntoView {
    let count = RwSignal::new(0usize);
    let chosen = move |files: Vec<FileInfo>| count.set(files.len());
    view! {
        <div style=COLUMN>
            <FileDropZone name="files" multiple=true on_change=chosen/>
            <p>{move || format!("{} files chosen", count.get())}</p>
            <FileDropZone accept="image/*" size=Size::S1 color=Color::Blue>
                "Drop one image, or click to choose it"
            </FileDropZone>
        </div>
    }
}
