//! `geolens view matrix|outlook|timeline`: the numbers the explorer's views draw, as a text table
//! or as JSON, from the same `find` functions the views call.

use super::{Output, safe_json};
use crate::data::Store;
use crate::data::Target;
use crate::find::Filter;
use crate::find::flows::{self, Tally};
use crate::find::geo::{Geo, Grain};
use crate::find::outlook::{self, COLUMNS, ROWS};
use crate::find::timeline::{self, Groups, Period};
use crate::text::sanitize;

/// What `view` was asked for, beyond the filters.
#[derive(Debug, Clone, Default)]
pub struct ViewArgs {
    /// matrix: region or country; timeline: all, region or theme.
    pub by: Option<String>,
    /// timeline: month or quarter.
    pub period: Option<String>,
    /// matrix: show the counts weighted by likelihood in the text table.
    pub weighted: bool,
    pub json: bool,
}

pub fn view(
    data: &dyn Store,
    name: &str,
    args: &ViewArgs,
    filter: &Filter,
) -> Result<Output, String> {
    let geo = Geo::new(data);
    match name {
        "matrix" => {
            let grain = Grain::parse(args.by.as_deref().unwrap_or("region"))?;
            let m = flows::matrix(data, &geo, filter, grain);
            let found = m.total.count > 0;
            if args.json {
                return Ok(out(safe_json(&m.json(data)), found));
            }
            Ok(out(matrix_text(data, &m, args.weighted), found))
        }
        "outlook" => {
            let o = outlook::outlook(data, filter);
            let found = o.total.count > 0;
            if args.json {
                return Ok(out(safe_json(&o.json()), found));
            }
            Ok(out(outlook_text(&o), found))
        }
        "timeline" => {
            let groups = Groups::parse(args.by.as_deref().unwrap_or("all"))?;
            let period = Period::parse(args.period.as_deref().unwrap_or("quarter"))?;
            let span = timeline::span(data);
            let t = timeline::timeline(data, &geo, filter, span, period, groups);
            let found = t.total > 0;
            if args.json {
                return Ok(out(safe_json(&t.json(data)), found));
            }
            Ok(out(timeline_text(data, &t), found))
        }
        "map" => Err("the map has no numbers to print: use `geolens snapshot --view map`".into()),
        other => Err(format!(
            "unknown view {:?}: use matrix, outlook or timeline",
            sanitize(other)
        )),
    }
}

fn out(stdout: String, found: bool) -> Output {
    Output::new(stdout, found)
}

fn figure(t: Tally, weighted: bool) -> String {
    if weighted {
        format!("{:.1}", t.weight)
    } else {
        t.count.to_string()
    }
}

fn matrix_text(data: &dyn Store, m: &flows::Matrix, weighted: bool) -> String {
    let names: Vec<String> = m
        .areas
        .iter()
        .enumerate()
        .map(|(i, &p)| format!("{:>2} {}", i + 1, sanitize(&data.name(Target::Place(p)))))
        .collect();
    let label = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    let width = m
        .cells
        .iter()
        .map(|(_, t)| t)
        .chain(&m.rows)
        .chain(&m.columns)
        .map(|&t| figure(t, weighted).len())
        .max()
        .unwrap_or(1)
        .max(3);
    let what = if weighted {
        "implications weighted by likelihood"
    } else {
        "implications"
    };
    let mut s = format!(
        "Flow matrix by {}: {} {what}, from the row to the column; the totals count each once\n",
        m.grain.name(),
        figure(m.total, weighted)
    );
    s.push_str(&format!("{:label$}", ""));
    for i in 0..m.areas.len() {
        s.push_str(&format!(" {:>width$}", i + 1));
    }
    s.push_str(&format!(" {:>width$}\n", "from"));
    for (r, name) in names.iter().enumerate() {
        s.push_str(&format!("{name:label$}"));
        for c in 0..m.areas.len() {
            let t = m.cell(r, c);
            let cell = if t.count == 0 {
                ".".to_owned()
            } else {
                figure(t, weighted)
            };
            s.push_str(&format!(" {cell:>width$}"));
        }
        s.push_str(&format!(" {:>width$}\n", figure(m.rows[r], weighted)));
    }
    s.push_str(&format!("{:label$}", "to"));
    for c in 0..m.areas.len() {
        s.push_str(&format!(" {:>width$}", figure(m.columns[c], weighted)));
    }
    s.push_str(&format!(" {:>width$}\n", figure(m.total, weighted)));
    if m.unplaced > 0 {
        s.push_str(&format!(
            "{} implications left out: an end names no place and no actor with a country\n",
            m.unplaced
        ));
    }
    s
}

fn outlook_text(o: &outlook::Outlook) -> String {
    let mut s = String::from("Outlook: implications by likelihood and horizon\n");
    s.push_str(&format!("{:20}", ""));
    for h in COLUMNS {
        s.push_str(&format!(" {:>7}", h.as_str()));
    }
    s.push_str(&format!(" {:>7}\n", "all"));
    for (r, l) in ROWS.iter().enumerate() {
        s.push_str(&format!("{:20}", l.words()));
        for c in 0..COLUMNS.len() {
            s.push_str(&format!(" {:>7}", o.cell(r, c).count));
        }
        s.push_str(&format!(" {:>7}\n", o.rows[r].count));
    }
    s.push_str(&format!("{:20}", "all"));
    for t in &o.columns {
        s.push_str(&format!(" {:>7}", t.count));
    }
    s.push_str(&format!(" {:>7}\n", o.total.count));
    s
}

fn timeline_text(data: &dyn Store, t: &timeline::Timeline) -> String {
    let mut s = format!(
        "Timeline: {} analyses by {}{}\n",
        t.total,
        t.period.name(),
        match t.groups_by {
            Groups::All => String::new(),
            by => format!(", by {}", by.name()),
        }
    );
    let names: Vec<String> = t
        .groups
        .iter()
        .map(|g| sanitize(&g.label(data)).into_owned())
        .collect();
    for p in 0..t.periods {
        s.push_str(&format!("{:8} {:>4}", t.label(p), t.totals[p]));
        if t.groups_by != Groups::All {
            let parts: Vec<String> = names
                .iter()
                .enumerate()
                .filter(|&(g, _)| t.count(g, p) > 0)
                .map(|(g, name)| format!("{name} {}", t.count(g, p)))
                .collect();
            if !parts.is_empty() {
                s.push_str(&format!("  {}", parts.join(", ")));
            }
        }
        s.push('\n');
    }
    s
}
