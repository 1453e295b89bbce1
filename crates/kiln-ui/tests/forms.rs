//! The form components render native, labelled, posting controls with the right ARIA.

mod support;

use kiln_ui::STYLESHEET;
use kiln_ui::prelude::*;
use support::{count, render};

/// The attributes of the first element whose opening tag contains `marker`.
fn tag<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in {html}"));
    let start = html[..at].rfind('<').unwrap_or(0);
    let end = html[at..].find('>').map_or(html.len(), |end| at + end + 1);
    &html[start..end]
}

/// The value of `attribute` in `tag`.
fn attr<'a>(tag: &'a str, attribute: &str) -> Option<&'a str> {
    let needle = format!(" {attribute}=\"");
    let at = tag.find(&needle)? + needle.len();
    let end = tag[at..].find('"')?;
    Some(&tag[at..at + end])
}

#[test]
fn button_defaults_to_type_button_and_renders_its_props() {
    let html = render(|| {
        view! {
            <Button variant=Variant::Outline size=Size::S3 color=Color::Red class="wide">"Delete"</Button>
        }
    });
    let button = tag(&html, "<button");
    assert_eq!(attr(button, "type"), Some("button"), "{html}");
    assert_eq!(attr(button, "class"), Some("kiln-button wide"));
    assert_eq!(attr(button, "data-variant"), Some("outline"));
    assert_eq!(attr(button, "data-size"), Some("3"));
    assert_eq!(attr(button, "data-accent"), Some("red"));
    assert!(!button.contains("disabled"), "{button}");
    assert!(!button.contains("aria-busy"), "{button}");
    assert!(html.contains(">Delete</button>"), "{html}");
}

#[test]
fn a_loading_button_is_busy_disabled_and_shows_a_spinner() {
    let html = render(|| {
        view! { <Button loading=true type_=ButtonType::Submit>"Save"</Button> }
    });
    let button = tag(&html, "<button");
    assert_eq!(attr(button, "type"), Some("submit"));
    assert_eq!(attr(button, "aria-busy"), Some("true"));
    assert!(button.contains(" disabled"), "{button}");
    let spinner = tag(&html, "kiln-button-spinner");
    assert!(spinner.starts_with("<span"), "{html}");
    assert_eq!(attr(spinner, "aria-hidden"), Some("true"));
}

#[test]
fn an_icon_button_is_named_by_its_label() {
    let html = render(|| {
        view! {
            <IconButton label="Close" variant=Variant::Ghost disabled=true>
                <span aria-hidden="true">"×"</span>
            </IconButton>
        }
    });
    let button = tag(&html, "<button");
    assert_eq!(attr(button, "aria-label"), Some("Close"));
    assert_eq!(attr(button, "class"), Some("kiln-icon-button"));
    assert_eq!(attr(button, "data-variant"), Some("ghost"));
    assert!(button.contains(" disabled"), "{button}");
}

#[test]
fn a_text_field_is_a_native_input_with_its_value_and_slots() {
    let html = render(|| {
        view! {
            <TextField
                label="Email"
                name="email"
                type_=TextFieldType::Email
                placeholder="you@example.com"
                value="ada@example.com".to_owned()
                leading=|| view! { <span>"@"</span> }
                variant=Variant::Soft
            />
        }
    });
    let input = tag(&html, "<input");
    assert_eq!(attr(input, "type"), Some("email"), "{html}");
    assert_eq!(attr(input, "name"), Some("email"));
    assert_eq!(attr(input, "aria-label"), Some("Email"));
    assert_eq!(attr(input, "placeholder"), Some("you@example.com"));
    assert_eq!(attr(input, "value"), Some("ada@example.com"));
    assert!(!input.contains("aria-invalid"), "{input}");
    let root = tag(&html, "kiln-text-field");
    assert_eq!(attr(root, "data-variant"), Some("soft"));
    assert_eq!(attr(root, "data-size"), Some("2"));
    assert_eq!(count(&html, "kiln-text-field-slot"), 1);
}

