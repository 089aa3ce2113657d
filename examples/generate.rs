//! Deterministic synthetic dataset for claimlint's benchmark.
//!
//! ```text
//! cargo run --release --example generate -- --claims 100k --seed 1 --out target/bench-data/x
//! ```
//!
//! Writes `DIR/claims.ndjson` (source records first, then claims, in the
//! SPEC §1 format), `DIR/truth.jsonl` (which person each claim is about, and
//! which contradiction was planted on each person) and `DIR/claimlint.toml`
//! (which keeps `truth.jsonl` out of the dataset when `DIR` is checked).
//!
//! Every person has a distinct Arabic-style name built from part tables
//! (kunya, ism, nasab, nisba, title, family name); every claim spells it with
//! random transliteration variants. Most people have a consistent life —
//! born, active, roles, custody, at most one death, every date in order and
//! every report after its event — and a known share carry one planted
//! contradiction: a doubtful death followed by proof of life
//! (`alive-after-death`, ~5 %), or two deaths years apart
//! (`multiple-deaths`, ~3 %).
//!
//! The generator uses its own PRNG (splitmix64) and integer arithmetic only,
//! so the same `--claims` and `--seed` give byte-identical files on every
//! platform and Rust version.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

// ---------------------------------------------------------------------------
// Randomness

