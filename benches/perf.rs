//! The performance suite of issue 6. Every figure is measured beside a baseline taken in the same
//! run on the same bytes, and the run ends with the table of ratios (docs/performance.md).
//!
//! ```sh
//! cargo bench --bench perf                                  # 1k and 10k analyses
//! GEOLENS_BENCH_SIZES=1000,100000 cargo bench --bench perf  # the sizes issue 6 sets targets for
//! ```
//!
//! Datasets come from `geolens::tools::synth`, generated into a temporary directory and removed after.
//! Under `cargo test` (which builds this file so that it keeps compiling) nothing is measured.

use std::collections::HashMap;
use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use criterion::measurement::WallTime;
use criterion::{BatchSize, BenchmarkGroup, Criterion, SamplingMode};
use memchr::memmem;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use serde::de::IgnoredAny;

use geolens::app::App;
use geolens::app::action::Action;
use geolens::app::keymap::Keymap;
use geolens::data::Target;
use geolens::data::{self, AnalysisIx, Dataset, Sources};
use geolens::find::{self, Filter, Query, SearchIndex};
use geolens::pages;
use geolens::tools::synth::{self, Profile, Spec, Synth};
use geolens::ui::{self, Theme};

#[path = "perf/views.rs"]
mod views;

#[path = "perf/store.rs"]
mod store;

#[cfg(feature = "peers")]
#[path = "perf/peers.rs"]
mod peers;

/// Set in the child process that measures memory: the dataset directory to load.
const RSS_CHILD: &str = "GEOLENS_BENCH_RSS_CHILD";
const SEED: u64 = 6;
const SCREEN: Rect = Rect {
    x: 0,
    y: 0,
    width: 200,
    height: 60,
};

fn main() {
    if let Some(dir) = std::env::var_os(RSS_CHILD) {
        rss_child(Path::new(&dir));
        return;
    }
    if let Some(dir) = std::env::var_os(store::DISK_RSS_CHILD) {
        store::disk_rss_child(Path::new(&dir));
        return;
    }
    // `cargo bench` passes --bench; `cargo test` runs this binary without it.
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("perf: benchmarks run under `cargo bench --bench perf`; nothing to measure here");
        return;
    }
    let home = criterion_home();
    // SAFETY: no other thread exists yet. Criterion writes its estimates where we read them.
    unsafe { std::env::set_var("CRITERION_HOME", &home) };
    let sizes = sizes();
    let profile = match std::env::var("GEOLENS_BENCH_PROFILE") {
        Ok(p) => Profile::parse(&p).unwrap_or_else(|e| panic!("GEOLENS_BENCH_PROFILE: {e}")),
        Err(_) => Profile::Brief,
    };
    let seconds: f64 = std::env::var("GEOLENS_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let started = SystemTime::now();
    // GEOLENS_BENCH_ONLY=views: the views' keys alone (benches/perf/views.rs).
    let views_only = std::env::var("GEOLENS_BENCH_ONLY").is_ok_and(|v| v == "views");
    let work = std::env::temp_dir().join(format!("geolens-bench-{}", std::process::id()));
    let mut run = Run {
        // Fewer resamples than criterion's 100 000: the analysis of a hundred benchmarks would
        // otherwise take longer than measuring them.
        c: Criterion::default()
            .nresamples(10_000)
            .configure_from_args(),
        target: Duration::from_secs_f64(seconds),
        rows: Vec::new(),
        sizes: sizes.clone(),
    };
    for &size in &sizes {
        let dir = work.join(size.to_string());
        let spec = Spec {
            analyses: size,
            seed: SEED,
            profile,
        };
        eprintln!(
            "perf: generating {size} analyses ({}) in {}",
            profile.name(),
            dir.display()
        );
        let written = synth::write(&dir, &spec).expect("the synthetic dataset is written");
        // Loading first, while nothing else is in memory: at 1M analyses a loaded dataset is
        // several GB, and the loads measured must not hold a second copy beside it.
        if !views_only {
            run.loading(size, &dir);
        }
        let fixture = Fixture::new(&dir, &spec, written.bytes);
        let index = work.join(format!("index-{size}"));
        if !views_only {
            run.loaded(&fixture);
            run.indexed(&fixture, &dir, &index);
            #[cfg(feature = "peers")]
            run.peers(&fixture, &work);
        }
        run.views(&fixture, &dir, &index);
        let words: Vec<String> = [0, 10, 100, 1000, 10_000]
            .iter()
            .map(|&r| fixture.word_near_rank(r))
            .collect();
        drop(fixture);
        if !views_only {
            run.memory(size, &dir, written.bytes);
            run.disk_memory(size, &dir, &index, written.bytes, &words);
        }
        let _ = fs::remove_file(&index);
        let _ = fs::remove_dir_all(&dir);
    }
    let _ = fs::remove_dir_all(&work);
    if !views_only {
        run.long_body();
    }
    run.c.final_summary();
    let table = run.table(&home, started, profile);
    println!("\n{table}");
    let file = home.join("geolens-ratios.md");
    if fs::create_dir_all(&home)
        .and_then(|_| fs::write(&file, &table))
        .is_ok()
    {
        println!("(also in {})", file.display());
    }
}

