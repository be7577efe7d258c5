//! One visit's path variables and query parameters, typed as a page's layout takes them.

use std::str::FromStr;

/// One visit's path variables and query parameters, as a page's layout receives them.
#[derive(Clone, Debug, Default)]
pub struct PageRequest {
    variables: Vec<(String, String)>,
    query: Vec<(String, String)>,
    validation: bool,
}

impl PageRequest {
    /// A visit with these decoded variables and query parameters.
    pub fn new(variables: Vec<(String, String)>, query: Vec<(String, String)>) -> PageRequest {
        PageRequest {
            variables,
            query,
            validation: false,
        }
    }

    /// The request of the startup build: every variable and query parameter is its
    /// type's default.
    pub fn validation() -> PageRequest {
        PageRequest {
            validation: true,
            ..PageRequest::default()
        }
    }

    /// Is this the startup build, for the checks of callbacks' ids?
    pub fn is_validation(&self) -> bool {
        self.validation
    }

    /// The path variable `name`, parsed as `T`.
    pub fn variable<T: FromStr + Default>(&self, name: &str) -> Result<T, PageError> {
        if self.validation {
            return Ok(T::default());
        }
        let value = self
            .variables
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .ok_or_else(|| PageError::missing(name))?;
        parse(name, value)
    }

    /// The query parameter `name` (its last value when it repeats), parsed as `T`; its
    /// type's default when it is absent.
    pub fn query<T: FromStr + Default>(&self, name: &str) -> Result<T, PageError> {
        Ok(self.query_opt(name)?.unwrap_or_default())
    }

    /// The query parameter `name` (its last value when it repeats), parsed as `T`, if
    /// it is there. An empty value (`?days=`, as a form sends an empty field) that does
    /// not parse as `T` counts as absent.
    pub fn query_opt<T: FromStr>(&self, name: &str) -> Result<Option<T>, PageError> {
        match self.query.iter().rev().find(|(key, _)| key == name) {
            Some((_, value)) => parse_present(name, value),
            None => Ok(None),
        }
    }

    /// Every value of the query parameter `name` (`?tag=a&tag=b`), each parsed as `T`;
    /// empty values that do not parse as `T` are left out.
    pub fn query_all<T: FromStr>(&self, name: &str) -> Result<Vec<T>, PageError> {
        self.query
            .iter()
            .filter(|(key, _)| key == name)
            .filter_map(|(_, value)| parse_present(name, value).transpose())
            .collect()
    }

    /// The path variables, decoded, in the path's order.
    pub fn variables(&self) -> &[(String, String)] {
        &self.variables
    }

    /// The query parameters, decoded, in the URL's order.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }
}

/// A query value: an empty one that does not parse is absent.
fn parse_present<T: FromStr>(name: &str, value: &str) -> Result<Option<T>, PageError> {
    match parse(name, value) {
        Ok(value) => Ok(Some(value)),
        Err(_) if value.is_empty() => Ok(None),
        Err(error) => Err(error),
    }
}

fn parse<T: FromStr>(name: &str, value: &str) -> Result<T, PageError> {
    value.parse().map_err(|_| PageError {
        name: name.to_owned(),
        value: Some(value.to_owned()),
        expected: std::any::type_name::<T>(),
    })
}

/// A path variable or query parameter that is missing or does not parse as its type: the
/// path is not the page's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageError {
    name: String,
    value: Option<String>,
    expected: &'static str,
}

impl PageError {
    fn missing(name: &str) -> PageError {
        PageError {
            name: name.to_owned(),
            value: None,
            expected: "",
        }
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.value {
            Some(value) => write!(f, "`{}` is {value:?}, not a {}", self.name, self.expected),
            None => write!(f, "`{}` is missing", self.name),
        }
    }
}

impl std::error::Error for PageError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_parse_their_values() {
        let request = PageRequest::new(
            vec![("id".into(), "12".into())],
            vec![
                ("tag".into(), "a".into()),
                ("tag".into(), "b".into()),
                ("n".into(), "x".into()),
            ],
        );
        assert_eq!(request.variable::<u32>("id"), Ok(12));
        assert_eq!(request.query::<String>("tag").unwrap(), "b");
        assert_eq!(request.query_all::<String>("tag").unwrap(), ["a", "b"]);
        assert_eq!(request.query_opt::<u8>("missing"), Ok(None));
        assert_eq!(request.query::<u8>("missing"), Ok(0));
        let blank = PageRequest::new(
            vec![],
            vec![("n".into(), String::new()), ("s".into(), String::new())],
        );
        assert_eq!(blank.query_opt::<u32>("n"), Ok(None));
        assert_eq!(blank.query::<u32>("n"), Ok(0));
        assert_eq!(blank.query_all::<u32>("n"), Ok(vec![]));
        assert_eq!(blank.query_opt::<String>("s"), Ok(Some(String::new())));
        let error = request.query::<u8>("n").unwrap_err();
        assert_eq!(error.to_string(), "`n` is \"x\", not a u8");
        assert_eq!(
            request.variable::<u8>("nope").unwrap_err().to_string(),
            "`nope` is missing"
        );
        let validation = PageRequest::validation();
        assert_eq!(validation.variable::<String>("id").unwrap(), "");
    }
}
