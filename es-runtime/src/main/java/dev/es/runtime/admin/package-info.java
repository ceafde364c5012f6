/**
 * What an operator needs to see and repair a running system, as a public API: {@link dev.es.runtime.admin.EsAdmin}.
 * A command line and a console page are thin clients of it.
 */
package dev.es.runtime.admin;