/// Sizes from `GEOLENS_BENCH_SIZES` (comma-separated), 1k and 10k by default.
fn sizes() -> Vec<usize> {
    let list = std::env::var("GEOLENS_BENCH_SIZES").unwrap_or_else(|_| "1000,10000".to_owned());
    let mut sizes: Vec<usize> = list
        .split(',')
        .map(|s| {
            s.trim()
                .parse()
                .unwrap_or_else(|_| panic!("GEOLENS_BENCH_SIZES: {s:?} is not a number"))
        })
        .collect();
    sizes.sort_unstable();
    sizes.dedup();
    sizes
}

/// Where criterion keeps its estimates: `$CRITERION_HOME`, else `$CARGO_TARGET_DIR/criterion`,
/// else the target directory this benchmark was built in (it runs from `<target>/release/deps`).
fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return home.into();
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            let exe = std::env::current_exe().ok()?;
            exe.ancestors().nth(3).map(Path::to_path_buf)
        })
        .unwrap_or_else(|| PathBuf::from("target"));
    target.join("criterion")
}

/// One dataset, loaded once for the benchmarks that work on a loaded dataset.
struct Fixture {
    size: usize,
    data: Dataset,
    index: SearchIndex,
    /// The full text the word index covers, one field per line: what a scan would read.
    text: String,
    synth: Synth,
}

impl Fixture {
    fn new(dir: &Path, spec: &Spec, bytes: u64) -> Fixture {
        let t = Instant::now();
        let sources = Sources::from_dir(dir).expect("readable");
        let data = data::load(&sources).unwrap_or_else(|p| panic!("does not load:\n{p}"));
        drop(sources);
        let index = SearchIndex::build(&data);
        let mut text = String::new();
        for target in find::index::all_targets(&data) {
            let entity = geolens::data::Entity::of(&data, target);
            for field in find::index::fields_of(&entity) {
                text.push_str(field);
                text.push('\n');
            }
        }
        eprintln!(
            "perf: {} analyses, {:.1} MB on disk, {:.1} MB of text, loaded and indexed in {:.2?}",
            spec.analyses,
            bytes as f64 / 1e6,
            text.len() as f64 / 1e6,
            t.elapsed()
        );
        Fixture {
            size: spec.analyses,
            data,
            index,
            text,
            synth: Synth::new(spec),
        }
    }

    /// A word of the synthetic vocabulary at about this frequency rank that the index knows.
    fn word_near_rank(&self, rank: usize) -> String {
        let vocab = self.synth.vocabulary();
        (rank..vocab.len())
            .map(|r| vocab.word(r))
            .find(|w| w.chars().all(char::is_alphanumeric) && w.len() > 2)
            .expect("a plain word")
            .to_lowercase()
    }

    fn app(&self) -> App {
        App::new(&self.data, Keymap::default(), pages::UNICODE, SCREEN)
    }
}

/// The full-text queries: single words at frequency ranks 0 to 10,000, an accent, a phrase, a
/// prefix, two words and a word that is not there.
fn queries(fx: &Fixture) -> Vec<(String, String)> {
    let mut queries: Vec<(String, String)> = [0, 10, 100, 1000, 10_000]
        .iter()
        .map(|&rank| (format!("q_rank{rank}"), fx.word_near_rank(rank)))
        .collect();
    queries.extend(
        [
            ("q_accent", "turkiye"),
            ("q_phrase", "\"middle corridor\""),
            ("q_prefix", "sanc*"),
            ("q_two_words", "pipeline sanctions"),
            ("q_miss", "qwxyzzy"),
        ]
        .map(|(k, q)| (k.to_owned(), q.to_owned())),
    );
    queries
}

