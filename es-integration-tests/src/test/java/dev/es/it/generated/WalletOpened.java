package dev.es.it.generated;

public record WalletOpened(String owner) implements WalletEvent {}
