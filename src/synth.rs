//! A synthetic dataset for measuring geolens at sizes the bundled corpus cannot reach (1k to 1M
//! analyses): deterministic by seed, in the format of `data/`, and accepted by `geolens check`.
//!
//! Its shape is modelled on the bundled corpus (docs/performance.md gives the measured figures).
//! The bundled places, actors and themes are the most popular entities, ranked by how often the
//! corpus uses them, and a synthetic tail of thousands more follows; each analysis picks its
//! entities with a Zipf-like skew, so a few appear in a large share of analyses and most in a
//! handful. Prose is drawn from a vocabulary with Zipf frequencies (common English words, then
//! the vocabulary of the field mixed with accented, Cyrillic, CJK and emoji words, then a long
//! tail of invented words), with the analysis's own names, quoted phrases and set phrases mixed in.
//!
//! Two profiles: [`Profile::Deep`] has the corpus's counts and lengths (about 10 KB an analysis);
//! [`Profile::Brief`], the default, keeps the same fields, entities and skew with shorter texts
//! and fewer entries, sized to the 180 MB at 100k analyses that issue 6 sets its targets for.

use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use serde::Serialize;

use crate::data::date::PartialDate;
use crate::data::model::{
    Actor, ActorKind, ActorRole, Analysis, Channel, Confidence, Endpoints, Horizon, Implication,
    LatLon, Lenses, Likelihood, Office, Place, PlaceKind, Theme,
};
use crate::find::fold::fold;

/// How many analyses each file of `analyses/` holds. One file per analysis would put a million
/// files in one directory at the largest size, which is harsh on filesystems and makes the
/// measure one of `open(2)`; a thousand per file keeps files near 2 MB (10 MB in the deep profile).
pub const PER_FILE: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// Short analyses: about 1.8 KB each on disk.
    Brief,
    /// Analyses as long and as rich as the bundled corpus: about 10 KB each.
    Deep,
}

impl Profile {
    pub fn parse(name: &str) -> Result<Profile, String> {
        match name {
            "brief" => Ok(Profile::Brief),
            "deep" => Ok(Profile::Deep),
            _ => Err(format!("unknown profile {name:?}: brief or deep")),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Profile::Brief => "brief",
            Profile::Deep => "deep",
        }
    }

    fn shape(self) -> Shape {
        match self {
            Profile::Deep => DEEP,
            Profile::Brief => BRIEF,
        }
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub analyses: usize,
    pub seed: u64,
    pub profile: Profile,
}

/// Word counts are drawn from a triangular distribution (least, most likely, most), chosen so that
/// the mean matches the corpus; counts of entries are uniform between two bounds, inclusive.
type Words = (f64, f64, f64);
type Count = (usize, usize);

struct Shape {
    title: Words,
    summary: Words,
    /// Background, perspective, geopolitical, cultural, regional impact, outlook, challenges.
    lenses: [Words; 7],
    /// The chance that each lens is present.
    lens_presence: f64,
    places: Count,
    themes: Count,
    actors: Count,
    role: Words,
    interests: Count,
    interest: Words,
    implications: Count,
    effect: Words,
    affected: Words,
    risks: Count,
    risk: Words,
    caveats: Count,
    caveat: Words,
    actor_description: Words,
    theme_description: Words,
}

/// The bundled corpus, measured: see docs/performance.md.
const DEEP: Shape = Shape {
    title: (3.0, 10.0, 18.0),
    summary: (67.0, 95.0, 146.0),
    lenses: [
        (85.0, 115.0, 165.0),
        (61.0, 112.0, 160.0),
        (85.0, 115.0, 155.0),
        (47.0, 80.0, 101.0),
        (53.0, 80.0, 117.0),
        (40.0, 65.0, 99.0),
        (37.0, 58.0, 83.0),
    ],
    lens_presence: 1.0,
    places: (3, 11),
    themes: (4, 6),
    actors: (7, 8),
    role: (5.0, 12.0, 26.0),
    interests: (1, 3),
    interest: (2.0, 5.0, 12.0),
    implications: (4, 5),
    effect: (14.0, 22.0, 36.0),
    affected: (3.0, 8.0, 14.0),
    risks: (3, 5),
    risk: (6.0, 12.0, 20.0),
    caveats: (1, 4),
    caveat: (11.0, 20.0, 35.0),
    actor_description: (16.0, 36.0, 65.0),
    theme_description: (10.0, 15.0, 24.0),
};

/// The corpus's fields and proportions at about a sixth of its length.
const BRIEF: Shape = Shape {
    title: (3.0, 8.0, 14.0),
    summary: (12.0, 20.0, 40.0),
    lenses: [
        (15.0, 30.0, 55.0),
        (12.0, 28.0, 50.0),
        (15.0, 30.0, 50.0),
        (10.0, 20.0, 35.0),
        (10.0, 20.0, 40.0),
        (8.0, 16.0, 32.0),
        (8.0, 15.0, 28.0),
    ],
    lens_presence: 0.15,
    places: (2, 5),
    themes: (2, 4),
    actors: (2, 3),
    role: (3.0, 5.0, 8.0),
    interests: (0, 1),
    interest: (2.0, 4.0, 8.0),
    implications: (0, 1),
    effect: (6.0, 10.0, 18.0),
    affected: (2.0, 4.0, 7.0),
    risks: (0, 1),
    risk: (5.0, 8.0, 14.0),
    caveats: (0, 1),
    caveat: (6.0, 10.0, 16.0),
    actor_description: (10.0, 20.0, 40.0),
    theme_description: (8.0, 12.0, 20.0),
};

/// SplitMix64: small, fast, and the same sequence on every platform, which is all a generator of
/// test data needs.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5851_F42D_4C95_7F2D)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [0, n); n must be positive.
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn count(&mut self, (lo, hi): Count) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn words(&mut self, (lo, mode, hi): Words) -> usize {
        let u = self.unit();
        let split = (mode - lo) / (hi - lo);
        let x = if u < split {
            lo + (u * (hi - lo) * (mode - lo)).sqrt()
        } else {
            hi - ((1.0 - u) * (hi - lo) * (hi - mode)).sqrt()
        };
        x.round().max(1.0) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Ranks drawn with probability proportional to 1/(rank+1): the shape of word frequencies in text
/// and of how often entities are named.
#[derive(Debug, Clone)]
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|rank| {
                total += 1.0 / (rank + 1) as f64;
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let at = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= at)
            .min(self.cumulative.len() - 1)
    }