/// What the table shows for a figure.
#[derive(Clone)]
enum Fig {
    /// The median of one benchmark.
    Bench(String),
    /// A quantile over the medians of several benchmarks (0.5 = p50, 0.95 = p95, 1.0 = max).
    Quantile(Vec<String>, f64),
    Bytes(u64),
    /// A time measured once, outside criterion (a build of seconds), in seconds.
    #[cfg_attr(not(feature = "peers"), allow(dead_code))]
    Seconds(f64),
}

/// What issue 6 asks of a figure.
#[derive(Clone, Copy)]
enum Goal {
    None,
    /// At most this many times the baseline.
    Ratio(f64),
    /// At most this long, in seconds.
    Time(f64),
}

struct Row {
    /// Shown in the second table, of single queries and keystrokes.
    detail: bool,
    what: String,
    size: String,
    figure: Fig,
    baseline: Option<(String, Fig)>,
    goal: Goal,
}

struct Run {
    c: Criterion,
    /// How long to spend measuring each light benchmark.
    target: Duration,
    rows: Vec<Row>,
    sizes: Vec<usize>,
}

fn label(size: usize) -> String {
    match size {
        s if s >= 1_000_000 && s % 1_000_000 == 0 => format!("{}M", s / 1_000_000),
        s if s >= 1000 && s % 1000 == 0 => format!("{}k", s / 1000),
        s => s.to_string(),
    }
}

/// Runs `f` under criterion, with a sample count and time fitted to what one call costs, so that
/// a 20-second load at 1M analyses and a 50-microsecond frame both measure in reasonable time.
fn measure<R>(
    g: &mut BenchmarkGroup<WallTime>,
    target: Duration,
    name: &str,
    mut f: impl FnMut() -> R,
) {
    let t = Instant::now();
    black_box(f());
    let once = t.elapsed().max(Duration::from_nanos(1));
    fit(g, target, once);
    g.bench_function(name, |b| b.iter_with_large_drop(&mut f));
}

fn fit(g: &mut BenchmarkGroup<WallTime>, target: Duration, once: Duration) {
    let samples = (target.as_secs_f64() / once.as_secs_f64()).clamp(10.0, 100.0) as usize;
    g.sample_size(samples);
    if once > Duration::from_millis(20) {
        // Each sample is one call, so that no more than one result (a whole dataset at the
        // largest sizes) is alive at a time: criterion runs ceil(time / samples / warm-up call)
        // calls a sample, and warns that the samples take longer than asked, which is expected.
        g.sampling_mode(SamplingMode::Flat);
        g.warm_up_time(Duration::from_millis(1));
        g.measurement_time(once.mul_f64(samples as f64 * 0.5));
    } else {
        g.sampling_mode(SamplingMode::Auto);
        g.warm_up_time(target / 4);
        g.measurement_time(target);
    }
}

fn read_all(files: &[PathBuf]) -> impl Iterator<Item = Vec<u8>> + '_ {
    files.iter().map(|f| fs::read(f).expect("readable"))
}

/// The search words of a query, as a scan would look for them.
fn needles(query: &str) -> Vec<String> {
    if query.starts_with('"') {
        return vec![query.trim_matches('"').to_owned()];
    }
    query
        .split_whitespace()
        .map(|w| w.trim_end_matches('*').to_owned())
        .collect()
}

impl Run {
    fn id(size: usize, name: &str) -> String {
        format!("n{size}/{name}")
    }

    fn row(
        &mut self,
        what: &str,
        size: &str,
        figure: Fig,
        baseline: Option<(&str, Fig)>,
        goal: Goal,
    ) {
        self.rows.push(Row {
            detail: false,
            what: what.to_owned(),
            size: size.to_owned(),
            figure,
            baseline: baseline.map(|(name, fig)| (name.to_owned(), fig)),
            goal,
        });
    }

    fn detail(&mut self, what: &str, size: &str, figure: Fig, baseline: Option<(&str, Fig)>) {
        self.row(what, size, figure, baseline, Goal::None);
        if let Some(last) = self.rows.last_mut() {
            last.detail = true;
        }
    }

