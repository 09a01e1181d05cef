//! The views of issue 10 (flow matrix, world map, outlook grid, timeline, the Implications
//! table): every key of every view, each measured with the frame it draws at 200x60, beside the
//! same key at the smallest size of the run. Issue 10 asks each for under 16 ms at 100,000
//! analyses.
//!
//! `GEOLENS_BENCH_ONLY=views` runs these alone (after loading each size), for whoever works on
//! the views without an hour of the rest.

use super::*;
use geolens::app::screen::Screen;
use geolens::data::{ListKind, Store};

/// The keys measured: a name, the keys that lead to the state the key is pressed in (not
/// measured), and the key.
fn cases() -> Vec<(&'static str, Vec<Action>, Action)> {
    use Action::*;
    let matrix = ShowView(Screen::Matrix);
    let map = ShowView(Screen::Map);
    let outlook = ShowView(Screen::Outlook);
    let timeline = ShowView(Screen::Timeline);
    vec![
        ("matrix_first", vec![], matrix),
        (
            "matrix_again",
            vec![matrix, ShowView(Screen::Explorer)],
            matrix,
        ),
        ("matrix_down", vec![matrix], Down),
        ("matrix_right", vec![matrix], Right),
        ("matrix_bottom", vec![matrix], Bottom),
        ("matrix_by_country", vec![matrix], Regroup),
        ("matrix_weigh", vec![matrix], Weigh),
        ("matrix_enter", vec![matrix, Bottom, Right], Open),
        ("matrix_back", vec![matrix, Bottom, Right, Open], Back),
        ("map_first", vec![], map),
        ("map_place", vec![map], Right),
        ("map_implication", vec![map], Down),
        ("map_zoom", vec![map], ZoomIn),
        ("map_enter", vec![map], Open),
        ("outlook_first", vec![], outlook),
        ("outlook_down", vec![outlook], Down),
        ("outlook_enter", vec![outlook, Down, Down], Open),
        ("timeline_first", vec![], timeline),
        ("timeline_left", vec![timeline], Left),
        ("timeline_by_region", vec![timeline], Regroup),
        ("timeline_by_month", vec![timeline], Period),
        ("timeline_enter", vec![timeline], Open),
        ("menu", vec![], ViewMenu),
        (
            "table_sort",
            vec![ShowList(ListKind::Implications)],
            CycleSort,
        ),
        (
            "table_reverse",
            vec![ShowList(ListKind::Implications)],
            ReverseSort,
        ),
        ("table_down", vec![ShowList(ListKind::Implications)], Down),
    ]
}

impl Run {
    /// The views' keys on the dataset in memory, then on its index at `index` (built here when
    /// the run has not built it yet): the explorer opens a `--data` directory on its index.
    pub(super) fn views(&mut self, fx: &Fixture, dir: &Path, index: &Path) {
        self.views_on(fx, &fx.data, "view", "in memory");
        let disk = geolens::store::open_fresh(dir, index, None).unwrap_or_else(|_| {
            geolens::store::build(dir, index, true, None, &mut |m| panic!("{m}"))
                .map(drop)
                .expect("the index is built");
            geolens::store::open_fresh(dir, index, None).expect("the index opens")
        });
        self.views_on(fx, &disk, "disk_view", "on the index");
    }

    fn views_on(&mut self, fx: &Fixture, data: &dyn Store, prefix: &str, on: &str) {
        let size = fx.size;
        let n = label(size);
        let theme = Theme::color();
        let target = self.target;
        let mut g = self.c.benchmark_group(format!("n{size}"));
        let cases = cases();
        for (name, setup, key) in &cases {
            let mut app = App::new(data, Keymap::default(), pages::UNICODE, SCREEN);
            for &a in setup {
                app.update(data, a);
            }
            let press = |mut app: App| {
                app.update(data, *key);
                let mut buf = Buffer::empty(SCREEN);
                ui::render(&mut buf, SCREEN, &app, data, &theme);
                (app, buf)
            };
            let t = Instant::now();
            black_box(press(app.clone()));
            fit(&mut g, target, t.elapsed());
            g.bench_function(format!("{prefix}_{name}"), |b| {
                b.iter_batched(|| app.clone(), press, BatchSize::LargeInput)
            });
        }
        g.finish();
        let first = self.sizes.first().copied().filter(|&s| s != size);
        for (name, _, _) in &cases {
            let id = format!("{prefix}_{name}");
            let baseline = first.map(|s| (format!("at {}", label(s)), Fig::Bench(Run::id(s, &id))));
            self.row(
                &format!("view key + frame 200x60, {on}: {}", name.replace('_', " ")),
                &n,
                Fig::Bench(Run::id(size, &id)),
                baseline.as_ref().map(|(l, f)| (l.as_str(), f.clone())),
                Goal::Time(0.016),
            );
        }
    }
}
