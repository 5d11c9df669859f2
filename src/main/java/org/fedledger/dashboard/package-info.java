/**
 * {@code fl dashboard}: a task followed live in a browser. A {@link org.fedledger.dashboard.DashboardServer}
 * on a loopback port serves one self-contained page (inline CSS, JS and SVG) that asks every
 * second for what changed, the task's history as JSON, and the same updates as Server-Sent
 * Events for scripts. One background thread asks the {@link org.fedledger.dashboard.HistorySource}
 * for its version every second and reads it again only when that moved: on the chain
 * ({@link org.fedledger.dashboard.ChainHistorySource}), when a new block holds one of the task's
 * logs. The plots and tables are {@link org.fedledger.report.HtmlReport}'s, rendered once per
 * update for every client, so the live page and {@code fl report} draw a history the same way.
 */
package org.fedledger.dashboard;