#[test]
fn a_field_labels_describes_and_flags_its_control() {
    let html = render(|| {
        view! {
            <Theme>
                <Field
                    label="Email"
                    description="We never share it."
                    error=Signal::derive(|| Some("Enter an email address".to_owned()))
                >
                    <TextField name="email"/>
                </Field>
            </Theme>
        }
    });
    let label = tag(&html, "<label");
    let input = tag(&html, "<input");
    let id = attr(input, "id").expect("the input has an id");
    assert_eq!(attr(label, "for"), Some(id), "{html}");
    assert_eq!(attr(input, "aria-invalid"), Some("true"));
    let described_by = attr(input, "aria-describedby").expect("aria-describedby");
    let ids: Vec<&str> = described_by.split(' ').collect();
    assert_eq!(ids.len(), 2, "{described_by}");
    let description = tag(&html, &format!(r#"id="{}""#, ids[0]));
    assert!(
        description.contains("kiln-field-description"),
        "{description}"
    );
    let error = tag(&html, &format!(r#"id="{}""#, ids[1]));
    assert!(error.contains("kiln-field-error"), "{error}");
    assert_eq!(attr(error, "aria-live"), Some("polite"));
    assert_eq!(attr(error, "data-accent"), Some("red"));
    assert!(html.contains("Enter an email address</p>"), "{html}");
}

#[test]
fn a_field_without_an_error_is_valid_and_described_by_its_description_only() {
    let html = render(|| {
        view! {
            <Theme>
                <Field label="Name" description="As on your passport.">
                    <TextField name="name"/>
                </Field>
                <TextField label="Outside" name="outside"/>
            </Theme>
        }
    });
    let input = tag(&html, r#"name="name""#);
    assert!(!input.contains("aria-invalid"), "{input}");
    let described_by = attr(input, "aria-describedby").expect("aria-describedby");
    assert!(described_by.ends_with("-description"), "{described_by}");
    // The field's context does not leak to a sibling control.
    let outside = tag(&html, r#"name="outside""#);
    assert_eq!(attr(outside, "id"), None, "{outside}");
    assert_eq!(attr(outside, "aria-describedby"), None, "{outside}");
}

#[test]
fn inside_a_field_the_fields_id_wins_over_the_controls_own_so_the_label_names_it() {
    let html = render(|| {
        view! {
            <Theme>
                <Field label="Name"><TextField id="own-text"/></Field>
                <Field label="Bio"><TextArea id="own-area"/></Field>
                <Field label="Fruit">
                    <Select id="own-select"><SelectItem value="a">"Apple"</SelectItem></Select>
                </Field>
                <Field label="Guests"><NumberField id="own-number"/></Field>
                <Field label="Day"><DateField id="own-date"/></Field>
                <Field label="Volume"><Slider id="own-range"/></Field>
                <TextField id="outside-text"/>
            </Theme>
        }
    });
    for (control, marker) in [
        ("text", r#"type="text""#),
        ("textarea", "<textarea"),
        ("select", "<select"),
        ("number", r#"type="number""#),
        ("date", r#"type="date""#),
        ("range", r#"type="range""#),
    ] {
        let element = tag(&html, marker);
        let id = attr(element, "id").unwrap_or_else(|| panic!("{control} has no id: {element}"));
        assert!(!id.starts_with("own-"), "{control} kept its own id: {html}");
        assert_eq!(
            count(&html, &format!(r#"for="{id}""#)),
            1,
            "{control}: {html}"
        );
    }
    assert_eq!(count(&html, r#"id="own-"#), 0, "{html}");
    assert_eq!(count(&html, r#"id="outside-text""#), 1, "{html}");
}

#[test]
fn fields_get_distinct_ids_and_every_control_kind_takes_them() {
    let html = render(|| {
        view! {
            <Theme>
                <Field label="Bio"><TextArea rows=4 resize=TextAreaResize::None/></Field>
                <Field label="Fruit">
                    <Select><SelectItem value="a">"Apple"</SelectItem></Select>
                </Field>
                <Field label="Guests"><NumberField/></Field>
                <Field label="Day"><DateField/></Field>
                <Field label="Volume"><Slider/></Field>
            </Theme>
        }
    });
    for (control, marker) in [
        ("textarea", "<textarea"),
        ("select", "<select"),
        ("number", r#"type="number""#),
        ("date", r#"type="date""#),
        ("range", r#"type="range""#),
    ] {
        let element = tag(&html, marker);
        let id = attr(element, "id").unwrap_or_else(|| panic!("{control} has no id: {element}"));
        assert_eq!(
            count(&html, &format!(r#"for="{id}""#)),
            1,
            "{control}: {html}"
        );
        assert_eq!(
            count(&html, &format!(r#"id="{id}""#)),
            1,
            "{control}: {html}"
        );
    }
    let textarea = tag(&html, "<textarea");
    assert_eq!(attr(textarea, "rows"), Some("4"));
    assert_eq!(attr(textarea, "data-resize"), Some("none"));
}

#[test]
fn a_text_area_holds_its_text_escaped() {
    let html = render(|| view! { <TextArea label="Note" value="a < b & c".to_owned()/> });
    assert!(html.contains(">a &lt; b &amp; c</textarea>"), "{html}");
    assert_eq!(attr(tag(&html, "<textarea"), "rows"), Some("3"));
}

#[test]
fn a_number_field_has_labelled_steppers_and_bounds() {
    let html = render(|| {
        view! { <NumberField label="Guests" value=8.0 min=1.0 max=8.0 step=1.0 name="guests"/> }
    });
    let input = tag(&html, r#"type="number""#);
    assert_eq!(attr(input, "min"), Some("1"));
    assert_eq!(attr(input, "max"), Some("8"));
    assert_eq!(attr(input, "step"), Some("1"));
    assert_eq!(attr(input, "value"), Some("8"));
    let decrease = tag(&html, r#"aria-label="Decrease""#);
    let increase = tag(&html, r#"aria-label="Increase""#);
    assert_eq!(attr(decrease, "type"), Some("button"));
    assert!(!decrease.contains("disabled"), "{decrease}");
    assert!(increase.contains("disabled"), "at the maximum: {increase}");
}

#[test]
fn a_date_field_is_a_native_date_input() {
    let html = render(|| {
        view! { <DateField label="Arrival" min="2026-01-01" max="2026-12-31" value="2026-05-01".to_owned()/> }
    });
    let input = tag(&html, "<input");
    assert_eq!(attr(input, "type"), Some("date"));
    assert_eq!(attr(input, "min"), Some("2026-01-01"));
    assert_eq!(attr(input, "max"), Some("2026-12-31"));
    assert_eq!(attr(input, "value"), Some("2026-05-01"));
}

#[test]
fn a_select_marks_its_value_selected_and_offers_a_placeholder() {
    let html = render(|| {
        view! {
            <Select label="Fruit" name="fruit" value="banana".to_owned() placeholder="Pick one">
                <SelectItem value="apple">"Apple"</SelectItem>
                <SelectItem value="banana">"Banana"</SelectItem>
                <SelectGroup label="Berries">
                    <SelectItem value="cherry" disabled=true>"Cherry"</SelectItem>
                </SelectGroup>
            </Select>
        }
    });
    let select = tag(&html, "<select");
    assert_eq!(attr(select, "name"), Some("fruit"));
    assert_eq!(attr(select, "aria-label"), Some("Fruit"));
    assert_eq!(count(&html, "<option"), 4, "{html}");
    assert!(
        html.contains(r#"<option value="">Pick one</option>"#),
        "{html}"
    );
    assert!(
        tag(&html, r#"value="banana""#).contains("selected"),
        "{html}"
    );
    assert!(
        !tag(&html, r#"value="apple""#).contains("selected"),
        "{html}"
    );
    assert!(
        tag(&html, r#"value="cherry""#).contains("disabled"),
        "{html}"
    );
    assert!(html.contains(r#"<optgroup label="Berries">"#), "{html}");
}

#[test]
fn a_checkbox_is_a_labelled_native_checkbox() {
    let html = render(|| {
        view! {
            <Checkbox name="terms" value=true>"I agree"</Checkbox>
            <Checkbox indeterminate=true>"Some"</Checkbox>
        }
    });
    let first = tag(&html, r#"name="terms""#);
    assert_eq!(attr(first, "type"), Some("checkbox"));
    assert!(first.contains(" checked"), "{first}");
    assert!(html.starts_with("<label"), "{html}");
    assert_eq!(attr(tag(&html, "<label"), "class"), Some("kiln-checkbox"));
    assert!(html.contains("I agree</span></label>"), "{html}");
    let second = &html[html.find("Some").unwrap_or(0).saturating_sub(400)..];
    assert!(
        tag(second, r#"data-indeterminate="true""#).contains("checkbox"),
        "{html}"
    );
}

#[test]
fn a_checkbox_in_a_field_with_an_error_is_invalid() {
    let html = render(|| {
        view! {
            <Theme>
                <Field label="Terms" error=Signal::derive(|| Some("Accept them".to_owned()))>
                    <Checkbox name="terms">"I accept"</Checkbox>
                </Field>
            </Theme>
        }
    });
    let input = tag(&html, r#"type="checkbox""#);
    assert_eq!(attr(input, "aria-invalid"), Some("true"), "{html}");
    let id = attr(input, "id").expect("an id");
    assert_eq!(attr(tag(&html, "<label"), "for"), Some(id));
    assert_eq!(
        attr(input, "aria-describedby"),
        Some(format!("{id}-error").as_str())
    );
}

#[test]
fn a_switch_is_a_checkbox_with_the_switch_role() {
    let html = render(|| view! { <Switch value=true name="email">"Email me"</Switch> });
    let input = tag(&html, "<input");
    assert_eq!(attr(input, "type"), Some("checkbox"));
    assert_eq!(attr(input, "role"), Some("switch"));
    assert_eq!(attr(input, "aria-checked"), Some("true"));
    assert!(input.contains(" checked"), "{input}");
    let off = render(|| view! { <Switch>"Off"</Switch> });
    assert_eq!(attr(tag(&off, "<input"), "aria-checked"), Some("false"));
}

#[test]
fn a_checkbox_group_checks_the_values_it_holds() {
    let html = render(|| {
        view! {
            <CheckboxGroup legend="Toppings" name="toppings" value=vec!["olives".to_owned()]>
                <CheckboxGroupItem value="cheese">"Cheese"</CheckboxGroupItem>
                <CheckboxGroupItem value="olives">"Olives"</CheckboxGroupItem>
            </CheckboxGroup>
        }
    });
    assert!(html.starts_with("<fieldset"), "{html}");
    assert!(
        html.contains(r#"<legend class="kiln-choice-group-legend">Toppings</legend>"#),
        "{html}"
    );
    assert_eq!(count(&html, r#"name="toppings""#), 2);
    assert!(
        tag(&html, r#"value="olives""#).contains(" checked"),
        "{html}"
    );
    assert!(
        !tag(&html, r#"value="cheese""#).contains(" checked"),
        "{html}"
    );
}

#[test]
fn a_radio_group_is_named_by_its_legend_and_shares_one_name() {
    let html = render(|| {
        view! {
            <Theme>
                <RadioGroup legend="Plan" value="pro".to_owned() orientation=Orientation::Horizontal>
                    <RadioGroupItem value="free">"Free"</RadioGroupItem>
                    <RadioGroupItem value="pro">"Pro"</RadioGroupItem>
                    <RadioGroupItem value="team" disabled=true>"Team"</RadioGroupItem>
                </RadioGroup>
                <RadioGroup legend="Other">
                    <RadioGroupItem value="x">"X"</RadioGroupItem>
                </RadioGroup>
            </Theme>
        }
    });
    let group = tag(&html, "<fieldset");
    assert_eq!(attr(group, "role"), Some("radiogroup"));
    assert_eq!(attr(group, "data-orientation"), Some("horizontal"));
    let legend = attr(group, "aria-labelledby").expect("aria-labelledby");
    assert!(
        tag(&html, &format!(r#"id="{legend}""#)).starts_with("<legend"),
        "{html}"
    );
    let name = attr(tag(&html, r#"value="free""#), "name").expect("a name");
    assert_eq!(count(&html, &format!(r#"name="{name}""#)), 3, "{html}");
    assert!(tag(&html, r#"value="pro""#).contains(" checked"));
    assert!(!tag(&html, r#"value="free""#).contains(" checked"));
    assert!(tag(&html, r#"value="team""#).contains(" disabled"));
    let other = attr(tag(&html, r#"value="x""#), "name").expect("a name");
    assert_ne!(name, other, "two groups, two names");
}

#[test]
fn a_segmented_control_is_a_radio_group_of_segments() {
    let html = render(|| {
        view! {
            <SegmentedControl label="View" name="view" value="grid".to_owned() size=Size::S1>
                <SegmentedControlItem value="list">"List"</SegmentedControlItem>
                <SegmentedControlItem value="grid">"Grid"</SegmentedControlItem>
            </SegmentedControl>
        }
    });
    let group = tag(&html, "<fieldset");
    assert_eq!(attr(group, "role"), Some("radiogroup"));
    assert_eq!(attr(group, "aria-label"), Some("View"));
    assert_eq!(attr(group, "data-size"), Some("1"));
    assert_eq!(count(&html, r#"class="kiln-segment""#), 2);
    assert_eq!(count(&html, r#"type="radio""#), 2);
    assert!(tag(&html, r#"value="grid""#).contains(" checked"));
}

#[test]
fn a_slider_is_a_range_input_with_its_value_text() {
    let html = render(|| {
        view! {
            <Slider label="Volume" value=150.0 min=0.0 max=100.0 step=5.0 value_text=|v: f64| format!("{v} percent")/>
        }
    });
    let input = tag(&html, "<input");
    assert_eq!(attr(input, "type"), Some("range"));
    assert_eq!(attr(input, "min"), Some("0"));
    assert_eq!(attr(input, "max"), Some("100"));
    assert_eq!(attr(input, "step"), Some("5"));
    assert_eq!(attr(input, "value"), Some("100"), "clamped: {input}");
    assert_eq!(attr(input, "aria-label"), Some("Volume"));
    assert_eq!(attr(input, "aria-valuetext"), Some("150 percent"));
    assert!(input.contains("--kiln-slider-fill: 100%"), "{input}");
}

#[test]
fn a_form_posts_natively() {
    let html = render(|| {
        view! {
            <Form action="/signup" method="post" novalidate=true>
                <Button type_=ButtonType::Submit>"Sign up"</Button>
            </Form>
        }
    });
    let form = tag(&html, "<form");
    assert_eq!(attr(form, "action"), Some("/signup"));
    assert_eq!(attr(form, "method"), Some("post"));
    assert!(form.contains(" novalidate"), "{form}");
    assert!(html.contains(r#"type="submit""#));
}

#[test]
fn a_label_points_at_its_control() {
    let html = render(|| view! { <Label for_="nick">"Nickname"</Label> });
    assert_eq!(attr(tag(&html, "<label"), "for"), Some("nick"), "{html}");
    let error = render(|| view! { <FieldError id="e">"Wrong"</FieldError> });
    assert!(error.contains(r#"aria-live="polite""#), "{error}");
}

#[test]
fn a_file_drop_zone_is_a_labelled_file_input() {
    let html = render(|| {
        view! { <FileDropZone name="files" multiple=true accept="image/*">"Drop images"</FileDropZone> }
    });
    assert!(
        tag(&html, r#"class="kiln-file-drop-zone-area""#).starts_with("<label"),
        "{html}"
    );
    let input = tag(&html, "<input");
    assert_eq!(attr(input, "type"), Some("file"));
    assert_eq!(attr(input, "name"), Some("files"));
    assert_eq!(attr(input, "accept"), Some("image/*"));
    assert!(input.contains(" multiple"), "{input}");
    assert!(html.contains("Drop images"), "{html}");
    assert!(!html.contains("data-dragging"), "{html}");
    let default = render(|| view! { <FileDropZone/> });
    assert!(
        default.contains("Drop files here, or click to choose"),
        "{default}"
    );
}

#[test]
fn the_stylesheet_styles_every_form_component() {
    for class in [
        ".kiln-button",
        ".kiln-icon-button",
        ".kiln-text-field",
        ".kiln-text-area",
        ".kiln-number-field",
        ".kiln-select",
        ".kiln-checkbox",
        ".kiln-switch",
        ".kiln-radio",
        ".kiln-segmented-control",
        ".kiln-slider",
        ".kiln-field",
        ".kiln-field-error",
        ".kiln-file-drop-zone",
    ] {
        assert!(STYLESHEET.contains(class), "no CSS for {class}");
    }
}
