/**
 * What happened in a task, for people: {@link org.fedledger.report.TaskHistoryReader} reads a
 * {@link org.fedledger.report.TaskHistory} from the chain alone (the task's views and event
 * logs, plus transaction receipts for gas), optionally scoring each global model with an
 * {@link org.fedledger.report.AccuracyProbe}; {@link org.fedledger.report.HtmlReport} turns it
 * into one self-contained HTML page with inline SVG plots, and
 * {@link org.fedledger.report.TaskHistory#toJson()} into a JSON summary.
 */
package org.fedledger.report;
