//! The overview's charts, drawn as inline SVG by our code (no chart library, no chart server):
//! the timeline (calls per day, stacked by outcome) and calls per service (horizontal stacked
//! bars). Each chart is an `img` for screen readers, with a summary label, a `<title>` per bar
//! for pointer users, and the same figures as a table under "Show as a table".

use crate::i18n::{format_count, Lang};
use crate::overview::{Outcomes, ServiceBar, TimelineBar};
use std::rc::Rc;
use yew::prelude::*;

const WIDTH: f64 = 720.0;
const TIMELINE_HEIGHT: f64 = 160.0;
const AXIS_HEIGHT: f64 = 18.0;
/// Room above the bars for the scale's label.
const TOP_MARGIN: f64 = 16.0;

/// The segments of a stacked bar, bottom (or left) first: (class, value).
fn segments(calls: &Outcomes) -> [(&'static str, u64); 3] {
    [("success", calls.success), ("denied", calls.denied), ("error", calls.error)]
}

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub bars: Rc<Vec<TimelineBar>>,
    pub lang: Lang,
}

#[component(TimelineChart)]
pub fn timeline_chart(props: &TimelineProps) -> Html {
    let texts = props.lang.texts();
    let bars = &props.bars;
    let (Some(first), Some(last)) = (bars.first(), bars.last()) else {
        return html! {};
    };
    let max = bars.iter().map(|bar| bar.calls.total()).max().unwrap_or(0).max(1);
    let plot_height = TIMELINE_HEIGHT - AXIS_HEIGHT;
    let slot = WIDTH / bars.len() as f64;
    let bar_width = (slot * 0.8).max(1.0);
    let range = |bar: &TimelineBar| {
        if bar.first_day == bar.last_day {
            bar.first_day.to_iso_date()
        } else {
            format!("{} – {}", bar.first_day.to_iso_date(), bar.last_day.to_iso_date())
        }
    };
    let total: Outcomes = bars.iter().fold(Outcomes::default(), |mut sum, bar| {
        sum.success += bar.calls.success;
        sum.denied += bar.calls.denied;
        sum.error += bar.calls.error;
        sum
    });
    let label = (texts.timeline_label)(&first.first_day.to_iso_date(), &last.last_day.to_iso_date(), &total);
    html! {
        <figure class="chart" id="timeline">
            <figcaption>{ texts.timeline_heading }</figcaption>
            <svg viewBox={format!("0 0 {WIDTH} {TIMELINE_HEIGHT}")} role="img" aria-label={label} preserveAspectRatio="none" class="timeline">
                { for bars.iter().enumerate().map(|(position, bar)| {
                    let x = position as f64 * slot + (slot - bar_width) / 2.0;
                    let mut y = plot_height;
                    html! {
                        <g class="bar">
                            <title>{ format!("{}: {}", range(bar), (texts.outcomes_text)(&bar.calls)) }</title>
                            { for segments(&bar.calls).into_iter().filter(|(_, value)| *value > 0).map(|(class, value)| {
                                let height = value as f64 / max as f64 * (plot_height - TOP_MARGIN);
                                y -= height;
                                html! { <rect class={class} x={format!("{x:.2}")} y={format!("{y:.2}")} width={format!("{bar_width:.2}")} height={format!("{height:.2}")} /> }
                            }) }
                        </g>
                    }
                }) }
                <line class="axis" x1="0" x2={WIDTH.to_string()} y1={plot_height.to_string()} y2={plot_height.to_string()} />
                <text class="tick" x="0" y={(TIMELINE_HEIGHT - 4.0).to_string()}>{ first.first_day.to_iso_date() }</text>
                <text class="tick" x={WIDTH.to_string()} y={(TIMELINE_HEIGHT - 4.0).to_string()} text-anchor="end">{ last.last_day.to_iso_date() }</text>
                <text class="tick" x="2" y="12">{ format!("{} {}", format_count(max), texts.calls_unit) }</text>
            </svg>
            <Legend lang={props.lang} />
            <details class="chart-table">
                <summary>{ texts.show_as_table }</summary>
                <table>
                    <thead><tr><th scope="col">{ texts.day }</th><th scope="col" class="number">{ texts.outcome_success }</th><th scope="col" class="number">{ texts.outcome_denied }</th><th scope="col" class="number">{ texts.outcome_error }</th></tr></thead>
                    <tbody>
                        { for bars.iter().map(|bar| html! {
                            <tr><th scope="row">{ range(bar) }</th><td class="number">{ format_count(bar.calls.success) }</td><td class="number">{ format_count(bar.calls.denied) }</td><td class="number">{ format_count(bar.calls.error) }</td></tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct ServiceChartProps {
    pub bars: Rc<Vec<ServiceBar>>,
    pub lang: Lang,
}

const ROW_HEIGHT: f64 = 22.0;
const LABEL_WIDTH: f64 = 150.0;
const VALUE_WIDTH: f64 = 80.0;

#[component(ServiceChart)]
pub fn service_chart(props: &ServiceChartProps) -> Html {
    let texts = props.lang.texts();
    let bars = &props.bars;
    if bars.is_empty() {
        return html! {};
    }
    let max = bars.iter().map(|bar| bar.calls.total()).max().unwrap_or(0).max(1);
    let height = bars.len() as f64 * ROW_HEIGHT;
    let plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let name = |bar: &ServiceBar| bar.prefix.as_deref().map(crate::components::shown).unwrap_or_else(|| texts.other_services.to_owned());
    let label = (texts.services_chart_label)(
        &bars.iter().take(5).map(|bar| format!("{} {}", name(bar), format_count(bar.calls.total()))).collect::<Vec<_>>().join(", "),
    );
    html! {
        <figure class="chart" id="service-chart">
            <figcaption>{ texts.services_chart_heading }</figcaption>
            <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-label={label} class="services-chart">
                { for bars.iter().enumerate().map(|(row, bar)| {
                    let y = row as f64 * ROW_HEIGHT;
                    let mut x = LABEL_WIDTH;
                    html! {
                        <g class="bar">
                            <title>{ format!("{}: {}", name(bar), (texts.outcomes_text)(&bar.calls)) }</title>
                            <text class="label" x={(LABEL_WIDTH - 6.0).to_string()} y={format!("{:.1}", y + 15.0)} text-anchor="end">{ name(bar) }</text>
                            { for segments(&bar.calls).into_iter().filter(|(_, value)| *value > 0).map(|(class, value)| {
                                let width = (value as f64 / max as f64 * plot_width).max(1.0);
                                let rect = html! { <rect class={class} x={format!("{x:.2}")} y={format!("{:.1}", y + 4.0)} width={format!("{width:.2}")} height={(ROW_HEIGHT - 8.0).to_string()} /> };
                                x += width;
                                rect
                            }) }
                            <text class="value" x={format!("{:.2}", x + 6.0)} y={format!("{:.1}", y + 15.0)}>{ format_count(bar.calls.total()) }</text>
                        </g>
                    }
                }) }
            </svg>
            <Legend lang={props.lang} />
            <details class="chart-table">
                <summary>{ texts.show_as_table }</summary>
                <table>
                    <thead><tr><th scope="col">{ texts.service }</th><th scope="col" class="number">{ texts.outcome_success }</th><th scope="col" class="number">{ texts.outcome_denied }</th><th scope="col" class="number">{ texts.outcome_error }</th></tr></thead>
                    <tbody>
                        { for bars.iter().map(|bar| html! {
                            <tr><th scope="row">{ name(bar) }</th><td class="number">{ format_count(bar.calls.success) }</td><td class="number">{ format_count(bar.calls.denied) }</td><td class="number">{ format_count(bar.calls.error) }</td></tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
struct LegendProps {
    lang: Lang,
}

#[component(Legend)]
fn legend(props: &LegendProps) -> Html {
    let texts = props.lang.texts();
    html! {
        <ul class="legend" aria-hidden="true">
            <li><span class="swatch success"></span>{ texts.outcome_success }</li>
            <li><span class="swatch denied"></span>{ texts.outcome_denied }</li>
            <li><span class="swatch error"></span>{ texts.outcome_error }</li>
        </ul>
    }
}
