package dev.ism.function.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;

import java.util.Map;

/**
 * An {@code ISM_*} environment variable set to the empty string is the same as one not set at all, in
 * every environment: its placeholder's default applies ({@code ${ISM_TOKEN_AUTH_FILE:...}} in the local run
 * gives the dev file), and it overrides no setting of a configuration file.
 *
 * <p>Why it is needed (Micronaut 4.10.20): the environment property source holds an empty variable as a
 * property with the value {@code ""}, and {@code DefaultPropertyPlaceholderResolver} takes any property
 * that exists, so {@code ${ISM_X:default}} gave {@code ""}, not {@code default}; the same source also maps
 * {@code ISM_DYNAMODB_EMBEDDED=} to {@code ism.dynamodb.embedded=""} above every file. Excluded from that
 * source, the resolver reads the variable itself ({@code System.getenv}) and skips it when empty.
 *
 * <p>Applied to every application context builder (a service of Micronaut's, loaded when a builder is
 * made: Lambda's handler, {@code mn:run}, tests); it reads the environment once, nothing else.
 */
@ContextConfigurer
public final class EmptyVariablesAreUnset implements ApplicationContextConfigurer {

    static final String PREFIX = "ISM_";

    @Override
    public void configure(ApplicationContextBuilder builder) {
        String[] empty = emptyNames(System.getenv());
        if (empty.length > 0) {
            builder.environmentVariableExcludes(empty);
        }
    }

    /** The names of {@code env}'s {@code ISM_*} variables whose value is empty or blank. */
    static String[] emptyNames(Map<String, String> env) {
        return env.entrySet().stream()
                .filter(e -> e.getKey().startsWith(PREFIX) && Unset.isUnset(e.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .toArray(String[]::new);
    }
}
