//! Name pairs that must merge and pairs that must stay apart, from the seed
//! articles (`/work/shared/seeds/`) and from how such names are written.
//! Uses only the public API (`match_names`, `cluster`).

use claimlint::names::{cluster, match_names, Constraints, Decision, MatchConfig};

/// Same person, different spellings: must be `Same` and cluster together.
const MUST_MERGE: &[(&str, &str)] = &[
    // Seed articles.
    ("Usama al-Muhajir", "Usama al-Mujahir"),
    ("Abu Bakr al-Baghdadi", "Abubakr al-Baghdadi"),
    ("Abu Bakr al-Baghdadi", "Abu Bakr al Baghdadi"),
    ("Abubakr al-Baghdadi", "Abubakar al-Baghdadi"),
    ("Osama bin Laden", "Usama bin Ladin"),
    ("Ayman al-Zawahiri", "Ayman al-Zawahri"),
    // A doubled letter written once, and once more than needed.
    ("Abdulah al-Kuwaiti", "Abdullah al-Kuwaiti"),
    (
        "Qutayba ibn Sallih ibn Talha al-Masri",
        "Qutayba ibn Salih ibn Talha al-Masri",
    ),
    // The title's spellings: Moulana is Maulana.
    ("Moulana Husayn Niazi", "Maulana Hussein Niazi"),
    ("MUHAXHERI, Lavdrim", "Lavdrim Muhaxheri"),
    ("al-Bara al-Shishani", "al-Bara ash-Shishani"),
    ("Abu Omar al-Shishani", "Abu Umar al-Shishani"),
    ("Abu Muhammad al-Julani", "Abu Mohammed al-Jolani"),
    ("Abu Muhammad al-Adnani", "Abu Mohamed al-Adnani"),
    ("Abubakar Shekau", "Abu Bakr Shekau"),
    ("Abubakar Mainok", "Abubakar Mainok"),
    (
        "Abu Ibrahim al-Hashimi al-Qurashi",
        "Abu Ibrahim al-Hashemi al-Qurashi",
    ),
    (
        "Abu al-Hasan al-Hashimi al-Qurashi",
        "Abu al-Hassan al-Hashimi al-Qurashi",
    ),
    (
        "Abu al-Husayn al-Husayni al-Qurashi",
        "Abu al-Hussein al-Husseini al-Qurashi",
    ),
    (
        "Abdallah Makki Muslih al-Rufayi",
        "Abdullah Makki Muslih al-Rufaie",
    ),
    ("Salahuddin al-Shishani", "Salah ad-Din al-Shishani"),
    ("Abd al-Ghafur", "Abdul Ghafoor"),
    // Transliteration habits.
    ("Muhammad Yusuf", "Mohammed Yousef"),
    ("Abd al-Aziz Awda", "Abdulaziz Awda"),
    ("Abdel Rahman al-Masri", "Abdurrahman al-Masri"),
    ("Hussein Salimi", "Husayn Salimi"),
    ("Umar Abd al-Rahman", "Omar Abdel Rahman"),
    ("Saad al-Faqih", "Sa'd al-Faqih"),
    ("FAQIH, Saad", "AL-FAQIH, Saad"),
    // After an article of its own, `al` is part of the word: the German.
    ("AL-ALMANI, Yunus", "Yunus al-Almani"),
    ("Yunus AL-ALMANI", "Yunus al-Almani"),
    ("George Habbash", "George Habash"),
    ("Nasrallah, Hasan", "Hasan Nasr Allah"),
    ("Khalid Shaikh Mohammed", "Khalid Sheikh Mohammad"),
    ("Qasim Aliq", "Kasim Aliq"),
    ("Mullah Muhammad Umar", "Mohammed Omar"),
    ("Shaykh Abd al-Majid al-Zindani", "Abdulmajid al-Zindani"),
    (
        "Abd al-Rahman Mustafa al-Qaduli",
        "Abdul Rahman Moustafa al-Qaduli",
    ),
    // One word of a family name of several left out.
    ("NOURI AL-HAKIMI, Salim Rashad", "AL-HAKIMI, Salim Rashad"),
    // A family name written as a nisba on one side, plain on the other.
    (
        "TARABULSI, Munir",
        "AL-TARABULSI, Munir bin Khalil bin Yasin",
    ),
];

/// Different people that share a nisba, a generic kunya, a given name, or a
/// nasab in the other order: must not be `Same` and must not cluster.
const MUST_STAY_APART: &[(&str, &str)] = &[
    // Collapsing doubled letters must not make different words equal.
    ("Abdullah al-Kuwaiti", "Abdul Karim al-Kuwaiti"),
    // The al-Qurashi caliphs.
    (
        "Abu Bakr al-Baghdadi al-Qurashi",
        "Abu Ibrahim al-Hashimi al-Qurashi",
    ),
    (
        "Abu Ibrahim al-Hashimi al-Qurashi",
        "Abu al-Hasan al-Hashimi al-Qurashi",
    ),
    (
        "Abu al-Hasan al-Hashimi al-Qurashi",
        "Abu al-Husayn al-Husayni al-Qurashi",
    ),
    (
        "Abu al-Husayn al-Husayni al-Qurashi",
        "Abu Hafs al-Hashimi al-Qurashi",
    ),
    (
        "Abu Bakr al-Baghdadi al-Qurashi",
        "Abu Hafs al-Hashimi al-Qurashi",
    ),
    (
        "Abu Ibrahim al-Hashimi al-Qurashi",
        "Abu Hafs al-Hashimi al-Qurashi",
    ),
    // The al-Shishani commanders.
    ("Abu Umar al-Shishani", "al-Bara al-Shishani"),
    ("Abu Umar al-Shishani", "Muslim al-Shishani"),
    ("al-Bara al-Shishani", "Salahuddin al-Shishani"),
    ("Muslim al-Shishani", "Salahuddin al-Shishani"),
    ("Abdul Hakim al-Shishani", "Abu Umar al-Shishani"),
    ("al-Shishani", "al-Bara al-Shishani"),
    // Kunya against the same word as an own name.
    ("Usama al-Muhajir", "Abu Usama al-Muhajir"),
    ("Usama al-Mujahir", "Abu Usama al-Muhajir"),
    ("Hammam al-Shami", "Abu Hammam al-Shami"),
    // Same generic kunya, different nisba.
    ("Abu Muhammad al-Adnani", "Abu Muhammad al-Julani"),
    ("Abu Abdullah al-Kosova", "Abu Abdullah al-Shishani"),
    ("Abu Bakr al-Baghdadi", "Abu Bakr al-Mainuki"),
    // Shared given name, different family name.
    ("Abubakar Shekau", "Abubakar Mainok"),
    ("Abu Musab al-Barnawi", "Abu Musab al-Zarqawi"),
    ("Samia Qalandarani Baluch", "Rehan Baluch"),
    ("Aslam Baluch", "Shari Baluch"),
    ("Mansur al-Daghestani", "Abdullah al-Daghestani"),
    ("Humam al-Shami", "Humam al-Khidher"),
    // Father and son: a reversed nasab.
    ("Muhammad bin Ali", "Ali bin Muhammad"),
    ("Abdallah bin Umar", "Umar bin Abdallah"),
    ("Ahmad ibn Hasan ibn Ali", "Ahmad ibn Ali ibn Hasan"),
    // Different names that look alike.
    ("Muhammad Ali", "Mahmud Ali"),
    ("Abu Salman", "Abu Sulayman"),
    ("Hasan Nasrallah", "Husayn Nasrallah"),
    ("Amr al-Absi", "Umar al-Absi"),
    // A generic kunya or a lone given name is not identity.
    ("Abu Muhammad", "Abu Muhammad al-Julani"),
    ("Abu Anas", "Abu Anas al-Shami"),
    ("Muhammad", "Muhammad Yusuf"),
    // A family name that matches is not enough for a different given name.
    ("TARABULSI, Munir", "AL-TARABULSI, Samir"),
    // An unmatched single family name still counts against.
    ("Fathi Anwar Nouri", "Fathi Anwar Hakimi"),
];

