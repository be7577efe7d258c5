//! `suite.lock`, read: the wheel, the npm packages, and the files served.

use crate::fail;

pub(crate) struct Wheel {
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) sha256: String,
}

pub(crate) struct Npm {
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) integrity: String,
}

pub(crate) enum Source {
    Wheel,
    Npm(String),
}

pub(crate) struct Served {
    pub(crate) path: String,
    pub(crate) source: Source,
    pub(crate) inner: String,
    pub(crate) script: bool,
}

pub(crate) struct Lock {
    pub(crate) wheel: Wheel,
    pub(crate) npm: Vec<Npm>,
    pub(crate) served: Vec<Served>,
}

impl Lock {
    pub(crate) fn parse(text: &str) -> Lock {
        let mut wheel = None;
        let mut npm = Vec::new();
        let mut served = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let words: Vec<&str> = line.split_whitespace().collect();
            let source = |word: &str| match word {
                "wheel" => Source::Wheel,
                other => match other.strip_prefix("npm:") {
                    Some(name) => Source::Npm(name.to_owned()),
                    None => fail(&format!(
                        "suite.lock line {}: unknown source `{other}`",
                        number + 1
                    )),
                },
            };
            match words.as_slice() {
                [] => {}
                [first, ..] if first.starts_with('#') => {}
                ["wheel", name, version, sha256] => {
                    wheel = Some(Wheel {
                        name: name.to_string(),
                        version: version.to_string(),
                        sha256: sha256.to_string(),
                    });
                }
                ["npm", name, version, integrity] => npm.push(Npm {
                    name: name.to_string(),
                    version: version.to_string(),
                    integrity: integrity.to_string(),
                }),
                ["serve", path, from, inner] | ["serve", path, from, inner, "script"] => {
                    served.push(Served {
                        path: path.to_string(),
                        source: source(from),
                        inner: inner.to_string(),
                        script: words.len() == 5,
                    });
                }
                _ => fail(&format!(
                    "suite.lock line {}: cannot parse `{line}`",
                    number + 1
                )),
            }
        }
        Lock {
            wheel: wheel.unwrap_or_else(|| fail("suite.lock has no `wheel` line")),
            npm,
            served,
        }
    }
}
