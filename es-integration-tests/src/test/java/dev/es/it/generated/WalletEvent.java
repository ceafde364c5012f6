package dev.es.it.generated;

/** Events of {@link Wallet}. {@link MoneyDepositedV1} is an older revision and not one of them. */
public sealed interface WalletEvent permits WalletOpened, MoneyDeposited, MoneyWithdrawn {}
