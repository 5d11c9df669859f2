package org.fedledger.dashboard;

import java.util.Map;

/**
 * The dashboard's one page: self-contained (inline CSS and JS, the plots inline SVG, nothing
 * fetched from elsewhere). It comes with the parts of the moment already in place, so it shows
 * the task without JavaScript; its script then asks {@code /api/update} every second, swaps in
 * each new update's parts and ticks the phase's countdown in chain time.
 */
final class Page {
    /** Section ids with their headings: the first four in a grid, the tables below it full width. */
    private static final Map<String, String> HEADINGS = Map.of(
            "accuracy", "Global model accuracy per round",
            "rewards", "Rewards, bounties and slashes per participant",
            "gas", "Gas per round",
            "summary", "Task",
            "rounds", "Rounds",
            "participants", "Participants");
    private static final String[] ORDER = {"accuracy", "rewards", "gas", "summary", "rounds", "participants"};

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.2em auto;max-width:1320px;\
            padding:0 1em;color:#222}
            h1{font-size:1.4em;margin:0 0 .2em}h2{font-size:1.05em;margin:1.2em 0 .3em}
            code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
            #status{font-size:1.25em;margin:.3em 0}#meta{color:#555;margin:.2em 0}
            #live{font-size:.6em;vertical-align:middle;padding:.15em .6em;border-radius:1em;background:#9e9e9e;\
            color:#fff;margin-left:.6em}#live.on{background:#2e7d32}
            #error{background:#ffebee;color:#b71c1c;padding:.4em .7em;border-radius:4px}#error:empty{display:none}
            .plots{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:0 2em}
            dl.summary{display:grid;grid-template-columns:max-content auto;gap:.1em 1.5em}dl.summary dt{color:#555}
            dl.summary dd{margin:0}
            table{border-collapse:collapse;width:100%;margin-top:.3em}
            th,td{border-bottom:1px solid #ddd;padding:.25em .5em;text-align:right;white-space:nowrap}
            th{background:#f4f4f4}td.l,th.l{text-align:left}tr.failed td{color:#c62828}
            .scroll{overflow-x:auto}#rounds td.mono{max-width:16em;overflow:hidden;text-overflow:ellipsis}
            svg.plot{max-width:100%;height:auto;font-size:11px;fill:#333}
            .none{color:#777;font-style:italic}
            """;

    private static final String SCRIPT = """
            (function () {
              var state = JSON.parse(document.getElementById('initial').textContent).status;
              var receivedAt = Date.now();
              function $(id) { return document.getElementById(id); }
              function two(n) { return (n < 10 ? '0' : '') + n; }
              function span(s) {
                s = Math.max(0, Math.round(s));
                var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), r = s % 60;
                return h > 0 ? h + 'h ' + two(m) + 'm' : m > 0 ? m + 'm ' + two(r) + 's' : r + 's';
              }
              function clock(unix) {
                var d = new Date(unix * 1000);
                return two(d.getUTCHours()) + ':' + two(d.getUTCMinutes()) + ':' + two(d.getUTCSeconds()) + ' UTC';
              }
              function headline(s) {
                if (!s.read) { return 'Reading the task from the chain\\u2026'; }
                if (s.phase === 'completed') { return 'Completed: ' + s.round + ' of ' + s.numRounds + ' rounds'; }
                if (s.phase === 'none') { return 'Not started'; }
                var where = s.phase === 'registration' ? 'Registration open'
                  : 'Round ' + s.round + ' of ' + s.numRounds + ' \\u00b7 ' + s.phase + ' phase';
                if (!s.deadline) { return where; }
                var left = s.deadline - (s.chainTime + (Date.now() - receivedAt) / 1000);
                return where + ' \\u00b7 deadline ' + clock(s.deadline) + (left > 0 ? ' (in ' + span(left) + ')'
                  : ' (passed ' + span(-left) + ' ago: anyone may advance it)');
              }
              function render() {
                $('status').textContent = headline(state);
                $('error').textContent = state.error ? 'Last read failed: ' + state.error
                  + (state.read ? ' (showing the last history read)' : '') : '';
                if (state.read) {
                  $('task').textContent = state.task;
                  $('meta').textContent = 'Chain ' + state.chainId + ' \\u00b7 block ' + state.block + ' \\u00b7 '
                    + state.rule + ' \\u00b7 ' + state.participants + ' participants \\u00b7 read in '
                    + state.readMillis + ' ms';
                  document.title = headline(state).split(' \\u00b7 deadline')[0] + ' \\u2014 FedLedger dashboard';
                  document.body.setAttribute('data-block', state.block);
                  document.body.setAttribute('data-phase', state.phase);
                }
              }
              function live(on) {
                $('live').textContent = on ? 'live' : 'reconnecting';
                $('live').className = on ? 'on' : '';
                document.body.setAttribute('data-live', on ? 'yes' : 'no');
              }
              function apply(update) {
                state = update.status;
                receivedAt = Date.now();
                for (var id in update.sections) {
                  var body = $(id + '-body');
                  if (body) { body.innerHTML = update.sections[id]; }
                }
                render();
              }
              render();
              setInterval(render, 1000);
              var seen = state.sequence;
              function poll() {
                fetch('api/update?after=' + seen, {cache: 'no-store'}).then(function (r) {
                  live(r.status === 200 || r.status === 204);
                  return r.status === 200 ? r.json() : null;
                }).then(function (update) {
                  if (update) { seen = update.status.sequence; apply(update); }
                }).catch(function () { live(false); }).then(function () { setTimeout(poll, 1000); });
              }
              poll();
            })();
            """;

    private Page() {}

    /** The page as of {@code update}. */
    static String render(Update update) {
        Map<String, String> parts = update.snapshot().map(s -> Views.sections(s.history())).orElse(Map.of());
        String task = update.snapshot().map(s -> s.history().task()).orElse("\u2026");
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>FedLedger dashboard</title>\n<style>\n").append(CSS).append("</style>\n</head>\n")
                .append("<body data-live=\"no\">\n<header>\n<h1>FedLedger task <code id=\"task\">")
                .append(escape(task)).append("</code><span id=\"live\">connecting</span></h1>\n")
                .append("<p id=\"status\"></p>\n<p id=\"meta\"></p>\n<p id=\"error\"></p>\n</header>\n")
                .append("<div class=\"plots\">\n");
        for (String id : ORDER) {
            if (id.equals("rounds")) {
                html.append("</div>\n");
            }
            html.append("<section id=\"").append(id).append("\">\n<h2>").append(HEADINGS.get(id)).append("</h2>\n")
                    .append("<div id=\"").append(id).append("-body\"").append(id.equals("rounds")
                            || id.equals("participants") ? " class=\"scroll\"" : "").append(">")
                    .append(parts.getOrDefault(id, "<p class=\"none\">Reading\u2026</p>\n")).append("</div>\n")
                    .append("</section>\n");
        }
        html.append("<script id=\"initial\" type=\"application/json\">")
                .append("{\"status\":").append(update.statusJson().replace("<", "\\u003c"))
                .append("}</script>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