    /// `n` distinct ranks (fewer if there are not that many).
    fn distinct(&self, rng: &mut Rng, n: usize) -> Vec<usize> {
        let n = n.min(self.cumulative.len());
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let r = self.sample(rng);
            if !out.contains(&r) {
                out.push(r);
            }
        }
        out
    }
}

/// Common English words, most frequent first.
const COMMON: &str = "the of and to a in that is for on with as was by its it at from be has are an \
    have not which but this their more or will had been were after would than also over into while \
    could other new two first three last most since about its under between against both such only \
    years year when some where there who them they these can any may what all one before through \
    during because many much still now even then those so our same own each further across among \
    however already without toward around within per less least later early next long short major \
    several large small high low public former current main key full part half";

/// The field's vocabulary, roughly by frequency.
const FIELD: &str = "government minister president security trade energy oil gas sanctions border \
    military talks agreement deal election parliament economy growth inflation debt bank \
    investment corridor port shipping grain exports imports tariffs war ceasefire troops alliance \
    summit region regional coalition protest crisis refugees migration aid loans reform court law \
    rights media pipeline nuclear drones missile navy treaty accession partnership strategy policy \
    officials capital market prices supply demand budget currency reserves default restructuring \
    creditors lenders bonds minerals lithium uranium nickel copper cobalt mining refinery \
    electricity grid renewables solar wind hydrogen emissions climate drought floods harvest wheat \
    fertiliser food famine humanitarian displacement asylum visas labour workers remittances \
    diaspora opposition ruling party vote referendum constitution courts judges prosecutors \
    corruption oligarchs elites reforms protests crackdown censorship journalists internet \
    semiconductors chips export controls technology satellites cyber infrastructure railway \
    highway logistics transit hub customs quotas subsidies industrial manufacturing automotive \
    batteries investors funds sovereign wealth stake shares ministry foreign defence interior \
    finance central commission council assembly delegation envoy ambassador embassy mediation \
    negotiations framework memorandum roadmap declaration communique statement resolution veto \
    peacekeepers mission insurgents militia rebels fighters offensive frontline shelling airstrikes \
    blockade siege occupation annexation territory sovereignty neutrality nonalignment leverage \
    influence rivalry competition containment deterrence escalation de-escalation hedging \
    balancing bandwagoning multilateral bilateral trilateral bloc members observers partners \
    neighbours allies adversaries rivals superpower middle power great powers hegemony order \
    institutions norms legitimacy recognition diplomats strait canal sea gulf basin river delta \
    mountains steppe desert coast islands province oblast governorate prefecture district city \
    villages farmers herders nomads pastoralists tribes clans communities minorities religion \
    clergy mosque church monastery language schools universities students youth women veterans";

/// Words from other languages and scripts, emoji and figures: what real archives carry.
const FOREIGN: &str = "Türkiye Zürich São Bogotá Québec Côte d'Ivoire Reykjavík Kraków Gdańsk \
    Curaçao Asunción réforme détente naïve façade rôle über Øresund Ålesund Mérida Ürümqi Şahin \
    İstanbul Łódź Škoda Đà Nẵng Kyiv's Beijing's Xi'an Moscow’s €12bn $4.5bn 3.2% 2024 1991 \
    北京 上海 一带一路 東京 서울 台北 Київ Москва თბილისი الرياض طهران दिल्ली 🌍 📉 🚢 ⚡ 🛢️ \
    Ankara's perestroika glasnost intifada hudna shura loya jirga zakat hawala Bundestag Duma \
    Majlis Knesset Sejm Rada Riigikogu Storting Althing";

/// Set phrases, so that a phrase search has something to find at every size.
pub const PHRASES: &[&str] = &[
    "middle corridor",
    "energy security",
    "critical minerals",
    "rule of law",
    "supply chains",
    "debt relief",
    "food security",
    "great power competition",
    "belt and road",
    "human rights",
];

const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "tan", "vel", "sa", "dor", "li", "ne", "bar", "zu", "qa", "sh", "or", "ev",
    "ha", "ta", "kol", "mar", "in", "ul", "gre", "da", "pe", "sol", "vi", "ny", "ar", "ek", "to",
];

const FIRST_NAMES: &[&str] = &[
    "Amina",
    "José",
    "Olena",
    "Mehmet",
    "Li",
    "Sergei",
    "Aigerim",
    "Ngozi",
    "Jürgen",
    "Chloé",
    "Rahul",
    "Fatima",
    "Nursultan",
    "Søren",
    "Ana",
    "Wei",
    "Dmitri",
    "Leila",
    "Kwame",
    "Inés",
    "Hiroshi",
    "Zeynep",
    "Tomás",
    "Priya",
    "Oğuz",
    "Yuki",
    "Farida",
    "Björn",
    "Thandiwe",
    "Mateus",
];

const LAST_NAMES: &[&str] = &[
    "Okafor",
    "García",
    "Kovalenko",
    "Yılmaz",
    "Zhang",
    "Ivanov",
    "Nurlanovna",
    "Adeyemi",
    "Müller",
    "Lefèvre",
    "Sharma",
    "Haddad",
    "Tokayev",
    "Østergaard",
    "Silva",
    "Chen",
    "Petrov",
    "Rahimi",
    "Mensah",
    "Núñez",
    "Tanaka",
    "Demir",
    "Álvarez",
    "Iyer",
    "Çelik",
    "Sato",
    "Karimova",
    "Lindqvist",
    "Dlamini",
    "Gonçalves",
];

