package dev.ism.contracts.provider;

/**
 * The properties that switch on this package's test-only beans in a function started by the contracts
 * tests. None of them is ever set outside these tests, and none of these beans is in the function's
 * own code, so the Lambda package has none of this.
 */
public final class ProviderStateSettings {

    /**
     * {@code "true"}: the provider states of the pacts may be set up and torn down: {@link GrantedTokens}
     * replaces the function's token file and ABAC policy file, {@link ProviderStates} is available, and
     * {@link ProviderStateController} serves {@value #STATE_PATH}.
     */
    public static final String PROVIDER_STATES = "ism.contracts.provider-states";

    /** {@code "true"}: {@link BrokenResponseFilter} answers 400 where the function answers 422. */
    public static final String BREAK_422 = "ism.contracts.broken.unprocessable-as-bad-request";

    /** Where the Pact CLI's verifier posts its state changes ({@code {state, params, action}}). */
    public static final String STATE_PATH = "/_pact/provider-states";

    /** The DynamoDB table of the contracts tests (DynamoDB Local, in-process). */
    public static final String TABLE = "ism-contracts";

    private ProviderStateSettings() {
    }
}
