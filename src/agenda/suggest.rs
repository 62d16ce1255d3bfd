//! "Did you mean …?": the nearest known word to a misspelt one.

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
#[must_use]
pub(crate) fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|&candidate| {
            let lower = candidate.to_lowercase();
            let score = strsim::jaro_winkler(&word, &lower);
            let edits = strsim::levenshtein(&word, &lower);
            (candidate, score, edits)
        })
        // Jaro-Winkler catches transpositions and prefixes; the edit distance catches short
        // words, where one wrong letter already drags Jaro-Winkler below the bar.
        .filter(|&(_, score, edits)| score > 0.8 || edits <= 2.min(word.chars().count() / 2))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|(candidate, _, _)| candidate)
}

/// The member name `name` is most likely a typo of: one wrong letter in four at most. Names
/// are not words: "Bea" is not a misspelt "Ben", and suggesting it would name someone else.
#[must_use]
pub(crate) fn nearest_name<'a>(name: &str, members: &[&'a str]) -> Option<&'a str> {
    let name = name.to_lowercase();
    let length = name.chars().count();
    members
        .iter()
        .map(|&member| (member, strsim::levenshtein(&name, &member.to_lowercase())))
        .filter(|&(_, edits)| edits * 4 <= length)
        .min_by_key(|&(_, edits)| edits)
        .map(|(member, _)| member)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_suggested_only_for_a_plausible_typo() {
        let members = ["Ana", "Ben", "Chidi", "Dana"];
        assert_eq!(nearest_name("Chidy", &members), Some("Chidi"));
        assert_eq!(nearest_name("Bea", &members), None);
        assert_eq!(nearest_name("Benjamin", &members), None);
        assert_eq!(nearest_name("Dan", &members), None);
    }

    const KEYS: &[&str] = &[
        "name", "length", "each", "phases", "speaker", "order", "prompt",
    ];

    #[test]
    fn typos_find_the_intended_key() {
        assert_eq!(nearest("lenght", KEYS), Some("length"));
        assert_eq!(nearest("phase", KEYS), Some("phases"));
        assert_eq!(nearest("speeker", KEYS), Some("speaker"));
        assert_eq!(nearest("Each", KEYS), Some("each"));
        assert_eq!(nearest("ech", KEYS), Some("each"));
    }

    #[test]
    fn unrelated_words_get_no_suggestion() {
        assert_eq!(nearest("colour", KEYS), None);
        assert_eq!(nearest("x", KEYS), None);
        assert_eq!(nearest("", KEYS), None);
    }
}