const NATIVE_NAMES: &[&str] = &[
    "王伟",
    "李娜",
    "김민준",
    "佐藤健",
    "Олена Коваленко",
    "Сергей Иванов",
    "فاطمة حداد",
    "राहुल शर्मा",
];

const NATIVE_PLACES: &[&str] = &[
    "新疆",
    "Алматы",
    "İzmir",
    "Tiflis",
    "Đà Lạt",
    "Łódzkie",
    "Ağrı",
    "القاهرة",
    "København",
    "Қостанай",
];

const PORTFOLIOS: &[&str] = &[
    "Foreign Affairs",
    "Energy",
    "Finance",
    "Defence",
    "Trade",
    "the Interior",
    "Economy",
    "Transport",
];

const PERSPECTIVES: &[&str] = &[
    "Climate-Policy Analyst",
    "Development Economist",
    "Energy Economist",
    "Human-Rights Researcher",
    "International Affairs Correspondent",
    "Migration Policy Analyst",
    "Regional Specialist",
    "Security Analyst",
    "Technology Policy Analyst",
    "Trade Lawyer",
];

/// Channels weighted as the corpus uses them (diplomacy most, information least).
const CHANNELS: &[(Channel, u32)] = &[
    (Channel::Diplomacy, 50),
    (Channel::Security, 40),
    (Channel::Trade, 31),
    (Channel::Finance, 29),
    (Channel::Legal, 23),
    (Channel::Energy, 23),
    (Channel::Investment, 22),
    (Channel::Migration, 19),
    (Channel::Infrastructure, 8),
    (Channel::Technology, 8),
    (Channel::Humanitarian, 8),
    (Channel::Food, 6),
    (Channel::Environment, 4),
    (Channel::Information, 3),
    (Channel::Health, 2),
];

/// The words prose is made of, with Zipf frequencies.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    words: Vec<String>,
    zipf: Zipf,
}

impl Vocabulary {
    /// How many invented words follow the real ones: enough that the word index grows with the
    /// corpus, as it does with the names and numbers of a real archive.
    const TAIL: usize = 40_000;

