//! The explorer on a virtual terminal: feed keys, print the screen as text. Serves
//! `geolens snapshot`, the README's screenshots, bug reports and the tests, and runs exactly the
//! code the real terminal runs, from key lookup to drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::app::action::Action;
use crate::app::keymap::Keymap;
use crate::data::Store;
use crate::find::{self, SearchIndex};
use crate::keys::Key;
use crate::pages::Glyphs;
use crate::ui::{self, Theme};

/// A headless explorer: an app plus the size of its imaginary terminal. Searches run inline, to
/// completion, after each key: a snapshot shows the results the terminal would show once they
/// arrive.
pub struct Headless<'a> {
    pub data: &'a dyn Store,
    pub app: App,
    pub theme: Theme,
    index: std::cell::OnceCell<std::borrow::Cow<'a, SearchIndex>>,
}

impl<'a> Headless<'a> {
    pub fn new(data: &'a dyn Store, width: u16, height: u16) -> Headless<'a> {
        Headless::with_glyphs(data, width, height, crate::pages::UNICODE)
    }

    pub fn with_glyphs(
        data: &'a dyn Store,
        width: u16,
        height: u16,
        glyphs: Glyphs,
    ) -> Headless<'a> {
        let app = App::new(
            data,
            Keymap::default(),
            glyphs,
            Rect::new(0, 0, width, height),
        );
        let theme = if glyphs.ascii {
            Theme::mono().ascii()
        } else {
            Theme::mono()
        };
        Headless {
            data,
            app,
            theme,
            index: std::cell::OnceCell::new(),
        }
    }

    pub fn press(&mut self, keys: &[Key]) -> &mut Self {
        for &key in keys {
            self.app.handle_key(self.data, key);
            if let Some(request) = self.app.search_request.take() {
                let index = self.index.get_or_init(|| SearchIndex::for_store(self.data));
                let results = find::search(
                    index,
                    self.data,
                    &request.query,
                    &request.filter,
                    find::search::PER_GROUP,
                );
                self.app
                    .search_results(self.data, request.generation, results);
            }
        }
        self
    }

    pub fn resize(&mut self, width: u16, height: u16) -> &mut Self {
        self.app.update(self.data, Action::Resize(width, height));
        self
    }

    pub fn render(&self) -> Buffer {
        let area = self.app.size;
        let mut buf = Buffer::empty(area);
        ui::render(&mut buf, area, &self.app, self.data, &self.theme);
        buf
    }

    pub fn text(&self) -> String {
        to_text(&self.render())
    }
}

/// The buffer as plain text, one line per row, trailing spaces trimmed. A wide character fills two
/// cells; the hidden second cell is skipped so the text reads as the screen does.
pub fn to_text(buf: &Buffer) -> String {
    let width = buf.area.width as usize;
    let mut out = String::new();
    for y in 0..buf.area.height as usize {
        let row = &buf.content[y * width..(y + 1) * width];
        let mut line = String::new();
        let mut skip = 0;
        for cell in row {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = cell.symbol();
            line.push_str(symbol);
            skip = symbol.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
