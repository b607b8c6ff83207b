package dev.ism.contracts.provider;

import au.com.dius.pact.core.support.expressions.SystemPropertyResolver;
import au.com.dius.pact.core.support.expressions.ValueResolver;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junit5.TestTarget;
import au.com.dius.pact.provider.junitsupport.Provider;
import dev.ism.contracts.pacts.ClasspathPacts;
import dev.ism.function.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verification of every interaction of the committed pacts, read from the classpath (this module's
 * jar, under {@code pacts/}) by {@link ClasspathPacts}, against the real function. Subclasses choose
 * the way in ({@link #target}) and name it ({@link #way}): reports go to
 * {@code ${pact.verification.reportDir}/<way>/imagestreammapping-api.{json,md}}.
 *
 * <p>Before every interaction: no token, an empty table; then Pact JVM runs the interaction's state
 * set-ups ({@link ProviderStates}, a state change handler), the request, the comparison, the
 * tear-downs.
 */
@Provider(Pacts.PROVIDER)
@ClasspathPacts
abstract class ProviderVerification {

    /** The function under verification. */
    Api api() {
        return FunctionUnderTest.shared();
    }

    abstract TestTarget target(Api api);

    abstract String way();

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void verify(PactVerificationContext context) {
        context.verifyInteraction();
    }

    @BeforeEach
    void prepare(PactVerificationContext context) {
        Api api = api();
        ProviderStates states = FunctionUnderTest.states(api);
        states.reset();
        context.setTarget(target(api));
        context.withStateChangeHandlers(states);
        context.setValueResolver(new ReportDirectory(way()));
    }

    /** System properties, except that the report directory gets the way's subdirectory. */
    private record ReportDirectory(String way) implements ValueResolver {

        private static final String REPORT_DIR = "pact.verification.reportDir";

        @Override
        public String resolveValue(String property) {
            if (property != null && (property.equals(REPORT_DIR) || property.startsWith(REPORT_DIR + ":"))) {
                String base = SystemPropertyResolver.INSTANCE.resolveValue(property);
                return (base == null ? "target/pact-reports" : base) + "/" + way;
            }
            return SystemPropertyResolver.INSTANCE.resolveValue(property);
        }

        @Override
        public String resolveValue(String property, String defaultValue) {
            String v = resolveValue(property);
            return v == null ? defaultValue : v;
        }

        @Override
        public boolean propertyDefined(String property) {
            return SystemPropertyResolver.INSTANCE.propertyDefined(property);
        }
    }
}
