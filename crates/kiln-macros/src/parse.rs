//! The grammar: what `#[derive(LiveState)]` and `#[live_events]` read from their input, with
//! every error the macros report. Expanding what it reads is `expand_state` and
//! `expand_events`'s job.

use proc_macro2::{Span, TokenStream};
use quote::format_ident;
use syn::spanned::Spanned;
use syn::{
    Attribute, Data, DeriveInput, Error, Fields, FnArg, GenericArgument, Ident, ImplItem,
    ImplItemFn, ItemImpl, LitStr, Pat, PathArguments, ReturnType, Type, Visibility,
};

/// A struct deriving `LiveState`.
pub struct State {
    pub ident: Ident,
    pub vis: Visibility,
    /// The name the browser finds it by: `#[live(name = "...")]`, or the struct's in snake case.
    pub name: String,
    /// `#[live(shared)]`: one instance per room, not per session.
    pub shared: bool,
    /// The fields the browser sees (those without `#[live(server_only)]`).
    pub fields: Vec<Field>,
}

/// A field the browser sees.
pub struct Field {
    pub ident: Ident,
    pub ty: Type,
    pub vis: Visibility,
    /// Its `#[serde(...)]` and doc attributes, kept on the generated types.
    pub serde_attrs: Vec<Attribute>,
    pub docs: Vec<Attribute>,
}

/// A `#[live_events]` block.
pub struct Events {
    pub self_ty: Type,
    pub self_ident: Ident,
    pub attrs: Vec<Attribute>,
    /// `on_load`, if the block has one.
    pub load: Option<ImplItemFn>,
    pub events: Vec<Event>,
    /// The block's items as written (events, `on_load` and helpers alike).
    pub kept: Vec<ImplItem>,
}

/// One event: a public method with a `self` receiver.
pub struct Event {
    pub method: ImplItemFn,
    pub variant: Ident,
    pub wire_name: String,
    /// The event's arguments: (name, type).
    pub args: Vec<(Ident, Type)>,
    /// Where the `&mut Ctx<Self>` argument goes, if the method takes one.
    pub ctx_position: Option<usize>,
    /// The `E` of a `Result<_, E>` the method returns (`NoError` when it returns no `Result`).
    pub error: Type,
}

/// `#[live_events]` takes no arguments.
pub fn no_arguments(args: &TokenStream) -> syn::Result<()> {
    if args.is_empty() {
        Ok(())
    } else {
        Err(Error::new(args.span(), "#[live_events] takes no arguments"))
    }
}

/// Reads a `#[derive(LiveState)]` input.
pub fn state(input: &DeriveInput) -> syn::Result<State> {
    let ident = &input.ident;
    if !input.generics.params.is_empty() {
        return Err(Error::new(
            input.generics.span(),
            "a live state cannot be generic: the browser finds it by name",
        ));
    }
    let Data::Struct(data) = &input.data else {
        return Err(Error::new(
            ident.span(),
            "#[derive(LiveState)] needs a struct with named fields",
        ));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(Error::new(
            ident.span(),
            "#[derive(LiveState)] needs a struct with named fields",
        ));
    };
    let options = state_options(&input.attrs)?;
    let mut fields = Vec::new();
    for field in &named.named {
        if is_server_only(&field.attrs)? {
            continue;
        }
        let Some(field_ident) = &field.ident else {
            continue;
        };
        let kept = |name: &str| {
            field
                .attrs
                .iter()
                .filter(|a| a.path().is_ident(name))
                .cloned()
                .collect()
        };
        fields.push(Field {
            ident: field_ident.clone(),
            ty: field.ty.clone(),
            vis: field.vis.clone(),
            serde_attrs: kept("serde"),
            docs: kept("doc"),
        });
    }
    Ok(State {
        ident: ident.clone(),
        vis: input.vis.clone(),
        name: options
            .name
            .unwrap_or_else(|| snake_case(&ident.to_string())),
        shared: options.shared,
        fields,
    })
}

/// What `#[live(...)]` on the struct says.
#[derive(Default)]
struct StateOptions {
    name: Option<String>,
    shared: bool,
}

fn state_options(attrs: &[Attribute]) -> syn::Result<StateOptions> {
    let mut options = StateOptions::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("live")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("name") {
                let name: LitStr = meta.value()?.parse()?;
                let value = name.value();
                if value.is_empty()
                    || !value
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                {
                    return Err(Error::new(
                        name.span(),
                        "a live state's name may hold only ASCII letters, digits, `_` and `-`",
                    ));
                }
                options.name = Some(value);
                Ok(())
            } else if meta.path.is_ident("shared") {
                options.shared = true;
                Ok(())
            } else {
                Err(meta.error("expected `name = \"...\"` or `shared`"))
            }
        })?;
    }
    Ok(options)
}

