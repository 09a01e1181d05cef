//! Hostile data: datasets whose every prose field carries control characters, escape sequences
//! (window title, OSC 52 clipboard, hyperlinks, screen clear, cursor moves, DCS), bidi and
//! zero-width characters, wide scripts, a 10,000-character word or a 1 MB string. Each must load,
//! and every screen must draw at 80x24 and 20x5 with nothing reaching the terminal but ratatui's own
//! cursor and colour sequences: the frames go through ratatui's real CrosstermBackend into memory
//! and the bytes are parsed as a terminal parses them. The command line is held to plain text.
//! Under tmux, the real binary on such a dataset leaves the pane title and the clipboard alone.

mod common;
#[path = "common/hostile_data.rs"]
mod hostile_data;
#[path = "common/temp.rs"]
mod temp;
#[path = "common/tmux.rs"]
mod tmux;
#[path = "common/wire.rs"]
mod wire;

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};
use std::rc::Rc;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode};
use geolens::cli;
use geolens::data::{self, Dataset, Sources};
use geolens::data::{ActorIx, AnalysisIx, ListKind, Target};
use geolens::find::{Filter, SearchIndex, Sort};
use geolens::frames::{self, FrameBackend, FrameTerminal};
use geolens::keys::{Key, parse_keys};
use geolens::pages;
use geolens::snapshot::{Headless, to_text};
use geolens::text::is_unsafe;
use geolens::ui::Theme;
use hostile_data::{Payload, Scope};
use ratatui::Terminal;
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};
use temp::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_geolens");

fn payload(name: &str) -> Payload {
    hostile_data::payloads()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap()
}

fn load(dir: &Path) -> Dataset {
    let sources = Sources::from_dir(dir).expect("readable");
    data::load(&sources).unwrap_or_else(|p| panic!("a hostile dataset must load:\n{p}"))
}

/// What the user does: a key, or a paste (bracketed, so it arrives as one event).
enum Step {
    Key(Key),
    Paste(String),
}

/// One leg of the tour. `page` says that its last step opens an item's page, which must then
/// show the payload.
struct Visit {
    what: String,
    steps: Vec<Step>,
    page: bool,
}

fn visit(keys: impl Into<String>, page: bool) -> Visit {
    let what = keys.into();
    Visit {
        steps: self::keys(&what),
        what,
        page,
    }
}

fn keys(script: &str) -> Vec<Step> {
    parse_keys(script)
        .unwrap()
        .into_iter()
        .map(Step::Key)
        .collect()
}

/// A walk in one session that shows every list, every item's page (top, one page down, the
/// end), the help, the search box with results and with the payload pasted in, the filter panel
/// on every facet, a sorted list and the chips of an active filter. Each leg leaves the screen
/// without an overlay, so the next starts from a list.
fn tour(d: &Dataset, paste: &str) -> Vec<Visit> {
    let mut visits = Vec::new();
    let counts = [
        d.analyses.len(),
        d.actors.len(),
        d.themes.len(),
        d.implications.len(),
        d.places.len(),
    ];
    // `h` first: in the detail pane digits are a count, in a list they pick the list.
    for (pane, n) in counts.into_iter().enumerate() {
        visits.push(visit(format!("h {}", pane + 1), false));
        for row in 0..n {
            visits.push(visit(
                format!("h {} g {}<Enter>", pane + 1, "j ".repeat(row)),
                true,
            ));
            visits.push(visit("<PgDn> G", false));
        }
    }
    for keys in [
        "? G ?",
        "/kazakh <Esc>",
        "/kazakh <Down> <Down> <Enter>",
        "/kazakh <Enter> n n N",
    ] {
        visits.push(visit(keys, false));
    }
    for facet in 0..geolens::find::Facet::ALL.len() {
        visits.push(visit(
            format!("f {}<Tab> G <Esc>", "j ".repeat(facet)),
            false,
        ));
    }
    // The first 4,000 characters: each pasted character re-parses the whole query (quadratic),
    // so a megabyte would take minutes. That is the search box's cost, not hostile text's.
    let mut pasted = visit("/", false);
    pasted.what = "/, a paste, <Down> <Esc>".to_owned();
    pasted
        .steps
        .push(Step::Paste(paste.chars().take(4000).collect()));
    pasted.steps.extend(keys("<Down> <Esc>"));
    visits.push(pasted);
    visits.push(visit("2 s", false));
    visits.push(visit("f j j <Tab> <Space> <Esc>", false));
    visits.extend(dossier_tour(&counts, paste));
    visits
}

