//! Signed handles: the page load's `end_id` and a job's `job` and `cacheKey`, each
//! `<value>~<hex HMAC-SHA256(secret, scope NUL value)>` as Dash 4.4.1 signs them. A job's
//! handles are signed with the scope of the page load that started it, so a handle from
//! another page, or made up, verifies nowhere else.

use hmac::{KeyInit, Mac};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Signs and verifies handles with the app's secret.
pub(crate) struct Signer {
    secret: Vec<u8>,
}

impl Signer {
    /// A signer with this secret (`Dash::secret_key`): replicas that share it accept each
    /// other's handles.
    pub(crate) fn new(secret: Vec<u8>) -> Signer {
        Signer { secret }
    }

    /// A signer with a secret of its own, for one process.
    pub(crate) fn random() -> Signer {
        let mut secret = vec![0u8; 32];
        getrandom::fill(&mut secret).expect("the operating system provides random bytes");
        Signer { secret }
    }

    fn mac(&self, scope: &str, value: &str) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.secret).expect("HMAC takes any key");
        mac.update(scope.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        mac
    }

    /// `value~signature`, for `scope`.
    pub(crate) fn sign(&self, scope: &str, value: &str) -> String {
        let signature = self.mac(scope, value).finalize().into_bytes();
        format!("{value}~{}", dash_syntax::hex(&signature))
    }

    /// The value of a handle signed for `scope`, or `None` when it was not (compared in
    /// constant time).
    pub(crate) fn verify<'a>(&self, scope: &str, handle: &'a str) -> Option<&'a str> {
        let (value, signature) = handle.rsplit_once('~')?;
        let signature = unhex(signature)?;
        self.mac(scope, value)
            .verify_slice(&signature)
            .ok()
            .map(|()| value)
    }
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A new random value for a handle: 24 letters and digits, as Dash's `end_id`.
pub(crate) fn random_value() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handle_verifies_for_its_scope_only() {
        let signer = Signer::new(b"secret".to_vec());
        let handle = signer.sign("job:page-a", "42");
        assert_eq!(signer.verify("job:page-a", &handle), Some("42"));
        assert_eq!(signer.verify("job:page-b", &handle), None);
        assert_eq!(signer.verify("cacheKey:page-a", &handle), None);
        assert_eq!(
            Signer::new(b"other".to_vec()).verify("job:page-a", &handle),
            None
        );
        let forged = handle.replace("42~", "43~");
        assert_eq!(signer.verify("job:page-a", &forged), None);
        for bad in ["", "42", "42~", "42~zz", "42~abc"] {
            assert_eq!(signer.verify("job:page-a", bad), None, "{bad}");
        }
    }

    #[test]
    fn random_values_are_letters_and_digits() {
        let value = random_value();
        assert_eq!(value.len(), 24);
        assert!(value.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(value, random_value());
    }
}