fn cfg() -> MatchConfig {
    MatchConfig::default()
}

#[test]
fn trap_pairs_that_must_merge() {
    let mut failures = Vec::new();
    for (a, b) in MUST_MERGE {
        let result = match_names(a, b, &cfg());
        if result.decision != Decision::Same {
            failures.push(format!(
                "{a} | {b}: {:?} {}",
                result.decision, result.explanation
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn trap_pairs_that_must_stay_apart() {
    let mut failures = Vec::new();
    for (a, b) in MUST_STAY_APART {
        let result = match_names(a, b, &cfg());
        if result.decision == Decision::Same {
            failures.push(format!("{a} | {b}: {}", result.explanation));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn match_is_symmetric_in_decision() {
    for (a, b) in MUST_MERGE.iter().chain(MUST_STAY_APART) {
        let (x, y) = (match_names(a, b, &cfg()), match_names(b, a, &cfg()));
        assert_eq!(x.decision, y.decision, "{a} | {b}");
    }
}

#[test]
fn clustering_all_trap_names_together_respects_every_pair() {
    // All trap names at once, each its own group: the chains a clustering
    // could build through them must not join any must-stay-apart pair.
    let mut names: Vec<&str> = Vec::new();
    for (a, b) in MUST_MERGE.iter().chain(MUST_STAY_APART) {
        for name in [*a, *b] {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    let groups: Vec<Vec<&str>> = names.iter().map(|n| vec![*n]).collect();
    let result = cluster(&groups, &Constraints::default(), &cfg());
    let index = |name: &str| names.iter().position(|n| *n == name).unwrap_or(usize::MAX);
    let cluster_of = |name: &str| result.cluster_of_group[index(name)];
    let mut failures = Vec::new();
    for (a, b) in MUST_STAY_APART {
        if cluster_of(a) == cluster_of(b) {
            failures.push(format!("joined: {a} | {b}"));
        }
    }
    for (a, b) in MUST_MERGE {
        if cluster_of(a) != cluster_of(b) {
            failures.push(format!("not joined: {a} | {b}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(result.candidate_pairs > 0);
}

#[test]
fn aliases_in_one_group_are_one_person_even_across_a_kunya() {
    // One record says these are one man; the matcher alone would keep them
    // apart.
    let groups = vec![
        vec!["Lavdrim Muhaxheri", "Abu Abdullah al-Kosova"],
        vec!["MUHAXHERI, Lavdrim"],
        vec!["Abu Abdullah al-Shishani"],
    ];
    let result = cluster(&groups, &Constraints::default(), &cfg());
    assert_eq!(result.cluster_of_group, [0, 0, 1]);
}

#[test]
fn review_band_yields_an_ambiguity() {
    // Same ism and nisba but no distinctive part: not silently merged.
    let groups = vec![
        vec!["Hasan al-Turki"],
        vec!["Hasan Abdallah Hersi al-Turki"],
    ];
    let result = cluster(&groups, &Constraints::default(), &cfg());
    assert_ne!(result.cluster_of_group[0], result.cluster_of_group[1]);
    assert!(
        result.ambiguous.iter().any(|a| a.name.contains("Turki")),
        "{:?}",
        result.ambiguous
    );
}

/// Filler names for tests that need a dataset around a pair: rarity is
/// measured among the names being clustered. Made-up names from syllables,
/// each different.
fn background(count: usize) -> Vec<String> {
    const ONSETS: &[&str] = &["b", "d", "f", "j", "k", "l", "m", "n", "r", "s", "t", "z"];
    const VOWELS: &[&str] = &["a", "i", "u", "o"];
    let word = |mut n: usize| {
        let mut out = String::new();
        for _ in 0..3 {
            out.push_str(ONSETS[n % ONSETS.len()]);
            n /= ONSETS.len();
            out.push_str(VOWELS[n % VOWELS.len()]);
            n /= VOWELS.len();
        }
        out.push('n');
        out
    };
    (0..count)
        .map(|i| format!("{} {}", word(i * 2 + 1), word(i * 2 + 7919)))
        .collect()
}

/// Cluster `names` among `count` filler names; the cluster of each name.
fn cluster_in_dataset(names: &[&str], count: usize) -> Vec<usize> {
    let filler = background(count);
    let mut groups: Vec<Vec<&str>> = names.iter().map(|n| vec![*n]).collect();
    groups.extend(filler.iter().map(|n| vec![n.as_str()]));
    let result = cluster(&groups, &Constraints::default(), &cfg());
    result.cluster_of_group[..names.len()].to_vec()
}

#[test]
fn subset_with_a_rare_family_name_merges() {
    // Every part of the shorter name is in the longer one, and the family
    // name is rare in the dataset: the same man, though `Hasan` is common
    // and `al-Tawil` has the form of a nisba.
    let names = [
        "AL-TAWIL, Hasan",
        "AL-TAWIL, Hasan Abdallah Karimi",
        "AL-TAWEEL, Hassan",
    ];
    let c = cluster_in_dataset(&names, 400);
    assert_eq!(c[0], c[1], "{c:?}");
    assert_eq!(c[0], c[2], "{c:?}");
    // Without a dataset the pair is only for review.
    let alone = match_names(names[0], names[1], &cfg());
    assert_ne!(alone.decision, Decision::Same, "{}", alone.explanation);
}

#[test]
fn subset_with_a_frequent_or_origin_name_stays_apart() {
    // `al-Bakri` as a family name of many people in this dataset: not rare.
    let mut names: Vec<String> = ["Yusuf", "Salim", "Nabil", "Jamal", "Karim", "Tahir"]
        .iter()
        .map(|given| format!("AL-BAKRI, {given} Hamdan"))
        .collect();
    names.push("AL-BAKRI, Hasan".to_string());
    names.push("AL-BAKRI, Hasan Yusufzai".to_string());
    // A nisba after the given name is an origin, not a family name, however
    // rare: `Hasan al-Tawili` is not enough to be `Hasan Abdallah al-Tawili`.
    names.push("Hasan al-Tawili".to_string());
    names.push("Hasan Abdallah al-Tawili".to_string());
    // A generic kunya with a rare nisba is not identity either.
    names.push("Abu Anas al-Zubaydi".to_string());
    names.push("Abu Anas Yasin al-Zubaydi".to_string());
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let c = cluster_in_dataset(&refs, 400);
    let n = refs.len();
    assert_ne!(c[n - 6], c[n - 5], "al-Bakri: {c:?}");
    assert_ne!(c[n - 4], c[n - 3], "al-Tawili: {c:?}");
    assert_ne!(c[n - 2], c[n - 1], "al-Zubaydi: {c:?}");
}

// Issue 20: more of one person's names, without losing precision. Every
// rule both ways; all names made up.

/// Spelling variants the graded alignment reads as one word (requirement 2)
/// and names written across word breaks (requirement 3).
const VARIANTS_MERGE: &[(&str, &str)] = &[
    // A short vowel written or not.
    ("Fahad al-Harbi", "Fahd al-Harbi"),
    // Malay and Indonesian `sy` for `sh`.
    ("Syarif Hidayatullah Kusuma", "Sharif Hidayatullah Kusuma"),
    // A swap across a digraph.
    ("Muhsin Jabir al-Qinawi", "Mushin Jabir al-Qinawi"),
    // `p` for `f`.
    ("Yusup Tahirov", "Yusuf Tahirov"),
    // `kh` for `h`.
    ("Bilal Mansur al-Hiyari", "Bilal Mansur al-Khiyari"),
    // Word breaks: compounds, `Abd`-compounds, glued articles and kunyas.
    ("Karim ur Rahman Sultani", "Karimurrahman Sultani"),
    ("Abd al-Baqi Tawfiq", "Abdelbaqi Tawfiq"),
    ("Fadlullah Karimi", "Fadl Allah Karimi"),
    ("Abu Harith al-Qinawi", "Abuharith al-Qinawi"),
    ("Khalid al-Qinawi", "Khalid ALQINAWI"),
    // … also before a short word with its vowel first.
    (
        "SARHANI, Karim Tawfiq ELOSTA",
        "AL USTA, Karim Tawfiq Sarhani",
    ),
    // A given name translated rather than transliterated.
    ("TRUSHCHALOV, Nicholas", "TRUSHCHALOV, Nikolay"),
    // The Slavic `-вич` written the Polish or the German way.
    ("Fritz Martin Gelowicz", "Fritz Martin Gelowitz"),
    // An origin said in English is the nisba that says it in Arabic.
    ("Karim Tawfiq the Egyptian", "Karim Tawfiq al-Masri"),
    (
        "TAWFIQ THE GERMAN, Abu Karim",
        "AL-ALMANI, Abu Karim Tawfiq",
    ),
    // A Persian family name with the title and its article written in.
    ("SEYEDOLMUSAVI, Reza Karim", "SEYED AL-MOUSAVI, Reza Karim"),
    // `A.` for `Abd`/`Abdul` before a name of God.
    ("A. Baqi Haqqani", "Abdul Baqi Haqqani"),
    ("Mohammed A. Ghani Tawfiq", "Muhammad Abd al-Ghani Tawfiq"),
    // `Abed`/`Abid` before a name of God is `Abd` with its vowel written.
    (
        "Said Salih Abed Rabbo al-Umqi",
        "Said Salih Abd-Rabbuh al-Umqi",
    ),
    // After `Abed`, the name of God with other vowels (`a`, `o`, `u`).
    (
        "Said Salih Abd Rabbuh al-Umari",
        "Said Salih Abed Rubbah al-Umari",
    ),
    // A cedilla dropped; Russian `Ye` written `E`.
    ("Luc François Martel", "Luc Francois Martel"),
    ("Yevgeny Sorokin", "Evgeniy Sorokin"),
    // `Ey` first is an `i` sound (Persian, Turkish, Levantine English).
    ("Eyad Tawfiq al-Harbi", "Iyad Tawfiq al-Harbi"),
    ("Hasan Eyrani", "Hasan Irani"),
    // Russian and Turkic `y` for a vowel; a `y` between vowels left out.
    ("Ramzan Kadyrov", "Ramzan Kadirov"),
    ("Shamil Basayev", "Shamil Basaev"),
    // … and before the last vowel (`-iya` / `-ia`); Russian `Yu`/`Ya`
    // first written the passport way, `Iu`/`Ia`.
    ("Yuliya Sorokina", "Yulia Sorokina"),
    ("Iurii Kovalenko", "Yuri Kovalenko"),
    ("Iakov Sorokin", "Yakov Sorokin"),
    // `Jr.` or a middle initial on one side only says nothing against the
    // other.
    ("Daniel Okafor Jr.", "Daniel Okafor"),
    ("Daniel A. Okafor", "Daniel Okafor"),
    // Two words written as one (requirement 3), not only compounds.
    ("Ali Reza Tavakoli", "Alireza Tavakoli"),
    ("Hamid Reza Malekouti Pour", "Hamidreza Malakotipour"),
    // A compound's article glued to its first half.
    ("Zakiur Rehman Lakhvi", "Zaki-ur-Rehman Lakhvi"),
    // `-idin`, `-ideen` are `ad-Din` too.
    ("Najmidin Kamolov", "Najm ad-Din Kamolov"),
    ("Kassim Tajideen", "Kassim Taj al-Din"),
    // Other scripts are transliterated before matching (requirement 6).
    ("Хасан Жалолов", "Khasan Zhalolov"),
    // Serbian and Macedonian letters; `đ`, which has no mark to strip.
    ("Јован Петровић", "Jovan Petrovic"),
    ("Ђорђе Џаковић", "Djordje Dzakovic"),
    ("Đorđe Lukić", "Djordje Lukic"),
    // Letters with no mark to strip, read as lists write them in ASCII.
    ("KILIÇDAROĞLU, Selim Tahir", "Selim Tahir Kilicdaroglu"),
    ("Bartłomiej Wójcik", "Bartlomiej Wojcik"),
    ("Jørgen Særsted", "Jorgen Saersted"),
    ("Anneliese Großkopf", "Anneliese Grosskopf"),
    // A caron also reads as the digraph English writes (the Czech and
    // Croatian romanisations of Russian names), while `Ražnatović` still
    // meets `Raznatovic` (above) and Serbian Cyrillic meets Latin.
    ("Oleg Petrovič BELOUŠKIN", "Oleg Petrovich BELOUSHKIN"),
    ("Šešić, Vojin", "Шешић, Војин"),
    ("Zoran Žižić", "Zoran Zizic"),
    // Russian names in Polish and German spellings: `cz` is `ch`, and a
    // final `ij`/`yj`/`ej` is Russian `й` (`Arkadij` = `Arkady`).
    ("Arkadij Borisowicz GRUDININ", "Arkady Borisovich GRUDININ"),
    ("Dmitrij Pawlowitsch LUNIN", "Dmitry Pavlovich LUNIN"),
    // German and Polish `Je` first is the `Ye` of Russian `Е`, read as a
    // second reading: the name as written still meets its other spellings.
    ("Jegor Pawlowitsch SAMARIN", "Yegor Pavlovich SAMARIN"),
    ("Jemal Tawfiq Sarhani", "Jamal Tawfiq Sarhani"),
    // Greek script, by ELOT 743 (`ευ` before `θ` is `ef`, `ντ` first is `d`).
    ("Σταύρος Καλογεράκης", "Stavros Kalogerakis"),
    ("ΝΤΟΥΛΑΚΗΣ, Ευθύμιος", "Efthymios DOULAKIS"),
    // A nickname in double quotes is a second name, not middle names.
    ("Samir \"the Engineer\" Haddad", "Samir Haddad"),
    // One nisba written two ways: with the nisba ending on one only (the
    // adjective of a family's name is that name), or with another vowel
    // where an ayn stands.
    (
        "Harith Salim Qadduri al-Umshi",
        "Harith Salim Qadduri al-Amshi",
    ),
    (
        "Tariq Nasim Bahjat al-Sardan",
        "Tariq Nasim Bahjat al-Sardani",
    ),
    ("DARVISHAN, Farhad Jalil", "DARVISHANI, Farhad Jalil"),
];

/// Different words, and structures that are different people
/// (requirements 2 and 5).
const PRECISION_APART: &[(&str, &str)] = &[
    // Mother of Luqman is not father of Luqman.
    ("Umm Luqman", "Abu Luqman"),
    // Given and family name swapped, both common.
    ("KARIM, Said", "SAID, Karim"),
    // One word against one word, spelled differently: never a merge edge.
    ("Abdul Rahman", "Abdul Rehman"),
    // Genuinely different consonants stay different words.
    ("Nabil al-Ansari", "Nabil al-Asiri"),
    // Related names in another language are not the same name.
    ("SOROKIN, Yuri", "SOROKIN, Georgy"),
    // An origin in English is still another origin.
    ("Karim Tawfiq the Egyptian", "Karim Tawfiq al-Almani"),
    // `s`/`z` alone is too weak to merge on (`Mansur` is not `Manzur`).
    ("Mansur al-Harbi", "Manzur al-Harbi"),
    // Consonants swapped across a vowel at a word's edge make another word.
    ("Ilyas ibn Mujahid al-Somali", "Ilyas ibn Mujahid al-Mosuli"),
    ("Yasin ibn Khalid al-Britani", "Yunus ibn Khalid al-Britani"),
    // Father and son: a last name that is a common given name is a
    // father's name written without `ibn`.
    ("Hussein Muhammad", "Muhammad ibn al-Husayn"),
    ("Hassan Ali", "Ali Hassan"),
    // `Ye` before `h` is a letter of its own: `Yehya` is `Yahya`, not `Ehya`.
    ("Yehya Ibrahim Sinjari", "Ehya Ibrahim Sinjari"),
    // An initial vowel other than `e` says which name: `Ikram` is not
    // `Akram`, however `Eyad` is written.
    ("Ikram Tawfiq al-Harbi", "Akram Tawfiq al-Harbi"),
    // A word with its own `ibn` or `al-` stands apart: `Anas al-Suri` is
    // not `Ansari` written apart.
    (
        "Numan ibn Luqman bin Anas al-Suri",
        "Numan ibn Luqman al-Ansari",
    ),
    // Two compounds with different names of God are different names,
    // however the words break (`Karimullah` is not `Karim ur-Rahman`).
    ("Karimullah Rahman Sultani", "Karim ur-Rahman Sultani"),
    // `Abed` before another name is a name of its own, not `Abd`.
    ("Abed Nasser Tawfiq", "Abd al-Nasser Tawfiq"),
    // Nor before a personal name that has a name of God's consonants: the
    // `e` of `Jaber`, `Salem` is a personal name's vowel.
    ("Abed Jaber Hamdan", "Abd al-Jabbar Hamdan"),
    ("Abed Salem Hamdan", "Abd al-Salam Hamdan"),
    // `Al` of a Spanish family name is no article: `ALVAREZ` is not
    // `al-Varez`.
    ("ALVAREZ, Joel", "Joel Varez"),
    // `A.` before a name of God is `Abd`, not `Ahmad`.
    ("A. Rahman al-Masri", "Ahmad Rahman al-Masri"),
    // A `w` before the last vowel is no glide: `-awi` is the nisba of a
    // name (`al-Ghazawi`, of `Ghazi`). `Ian` is a name of its own, not
    // `Yan` written the passport way.
    ("Karim Tawfiq al-Ghazi", "Karim Tawfiq al-Ghazawi"),
    ("Ian Sorokin", "Yan Sorokin"),
    // A son named after his father: `Jr.` against `Sr.`, or initials
    // that differ where both names have them (for review, not merged).
    ("Daniel Okafor Jr.", "Daniel Okafor Sr."),
    ("Daniel H. W. Okafor", "Daniel W. Okafor"),
    // The second reading of a caron makes `s` and `sh` no closer where
    // neither is written with one: `Sahid` is not `Shahid`.
    ("Sahid Karim al-Tamimi", "Shahid Karim al-Tamimi"),
    // `Abd al-Hamid` is one name; `Abdallah Hamid` is Abdallah son of
    // Hamid, not the same word written apart.
    (
        "Abd al-Hamid Tawfiq Sarhani",
        "Abdullah Hamid Tawfiq Sarhani",
    ),
    (
        "Abd al-Salam Tawfiq Sarhani",
        "Abdulleh Salim Tawfiq Sarhani",
    ),
    // A glued article before a short word: only that word written alike
    // is that word (`ELOSTA` is `al-Usta`, not `al-Ista`).
    (
        "SARHANI, Karim Tawfiq ELOSTA",
        "AL ISTA, Karim Tawfiq Sarhani",
    ),
    // One nisba written two ways is no conflict, but it is no agreement
    // either: with one given name it is not yet one person. As given
    // names, another first vowel is another name (`Ikram`/`Akram` above).
    ("Ali al-Hashim", "Ali al-Hashimi"),
    // Greek read as Latin letters is compared as they are.
    ("Σταύρος Καλογεράκης", "Stavros Kalogeropoulos"),
    ("Harith al-Umshi", "Harith al-Amshi"),
    ("Umar Tawfiq Sarhani", "Amar Tawfiq Sarhani"),
];

/// The pairs whose decision is (`same`) or is not (`!same`) `Same`, with
/// the explanation.
fn decided(pairs: &[(&str, &str)], same: bool) -> Vec<String> {
    pairs
        .iter()
        .map(|(a, b)| (a, b, match_names(a, b, &cfg())))
        .filter(|(_, _, r)| (r.decision == Decision::Same) == same)
        .map(|(a, b, r)| format!("{a} / {b}: {}", r.explanation))
        .collect()
}

#[test]
fn spelling_variants_and_word_breaks_merge() {
    let failures = decided(VARIANTS_MERGE, false);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn precision_rules_keep_apart() {
    let failures = decided(PRECISION_APART, true);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn single_words_and_kunyas_do_not_chain() {
    // As whole names of different people, spellings of one name do not
    // chain, and a kunya alone never joins another spelling on its own
    // (nor the mother's kunya the father's).
    let groups = vec![
        vec!["Abdul Rahman"],
        vec!["Abdurrahman"],
        vec!["Abdul Rehman"],
        vec!["Abu Luqman"],
        vec!["Abu Lukman"],
        vec!["Umm Luqman"],
    ];
    let c = &people_of(&groups);
    assert_ne!(c[0], c[2], "{c:?}");
    assert_ne!(c[3], c[4], "{c:?}");
    assert_ne!(c[3], c[5], "{c:?}");
}

#[test]
fn a_titled_single_word_completes_one_person_on_the_same_word_and_title() {
    // Requirement 5: a single word joins only when exact and rare. With a
    // title the longer name carries too (`Haji`, however spelled), that is
    // enough for the one person whose names hold it.
    let joins = |short: &str, long: &str| {
        let c = cluster_in_dataset(&[short, long], 400);
        c[0] == c[1]
    };
    assert!(joins("TAWFIQULLAH, Haji", "BARAKZAI, Hajji Tawfiqullah"));
    assert!(joins("ZARGHUNI, Maulawi", "ZARGHUNI, Molawi Abd al-Basit"));
    // Another spelling of the word, another title, no title on the longer
    // name, a word alone or a common word: no.
    assert!(!joins("TAWFIKULLAH, Haji", "BARAKZAI, Haji Tawfiqullah"));
    assert!(!joins("TAWFIQULLAH, Qari", "BARAKZAI, Haji Tawfiqullah"));
    assert!(!joins("TAWFIQULLAH, Haji", "BARAKZAI, Tawfiqullah"));
    assert!(!joins("TAWFIQULLAH", "BARAKZAI, Tawfiqullah"));
    assert!(!joins("AHMAD, Haji", "BARAKZAI, Haji Ahmad"));
    // Inside the names of two people, it could be either.
    let c = cluster_in_dataset(
        &[
            "TAWFIQULLAH, Haji",
            "BARAKZAI, Haji Tawfiqullah",
            "NURZAI, Haji Tawfiqullah Jan",
        ],
        400,
    );
    assert_ne!(c[0], c[1], "{c:?}");
    assert_ne!(c[0], c[2], "{c:?}");
}

#[test]
fn contained_name_merges_on_a_distinctive_part() {
    // Requirement 1: every part of the shorter name aligns, two parts, one
    // of them rare in the dataset.
    let names = ["Karim Tawfiq Sarhani", "Karim Tawfiq Nur al-Din Sarhani"];
    let c = cluster_in_dataset(&names, 400);
    assert_eq!(c[0], c[1], "{c:?}");
}

#[test]
fn unique_completion_joins_one_person_and_not_two() {
    // `Rahim Jawad Latifi` is inside the names of one person, so it is
    // his; `Ahmad Hamid` (common parts only) is inside the names of two
    // people, so it stays apart from both and is reported.
    let names = [
        "Rahim Jawad Latifi",
        "Rahim Jawad Nasser Latifi",
        "Rahim Jawad Nasir Latifi",
        "Ahmad Hamid",
        "Ahmad Hamid Qutbi",
        "Ahmad Hamid Durrani",
    ];
    let c = cluster_in_dataset(&names, 400);
    assert_eq!(c[0], c[1], "{c:?}");
    assert_ne!(c[3], c[4], "{c:?}");
    assert_ne!(c[3], c[5], "{c:?}");
}

#[test]
fn a_lone_kunya_completes_one_person_only_as_a_name_of_its_own() {
    // A bare kunya that is not generic, inside the names of one person
    // only, is his (unique completion reads it as it reads a contained
    // name). It stays apart when it is inside the names of two people, when
    // it is generic, when it is spelled otherwise, and when it is an alias
    // in a record of another person: joining that record on the kunya
    // would join two people on a kunya alone.
    let groups = vec![
        vec!["Abu Fadak"],
        vec!["Abu Fadak al-Muhammadawi"],
        vec!["Abu Harith"],
        vec!["Abu Harith al-Qinawi"],
        vec!["Abu Harith al-Naddafi"],
        vec!["Abu Muhammad"],
        vec!["Abu Muhammad al-Adnani"],
        vec!["Abu Hudhayfa"],
        vec!["Abu Huzayfa al-Tunisi"],
        vec!["Karim Tawfiq Sarhani", "Abu Ghadiya"],
        vec!["Abu Ghadiya al-Shami"],
    ];
    let c = &people_of(&groups);
    assert_eq!(c[0], c[1], "{c:?}");
    assert_ne!(c[2], c[3], "{c:?}");
    assert_ne!(c[2], c[4], "{c:?}");
    assert_ne!(c[5], c[6], "{c:?}");
    assert_ne!(c[7], c[8], "{c:?}");
    assert_ne!(c[9], c[10], "{c:?}");
}

#[test]
fn aliases_of_one_record_do_not_veto_a_third_spelling() {
    // Requirement 4: the record gives a real name and a nom de guerre with
    // another nisba; a spelling of the real name joins the record.
    let groups = vec![
        vec!["Rahim Tawfiq al-Jawadi", "Abu Tariq al-Shami"],
        vec!["Rahim Tawfiq al-Jawady"],
    ];
    let c = people_of(&groups);
    assert_eq!(c[0], c[1], "{c:?}");
}

#[test]
fn a_name_with_both_nisbas_joins_the_two() {
    // A person's nisbas are a set: the name carrying both links the names
    // carrying one each; an unrelated nisba with nothing between stays
    // apart.
    let groups = vec![
        vec!["Tariq Jabir Sultan al-Harbi"],
        vec!["Tariq Jabir Sultan al-Anazi"],
        vec!["Tariq Jabir Sultan al-Harbi al-Anazi"],
        vec!["Nabil Jabir Sultan al-Dosari"],
    ];
    let c = &people_of(&groups);
    assert_eq!(c[0], c[1], "{c:?}");
    assert_eq!(c[0], c[2], "{c:?}");
    assert_ne!(c[0], c[3], "{c:?}");
}

/// The person (cluster) of each group, clustered alone.
fn people_of(groups: &[Vec<&str>]) -> Vec<usize> {
    cluster(groups, &Constraints::default(), &cfg()).cluster_of_group
}

#[test]
fn an_explicit_difference_still_wins() {
    // Requirement 4: whatever the names, an explicit `different` keeps two
    // records apart.
    let groups = vec![
        vec!["Tariq Jabir Sultan al-Harbi"],
        vec!["Tariq Jabir Sultan al-Harbi al-Anazi"],
    ];
    let constraints = Constraints {
        different: vec![(0, 1)],
        ..Constraints::default()
    };
    let result = cluster(&groups, &constraints, &cfg());
    assert_ne!(result.cluster_of_group[0], result.cluster_of_group[1]);
}

/// Requirement 6: births beside the names. Groups 0–1 are a contained name
/// and a longer one that names alone would join (unique completion).
fn clustered_with_births(born: &[(usize, (i32, i32))]) -> bool {
    let groups = vec![
        vec!["Zayd ibn Ali al-Rawi"],
        vec!["Zayd ibn Ali ibn Umar al-Rawi"],
    ];
    let constraints = Constraints {
        born: born.to_vec(),
        ..Constraints::default()
    };
    let result = cluster(&groups, &constraints, &cfg());
    result.cluster_of_group[0] == result.cluster_of_group[1]
}

#[test]
fn births_that_cannot_both_hold_keep_a_contained_name_apart() {
    assert!(clustered_with_births(&[]), "names alone join them");
    assert!(clustered_with_births(&[
        (0, (1000, 1364)),
        (1, (1200, 1200))
    ]));
    assert!(!clustered_with_births(&[
        (0, (1000, 1364)),
        (1, (5000, 5000))
    ]));
}

#[test]
fn births_never_split_a_full_name_match() {
    let groups = vec![
        vec!["Faris ibn Hamid al-Shammari"],
        vec!["Faris bin Hamed al-Shamari"],
    ];
    let constraints = Constraints {
        born: vec![(0, (0, 364)), (1, (9000, 9365))],
        ..Constraints::default()
    };
    let result = cluster(&groups, &constraints, &cfg());
    assert_eq!(result.cluster_of_group[0], result.cluster_of_group[1]);
}

#[test]
fn names_of_a_hundred_words_are_compared_in_bounded_time() {
    // Requirement 8: alignment looks at the first parts only, and says so.
    let long: String = (0..100)
        .map(|i| format!("Nam{}", (b'a' + (i % 26) as u8) as char))
        .collect::<Vec<_>>()
        .join(" ");
    let started = std::time::Instant::now();
    let result = match_names(&long, &long.replace("Nama", "Nume"), &cfg());
    assert!(started.elapsed().as_secs() < 2);
    assert!(
        result.explanation.contains("which alone are compared"),
        "{}",
        result.explanation
    );
}

/// Whether the explanation of two names says their difference keeps them
/// apart whatever else links them (a cannot-link), not only lowers the
/// score.
fn rules_out(a: &str, b: &str) -> bool {
    let result = match_names(a, b, &cfg());
    result.explanation.contains("against: ") && !result.explanation.contains("(not ruling out)")
}

#[test]
fn a_word_for_two_weighs_two_names_on_both_sides() {
    // Requirement 3: `Alighadir` is `Ali Ghadir`, two names, in the total
    // of the name that writes it as one word as well as in the other's. So
    // a name inside another across a word break is as close as one inside
    // it word for word: here for review, not different people.
    let pair = match_names("KARIMI, Ali Ghadir", "KARIMI, Alighadir Hasan", &cfg());
    assert_eq!(pair.decision, Decision::Review, "{}", pair.explanation);
    // Each side writing one of two names as one word.
    let pair = match_names(
        "MALEKUTI POUR, Hamidreza",
        "MALAKUTIPUR, Hamid Reza",
        &cfg(),
    );
    assert_eq!(pair.decision, Decision::Same, "{}", pair.explanation);
    // Another word after the same first half is still another name.
    let pair = match_names("KARIMI, Ali Ghadir", "KARIMI, Alinaqi Hasan", &cfg());
    assert_eq!(pair.decision, Decision::Different, "{}", pair.explanation);
}

#[test]
fn initials_the_other_name_omits_are_no_difference() {
    // `D. A.` against `Daniel`: the second initial is a name the other
    // leaves out, so it lowers nothing and the pair is for review (an
    // initial says too little to merge on). Initials against a name of
    // their own left over (`M. A.` / `Daniel`) still differ.
    let pair = match_names("OKAFOR, D. A.", "OKAFOR, Daniel", &cfg());
    assert_eq!(pair.decision, Decision::Review, "{}", pair.explanation);
    let pair = match_names("OKAFOR, M. A.", "OKAFOR, Daniel", &cfg());
    assert_eq!(pair.decision, Decision::Different, "{}", pair.explanation);
}

#[test]
fn a_compound_takes_no_second_half() {
    // `Karamatullah ur-Rahman` is the compound Karamatullah and the name
    // Rahman, not one compound of three names: so `RAHMAN, Karamatullah`
    // is the same two names, and the one person on offer.
    let c = cluster_in_dataset(
        &["JALIL, Karamatullah ur-Rahman", "RAHMAN, Karamatullah"],
        400,
    );
    assert_eq!(c[0], c[1], "{c:?}");
    // Another own name beside Rahman is another man.
    let c = cluster_in_dataset(
        &["JALIL, Karamatullah ur-Rahman", "RAHMAN, Hidayatullah"],
        400,
    );
    assert_ne!(c[0], c[1], "{c:?}");
}

#[test]
fn a_split_compound_is_no_family_name_to_differ_by() {
    // `REHMAN, Karim Sultan` is `Karim-ur-Rehman Sultan` split at the
    // comma: its surname is the compound's second half, so it says nothing
    // against another family name. Two real family names still do.
    assert!(!rules_out("REHMAN, Karim Sultan", "JAMIL, Karim Sultan"));
    assert!(!rules_out("ULLAH, Karim Sultan", "JAMIL, Karim Sultan"));
    assert!(rules_out("QURESHI, Karim Sultan", "JAMIL, Karim Sultan"));
    // Nor is it a family name swapped with a given name: `AL-RAHMAN,
    // Inayat Jamil` is `Inayat al-Rahman Jamil`; `HASSAN, Inayat Jamil`
    // against `JAMIL, Inayat Hassan` is still a swap.
    assert!(!rules_out(
        "AL-RAHMAN, Inayat Jamil",
        "JAMIL, Inayat Rahman"
    ));
    assert!(rules_out("HASSAN, Inayat Jamil", "JAMIL, Inayat Hassan"));
}

#[test]
fn a_family_name_written_apart_is_no_second_family_name() {
    // Requirement 3 and 4: `NAZARIAN FARD` written as one word elsewhere,
    // with other vowels (`NAZARYANIFARD`), is one family name broken in
    // another place, not two families; another family name still is.
    assert!(!rules_out(
        "NAZARIAN FARD, Habib Qadim",
        "NAZARYANIFARD, Habib Qadim"
    ));
    assert!(rules_out(
        "QURESHI FARD, Habib Qadim",
        "NAZARYANIFARD, Habib Qadim"
    ));
    // Either side may hold the name written apart, wherever the agreeing
    // parts stand in the other.
    assert!(!rules_out(
        "NAZARYANIFARD, Karim Jawad Habib Qadim",
        "NAZARIAN FARD, Habib Qadim"
    ));
}

#[test]
fn a_tribe_is_no_family_name_to_differ_by() {
    // Requirement 4: a list writes a Pashtun's tribe or sub-tribe where a
    // family name would stand (`-zai`, `-khel`); one man listed under two
    // is no clear evidence of two people, so a shorter name inside both
    // joins the three. Two family names that are not tribes still rule
    // it out, and the shorter name then joins only one of them.
    assert!(!rules_out("NOORZAI, Habib Qadim", "BARIKI, Habib Qadim"));
    assert!(!rules_out(
        "BARIKI, Habib Qadim",
        "SULAIMANKHEL, Habib Qadim"
    ));
    assert!(rules_out("QURESHI, Habib Qadim", "BARIKI, Habib Qadim"));
    let tribes = cluster_in_dataset(
        &[
            "NOORZAI, Habib Qadim",
            "BARIKI, Habib Qadim",
            "QADIM, Habib",
        ],
        400,
    );
    assert!(tribes.iter().all(|&c| c == tribes[0]), "{tribes:?}");
    let families = cluster_in_dataset(
        &[
            "QURESHI, Habib Qadim",
            "BARIKI, Habib Qadim",
            "QADIM, Habib",
        ],
        400,
    );
    assert_ne!(families[0], families[1], "{families:?}");
}

#[test]
fn family_names_of_one_skeleton_are_not_clearly_different() {
    // Requirement 4: `Chwiri` and `Shuwayri` are two spellings (French
    // `ch`, a vowel and a `y` written or not) that the variant table does
    // not take as one word; with the same consonants they are no clear
    // evidence of two people. Other consonants still are.
    assert!(!rules_out("CHWIRI, Tawfiq Nabil", "SHUWAYRI, Tawfiq Nabil"));
    assert!(rules_out("QURESHI, Tawfiq Nabil", "JAMIL, Tawfiq Nabil"));
}

#[test]
fn family_names_one_letter_apart_are_not_clearly_different() {
    // Requirement 4: `Abbud` and `Adbud` are one letter apart, a slip of
    // the pen as often as another family; that is no clear evidence of two
    // people (the score still keeps them apart). Two letters apart still is.
    assert!(!rules_out("ABBUD, Sa'id Tawfiq", "ADBUD, Sa'id Tawfiq"));
    assert!(!rules_out("KARBANI, Sa'id Tawfiq", "KARBAN, Sa'id Tawfiq"));
    assert!(rules_out("ABBUD, Sa'id Tawfiq", "ADBUL, Sa'id Tawfiq"));
}

#[test]
fn a_kunya_against_a_fathers_name_is_no_generation() {
    // `Abu Khalaf` against `Ahmad Khalaf` (Ahmad son of Khalaf): men are so
    // often called after a son named for their own father that this is no
    // evidence of two. Against the own name it still is (`Khalaf` is the
    // son of `Abu Khalaf`).
    assert!(!rules_out("Abu Khalaf al-Tamimi", "Ahmad Khalaf al-Tamimi"));
    assert!(rules_out("Abu Khalaf al-Tamimi", "Khalaf Ahmad al-Tamimi"));
}

#[test]
fn an_article_before_an_ayn_is_the_next_words_article() {
    // `al'Issawi` is `al-Issawi`: with both nisbas the name bridges the two
    // that carry one each.
    let groups = vec![
        vec!["AL-HARBI, Tariq Jabir Sultan"],
        vec!["AL-ISSAWI, Tariq Jabir Sultan"],
        vec!["AL-HARBI, Tariq Jabir Sultan al'Issawi"],
    ];
    let c = &people_of(&groups);
    assert_eq!(c[0], c[2], "{c:?}");
    assert_eq!(c[1], c[2], "{c:?}");
}

#[test]
fn a_leading_muhammad_may_be_dropped_before_a_distinctive_name() {
    // `Muhammad Azam` is as often `Azam` with a devotional prefix as
    // Muhammad son of Azam; before a common name (`Muhammad Ahmad`) it is
    // still read as a generation.
    let same = match_names("CHEEMA, Tanvir", "CHEEMA, Muhammad Tanvir", &cfg());
    assert_eq!(same.decision, Decision::Same, "{}", same.explanation);
    let apart = match_names("Ahmad al-Tamimi", "Muhammad Ahmad al-Tamimi", &cfg());
    assert_ne!(apart.decision, Decision::Same, "{}", apart.explanation);
}

#[test]
fn a_different_nisba_alone_rules_nothing_out() {
    // Requirement 4: a person's nisbas are a set. Another nisba lowers the
    // score (the two never join on their own, unlike nomenklatura's
    // matcher), but it keeps nothing apart: a shorter name inside both
    // joins them. Another family name still keeps two men apart.
    let pair = match_names(
        "Muwafaq Tawfiq Mustafa al-Harbi",
        "Muwafaq Tawfiq Mustafa al-Anazi",
        &cfg(),
    );
    assert_ne!(pair.decision, Decision::Same, "{}", pair.explanation);
    assert!(!rules_out(
        "Muwafaq Tawfiq Mustafa al-Harbi",
        "Muwafaq Tawfiq Mustafa al-Anazi"
    ));
    let c = cluster_in_dataset(
        &[
            "AL-HARBI, Muwafaq Tawfiq Mustafa",
            "TAWFIQ, Muwafaq",
            "AL-ANAZI, Muwafaq Tawfiq Mustafa",
            "SHEKAWI, Abubakar Tawfiq",
            "TAWFIQ, Abubakar",
            "MAINOKI, Abubakar Tawfiq",
        ],
        400,
    );
    assert_eq!(c[0], c[2], "{c:?}");
    assert_ne!(c[3], c[5], "{c:?}");
}

#[test]
fn a_name_with_one_person_on_offer_joins_that_person() {
    // Requirement 1, unique completion in the review band: `QASIMI, Hamed`
    // lies inside the names of one person only, on common parts, and
    // joins him.
    let c = cluster_in_dataset(
        &[
            "QASIMI, Hamed",
            "QASIMI, Ahmed Mohammed Hamed",
            "QASIMI, Ahmad Muhammad Hamid",
        ],
        400,
    );
    assert_eq!(c[0], c[1], "{c:?}");
    // Inside the names of two people it could be either.
    let c = cluster_in_dataset(
        &[
            "QASIMI, Hamed",
            "QASIMI, Ahmed Mohammed Hamed",
            "QASIMI, Yusuf Ibrahim Hamed",
        ],
        400,
    );
    assert_ne!(c[0], c[1], "{c:?}");
    assert_ne!(c[0], c[2], "{c:?}");
}

#[test]
fn a_common_family_name_with_a_distinctive_own_name_has_one_person_on_offer() {
    // Requirement 1: `al-Bakri` is the family name of many people here, so
    // it anchors nothing; but `Zubayr`, a given name few names carry, says
    // who, and `AL-BAKRI, Zubayr` inside the names of one man joins him.
    let many: Vec<String> = ["Yusuf", "Salim", "Nabil", "Jamal", "Karim", "Tahir"]
        .iter()
        .map(|given| format!("AL-BAKRI, {given} Hamdan"))
        .collect();
    let with_many = |names: &[&str]| {
        let mut all: Vec<&str> = names.to_vec();
        all.extend(many.iter().map(String::as_str));
        cluster_in_dataset(&all, 400)
    };
    let c = with_many(&["AL-BAKRI, Zubayr", "AL-BAKRI, Muhammad Zubayr"]);
    assert_eq!(c[0], c[1], "{c:?}");
    // A common own name is no anchor beside a common family name.
    let c = with_many(&["AL-BAKRI, Hasan", "AL-BAKRI, Muhammad Hasan"]);
    assert_ne!(c[0], c[1], "{c:?}");
    // Inside the names of two men, it could be either.
    let c = with_many(&[
        "AL-BAKRI, Zubayr",
        "AL-BAKRI, Muhammad Zubayr",
        "AL-BAKRI, Zubayr Hamid Sadiq",
    ]);
    assert_ne!(c[0], c[1], "{c:?}");
    assert_ne!(c[0], c[2], "{c:?}");
}

#[test]
fn a_sole_candidate_is_no_namesake() {
    // What only namesakes share stays apart even with one person on
    // offer: an own name against a father's (son and father), a family
    // name spelled otherwise (the rule's other cases are unit tests of
    // `cluster::namesakes::fits`).
    for (short, long) in [
        ("Abbas al-Mashhadani", "Nasir ibn Abbas al-Mashhadani"),
        ("AMAN, Mohammed", "AL AMIN, Mohammad"),
    ] {
        let c = cluster_in_dataset(&[short, long], 400);
        assert_ne!(c[0], c[1], "{short} / {long}");
    }
    // A family name written otherwise but as a close spelling of the same
    // word (`Halawi` / `Hillawi`, a doubled letter and a short vowel) is
    // the same family; the man on offer is that man.
    let c = cluster_in_dataset(
        &["HALAWI, Hamid Zubayr", "HILLAWI, Jamal Hamid Zubayr"],
        400,
    );
    assert_eq!(c[0], c[1], "{c:?}");
}

#[test]
fn a_devotional_muhammad_reverses_no_nasab() {
    // In a list's `SURNAME, Given Names`, `Mhd Samir` is Samir as often as
    // Muhammad son of Samir, so against `Samir Mhd` (Samir son of
    // Muhammad) it is no father and son. With `bin` written, a common name
    // after Muhammad, or the names written out, it still is.
    assert!(!rules_out("HADDAD, Samir Mhd", "HADDAD, Mohammad Samir"));
    assert!(rules_out(
        "Muhammad bin Samir al-Haddad",
        "Samir bin Muhammad al-Haddad"
    ));
    assert!(rules_out("HADDAD, Ali Mhd", "HADDAD, Mohammad Ali"));
    // Written out, the names are a nasab: Muhammad son of Samir.
    assert!(rules_out(
        "Samir Muhammad al-Haddad",
        "Muhammad Samir al-Haddad"
    ));
}

#[test]
fn abd_before_a_family_name_is_no_clear_difference() {
    // Requirement 4: `Abd Shabib` and `Shabib` (also `SHABIB, Karim Tawfiq
    // Abd`, the `Abd` of the family name among the given names) are one
    // name shortened as often as two: no cannot-link, though the pair
    // alone does not join. Two unrelated family names still keep apart.
    assert!(!rules_out(
        "SHABIB, Karim Tawfiq",
        "SHABIB, Karim Tawfiq Abd"
    ));
    assert!(!rules_out(
        "RAHMAN, Karim Tawfiq",
        "ABDUL RAHMAN, Karim Tawfiq"
    ));
    let pair = match_names("SHABIB, Karim Tawfiq", "SHABIB, Karim Tawfiq Abd", &cfg());
    assert_ne!(pair.decision, Decision::Same, "{}", pair.explanation);
    assert!(rules_out("SHABIB, Karim Tawfiq", "QURESHI, Karim Tawfiq"));
}

#[test]
fn a_family_name_in_capitals_reads_as_a_list_form() {
    // A list's display form, `Given Names SURNAME`, says which word is the
    // family name as surely as `SURNAME, Given Names`: the capitals. So
    // `Hamed QASIMI` inside the names of one person joins him, as `QASIMI,
    // Hamed` does; written out (`Hamed Qasimi`), Hamed might be the father
    // of `Ahmed Mohammed Hamed Qasimi`, and nothing joins.
    let listed = cluster_in_dataset(
        &[
            "Hamed QASIMI",
            "Ahmed Mohammed Hamed QASIMI",
            "Ahmad Muhammad Hamid QASIMI",
        ],
        400,
    );
    assert_eq!(listed[0], listed[1], "{listed:?}");
    let written_out = cluster_in_dataset(
        &[
            "Hamed Qasimi",
            "Ahmed Mohammed Hamed Qasimi",
            "Ahmad Muhammad Hamid Qasimi",
        ],
        400,
    );
    assert_ne!(written_out[0], written_out[1], "{written_out:?}");
    // Capitals that mark no family name change nothing.
    let same = match_names("Abu Bakr AL-BAGHDADI", "Abu Bakr al-Baghdadi", &cfg());
    assert_eq!(same.decision, Decision::Same, "{}", same.explanation);
    let apart = match_names("ABU BAKR al-BAGHDADI", "Abu Bakr al-Kurdi", &cfg());
    assert_ne!(apart.decision, Decision::Same, "{}", apart.explanation);
}

#[test]
fn the_name_in_question_is_the_one_inside_the_others() {
    // A short name inside two longer ones of two people is one question
    // (could it be either?), whichever record comes first.
    for order in [[0, 1, 2], [2, 0, 1]] {
        let names = [
            "Harith Salim al-Najdi",
            "Harith ibn Salim ibn Jabir al-Najdi",
            "Harith ibn Salim ibn Nasir al-Najdi",
        ];
        let groups: Vec<Vec<&str>> = order.iter().map(|&i| vec![names[i]]).collect();
        let result = cluster(&groups, &Constraints::default(), &cfg());
        let mut in_question: Vec<&str> = result.ambiguous.iter().map(|a| a.name.as_str()).collect();
        in_question.dedup();
        assert_eq!(in_question, ["Harith Salim al-Najdi"], "{order:?}");
        assert!(
            result.ambiguous.iter().all(|a| a.candidates.len() == 2),
            "{order:?}: {:?}",
            result.ambiguous
        );
    }
}

#[test]
fn the_order_of_the_records_decides_nothing() {
    // A short name inside two men's names, whom a `not_same_as` keeps
    // apart, links to both equally well: what becomes of it must not
    // depend on which record comes first.
    let names = [
        "SALLUM, Qutayba",
        "SALLUM, Qutayba Harith",
        "SALLUM, Qutayba Jabir",
    ];
    let people = |order: [usize; 3]| {
        let at = |name: usize| order.iter().position(|&i| i == name).unwrap_or(name);
        let groups: Vec<Vec<&str>> = order.iter().map(|&i| vec![names[i]]).collect();
        let constraints = Constraints {
            different: vec![(at(1), at(2))],
            ..Constraints::default()
        };
        let clusters = cluster(&groups, &constraints, &cfg()).cluster_of_group;
        let together = |x: usize, y: usize| clusters[at(x)] == clusters[at(y)];
        [together(0, 1), together(0, 2)]
    };
    // The names cannot say which of the two it is: neither.
    for order in [
        [0, 1, 2],
        [0, 2, 1],
        [1, 2, 0],
        [2, 1, 0],
        [1, 0, 2],
        [2, 0, 1],
    ] {
        assert_eq!(people(order), [false, false], "{order:?}");
    }
    // It is left for review, with both.
    let groups: Vec<Vec<&str>> = names.iter().map(|n| vec![*n]).collect();
    let constraints = Constraints {
        different: vec![(1, 2)],
        ..Constraints::default()
    };
    let open = cluster(&groups, &constraints, &cfg()).ambiguous;
    assert!(
        open.iter()
            .any(|a| a.name == names[0] && a.candidates.len() == 2),
        "{open:?}"
    );
}

/// Arabic script against Latin spellings: each consonant written by one
/// of its Latin spellings, long vowels by their quality, short vowels
/// free (`docs/names.md` §3). Made-up names in the shapes of the UN
/// list's `NAME_ORIGINAL_SCRIPT`.
const ARABIC_SCRIPT_MERGE: &[(&str, &str)] = &[
    ("كريم توفيق السرحاني", "Karim Tawfiq al-Sarhani"),
    ("كريم توفيق السرحاني", "KAREEM TOWFEEK AL-SARHANI"),
    ("أبو حارث القناوي", "Abu Harith al-Qinawi"),
    ("عبد الباقي نور الدين", "Abdul Baqi Nuruddin"),
    ("نبيل بن منير بن خليل", "Nabil bin Munir bin Khalil"),
    ("حمزة يونس الجبوري", "Hamza Yunis al-Jaburi"),
    ("ملا رحيم جواد نورستاني", "Mullah Rahim Jawad Nuristani"),
    // Two words written as one, across the scripts.
    ("عبد الباقي ولي جان", "Abdul Baqi Walijan"),
    // A title with the article, and a nisba written with a doubled letter.
    ("الشيخ حارث يونس الطائي", "Shaykh Harith Yunis al-Taie"),
];

/// Pairs written alike in consonants that stay apart: a long vowel Latin
/// does not write (`Hasan` is not `حسين`), a Latin vowel at the start
/// that Arabic would write (`Ahmad` is not `حمد`), a `y` Arabic does not
/// have (`Sulayman` is not `سلمان`), a consonant in another letter.
const ARABIC_SCRIPT_APART: &[(&str, &str)] = &[
    ("حسين علي السرحاني", "Hasan Ali al-Sarhani"),
    ("حمد توفيق القناوي", "Ahmad Tawfiq al-Qinawi"),
    ("سلمان رحيم الجوادي", "Sulayman Rahim al-Jawadi"),
    ("كريم توفيق السرحاني", "Karim Tawfiq al-Sarbani"),
    ("أبو حارث القناوي", "Abu Hamid al-Qinawi"),
    // Father and son, in either script.
    ("نبيل بن منير", "Munir bin Nabil"),
];

#[test]
fn arabic_script_meets_its_latin_spellings() {
    let failures = decided(ARABIC_SCRIPT_MERGE, false);
    assert!(failures.is_empty(), "{failures:#?}");
    let failures = decided(ARABIC_SCRIPT_APART, true);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn an_arabic_script_name_joins_its_person_and_no_namesake() {
    // Blocking must bring the Arabic name to its Latin spelling; a name
    // inside the names of two people kept apart joins neither, in Arabic
    // script as in Latin letters.
    let names = [
        "KARIM TAWFIQ AL-SARHANI",
        "كريم توفيق السرحاني",
        "محمد سليم حقاني",
        "محمد يونس حقاني",
        "محمد حقاني",
    ];
    let people = cluster_in_dataset(&names, 400);
    assert_eq!(people[0], people[1], "{people:?}");
    assert_ne!(people[0], people[2], "{people:?}");
    assert_ne!(people[2], people[3], "{people:?}");
    assert_ne!(people[4], people[2], "{people:?}");
    assert_ne!(people[4], people[3], "{people:?}");
}

#[test]
fn a_name_inside_another_in_another_order_is_another_name() {
    // `Karim Sarhani` lies inside `Karim Tawfiq Sarhani` in order, on
    // parts rare in the dataset: the same man. `Sarhani Karim`, its parts
    // the other way round, is another name: in the UN list three men named
    // `… Wali Mohammad` had been joined through a `Mohammad Wali`.
    let in_order = cluster_in_dataset(&["Karim Tawfiq Sarhani", "Karim Sarhani"], 400);
    assert_eq!(in_order[0], in_order[1], "{in_order:?}");
    let reversed = cluster_in_dataset(&["Karim Tawfiq Sarhani", "Sarhani Karim"], 400);
    assert_ne!(reversed[0], reversed[1], "{reversed:?}");
}

#[test]
fn a_family_name_that_is_a_nisba_elsewhere_says_who() {
    // `AL-HALABI, Abdallah` gives al-Halabi as the family name; in
    // `AL-MADANI, Abdallah al-Halabi` it is a second nisba. Two parts say
    // who, and with one person on offer the two join.
    let c = cluster_in_dataset(
        &["AL-HALABI, Abdallah", "AL-MADANI, Abdallah al-Halabi"],
        400,
    );
    assert_eq!(c[0], c[1], "{c:?}");
    // Written out, neither is a family name: `Abdallah al-Halabi
    // al-Madani` may be a namesake with a second nisba.
    let c = cluster_in_dataset(&["Abdallah al-Halabi", "Abdallah al-Halabi al-Madani"], 400);
    assert_ne!(c[0], c[1], "{c:?}");
}
