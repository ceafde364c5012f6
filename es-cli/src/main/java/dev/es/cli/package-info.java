/**
 * The {@code es} command line: a thin client of {@link dev.es.runtime.admin.EsAdmin} for operators. {@link
 * dev.es.cli.EsCommand} is the root command and owns the options every verb shares (connection, {@code --json},
 * {@code --verbose}); each verb is one class that turns what the admin API returns into a {@link dev.es.cli.Report},
 * printed as aligned text ({@link dev.es.cli.Table}) or as one JSON document ({@link dev.es.cli.Json}). Errors
 * become one line and an exit code ({@link dev.es.cli.Failure}, {@link dev.es.cli.ExitCodes}).
 */
package dev.es.cli;
