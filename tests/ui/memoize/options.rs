// Every mistake in `memoize(..)` is reported, each at its own string, in one compile.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: Component,
        b: Component,
        c: Component,
        d: Component,
    }

    #[callback(output = "b.children", input = "a.value", memoize(ttl = "5 weeks"))]
    fn weeks(x: i64) -> i64 {
        x
    }

    #[callback(output = "c.children", input = "a.value", memoize(ttl = "0s"))]
    fn never(x: i64) -> i64 {
        x
    }

    #[callback(output = "d.children", input = "a.value", memoize(scope = "user"))]
    fn per_user(x: i64) -> i64 {
        x
    }
}

#[dash::app]
mod other {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: Component,
        b: Component,
    }

    #[callback(output = "b.children", input = "a.value", memoize(size = 10))]
    fn sized(x: i64) -> i64 {
        x
    }
}

fn main() {}
