//! `#[derive(Pages)]`: a site as an enum, one variant per page. Parsed into [`Site`] with
//! every problem accumulated, then expanded (expand.rs) into the `Pages` implementation
//! and the typed links.
//!
//! A variant's named fields are its path variables (`/city/<name>` and `name: String`)
//! and its query parameters (the other fields); a link is the variant itself, so a link to
//! a page that does not exist, or that lacks a variable, does not compile.

mod expand;

use dash_syntax::PathTemplate;
use proc_macro2::TokenStream;

use crate::ctxt::Errors;
use crate::message;
use crate::ty;

/// The enum, read.
struct Site {
    ident: syn::Ident,
    pages: Vec<PageVariant>,
    not_found: Option<syn::Path>,
    shell: Option<syn::Path>,
}

/// One variant: a page.
struct PageVariant {
    ident: syn::Ident,
    /// `None` for a unit variant.
    fields: Option<Vec<Field>>,
    path: syn::LitStr,
    template: PathTemplate,
    source: Source,
    name: String,
    title: Option<syn::LitStr>,
    description: Option<syn::LitStr>,
    image: Option<syn::LitStr>,
    image_url: Option<syn::LitStr>,
    order: Option<syn::LitInt>,
    redirect_from: Vec<syn::LitStr>,
}

/// Where a page's layout comes from.
enum Source {
    /// A `#[dash::app]` module: its `layout` function and its callbacks.
    Module(syn::Path),
    /// A function alone.
    Layout(syn::Path),
}

/// A variant's field: a path variable or a query parameter.
struct Field {
    ident: syn::Ident,
    ty: syn::Type,
    kind: FieldKind,
}

enum FieldKind {
    /// `<name>` in the path.
    Variable,
    /// `?name=..`: absent means the type's default.
    Query,
    /// `Option<T>`: absent means `None`.
    QueryOption(syn::Type),
    /// `Vec<T>`: every value of a repeated parameter.
    QueryAll(syn::Type),
}

/// Expands `#[derive(Pages)]`.
pub(crate) fn derive(input: TokenStream) -> TokenStream {
    let input = match syn::parse2::<syn::DeriveInput>(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::default();
    match parse(&input, &mut errors) {
        Some(site) if errors.is_empty() => expand::site(&site),
        _ => {
            let mut output = errors.to_compile_errors();
            output.extend(expand::stubs(&input.ident));
            output
        }
    }
}

fn parse(input: &syn::DeriveInput, errors: &mut Errors) -> Option<Site> {
    let syn::Data::Enum(data) = &input.data else {
        errors.spanned(&input.ident, message::PAGES_NOT_AN_ENUM);
        return None;
    };
    if !input.generics.params.is_empty() {
        errors.spanned(&input.generics, message::PAGES_GENERIC);
    }
    let (not_found, shell) = site_attributes(&input.attrs, errors);
    let pages: Vec<PageVariant> = data
        .variants
        .iter()
        .filter_map(|variant| page(variant, errors))
        .collect();
    for (at, page) in pages.iter().enumerate() {
        if let Some(other) = pages[..at].iter().find(|o| o.template == page.template) {
            errors.spanned(
                &page.path,
                message::same_page_path(&page.template.to_string(), &other.ident.to_string()),
            );
        }
    }
    let redirects: Vec<(&PageVariant, &syn::LitStr)> = pages
        .iter()
        .flat_map(|page| page.redirect_from.iter().map(move |from| (page, from)))
        .collect();
    for (at, (_, from)) in redirects.iter().enumerate() {
        if let Some((other, _)) = redirects[..at]
            .iter()
            .find(|(_, f)| f.value() == from.value())
        {
            errors.spanned(from, message::redirect_twice(&other.ident.to_string()));
        }
    }
    Some(Site {
        ident: input.ident.clone(),
        pages,
        not_found,
        shell,
    })
}

/// `#[pages(not_found = module, shell = module)]` on the enum.
fn site_attributes(
    attrs: &[syn::Attribute],
    errors: &mut Errors,
) -> (Option<syn::Path>, Option<syn::Path>) {
    let mut not_found = None;
    let mut shell = None;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("pages")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("not_found") {
                not_found = Some(meta.value()?.parse::<syn::Path>()?);
                Ok(())
            } else if meta.path.is_ident("shell") {
                shell = Some(meta.value()?.parse::<syn::Path>()?);
                Ok(())
            } else {
                Err(meta.error(message::PAGES_ATTRIBUTE))
            }
        });
        if let Err(error) = result {
            errors.push(error);
        }
    }
    (not_found, shell)
}