/// The dossier on hostile text: every item bookmarked (their titles are the data's), the
/// Bookmarks list, the payload as a note in the box and under the list, and as the name of a
/// view (refused or kept, it is drawn either way), the saved views.
fn dossier_tour(counts: &[usize], paste: &str) -> Vec<Visit> {
    let mut visits = Vec::new();
    for (pane, &n) in counts.iter().enumerate() {
        visits.push(visit(
            format!("h {} g {}", pane + 1, "b j ".repeat(n)),
            false,
        ));
    }
    visits.push(visit("B G g j", false));
    let pasted: String = paste.chars().take(4000).collect();
    let mut note = visit("B g a", false);
    note.what = "B g a, a paste, <Esc>".to_owned();
    note.steps.push(Step::Paste(pasted.clone()));
    note.steps.extend(keys("<Esc> j k"));
    visits.push(note);
    let mut name = visit("w", false);
    name.what = "w, a paste, <Enter> <Esc>".to_owned();
    name.steps.push(Step::Paste(pasted));
    name.steps.extend(keys("<Enter> <Esc> ' <Esc>"));
    visits.push(name);
    visits.push(visit("B h 1", false));
    visits
}

/// What `y` and `|` hand to the runner from every page of a hostile dataset: plain lines, and
/// the clipboard sequence base64 alone between its fixed ends.
fn check_copy_and_pager(d: &Dataset, p: &Payload) {
    use geolens::app::dossier::Request;
    let mut h = Headless::new(d, 80, 24);
    h.app.shelf.copy = true;
    let mut targets: Vec<Target> = Vec::new();
    targets.extend((0..d.analyses.len() as u32).map(|i| Target::Analysis(AnalysisIx(i))));
    targets.extend((0..d.actors.len() as u32).map(|i| Target::Actor(ActorIx(i))));
    for target in targets {
        h.app.open(d, target);
        for key in ["y", "|"] {
            h.press(&parse_keys(key).unwrap());
            let text = match h.app.shelf.request.take() {
                Some(Request::Clipboard { text, .. }) => {
                    let osc = geolens::outside::osc52(&text);
                    let body = osc
                        .strip_prefix("\x1b]52;c;")
                        .and_then(|b| b.strip_suffix('\x07'))
                        .expect("one OSC 52 sequence");
                    assert!(
                        body.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)),
                        "{}: only base64 inside the sequence",
                        p.name
                    );
                    text
                }
                Some(Request::Pager { text }) => text,
                // Too long for OSC 52: said on the status line, nothing sent.
                None if key == "y"
                    && h.app
                        .message
                        .as_deref()
                        .is_some_and(|m| m.contains("more than terminals take")) =>
                {
                    continue;
                }
                other => panic!("{}: {key} on {target:?}: {other:?}", p.name),
            };
            let bad = wire::text_violations(text.as_bytes());
            assert!(bad.is_empty(), "{} {key} on {target:?}: {bad:#?}", p.name);
        }
    }
}

/// The explorer drawn as the terminal loop draws it, through ratatui's CrosstermBackend and the
/// frame writer, into memory instead of a terminal.
struct Session<'d> {
    h: Headless<'d>,
    term: FrameTerminal<Wire>,
    wire: Wire,
    theme: Theme,
}

