package dev.ism.function.config;

import dev.ism.function.auth.AbacPolicy;
import dev.ism.function.auth.Authentication;
import dev.ism.function.auth.OidcAuthenticator;
import dev.ism.function.auth.OidcSettings;
import dev.ism.function.auth.TokenFileAuthenticator;
import dev.ism.function.registry.MappingSettings;
import dev.ism.function.store.DynamoSettings;
import dev.ism.function.store.StoreTimeouts;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's table of variables is the configuration: each variable it names is read by a configuration
 * file, under the property it names, and reaches its settings type by name; an empty one is unset.
 */
class VariablesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    /** {@code property=...${ISM_X...}}: the property a variable sets. */
    private static final Pattern MAPPING = Pattern.compile("(?m)^([a-z][\\w.-]*)=.*?\\$\\{(ISM_[A-Z0-9_]+)[:}]");
    private static final Pattern NAME = Pattern.compile("`((?:ISM_|ism\\.|micronaut\\.)[\\w.-]+)`");

    @Test
    void theReadmeTableNamesEveryVariableAndItsProperty() throws IOException {
        Map<String, String> read = mappings("application.properties");
        mappings("application-local.properties").forEach((variable, property) -> {
            String everywhere = read.putIfAbsent(variable, property);
            assertTrue(everywhere == null || everywhere.equals(property), variable + ": the local run reads it elsewhere");
        });
        Map<String, String> documented = new TreeMap<>();
        for (String row : readmeRows()) {
            String[] cells = row.split("\\|");
            List<String> variables = names(cells[1]);
            List<String> properties = names(cells[2]);
            variables.forEach(v -> documented.put(v, properties.get(0)));
            assertEquals(properties.get(0), read.get(variables.get(0)), row);
        }
        assertEquals(read.keySet(), documented.keySet(), "variables the README names and the configuration reads");
    }

    @Test
    void variablesReachTheSettingsByName() {
        Map<String, Object> env = new HashMap<>(Map.of(
                "ISM_TABLE_NAME", "named-table",
                "ISM_DYNAMODB_ENDPOINT", "http://127.0.0.1:1",
                "ISM_DYNAMODB_REGION", "eu-west-1",
                "ISM_DYNAMODB_SOCKET_TIMEOUT", "600ms",
                "ISM_INTERNAL_REGISTRY_HOSTNAME", "registry.example:5000",
                "ISM_TOKEN_AUTH_FILE", "../dev/auth/tokens.csv",
                "ISM_AUTHORIZATION_POLICY_FILE", "",
                "ISM_OIDC_ISSUER_URL", "https://issuer.example",
                "ISM_OIDC_CLIENT_ID", "ism"));
        env.putAll(Map.of(
                "ISM_OIDC_USERNAME_CLAIM", "email",
                "ISM_OIDC_USERNAME_PREFIX", "-",
                "ISM_OIDC_GROUPS_CLAIM", "groups",
                "ISM_OIDC_GROUPS_PREFIX", "oidc:",
                "ISM_OIDC_JWKS_URI", "https://issuer.example/keys"));
        try (ApplicationContext context = function(env)) {
            DynamoSettings dynamo = context.getBean(DynamoSettings.class);
            assertEquals("named-table", dynamo.tableName());
            assertEquals("http://127.0.0.1:1", dynamo.endpoint());
            assertEquals("eu-west-1", dynamo.region());
            assertEquals(new StoreTimeouts(StoreTimeouts.DEFAULT.connect(), Duration.ofMillis(600),
                    StoreTimeouts.DEFAULT.call(), StoreTimeouts.DEFAULT.request()), dynamo.timeouts());
            assertFalse(dynamo.embedded() || dynamo.createsTable());
            assertEquals("registry.example:5000", context.getBean(MappingSettings.class).internalRegistryHostname());
            assertEquals(OidcSettings.of("https://issuer.example", "ism").withUsername("email", "-")
                    .withGroups("groups", "oidc:").withKeys(URI.create("https://issuer.example/keys"), null),
                    context.getBean(OidcSettings.class));
            List<?> authenticators = context.getBean(Authentication.class).authenticators();
            assertEquals(2, authenticators.size(), authenticators::toString);
            assertTrue(authenticators.get(0) instanceof TokenFileAuthenticator && authenticators.get(1) instanceof OidcAuthenticator);
            assertFalse(context.containsBean(AbacPolicy.class), "an empty variable is unset: no policy file");
        }
    }

    @Test
    void emptyVariablesAreTheDefaults() throws IOException {
        Map<String, Object> env = new HashMap<>();
        mappings("application.properties").keySet().forEach(v -> env.put(v, ""));
        env.put("ISM_DYNAMODB_ENDPOINT", "http://127.0.0.1:1"); // else the SDK looks for a region
        try (ApplicationContext context = function(env)) {
            DynamoSettings dynamo = context.getBean(DynamoSettings.class);
            assertEquals(DynamoSettings.DEFAULT_TABLE_NAME, dynamo.tableName());
            assertEquals(StoreTimeouts.DEFAULT, dynamo.timeouts());
            assertNull(dynamo.region());
            assertNull(dynamo.embeddedDbPath());
            assertFalse(dynamo.embedded() || dynamo.createsTable());
            assertFalse(context.containsBean(OidcSettings.class) || context.containsBean(TokenFileAuthenticator.class)
                    || context.containsBean(AbacPolicy.class));
            assertEquals(List.of(), context.getBean(Authentication.class).authenticators());
        }
    }

    @Test
    void anEndpointIsNotSilentlyIgnoredForTheEmbeddedDynamoDb() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> function(Map.of(
                "ISM_DYNAMODB_EMBEDDED", "true", "ISM_DYNAMODB_ENDPOINT", "http://127.0.0.1:1")).close());
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(t.getMessage());
        }
        assertTrue(messages.stream().anyMatch(m -> m != null && m.contains("set ISM_DYNAMODB_EMBEDDED=false")), messages::toString);
    }

    /** The function as on Lambda (environment {@code function}, nothing deduced), {@code env} its variables. */
    private static ApplicationContext function(Map<String, Object> env) {
        return ApplicationContext.builder().environments("function").deduceEnvironment(false)
                .propertySources(LocalRunVariablesTest.environment(env)).start();
    }

    /** Variable to property, as a configuration file maps them. */
    static Map<String, String> mappings(String file) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Matcher m = MAPPING.matcher(Files.readString(RESOURCES.resolve(file), StandardCharsets.UTF_8));
        while (m.find()) {
            assertNull(out.put(m.group(2), m.group(1)), m.group(2) + " read twice in " + file);
        }
        return out;
    }

    /** The rows of the README's table of variables. */
    private static List<String> readmeRows() throws IOException {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Configuration\n");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        return section.lines().filter(l -> l.startsWith("| `ISM_")).toList();
    }

    private static List<String> names(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = NAME.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
