//! A corpus of hostile datasets, built at test time in temporary directories (a megabyte string
//! has no place in the repository): the mini fixture with hostile text written into its titles,
//! names, aliases, descriptions, lens texts, roles, effects and every other prose field.
#![allow(dead_code)]

use std::path::Path;

use serde_json::Value;

use crate::temp::TempDir;

/// Where a payload goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// In front of every prose field of every file.
    Everywhere,
    /// The title and summary of one analysis and the name and description of one actor: for
    /// payloads too big to repeat a hundred times.
    Few,
}

/// One kind of hostile text.
pub struct Payload {
    pub name: &'static str,
    pub text: String,
    pub scope: Scope,
    /// What a reader sees of it at the start of a field, once neutralised: proof that the text
    /// did reach the screen rather than being lost on the way.
    pub seen: &'static str,
}

/// The window-title, window-name and clipboard attacks, named so the tmux test can look for their
/// effect.
pub const TITLE_ATTACK: &str = "\x1b]0;PWNED-TITLE\x07";
pub const CLIPBOARD_PAYLOAD: &str = "PWNED-CLIPBOARD";
pub const WINDOW_NAME: &str = "PWNED-WINDOW";

fn base64(text: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The attacks whose effect tmux lets a test see: retitle the pane, rename the window, write the
/// clipboard.
pub fn visible_attacks() -> String {
    format!(
        "{TITLE_ATTACK}\x1bk{WINDOW_NAME}\x1b\\\x1b]52;c;{}\x07",
        base64(CLIPBOARD_PAYLOAD)
    )
}

/// Every escape sequence a terminal acts on that data might smuggle in.
pub fn escapes() -> String {
    [
        visible_attacks(),
        "\x1b]2;window title\x1b\\".to_owned(),
        "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\".to_owned(),
        "\x1b[2J\x1b[3J\x1b[H".to_owned(),
        "\x1b[10;10H\x1b[5A\x1b[3C\x1b[s\x1b[u".to_owned(),
        "\x1b[31;1;5mred\x1b[0m\x1b[?1049l\x1b[?25l\x1b[?1000h".to_owned(),
        "\x1bP1$qm\x1b\\\x1bP+q544e\x1b\\".to_owned(),
        "\x1b_apc\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\".to_owned(),
        "\x1b7\x1b8\x1bc\x1b(0lqk\x1b(B".to_owned(),
        "\u{9b}2J\u{9d}0;c1 title\u{9c}\u{90}dcs\u{9c}".to_owned(),
        "\x1b[6n\x1b[c\x1b]10;?\x07".to_owned(),
    ]
    .concat()
}

pub fn payloads() -> Vec<Payload> {
    let c0: String = (0u8..0x20).map(char::from).collect();
    let c1: String = (0x80u32..0xA0).filter_map(char::from_u32).collect();
    let long_word = format!("LONGWORD{}", "abcdefghij".repeat(1000));
    let mut huge = String::from("HUGE ");
    while huge.len() < 1 << 20 {
        huge.push_str("the quick brown fox jumps \x1b[2J over the lazy dog ");
    }
    vec![
        Payload {
            name: "escapes",
            text: escapes(),
            scope: Scope::Everywhere,
            seen: "␛]0;PWNED-TITLE␇",
        },
        Payload {
            name: "c0",
            text: format!("c0:{c0}:c0"),
            scope: Scope::Everywhere,
            seen: "c0:␀␁␂␃␄␅␆␇␈",
        },
        Payload {
            name: "c1",
            text: format!("c1:{c1}:c1"),
            scope: Scope::Everywhere,
            seen: "c1:\u{FFFD}\u{FFFD}\u{FFFD}",
        },
        Payload {
            name: "del-nul",
            text: "del:\x7f\0:del".to_owned(),
            scope: Scope::Everywhere,
            seen: "del:␡␀:del",
        },
        Payload {
            // Trojan Source: overrides, embeddings, isolates and marks that reorder text.
            name: "bidi",
            text: "bidi:\u{202E}evil\u{202C}\u{202A}\u{202B}\u{202D}\u{2066}a\u{2069}\u{2067}b\u{2068}c\u{2069}\u{200E}\u{200F}\u{061C}:bidi"
                .to_owned(),
            scope: Scope::Everywhere,
            seen: "bidi:\u{FFFD}evil\u{FFFD}",
        },
        Payload {
            name: "zero-width",
            text: "zw:a\u{200B}b\u{200C}c\u{200D}d\u{2060}e\u{FEFF}f\u{00AD}g\u{2028}h\u{2029}i"
                .to_owned(),
            scope: Scope::Everywhere,
            seen: "zw:a",
        },
        Payload {
            name: "scripts",
            text: "中华人民共和国外交部 👩‍👩‍👧‍👦 👍🏽 🏳️‍🌈 🇰🇿 Z̷̢̛a̵l̸g̶o̷ e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}\u{309}\u{30A}\u{30B}\u{30C} وزارة الخارجية משרד החוץ नमस्ते ภาษาไทย"
                .to_owned(),
            scope: Scope::Everywhere,
            seen: "中华人民共和国",
        },
        Payload {
            name: "long-word",
            text: long_word,
            scope: Scope::Everywhere,
            seen: "LONGWORDabcdefghij",
        },
        Payload {
            name: "huge",
            text: huge,
            scope: Scope::Few,
            seen: "HUGE the quick brown fox",
        },
    ]
}

/// Fields of free text: everything but ids, references, dates and closed vocabularies.
const PROSE: &[&str] = &[
    "title",
    "name",
    "description",
    "summary",
    "perspective",
    "background",
    "geopolitical",
    "cultural",
    "regional_impact",
    "outlook",
    "challenges",
    "text",
    "role",
    "effect",
    "affected",
    "note",
];
/// Lists of free text.
const PROSE_LISTS: &[&str] = &["aliases", "interests", "risks", "caveats"];

fn poison(value: &mut Value, payload: &str) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(s) if PROSE.contains(&key.as_str()) => {
                        *s = format!("{payload} {s}");
                    }
                    Value::Array(items) if PROSE_LISTS.contains(&key.as_str()) => {
                        for item in items {
                            if let Value::String(s) = item {
                                *s = format!("{payload} {s}");
                            }
                        }
                    }
                    other => poison(other, payload),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| poison(v, payload)),
        _ => {}
    }
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn write(path: &Path, value: &Value) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