fn page(variant: &syn::Variant, errors: &mut Errors) -> Option<PageVariant> {
    let Some(attr) = variant
        .attrs
        .iter()
        .find(|attr| attr.path().is_ident("page"))
    else {
        errors.spanned(&variant.ident, message::PAGE_MISSING);
        return None;
    };
    let mut path = None;
    let mut module = None;
    let mut layout = None;
    let mut name = None;
    let mut title: Option<syn::LitStr> = None;
    let mut description = None;
    let mut image = None;
    let mut image_url = None;
    let mut order = None;
    let mut redirect_from = Vec::new();
    let result = attr.parse_nested_meta(|meta| {
        let key = meta.path.get_ident().map(ToString::to_string);
        match key.as_deref() {
            Some("path") => path = Some(meta.value()?.parse::<syn::LitStr>()?),
            Some("module") => module = Some(meta.value()?.parse::<syn::Path>()?),
            Some("layout") => layout = Some(meta.value()?.parse::<syn::Path>()?),
            Some("name") => name = Some(meta.value()?.parse::<syn::LitStr>()?.value()),
            Some("title") => title = Some(meta.value()?.parse()?),
            Some("description") => description = Some(meta.value()?.parse()?),
            Some("image") => image = Some(meta.value()?.parse()?),
            Some("image_url") => image_url = Some(meta.value()?.parse()?),
            Some("order") => order = Some(meta.value()?.parse()?),
            Some("redirect_from") => {
                let from: syn::LitStr = meta.value()?.parse()?;
                let text = from.value();
                if !text.starts_with('/')
                    || text.contains(['{', '}', '<', '>', '?', '#'])
                    || text.trim_start_matches('/').starts_with("_dash-")
                {
                    return Err(syn::Error::new(from.span(), message::REDIRECT_NOT_A_PATH));
                }
                redirect_from.push(from);
            }
            _ => return Err(meta.error(message::PAGE_ATTRIBUTE)),
        }
        Ok(())
    });
    if let Err(error) = result {
        errors.push(error);
        return None;
    }
    let source = match (module, layout) {
        (Some(module), None) => Source::Module(module),
        (None, Some(layout)) => Source::Layout(layout),
        _ => {
            errors.spanned(attr, message::PAGE_MODULE_OR_LAYOUT);
            return None;
        }
    };
    let path = path.unwrap_or_else(|| {
        let inferred = format!(
            "/{}",
            dash_syntax::snake(&variant.ident.to_string()).replace('_', "-")
        );
        syn::LitStr::new(&inferred, variant.ident.span())
    });
    let template = match PathTemplate::parse(&path.value()) {
        Ok(template) => template,
        Err(reason) => {
            errors.spanned(&path, message::bad_page_path(&reason));
            return None;
        }
    };
    let variables: Vec<&str> = template.variables().collect();
    if !variables.is_empty()
        && let Some(from) = redirect_from.first()
    {
        errors.spanned(from, message::REDIRECT_TO_VARIABLES);
    }
    let fields = match &variant.fields {
        syn::Fields::Unit => None,
        syn::Fields::Unnamed(fields) => {
            errors.spanned(fields, message::PAGE_TUPLE_FIELDS);
            return None;
        }
        syn::Fields::Named(fields) => Some(
            fields
                .named
                .iter()
                .map(|field| {
                    let ident = field.ident.clone().expect("named");
                    let is_variable = variables.iter().any(|v| ident == v);
                    let kind = if is_variable {
                        FieldKind::Variable
                    } else if let Some(inner) = ty::type_argument(&field.ty, &["Option"]) {
                        FieldKind::QueryOption(inner.clone())
                    } else if let Some(inner) = ty::type_argument(&field.ty, &["Vec"]) {
                        FieldKind::QueryAll(inner.clone())
                    } else {
                        FieldKind::Query
                    };
                    Field {
                        ident,
                        ty: field.ty.clone(),
                        kind,
                    }
                })
                .collect::<Vec<_>>(),
        ),
    };
    let field_names: Vec<String> = fields
        .iter()
        .flatten()
        .map(|field| field.ident.to_string())
        .collect();
    for variable in &variables {
        if !field_names.iter().any(|name| name == variable) {
            errors.spanned(
                &path,
                message::variable_without_field(&variant.ident.to_string(), variable),
            );
        }
    }
    if let Some(title) = &title {
        for placeholder in placeholders(&title.value()) {
            if !variables.contains(&placeholder.as_str()) {
                errors.spanned(title, message::title_without_variable(&placeholder));
            }
        }
    }
    Some(PageVariant {
        name: name.unwrap_or_else(|| words(&variant.ident.to_string())),
        ident: variant.ident.clone(),
        fields,
        path,
        template,
        source,
        title,
        description,
        image,
        image_url,
        order,
        redirect_from,
    })
}

/// The `{name}`s of a title.
fn placeholders(title: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = title;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        out.push(rest[start + 1..start + end].to_owned());
        rest = &rest[start + end + 1..];
    }
    out
}

/// A variant's name as words: `WeeklyAnalytics` is "Weekly analytics".
fn words(ident: &str) -> String {
    let snake = dash_syntax::snake(ident).replace('_', " ");
    let mut chars = snake.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_placeholders() {
        assert_eq!(words("WeeklyAnalytics"), "Weekly analytics");
        assert_eq!(words("Home"), "Home");
        assert_eq!(placeholders("Weather in {name}, {x}"), ["name", "x"]);
        assert!(placeholders("no {braces").is_empty());
    }
}