impl<'d> Session<'d> {
    fn new(d: &'d Dataset, width: u16, height: u16) -> Session<'d> {
        let wire = Wire::default();
        let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
        let term = Terminal::with_options(
            FrameBackend::new(wire.clone()),
            TerminalOptions { viewport },
        )
        .unwrap();
        let mut s = Session {
            h: Headless::new(d, width, height),
            term,
            wire,
            theme: Theme::color(),
        };
        s.draw();
        s
    }

    fn draw(&mut self) {
        frames::draw(&mut self.term, &self.h.app, self.h.data, &self.theme).unwrap();
    }

    fn step(&mut self, step: &Step) {
        match step {
            Step::Key(key) => {
                self.h.press(&[*key]);
            }
            Step::Paste(text) => {
                self.h
                    .app
                    .handle_event(self.h.data, &Event::Paste(text.clone()));
            }
        }
        self.draw();
    }

    /// The bytes written since the last call.
    fn take_bytes(&mut self) -> Vec<u8> {
        self.wire.0.take()
    }

    fn text(&self) -> String {
        to_text(&self.h.render())
    }
}

/// What the backend writes, kept where the test can read it back (the backend's own accessor is
/// unstable in ratatui 0.30).
#[derive(Clone, Default)]
struct Wire(Rc<RefCell<Vec<u8>>>);

impl Write for Wire {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The whole check for one payload: load; the tour at both sizes, with the bytes of every frame
/// checked and every screen free of unsafe characters; the payload visible where it was put; and
/// the command line's output plain.
fn check(name: &str) {
    let p = payload(name);
    let dir = hostile_data::build(&p);
    let d = load(dir.path());
    // The data layer keeps the text as written; only what reaches a terminal is neutralised.
    let actor = d.actor_ix(hostile_data::HOSTILE_ACTOR).unwrap();
    assert!(d.actor(actor).name.starts_with(&p.text));

    let visits = tour(&d, &p.text);
    for (width, height) in [(80, 24), (20, 5)] {
        let mut s = Session::new(&d, width, height);
        let mut pages = HashSet::new();
        for v in &visits {
            let what = format!("{name} at {width}x{height}, {:?}", v.what);
            for step in &v.steps {
                s.step(step);
                let text = s.text();
                assert!(
                    !text.lines().flat_map(str::chars).any(is_unsafe),
                    "{what}: unsafe character on screen"
                );
            }
            let bad = wire::screen_violations(&s.take_bytes());
            assert!(bad.is_empty(), "{what}: {bad:#?}");
            if v.page {
                let target = s.h.app.detail.target.expect("a page is open");
                pages.insert(target);
                let text = s.text();
                if width == 80 && shows_payload(&d, &p, target) {
                    assert!(
                        text.contains(p.seen),
                        "{what}: {:?} not shown:\n{text}",
                        p.seen
                    );
                }
            }
        }
        let all = d.analyses.len()
            + d.actors.len()
            + d.themes.len()
            + d.implications.len()
            + d.places.len();
        assert_eq!(pages.len(), all, "the tour must open every page");
    }
    check_command_line(&d, &p, dir.path());
    check_copy_and_pager(&d, &p);
}

/// Whether the top of `target`'s page carries the payload (its title or name does).
fn shows_payload(d: &Dataset, p: &Payload, target: Target) -> bool {
    match p.scope {
        Scope::Everywhere => true,
        Scope::Few => {
            target == Target::Actor(d.actor_ix(hostile_data::HOSTILE_ACTOR).unwrap())
                || target
                    == Target::Analysis(d.analysis_ix(hostile_data::HOSTILE_ANALYSIS).unwrap())
        }
    }
}

/// Every id of the dataset, with its kind, as `geolens show` takes it.
fn all_ids(d: &Dataset) -> Vec<String> {
    let mut ids = Vec::new();
    ids.extend(d.analyses.iter().map(|a| format!("analysis:{}", a.id)));
    ids.extend(d.actors.iter().map(|a| format!("actor:{}", a.id)));
    ids.extend(d.themes.iter().map(|t| format!("theme:{}", t.id)));
    ids.extend(d.places.iter().map(|p| format!("place:{}", p.id)));
    for a in &d.analyses {
        ids.extend(
            a.implications
                .iter()
                .map(|i| format!("implication:{}/{}", a.id, i.id)),
        );
    }
    ids
}

/// `search`, `list` and `show` (text and JSON) in process on every item, then a few through the
/// binary itself: all plain text, and the JSON gives back the data exactly as written.
fn check_command_line(d: &Dataset, p: &Payload, dir: &Path) {
    let index = SearchIndex::build(d);
    let mut outputs = Vec::new();
    for json in [false, true] {
        for query in ["kazakh", "government", "energy"] {
            outputs.push((
                format!("search {query} json={json}"),
                cli::search(d, &index, query, None, 20, json),
            ));
        }
        for kind in ListKind::ALL {
            let sort = Sort::choices(kind)[0];
            outputs.push((
                format!("list {kind:?} json={json}"),
                cli::list(d, kind, &Filter::default(), sort, false, json),
            ));
        }
        for id in all_ids(d) {
            let out = cli::show(d, &id, json, 100, &pages::UNICODE).unwrap();
            outputs.push((format!("show {id} json={json}"), out));
        }
    }
    for (what, out) in &outputs {
        assert_eq!(out.status, 0, "{what}");
        let bad = wire::text_violations(out.stdout.as_bytes());
        assert!(bad.is_empty(), "{} {what}: {bad:#?}", p.name);
    }

    let actor = d.actor(d.actor_ix(hostile_data::HOSTILE_ACTOR).unwrap());
    let shown = cli::show(
        d,
        &format!("actor:{}", actor.id),
        true,
        100,
        &pages::UNICODE,
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
    assert_eq!(
        json["entity"]["name"].as_str(),
        Some(actor.name.as_str()),
        "JSON carries the name exactly, escaped"
    );
    let page = cli::show(
        d,
        &format!("actor:{}", actor.id),
        false,
        100,
        &pages::UNICODE,
    )
    .unwrap();
    assert!(
        page.stdout.contains(p.seen),
        "show prints {:?}:\n{}",
        p.seen,
        page.stdout
    );

    let data_arg = dir.to_str().unwrap();
    for args in [
        vec!["search", "kazakh"],
        vec!["search", "kazakh", "--json"],
        vec!["list", "actors"],
        vec!["list", "analyses", "--json"],
        vec!["show", "actor:kz-gov"],
        vec!["show", "kz-uk-2024", "--json"],
        vec!["show", "kz-uk-2024/eu-supply"],
    ] {
        let o = Command::new(BIN)
            .args(["--data", data_arg])
            .args(&args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {o:?}");
        for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
            let bad = wire::text_violations(bytes);
            assert!(bad.is_empty(), "{} {args:?} {stream}: {bad:#?}", p.name);
        }
        assert!(!o.stdout.is_empty(), "{args:?} printed nothing");
    }
}

macro_rules! payload_tests {
    ($($test:ident: $name:expr;)+) => {$(
        #[test]
        fn $test() {
            check($name);
        }
    )+};
}

payload_tests! {
    escape_sequences_stay_text: "escapes";
    every_c0_control_is_shown_not_executed: "c0";
    every_c1_control_is_shown_not_executed: "c1";
    del_and_nul_are_shown: "del-nul";
    bidi_overrides_and_isolates_cannot_reorder_the_screen: "bidi";
    zero_width_characters_are_harmless: "zero-width";
    cjk_emoji_combining_marks_and_rtl_names_draw: "scripts";
    a_ten_thousand_character_word_is_cut_to_fit: "long-word";
    a_one_megabyte_string_draws: "huge";
}

#[test]
fn a_terminal_too_small_to_draw_does_not_wrap_a_page_into_a_million_rows() {
    // Found by the 1 MB string: a page was wrapped to the width of a pane that was not there,
    // one row per character (744 MB and 2.5 s per page opened at 20x5, and at every start-up).
    // The page holds the text twice, as title and summary: two million rows before the fix.
    let p = payload("huge");
    let dir = hostile_data::build(&p);
    let d = load(dir.path());
    let huge = Target::Analysis(d.analysis_ix(hostile_data::HOSTILE_ANALYSIS).unwrap());
    for (width, height) in [(0, 0), (20, 5), (5, 20)] {
        let mut h = Headless::new(&d, width, height);
        h.app.open(&d, huge);
        let rows = h.app.detail.rows.len();
        assert!(
            rows < p.text.len() / 2,
            "{rows} rows for a page of {} bytes at {width}x{height}",
            p.text.len()
        );
    }
}

#[test]
fn every_payload_has_a_test() {
    let source = include_str!("hostile.rs");
    for p in hostile_data::payloads() {
        assert!(
            source.contains(&format!(": \"{}\";", p.name)),
            "payload {} is never checked",
            p.name
        );
    }
}

/// The checker must catch each attack, or the tests above prove nothing.
#[test]
fn the_wire_check_catches_every_attack() {
    let attacks: Vec<(&str, String)> = vec![
        ("window title", hostile_data::TITLE_ATTACK.to_owned()),
        ("whole escape corpus", hostile_data::escapes()),
        ("OSC 52", "\x1b]52;c;UFdORUQ=\x07".to_owned()),
        (
            "OSC 8",
            "\x1b]8;;https://x/\x1b\\x\x1b]8;;\x1b\\".to_owned(),
        ),
        ("screen clear", "\x1b[2J".to_owned()),
        ("line clear", "\x1b[K".to_owned()),
        ("cursor up", "\x1b[5A".to_owned()),
        ("alternate screen off", "\x1b[?1049l".to_owned()),
        ("DCS", "\x1bP1$qm\x1b\\".to_owned()),
        ("APC", "\x1b_apc\x1b\\".to_owned()),
        ("PM", "\x1b^pm\x1b\\".to_owned()),
        ("SOS", "\x1bXsos\x1b\\".to_owned()),
        ("reset", "\x1bc".to_owned()),
        ("C1 CSI", "\u{9b}2J".to_owned()),
        ("C1 next line", "x\u{85}".to_owned()),
        ("BEL", "\x07".to_owned()),
        ("backspace", "ab\x08".to_owned()),
        ("carriage return", "a\rb".to_owned()),
        ("RLO", "\u{202E}txt.exe".to_owned()),
        ("DEL", "\x7f".to_owned()),
    ];
    for (what, attack) in &attacks {
        let framed = format!("\x1b[1;1Hok{attack}\x1b[0m");
        assert!(
            !wire::screen_violations(framed.as_bytes()).is_empty(),
            "screen check misses {what}"
        );
        assert!(
            !wire::text_violations(attack.as_bytes()).is_empty(),
            "text check misses {what}"
        );
    }
    assert!(
        !wire::screen_violations(b"\x1b[1;1H\xff").is_empty(),
        "invalid UTF-8"
    );
    assert!(
        wire::screen_violations(
            "\x1b[?25l\x1b[3;7H\x1b[1;31mKazakhstan 中华 ␛\x1b[0m\x1b[?25h".as_bytes()
        )
        .is_empty(),
        "a frame's own sequences pass"
    );
    assert!(wire::text_violations("one ␛]0;x␇\ntwo\n".as_bytes()).is_empty());
}

#[test]
fn a_frame_of_the_bundled_data_passes_the_wire_check() {
    // The allowed set is what ratatui really emits: if it started emitting more, this says so.
    let d = common::bundled();
    let mut s = Session::new(&d, 120, 40);
    for script in ["", "<Enter>", "? G ?", "/kazakh <Esc>", "f j <Tab>"] {
        keys(script).iter().for_each(|step| s.step(step));
        let bytes = s.take_bytes();
        assert_eq!(
            wire::screen_violations(&bytes),
            Vec::<String>::new(),
            "{script}"
        );
        let ops = wire::ops(&bytes);
        assert!(
            ops.iter()
                .any(|op| matches!(op, wire::Op::Csi { action: 'm', .. }))
        );
    }
}

#[test]
fn hostile_ids_are_refused_with_a_clear_sanitized_error() {
    // An id has a syntax, so there the text is refused rather than shown.
    let src = TempDir::new("hostile-ids");
    let mini = common::fixture_dir("mini");
    for name in ["places.json", "themes.json", "analyses/cpc-2022.json"] {
        std::fs::create_dir_all(src.path().join("analyses")).unwrap();
        std::fs::copy(mini.join(name), src.path().join(name)).unwrap();
    }
    let actors = std::fs::read_to_string(mini.join("actors.json"))
        .unwrap()
        .replace("\"ru-gov\"", "\"ru\\u001b]0;PWNED\\u0007\\u202egov\"");
    std::fs::write(src.path().join("actors.json"), actors).unwrap();
    let problems = data::load(&Sources::from_dir(src.path()).unwrap()).unwrap_err();
    assert_eq!(
        problems.0[0].to_string(),
        "actors.json:4:10: [2].id: invalid id \"ru\\u{1b}]0;PWNED\\u{7}\\u{202e}gov\": \
         use lower-case letters, digits and single hyphens (e.g. \"kz-uk-2024\")"
    );

    let o = Command::new(BIN)
        .args(["check", "--data", src.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(wire::text_violations(&o.stderr), Vec::<String>::new());
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "{}/actors.json:4:10: [2].id: invalid id \"ru\\u{{1b}}]0;PWNED\\u{{7}}\\u{{202e}}gov\"",
            src.path().display()
        )),
        "{stderr}"
    );
}

// ---- Under tmux: the real binary, a real terminal emulator, its title and clipboard. ----

/// A tmux server of our own that lets programs set the clipboard (OSC 52, into its paste buffers)
/// and rename the window, as a user's might. Its socket lives in its own directory, removed with
/// it: tmux leaves the socket file behind when the server is killed.
struct Tmux {
    dir: TempDir,
}

impl Tmux {
    fn start(name: &str, width: u16, height: u16, command: &str) -> Tmux {
        let dir = TempDir::new(&format!("tmux-{name}"));
        std::fs::write(
            dir.path().join("tmux.conf"),
            "set -s escape-time 0\nset -g set-clipboard on\n\
             set -g allow-rename on\nset -g automatic-rename off\n",
        )
        .unwrap();
        // A state directory of its own: no session or bookmark of the machine's user (or of
        // the test before) changes the screens compared.
        let state = dir.path().join("state").display().to_string();
        let t = Tmux { dir };
        let script =
            format!("XDG_STATE_HOME='{state}' {command}; echo \"exited with $?\"; exec sleep 600");
        let (w, h) = (width.to_string(), height.to_string());
        let o = t.run(&[
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            &w,
            "-y",
            &h,
            "sh",
            "-c",
            &script,
        ]);
        assert!(
            o.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        t
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-S")
            .arg(self.dir.path().join("socket"))
            .arg("-f")
            .arg(self.dir.path().join("tmux.conf"))
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn display(&self, format: &str) -> String {
        let o = self.run(&["display-message", "-p", "-t", "main", format]);
        String::from_utf8_lossy(&o.stdout)
            .trim_end_matches('\n')
            .to_owned()
    }

    /// The paste buffers' contents, newest first.
    fn buffers(&self) -> Vec<String> {
        let o = self.run(&["list-buffers", "-F", "#{buffer_name}"]);
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|name| {
                let o = self.run(&["show-buffer", "-b", name]);
                String::from_utf8_lossy(&o.stdout).into_owned()
            })
            .collect()
    }

    fn capture(&self) -> String {
        let o = self.run(&["capture-pane", "-p", "-t", "main"]);
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| l.trim_end().to_owned() + "\n")
            .collect()
    }