/// The analysis and actor a `Scope::Few` payload goes into.
pub const HOSTILE_ANALYSIS: &str = "kz-uk-2024";
pub const HOSTILE_ACTOR: &str = "kz-gov";

/// The mini fixture with `payload` written in, in a new temporary directory. Every optional
/// prose field the fixture leaves out (a named lens, an office note, the perspective and other
/// lenses) is filled first, so that each field the explorer can show carries the payload.
pub fn build(payload: &Payload) -> TempDir {
    let src = crate::common::fixture_dir("mini");
    let dir = TempDir::new(&format!("hostile-{}", payload.name));
    let files = ["places.json", "actors.json", "themes.json"]
        .into_iter()
        .map(String::from)
        .chain(
            std::fs::read_dir(src.join("analyses"))
                .unwrap()
                .map(|e| format!("analyses/{}", e.unwrap().file_name().to_string_lossy())),
        );
    for name in files {
        let mut value = read(&src.join(&name));
        complete(&mut value);
        match payload.scope {
            Scope::Everywhere => poison(&mut value, &payload.text),
            Scope::Few => {
                if name == format!("analyses/{HOSTILE_ANALYSIS}.json") {
                    for field in ["title", "summary"] {
                        value[field] = Value::String(payload.text.clone());
                    }
                }
                if name == "actors.json" {
                    let actors = value.as_array_mut().unwrap();
                    let actor = actors
                        .iter_mut()
                        .find(|a| a["id"] == HOSTILE_ACTOR)
                        .unwrap();
                    for field in ["name", "description"] {
                        actor[field] = Value::String(payload.text.clone());
                    }
                }
            }
        }
        write(&dir.path().join(&name), &value);
    }
    dir
}

/// Fills the optional prose fields the mini fixture leaves out.
fn complete(value: &mut Value) {
    let items: Vec<&mut Value> = match value {
        Value::Array(items) => items.iter_mut().collect(),
        one => vec![one],
    };
    for item in items {
        if let Some(lenses) = item.get_mut("lenses") {
            for lens in [
                "background",
                "perspective",
                "geopolitical",
                "cultural",
                "regional_impact",
                "outlook",
                "challenges",
            ] {
                if lenses.get(lens).is_none() {
                    lenses[lens] = Value::String(format!("The {lens} lens."));
                }
            }
            lenses["other"] = serde_json::json!([{"title": "Legal", "text": "The legal lens."}]);
            item["risks"] = serde_json::json!(["A risk."]);
            item["caveats"] = serde_json::json!(["A caveat."]);
            for role in item["actors"].as_array_mut().unwrap() {
                role["interests"] = serde_json::json!(["An interest."]);
            }
        }
        if let Some(offices) = item.get_mut("offices") {
            for office in offices.as_array_mut().unwrap() {
                office["note"] = Value::String("A note.".into());
                office["uncertain"] = Value::Bool(true);
            }
        }
    }
}