    pub fn new(seed: u64) -> Vocabulary {
        let mut words: Vec<String> = COMMON.split_whitespace().map(str::to_owned).collect();
        // Foreign words are mixed into the field's vocabulary, one in every six.
        let field: Vec<&str> = FIELD.split_whitespace().collect();
        let foreign: Vec<&str> = FOREIGN.split_whitespace().collect();
        let mut foreign_iter = foreign.iter();
        for (i, w) in field.iter().enumerate() {
            words.push((*w).to_owned());
            if i % 5 == 4
                && let Some(f) = foreign_iter.next()
            {
                words.push((*f).to_owned());
            }
        }
        words.extend(foreign_iter.map(|f| (*f).to_owned()));
        let mut rng = Rng::new(seed ^ 0x0076_6F63_6162);
        let mut seen: HashSet<String> = words.iter().cloned().collect();
        let total = words.len() + Self::TAIL;
        while words.len() < total {
            let n = 2 + rng.below(3);
            let w: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let zipf = Zipf::new(words.len());
        Vocabulary { words, zipf }
    }

    /// The word of this frequency rank (0 is the most frequent).
    pub fn word(&self, rank: usize) -> &str {
        &self.words[rank]
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn sample(&self, rng: &mut Rng) -> &str {
        &self.words[self.zipf.sample(rng)]
    }
}

/// The generator: the shared entities, built once, and analyses made one at a time.
pub struct Synth {
    rng: Rng,
    shape: Shape,
    vocab: Vocabulary,
    pub places: Vec<Place>,
    pub actors: Vec<Actor>,
    pub themes: Vec<Theme>,
    /// Entities in order of popularity: indexes into the vectors above.
    place_rank: Vec<usize>,
    actor_rank: Vec<usize>,
    theme_rank: Vec<usize>,
    place_zipf: Zipf,
    actor_zipf: Zipf,
    theme_zipf: Zipf,
    /// An event slug the next analysis shares with the one just made.
    pending_event: Option<String>,
}

/// How many entities a dataset of `n` analyses has: the bundled ones plus a tail that grows with
/// the archive, up to a few thousand.
fn tail_sizes(n: usize) -> (usize, usize, usize) {
    let places = (n / 50).clamp(50, 1800);
    let actors = (n / 20).clamp(300, 4800);
    let themes = (n / 1000).clamp(10, 100);
    (places, actors, themes)
}

impl Synth {
    pub fn new(spec: &Spec) -> Synth {
        let bundled = crate::data::bundled().expect("the bundled dataset loads");
        let mut rng = Rng::new(spec.seed);
        let vocab = Vocabulary::new(spec.seed);
        let usage = Usage::of(&bundled);
        let (n_places, n_actors, n_themes) = tail_sizes(spec.analyses);

        let mut places = bundled.places.clone();
        let mut place_rank = usage.ranked(&places, |p| &p.id, &usage.places);
        let countries: Vec<usize> = (0..places.len())
            .filter(|&i| places[i].kind == PlaceKind::Country)
            .collect();
        let mut ids: HashSet<String> = places.iter().map(|p| p.id.clone()).collect();
        for _ in 0..n_places {
            let place = new_place(&mut rng, &vocab, &places, &countries, &mut ids);
            place_rank.push(places.len());
            places.push(place);
        }

        let mut actors = bundled.actors.clone();
        let mut actor_rank = usage.ranked(&actors, |a| &a.id, &usage.actors);
        let mut ids: HashSet<String> = actors.iter().map(|a| a.id.clone()).collect();
        let shape = spec.profile.shape();
        for _ in 0..n_actors {
            let actor = new_actor(&mut rng, &vocab, &shape, &places, &countries, &mut ids);
            actor_rank.push(actors.len());
            actors.push(actor);
        }

        let mut themes = bundled.themes.clone();
        let mut theme_rank = usage.ranked(&themes, |t| &t.id, &usage.themes);
        let roots: Vec<String> = themes
            .iter()
            .filter(|t| t.parent.is_none())
            .map(|t| t.id.clone())
            .collect();
        let mut ids: HashSet<String> = themes.iter().map(|t| t.id.clone()).collect();
        for _ in 0..n_themes {
            let name = format!(
                "{} {}",
                capitalized(plain_word(&mut rng, &vocab)),
                plain_word(&mut rng, &vocab)
            );
            let id = unique_slug(&name, "theme", &mut ids);
            let description = sentence_text(&mut rng, &vocab, shape.theme_description, &[]);
            theme_rank.push(themes.len());
            themes.push(Theme {
                id,
                name,
                description,
                parent: Some(rng.pick(&roots).clone()),
            });
        }

        Synth {
            rng,
            vocab,
            place_zipf: Zipf::new(places.len()),
            actor_zipf: Zipf::new(actors.len()),
            theme_zipf: Zipf::new(themes.len()),
            places,
            actors,
            themes,
            place_rank,
            actor_rank,
            theme_rank,
            shape,
            pending_event: None,
        }
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocab
    }

    /// The id of the actor that appears in the most analyses.
    pub fn most_popular_actor(&self) -> &str {
        &self.actors[self.actor_rank[0]].id
    }

    /// Analysis number `i`, its fields drawn from the profile's shape.
    pub fn analysis(&mut self, i: usize) -> Analysis {
        let shape = &self.shape;
        let rng = &mut self.rng;
        let n_places = rng.count(shape.places);
        let places: Vec<&Place> = self
            .place_zipf
            .distinct(rng, n_places)
            .into_iter()
            .map(|r| &self.places[self.place_rank[r]])
            .collect();
        let n_actors = rng.count(shape.actors);
        let actors: Vec<&Actor> = self
            .actor_zipf
            .distinct(rng, n_actors)
            .into_iter()
            .map(|r| &self.actors[self.actor_rank[r]])
            .collect();
        let n_themes = rng.count(shape.themes);
        let themes: Vec<String> = self
            .theme_zipf
            .distinct(rng, n_themes)
            .into_iter()
            .map(|r| self.themes[self.theme_rank[r]].id.clone())
            .collect();
        let names: Vec<&str> = places
            .iter()
            .map(|p| p.name.as_str())
            .chain(actors.iter().map(|a| a.name.as_str()))
            .collect();
        let vocab = &self.vocab;

        let lead = places.first().map_or("World", |p| p.name.as_str());
        let mut title = format!("{lead} {}", phrase(rng, vocab, shape.title));
        if rng.chance(0.3) {
            title.push_str(": ");
            title.push_str(&phrase(rng, vocab, (2.0, 4.0, 7.0)));
        }
        if rng.chance(0.1) {
            title.push_str(&format!(
                " and the \"{}\"",
                capitalized(plain_word(rng, vocab))
            ));
        }
        let slug_words: Vec<String> = title
            .split_whitespace()
            .take(4)
            .map(ascii_slug)
            .filter(|w| !w.is_empty())
            .collect();
        let (event_date, as_of) = dates(rng);
        let id = format!("{}-{}-{i}", slug_words.join("-"), event_date.year)
            .trim_start_matches('-')
            .to_owned();

        let event = match self.pending_event.take() {
            Some(event) => Some(event),
            // A quarter of analyses share their event with another reading, as in the corpus.
            None if rng.chance(0.125) => {
                let event = format!("event-{id}");
                self.pending_event = Some(event.clone());
                Some(event)
            }
            None => None,
        };

        let lens = |rng: &mut Rng, k: usize| {
            rng.chance(shape.lens_presence)
                .then(|| prose(rng, vocab, shape.lenses[k], &names))
        };
        let mut lenses = Lenses {
            background: lens(rng, 0),
            perspective: lens(rng, 1),
            geopolitical: lens(rng, 2),
            cultural: lens(rng, 3),
            regional_impact: lens(rng, 4),
            outlook: lens(rng, 5),
            challenges: lens(rng, 6),
            other: Vec::new(),
        };
        if shape.lens_presence < 1.0 && lenses.sections().next().is_none() {
            lenses.background = Some(prose(rng, vocab, shape.lenses[0], &names));
        }

        let roles = actors
            .iter()
            .enumerate()
            .map(|(k, a)| ActorRole {
                actor: a.id.clone(),
                role: sentence_text(rng, vocab, shape.role, &names),
                interests: (0..rng.count(shape.interests))
                    .map(|_| sentence_text(rng, vocab, shape.interest, &[]))
                    .collect(),
                // The corpus marks about one role in two hundred as uncertain.
                uncertain: k == 0 && rng.chance(0.03),
            })
            .collect();

        let place_ids: Vec<&str> = places.iter().map(|p| p.id.as_str()).collect();
        let actor_ids: Vec<&str> = actors.iter().map(|a| a.id.as_str()).collect();
        let implications = (0..rng.count(shape.implications))
            .map(|k| {
                let channel = weighted_channel(rng);
                Implication {
                    id: format!("{}-{}", channel.as_str(), k + 1),
                    from: endpoints(rng, &place_ids, &actor_ids, (1, 2)),
                    to: endpoints(rng, &place_ids, &actor_ids, (1, 3)),
                    channel,
                    effect: sentence_text(rng, vocab, shape.effect, &names),
                    affected: sentence_text(rng, vocab, shape.affected, &[]),
                    horizon: *rng.pick(Horizon::ALL),
                    likelihood: *rng.pick(Likelihood::ALL),
                    confidence: *rng.pick(Confidence::ALL),
                    resolves_by: None,
                    outcome: None,
                }
            })
            .collect();

        Analysis {
            id,
            title,
            event_date,
            as_of,
            perspective: (*rng.pick(PERSPECTIVES)).to_owned(),
            event,
            places: place_ids.iter().map(|p| (*p).to_owned()).collect(),
            summary: prose(rng, vocab, shape.summary, &names),
            lenses,
            actors: roles,
            themes,
            implications,
            risks: (0..rng.count(shape.risks))
                .map(|_| sentence_text(rng, vocab, shape.risk, &names))
                .collect(),
            caveats: (0..rng.count(shape.caveats))
                .map(|_| sentence_text(rng, vocab, shape.caveat, &names))
                .collect(),
            event_date_basis: Default::default(),
            updated: None,
            sources: Vec::new(),
        }
    }

    /// Prose of about `bytes` bytes in paragraphs of about a hundred words: a body far longer
    /// than any real lens, to measure how the detail pane copes.
    pub fn long_text(&mut self, bytes: usize) -> String {
        let mut out = String::with_capacity(bytes + 1024);
        while out.len() < bytes {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            let para = prose(&mut self.rng, &self.vocab, (80.0, 100.0, 120.0), &[]);
            out.push_str(&para);
        }
        out
    }
}

/// How often the bundled analyses name each entity: the order of popularity.
struct Usage {
    places: HashMap<String, usize>,
    actors: HashMap<String, usize>,
    themes: HashMap<String, usize>,
}

impl Usage {
    fn of(data: &crate::data::Dataset) -> Usage {
        let mut u = Usage {
            places: HashMap::new(),
            actors: HashMap::new(),
            themes: HashMap::new(),
        };
        for a in &data.analyses {
            for p in &a.places {
                *u.places.entry(p.clone()).or_default() += 1;
            }
            for r in &a.actors {
                *u.actors.entry(r.actor.clone()).or_default() += 1;
            }
            for t in &a.themes {
                *u.themes.entry(t.clone()).or_default() += 1;
            }
        }
        u
    }

    /// Indexes of `items`, most used first; ties keep file order.
    fn ranked<T>(
        &self,
        items: &[T],
        id: impl Fn(&T) -> &String,
        counts: &HashMap<String, usize>,
    ) -> Vec<usize> {
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(counts.get(id(&items[i])).copied().unwrap_or(0)));
        order
    }
}

fn weighted_channel(rng: &mut Rng) -> Channel {
    let total: u32 = CHANNELS.iter().map(|&(_, w)| w).sum();
    let mut at = rng.below(total as usize) as u32;
    for &(channel, w) in CHANNELS {
        if at < w {
            return channel;
        }
        at -= w;
    }
    Channel::Diplomacy
}

/// Mostly the analysis's own places and actors, as in the corpus; at least one place.
fn endpoints(rng: &mut Rng, places: &[&str], actors: &[&str], n_places: Count) -> Endpoints {
    let take = |rng: &mut Rng, pool: &[&str], n: usize| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for _ in 0..n.min(pool.len()) {
            let p = (*rng.pick(pool)).to_owned();
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    };
    let n = rng.count(n_places);
    let places = take(rng, places, n);
    let n = rng.below(3);
    Endpoints {
        places,
        actors: take(rng, actors, n),
    }
}

/// An event date between 1995 and 2025, one in twelve known only to the month, and an `as_of` up
/// to two months later.
fn dates(rng: &mut Rng) -> (PartialDate, PartialDate) {
    let year = 1995 + rng.below(31) as u16;
    let month = 1 + rng.below(12) as u8;
    let day = 1 + rng.below(28) as u8;
    let event = PartialDate {
        year,
        month,
        day: (!rng.chance(1.0 / 12.0)).then_some(day),
    };
    let later = rng.below(3) as u8;
    let as_of = if later == 0 || month + later > 12 {
        PartialDate {
            year,
            month,
            day: Some(day + rng.below(29 - day as usize) as u8),
        }
    } else {
        PartialDate {
            year,
            month: month + later,
            day: Some(1 + rng.below(28) as u8),
        }
    };
    (event, as_of)
}

fn new_place(
    rng: &mut Rng,
    vocab: &Vocabulary,
    places: &[Place],
    countries: &[usize],
    ids: &mut HashSet<String>,
) -> Place {
    let word = capitalized(tail_word(rng, vocab));
    let roll = rng.below(10);
    let (name, kind, members) = if roll < 8 {
        let suffix = *rng.pick(&[
            "Province",
            "Oblast",
            "Governorate",
            "Prefecture",
            "Department",
            "State",
        ]);
        (format!("{word} {suffix}"), PlaceKind::Region, Vec::new())
    } else {
        let (suffix, kind, n) = if roll == 8 {
            (
                *rng.pick(&["Strait", "Sea", "Gulf", "Channel"]),
                PlaceKind::Waterway,
                1 + rng.below(4),
            )
        } else {
            (
                *rng.pick(&["Pact", "Union", "Forum", "Community"]),
                PlaceKind::Bloc,
                3 + rng.below(10),
            )
        };
        let mut members: Vec<String> = Vec::new();
        while members.len() < n {
            let id = places[*rng.pick(countries)].id.clone();
            if !members.contains(&id) {
                members.push(id);
            }
        }
        (format!("{word} {suffix}"), kind, members)
    };
    let id = unique_slug(&name, "place", ids);
    let aliases = (0..rng.below(3))
        .map(|k| match k {
            0 => capitalized(tail_word(rng, vocab)),
            _ => (*rng.pick(NATIVE_PLACES)).to_owned(),
        })
        .collect();
    Place {
        id,
        name,
        kind,
        aliases,
        members,
        centroid: LatLon {
            lat: (rng.unit() * 160.0 - 80.0).round(),
            lon: (rng.unit() * 340.0 - 170.0).round(),
        },
    }
}

fn new_actor(
    rng: &mut Rng,
    vocab: &Vocabulary,
    shape: &Shape,
    places: &[Place],
    countries: &[usize],
    ids: &mut HashSet<String>,
) -> Actor {
    let country = &places[*rng.pick(countries)];
    let roll = rng.below(100);
    let (kind, name) = match roll {
        0..35 => (
            ActorKind::Person,
            format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)),
        ),
        35..50 => (
            ActorKind::Government,
            format!(
                "{} regional administration of {}",
                country.name,
                capitalized(tail_word(rng, vocab))
            ),
        ),
        50..58 => (
            ActorKind::Agency,
            format!("{} Ministry of {}", country.name, rng.pick(PORTFOLIOS)),
        ),
        58..70 => (
            ActorKind::Organization,
            format!(
                "{} {} Council",
                capitalized(tail_word(rng, vocab)),
                capitalized(plain_word(rng, vocab))
            ),
        ),
        70..84 => (
            ActorKind::Company,
            format!(
                "{} {}",
                capitalized(tail_word(rng, vocab)),
                rng.pick(&[
                    "Energy",
                    "Mining",
                    "Logistics",
                    "Holdings",
                    "Shipping",
                    "Bank"
                ])
            ),
        ),
        84..89 => (
            ActorKind::Party,
            format!(
                "{} Party of {}",
                capitalized(plain_word(rng, vocab)),
                country.name
            ),
        ),
        89..94 => (
            ActorKind::ArmedGroup,
            format!("{} Brigades", capitalized(tail_word(rng, vocab))),
        ),
        94..97 => (
            ActorKind::Ngo,
            format!("{} Watch", capitalized(tail_word(rng, vocab))),
        ),
        97..99 => (
            ActorKind::Group,
            format!(
                "{} farmers of {}",
                capitalized(tail_word(rng, vocab)),
                country.name
            ),
        ),
        _ => (
            ActorKind::Bloc,
            format!("{} Alliance", capitalized(tail_word(rng, vocab))),
        ),
    };
    let id = unique_slug(&name, "actor", ids);
    let mut aliases: Vec<String> = Vec::new();
    if kind == ActorKind::Person {
        if rng.chance(0.3) {
            aliases.push((*rng.pick(NATIVE_NAMES)).to_owned());
        }
        if let Some(last) = name.split_whitespace().last() {
            aliases.push(last.to_owned());
        }
    } else if rng.chance(0.5) {
        let initials: String = name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect();
        if initials.chars().count() > 1 {
            aliases.push(initials);
        }
    }
    let offices = if kind == ActorKind::Person {
        (0..rng.below(4))
            .map(|_| {
                let (from, to) = dates(rng);
                let ended = rng.chance(0.6);
                Office {
                    title: format!("Minister of {}", rng.pick(PORTFOLIOS)),
                    from,
                    to: ended.then_some(to),
                    uncertain: ended && rng.chance(0.05),
                    note: None,
                    sources: Vec::new(),
                }
            })
            .map(|mut o| {
                if o.uncertain {
                    o.note = Some("Sources differ on the date this office ended.".to_owned());
                }
                o
            })
            .collect()
    } else {
        Vec::new()
    };
    let description = sentence_text(rng, vocab, shape.actor_description, &[&country.name]);
    Actor {
        id,
        name,
        aliases,
        kind,
        country: (kind != ActorKind::Bloc).then(|| country.id.clone()),
        description,
        as_of: None,
        offices,
    }
}