    /// Reading and loading from disk, beside the two baselines.
    fn loading(&mut self, size: usize, dir: &Path) {
        let n = label(size);
        let bench = |name: &str| Fig::Bench(Run::id(size, name));
        let files: Vec<PathBuf> = Sources::from_dir(dir)
            .expect("readable")
            .files
            .iter()
            .map(|s| dir.join(&s.name))
            .collect();
        let target = self.target;
        let theme = Theme::color();
        let mut g = self.c.benchmark_group(format!("n{size}"));
        measure(&mut g, target, "b0_syntax", || {
            for bytes in read_all(&files) {
                serde_json::from_slice::<IgnoredAny>(&bytes).expect("JSON");
            }
        });
        measure(&mut g, target, "b1_value", || {
            read_all(&files)
                .map(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).expect("JSON"))
                .collect::<Vec<_>>()
        });
        measure(&mut g, target, "load", || {
            data::load(&Sources::from_dir(dir).unwrap()).unwrap()
        });
        measure(&mut g, target, "first_frame", || {
            let (data, _) = first_look(&Sources::from_dir(dir).unwrap());
            let app = App::new(&data, Keymap::default(), pages::UNICODE, SCREEN);
            let mut buf = Buffer::empty(SCREEN);
            ui::render(&mut buf, SCREEN, &app, &data, &theme);
            (data, app, buf)
        });
        measure(&mut g, target, "searchable", || {
            let data = data::load(&Sources::from_dir(dir).unwrap()).unwrap();
            let index = SearchIndex::build(&data);
            (data, index)
        });
        g.finish();
        let rows = [
            (
                "B0: read + JSON syntax check (IgnoredAny)",
                "b0_syntax",
                None,
                Goal::None,
            ),
            (
                "B1: read + parse into serde_json::Value",
                "b1_value",
                None,
                Goal::None,
            ),
            (
                "load: from_dir + parse + validate + links",
                "load",
                Some(("B1", "b1_value")),
                Goal::None,
            ),
            (
                "first frame: outline (from 16 MB) or load, App::new, render 200x60",
                "first_frame",
                Some(("B0", "b0_syntax")),
                Goal::Ratio(1.6),
            ),
        ];
        for (what, fig, base, goal) in rows {
            self.row(
                what,
                &n,
                bench(fig),
                base.map(|(l, id)| (l, bench(id))),
                goal,
            );
        }
        if size >= 1_000_000 {
            self.row(
                "first frame at 1M",
                &n,
                bench("first_frame"),
                None,
                Goal::Time(3.0),
            );
            self.row(
                "searchable at 1M",
                &n,
                bench("searchable"),
                None,
                Goal::Time(15.0),
            );
        }
    }

    /// Everything that works on a loaded dataset: the index, searches, frames and keys.
    fn loaded(&mut self, fx: &Fixture) {
        let size = fx.size;
        let n = label(size);
        let bench = |name: &str| Fig::Bench(Run::id(size, name));
        let target = self.target;
        let theme = Theme::color();
        let mut g = self.c.benchmark_group(format!("n{size}"));
        measure(&mut g, target, "index", || SearchIndex::build(&fx.data));

        // Full-text queries against a memmem scan of the same text for the same words.
        let queries = queries(fx);
        let no_filter = Filter::default();
        for (name, q) in &queries {
            let query = Query::parse(q, false);
            measure(&mut g, target, name, || {
                find::search(
                    &fx.index,
                    &fx.data,
                    &query,
                    &no_filter,
                    find::search::PER_GROUP,
                )
            });
            let finders: Vec<memmem::Finder> = needles(q)
                .iter()
                .map(|n| memmem::Finder::new(n.as_bytes()).into_owned())
                .collect();
            measure(&mut g, target, &format!("text_{name}"), || {
                find::search::text_search(
                    &fx.index,
                    &fx.data,
                    &query,
                    &no_filter,
                    find::search::PER_GROUP,
                )
            });
            measure(&mut g, target, &format!("memmem_{name}"), || {
                finders
                    .iter()
                    .map(|f| f.find_iter(fx.text.as_bytes()).count())
                    .sum::<usize>()
            });
        }

        // Fuzzy names against the raw nucleo loop over the same names.
        let popular = fx.data.actor_ix(fx.synth.most_popular_actor()).unwrap();
        let title = &fx.data.analyses[fx.data.analyses.len() / 2].title;
        let mut fragment: String = title
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        fragment.remove(fragment.len() / 2);
        let fuzzy = [
            ("f_typo", "kazakstan".to_owned()),
            ("f_actor", fx.data.actor(popular).name.to_lowercase()),
            ("f_title", fragment.to_lowercase()),
        ];
        for (name, needle) in &fuzzy {
            let query = Query::parse(needle, false);
            measure(&mut g, target, name, || {
                find::search(
                    &fx.index,
                    &fx.data,
                    &query,
                    &no_filter,
                    find::search::PER_GROUP,
                )
            });
            let pattern = Pattern::parse(needle, CaseMatching::Ignore, Normalization::Smart);
            let mut matcher = Matcher::new(Config::DEFAULT);
            let names = fx.index.names();
            let mut chars = Vec::new();
            measure(&mut g, target, &format!("nucleo_{name}"), || {
                names
                    .iter()
                    .filter(|n| pattern.score(n.utf32(&mut chars), &mut matcher).is_some())
                    .count()
            });
        }

        // Each keystroke of a search typed letter by letter.
        let typed = "kazakhstan";
        let keystrokes: Vec<String> = (1..=typed.len())
            .map(|k| format!("k_{}", &typed[..k]))
            .collect();
        for (k, name) in keystrokes.iter().enumerate() {
            let query = Query::parse(&typed[..=k], true);
            measure(&mut g, target, name, || {
                find::search(
                    &fx.index,
                    &fx.data,
                    &query,
                    &no_filter,
                    find::search::PER_GROUP,
                )
            });
            // The first results the explorer shows for the keystroke (from 20,000 names on).
            measure(&mut g, target, &format!("quick_{name}"), || {
                find::quick_search(
                    &fx.index,
                    &fx.data,
                    &query,
                    &no_filter,
                    find::search::PER_GROUP,
                )
            });
        }

        // One frame of each view, and the keystrokes that lead there.
        let list = fx.app();
        let longest = (0..fx.data.analyses.len())
            .max_by_key(|&i| fx.data.analyses[i].lenses.sections().count())
            .unwrap_or(0);
        let mut analysis = fx.app();
        analysis.open(&fx.data, Target::Analysis(AnalysisIx(longest as u32)));
        let mut actor = fx.app();
        actor.open(&fx.data, Target::Actor(popular));
        let mut search = fx.app();
        search.update(&fx.data, Action::Search);
        for c in "sanctions".chars() {
            search.update(&fx.data, Action::Insert(c));
        }
        let request = search.search_request.take().expect("a search request");
        let results = find::search(
            &fx.index,
            &fx.data,
            &request.query,
            &request.filter,
            find::search::PER_GROUP,
        );
        search.search_results(&fx.data, request.generation, results);
        let views = [
            ("frame_list", &list),
            ("frame_analysis", &analysis),
            ("frame_actor", &actor),
            ("frame_search", &search),
        ];
        for (name, app) in views {
            let mut buf = Buffer::empty(SCREEN);
            fit(&mut g, target, Duration::from_micros(100));
            g.bench_function(name, |b| {
                b.iter(|| {
                    buf.reset();
                    ui::render(&mut buf, SCREEN, app, &fx.data, &theme);
                })
            });
        }
        let data = &fx.data;
        for (name, action) in [("key_down", Action::Down), ("key_end", Action::Bottom)] {
            let t = Instant::now();
            list.clone().update(data, action);
            fit(&mut g, target, t.elapsed());
            g.bench_function(name, |b| {
                b.iter_batched(
                    || list.clone(),
                    |mut app| {
                        app.update(data, action);
                        app
                    },
                    BatchSize::LargeInput,
                )
            });
        }
        let t = Instant::now();
        list.clone().open(data, Target::Actor(popular));
        fit(&mut g, target, t.elapsed());
        g.bench_function("key_open_actor", |b| {
            b.iter_batched(
                || list.clone(),
                |mut app| {
                    app.open(data, Target::Actor(popular));
                    app
                },
                BatchSize::LargeInput,
            )
        });
        g.finish();

        self.row(
            "search index build",
            &n,
            bench("index"),
            Some(("B1", Fig::Bench(Run::id(size, "b1_value")))),
            Goal::None,
        );
        let b1 = Some(("B1", Fig::Bench(Run::id(size, "b1_value"))));
        self.row(
            "searchable: load + index",
            &n,
            bench("searchable"),
            b1,
            Goal::Ratio(1.3),
        );
        let ids = |prefix: &str, names: &[String]| -> Vec<String> {
            names
                .iter()
                .map(|q| Run::id(size, &format!("{prefix}{q}")))
                .collect()
        };
        let q: Vec<String> = queries.iter().map(|(k, _)| k.clone()).collect();
        for (p, tag, goal) in [(0.5, "p50", Goal::None), (0.95, "p95", Goal::Time(0.005))] {
            self.row(
                &format!(
                    "full-text query {tag} ({} queries), word index only",
                    q.len()
                ),
                &n,
                Fig::Quantile(ids("text_", &q), p),
                Some(("memmem", Fig::Quantile(ids("memmem_", &q), p))),
                goal,
            );
            self.row(
                &format!("full-text query {tag}, whole search (names too)"),
                &n,
                Fig::Quantile(ids("", &q), p),
                Some(("memmem", Fig::Quantile(ids("memmem_", &q), p))),
                goal,
            );
        }
        for (name, needle) in &fuzzy {
            let nucleo = Some(("nucleo", bench(&format!("nucleo_{name}"))));
            self.row(
                &format!("fuzzy search {needle:?}"),
                &n,
                bench(name),
                nucleo,
                Goal::Ratio(1.3),
            );
        }
        let f: Vec<String> = fuzzy.iter().map(|(k, _)| (*k).to_owned()).collect();
        let slowest = Fig::Quantile(ids("", &f), 1.0);
        self.row(
            "fuzzy search, slowest (complete results)",
            &n,
            slowest,
            None,
            Goal::Time(0.150),
        );
        let slowest = Fig::Quantile(ids("quick_", &keystrokes), 1.0);
        let what = format!("keystroke, first results (quick pass), slowest of {typed:?}");
        self.row(&what, &n, slowest, None, Goal::Time(0.016));
        let slowest = Fig::Quantile(ids("", &keystrokes), 1.0);
        let what = format!("keystroke, complete results, slowest of {typed:?}");
        self.row(&what, &n, slowest, None, Goal::Time(0.150));
        for (name, _) in views {
            let what = format!("frame 200x60: {}", &name["frame_".len()..]);
            self.row(&what, &n, bench(name), None, Goal::Time(0.002));
        }
        for (what, name) in [
            ("key: down in the list", "key_down"),
            ("key: end of the list", "key_end"),
            ("key: open the most linked actor", "key_open_actor"),
        ] {
            self.row(what, &n, bench(name), None, Goal::Time(0.016));
        }
        // Each query and keystroke on its own, for whoever optimises them.
        for (name, q) in &queries {
            let memmem = Some(("memmem", bench(&format!("memmem_{name}"))));
            self.detail(&format!("query {q}"), &n, bench(name), memmem);
        }
        for (k, name) in keystrokes.iter().enumerate() {
            self.detail(
                &format!("keystroke {:?}", &typed[..=k]),
                &n,
                bench(name),
                None,
            );
        }
    }

    /// Peak and steady memory of the explorer's loading, in a child process of its own.
    fn memory(&mut self, size: usize, dir: &Path, bytes: u64) {
        let out = Command::new(std::env::current_exe().expect("own path"))
            .env(RSS_CHILD, dir)
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
        let rows = [
            (
                "RSS before loading (the program alone)",
                "start_rss",
                Goal::None,
            ),
            ("RSS, loaded (list shown)", "loaded_rss", Goal::None),
            ("peak RSS (VmHWM), searchable", "peak", Goal::Ratio(2.0)),
            ("steady RSS, searchable", "steady_rss", Goal::Ratio(1.6)),
        ];
        for (what, key, goal) in rows {
            let disk = Some(("on disk", Fig::Bytes(bytes)));
            self.row(what, &n, Fig::Bytes(kb(key) * 1024), disk, goal);
        }
    }

    /// An analysis whose background is 5 MB long, scrolled to its end.
    fn long_body(&mut self) {
        let spec = Spec {
            analyses: 1,
            seed: SEED,
            profile: Profile::Brief,
        };
        let mut s = Synth::new(&spec);
        let mut a = s.analysis(0);
        let body = s.long_text(5 << 20);
        a.lenses.background = Some(body.clone());
        let sources = Sources::from_memory([
            ("places.json", json(&s.places)),
            ("actors.json", json(&s.actors)),
            ("themes.json", json(&s.themes)),
            ("analyses/long.json", json(&a)),
        ]);
        let data = data::load(&sources).unwrap_or_else(|p| panic!("{p}"));
        let mut app = App::new(&data, Keymap::default(), pages::UNICODE, SCREEN);
        app.update(&data, Action::FocusDetail);
        app.update(&data, Action::Bottom);
        assert!(
            app.detail.offset > 10_000,
            "scrolled to the end of the body"
        );
        let theme = Theme::color();
        let target = self.target;
        let mut g = self.c.benchmark_group("long");
        let mut buf = Buffer::empty(SCREEN);
        fit(&mut g, target, Duration::from_micros(100));
        g.bench_function("frame_end", |b| {
            b.iter(|| {
                buf.reset();
                ui::render(&mut buf, SCREEN, &app, &data, &theme);
            })
        });
        let small = App::new(&data, Keymap::default(), pages::UNICODE, SCREEN);
        let target_ix = Target::Analysis(AnalysisIx(0));
        let t = Instant::now();
        small.clone().open(&data, target_ix);
        fit(&mut g, target, t.elapsed());
        g.bench_function("open", |b| {
            b.iter_batched(
                || small.clone(),
                |mut app| {
                    app.open(&data, target_ix);
                    app
                },
                BatchSize::LargeInput,
            )
        });
        let finder = memmem::Finder::new("corridor");
        measure(&mut g, target, "memmem", || {
            finder.find_iter(body.as_bytes()).count()
        });
        g.finish();
        let first = self.sizes.first().copied();
        self.row(
            "frame 200x60: 5 MB analysis at its end",
            "5 MB",
            Fig::Bench("long/frame_end".to_owned()),
            first.map(|s| ("analysis frame", Fig::Bench(Run::id(s, "frame_analysis")))),
            Goal::Time(0.003),
        );
        self.row(
            "key: open the 5 MB analysis (wrap)",
            "5 MB",
            Fig::Bench("long/open".to_owned()),
            Some(("memmem", Fig::Bench("long/memmem".to_owned()))),
            Goal::Time(0.016),
        );
    }

    /// The table of ratios, from the estimates criterion wrote in this run.
    fn table(&mut self, home: &Path, started: SystemTime, profile: Profile) -> String {
        let sizes = self.sizes.clone();
        if let (Some(&small), Some(&large)) = (sizes.first(), sizes.last())
            && small != large
        {
            for view in ["list", "analysis", "actor", "search"] {
                let name = format!("frame_{view}");
                self.row(
                    &format!("frame {view}: {} vs {}", label(large), label(small)),
                    &label(large),
                    Fig::Bench(Run::id(large, &name)),
                    Some((
                        &format!("at {}", label(small)),
                        Fig::Bench(Run::id(small, &name)),
                    )),
                    Goal::Ratio(1.2),
                );
            }
        }
        let mut medians: HashMap<String, Option<f64>> = HashMap::new();
        let mut median = |id: &str| -> Option<f64> {
            *medians
                .entry(id.to_owned())
                .or_insert_with(|| read_median(home, id, started))
        };
        let mut value = |fig: &Fig| -> Option<(f64, bool)> {
            match fig {
                Fig::Bench(id) => median(id).map(|s| (s, true)),
                Fig::Quantile(ids, q) => {
                    let mut all: Vec<f64> =
                        ids.iter().map(|id| median(id)).collect::<Option<_>>()?;
                    all.sort_by(f64::total_cmp);
                    let rank = ((*q * all.len() as f64).ceil() as usize).clamp(1, all.len());
                    Some((all[rank - 1], true))
                }
                Fig::Bytes(b) => Some((*b as f64, false)),
                Fig::Seconds(s) => Some((*s, true)),
            }
        };
        let header = "| figure | size | measured | baseline | ratio | target | status |\n\
                      |---|---|---|---|---|---|---|\n";
        let mut main = String::new();
        let mut details = String::new();
        for row in &self.rows {
            let Some((measured, is_time)) = value(&row.figure) else {
                continue;
            };
            let shown = |v: f64| if is_time { seconds(v) } else { megabytes(v) };
            let base = row
                .baseline
                .as_ref()
                .and_then(|(name, fig)| Some((name, value(fig)?.0)));
            let ratio = base.map(|(_, b)| measured / b);
            let (target, status) = match row.goal {
                Goal::None => (String::new(), String::new()),
                Goal::Ratio(limit) => (
                    format!("≤ {limit}×"),
                    ratio.map_or(String::new(), |r| verdict(r, limit)),
                ),
                Goal::Time(limit) => (format!("≤ {}", seconds(limit)), verdict(measured, limit)),
            };
            let line = format!(
                "| {} | {} | {} | {} | {} | {} | {} |\n",
                row.what,
                row.size,
                shown(measured),
                base.map_or(String::new(), |(name, b)| format!("{name} {}", shown(b))),
                ratio.map_or(String::new(), |r| format!("{r:.2}×")),
                target,
                status
            );
            if row.detail { &mut details } else { &mut main }.push_str(&line);
        }
        let mut out = format!(
            "geolens performance, {} profile, seed {SEED}: medians of this run\n\n{header}{main}",
            profile.name()
        );
        if !details.is_empty() {
            out.push_str(&format!(
                "\nSingle queries and keystrokes:\n\n{header}{details}"
            ));
        }
        out
    }
}

