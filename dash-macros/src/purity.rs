//! The lint that keeps callbacks from writing global state.
//!
//! It walks a callback's body and reports every write to global state it can see:
//! `static mut` and `thread_local!` declarations, `unsafe` blocks, assignments and
//! mutable borrows whose target is a global path, and interior-mutability writes
//! (`fetch_add`, `lock`, `set`, …) on a global or on a local bound to one. It is a lint,
//! not a proof: writes inside called functions, behind most macros, or through values
//! returned by functions are out of its sight.

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{BinOp, Block, Expr, Ident, Pat, StaticMutability, Token};

use crate::message;

/// Methods that write through a global receiver, whatever its type.
const GLOBAL_WRITES: &[&str] = &[
    "store",
    "swap",
    "fetch_add",
    "fetch_sub",
    "fetch_and",
    "fetch_nand",
    "fetch_or",
    "fetch_xor",
    "fetch_max",
    "fetch_min",
    "fetch_update",
    "compare_exchange",
    "compare_exchange_weak",
    "compare_and_swap",
    "lock",
    "try_lock",
    "write",
    "try_write",
    "set",
    "get_or_init",
    "get_or_try_init",
    "get_mut",
    "with_borrow_mut",
    "borrow_mut",
];

/// Methods that also write when called on a local that refers to a global (a lock guard,
/// a `thread_local!` cell). On a global itself they are too ambiguous (`str::replace`).
const ALIAS_WRITES: &[&str] = &[
    "replace", "take", "insert", "push", "push_str", "update", "clear", "remove", "extend",
    "append", "truncate", "retain", "drain", "entry", "pop",
];

/// Methods whose result no longer refers to their receiver.
const OWNED_RESULTS: &[&str] = &[
    "clone",
    "cloned",
    "copied",
    "to_owned",
    "to_string",
    "to_vec",
    "load",
    "get",
    "len",
    "is_empty",
    "contains",
    "contains_key",
    "iter",
    "into_iter",
    "map",
    "collect",
];

/// `with` on a `thread_local!` key lends its cell to the closure.
const LENDERS: &[&str] = &["with", "with_borrow", "with_borrow_mut"];

#[derive(Clone, Copy, PartialEq)]
enum Binding {
    Local,
    /// A local that refers to a global: `let r = &COUNTER;`, `KEY.with(|cell| ..)`.
    AliasOfGlobal,
}

#[derive(Clone, Copy, PartialEq)]
enum Root {
    Global,
    Alias,
}

/// One problem, at its span.
pub(crate) struct Finding {
    pub span: Span,
    pub message: String,
}

/// Lints one callback body; `params` are its parameter patterns, each marked when it is a
/// `Shared<T>` (which the lint treats like a global).
pub(crate) fn lint(callback: &str, params: &[(&Pat, bool)], body: &Block) -> Vec<Finding> {
    let mut lint = Lint {
        callback,
        scopes: vec![Vec::new()],
        findings: Vec::new(),
        lend_to_closure: false,
        quiet_chain: false,
    };
    for (param, shared) in params {
        let binding = if *shared {
            Binding::AliasOfGlobal
        } else {
            Binding::Local
        };
        lint.bind(param, binding);
    }
    lint.visit_block(body);
    lint.findings
}

struct Lint<'a> {
    callback: &'a str,
    scopes: Vec<Vec<(String, Binding)>>,
    findings: Vec<Finding>,
    /// The next closure's parameters refer to a global (`KEY.with(|cell| ..)`).
    lend_to_closure: bool,
    /// A write was reported on a method chain: its receivers are the same write.
    quiet_chain: bool,
}

