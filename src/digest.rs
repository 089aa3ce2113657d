//! Short hexadecimal digests: content-derived ids and finding fingerprints.

/// The first `n` bytes of `bytes` in lower-case hexadecimal (`2n` digits).
pub(crate) fn hex_prefix(bytes: &[u8], n: usize) -> String {
    bytes.iter().take(n).map(|b| format!("{b:02x}")).collect()
}
