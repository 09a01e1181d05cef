//! What a tolerant walk over a JSON text finds without building any value: repeated keys and
//! the entities' ids. It works on text that does not parse and at any depth, so a file with a
//! problem still says which entities it held and where a key was given twice.

use std::collections::HashMap;

use super::problem::{FieldPath, Seg};

/// A key given twice in one object: `at` and `first` are byte offsets of the two keys.
pub(crate) struct Duplicate {
    pub path: FieldPath,
    pub key: String,
    pub at: usize,
    pub first: usize,
}

/// What a tolerant walk over a JSON text finds without building any value, so it works on text
/// that does not parse and at any depth.
#[derive(Default)]
pub(crate) struct Outline {
    pub duplicates: Vec<Duplicate>,
    /// The `id` of each entity: the top-level object's, or those of the objects in a top-level
    /// array.
    pub entity_ids: Vec<String>,
}

pub(crate) fn outline(text: &str) -> Outline {
    enum Frame {
        Object {
            keys: HashMap<String, usize>,
            key: Option<String>,
            want_key: bool,
        },
        Array {
            index: usize,
        },
    }
    fn path_of(frames: &[Frame]) -> FieldPath {
        FieldPath(
            frames
                .iter()
                .map(|f| match f {
                    Frame::Object { key, .. } => Seg::Key(key.clone().unwrap_or_default()),
                    Frame::Array { index } => Seg::Index(*index),
                })
                .collect(),
        )
    }
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut out = Outline::default();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => stack.push(Frame::Object {
                keys: HashMap::new(),
                key: None,
                want_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { want_key, .. }) => *want_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let end = string_end(bytes, i);
                // Decoded as serde reads it (`"\u0061"` is `"a"`), and only when needed.
                let decode = || {
                    let raw = &text[i..end];
                    serde_json::from_str::<String>(raw)
                        .unwrap_or_else(|_| raw.trim_matches('"').to_owned())
                };
                let entity_level = stack.len() == 1
                    || (stack.len() == 2 && matches!(stack[0], Frame::Array { .. }));
                if let Some((
                    Frame::Object {
                        keys,
                        key,
                        want_key,
                    },
                    parents,
                )) = stack.split_last_mut()
                {
                    if *want_key {
                        let name = decode();
                        match keys.get(&name) {
                            Some(&first) => out.duplicates.push(Duplicate {
                                path: path_of(parents).key(&name),
                                key: name.clone(),
                                at: i,
                                first,
                            }),
                            None => {
                                keys.insert(name.clone(), i);
                            }
                        }
                        *key = Some(name);
                        *want_key = false;
                    } else if entity_level && key.as_deref() == Some("id") {
                        out.entity_ids.push(decode());
                    }
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The index just past the string literal that opens at `start`, or the end of the text.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outline_finds_repeated_keys_as_serde_reads_them() {
        // `"\u0061"` is `"a"`; brackets and quotes inside strings are text, not structure.
        let text =
            r#"{"a": "[{\"a\": 1}", "b": {"a": 1, "a": 2}, "\u0061": [1, {"c": 1, "c": 2}]}"#;
        let found: Vec<(String, String)> = outline(text)
            .duplicates
            .iter()
            .map(|d| (d.path.to_string(), d.key.clone()))
            .collect();
        assert_eq!(
            found,
            [
                ("b.a".to_owned(), "a".to_owned()),
                ("a".to_owned(), "a".to_owned()),
                ("a[1].c".to_owned(), "c".to_owned()),
            ]
        );
    }

    #[test]
    fn the_outline_reads_entity_ids_even_from_broken_text() {
        let list = r#"[{"id": "a", "offices": [{"id": "not-an-entity"}]}, {"x": {"id": "nested"}, "id": "b"}, {"id": "c", "lat": 1e400"#;
        assert_eq!(outline(list).entity_ids, ["a", "b", "c"]);
        let object = r#"{"id": "t", "implications": [{"id": "i"}]"#;
        assert_eq!(outline(object).entity_ids, ["t"]);
    }
}
