//! The on-disk index (issue 13): building it, a `geolens search` process, the explorer's first
//! frame and first results when it opens the index, the same queries as on the dataset in
//! memory, and the explorer's memory after twenty searches.

use super::*;

use geolens::store::{self, DiskStore};

/// Set in the child process that measures the memory of the explorer on the index: the data
/// directory; the index path is in `DISK_RSS_INDEX`.
pub const DISK_RSS_CHILD: &str = "GEOLENS_BENCH_DISK_RSS_CHILD";
const DISK_RSS_INDEX: &str = "GEOLENS_BENCH_DISK_RSS_INDEX";

fn open(dir: &Path, path: &Path) -> DiskStore {
    store::open_fresh(dir, path, None).unwrap_or_else(|why| panic!("the index opens: {why}"))
}

/// The query a reader types most: a place's name, which also matches text.
const TYPED: &str = "kazakhstan";

impl Run {
    /// Everything measured on the index of the dataset in `dir`, written to `path`.
    pub fn indexed(&mut self, fx: &Fixture, dir: &Path, path: &Path) {
        let size = fx.size;
        let n = label(size);
        let bench = |name: &str| Fig::Bench(Run::id(size, name));
        let target = self.target;
        let theme = Theme::color();
        let mut g = self.c.benchmark_group(format!("n{size}"));
        measure(&mut g, target, "index_build", || {
            store::build(dir, path, true, None, &mut |m| panic!("{m}")).map(drop)
        });
        // The process a script starts: geolens itself, on the index just built.
        let word = fx.word_near_rank(100);
        for (name, q) in [
            ("cli_search_name", TYPED),
            ("cli_search_word", word.as_str()),
        ] {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_geolens"));
            cmd.args(["search", q, "--data"])
                .arg(dir)
                .arg("--index")
                .arg(path);
            let o = cmd.output().expect("geolens runs");
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            measure(&mut g, target, name, || cmd.output().expect("geolens runs"));
        }
        measure(&mut g, target, "index_first_frame", || {
            let data = open(dir, path);
            let app = App::new(&data, Keymap::default(), pages::UNICODE, SCREEN);
            let mut buf = Buffer::empty(SCREEN);
            ui::render(&mut buf, SCREEN, &app, &data, &theme);
            (data, app, buf)
        });
        let typed = Query::parse(TYPED, true);
        let none = Filter::default();
        measure(&mut g, target, "index_first_results", || {
            let data = open(dir, path);
            let app = App::new(&data, Keymap::default(), pages::UNICODE, SCREEN);
            let mut buf = Buffer::empty(SCREEN);
            ui::render(&mut buf, SCREEN, &app, &data, &theme);
            let quick =
                find::quick_search(data.index(), &data, &typed, &none, find::search::PER_GROUP);
            assert!(quick.total() > 0);
            (data, app, buf, quick)
        });
        measure(&mut g, target, "index_complete_results", || {
            let data = open(dir, path);
            let results = find::search(data.index(), &data, &typed, &none, find::search::PER_GROUP);
            assert!(results.total() > 0);
            (data, results)
        });

        // The queries of `loaded`, on the index.
        let data = open(dir, path);
        let queries = queries(fx);
        for (name, q) in &queries {
            let query = Query::parse(q, false);
            measure(&mut g, target, &format!("disk_{name}"), || {
                find::search(data.index(), &data, &query, &none, find::search::PER_GROUP)
            });
            measure(&mut g, target, &format!("disktext_{name}"), || {
                find::search::text_search(
                    data.index(),
                    &data,
                    &query,
                    &none,
                    find::search::PER_GROUP,
                )
            });
        }
        g.finish();

        let b0 = || Some(("B0", Fig::Bench(Run::id(size, "b0_syntax"))));
        let b1 = Some(("B1", Fig::Bench(Run::id(size, "b1_value"))));
        self.row(
            "index: build (load, index, write)",
            &n,
            bench("index_build"),
            b1,
            Goal::Ratio(1.5),
        );
        self.row(
            &format!("index: `geolens search {TYPED}` process"),
            &n,
            bench("cli_search_name"),
            b0(),
            Goal::Ratio(0.3),
        );
        self.row(
            &format!("index: `geolens search {word}` process"),
            &n,
            bench("cli_search_word"),
            b0(),
            Goal::Ratio(0.3),
        );
        self.row(
            "index: open, App::new, first frame 200x60",
            &n,
            bench("index_first_frame"),
            b0(),
            Goal::Ratio(0.3),
        );
        self.row(
            &format!("index: open to first results of {TYPED:?} (quick pass)"),
            &n,
            bench("index_first_results"),
            b0(),
            Goal::Ratio(0.5),
        );
        self.row(
            &format!("index: open to complete results of {TYPED:?}"),
            &n,
            bench("index_complete_results"),
            b0(),
            Goal::None,
        );
        let ids = |prefix: &str| -> Vec<String> {
            queries
                .iter()
                .map(|(k, _)| Run::id(size, &format!("{prefix}{k}")))
                .collect()
        };
        for (p, tag) in [(0.5, "p50"), (0.95, "p95")] {
            let today = Some(("in memory", Fig::Quantile(ids("text_"), p)));
            self.row(
                &format!("index: full-text query {tag}, word index only"),
                &n,
                Fig::Quantile(ids("disktext_"), p),
                today,
                Goal::Time(0.005),
            );
            let today = Some(("in memory", Fig::Quantile(ids(""), p)));
            self.row(
                &format!("index: full-text query {tag}, whole search"),
                &n,
                Fig::Quantile(ids("disk_"), p),
                today,
                Goal::None,
            );
        }
        for (name, q) in &queries {
            let today = Some(("in memory", bench(name)));
            self.detail(
                &format!("index: query {q}"),
                &n,
                bench(&format!("disk_{name}")),
                today,
            );
        }
    }

