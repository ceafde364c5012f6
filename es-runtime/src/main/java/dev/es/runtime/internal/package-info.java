/**
 * Not API: what the runtime's packages share and users must not call. Its types are public only because Java has
 * no visibility between "package-private" and "public"; they may change in any release.
 */
package dev.es.runtime.internal;