impl Lint<'_> {
    fn report(&mut self, span: Span, what: &str) {
        self.findings.push(Finding {
            span,
            message: message::global_write(self.callback, what),
        });
    }

    fn lookup(&self, name: &str) -> Option<Binding> {
        self.scopes
            .iter()
            .rev()
            .flat_map(|scope| scope.iter().rev())
            .find(|(n, _)| n == name)
            .map(|(_, b)| *b)
    }

    fn bind(&mut self, pat: &Pat, binding: Binding) {
        let mut names = Vec::new();
        bindings(pat, &mut names);
        let scope = self.scopes.last_mut().expect("a scope is always open");
        scope.extend(names.into_iter().map(|n| (n, binding)));
    }

    fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        self.scopes.push(Vec::new());
        f(self);
        self.scopes.pop();
    }

    /// What the place or value an expression denotes is rooted in.
    fn root(&self, expr: &Expr) -> Option<Root> {
        match expr {
            Expr::Path(path) if path.qself.is_none() => {
                let segments = &path.path.segments;
                if segments.len() > 1 || path.path.leading_colon.is_some() {
                    return Some(Root::Global);
                }
                let name = segments.first()?.ident.to_string();
                match self.lookup(&name) {
                    Some(Binding::Local) => None,
                    Some(Binding::AliasOfGlobal) => Some(Root::Alias),
                    None => Some(Root::Global),
                }
            }
            Expr::Field(e) => self.root(&e.base),
            Expr::Index(e) => self.root(&e.expr),
            Expr::Paren(e) => self.root(&e.expr),
            Expr::Group(e) => self.root(&e.expr),
            Expr::Reference(e) => self.root(&e.expr),
            Expr::Try(e) => self.root(&e.expr),
            Expr::Unary(e) if matches!(e.op, syn::UnOp::Deref(_)) => self.root(&e.expr),
            Expr::MethodCall(call) => {
                let method = call.method.to_string();
                if OWNED_RESULTS.contains(&method.as_str()) {
                    None
                } else {
                    self.root(&call.receiver)
                }
            }
            _ => None,
        }
    }

    /// Reports a write to `target` if it is rooted in a global, at the root's name; the
    /// method chain inside `target` is then the same write, not another one.
    fn check_target(&mut self, target: &Expr, what: &str) {
        if self.root(target).is_some() {
            self.report(root_span(target), what);
            self.quiet_chain = true;
        }
    }
}

impl<'ast> Visit<'ast> for Lint<'_> {
    fn visit_block(&mut self, block: &'ast Block) {
        self.scoped(|lint| visit::visit_block(lint, block));
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        let mut binding = Binding::Local;
        if let Some(init) = &local.init {
            self.visit_expr(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.visit_expr(diverge);
            }
            if self.root(&init.expr).is_some() && refers_to_place(&init.expr) {
                binding = Binding::AliasOfGlobal;
            }
        }
        self.bind(&local.pat, binding);
    }

    fn visit_expr_closure(&mut self, closure: &'ast syn::ExprClosure) {
        let binding = if std::mem::take(&mut self.lend_to_closure) {
            Binding::AliasOfGlobal
        } else {
            Binding::Local
        };
        self.scoped(|lint| {
            for input in &closure.inputs {
                lint.bind(input, binding);
            }
            lint.visit_expr(&closure.body);
        });
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        self.scoped(|lint| {
            lint.bind(&arm.pat, Binding::Local);
            visit::visit_arm(lint, arm);
        });
    }

    fn visit_expr_for_loop(&mut self, each: &'ast syn::ExprForLoop) {
        self.visit_expr(&each.expr);
        self.scoped(|lint| {
            lint.bind(&each.pat, Binding::Local);
            lint.visit_block(&each.body);
        });
    }

    fn visit_expr_if(&mut self, branch: &'ast syn::ExprIf) {
        if let Expr::Let(condition) = &*branch.cond {
            self.visit_expr(&condition.expr);
            self.scoped(|lint| {
                lint.bind(&condition.pat, Binding::Local);
                lint.visit_block(&branch.then_branch);
            });
            if let Some((_, otherwise)) = &branch.else_branch {
                self.visit_expr(otherwise);
            }
        } else {
            visit::visit_expr_if(self, branch);
        }
    }

    fn visit_expr_while(&mut self, each: &'ast syn::ExprWhile) {
        if let Expr::Let(condition) = &*each.cond {
            self.visit_expr(&condition.expr);
            self.scoped(|lint| {
                lint.bind(&condition.pat, Binding::Local);
                lint.visit_block(&each.body);
            });
        } else {
            visit::visit_expr_while(self, each);
        }
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        // A nested `fn` captures nothing: only its own parameters are local.
        let outer = std::mem::replace(&mut self.scopes, vec![Vec::new()]);
        for input in &item.sig.inputs {
            if let syn::FnArg::Typed(typed) = input {
                self.bind(&typed.pat, Binding::Local);
            }
        }
        self.visit_block(&item.block);
        self.scopes = outer;
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        if let StaticMutability::Mut(token) = &item.mutability {
            self.report(token.span, "declares a `static mut`");
        }
        visit::visit_item_static(self, item);
    }

    fn visit_expr_unsafe(&mut self, block: &'ast syn::ExprUnsafe) {
        self.report(block.unsafe_token.span, "uses an `unsafe` block");
        visit::visit_expr_unsafe(self, block);
    }

    fn visit_expr_assign(&mut self, assign: &'ast syn::ExprAssign) {
        self.check_target(&assign.left, "assigns to a global");
        self.visit_expr(&assign.left);
        self.quiet_chain = false;
        self.visit_expr(&assign.right);
    }

    fn visit_expr_binary(&mut self, binary: &'ast syn::ExprBinary) {
        if is_compound_assignment(&binary.op) {
            self.check_target(&binary.left, "assigns to a global");
        }
        self.visit_expr(&binary.left);
        self.quiet_chain = false;
        self.visit_expr(&binary.right);
    }

    fn visit_expr_reference(&mut self, reference: &'ast syn::ExprReference) {
        if reference.mutability.is_some() {
            self.check_target(&reference.expr, "borrows a global mutably");
        }
        self.visit_expr(&reference.expr);
        self.quiet_chain = false;
    }

    fn visit_expr_raw_addr(&mut self, raw: &'ast syn::ExprRawAddr) {
        if matches!(raw.mutability, syn::PointerMutability::Mut(_)) {
            self.check_target(&raw.expr, "takes a mutable pointer to a global");
        }
        visit::visit_expr_raw_addr(self, raw);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let method = call.method.to_string();
        let method = method.as_str();
        let root = self.root(&call.receiver);
        let writes = match root {
            Some(Root::Global) => GLOBAL_WRITES.contains(&method),
            Some(Root::Alias) => GLOBAL_WRITES.contains(&method) || ALIAS_WRITES.contains(&method),
            None => false,
        };
        let quiet = std::mem::take(&mut self.quiet_chain);
        if writes && !quiet {
            self.report(
                call.method.span(),
                &format!("writes to a global through `.{method}()`"),
            );
        }
        self.quiet_chain = writes || quiet;
        self.visit_expr(&call.receiver);
        self.quiet_chain = false;
        let lends = root == Some(Root::Global) && LENDERS.contains(&method);
        for arg in &call.args {
            self.lend_to_closure = lends && matches!(arg, Expr::Closure(_));
            self.visit_expr(arg);
        }
        self.lend_to_closure = false;
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        if name == "thread_local" {
            self.report(mac.path.span(), "declares a `thread_local!`");
            return;
        }
        if name == "addr_of_mut" {
            if let Ok(place) = mac.parse_body::<Expr>() {
                self.check_target(&place, "takes a mutable pointer to a global");
            }
            return;
        }
        // Macros written like calls (`println!`, `vec!`, `assert_eq!`, `write!`) are read
        // as their arguments; any other macro is opaque.
        if let Ok(args) = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated) {
            for arg in &args {
                self.visit_expr(arg);
            }
        }
    }
}