/// A fresh id made from `name`, with a number after it if it is taken.
fn unique_slug(name: &str, fallback: &str, ids: &mut HashSet<String>) -> String {
    let base = match ascii_slug(name) {
        s if s.is_empty() => fallback.to_owned(),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// `text` as lower-case ASCII words joined by single hyphens: accents are folded away and any
/// other script dropped.
fn ascii_slug(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A word of the field's vocabulary, plain ASCII letters, for names.
fn plain_word<'a>(rng: &mut Rng, vocab: &'a Vocabulary) -> &'a str {
    loop {
        let w = vocab.sample(rng);
        if w.len() > 3 && w.bytes().all(|b| b.is_ascii_lowercase()) {
            return w;
        }
    }
}

/// An invented word from the vocabulary's long tail: names of places and organisations.
fn tail_word<'a>(rng: &mut Rng, vocab: &'a Vocabulary) -> &'a str {
    let head = vocab.len() - Vocabulary::TAIL;
    vocab.word(head + rng.below(Vocabulary::TAIL))
}

/// A capitalised run of words, no final stop: a title or the tail of one.
fn phrase(rng: &mut Rng, vocab: &Vocabulary, words: Words) -> String {
    let n = rng.words(words);
    let mut out = String::new();
    for k in 0..n {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(vocab.sample(rng));
    }
    out
}