fn is_server_only(attrs: &[Attribute]) -> syn::Result<bool> {
    let mut server_only = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("live")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("server_only") {
                server_only = true;
                Ok(())
            } else {
                Err(meta.error("expected `server_only`"))
            }
        })?;
    }
    Ok(server_only)
}

/// Reads a `#[live_events]` block.
pub fn events(input: &ItemImpl) -> syn::Result<Events> {
    if let Some((_, path, _)) = &input.trait_ {
        return Err(Error::new(
            path.span(),
            "#[live_events] goes on an inherent `impl State { ... }` block",
        ));
    }
    let self_ident = match &*input.self_ty {
        Type::Path(path) => path.path.segments.last().map(|s| s.ident.clone()),
        _ => None,
    };
    let Some(self_ident) = self_ident else {
        return Err(Error::new(
            input.self_ty.span(),
            "expected `impl State { ... }`",
        ));
    };
    let mut load = None;
    let mut events = Vec::new();
    let mut kept = Vec::new();
    for item in input.items.iter().cloned() {
        match sort_method(item)? {
            Method::Load(method) => {
                kept.push(ImplItem::Fn((*method).clone()));
                load = Some(*method);
            }
            Method::Event(event) => {
                kept.push(ImplItem::Fn(event.method.clone()));
                events.push(*event);
            }
            Method::Other(item) => kept.push(*item),
        }
    }
    if events.is_empty() {
        return Err(Error::new(
            Span::call_site(),
            "#[live_events] found no events: make each handler a `pub fn` taking `&mut self`",
        ));
    }
    Ok(Events {
        self_ty: (*input.self_ty).clone(),
        self_ident,
        attrs: input.attrs.clone(),
        load,
        events,
        kept,
    })
}

/// A method of a `#[live_events]` block, sorted.
enum Method {
    /// `on_load`: fills a new state.
    Load(Box<ImplItemFn>),
    /// A public method with a `self` receiver: an event.
    Event(Box<Event>),
    /// Anything else: a helper, kept as written.
    Other(Box<ImplItem>),
}

fn sort_method(item: ImplItem) -> syn::Result<Method> {
    let ImplItem::Fn(method) = item else {
        return Ok(Method::Other(Box::new(item)));
    };
    let receiver = method.sig.receiver().cloned();
    if method.sig.ident == "on_load" {
        if receiver.is_some() {
            return Err(Error::new(
                method.sig.span(),
                "`on_load` makes a new state: it takes no `self`",
            ));
        }
        return Ok(Method::Load(Box::new(method)));
    }
    let Some(receiver) = receiver else {
        return Ok(Method::Other(Box::new(ImplItem::Fn(method))));
    };
    if !matches!(method.vis, Visibility::Public(_)) {
        return Ok(Method::Other(Box::new(ImplItem::Fn(method))));
    }
    if receiver.reference.is_none() {
        return Err(Error::new(
            receiver.span(),
            "an event handler borrows the state: take `&mut self` (or `&self`)",
        ));
    }
    if !method.sig.generics.params.is_empty() {
        return Err(Error::new(
            method.sig.generics.span(),
            "an event handler cannot be generic: its arguments travel as JSON",
        ));
    }
    let mut args = Vec::new();
    let mut ctx_position = None;
    for (position, input) in method.sig.inputs.iter().skip(1).enumerate() {
        let FnArg::Typed(typed) = input else {
            continue;
        };
        if is_named(&typed.ty, "Ctx") {
            if !matches!(&*typed.ty, Type::Reference(r) if r.mutability.is_some()) {
                return Err(Error::new(
                    typed.ty.span(),
                    "take the context as `&mut Ctx<Self>`",
                ));
            }
            ctx_position = Some(position);
            continue;
        }
        let Pat::Ident(pat) = &*typed.pat else {
            return Err(Error::new(
                typed.pat.span(),
                "name each event argument with a plain identifier: it is its name on the wire",
            ));
        };
        if matches!(&*typed.ty, Type::Reference(_)) {
            return Err(Error::new(
                typed.ty.span(),
                "an event argument arrives as JSON: take it by value",
            ));
        }
        args.push((pat.ident.clone(), (*typed.ty).clone()));
    }
    let wire_name = method.sig.ident.to_string();
    let variant = format_ident!("{}", upper_camel_case(&wire_name));
    let error =
        error_type(&method.sig.output).unwrap_or_else(|| syn::parse_quote!(::kiln::live::NoError));
    Ok(Method::Event(Box::new(Event {
        method,
        variant,
        wire_name,
        args,
        ctx_position,
        error,
    })))
}

