/**
 * Crypto-shredding of personal data in events. A {@code String} component of an event record annotated
 * {@code @PersonalData(subject = "…")} is stored encrypted (AES-256-GCM) with a key of its own data subject; the
 * store decrypts it on every read (loads, stream reads, the feed, projections, admin inspection). Forgetting a
 * subject ({@code CassandraEventStore.forgetSubject}) deletes its key, so every copy of the encrypted text, in
 * every table and backup, reads as {@link dev.es.runtime.spi.PersonalField#FORGOTTEN} from then on, and deletes
 * the snapshots of the aggregates that held the subject's personal data.
 */
package dev.es.runtime.privacy;