/// One sentence of about the given length, without the paragraph structure of [`prose`].
fn sentence_text(rng: &mut Rng, vocab: &Vocabulary, words: Words, names: &[&str]) -> String {
    let n = rng.words(words);
    let mut out = String::new();
    sentence(rng, vocab, n, names, &mut out);
    out
}

/// Prose of about the given number of words: sentences of 8 to 30 words, paragraphs of up to
/// about 130 words (the corpus's lenses are one paragraph, seldom two).
fn prose(rng: &mut Rng, vocab: &Vocabulary, words: Words, names: &[&str]) -> String {
    let total = rng.words(words);
    let mut out = String::new();
    let mut written = 0;
    let mut in_paragraph = 0;
    while written < total {
        let n = (8 + rng.below(23)).min(total - written).max(1);
        if in_paragraph > 0 && in_paragraph + n > 130 {
            out.push_str("\n\n");
            in_paragraph = 0;
        } else if !out.is_empty() {
            out.push(' ');
        }
        sentence(rng, vocab, n, names, &mut out);
        written += n;
        in_paragraph += n;
    }
    out
}

/// Appends a sentence of `n` words: capitalised, ending in a full stop, with now and then a name
/// of the analysis, a set phrase, a comma or a quotation.
fn sentence(rng: &mut Rng, vocab: &Vocabulary, n: usize, names: &[&str], out: &mut String) {
    let start = out.len();
    let name_at = (!names.is_empty() && rng.chance(0.4)).then(|| rng.below(n));
    let phrase_at = rng.chance(0.1).then(|| rng.below(n));
    let quote = rng.chance(0.06).then(|| {
        let from = rng.below(n);
        (from, (from + 1 + rng.below(3)).min(n - 1))
    });
    let curly = rng.chance(0.3);
    for k in 0..n {
        if k > 0 {
            out.push(' ');
        }
        if quote.is_some_and(|(from, _)| from == k) {
            out.push(if curly { '“' } else { '"' });
        }
        let word: &str = if name_at == Some(k) {
            rng.pick::<&str>(names)
        } else if phrase_at == Some(k) {
            rng.pick::<&str>(PHRASES)
        } else {
            vocab.sample(rng)
        };
        out.push_str(word);
        if quote.is_some_and(|(_, to)| to == k) {
            out.push(if curly { '”' } else { '"' });
        } else if k + 1 < n && rng.chance(0.06) {
            out.push(',');
        }
    }
    let first = out[start..].chars().next();
    if let Some(c) = first.filter(|c| c.is_lowercase()) {
        let upper: String = c.to_uppercase().collect();
        out.replace_range(start..start + c.len_utf8(), &upper);
    }
    out.push('.');
}

