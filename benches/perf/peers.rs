//! The peers the on-disk index was chosen against, on the same text in the same run: SQLite's
//! FTS5 (built once, queried from an open connection and from a fresh one) and rkyv (the
//! analyses archived and mapped: opening with validation, and without).

use super::*;

use rusqlite::Connection;

/// One analysis as rkyv archives it: what the index keeps of it, as strings.
#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
struct Doc {
    id: String,
    title: String,
    fields: Vec<String>,
}

/// A query in FTS5's syntax: the same words, phrase and prefix.
fn fts_query(q: &str) -> String {
    if q.starts_with('"') {
        return q.to_owned();
    }
    q.split_whitespace()
        .map(|w| match w.strip_suffix('*') {
            Some(p) => format!("\"{p}\"*"),
            None => format!("\"{w}\""),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn timed<R>(f: impl FnOnce() -> R) -> (R, f64) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed().as_secs_f64())
}

impl Run {
    pub fn peers(&mut self, fx: &Fixture, work: &Path) {
        let size = fx.size;
        let n = label(size);
        let target = self.target;
        let db = work.join(format!("fts-{size}.sqlite"));
        let _ = fs::remove_file(&db);

        // FTS5: every document's text, one row each, accents folded as geolens folds them.
        let ((), build) = timed(|| {
            let mut conn = Connection::open(&db).expect("sqlite opens");
            conn.execute_batch(
                "CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');",
            )
            .expect("fts5");
            let tx = conn.transaction().expect("a transaction");
            {
                let mut insert = tx
                    .prepare("INSERT INTO docs(rowid, body) VALUES (?1, ?2)")
                    .expect("insert");
                for (doc, t) in find::index::all_targets(&fx.data).enumerate() {
                    let entity = geolens::data::Entity::of(&fx.data, t);
                    let body = find::index::fields_of(&entity).join("\n");
                    insert
                        .execute(rusqlite::params![doc as i64, body])
                        .expect("a row");
                }
            }
            tx.commit().expect("committed");
        });
        let fts_bytes = fs::metadata(&db).map_or(0, |m| m.len());
        let conn = Connection::open(&db).expect("sqlite opens");
        let mut g = self.c.benchmark_group(format!("n{size}"));
        let queries = queries(fx);
        for (name, q) in &queries {
            let fq = fts_query(q);
            let mut stmt = conn
                .prepare_cached("SELECT rowid FROM docs WHERE docs MATCH ?1")
                .expect("a query");
            measure(&mut g, target, &format!("fts_{name}"), || {
                stmt.query_map([&fq], |r| r.get::<_, i64>(0))
                    .expect("rows")
                    .count()
            });
            // Ranked as a search engine would show them: the best 50.
            let mut ranked = conn
                .prepare_cached("SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT 50")
                .expect("a query");
            measure(&mut g, target, &format!("ftsrank_{name}"), || {
                ranked
                    .query_map([&fq], |r| r.get::<_, i64>(0))
                    .expect("rows")
                    .count()
            });
        }
        let word = fts_query(&fx.word_near_rank(100));
        measure(&mut g, target, "fts_cold", || {
            let conn = Connection::open(&db).expect("sqlite opens");
            let mut stmt = conn
                .prepare("SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT 20")
                .expect("a query");
            stmt.query_map([&word], |r| r.get::<_, i64>(0))
                .expect("rows")
                .count()
        });

        // rkyv: the analyses archived to a file, then mapped.
        let docs: Vec<Doc> = fx
            .data
            .analyses
            .iter()
            .map(|a| {
                let entity = geolens::data::Entity::Analysis(std::borrow::Cow::Borrowed(a));
                Doc {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    fields: find::index::fields_of(&entity)
                        .iter()
                        .map(|f| f.to_string())
                        .collect(),
                }
            })
            .collect();
        let archive = work.join(format!("rkyv-{size}.bin"));
        let ((), rkyv_build) = timed(|| {
            let bytes = rkyv::to_bytes::<rkyv::rancor::Error>(&docs).expect("archived");
            fs::write(&archive, &bytes).expect("written");
        });
        drop(docs);
        let file = fs::File::open(&archive).expect("the archive");
        // SAFETY: a file this benchmark wrote and nobody else touches.
        let map = unsafe { memmap2::Mmap::map(&file) }.expect("mapped");
        let ((), rkyv_checked) = timed(|| {
            let docs = rkyv::access::<rkyv::Archived<Vec<Doc>>, rkyv::rancor::Error>(&map)
                .expect("a valid archive");
            black_box(docs.len());
        });
        measure(&mut g, target, "rkyv_open_checked", || {
            let docs = rkyv::access::<rkyv::Archived<Vec<Doc>>, rkyv::rancor::Error>(&map)
                .expect("a valid archive");
            docs.len()
        });
        g.finish();
        let rkyv_bytes = map.len() as u64;
        drop(map);
        let _ = fs::remove_file(&archive);
        let _ = fs::remove_file(&db);

        let b1 = || Some(("B1", Fig::Bench(Run::id(size, "b1_value"))));
        let bench = |name: &str| Fig::Bench(Run::id(size, name));
        self.row(
            "FTS5: build (insert every document's text)",
            &n,
            Fig::Seconds(build),
            b1(),
            Goal::None,
        );
        self.row(
            "FTS5: database size",
            &n,
            Fig::Bytes(fts_bytes),
            None,
            Goal::None,
        );
        self.row(
            "FTS5: fresh connection, one-word query, best 20",
            &n,
            bench("fts_cold"),
            Some(("B0", bench("b0_syntax"))),
            Goal::None,
        );
        let ids = |prefix: &str| -> Vec<String> {
            queries
                .iter()
                .map(|(k, _)| Run::id(size, &format!("{prefix}{k}")))
                .collect()
        };
        for (p, tag) in [(0.5, "p50"), (0.95, "p95")] {
            self.row(
                &format!("FTS5: query {tag}, every match"),
                &n,
                Fig::Quantile(ids("fts_"), p),
                Some(("index, word index", Fig::Quantile(ids("disktext_"), p))),
                Goal::None,
            );
            self.row(
                &format!("FTS5: query {tag}, best 50 by rank"),
                &n,
                Fig::Quantile(ids("ftsrank_"), p),
                Some(("index, whole search", Fig::Quantile(ids("disk_"), p))),
                Goal::None,
            );
        }
        for (name, q) in &queries {
            let index = Some(("index, word index", bench(&format!("disktext_{name}"))));
            self.detail(
                &format!("FTS5: query {q}"),
                &n,
                bench(&format!("fts_{name}")),
                index,
            );
        }
        self.row(
            "rkyv: archive the analyses and write",
            &n,
            Fig::Seconds(rkyv_build),
            b1(),
            Goal::None,
        );
        self.row(
            "rkyv: archive size (analyses only)",
            &n,
            Fig::Bytes(rkyv_bytes),
            None,
            Goal::None,
        );
        self.row(
            "rkyv: open with validation (first, then repeated)",
            &n,
            Fig::Seconds(rkyv_checked),
            Some(("repeated", bench("rkyv_open_checked"))),
            Goal::None,
        );
    }
}