/// Where the root of a place expression is written: `COUNTER` in `*COUNTER.lock()?`.
fn root_span(expr: &Expr) -> Span {
    match expr {
        Expr::Field(e) => root_span(&e.base),
        Expr::Index(e) => root_span(&e.expr),
        Expr::Paren(e) => root_span(&e.expr),
        Expr::Group(e) => root_span(&e.expr),
        Expr::Reference(e) => root_span(&e.expr),
        Expr::Try(e) => root_span(&e.expr),
        Expr::Unary(e) => root_span(&e.expr),
        Expr::MethodCall(call) => root_span(&call.receiver),
        other => other.span(),
    }
}

/// Does the expression denote a place (or a borrow of one), so that a binding to it still
/// refers to the global? Calls that lend the global out count (`CACHE.lock()`).
fn refers_to_place(expr: &Expr) -> bool {
    match expr {
        Expr::Reference(_) | Expr::Path(_) | Expr::Field(_) | Expr::Index(_) => true,
        Expr::MethodCall(call) => {
            let method = call.method.to_string();
            GLOBAL_WRITES.contains(&method.as_str())
                || [
                    "unwrap", "expect", "borrow", "as_ref", "as_mut", "read", "deref",
                ]
                .contains(&method.as_str())
                || refers_to_place(&call.receiver) && !OWNED_RESULTS.contains(&method.as_str())
        }
        Expr::Try(e) => refers_to_place(&e.expr),
        Expr::Paren(e) => refers_to_place(&e.expr),
        _ => false,
    }
}

fn is_compound_assignment(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_)
    )
}

/// The names a pattern binds. An all-caps identifier is a constant pattern, not a binding.
fn bindings(pat: &Pat, names: &mut Vec<String>) {
    match pat {
        Pat::Ident(ident) => {
            if !is_constant_name(&ident.ident) {
                names.push(ident.ident.to_string());
            }
            if let Some((_, sub)) = &ident.subpat {
                bindings(sub, names);
            }
        }
        Pat::Guard(guard) => bindings(&guard.pat, names),
        Pat::Or(or) => or.cases.iter().for_each(|p| bindings(p, names)),
        Pat::Paren(p) => bindings(&p.pat, names),
        Pat::Reference(r) => bindings(&r.pat, names),
        Pat::Slice(s) => s.elems.iter().for_each(|p| bindings(p, names)),
        Pat::Tuple(t) => t.elems.iter().for_each(|p| bindings(p, names)),
        Pat::TupleStruct(t) => t.elems.iter().for_each(|p| bindings(p, names)),
        Pat::Struct(s) => s.fields.iter().for_each(|f| bindings(&f.pat, names)),
        Pat::Type(t) => bindings(&t.pat, names),
        _ => {}
    }
}