/// splitmix64: tiny, fast, and fully specified, so output never depends on a
/// crate's version.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// An independent stream for one person, so a person's claims do not
    /// depend on how many random numbers the people before them used.
    pub fn fork(seed: u64, stream: u64) -> Rng {
        let mut mixer = Rng(seed ^ stream.wrapping_mul(0xD134_2543_DE82_EF95));
        Rng(mixer.next_u64())
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` by multiply-shift (bias below 2^-40 for our `n`).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `per_mille` / 1000 (integers only: no float
    /// rounding can differ between platforms).
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    pub fn weighted<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.below(total);
        for &(item, weight) in items {
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        items[items.len() - 1].0
    }
}

// ---------------------------------------------------------------------------
// Name tables: canonical spellings; variants are made when a claim is written.

/// Given names (ism). `Abd al-X` entries get their own prefix variants.
const ISMS: &[&str] = &[
    "Muhammad",
    "Ahmad",
    "Ali",
    "Umar",
    "Uthman",
    "Usama",
    "Yusuf",
    "Ibrahim",
    "Ismail",
    "Ishaq",
    "Yaqub",
    "Musa",
    "Isa",
    "Harun",
    "Dawud",
    "Sulayman",
    "Hamza",
    "Khalid",
    "Bakr",
    "Anas",
    "Hafs",
    "Talha",
    "Zubayr",
    "Saad",
    "Salim",
    "Salih",
    "Mahmud",
    "Hasan",
    "Husayn",
    "Jafar",
    "Abbas",
    "Hamid",
    "Rashid",
    "Tariq",
    "Ziyad",
    "Bilal",
    "Muadh",
    "Qasim",
    "Walid",
    "Mustafa",
    "Idris",
    "Ilyas",
    "Yahya",
    "Zakariya",
    "Nuh",
    "Ayyub",
    "Yunus",
    "Akhtar",
    "Mansur",
    "Jalal",
    "Nasir",
    "Faris",
    "Marwan",
    "Adnan",
    "Ammar",
    "Hudhayfa",
    "Khattab",
    "Mujahid",
    "Qutayba",
    "Hisham",
    "Shakir",
    "Sufyan",
    "Ubayda",
    "Harith",
    "Numan",
    "Luqman",
    "Yasin",
    "Imran",
    "Salman",
    "Faruq",
    "Zayd",
    "Nabil",
    "Ayman",
    "Fadl",
    "Asim",
    "Haydar",
    "Mazin",
    "Ghazi",
    "Hatim",
    "Nizar",
    "Jamal",
    "Kamal",
    "Ramzi",
    "Tamim",
    "Zuhayr",
    "Abdullah",
    "Abd al-Rahman",
    "Abd al-Aziz",
    "Abd al-Karim",
    "Abd al-Rahim",
    "Abd al-Malik",
    "Abd al-Wahhab",
    "Abd al-Qadir",
    "Abd al-Hamid",
    "Abd al-Majid",
    "Abd al-Latif",
    "Abd al-Jabbar",
    "Abd al-Ghani",
    "Abd al-Salam",
    "Abd al-Hakim",
    "Abd al-Razzaq",
    "Abd al-Basit",
];

/// Nisbas, without the article (`al-` is added, in one of its spellings).
const NISBAS: &[&str] = &[
    "Masri",
    "Tunisi",
    "Shishani",
    "Libi",
    "Iraqi",
    "Suri",
    "Urduni",
    "Filastini",
    "Lubnani",
    "Yamani",
    "Najdi",
    "Hijazi",
    "Maghribi",
    "Jazairi",
    "Sudani",
    "Somali",
    "Kuwaiti",
    "Bahraini",
    "Baghdadi",
    "Mosuli",
    "Anbari",
    "Falluji",
    "Tikriti",
    "Halabi",
    "Dimashqi",
    "Idlibi",
    "Raqqawi",
    "Adnani",
    "Qurashi",
    "Hashimi",
    "Ansari",
    "Muhajir",
    "Zarqawi",
    "Maqdisi",
    "Ghazzawi",
    "Khurasani",
    "Afghani",
    "Baluchi",
    "Kurdi",
    "Turkmani",
    "Uzbeki",
    "Tajiki",
    "Dagestani",
    "Almani",
    "Faransi",
    "Britani",
    "Bosnawi",
    "Albani",
    "Kosovi",
    "Amriki",
    "Hindi",
    "Bangali",
    "Barnawi",
    "Sahrawi",
    "Tamimi",
    "Dulaymi",
    "Juburi",
    "Shammari",
    "Utaybi",
    "Harbi",
    "Qahtani",
    "Ghamdi",
    "Zahrani",
    "Shahri",
    "Asiri",
    "Dawsari",
    "Mutayri",
    "Anazi",
    "Kindi",
    "Janabi",
    "Rawi",
    "Ubaydi",
    "Halbusi",
    "Mashhadani",
];

/// Family names in the South Asian shape (`Mullah Akhtar Mansur`).
const FAMILIES: &[&str] = &[
    "Mansur", "Zadran", "Akhund", "Baradar", "Nurzai", "Ishaqzai", "Popalzai", "Achakzai", "Kakar",
    "Mehsud", "Wazir", "Afridi", "Yusufzai", "Khan", "Shah", "Gul", "Zaman", "Hotak", "Rahimi",
    "Karimi", "Samadi", "Niazi", "Durrani", "Ghilzai", "Muttaqi", "Hanafi", "Jalali",
];

const ARABIC_TITLES: &[&str] = &["Sheikh", "Emir", "Hajji", "Mufti", "Qari"];
const SOUTH_ASIAN_TITLES: &[&str] = &["Mullah", "Maulana", "Qari", "Hafiz", "Mufti", "Hajji"];

/// Spellings of titles; a title is not part of a person's identity key.
const TITLE_SPELLINGS: &[(&str, &[&str])] = &[
    ("Sheikh", &["Sheikh", "Shaykh", "Shaikh", "Sheik"]),
    ("Emir", &["Emir", "Emir"]),
    ("Hajji", &["Hajji", "Haji", "Hadji"]),
    ("Mufti", &["Mufti", "Mufti"]),
    ("Qari", &["Qari", "Kari"]),
    ("Mullah", &["Mullah", "Mulla", "Molla"]),
    ("Maulana", &["Maulana", "Mawlana", "Moulana"]),
    ("Hafiz", &["Hafiz", "Hafez"]),
];

/// Irregular but common spellings, used instead of the generic rewrites.
/// Each has the consonant skeleton of its canonical form (see [`fold`]).
const SPELLINGS: &[(&str, &[&str])] = &[
    (
        "Muhammad",
        &[
            "Mohammed", "Mohamed", "Muhammed", "Mohammad", "Mohamad", "Mohamed",
        ],
    ),
    ("Usama", &["Osama", "Oussama"]),
    ("Yusuf", &["Youssef", "Yousef", "Yusef", "Yousuf"]),
    ("Umar", &["Omar", "Oumar", "Omer"]),
    ("Uthman", &["Othman", "Uthmaan"]),
    ("Husayn", &["Hussein", "Husain", "Hussain", "Hossein"]),
    ("Hasan", &["Hassan", "Hasen"]),
    ("Sulayman", &["Suleiman", "Sulaiman", "Suleyman"]),
    ("Khalid", &["Khaled", "Khaleed"]),
    ("Ibrahim", &["Ebrahim", "Ibraheem"]),
    ("Ismail", &["Ismael", "Esmail", "Ismaeel"]),
    ("Abdullah", &["Abdallah", "Abdellah", "Abdoullah"]),
    ("Jafar", &["Ja'far", "Jaafar"]),
    ("Saad", &["Sa'd", "Saad"]),
    ("Ahmad", &["Ahmed", "Ahmed"]),
    ("Mahmud", &["Mahmoud", "Mehmood"]),
    ("Mustafa", &["Mostafa", "Moustafa"]),
    ("Yahya", &["Yehia", "Yahia"]),
    ("Zayd", &["Zaid", "Zeid"]),
    ("Yaqub", &["Yaqoob", "Yakub"]),
    ("Dawud", &["Dawood", "Dawoud"]),
    ("Faruq", &["Farouk", "Farooq"]),
    ("Nasir", &["Nasser", "Naser"]),
    ("Mansur", &["Mansour", "Mansoor"]),
];

// ---------------------------------------------------------------------------
// Names

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// `Abu` + an ism.
    Kunya(u16),
    Ism(u16),
    /// `ibn` + an ism.
    Nasab(u16),
    /// `al-` + a nisba stem.
    Nisba(u16),
    Family(u16),
}

/// A person's name as a tuple of parts: their identity in the ground truth.
#[derive(Clone, Debug)]
struct Name {
    title: Option<&'static str>,
    parts: Vec<Part>,
}

impl Name {
    /// The canonical spelling, as written in `truth.jsonl`.
    fn canonical(&self) -> String {
        let mut out = String::new();
        if let Some(title) = self.title {
            out.push_str(title);
        }
        for part in &self.parts {
            if !out.is_empty() {
                out.push(' ');
            }
            match *part {
                Part::Kunya(i) => {
                    out.push_str("Abu ");
                    out.push_str(ISMS[i as usize]);
                }
                Part::Ism(i) => out.push_str(ISMS[i as usize]),
                Part::Nasab(i) => {
                    out.push_str("ibn ");
                    out.push_str(ISMS[i as usize]);
                }
                Part::Nisba(i) => {
                    out.push_str("al-");
                    out.push_str(NISBAS[i as usize]);
                }
                Part::Family(i) => out.push_str(FAMILIES[i as usize]),
            }
        }
        out
    }

    /// The name without its title: what identifies the person.
    fn untitled(&self) -> String {
        Name {
            title: None,
            parts: self.parts.clone(),
        }
        .canonical()
    }

    /// One spelling of the name, as one source might write it. Returns the
    /// full spelling and the byte offset where the untitled part starts.
    fn spell(&self, rng: &mut Rng) -> (String, usize) {
        let mut out = String::with_capacity(48);
        if let Some(title) = self.title {
            let spellings = TITLE_SPELLINGS.iter().find(|(t, _)| *t == title);
            out.push_str(match spellings {
                Some((_, spellings)) if !rng.chance(600) => rng.pick(spellings),
                _ => title,
            });
            out.push(' ');
        }
        let start = out.len();
        for (n, part) in self.parts.iter().enumerate() {
            if n > 0 {
                out.push(' ');
            }
            match *part {
                Part::Kunya(i) => {
                    out.push_str(rng.weighted(&[("Abu ", 750), ("Abou ", 150), ("Abo ", 100)]));
                    spell_ism(ISMS[i as usize], rng, &mut out);
                }
                Part::Ism(i) => spell_ism(ISMS[i as usize], rng, &mut out),
                Part::Nasab(i) => {
                    out.push_str(rng.weighted(&[("ibn ", 600), ("bin ", 300), ("ben ", 100)]));
                    spell_ism(ISMS[i as usize], rng, &mut out);
                }
                Part::Nisba(i) => spell_nisba(NISBAS[i as usize], rng, &mut out),
                Part::Family(i) => out.push_str(&spell_word(FAMILIES[i as usize], rng)),
            }
        }
        match rng.below(1000) {
            0..=29 => out = out.to_lowercase(),
            30..=49 => out = out.to_uppercase(),
            _ => {}
        }
        (out, start)
    }
}

fn spell_ism(canonical: &str, rng: &mut Rng, out: &mut String) {
    if let Some(stem) = canonical.strip_prefix("Abd al-") {
        out.push_str(rng.weighted(&[
            ("Abd al-", 500),
            ("Abdul ", 200),
            ("Abdel ", 100),
            ("Abd el-", 50),
            ("Abd al ", 100),
            ("Abdul-", 50),
        ]));
        out.push_str(&spell_word(stem, rng));
    } else {
        out.push_str(&spell_word(canonical, rng));
    }
}

fn spell_nisba(stem: &str, rng: &mut Rng, out: &mut String) {
    let first = stem.as_bytes()[0].to_ascii_lowercase();
    let digraph = stem.len() > 1 && stem.as_bytes()[1] == b'h';
    let sun = matches!(first, b't' | b'd' | b'r' | b'z' | b's' | b'n');
    let article = rng.weighted(&[
        ("al-", 560),
        ("el-", 100),
        ("al ", 80),
        ("Al-", 80),
        ("sun", if sun { 120 } else { 0 }),
        ("", 60),
    ]);
    if article == "sun" {
        // Assimilated article: at-Tunisi, ash-Shishani, ad-Dulaymi.
        out.push('a');
        out.push(first as char);
        if digraph {
            out.push('h');
        }
        out.push('-');
    } else {
        out.push_str(article);
    }
    let mut word = spell_word(stem, rng);
    if word.ends_with('i') && rng.chance(100) {
        word.pop();
        word.push('y');
    }
    out.push_str(&word);
}

fn is_vowel(c: u8) -> bool {
    matches!(c.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u')
}

/// One spelling of one word: a known irregular variant, or the canonical
/// form put through some of the usual rewrites (u/ou/o, a/e, q/k, shadda
/// written doubled or not). All keep the word's consonant skeleton.
fn spell_word(canonical: &str, rng: &mut Rng) -> String {
    if let Some((_, variants)) = SPELLINGS.iter().find(|(c, _)| *c == canonical) {
        if rng.chance(550) {
            return rng.pick(variants).to_string();
        }
    }
    let mut w: Vec<u8> = canonical.as_bytes().to_vec();
    // u → ou or o (Yusuf → Yousuf, Umar → Omar, Tunisi → Tounisi)
    if rng.chance(150) {
        if let Some(at) = w.iter().position(|&c| c == b'u' || c == b'U') {
            let upper = w[at] == b'U';
            if rng.chance(500) {
                w[at] = if upper { b'O' } else { b'o' };
                w.insert(at + 1, b'u');
            } else {
                w[at] = if upper { b'O' } else { b'o' };
            }
        }
    }
    // a → e in the last syllable (Ahmad → Ahmed; Hamid stays)
    if rng.chance(120) {
        if let Some(at) = w.iter().rposition(|&c| is_vowel(c)) {
            if w[at] == b'a' && at > 0 && at + 1 < w.len() {
                w[at] = b'e';
            }
        }
    }
    // q → k (Qasim → Kasim, Qurashi → Kurashi)
    if rng.chance(100) {
        for c in w.iter_mut() {
            match *c {
                b'q' => *c = b'k',
                b'Q' => *c = b'K',
                _ => {}
            }
        }
    }
    // Shadda: a doubled letter written single, or a single one doubled.
    let doubled = (1..w.len()).find(|&i| w[i] == w[i - 1] && !is_vowel(w[i]));
    match doubled {
        Some(at) if rng.chance(300) => {
            w.remove(at);
        }
        None if rng.chance(50) => {
            let medial: Vec<usize> = (1..w.len().saturating_sub(1))
                .filter(|&i| !is_vowel(w[i]) && is_vowel(w[i - 1]) && is_vowel(w[i + 1]))
                .collect();
            if !medial.is_empty() {
                let at = rng.pick(&medial);
                w.insert(at, w[at]);
            }
        }
        _ => {}
    }
    // Only ASCII letters were rewritten, so the bytes stay UTF-8.
    String::from_utf8(w).unwrap_or_else(|_| canonical.to_string())
}

/// Identity key of a name: lower case, articles and `ibn`/`bin` dropped,
/// `Abdul `/`Abdel `/`Abd al-` read as `Abd `, every run of vowels as one `V`, `q` as `k`,
/// doubled letters as one. Coarse on purpose: two people whose names differ
/// only in vowels (Hasan, Husayn) never both appear, so no spelling of one
/// person can be a spelling of another.
fn fold(name: &str) -> String {
    const ARTICLES: &[&str] = &[
        "al", "el", "at", "ath", "ad", "adh", "ar", "az", "as", "ash", "an",
    ];
    let mut lower = name.to_ascii_lowercase();
    for abd in [
        "abd al-", "abd el-", "abd al ", "abdul-", "abdul ", "abdel ",
    ] {
        lower = lower.replace(abd, "abd ");
    }
    let mut out = String::new();
    for token in lower.split([' ', '-']) {
        if token.is_empty() || ARTICLES.contains(&token) || matches!(token, "ibn" | "bin" | "ben") {
            continue;
        }
        for c in token.chars().filter(|c| c.is_ascii_alphabetic()) {
            let c = match c {
                'a' | 'e' | 'i' | 'o' | 'u' | 'y' => 'V',
                'q' => 'k',
                c => c,
            };
            if !out.ends_with(c) {
                out.push(c);
            }
        }
        out.push('.');
    }
    out
}

#[derive(Clone, Copy)]
enum Shape {
    /// Abu Hamza al-Tunisi
    KunyaNisba,
    /// Abu Ibrahim al-Hashimi al-Qurashi
    KunyaTwoNisbas,
    /// Usama al-Muhajir
    IsmNisba,
    /// Umar Khalid al-Shishani
    IsmFatherNisba,
    /// (Sheikh) Abd al-Rahman ibn Yusuf (ibn Ali) al-Masri
    Nasab,
    /// Mullah Akhtar Mansur
    TitleFamily,
}

fn draw_shape(rng: &mut Rng) -> Shape {
    rng.weighted(&[
        (Shape::KunyaNisba, 200),
        (Shape::KunyaTwoNisbas, 120),
        (Shape::IsmNisba, 100),
        (Shape::IsmFatherNisba, 220),
        (Shape::Nasab, 260),
        (Shape::TitleFamily, 100),
    ])
}

fn draw_name(rng: &mut Rng, shape: Shape) -> Name {
    let ism = |rng: &mut Rng| rng.below(ISMS.len() as u64) as u16;
    let nisba = |rng: &mut Rng| rng.below(NISBAS.len() as u64) as u16;
    match shape {
        Shape::KunyaNisba => Name {
            title: None,
            parts: vec![Part::Kunya(ism(rng)), Part::Nisba(nisba(rng))],
        },
        Shape::KunyaTwoNisbas => {
            let first = nisba(rng);
            let mut second = nisba(rng);
            if second == first {
                second = (second + 1) % NISBAS.len() as u16;
            }
            Name {
                title: None,
                parts: vec![
                    Part::Kunya(ism(rng)),
                    Part::Nisba(first),
                    Part::Nisba(second),
                ],
            }
        }
        Shape::IsmNisba => Name {
            title: None,
            parts: vec![Part::Ism(ism(rng)), Part::Nisba(nisba(rng))],
        },
        Shape::IsmFatherNisba => Name {
            title: None,
            parts: vec![
                Part::Ism(ism(rng)),
                Part::Ism(ism(rng)),
                Part::Nisba(nisba(rng)),
            ],
        },
        Shape::Nasab => {
            let title = rng.chance(350).then(|| rng.pick(ARABIC_TITLES));
            let mut parts = vec![Part::Ism(ism(rng)), Part::Nasab(ism(rng))];
            if rng.chance(350) {
                parts.push(Part::Nasab(ism(rng)));
            }
            parts.push(Part::Nisba(nisba(rng)));
            Name { title, parts }
        }
        Shape::TitleFamily => Name {
            title: Some(rng.pick(SOUTH_ASIAN_TITLES)),
            parts: vec![
                Part::Ism(ism(rng)),
                Part::Family(rng.below(FAMILIES.len() as u64) as u16),
            ],
        },
    }
}

/// Deliberate namesakes per mille: people whose name is an earlier
/// person's with a part added or dropped (a grandfather, a father, a second
/// nisba: half of them) or with another nisba (the other half). Real lists
/// have them: a person's first name lies inside another person's name for
/// 0.66 % of the people in the OFAC SDN sample and 1.14 % in the UN
/// consolidated list of 2026 (1.18 % and 3.18 % counting every alias;
/// `scripts/namesakes.py`). Each generated person is spelled from one
/// canonical name, so the first-name rate is the one to match: 10 ‰
/// contained names, plus as many that differ only by nisba, so that a
/// matcher that merges a contained name or a shared base name too eagerly
/// is caught by the benchmark.
const NAMESAKES_PER_MILLE: u64 = 20;

/// Names no earlier person has, and (but for [`NAMESAKES_PER_MILLE`]) none
/// that lies inside an earlier person's name or holds one: drawing parts at
/// random from small tables would otherwise make one person in five a
/// namesake of another at a million claims, ten times what real lists
/// show. A person's nisbas are a set (order is not identity); a father
/// named without `ibn` is the same part as one named with it.
///
/// Small shapes fill up on large runs; a shape that fails 24 draws in a row
/// is closed and the roomy nasab shape takes its share.
#[derive(Default)]
struct Registry {
    /// Spelling keys ([`fold`]) of the names given, so that no spelling of
    /// one person is a spelling of another.
    taken: HashSet<String>,
    /// Part sets of the names given, hashed.
    whole: HashSet<u64>,
    /// Every part set of two or more parts inside a name given, hashed.
    inside: HashSet<u64>,
    full: HashSet<u8>,
    given: Vec<Name>,
}

/// A name's parts as identity sees them, sorted: kind and spelling key.
fn part_codes(name: &Name) -> Vec<u64> {
    let mut codes: Vec<u64> = name
        .parts
        .iter()
        .enumerate()
        .map(|(n, part)| {
            let (kind, index) = match *part {
                Part::Kunya(i) => (0, i),
                Part::Ism(i) if n == 0 => (1, i),
                // A second ism is the father (Umar Khalid = Umar ibn Khalid).
                Part::Ism(i) | Part::Nasab(i) => (2, i),
                Part::Nisba(i) => (3, i),
                Part::Family(i) => (4, i),
            };
            (kind << 16) | u64::from(index)
        })
        .collect();
    codes.sort_unstable();
    codes
}

/// An order-free hash of a set of part codes (FNV-1a over the sorted codes).
fn hash_codes(codes: impl Iterator<Item = u64>) -> u64 {
    codes.fold(0xcbf2_9ce4_8422_2325, |h, c| {
        (h ^ c).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The part sets of two or more parts strictly inside `codes`.
fn proper_subsets(codes: &[u64]) -> impl Iterator<Item = u64> + '_ {
    let n = codes.len();
    (1u32..(1 << n) - 1)
        .filter(|mask| mask.count_ones() >= 2)
        .map(move |mask| hash_codes((0..n).filter(|i| mask & (1 << i) != 0).map(|i| codes[i])))
}

impl Registry {
    fn unique_name(&mut self, rng: &mut Rng) -> Name {
        if !self.given.is_empty() && rng.chance(NAMESAKES_PER_MILLE) {
            let base = self.given[rng.below(self.given.len() as u64) as usize].clone();
            if let Some(name) = namesake_of(&base, rng).filter(|n| self.is_new(n)) {
                self.give(&name);
                return name;
            }
        }
        let mut shape = draw_shape(rng);
        if self.full.contains(&(shape as u8)) {
            shape = Shape::Nasab;
        }
        for attempt in 0.. {
            if attempt == 24 {
                self.full.insert(shape as u8);
                shape = Shape::Nasab;
            }
            let name = draw_name(rng, shape);
            if self.is_new(&name) && !self.is_namesake(&name) {
                self.give(&name);
                return name;
            }
        }
        unreachable!("the nasab shape has millions of free names")
    }

    /// Neither spelled nor made up like a name given.
    fn is_new(&self, name: &Name) -> bool {
        !self.taken.contains(&fold(&name.untitled()))
            && !self
                .whole
                .contains(&hash_codes(part_codes(name).into_iter()))
    }

    /// Inside a name given, or holding one.
    fn is_namesake(&self, name: &Name) -> bool {
        let codes = part_codes(name);
        self.inside.contains(&hash_codes(codes.iter().copied()))
            || proper_subsets(&codes).any(|h| self.whole.contains(&h))
    }

    fn give(&mut self, name: &Name) {
        let codes = part_codes(name);
        self.taken.insert(fold(&name.untitled()));
        self.whole.insert(hash_codes(codes.iter().copied()));
        self.inside.extend(proper_subsets(&codes));
        self.given.push(name.clone());
    }
}

/// A namesake of `base`: its name with one part added or dropped, or with
/// another nisba; `None` for a shape with no such variant (title and
/// family name).
fn namesake_of(base: &Name, rng: &mut Rng) -> Option<Name> {
    let ism = |rng: &mut Rng| rng.below(ISMS.len() as u64) as u16;
    let nisba = |rng: &mut Rng| rng.below(NISBAS.len() as u64) as u16;
    let mut parts = base.parts.clone();
    let last_nisba = parts.iter().rposition(|p| matches!(p, Part::Nisba(_)))?;
    if rng.chance(500) {
        // The same base name with another nisba.
        parts[last_nisba] = Part::Nisba(nisba(rng));
    } else {
        let nasabs = parts.iter().filter(|p| matches!(p, Part::Nasab(_))).count();
        let nisbas = parts.iter().filter(|p| matches!(p, Part::Nisba(_))).count();
        match (&parts[0], nasabs, nisbas) {
            // Drop the grandfather, or name one.
            (Part::Ism(_), 2, _) => {
                parts.remove(2);
            }
            (Part::Ism(_), 1, _) => parts.insert(2, Part::Nasab(ism(rng))),
            // Name the father (`Umar al-Shishani` → `Umar ibn Khalid al-Shishani`),
            // or the grandfather of a father named without `ibn`.
            (Part::Ism(_), 0, _) if parts.len() == 2 => parts.insert(1, Part::Nasab(ism(rng))),
            (Part::Ism(_), 0, _) => {
                parts[1] = match parts[1] {
                    Part::Ism(i) => Part::Nasab(i),
                    other => other,
                };
                parts.insert(2, Part::Nasab(ism(rng)));
            }
            // A kunya with one nisba more or less.
            (Part::Kunya(_), _, 2) => {
                parts.remove(last_nisba);
            }
            (Part::Kunya(_), _, _) => {
                let added = nisba(rng);
                if parts.contains(&Part::Nisba(added)) {
                    return None;
                }
                parts.push(Part::Nisba(added));
            }
            _ => return None,
        }
    }
    Some(Name {
        title: base.title.filter(|_| rng.chance(500)),
        parts,
    })
}

// ---------------------------------------------------------------------------
// Dates: days since 1970-01-01, proleptic Gregorian.

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

fn month_bounds(day: i64) -> (i64, i64) {
    let (y, m, _) = civil_from_days(day);
    let first = days_from_civil(y, m, 1);
    let next = if m == 12 {
        days_from_civil(y + 1, 1, 1)
    } else {
        days_from_civil(y, m + 1, 1)
    };
    (first, next - 1)
}

fn year_bounds(day: i64) -> (i64, i64) {
    let (y, _, _) = civil_from_days(day);
    (days_from_civil(y, 1, 1), days_from_civil(y, 12, 31))
}

fn ymd(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn ym(day: i64) -> String {
    let (y, m, _) = civil_from_days(day);
    format!("{y:04}-{m:02}")
}

fn yyyy(day: i64) -> String {
    format!("{:04}", civil_from_days(day).0)
}

/// How precisely a claim gives its date.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Form {
    Day,
    Month,
    Year,
    /// `2016-05?`: the source doubts it (never certainly ordered).
    MonthUncertain,
    /// `~`: widened by 3 days, 31 days or 366 days as claimlint reads it.
    DayApprox,
    MonthApprox,
    YearApprox,
    /// `2016-05-01/2016-05-09`, a window around the day.
    Window,
}

/// A date as written, and the interval of days it denotes.
#[derive(Clone, Debug)]
struct Dated {
    text: String,
    earliest: i64,
    latest: i64,
}

fn draw_form(rng: &mut Rng, firm: bool) -> Form {
    rng.weighted(&[
        (Form::Day, 520),
        (Form::Month, 250),
        (Form::Year, 50),
        (Form::MonthUncertain, if firm { 0 } else { 50 }),
        (Form::DayApprox, 30),
        (Form::MonthApprox, 30),
        (Form::YearApprox, 20),
        (Form::Window, 50),
    ])
}

fn draw_birth_form(rng: &mut Rng) -> Form {
    rng.weighted(&[
        (Form::Year, 450),
        (Form::Day, 350),
        (Form::YearApprox, 100),
        (Form::Month, 100),
    ])
}

/// The date of an event that happened on `start..=end` (one day unless it
/// is a role), in `form`.
fn render_date(start: i64, end: i64, form: Form, rng: &mut Rng) -> Dated {
    if start != end {
        // A role held over a span: month or day precision at both ends.
        return if form == Form::Day {
            Dated {
                text: format!("{}/{}", ymd(start), ymd(end)),
                earliest: start,
                latest: end,
            }
        } else {
            Dated {
                text: format!("{}/{}", ym(start), ym(end)),
                earliest: month_bounds(start).0,
                latest: month_bounds(end).1,
            }
        };
    }
    let day = start;
    let (text, (earliest, latest)) = match form {
        Form::Day => (ymd(day), (day, day)),
        Form::Month => (ym(day), month_bounds(day)),
        Form::Year => (yyyy(day), year_bounds(day)),
        Form::MonthUncertain => (format!("{}?", ym(day)), month_bounds(day)),
        Form::DayApprox => (format!("{}~", ymd(day)), (day - 3, day + 3)),
        Form::MonthApprox => {
            let (a, b) = month_bounds(day);
            (format!("{}~", ym(day)), (a - 31, b + 31))
        }
        Form::YearApprox => {
            let (a, b) = year_bounds(day);
            (format!("{}~", yyyy(day)), (a - 366, b + 366))
        }
        Form::Window => {
            let a = day - rng.range(0, 6);
            let b = (a + rng.range(4, 12)).max(day);
            (format!("{}/{}", ymd(a), ymd(b)), (a, b))
        }
    };
    Dated {
        text,
        earliest,
        latest,
    }
}

// ---------------------------------------------------------------------------
// Sources

const PUBLISHERS: &[(&str, &str)] = &[
    ("US Department of the Treasury", "A"),
    ("US Department of State", "A"),
    ("UN Security Council", "A"),
    ("US Central Command", "B"),
    ("Reuters", "B"),
    ("Associated Press", "B"),
    ("Agence France-Presse", "B"),
    ("BBC Monitoring", "B"),
    ("Long War Journal", "C"),
    ("Al Jazeera", "C"),
    ("Al Arabiya", "C"),
    ("Kurdistan 24", "C"),
    ("Rudaw", "C"),
    ("Syrian Observatory for Human Rights", "C"),
    ("Iraqi Security Media Cell", "C"),
    ("The Henry Jackson Society", "B"),
    ("Jamestown Foundation", "B"),
    ("local news site", "D"),
    ("regional newspaper", "D"),
    ("Amaq News Agency", "E"),
    ("Telegram channel", "F"),
    ("social media account", "F"),
];

const AUTHORS: &[&str] = &[
    "Kyle Orton",
    "Jacob Zenn",
    "Aymenn al-Tamimi",
    "Thomas Joscelyn",
    "Bill Roggio",
    "Caleb Weiss",
    "Hassan Hassan",
    "Charles Lister",
    "Elizabeth Tsurkov",
    "Rita Katz",
];

const TOPICS: &[&str] = &[
    "strike on militant commanders",
    "designations update",
    "leadership changes",
    "arrests in raid",
    "militant killed, officials say",
    "statement on casualties",
    "profile of a commander",
    "new audio message",
    "prisoner release",
    "monthly report",
];

struct Source {
    id: String,
    published: Dated,
}

/// First source day and last: events end by mid-2025, so there is always a
/// later source to report them.
const SOURCES_FROM: (i64, i64, i64) = (1998, 1, 1);
const SOURCES_UNTIL: (i64, i64, i64) = (2026, 6, 30);
const LAST_EVENT: (i64, i64, i64) = (2025, 6, 30);

fn make_sources(count: usize, rng: &mut Rng) -> (Vec<Source>, Vec<String>) {
    let from = days_from_civil(SOURCES_FROM.0, SOURCES_FROM.1, SOURCES_FROM.2);
    let until = days_from_civil(SOURCES_UNTIL.0, SOURCES_UNTIL.1, SOURCES_UNTIL.2);
    let mut days: Vec<i64> = (0..count).map(|_| rng.range(from, until)).collect();
    days.sort_unstable();
    let mut sources = Vec::with_capacity(count);
    let mut lines = Vec::with_capacity(count);
    for (n, &day) in days.iter().enumerate() {
        let id = format!("s{:07}", n + 1);
        let form = if rng.chance(50) {
            Form::Month
        } else {
            Form::Day
        };
        let published = render_date(day, day, form, rng);
        let (publisher, reliability) = rng.pick(PUBLISHERS);
        let mut line = String::with_capacity(200);
        line.push_str("{\"type\":\"source\"");
        field(&mut line, "id", &id);
        field(
            &mut line,
            "title",
            &format!("{publisher}: {} ({})", rng.pick(TOPICS), published.text),
        );
        field(&mut line, "publisher", publisher);
        if rng.chance(300) {
            field(&mut line, "author", rng.pick(AUTHORS));
        }
        field(&mut line, "url", &format!("https://example.org/{id}"));
        field(&mut line, "published", &published.text);
        field(&mut line, "reliability", reliability);
        if n > 0 && rng.chance(100) {
            // Relays an earlier source (for corroboration counting).
            let cited = rng.below(n as u64) as usize;
            line.push_str(&format!(",\"cites\":[\"s{:07}\"]", cited + 1));
        }
        line.push_str("}\n");
        lines.push(line);
        sources.push(Source { id, published });
    }
    (sources, lines)
}

/// `table[d]` = index of the first source whose earliest publication day
/// is after day `SOURCES_FROM + d` (sources are sorted by day).
fn first_after_table(sources: &[Source]) -> Vec<u32> {
    let from = days_from_civil(SOURCES_FROM.0, SOURCES_FROM.1, SOURCES_FROM.2);
    let until = days_from_civil(SOURCES_UNTIL.0, SOURCES_UNTIL.1, SOURCES_UNTIL.2);
    let mut table = Vec::with_capacity((until - from + 1) as usize);
    let mut next = 0usize;
    for day in from..=until {
        while next < sources.len() && sources[next].published.earliest <= day {
            next += 1;
        }
        table.push(next as u32);
    }
    table
}

// ---------------------------------------------------------------------------
// Lives

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Born,
    Active,
    Alive,
    Role,
    Designated,
    Captured,
    Released,
    Escaped,
    Injured,
    Killed,
    Died,
}

impl Kind {
    /// The status word, sometimes as a synonym the loader accepts.
    fn word(self, rng: &mut Rng) -> &'static str {
        let synonym = rng.chance(80);
        match (self, synonym) {
            (Kind::Born, _) => "born",
            (Kind::Active, _) => "active",
            (Kind::Alive, false) => "alive",
            (Kind::Alive, true) => "seen",
            (Kind::Role, _) => "role",
            (Kind::Designated, false) => "designated",
            (Kind::Designated, true) => "sanctioned",
            (Kind::Captured, false) => "captured",
            (Kind::Captured, true) => rng.pick(&["arrested", "detained"]),
            (Kind::Released, _) => "released",
            (Kind::Escaped, _) => "escaped",
            (Kind::Injured, false) => "injured",
            (Kind::Injured, true) => "wounded",
            (Kind::Killed, false) => "killed",
            (Kind::Killed, true) => "Killed",
            (Kind::Died, false) => "died",
            (Kind::Died, true) => "dead",
        }
    }

    fn is_death(self) -> bool {
        matches!(self, Kind::Killed | Kind::Died)
    }
}

/// What a planted contradiction needs of one event.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An ordinary event of a consistent life.
    Plain,
    /// The doubtful death report of an `alive-after-death` person.
    FalseDeath,
    /// Proof of life after that report.
    LifeAfter,
    /// One of the two deaths of a `multiple-deaths` person.
    OneOfTwoDeaths,
}

struct Event {
    kind: Kind,
    role: Role,
    start: i64,
    end: i64,
    /// Extra claims reporting the same event (corroboration).
    extra_reports: u32,
    by: Option<&'static str>,
    place: Option<&'static str>,
    position: Option<(&'static str, &'static str)>,
}

const KILLERS: &[&str] = &[
    "a US airstrike",
    "a coalition airstrike",
    "Iraqi forces",
    "Peshmerga",
    "Syrian Democratic Forces",
    "a Turkish drone",
    "Nigerian Army",
    "Afghan special forces",
    "Pakistani security forces",
    "a rival faction",
    "Russian aircraft",
    "French forces",
];
const CAPTORS: &[&str] = &[
    "Iraqi forces",
    "Peshmerga",
    "Syrian Democratic Forces",
    "Turkish police",
    "Pakistani security forces",
    "Afghan intelligence",
    "Nigerian Army",
    "Kenyan police",
];
const DESIGNATORS: &[&str] = &[
    "US Department of State",
    "US Department of the Treasury",
    "UN Security Council",
    "UK HM Treasury",
    "Council of the EU",
];
const PLACES: &[&str] = &[
    "Mosul",
    "Raqqa",
    "Deir ez-Zor",
    "Idlib",
    "Fallujah",
    "Ramadi",
    "Tal Afar",
    "Sirte",
    "Derna",
    "Maiduguri",
    "Lake Chad",
    "Kandahar",
    "Helmand",
    "Kunar",
    "Nangarhar",
    "North Waziristan",
    "Quetta",
    "Mogadishu",
    "Kidal",
    "Gao",
    "Sinai",
    "Aleppo",
    "Hasakah",
    "Baghuz",
    "Benghazi",
    "Marib",
    "Shabwa",
    "Jowzjan",
];
const POSITIONS: &[&str] = &[
    "leader",
    "deputy leader",
    "military commander",
    "spokesman",
    "sharia official",
    "recruiter",
    "financier",
    "governor",
    "media official",
    "security chief",
];
const ORGS: &[&str] = &[
    "Islamic State",
    "ISWAP",
    "al-Qaeda",
    "al-Shabaab",
    "Taliban",
    "Jabhat al-Nusra",
    "Hayat Tahrir al-Sham",
    "AQAP",
    "AQIM",
    "Boko Haram",
    "Tehrik-i-Taliban Pakistan",
    "Haqqani Network",
    "Islamic State Khorasan",
];
const ORIGINATORS: &[&str] = &[
    "US Central Command",
    "Iraqi Joint Operations Command",
    "Peshmerga commanders",
    "Syrian Democratic Forces",
    "the family",
    "a jihadist channel",
    "local officials",
    "US officials",
    "Nigerian Army",
    "Afghan intelligence",
    "Pakistani military",
    "UN monitoring team",
    "a former associate",
];

fn evidence(kind: Kind, role: Role, rng: &mut Rng) -> Option<&'static str> {
    if !rng.chance(300) {
        return None;
    }
    Some(match (kind, role) {
        (_, Role::FalseDeath) => rng.pick(&[
            "unnamed officials",
            "social media reports",
            "claims by a rival group",
            "unconfirmed local reports",
        ]),
        (Kind::Killed | Kind::Died, _) => rng.pick(&[
            "DNA match",
            "family confirmed",
            "martyrdom notice",
            "official statement",
        ]),
        (Kind::Alive, _) => {
            rng.pick(&["video", "photograph", "audio message", "seen by witnesses"])
        }
        (Kind::Active, _) => rng.pick(&[
            "issued a statement",
            "led an attack",
            "planned an attack",
            "recruiting online",
        ]),
        _ => rng.pick(&["official statement", "court records", "press release"]),
    })
}

/// Which contradiction, if any, a person carries.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Planted {
    AliveAfterDeath,
    MultipleDeaths,
}

impl Planted {
    pub fn rule(self) -> &'static str {
        match self {
            Planted::AliveAfterDeath => "alive-after-death",
            Planted::MultipleDeaths => "multiple-deaths",
        }
    }
}

/// `n` events of a life that contradicts nothing: custody is entered and
/// left in order. With `end_free`, the person is not held at the end.
fn plain_kinds(n: usize, end_free: bool, rng: &mut Rng) -> Vec<Kind> {
    let mut kinds = Vec::with_capacity(n);
    let mut held = false;
    for i in 0..n {
        let last = i + 1 == n;
        let kind = if held {
            if rng.chance(800) {
                Kind::Released
            } else {
                Kind::Escaped
            }
        } else {
            rng.weighted(&[
                (Kind::Active, 300),
                (Kind::Role, 150),
                (Kind::Designated, 100),
                (Kind::Alive, 100),
                (Kind::Injured, 50),
                (Kind::Captured, if last && end_free { 0 } else { 100 }),
            ])
        };
        held = kind == Kind::Captured;
        kinds.push(kind);
    }
    kinds
}

fn plain_event(kind: Kind, role: Role, rng: &mut Rng) -> Event {
    let (by, place, position) = match kind {
        Kind::Killed => (
            rng.chance(700).then(|| rng.pick(KILLERS)),
            rng.chance(600).then(|| rng.pick(PLACES)),
            None,
        ),
        Kind::Died => (None, rng.chance(400).then(|| rng.pick(PLACES)), None),
        Kind::Captured => (
            rng.chance(500).then(|| rng.pick(CAPTORS)),
            rng.chance(500).then(|| rng.pick(PLACES)),
            None,
        ),
        Kind::Designated => (rng.chance(800).then(|| rng.pick(DESIGNATORS)), None, None),
        Kind::Role => (None, None, Some((rng.pick(POSITIONS), rng.pick(ORGS)))),
        Kind::Active | Kind::Alive | Kind::Injured => {
            (None, rng.chance(300).then(|| rng.pick(PLACES)), None)
        }
        _ => (None, None, None),
    };
    Event {
        kind,
        role,
        start: 0,
        end: 0,
        extra_reports: 0,
        by,
        place,
        position,
    }
}

fn death_kind(rng: &mut Rng) -> Kind {
    if rng.chance(700) {
        Kind::Killed
    } else {
        Kind::Died
    }
}

/// A person's events (without birth), in order, with `claims` claims in all
/// once the birth claim (if `born`) is counted. Days are filled in later.
fn life(planted: Option<Planted>, claims: usize, rng: &mut Rng) -> (Vec<Event>, bool) {
    let mut events = Vec::new();
    let born = match planted {
        None => claims >= 3 && rng.chance(400),
        Some(_) => claims >= 4 && rng.chance(300),
    };
    let mut left = claims - usize::from(born);
    match planted {
        None => {
            let death = left >= 2 && rng.chance(350);
            left -= usize::from(death);
            let duplicates = rng.below(left as u64 / 4 + 1) as usize;
            let plain = left - duplicates;
            for kind in plain_kinds(plain, false, rng) {
                events.push(plain_event(kind, Role::Plain, rng));
            }
            if death {
                events.push(plain_event(death_kind(rng), Role::Plain, rng));
            }
            spread_duplicates(&mut events, duplicates, rng);
        }
        Some(Planted::AliveAfterDeath) => {
            // pre … false death, proof(s) of life, maybe the real death.
            let lives = rng.range(1, 3.min(left as i64 - 1)) as usize;
            left -= 1 + lives;
            let real_death = left >= 1 && rng.chance(300);
            left -= usize::from(real_death);
            let duplicates = rng.below(left as u64 / 4 + 1) as usize;
            for kind in plain_kinds(left - duplicates, true, rng) {
                events.push(plain_event(kind, Role::Plain, rng));
            }
            let mut false_death = plain_event(Kind::Killed, Role::FalseDeath, rng);
            false_death.by = rng.chance(500).then(|| rng.pick(KILLERS));
            events.push(false_death);
            for _ in 0..lives {
                let kind = if rng.chance(500) {
                    Kind::Alive
                } else {
                    Kind::Active
                };
                events.push(plain_event(kind, Role::LifeAfter, rng));
            }
            if real_death {
                events.push(plain_event(death_kind(rng), Role::Plain, rng));
            }
            spread_duplicates(&mut events, duplicates, rng);
        }
        Some(Planted::MultipleDeaths) => {
            left -= 2;
            let duplicates = rng.below(left as u64 / 4 + 1) as usize;
            for kind in plain_kinds(left - duplicates, true, rng) {
                events.push(plain_event(kind, Role::Plain, rng));
            }
            let first = plain_event(death_kind(rng), Role::OneOfTwoDeaths, rng);
            let mut second = plain_event(Kind::Killed, Role::OneOfTwoDeaths, rng);
            // Different places, so the two cannot be one event told twice.
            second.place = Some(loop {
                let place = rng.pick(PLACES);
                if Some(place) != first.place {
                    break place;
                }
            });
            events.push(first);
            events.push(second);
            spread_duplicates(&mut events, duplicates, rng);
        }
    }
    (events, born)
}

/// Extra reports of plain events (never of the planted ones, whose claims
/// the truth file must pin down exactly).
fn spread_duplicates(events: &mut [Event], duplicates: usize, rng: &mut Rng) {
    let plain: Vec<usize> = (0..events.len())
        .filter(|&i| events[i].role == Role::Plain)
        .collect();
    if plain.is_empty() {
        return;
    }
    for _ in 0..duplicates {
        let at = rng.pick(&plain);
        events[at].extra_reports += 1;
    }
}

/// One claim before it is given an id.
struct Draft {
    event: usize,
    date: Dated,
    form: Form,
}

/// Assigns days: adult life from 18–30 on, in order, at least 20 days
/// apart; the planted gaps are wide (months to years).
fn place_in_time(events: &mut [Event], birth: &mut i64, rng: &mut Rng) {
    let last_event = days_from_civil(LAST_EVENT.0, LAST_EVENT.1, LAST_EVENT.2);
    // Adult life, and mostly within the years the sources cover.
    let start = (*birth + 18 * 365 + rng.range(0, 12 * 365))
        .max(days_from_civil(1995, 1, 1) + rng.range(0, 5 * 365));
    let cap = (*birth + 75 * 365).min(days_from_civil(2024, 6, 30));
    let wide = |prev: Role, next: Role, rng: &mut Rng| match (prev, next) {
        (Role::FalseDeath, Role::LifeAfter) => Some(rng.range(120, 1500)),
        (Role::OneOfTwoDeaths, Role::OneOfTwoDeaths) => Some(rng.range(800, 3000)),
        _ => None,
    };
    let n = events.len().max(1) as i64;
    let budget = (cap - start).max(n * 40);
    let mut day = start;
    for i in 0..events.len() {
        if i > 0 {
            day += wide(events[i - 1].role, events[i].role, rng)
                .unwrap_or_else(|| rng.range(20, (2 * budget / n).max(20)));
        }
        events[i].start = day;
        events[i].end = day;
    }
    for i in 0..events.len() {
        if events[i].kind == Kind::Role {
            let limit = events.get(i + 1).map_or(last_event, |next| next.start - 10);
            let start = events[i].start;
            events[i].end = (start + rng.range(30, 900)).min(limit).max(start);
        }
    }
    let last = events.last().map_or(0, |e| e.end);
    if last > last_event {
        let shift = last - last_event;
        for event in events.iter_mut() {
            event.start -= shift;
            event.end -= shift;
        }
        *birth -= shift;
    }
}

/// Whole years from `birth` to `day`.
fn age_at(birth: i64, day: i64) -> i64 {
    let (by, bm, bd) = civil_from_days(birth);
    let (y, m, d) = civil_from_days(day);
    y - by - i64::from((m, d) < (bm, bd))
}

/// Everything needed to write one person.
struct Person {
    name: Name,
    planted: Option<Planted>,
    claims: Vec<String>,
}

struct World<'a> {
    seed: u64,
    sources: &'a [Source],
    /// For each day since [`SOURCES_FROM`], the first source published
    /// certainly after it.
    first_after: Vec<u32>,
    from_day: i64,
    /// How many sources follow an event, on average, within ~18 months.
    window: usize,
    names: Registry,
}

impl World<'_> {
    /// The index of a random source published certainly after `latest`.
    fn source_after(&self, latest: i64, rng: &mut Rng) -> Option<usize> {
        let first = match usize::try_from(latest - self.from_day) {
            Ok(at) => self
                .first_after
                .get(at)
                .map_or(self.sources.len(), |&i| i as usize),
            Err(_) => 0,
        };
        if first >= self.sources.len() {
            return None;
        }
        let end = (first + self.window).min(self.sources.len());
        Some(first + rng.below((end - first) as u64) as usize)
    }

    fn person(&mut self, index: u64, claims: usize) -> Person {
        let mut rng = Rng::fork(self.seed, index);
        let roll = rng.below(1000);
        let planted = match roll {
            0..=49 if claims >= 2 => Some(Planted::AliveAfterDeath),
            50..=79 if claims >= 2 => Some(Planted::MultipleDeaths),
            _ => None,
        };
        let name = self.names.unique_name(&mut rng);
        let mut birth = days_from_civil(rng.range(1960, 1995), 1, 1) + rng.range(0, 364);
        let (mut events, born) = life(planted, claims, &mut rng);
        place_in_time(&mut events, &mut birth, &mut rng);

        // Dates: one draft per claim, grouped by event in time order.
        let mut drafts: Vec<Vec<Draft>> = Vec::with_capacity(events.len() + 1);
        if born {
            let form = draw_birth_form(&mut rng);
            drafts.push(vec![Draft {
                event: usize::MAX,
                date: render_date(birth, birth, form, &mut rng),
                form,
            }]);
        }
        for (i, event) in events.iter().enumerate() {
            let firm = event.role != Role::Plain;
            let reports = 1 + event.extra_reports as usize;
            drafts.push(
                (0..reports)
                    .map(|_| {
                        let form = draw_form(&mut rng, firm);
                        Draft {
                            event: i,
                            date: render_date(event.start, event.end, form, &mut rng),
                            form,
                        }
                    })
                    .collect(),
            );
        }
        // Every claim of an event must be certainly before every claim of
        // the next: where coarse dates overlap, give exact days instead.
        let exact = |d: &mut Draft, events: &[Event], birth: i64, rng: &mut Rng| {
            let (s, e) = if d.event == usize::MAX {
                (birth, birth)
            } else {
                (events[d.event].start, events[d.event].end)
            };
            d.form = Form::Day;
            d.date = render_date(s, e, Form::Day, rng);
        };
        for i in 1..drafts.len() {
            let overlaps = |a: &[Draft], b: &[Draft]| {
                let latest = a.iter().map(|d| d.date.latest).max().unwrap_or(i64::MIN);
                let earliest = b.iter().map(|d| d.date.earliest).min().unwrap_or(i64::MAX);
                latest >= earliest
            };
            if overlaps(&drafts[i - 1], &drafts[i]) {
                for d in drafts[i].iter_mut() {
                    exact(d, &events, birth, &mut rng);
                }
            }
            if overlaps(&drafts[i - 1], &drafts[i]) {
                for d in drafts[i - 1].iter_mut() {
                    exact(d, &events, birth, &mut rng);
                }
            }
        }

        let mut lines = Vec::with_capacity(claims);
        for mut draft in drafts.into_iter().flatten() {
            let source = match self.source_after(draft.date.latest, &mut rng) {
                Some(s) => s,
                None => {
                    exact(&mut draft, &events, birth, &mut rng);
                    self.source_after(draft.date.latest, &mut rng)
                        .unwrap_or(self.sources.len() - 1)
                }
            };
            lines.push(self.claim_line(&name, &events, birth, &draft, source, &mut rng));
        }
        Person {
            name,
            planted,
            claims: lines,
        }
    }

    /// A claim record without its leading `{"id":…` (ids follow file order).
    fn claim_line(
        &self,
        name: &Name,
        events: &[Event],
        birth: i64,
        draft: &Draft,
        source: usize,
        rng: &mut Rng,
    ) -> String {
        let (who, untitled_at) = name.spell(rng);
        debug_assert_eq!(fold(&who[untitled_at..]), fold(&name.untitled()), "{who}");
        let event = events.get(draft.event);
        let kind = event.map_or(Kind::Born, |e| e.kind);
        let role = event.map_or(Role::Plain, |e| e.role);
        let mut line = String::with_capacity(256);
        field(&mut line, "who", &who);
        field(&mut line, "status", kind.word(rng));
        field(&mut line, "date", &draft.date.text);
        let src = &self.sources[source];
        field(&mut line, "source", &src.id);
        if rng.chance(800) {
            field(&mut line, "reported", &src.published.text);
        }
        if rng.chance(500) {
            field(&mut line, "according_to", rng.pick(ORIGINATORS));
        }
        let certainty = match role {
            Role::FalseDeath => rng.weighted(&[
                ("doubtful", 600),
                ("possible", 200),
                ("improbable", 100),
                ("", 100),
            ]),
            Role::LifeAfter => {
                rng.weighted(&[("confirmed", 300), ("probable", 500), ("possible", 200)])
            }
            Role::OneOfTwoDeaths => {
                rng.weighted(&[("confirmed", 200), ("probable", 500), ("possible", 300)])
            }
            Role::Plain if kind.is_death() => {
                rng.weighted(&[("confirmed", 400), ("probable", 400), ("possible", 200)])
            }
            Role::Plain => rng.weighted(&[
                ("confirmed", 200),
                ("probable", 350),
                ("possible", 200),
                ("doubtful", 50),
                ("", 200),
            ]),
        };
        if !certainty.is_empty() {
            field(&mut line, "certainty", certainty);
        }
        if let Some(event) = event {
            // Repeated reports of one event agree, or leave details out.
            if let Some(by) = event.by.filter(|_| rng.chance(850)) {
                field(&mut line, "by", by);
            }
            if let Some(place) = event.place.filter(|_| rng.chance(850)) {
                field(&mut line, "place", place);
            }
            if let Some((position, org)) = event.position {
                field(&mut line, "role", position);
                field(&mut line, "org", org);
            }
            if kind != Kind::Born && rng.chance(40) {
                line.push_str(&format!(",\"age\":{}", age_at(birth, event.start)));
            }
        }
        if let Some(text) = evidence(kind, role, rng) {
            field(&mut line, "evidence", text);
        }
        line
    }
}

// ---------------------------------------------------------------------------
// Output

/// Appends `,"key":"value"` with JSON string escaping.
fn field(out: &mut String, key: &str, value: &str) {
    out.push_str(",\"");
    out.push_str(key);
    out.push_str("\":");
    json_string(out, value);
}

fn json_string(out: &mut String, value: &str) {
    out.push('"');
    if !value.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        out.push_str(value);
        out.push('"');
        return;
    }
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

pub struct Options {
    pub claims: u64,
    pub seed: u64,
}

#[derive(Default, Debug)]
pub struct Stats {
    pub claims: u64,
    pub sources: u64,
    pub persons: u64,
    pub alive_after_death: u64,
    pub multiple_deaths: u64,
}

/// People are written in blocks whose claims are shuffled together, so one
/// person's claims are spread out as in a real dataset while memory stays
/// bounded.
const BLOCK: usize = 4096;

/// Writes the dataset to `claims` and the ground truth to `truth`.
pub fn generate(
    options: &Options,
    claims: &mut impl Write,
    truth: &mut impl Write,
) -> io::Result<Stats> {
    let mut rng = Rng::new(options.seed);
    let source_count = (options.claims / 10).max(100) as usize;
    let (sources, source_lines) = make_sources(source_count, &mut rng);
    for line in &source_lines {
        claims.write_all(line.as_bytes())?;
    }
    drop(source_lines);
    let span = days_from_civil(SOURCES_UNTIL.0, SOURCES_UNTIL.1, SOURCES_UNTIL.2)
        - days_from_civil(SOURCES_FROM.0, SOURCES_FROM.1, SOURCES_FROM.2);
    let mut world = World {
        seed: options.seed,
        sources: &sources,
        first_after: first_after_table(&sources),
        from_day: days_from_civil(SOURCES_FROM.0, SOURCES_FROM.1, SOURCES_FROM.2),
        window: (source_count as i64 * 540 / span).max(1) as usize,
        names: Registry::default(),
    };
    let mut stats = Stats {
        sources: source_count as u64,
        ..Stats::default()
    };
    let mut written = 0u64;
    let mut person_index = 0u64;
    let mut block: Vec<(u64, String)> = Vec::with_capacity(BLOCK * 9);
    let mut truth_line = String::with_capacity(128);
    while written < options.claims {
        block.clear();
        let mut planned = written;
        for _ in 0..BLOCK {
            if planned >= options.claims {
                break;
            }
            let count = rng.range(5, 12) as u64;
            let count = count.min(options.claims - planned);
            planned += count;
            let person = world.person(person_index, count as usize);
            truth_line.clear();
            truth_line.push_str(&format!(
                "{{\"person\":\"p{:07}\",\"planted\":",
                person_index + 1
            ));
            match person.planted {
                Some(p) => {
                    json_string(&mut truth_line, p.rule());
                    match p {
                        Planted::AliveAfterDeath => stats.alive_after_death += 1,
                        Planted::MultipleDeaths => stats.multiple_deaths += 1,
                    }
                }
                None => truth_line.push_str("null"),
            }
            truth_line.push_str(",\"name\":");
            json_string(&mut truth_line, &person.name.canonical());
            truth_line.push_str("}\n");
            truth.write_all(truth_line.as_bytes())?;
            for claim in person.claims {
                block.push((person_index, claim));
            }
            person_index += 1;
        }
        // Fisher–Yates with our own generator.
        for i in (1..block.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            block.swap(i, j);
        }
        for (person, body) in &block {
            written += 1;
            let id = format!("c{written:08}");
            claims.write_all(b"{\"id\":\"")?;
            claims.write_all(id.as_bytes())?;
            claims.write_all(b"\"")?;
            claims.write_all(body.as_bytes())?;
            claims.write_all(b"}\n")?;
            writeln!(
                truth,
                "{{\"claim\":\"{id}\",\"person\":\"p{:07}\"}}",
                person + 1
            )?;
        }
    }
    stats.claims = written;
    stats.persons = person_index;
    Ok(stats)
}

fn parse_count(text: &str) -> Result<u64, String> {
    let clean: String = text.chars().filter(|&c| c != '_' && c != ',').collect();
    let lower = clean.to_ascii_lowercase();
    let (digits, scale) = if let Some(d) = lower.strip_suffix('k') {
        (d, 1_000)
    } else if let Some(d) = lower.strip_suffix('m') {
        (d, 1_000_000)
    } else {
        (lower.as_str(), 1)
    };
    digits
        .parse::<u64>()
        .map(|n| n * scale)
        .map_err(|_| format!("`{text}` is not a count (e.g. 10000, 100k, 1M)"))
}

const USAGE: &str = "usage: generate --claims N --out DIR [--seed S]\n\
    N may be written 10000, 100k or 1M; S defaults to 1.";

fn main() {
    if let Err(message) = run() {
        eprintln!("generate: {message}\n{USAGE}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let mut claims = None;
    let mut seed = 1u64;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--claims" => claims = Some(parse_count(&value()?)?),
            "--seed" => {
                let v = value()?;
                seed = v.parse().map_err(|_| format!("`{v}` is not a seed"))?;
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let claims = claims.ok_or("--claims is required")?;
    let out = out.ok_or("--out is required")?;
    let started = Instant::now();
    let stats = write_dataset(&out, &Options { claims, seed })
        .map_err(|e| format!("writing {}: {e}", out.display()))?;
    eprintln!(
        "generate: {} claims, {} persons ({} alive-after-death, {} multiple-deaths planted), {} sources in {:.2} s -> {}",
        stats.claims,
        stats.persons,
        stats.alive_after_death,
        stats.multiple_deaths,
        stats.sources,
        started.elapsed().as_secs_f64(),
        out.display()
    );
    Ok(())
}

fn write_dataset(dir: &Path, options: &Options) -> io::Result<Stats> {
    fs::create_dir_all(dir)?;
    let mut claims = BufWriter::with_capacity(1 << 20, File::create(dir.join("claims.ndjson"))?);
    let mut truth = BufWriter::with_capacity(1 << 20, File::create(dir.join("truth.jsonl"))?);
    let stats = generate(options, &mut claims, &mut truth)?;
    claims.flush()?;
    truth.flush()?;
    fs::write(
        dir.join("claimlint.toml"),
        "# Written by examples/generate.rs: the ground truth is not data.\n\
         [input]\nexclude = [\"truth.jsonl\"]\n",
    )?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(claims: u64, seed: u64) -> (Vec<u8>, Vec<u8>, Stats) {
        let (mut c, mut t) = (Vec::new(), Vec::new());
        let stats = generate(&Options { claims, seed }, &mut c, &mut t).unwrap();
        (c, t, stats)
    }

    #[test]
    fn same_seed_same_bytes() {
        let a = run(3000, 7);
        let b = run(3000, 7);
        assert_eq!(a.0, b.0);
        assert_eq!(a.1, b.1);
        assert_ne!(a.0, run(3000, 8).0);
    }

    #[test]
    fn exact_claim_count() {
        for n in [1, 7, 13, 5000] {
            let (c, _, stats) = run(n, 1);
            assert_eq!(stats.claims, n);
            let claims = String::from_utf8(c).unwrap();
            let lines = claims
                .lines()
                .filter(|l| !l.contains("\"type\":\"source\""))
                .count();
            assert_eq!(lines as u64, n);
        }
    }

    #[test]
    fn spellings_keep_the_identity_key() {
        let mut rng = Rng::new(3);
        let mut names = Registry::default();
        for _ in 0..3000 {
            let name = names.unique_name(&mut rng);
            let key = fold(&name.untitled());
            for _ in 0..20 {
                let (who, at) = name.spell(&mut rng);
                assert_eq!(fold(&who[at..]), key, "{who} vs {}", name.canonical());
            }
        }
    }

    #[test]
    fn namesakes_only_by_design() {
        let mut rng = Rng::new(5);
        let mut names = Registry::default();
        let mut namesakes = 0;
        for _ in 0..20_000 {
            let name = names.unique_name(&mut rng);
            names.given.pop();
            namesakes += usize::from(names.is_namesake(&name));
            names.given.push(name);
        }
        // About NAMESAKES_PER_MILLE of them, less the variants that are
        // not new; drawn names never are.
        assert!((200..=420).contains(&namesakes), "{namesakes}");
    }

    #[test]
    fn dates_round_trip() {
        for day in -1000..30000 {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(ymd(0), "1970-01-01");
    }
}
