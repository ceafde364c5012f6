package dev.es.examples.user.view;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The "user statistics" query: when the user registered and last logged in (the user view), and their orders,
 * followed from the order events (the orders projection's per-customer partition).
 *
 * @param totalOrders orders placed and not cancelled
 * @param totalSpent the totals of the orders paid and not cancelled (paid, shipped or completed)
 */
public record UserStatistics(
    UUID userId, String email, Instant createdAt, Instant lastLogin, int totalOrders, BigDecimal totalSpent) {}
