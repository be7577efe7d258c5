//! An inline clientside source, read with a JavaScript parser (oxc's, with the feature
//! `clientside`): whether it is one function expression, how many parameters it takes,
//! and the length of every array literal it visibly returns.

/// What the macro learns of a source that parses as one function expression.
pub(crate) struct Function {
    /// Its parameters, a rest parameter not counted.
    pub params: usize,
    /// It has a rest parameter (`...values`), which takes any number of values.
    pub rest: bool,
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

#[cfg(feature = "clientside")]
pub(crate) fn inspect(source: &str) -> Result<Function, Problem> {
    use oxc_allocator::Allocator;
    use oxc_ast::ast::{ArrowFunctionBody, Expression};
    use oxc_ast_visit::Visit;

    let allocator = Allocator::default();
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
            if let Some(text) = label.and_then(|label| label.label()) {
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
    Ok(Function {
        params: params.items.len(),
        rest: params.rest.is_some(),
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
        }
    }

    fn visit_function(&mut self, _: &oxc_ast::ast::Function<'a>, _: oxc_syntax::scope::ScopeFlags) {
    }

    fn visit_arrow_function_expression(&mut self, _: &oxc_ast::ast::ArrowFunctionExpression<'a>) {}

    fn visit_class(&mut self, _: &oxc_ast::ast::Class<'a>) {}
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