fn is_named(ty: &Type, name: &str) -> bool {
    let ty = match ty {
        Type::Reference(reference) => &*reference.elem,
        other => other,
    };
    matches!(ty, Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == name))
}

/// The `E` of a `Result<_, E>` return type, or `None`.
fn error_type(output: &ReturnType) -> Option<Type> {
    let ReturnType::Type(_, ty) = output else {
        return None;
    };
    let Type::Path(path) = &**ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    args.args.iter().nth(1).and_then(|arg| match arg {
        GenericArgument::Type(ty) => Some(ty.clone()),
        _ => None,
    })
}

pub fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

pub fn upper_camel_case(name: &str) -> String {
    name.split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;
    use syn::parse_quote;

    #[test]
    fn names_are_converted_between_cases() {
        assert_eq!(snake_case("TodoList"), "todo_list");
        assert_eq!(snake_case("Counter"), "counter");
        assert_eq!(upper_camel_case("add_item_slow"), "AddItemSlow");
        assert_eq!(upper_camel_case("increment"), "Increment");
    }

    #[test]
    fn a_state_is_named_and_keeps_only_the_fields_the_browser_sees() {
        let input: DeriveInput = parse_quote! {
            #[live(shared)]
            pub struct ChatRoom {
                /// The lines.
                #[serde(default)]
                pub lines: Vec<String>,
                #[live(server_only)]
                secret: String,
            }
        };
        let room = state(&input).expect("a state");
        assert_eq!(room.name, "chat_room");
        assert!(room.shared);
        assert_eq!(room.fields.len(), 1);
        let field = &room.fields[0];
        assert_eq!(field.ident, "lines");
        assert_eq!(field.serde_attrs.len(), 1);
        assert_eq!(field.docs.len(), 1);

        let renamed: DeriveInput = parse_quote! {
            #[live(name = "room-2")]
            struct Room { n: i64 }
        };
        assert_eq!(state(&renamed).expect("a state").name, "room-2");
    }

    #[test]
    fn events_are_sorted_from_helpers_and_keep_their_context_and_error() {
        let input: ItemImpl = parse_quote! {
            impl Todos {
                async fn on_load(ctx: &LoadCtx<Self>) -> Self { Self::default() }
                pub async fn add(&mut self, ctx: &mut Ctx<Self>, text: String) -> Result<(), TodoError> { Ok(()) }
                pub fn clear(&mut self) {}
                fn helper(&self) {}
                pub fn constructor() -> Self { Self::default() }
            }
        };
        let todos = events(&input).expect("events");
        assert_eq!(todos.self_ident, "Todos");
        assert!(todos.load.is_some());
        assert_eq!(todos.kept.len(), 5, "every item is kept as written");
        let names: Vec<_> = todos.events.iter().map(|e| e.wire_name.as_str()).collect();
        assert_eq!(names, ["add", "clear"]);
        let add = &todos.events[0];
        assert_eq!(add.variant, "Add");
        assert_eq!(add.ctx_position, Some(0));
        assert_eq!(add.args.len(), 1);
        assert_eq!(add.args[0].0, "text");
        assert_eq!(add.error.to_token_stream().to_string(), "TodoError");
        let clear = &todos.events[1];
        assert_eq!(clear.ctx_position, None);
        assert_eq!(
            clear.error.to_token_stream().to_string(),
            ":: kiln :: live :: NoError"
        );
    }

    #[test]
    fn bad_input_is_refused_with_what_to_do() {
        let refused = |input: ItemImpl| match events(&input) {
            Ok(_) => panic!("accepted"),
            Err(error) => error.to_string(),
        };
        assert!(
            refused(parse_quote! { impl Counter { pub fn add(&mut self, by: &i64) {} } })
                .contains("take it by value")
        );
        assert!(
            refused(parse_quote! { impl Counter { fn helper(&self) {} } })
                .contains("found no events")
        );
        let generic: DeriveInput = parse_quote! { struct Counter<T> { value: T } };
        assert!(state(&generic).is_err_and(|e| e.to_string().contains("cannot be generic")));
    }
}