    /// Waits (up to 10 s) until `ok` holds; returns the last screen either way.
    fn wait_for(&self, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if ok(&screen) || start.elapsed() > Duration::from_secs(10) {
                return screen;
            }
            sleep(Duration::from_millis(25));
        }
    }

    fn send(&self, keys: &[Key]) {
        for key in keys {
            let name = match key.code {
                KeyCode::Char(c) => {
                    self.run(&["send-keys", "-t", "main", "-l", &c.to_string()]);
                    continue;
                }
                KeyCode::Enter => "Enter",
                KeyCode::Esc => "Escape",
                KeyCode::Tab => "Tab",
                KeyCode::Backspace => "BSpace",
                KeyCode::Down => "Down",
                KeyCode::PageDown => "NPage",
                other => panic!("no tmux name for {other:?}"),
            };
            self.run(&["send-keys", "-t", "main", name]);
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// Proof that the tmux checks below can fail: the same attacks, printed raw, do retitle the pane,
/// rename the window and fill a paste buffer in this tmux set-up.
#[test]
fn under_tmux_a_raw_attack_is_seen_by_the_checks() {
    if !tmux::tmux_available() {
        return;
    }
    let attack = hostile_data::visible_attacks();
    let t = Tmux::start("control", 80, 24, &format!("printf '%s' '{attack}'"));
    t.wait_for(|s| s.contains("exited with"));
    let start = Instant::now();
    while t.buffers().is_empty() && start.elapsed() < Duration::from_secs(5) {
        sleep(Duration::from_millis(25));
    }
    assert_eq!(t.display("#{pane_title}"), "PWNED-TITLE");
    assert_eq!(t.display("#{window_name}"), hostile_data::WINDOW_NAME);
    assert!(
        t.buffers()
            .contains(&hostile_data::CLIPBOARD_PAYLOAD.to_owned()),
        "{:?}",
        t.buffers()
    );
}

#[test]
fn under_tmux_hostile_pages_leave_title_window_name_and_clipboard_alone() {
    under_tmux_the_screen_is_the_model("escapes");
}

/// Wide scripts, emoji sequences joined by U+200D, combining marks: tmux must lay out each cell
/// where the model put it (a width disagreement doubles a border or leaves stale cells).
#[test]
fn under_tmux_wide_scripts_and_emoji_sequences_sit_where_the_model_puts_them() {
    under_tmux_the_screen_is_the_model("scripts");
}

/// Zero-width characters, a lone U+200D among them, take no cell under tmux either.
#[test]
fn under_tmux_zero_width_characters_take_no_cell() {
    under_tmux_the_screen_is_the_model("zero-width");
}

/// Every screen with the payload in it, through the real binary in tmux, must be exactly what
/// the model draws; and nothing may retitle, rename or reach the clipboard.
fn under_tmux_the_screen_is_the_model(name: &str) {
    if !tmux::tmux_available() {
        return;
    }
    let p = payload(name);
    let dir = hostile_data::build(&p);
    let d = load(dir.path());
    let (w, h) = (80, 24);
    let t = Tmux::start(
        &format!("pages-{name}"),
        w,
        h,
        &format!("'{BIN}' --data '{}'", dir.path().display()),
    );
    let mut model = Headless::new(&d, w, h);
    let title = t.display("#{pane_title}");
    let window = t.display("#{window_name}");

    let mut step = |keys: &str| {
        let keys = parse_keys(keys).unwrap();
        model.press(&keys);
        t.send(&keys);
        let expected = model.text();
        let screen = t.wait_for(|s| s == expected);
        assert_eq!(screen, expected, "the terminal shows what the model draws");
    };
    // Every screen with hostile text: each list and page, the help, search and the filter panel.
    step("");
    for keys in [
        "<Enter>",
        "<PgDn>",
        "2",
        "<Enter>",
        "3",
        "<Enter>",
        "4",
        "<Enter>",
        "5",
        "<Enter>",
        "/kazakh",
        "<Down>",
        "<Enter>",
        "f",
        "j j <Tab>",
        "<Space> <Esc>",
        "?",
        "<Esc>",
    ] {
        step(keys);
    }
    assert!(
        model.text().contains(p.seen),
        "the hostile text was on screen"
    );
    assert_eq!(t.display("#{pane_title}"), title, "the pane title changed");
    assert_eq!(
        t.display("#{window_name}"),
        window,
        "the window was renamed"
    );
    assert_eq!(
        t.buffers(),
        Vec::<String>::new(),
        "something reached the clipboard"
    );

    t.send(&parse_keys("q").unwrap());
    let screen = t.wait_for(|s| s.contains("exited with"));
    assert!(screen.contains("exited with 0"), "{screen}");
    assert_eq!(t.display("#{pane_title}"), title);
    assert_eq!(t.buffers(), Vec::<String>::new());
}

/// A bookmarks file edited by hand (or by something hostile): escape sequences in the title,
/// the note, the dates and the id of a bookmark. The Bookmarks list, the note under it, the
/// note box, the status line and what `y` copies all stay text.
#[test]
fn hostile_bookmarks_and_notes_from_the_state_file_stay_text() {
    use geolens::app::dossier::{Request, Shelf};
    use geolens::state::bookmarks::{Bookmark, Bookmarks, Kind};
    use geolens::state::{Dossier, Notices, file};
    let attack = format!(
        "{}{}\u{9b}2J\u{202e}x",
        hostile_data::TITLE_ATTACK,
        hostile_data::escapes()
    );
    let mark = |id: &str| Bookmark {
        kind: Kind::Analysis,
        id: id.to_owned(),
        title: format!("{attack} title"),
        added: format!("{attack}2025-01-01T00:00:00Z"),
        note: format!("{attack}\nsecond {attack}"),
        noted: Some(attack.clone()),
    };
    let b = Bookmarks {
        bookmarks: vec![mark("kz-uk-2024"), mark(&format!("gone{attack}"))],
        ..Bookmarks::default()
    };
    let state = TempDir::new("hostile-state");
    std::fs::write(state.path().join("bookmarks.json"), file::to_text(&b)).unwrap();
    let d = common::fixture("mini");
    for (width, height) in [(80, 24), (20, 5), (120, 40)] {
        let mut s = Session::new(&d, width, height);
        let notices = Notices::default();
        let mut shelf = Shelf::new(Dossier::open(Some(state.path()), &notices));
        shelf.copy = true;
        s.h.app.attach(&d, shelf);
        assert_eq!(s.h.app.shelf.len(), 2, "the file is read as written");
        for script in [
            "B", "j", "y", "k", "y", "a", "<End> x", "<Esc>", "l y", "h j a",
        ] {
            for step in keys(script) {
                s.step(&step);
                let what = format!("{width}x{height}, {script}");
                assert!(
                    !s.text().lines().flat_map(str::chars).any(is_unsafe),
                    "{what}: unsafe character on screen"
                );
                let bad = wire::screen_violations(&s.take_bytes());
                assert!(bad.is_empty(), "{what}: {bad:#?}");
                if (width, script) == (120, "B") {
                    // Shown, neutralised: the title in the list, the note under it.
                    let text = s.text();
                    assert!(text.contains("\u{241b}]0;PWNED-TITLE"), "{what}:\n{text}");
                    assert!(
                        text.contains("]0;PWNED-TITLE]0;PWNED-TITLE"),
                        "{what}:\n{text}"
                    );
                }
                if let Some(Request::Clipboard { text, .. }) = s.h.app.shelf.request.take() {
                    let bad = wire::text_violations(text.as_bytes());
                    assert!(bad.is_empty(), "{what}: copied {bad:#?}");
                }
            }
        }
    }
}