fn verdict(value: f64, limit: f64) -> String {
    if value <= limit {
        "met".to_owned()
    } else {
        format!("missed by {:.0}%", (value / limit - 1.0) * 100.0)
    }
}

fn seconds(s: f64) -> String {
    match s {
        s if s >= 1.0 => format!("{s:.2} s"),
        s if s >= 1e-3 => format!("{:.2} ms", s * 1e3),
        s => format!("{:.1} µs", s * 1e6),
    }
}

fn megabytes(b: f64) -> String {
    format!("{:.0} MB", b / 1e6)
}

/// The median of a benchmark of this run, in seconds; `None` if it did not run this time.
fn read_median(home: &Path, id: &str, started: SystemTime) -> Option<f64> {
    let file = home.join(id).join("new/estimates.json");
    let fresh = fs::metadata(&file).and_then(|m| m.modified()).ok()? >= started;
    if !fresh {
        return None;
    }
    let json: serde_json::Value = serde_json::from_slice(&fs::read(&file).ok()?).ok()?;
    Some(json["median"]["point_estimate"].as_f64()? / 1e9)
}

/// What the explorer shows first, as main.rs decides it: a large dataset's outline (and `true`),
/// or the whole.
fn first_look(sources: &Sources) -> (data::Dataset, bool) {
    let outline = (sources.bytes() >= data::OUTLINE_FROM_BYTES)
        .then(|| data::outline(sources))
        .flatten();
    match outline {
        Some(outline) => (outline, true),
        None => (data::load(sources).unwrap(), false),
    }
}

