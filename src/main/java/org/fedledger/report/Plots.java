package org.fedledger.report;

import static org.fedledger.report.HtmlReport.escape;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The report's plots as inline SVG, drawn here rather than by a charting library so the page
 * needs nothing but itself: a line plot over categories (rounds) and a bar plot of one or more
 * series, side by side or stacked. Every mark carries a {@code <title>}, which browsers show on hover.
 * Output depends only on the arguments (fixed size, {@link Locale#ROOT} numbers).
 */
final class Plots {
    static final int WIDTH = 640;
    static final int HEIGHT = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 36;
    private static final int MAX_X_LABELS = 16;
    private static final int Y_TICKS = 5;

    private Plots() {}

    /** A point of a line plot: its category label, value (NaN: none), hover text, and whether to flag it. */
    record Point(String x, double y, String tip, boolean flagged) {}

    /** A series of a bar plot: one value per category (NaN: no bar), with its name and CSS colour. */
    record Series(String name, String color, List<Double> values) {}

    /**
     * A line through the points that have a value, with a dot on each; a flagged point (a failed
     * round) gets a red cross on the x axis instead.
     */
    static String line(String id, String title, List<Point> points, double yMax, DoubleFunction<String> yLabel) {
        StringBuilder svg = open(id, title);
        double top = axes(svg, yMax, yLabel);
        xLabels(svg, points.stream().map(Point::x).toList());
        StringBuilder path = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double x = center(i, points.size());
            if (p.flagged()) {
                double y = TOP + plotHeight() - 6;
                marks.append(String.format(Locale.ROOT, "<path class=\"failed\" d=\"M%.1f %.1fl8 8m0 -8l-8 8\" "
                        + "stroke=\"#c62828\" stroke-width=\"2\"><title>%s</title></path>%n", x - 4, y - 4,
                        escape(p.tip())));
            } else if (!Double.isNaN(p.y())) {
                double y = y(p.y(), top);
                path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                marks.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1565c0\">"
                        + "<title>%s</title></circle>%n", x, y, escape(p.tip())));
            }
        }
        if (!path.isEmpty()) {
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\"/>\n");
        }
        return svg.append(marks).append("</svg>\n").toString();
    }

    /**
     * Bars of each series per category, side by side or stacked, with a legend when there is more
     * than one series; {@code tips[i]} names category i.
     */
    static String bars(String id, String title, List<String> categories, List<String> tips, List<Series> series,
                       boolean stacked, DoubleFunction<String> yLabel) {
        double max = 0;
        for (int c = 0; c < categories.size(); c++) {
            double sum = 0;
            for (Series s : series) {
                double v = s.values().get(c);
                sum += Double.isNaN(v) ? 0 : v;
                max = Double.isNaN(v) ? max : Math.max(max, v);
            }
            max = stacked ? Math.max(max, sum) : max;
        }
        StringBuilder svg = open(id, title);
        double top = axes(svg, max, yLabel);
        xLabels(svg, categories);
        double slot = plotWidth() / Math.max(1, categories.size());
        double barWidth = stacked ? slot * 0.6 : slot * 0.8 / Math.max(1, series.size());
        for (int c = 0; c < categories.size(); c++) {
            double base = 0;
            for (int s = 0; s < series.size(); s++) {
                double v = series.get(s).values().get(c);
                if (Double.isNaN(v)) {
                    continue;
                }
                double x = LEFT + c * slot + (stacked ? slot * 0.2 : slot * 0.1 + s * barWidth);
                double y = y(base + v, top);
                double height = y(base, top) - y;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\"><title>%s</title></rect>%n", x, y, barWidth, height,
                        escape(series.get(s).color()), escape(tips.get(c) + ": " + series.get(s).name() + " "
                                + yLabel.apply(v))));
                base += stacked ? v : 0;
            }
        }
        if (series.size() > 1) {
            for (int s = 0; s < series.size(); s++) {
                double x = LEFT + s * 150;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                        + "<text x=\"%.1f\" y=\"16\">%s</text>%n", x, escape(series.get(s).color()), x + 16,
                        escape(series.get(s).name())));
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(String id, String title) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg id=\"%1$s\" class=\"plot\" "
                + "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %2$d %3$d\" width=\"%2$d\" height=\"%3$d\" "
                + "role=\"img\" aria-labelledby=\"%1$s-title\">%n<title id=\"%1$s-title\">%4$s</title>%n",
                escape(id), WIDTH, HEIGHT, escape(title)));
    }

    /** Draws the y axis with gridlines up to a round value at or above {@code max}; returns that value. */
    private static double axes(StringBuilder svg, double max, DoubleFunction<String> yLabel) {
        double step = niceStep(max / Y_TICKS);
        double top = step * Math.max(1, Math.ceil(max / step - 1e-9));
        long ticks = Math.round(top / step);
        for (long i = 0; i <= ticks; i++) {
            double v = i * step;
            double y = y(v, top);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, y, WIDTH - RIGHT, y,
                    v == 0 ? "#555" : "#ddd", LEFT - 6, y + 4, escape(yLabel.apply(v))));
        }
        return top;
    }

    /** Labels under the x axis, thinned out so that at most {@value #MAX_X_LABELS} show. */
    private static void xLabels(StringBuilder svg, List<String> labels) {
        int every = (labels.size() + MAX_X_LABELS - 1) / MAX_X_LABELS;
        for (int i = 0; i < labels.size(); i += Math.max(1, every)) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    center(i, labels.size()), HEIGHT - BOTTOM + 18, escape(labels.get(i))));
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough} (0.2 when there is nothing to show). */
    static double niceStep(double rough) {
        if (!(rough > 0)) {
            return 0.2;
        }
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= rough * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static double center(int index, int count) {
        double slot = plotWidth() / Math.max(1, count);
        return LEFT + slot * (index + 0.5);
    }

    private static double y(double value, double top) {
        return TOP + plotHeight() * (1 - value / top);
    }

    private static double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static double plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }
}