/// What [`write`] produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub analyses: usize,
    pub actors: usize,
    pub themes: usize,
    pub places: usize,
    /// JSON files written (entities and analyses).
    pub files: usize,
    /// Their total size.
    pub bytes: u64,
}

/// Writes a dataset into `dir`, which must be empty or not exist yet: `places.json`,
/// `actors.json`, `themes.json` and `analyses/part-NNNNN.json` of [`PER_FILE`] analyses each,
/// plus a README saying what made it.
pub fn write(dir: &Path, spec: &Spec) -> io::Result<Written> {
    if fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty: choose a new directory", dir.display()),
        ));
    }
    fs::create_dir_all(dir.join("analyses"))?;
    let mut synth = Synth::new(spec);
    let mut bytes = write_json(&dir.join("places.json"), &synth.places)?
        + write_json(&dir.join("actors.json"), &synth.actors)?
        + write_json(&dir.join("themes.json"), &synth.themes)?;
    let mut files = 3;
    let mut made = 0;
    while made < spec.analyses {
        let n = PER_FILE.min(spec.analyses - made);
        let part: Vec<Analysis> = (made..made + n).map(|i| synth.analysis(i)).collect();
        let name = format!("part-{:05}.json", made / PER_FILE);
        bytes += write_json(&dir.join("analyses").join(name), &part)?;
        files += 1;
        made += n;
    }
    fs::write(
        dir.join("README.md"),
        format!(
            "A synthetic geolens dataset, made by `geolens generate --analyses {} --seed {} \
             --profile {}`. Do not commit it: it is regenerated on demand.\n",
            spec.analyses,
            spec.seed,
            spec.profile.name()
        ),
    )?;
    Ok(Written {
        analyses: spec.analyses,
        actors: synth.actors.len(),
        themes: synth.themes.len(),
        places: synth.places.len(),
        files,
        bytes,
    })
}

