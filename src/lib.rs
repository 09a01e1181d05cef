//! geolens: a terminal explorer for geopolitical deep-dive analyses.
//!
//! The pipeline is one-way: terminal event → [`keys::Key`] → [`app::action::Action`] (through the
//! keymap) → [`app::App::update`] → [`ui::render`] (a pure function of the state).
//!
//! - [`data`]: the dataset format, loading, validation and indexes. No terminal code.
//! - [`find`]: search, facets and sort orders, shared by the explorer and the command line.
//! - [`doc`]: the page model: styled lines, some of them links, and their wrapping into rows.
//! - [`pages`]: what each kind of entity looks like, as a list row and as a detail page.
//! - [`app`]: the explorer's state, the keymap, history, and `update`.
//! - [`layout`]: where the panes go for a given terminal size (pure).
//! - [`ui`]: drawing, with a semantic theme.
//! - [`frames`]: each frame as one write in synchronized-output markers; unchanged, nothing.
//! - [`terminal`]: owning the real terminal: raw mode, restore on every exit path, signals.
//! - [`input`]: reading the keyboard: our own tty reader and a decoder that no byte stream can
//!   stall or trap (crossterm's reader does both: crossterm-rs/crossterm#1057, #1060).
//! - [`oom`]: running out of memory ends with one clear line and exit 2, the terminal restored.
//! - [`cli`]: `geolens search`, `list` and `show` for scripts, as text or JSON.
//! - [`disk`]: writing files safely (atomic replace, locks) under the XDG directories.
//! - [`config`]: the user's config file (keys, colours, ASCII, mouse) and the environment.
//! - [`snapshot`]: the explorer on a virtual terminal, for `geolens snapshot` and tests.
//! - [`tools`]: tooling, not the product: the synthetic datasets of `geolens generate`.
//! - [`keys`]: key notation (`<C-c>`, `<S-Tab>`), shared by the keymap, snapshots and tests.
//! - [`text`]: neutralising control and bidi characters before text reaches a terminal.

pub mod app;
pub mod cli;
pub mod config;
pub mod data;
pub mod disk;
pub mod doc;
pub mod find;
pub mod frames;
pub mod input;
pub mod keys;
pub mod layout;
pub mod oom;
pub mod pages;
pub mod snapshot;
pub mod store;
pub mod terminal;
pub mod text;
pub mod tools;
pub mod ui;
