//! An inline clientside source, read with a JavaScript parser (oxc's, with the feature
//! `clientside`): whether it is one function expression, how many parameters it takes,
//! and the length of every array literal it visibly returns.

/// What the macro learns of a source that parses as one function expression.
pub(crate) struct Function {
    /// Its parameters, a rest parameter not counted.
    pub params: usize,
    /// Those without a default value (`b = 1` has one).
    pub required: usize,
    /// It takes any number of values: a rest parameter (`...values`), or a `function`
    /// that reads `arguments`.
    pub variadic: bool,
    /// The length of each array literal it returns (from an arrow's expression body or a
    /// `return` of its own, through `?:`, `&&`, `||`, `??` and parentheses), with the
    /// byte offset of its `[`. Arrays with a spread element (`...`) are left out.
    pub arrays: Vec<(usize, usize)>,
}

/// Why a source cannot be used.
pub(crate) enum Problem {
    /// It does not parse: the parser's message, at a byte offset of the source.
    #[cfg_attr(not(feature = "clientside"), allow(dead_code))]
    Syntax { offset: usize, message: String },
    /// It parses, but is not a function expression.
    #[cfg_attr(not(feature = "clientside"), allow(dead_code))]
    NotAFunction,
    /// The parser is not built (the feature `clientside` is off).
    #[cfg_attr(feature = "clientside", allow(dead_code))]
    Disabled,
}

/// The 1-based line and column (in characters) of a byte offset of the source, and its
/// line with a caret under the column.
pub(crate) fn locate(source: &str, offset: usize) -> (usize, usize, String) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    let column = source[start..offset].chars().count() + 1;
    let text = source[start..end].trim_end_matches('\r');
    // The line without its indentation, the caret moved with it.
    let indent = text.chars().take_while(|c| c.is_whitespace()).count();
    let text: String = text.chars().skip(indent).collect();
    let caret = format!("{}^", " ".repeat((column - 1).saturating_sub(indent)));
    (line, column, format!("    {text}\n    {caret}"))
}

/// Does this parameter count fit a call with `arguments` values?
pub(crate) fn fits(function: &Function, arguments: usize) -> bool {
    function.required <= arguments && (function.variadic || arguments <= function.params)
}

#[cfg(feature = "clientside")]
pub(crate) fn inspect(source: &str) -> Result<Function, Problem> {
    use oxc_allocator::Allocator;
    use oxc_ast::ast::{ArrowFunctionBody, Expression};
    use oxc_ast_visit::Visit;

    let allocator = Allocator::default();
    let source = dash_syntax::clientside_definition(source);
    let parsed = oxc_parser::Parser::new(&allocator, source, oxc_span::SourceType::script())
        .parse_expression();
    let expression = match parsed {
        Ok(expression) => expression,
        Err(diagnostics) => {
            let Some(first) = diagnostics.first() else {
                return Err(Problem::Syntax {
                    offset: 0,
                    message: "it does not parse".to_owned(),
                });
            };
            let label = first
                .labels
                .iter()
                .find(|label| label.primary())
                .or_else(|| first.labels.first());
            let mut message = first.message.to_string();
            // The label says what was expected, where the message does not.
            if let Some(text) = label.and_then(|label| label.label())
                && message == "Unexpected token"
            {
                message = format!("{message} ({text})");
            }
            return Err(Problem::Syntax {
                offset: label.map_or(source.len(), |label| label.offset() as usize),
                message,
            });
        }
    };
    let mut expression = &expression;
    while let Expression::ParenthesizedExpression(inner) = expression {
        expression = &inner.expression;
    }
    let mut returns = Returns::default();
    let params = match expression {
        Expression::ArrowFunctionExpression(arrow) => {
            match &arrow.body {
                ArrowFunctionBody::FunctionBody(body) => returns.visit_function_body(body),
                body => {
                    if let Some(value) = body.as_expression() {
                        returns.collect(value);
                    }
                }
            }
            &arrow.params
        }
        Expression::FunctionExpression(function) => {
            if let Some(body) = &function.body {
                returns.visit_function_body(body);
            }
            &function.params
        }
        _ => return Err(Problem::NotAFunction),
    };
    let is_function = matches!(expression, Expression::FunctionExpression(_));
    Ok(Function {
        params: params.items.len(),
        required: params
            .items
            .iter()
            .filter(|param| param.initializer.is_none())
            .count(),
        variadic: params.rest.is_some() || (is_function && returns.arguments),
        arrays: returns.arrays,
    })
}

#[cfg(not(feature = "clientside"))]
pub(crate) fn inspect(_source: &str) -> Result<Function, Problem> {
    Err(Problem::Disabled)
}

/// The arrays the function's own `return`s give; nested functions and classes have
/// returns of their own, which are not visited.
#[cfg(feature = "clientside")]
#[derive(Default)]
struct Returns {
    arrays: Vec<(usize, usize)>,
    /// The body reads `arguments`.
    arguments: bool,
}