fn is_constant_name(ident: &Ident) -> bool {
    let name = ident.to_string();
    name.len() > 1
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(body: &str) -> Vec<String> {
        let function: syn::ItemFn = syn::parse_str(&format!("fn f(input: u32) {body}")).unwrap();
        let params: Vec<(&Pat, bool)> = function
            .sig
            .inputs
            .iter()
            .filter_map(|a| match a {
                syn::FnArg::Typed(t) => Some((&*t.pat, false)),
                _ => None,
            })
            .collect();
        lint("f", &params, &function.block)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    fn flagged(body: &str) -> usize {
        findings(body).len()
    }

    #[test]
    fn writes_to_globals_are_flagged() {
        let cases = [
            "{ HITS += 1; }",
            "{ crate::config::LIMIT = 5; }",
            "{ STATE.count = 2; }",
            "{ TABLE[0] = 1; }",
            "{ let r = &mut COUNTER; }",
            "{ let p = std::ptr::addr_of_mut!(COUNTER); }",
            "{ let p = &raw mut COUNTER; }",
            "{ COUNTER.fetch_add(1, Ordering::SeqCst); }",
            "{ super::COUNTER.store(3, Ordering::SeqCst); }",
            "{ CACHE.lock().unwrap().insert(1, 2); }",
            "{ CONFIG.write().unwrap(); }",
            "{ ONCE.set(5).ok(); }",
            "{ LAST.with(|c| c.set(3)); }",
            "{ SEEN.with(|s| s.borrow_mut().push(1)); }",
            "{ let r = &COUNTER; r.store(1, Ordering::SeqCst); }",
            "{ let mut guard = CACHE.lock().unwrap(); guard.clear(); }",
            "{ static mut N: u32 = 0; }",
            "{ thread_local! { static N: u32 = 0; } }",
            "{ unsafe { libc_call(); } }",
            "{ println!(\"{}\", COUNTER.swap(1, Ordering::SeqCst)); }",
            "{ fn helper() { COUNTER.fetch_add(1, Ordering::SeqCst); } }",
            "{ if let Some(x) = input.checked_add(1) { LIMIT = x; } }",
        ];
        for body in cases {
            assert!(flagged(body) >= 1, "not flagged: {body}");
        }
    }

    #[test]
    fn locals_reads_and_owned_copies_are_fine() {
        let cases = [
            "{ let counter = AtomicUsize::new(0); counter.fetch_add(1, Ordering::SeqCst); }",
            "{ let n = super::COUNTER.load(Ordering::SeqCst); }",
            "{ let mut m = DEFAULTS.clone(); m.insert(1, 2); }",
            "{ let mut total = 0; for x in DATA.iter() { total += x; } }",
            "{ let mut v = Vec::new(); v.push(input); }",
            "{ let text = TEMPLATE.replace(\"NAME\", \"x\"); }",
            "{ let mut input = input; input += 1; }",
            "{ let cell = std::cell::Cell::new(1); cell.set(2); }",
            "{ match input { 0 => {} mut n => { n += 1; } } }",
            "{ let add = |mut a: u32| { a += 1; a }; }",
            "{ let s = format!(\"{}\", input); }",
        ];
        for body in cases {
            assert_eq!(findings(body), Vec::<String>::new(), "flagged: {body}");
        }
    }

    #[test]
    fn shared_parameters_count_as_globals() {
        let function: syn::ItemFn = syn::parse_str(
            "fn f(cache: Shared<Cache>) { cache.lock().unwrap(); let n = cache.len(); }",
        )
        .unwrap();
        let syn::FnArg::Typed(param) = &function.sig.inputs[0] else {
            unreachable!()
        };
        let found = lint("f", &[(&*param.pat, true)], &function.block);
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn one_write_is_reported_once() {
        assert_eq!(flagged("{ SEEN.with(|s| s.borrow_mut().push(1)); }"), 1);
        assert_eq!(flagged("{ CACHE.lock().unwrap().insert(1, 2); }"), 1);
        assert_eq!(
            flagged("{ A.lock().unwrap().push(B.lock().unwrap().len()); }"),
            2
        );
    }

    #[test]
    fn shadowing_follows_scopes() {
        assert_eq!(flagged("{ { let limit = 1; } limit = 2; }"), 1);
        assert_eq!(flagged("{ let limit = 1; { limit = 2; } }"), 0);
    }
}
