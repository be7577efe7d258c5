//! Bytes as text, for keys, ids and fingerprints.

/// Lower-case hexadecimal, two digits per byte, most significant first.
///
/// ```
/// assert_eq!(dash_syntax::hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
/// ```
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::hex;

    #[test]
    fn two_lower_case_digits_per_byte() {
        assert_eq!(hex(&[]), "");
        assert_eq!(hex(&[0]), "00");
        assert_eq!(hex(&[0xde, 0xad, 0xbe, 0xef]), "deadbeef");
        let every: Vec<u8> = (0..=255).collect();
        let expected: String = every.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&every), expected);
    }
}
