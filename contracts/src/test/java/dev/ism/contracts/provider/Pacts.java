package dev.ism.contracts.provider;

/** Names the pacts share. */
final class Pacts {

    /** The provider name in every pact of {@code pacts/}. */
    static final String PROVIDER = "imagestreammapping-api";

    private Pacts() {
    }
}
