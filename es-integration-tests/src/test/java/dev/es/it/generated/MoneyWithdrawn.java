package dev.es.it.generated;

import java.math.BigDecimal;

public record MoneyWithdrawn(BigDecimal amount) implements WalletEvent {}
