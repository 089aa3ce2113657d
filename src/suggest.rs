//! "Did you mean …?" suggestions for misspelt words (fields, statuses, rule ids).

/// The candidate closest to `word`, when it is close enough to be a likely typo.
///
/// Jaro-Winkler favours a shared prefix, which is how most typos in field
/// names look (`staus`, `sorce`); the 0.8 floor keeps unrelated words out.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// `; did you mean `x`?` or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match nearest(word, candidates) {
        Some(near) => format!("; did you mean `{near}`?"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_word() {
        let fields = ["who", "status", "source", "date", "quote"];
        assert_eq!(nearest("staus", fields), Some("status"));
        assert_eq!(nearest("Sorce", fields), Some("source"));
        assert_eq!(nearest("xylophone", fields), None);
    }
}