#[cfg(feature = "clientside")]
impl Returns {
    fn collect(&mut self, value: &oxc_ast::ast::Expression<'_>) {
        use oxc_ast::ast::{ArrayExpressionElement, Expression};
        match value {
            Expression::ParenthesizedExpression(inner) => self.collect(&inner.expression),
            Expression::ConditionalExpression(conditional) => {
                self.collect(&conditional.consequent);
                self.collect(&conditional.alternate);
            }
            Expression::LogicalExpression(logical) => {
                self.collect(&logical.left);
                self.collect(&logical.right);
            }
            Expression::SequenceExpression(sequence) => {
                if let Some(last) = sequence.expressions.last() {
                    self.collect(last);
                }
            }
            Expression::ArrayExpression(array) => {
                let spread = array
                    .elements
                    .iter()
                    .any(|element| matches!(element, ArrayExpressionElement::SpreadElement(_)));
                if !spread {
                    self.arrays
                        .push((array.elements.len(), array.span.start as usize));
                }
            }
            _ => {}
        }
    }
}

#[cfg(feature = "clientside")]
impl<'a> oxc_ast_visit::Visit<'a> for Returns {
    fn visit_return_statement(&mut self, it: &oxc_ast::ast::ReturnStatement<'a>) {
        if let Some(value) = &it.argument {
            self.collect(value);
            self.visit_expression(value);
        }
    }

    fn visit_identifier_reference(&mut self, it: &oxc_ast::ast::IdentifierReference<'a>) {
        if it.name == "arguments" {
            self.arguments = true;
        }
    }

    fn visit_function(&mut self, _: &oxc_ast::ast::Function<'a>, _: oxc_syntax::scope::ScopeFlags) {
    }

    fn visit_arrow_function_expression(&mut self, _: &oxc_ast::ast::ArrowFunctionExpression<'a>) {}

    fn visit_class(&mut self, _: &oxc_ast::ast::Class<'a>) {}
}

#[cfg(all(test, feature = "clientside"))]
mod inspect_tests {
    use super::{fits, inspect};

    fn arrays(source: &str) -> Vec<usize> {
        let function = inspect(source).unwrap_or_else(|_| panic!("{source} parses"));
        function.arrays.iter().map(|(length, _)| *length).collect()
    }

    #[test]
    fn returned_arrays_are_found_where_the_function_returns_them() {
        assert_eq!(arrays("(a) => [a, a]"), [2]);
        assert_eq!(arrays("(a) => a ? [1, 2] : [3]"), [2, 1]);
        assert_eq!(arrays("(a) => a && [1, 2, 3]"), [3]);
        assert_eq!(arrays("(a) => a ?? [1]"), [1]);
        assert_eq!(arrays("(a) => ([a, a])"), [2]);
        // A spread makes the length unknown; a nested function returns for itself.
        assert_eq!(arrays("(a) => [...a, 1]"), Vec::<usize>::new());
        assert_eq!(
            arrays(
                "function (a) { const f = () => [1]; [2, 2].map(function () { return [3]; }); return [a]; }"
            ),
            [1]
        );
        assert_eq!(
            arrays("function (a) { if (a) { return [1, 2]; } for (;;) { return [3]; } }"),
            [2, 1]
        );
    }

    #[test]
    fn parameters_count_as_the_renderer_calls_them() {
        let fit = |source: &str, arguments: usize| fits(&inspect(source).ok().unwrap(), arguments);
        assert!(fit("(a, b) => a", 2));
        assert!(!fit("(a, b) => a", 1));
        assert!(!fit("(a) => a", 2));
        // A default may be left to itself; destructuring takes one value.
        assert!(fit("(a, b = 1) => a + b", 1));
        assert!(fit("(a, b = 1) => a + b", 2));
        assert!(fit("({x, y}, [z]) => x", 2));
        // A rest parameter, or `arguments` in a `function`, takes any number.
        assert!(fit("(a, ...rest) => a", 3));
        assert!(fit("function () { return arguments.length; }", 4));
        assert!(!fit("() => arguments.length", 4));
    }

    #[test]
    fn a_trailing_semicolon_is_not_part_of_the_function() {
        assert!(inspect("(a) => a;").is_ok());
        assert!(inspect("function (a) { return a; };  \n").is_ok());
    }
}

#[cfg(test)]
mod tests {
    use super::locate;

    #[test]
    fn offsets_become_lines_and_columns() {
        let source = "(a) => {\n  const x = a *;\n}";
        let offset = source.find(';').unwrap();
        let (line, column, excerpt) = locate(source, offset);
        assert_eq!((line, column), (2, 16));
        assert_eq!(excerpt, "    const x = a *;\n                 ^");
        assert_eq!(locate("é => é +", 9).1, 8);
    }
}