/// Writes `value` as indented JSON, as the bundled files are; returns the bytes written.
fn write_json<T: Serialize + ?Sized>(path: &Path, value: &T) -> io::Result<u64> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    serde_json::to_writer_pretty(&mut out, value).map_err(io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(fs::metadata(path)?.len())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::data::{self, Dataset, Sources};

    /// A fresh directory under the system's temp dir, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let dir =
                std::env::temp_dir().join(format!("geolens-synth-{}-{name}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn generate(name: &str, analyses: usize, seed: u64, profile: Profile) -> (TempDir, Written) {
        let dir = TempDir::new(name);
        let spec = Spec {
            analyses,
            seed,
            profile,
        };
        let written = write(&dir.0, &spec).expect("written");
        (dir, written)
    }

    fn load(dir: &Path) -> Dataset {
        let sources = Sources::from_dir(dir).expect("readable");
        data::load(&sources).unwrap_or_else(|p| panic!("synthetic data does not load:\n{p}"))
    }

    fn mean(xs: impl Iterator<Item = usize>) -> f64 {
        let (sum, n) = xs.fold((0, 0), |(s, n), x| (s + x, n + 1));
        sum as f64 / n as f64
    }

    #[test]
    fn a_generated_dataset_passes_validation_in_files_of_a_thousand() {
        let (dir, w) = generate("valid", 1500, 7, Profile::Brief);
        let d = load(&dir.0);
        assert_eq!(d.analyses.len(), 1500);
        assert_eq!(
            (d.actors.len(), d.themes.len(), d.places.len()),
            (w.actors, w.themes, w.places)
        );
        let mut parts: Vec<String> = fs::read_dir(dir.0.join("analyses"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        parts.sort();
        assert_eq!(parts, ["part-00000.json", "part-00001.json"]);
        assert_eq!(w.files, 5);
        let on_disk: u64 = ["places.json", "actors.json", "themes.json"]
            .iter()
            .map(|f| dir.0.join(f))
            .chain(parts.iter().map(|p| dir.0.join("analyses").join(p)))
            .map(|p| fs::metadata(p).unwrap().len())
            .sum();
        assert_eq!(w.bytes, on_disk);

        let (dir, _) = generate("valid-deep", 40, 7, Profile::Deep);
        assert_eq!(load(&dir.0).analyses.len(), 40);
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes_and_another_seed_other_bytes() {
        let part = |dir: &TempDir| fs::read(dir.0.join("analyses/part-00000.json")).unwrap();
        let (a, _) = generate("seed-a", 200, 3, Profile::Brief);
        let (b, _) = generate("seed-b", 200, 3, Profile::Brief);
        let (c, _) = generate("seed-c", 200, 4, Profile::Brief);
        assert!(part(&a) == part(&b), "same seed, different analyses");
        assert!(part(&a) != part(&c), "another seed, same analyses");
        let actors = |dir: &TempDir| fs::read(dir.0.join("actors.json")).unwrap();
        assert!(actors(&a) == actors(&b));
    }

    #[test]
    fn the_deep_profile_has_the_corpus_counts_and_lengths() {
        let (dir, _) = generate("deep", 400, 11, Profile::Deep);
        let d = load(&dir.0);
        let words = |s: &str| s.split_whitespace().count();
        let a = &d.analyses;
        // The corpus: 7.6 actors, 4.8 themes, 6.9 places, 4.8 implications per analysis, every
        // fixed lens present, 121 words of background, 102 of summary.
        let actors = mean(a.iter().map(|a| a.actors.len()));
        assert!((7.0..=8.0).contains(&actors), "{actors}");
        let themes = mean(a.iter().map(|a| a.themes.len()));
        assert!((4.5..=5.5).contains(&themes), "{themes}");
        let places = mean(a.iter().map(|a| a.places.len()));
        assert!((6.0..=8.0).contains(&places), "{places}");
        let implications = mean(a.iter().map(|a| a.implications.len()));
        assert!((4.0..=5.0).contains(&implications), "{implications}");
        assert!(a.iter().all(|a| a.lenses.sections().count() == 7));
        let background = mean(
            a.iter()
                .map(|a| words(a.lenses.background.as_deref().unwrap())),
        );
        assert!((110.0..=135.0).contains(&background), "{background}");
        let summary = mean(a.iter().map(|a| words(&a.summary)));
        assert!((92.0..=113.0).contains(&summary), "{summary}");
        let shared = a.iter().filter(|a| a.event.is_some()).count();
        assert!(
            (60..=140).contains(&shared),
            "{shared} of 400 share an event"
        );
    }

    #[test]
    fn the_brief_profile_is_about_1_8_kb_an_analysis() {
        let (_dir, w) = generate("brief", 3000, 5, Profile::Brief);
        let per_analysis = w.bytes as f64 / 3000.0;
        assert!(
            (1600.0..=2000.0).contains(&per_analysis),
            "{per_analysis} bytes an analysis"
        );
    }

    #[test]
    fn entities_are_shared_with_a_skew_and_text_is_not_plain_ascii() {
        let (dir, _) = generate("skew", 2000, 9, Profile::Brief);
        let d = load(&dir.0);
        let mut uses: Vec<(usize, &str)> = d
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let n = d.actor_analyses(crate::data::ActorIx(i as u32)).len();
                (n, a.id.as_str())
            })
            .collect();
        uses.sort_unstable_by(|a, b| b.cmp(a));
        // A few actors are in a large share of analyses, the typical one in a handful.
        assert!(uses[0].0 > 2000 / 10, "top actor in {} analyses", uses[0].0);
        let median = uses[uses.len() / 2].0;
        assert!(median <= 5, "median actor in {median} analyses");
        let spec = Spec {
            analyses: 2000,
            seed: 9,
            profile: Profile::Brief,
        };
        assert_eq!(Synth::new(&spec).most_popular_actor(), uses[0].1);

        let texts: Vec<&str> = d
            .analyses
            .iter()
            .flat_map(|a| {
                std::iter::once(a.summary.as_str()).chain(a.lenses.sections().map(|(_, t)| t))
            })
            .collect();
        let with =
            |pred: &dyn Fn(char) -> bool| texts.iter().filter(|t| t.chars().any(pred)).count();
        let accented = with(&|c| ('\u{C0}'..='\u{17F}').contains(&c));
        let cjk = with(&|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
        let emoji = with(&|c| ('\u{1F300}'..='\u{1FAFF}').contains(&c));
        let quotes = with(&|c| matches!(c, '"' | '“'));
        for (what, n) in [
            ("accented", accented),
            ("CJK", cjk),
            ("emoji", emoji),
            ("quotes", quotes),
        ] {
            assert!(n >= 20, "only {n} texts with {what} characters");
        }
        assert!(
            d.analyses
                .iter()
                .all(|a| a.title.is_ascii() || !a.title.is_empty())
        );
        let phrase = texts
            .iter()
            .filter(|t| t.contains("middle corridor"))
            .count();
        assert!(phrase >= 5, "the phrase appears in {phrase} texts");
    }

    #[test]
    fn writing_into_a_directory_that_holds_files_is_refused() {
        let (dir, _) = generate("refuse", 10, 1, Profile::Brief);
        let spec = Spec {
            analyses: 10,
            seed: 1,
            profile: Profile::Brief,
        };
        let err = write(&dir.0, &spec).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
    }

    #[test]
    fn a_long_text_is_paragraphs_of_the_size_asked() {
        let mut s = Synth::new(&Spec {
            analyses: 1,
            seed: 2,
            profile: Profile::Brief,
        });
        let text = s.long_text(200_000);
        assert!((200_000..210_000).contains(&text.len()), "{}", text.len());
        let paragraphs = text.split("\n\n").count();
        assert!((200..=400).contains(&paragraphs), "{paragraphs} paragraphs");
    }
}