    /// The explorer's memory on the index after twenty searches, in a child process.
    pub fn disk_memory(
        &mut self,
        size: usize,
        dir: &Path,
        path: &Path,
        bytes: u64,
        words: &[String],
    ) {
        let out = Command::new(std::env::current_exe().expect("own path"))
            .env(DISK_RSS_CHILD, dir)
            .env(DISK_RSS_INDEX, path)
            .env("GEOLENS_BENCH_WORDS", words.join("\n"))
            .output()
            .expect("the memory child runs");
        let report = String::from_utf8_lossy(&out.stdout);
        let kb = |key: &str| -> u64 {
            report
                .lines()
                .find_map(|l| l.strip_prefix(key)?.trim().parse().ok())
                .unwrap_or_else(|| panic!("no {key} from the memory child: {report}"))
        };
        let n = label(size);
        let disk = || Some(("on disk", Fig::Bytes(bytes)));
        self.row(
            "index: RSS, first frame",
            &n,
            Fig::Bytes(kb("first") * 1024),
            disk(),
            Goal::None,
        );
        self.row(
            "index: steady RSS after 20 searches",
            &n,
            Fig::Bytes(kb("steady") * 1024),
            disk(),
            Goal::Ratio(0.5),
        );
        let size_on_disk = std::fs::metadata(path).map_or(0, |m| m.len());
        self.row(
            "index: file size",
            &n,
            Fig::Bytes(size_on_disk),
            disk(),
            Goal::None,
        );
    }
}

/// The child of `Run::disk_memory`: what the explorer does on the index, then twenty searches.
pub fn disk_rss_child(dir: &Path) {
    let path = PathBuf::from(std::env::var_os(DISK_RSS_INDEX).expect("the index path"));
    let data = open(dir, &path);
    let theme = Theme::color();
    let mut buf = Buffer::empty(SCREEN);
    let app = App::new(&data, Keymap::default(), pages::UNICODE, SCREEN);
    ui::render(&mut buf, SCREEN, &app, &data, &theme);
    println!("first {}", status_kb("VmRSS"));
    let words = std::env::var("GEOLENS_BENCH_WORDS").unwrap_or_default();
    let mut words: Vec<&str> = words.lines().collect();
    words.extend([
        TYPED,
        "\"middle corridor\"",
        "sanc*",
        "turkiye",
        "pipeline sanctions",
    ]);
    for q in words.iter().cycle().take(20) {
        let query = Query::parse(q, false);
        let results = find::search(
            data.index(),
            &data,
            &query,
            &Filter::default(),
            find::search::PER_GROUP,
        );
        black_box(results);
    }
    println!("steady {}", status_kb("VmRSS"));
}
