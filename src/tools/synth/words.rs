//! The words synthetic prose and names are made of.

use super::*;

/// Common English words, most frequent first.
pub(super) const COMMON: &str = "the of and to a in that is for on with as was by its it at from be has are an \
    have not which but this their more or will had been were after would than also over into while \
    could other new two first three last most since about its under between against both such only \
    years year when some where there who them they these can any may what all one before through \
    during because many much still now even then those so our same own each further across among \
    however already without toward around within per less least later early next long short major \
    several large small high low public former current main key full part half";

/// The field's vocabulary, roughly by frequency.
pub(super) const FIELD: &str = "government minister president security trade energy oil gas sanctions border \
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
pub(super) const FOREIGN: &str = "Türkiye Zürich São Bogotá Québec Côte d'Ivoire Reykjavík Kraków Gdańsk \
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

pub(super) const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "tan", "vel", "sa", "dor", "li", "ne", "bar", "zu", "qa", "sh", "or", "ev",
    "ha", "ta", "kol", "mar", "in", "ul", "gre", "da", "pe", "sol", "vi", "ny", "ar", "ek", "to",
];

pub(super) const FIRST_NAMES: &[&str] = &[
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

pub(super) const LAST_NAMES: &[&str] = &[
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

pub(super) const NATIVE_NAMES: &[&str] = &[
    "王伟",
    "李娜",
    "김민준",
    "佐藤健",
    "Олена Коваленко",
    "Сергей Иванов",
    "فاطمة حداد",
    "राहुल शर्मा",
];

pub(super) const NATIVE_PLACES: &[&str] = &[
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

pub(super) const PORTFOLIOS: &[&str] = &[
    "Foreign Affairs",
    "Energy",
    "Finance",
    "Defence",
    "Trade",
    "the Interior",
    "Economy",
    "Transport",
];

pub(super) const PERSPECTIVES: &[&str] = &[
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
pub(super) const CHANNELS: &[(Channel, u32)] = &[
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
    pub(super) const TAIL: usize = 40_000;

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

    pub(super) fn sample(&self, rng: &mut Rng) -> &str {
        &self.words[self.zipf.sample(rng)]
    }
}
