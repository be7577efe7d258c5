//! Which props are the data of a store of this module's `#[ids]`, and of which kind: the
//! adapter reads and writes them through the server (`ServerStore<T>`) or typed
//! (`Store<T>`), and the checks refuse a context to a writer of a server store.

use syn::Type;

use crate::ast::{App, Callback};
use crate::attr::Prop;
use crate::ty;

/// Does the callback write the `data` of a `ServerStore` of this module's `#[ids]`?
pub(crate) fn writes_server_store(app: &App, callback: &Callback) -> bool {
    let Some(ids) = &app.ids else { return false };
    callback
        .attr
        .outputs
        .iter()
        .filter_map(Prop::plain)
        .any(|lit| {
            let text = lit.value();
            dash_syntax::split_prop(&text).is_some_and(|(id, prop)| {
                prop == "data"
                    && ids
                        .fields
                        .iter()
                        .any(|field| field.id == id && ty::is_server_store(&field.ty))
            })
        })
}

/// The kind of store whose `data` this plain prop is, for the adapter: `Some(true)` for a
/// `ServerStore<T>` of this module's `#[ids]`, `Some(false)` for a typed `Store<T>`.
pub(crate) fn store_data(app: &App, prop: &Prop) -> Option<bool> {
    if app.fragment_of.is_some() {
        return None;
    }
    let text = prop.plain()?.value();
    let (id, name) = dash_syntax::split_prop(&text)?;
    let field = app.ids.as_ref()?.fields.iter().find(|f| f.id == id)?;
    (name == "data" && ty::store_data_type(&field.ty).is_some())
        .then(|| ty::is_server_store(&field.ty))
}

/// `T` of the `ServerStore<T>` whose `data` this plain prop is, when written out.
pub(crate) fn server_store_type<'a>(app: &'a App, prop: &Prop) -> Option<&'a Type> {
    if store_data(app, prop) != Some(true) {
        return None;
    }
    let text = prop.plain()?.value();
    let (id, _) = dash_syntax::split_prop(&text)?;
    let field = app.ids.as_ref()?.fields.iter().find(|f| f.id == id)?;
    ty::store_data_type(&field.ty)
}