/// The child process of `Run::memory`: loads as the explorer does, then reports VmHWM and VmRSS.
fn rss_child(dir: &Path) {
    println!("start_rss {}", status_kb("VmRSS"));
    // As in main.rs: the first frame from the outline of a large dataset, the full load while it
    // is shown, then the sources and the outline dropped.
    let sources = Sources::from_dir(dir).unwrap();
    let (first, is_outline) = first_look(&sources);
    let theme = Theme::color();
    let mut buf = Buffer::empty(SCREEN);
    let app = App::new(&first, Keymap::default(), pages::UNICODE, SCREEN);
    ui::render(&mut buf, SCREEN, &app, &first, &theme);
    let data = if is_outline {
        let full = data::load(&sources).unwrap();
        drop(app);
        drop(first);
        full
    } else {
        drop(app);
        first
    };
    drop(sources);
    let app = App::new(&data, Keymap::default(), pages::UNICODE, SCREEN);
    ui::render(&mut buf, SCREEN, &app, &data, &theme);
    println!("loaded_rss {}", status_kb("VmRSS"));
    let index = SearchIndex::build(&data);
    black_box(&index);
    println!("peak {}", status_kb("VmHWM"));
    println!("steady_rss {}", status_kb("VmRSS"));
}

fn status_kb(key: &str) -> u64 {
    let status = fs::read_to_string("/proc/self/status").expect("/proc/self/status (Linux)");
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {key} in /proc/self/status"))
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("serialisable")
}
