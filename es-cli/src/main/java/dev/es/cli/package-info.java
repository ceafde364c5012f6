/**
 * The {@code es} command line: a thin client of {@link dev.es.runtime.admin.EsAdmin} for operators. {@link
 * dev.es.cli.EsCommand} is the root command and owns the options every verb shares (connection, {@code --json},
 * {@code --verbose}, {@code --as}); each verb is one class that turns what the admin API returns into a {@link
 * dev.es.cli.Report}, printed as aligned text ({@link dev.es.cli.Table}) or as one JSON document ({@link
 * dev.es.cli.Json}). The verbs on one projection or one saga are grouped under {@code es projection} and {@code es
 * saga}; a verb that changes something prints an {@link dev.es.cli.ActionReport}, in the audit table's words.
 * Errors become one line and an exit code ({@link dev.es.cli.Failure}, {@link dev.es.cli.ExitCodes}).
 */
package dev.es.cli;
