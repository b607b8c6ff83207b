package dev.ism.function.sam;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ism.function.store.DynamoClients;
import dev.ism.function.store.DynamoStore;
import dev.ism.function.store.EmbeddedDynamoDb;
import dev.ism.function.support.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.ism.function.sam.SamTemplate.getAtt;
import static dev.ism.function.sam.SamTemplate.list;
import static dev.ism.function.sam.SamTemplate.map;
import static dev.ism.function.sam.SamTemplate.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * template.yaml and the code agree: handler, routes (against Micronaut's Router), environment variables
 * (against application.properties), table keys (against the CreateTable request DynamoStore sends), and the
 * template's own consistency. The DynamoDB policy is checked against the recorded operations by
 * {@link DynamoDbPolicyCheck}; the package CodeUri names by {@code LambdaPackageIT}.
 */
class TemplateTest {

    static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    /** The template's only route: API Gateway's catch-all. */
    static final String CATCH_ALL_ROUTE = "$default";
    static final String HANDLER = "dev.ism.function.lambda.HttpApiHandler";
    /** Read by the function in every environment, but not set by the template, and why. */
    static final Map<String, String> NOT_SET_ON_LAMBDA = Map.of(
            "ISM_DYNAMODB_ENDPOINT", "AWS's own endpoint on Lambda",
            "ISM_DYNAMODB_REGION", "the SDK reads AWS_REGION, which Lambda sets",
            "ISM_DYNAMODB_EMBEDDED", "DynamoDB Local is not in the Lambda package",
            "ISM_DYNAMODB_EMBEDDED_DB_PATH", "DynamoDB Local is not in the Lambda package",
            "ISM_DYNAMODB_CREATE_TABLE", "the stack creates the table; the Lambda must not",
            "ISM_DYNAMODB_CONNECT_TIMEOUT", "the defaults are sized for API Gateway's 29 s",
            "ISM_DYNAMODB_SOCKET_TIMEOUT", "the defaults are sized for API Gateway's 29 s",
            "ISM_DYNAMODB_CALL_TIMEOUT", "the defaults are sized for API Gateway's 29 s",
            "ISM_DYNAMODB_REQUEST_TIMEOUT", "the defaults are sized for API Gateway's 29 s");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    static SamTemplate template;
    static String function;

    @BeforeAll
    static void load() {
        template = SamTemplate.load();
        function = template.onlyIdOfType(FUNCTION_TYPE);
    }

    // ------------------------------------------------------------------------------------------ function

    @Test
    void handlerIsTheHttpApiPayload2StreamHandler() throws Exception {
        Map<String, Object> p = template.properties(function);
        assertEquals(HANDLER, p.get("Handler"));
        Class<?> handler = Class.forName(HANDLER);
        // A stream handler: the runtime passes the event's bytes, the function reads them with its own Jackson.
        assertTrue(RequestStreamHandler.class.isAssignableFrom(handler));
        assertFalse(RequestHandler.class.isAssignableFrom(handler), "the runtime would pick the typed interface");
        handler.getConstructor(); // Lambda needs the no-argument constructor
        Type superclass = handler.getGenericSuperclass();
        assertTrue(superclass instanceof ParameterizedType pt
                && pt.getActualTypeArguments()[0] == APIGatewayV2HTTPEvent.class
                && pt.getActualTypeArguments()[1] == APIGatewayV2HTTPResponse.class, HANDLER + " handles HTTP API payload 2.0 events");
    }

    @Test
    void runtimeMemoryTimeoutSnapStart() {
        Map<String, Object> p = template.properties(function);
        assertTrue(Set.of("java17", "java21").contains(p.get("Runtime")), "Runtime " + p.get("Runtime"));
        assertEquals("PublishedVersions", map(p.get("SnapStart"), "SnapStart").get("ApplyOn"));
        assertTrue(p.get("AutoPublishAlias") instanceof String a && !a.isBlank(), "AutoPublishAlias");
        int memory = (Integer) p.get("MemorySize");
        int timeout = (Integer) p.get("Timeout");
        assertTrue(memory >= 512 && memory <= 10240, "MemorySize " + memory);
        // API Gateway's integration timeout is at most 30 s.
        assertTrue(timeout >= 5 && timeout <= 30, "Timeout " + timeout);
    }

    /** CodeUri is the shaded jar function/pom.xml writes (the file itself is checked by LambdaPackageIT). */
    @Test
    void codeUriIsTheLambdaJar() {
        String jar = System.getProperty("ism.lambda.jar");
        assertNotNull(jar, "system property ism.lambda.jar (function/pom.xml)");
        Path codeUri = SamTemplate.repoRoot().resolve((String) template.properties(function).get("CodeUri")).normalize();
        assertEquals(Path.of(jar).toAbsolutePath().normalize(), codeUri);
    }

    // -------------------------------------------------------------------------------------------- routes

    /**
     * One catch-all route ({@code $default}): every path reaches the function, so kubectl's discovery and
     * OpenAPI requests are served and an unknown path gets a Kubernetes Status, not API Gateway's
     * {@code {"message":"Not Found"}}. The function serves every API route and the discovery paths
     * (each answers other than "not found"), and answers a path it has no route for with a Status
     * (through the HTTP API payload, as API Gateway delivers it).
     */
    @Test
    void oneCatchAllRouteReachesEveryPathTheFunctionServes() {
        assertEquals(Set.of(CATCH_ALL_ROUTE), routeKeys(template).keySet());
        // Each route the function serves, through the HTTP API payload: none is a "no such path" 404.
        String ns = Api.unique("routes");
        String v1 = "/apis/image.openshift.io/v1";
        for (String route : List.of("POST " + v1 + "/namespaces/" + ns + "/imagestreammappings",
                "GET " + v1 + "/namespaces/" + ns + "/imagestreams", "POST " + v1 + "/namespaces/" + ns + "/imagestreams",
                "GET " + v1 + "/namespaces/" + ns + "/imagestreams/ruby", "GET " + v1 + "/images/sha256:0",
                "GET /api", "GET /apis", "GET /apis/image.openshift.io", "GET " + v1,
                "GET /version", "GET /openapi/v2", "GET /openapi/v3", "GET /openapi/v3/apis/image.openshift.io/v1")) {
            String[] mp = route.split(" ");
            Api.Response r = Api.shared().send(Api.Via.LAMBDA_V2, mp[0], mp[1],
                    Map.of("Authorization", "Bearer " + Api.REGISTRY_TOKEN, "Content-Type", "application/json"),
                    mp[0].equals("POST") ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8) : null, false);
            assertFalse(r.body().contains("the server could not find the requested resource"), route + ": " + r.body());
            assertTrue(r.code() != 405 && r.code() < 500, route + ": " + r.code() + " " + r.body());
        }
        Api.Response unknown = Api.shared().get(Api.Via.LAMBDA_V2, Api.REGISTRY_TOKEN, "/apis/image.openshift.io/v1/nothing-here");
        assertEquals(404, unknown.code(), unknown.body());
        assertEquals("Status", unknown.json().path("kind").asText());
    }

    /** Each route sends its request to the function's alias (the SnapStart version), payload format 2.0. */
    @Test
    void routesIntegrateTheFunctionAlias() {
        String api = template.onlyIdOfType("AWS::ApiGatewayV2::Api");
        assertEquals("HTTP", template.properties(api).get("ProtocolType"));
        String integration = template.onlyIdOfType("AWS::ApiGatewayV2::Integration");
        Map<String, Object> i = template.properties(integration);
        assertEquals("AWS_PROXY", i.get("IntegrationType"));
        assertEquals("2.0", i.get("PayloadFormatVersion"));
        assertEquals(ref(function + ".Alias"), i.get("IntegrationUri"));
        assertEquals(ref(api), i.get("ApiId"));

        String stage = template.onlyIdOfType("AWS::ApiGatewayV2::Stage");
        assertEquals("$default", template.properties(stage).get("StageName"));
        assertEquals(true, template.properties(stage).get("AutoDeploy"));

        String permission = template.onlyIdOfType("AWS::Lambda::Permission");
        assertEquals(ref(function + ".Alias"), template.properties(permission).get("FunctionName"));
        assertEquals("apigateway.amazonaws.com", template.properties(permission).get("Principal"));

        routeKeys(template).forEach((key, id) -> {
            Map<String, Object> r = template.properties(id);
            assertEquals(ref(api), r.get("ApiId"), id);
            assertEquals(Map.of("Fn::Sub", "integrations/${" + integration + "}"), r.get("Target"), id);
        });
    }

    /** Optional JWT authorizer (issuer and audience parameters, both empty by default) on every route. */
    @Test
    void jwtAuthorizerIsOptionalAndOnEveryRoute() {
        String authorizer = template.onlyIdOfType("AWS::ApiGatewayV2::Authorizer");
        Map<String, Object> a = template.resource(authorizer);
        String condition = (String) a.get("Condition");
        assertNotNull(condition, "the authorizer exists only when configured");
        Map<String, Object> p = template.properties(authorizer);
        assertEquals("JWT", p.get("AuthorizerType"));
        Map<String, Object> jwt = map(p.get("JwtConfiguration"), "JwtConfiguration");
        String issuer = refName(jwt.get("Issuer"));
        String audience = refName(list(jwt.get("Audience"), "Audience").get(0));
        assertEquals("", parameterDefault(issuer));
        assertEquals("", parameterDefault(audience));
        String conditionText = template.section("Conditions").get(condition).toString();
        assertTrue(conditionText.contains("Ref=" + issuer) && conditionText.contains("Ref=" + audience), conditionText);

        routeKeys(template).forEach((key, id) -> {
            Map<String, Object> r = template.properties(id);
            assertEquals(Map.of("Fn::If", List.of(condition, "JWT", "NONE")), r.get("AuthorizationType"), id);
            assertEquals(Map.of("Fn::If", List.of(condition, ref(authorizer), ref("AWS::NoValue"))), r.get("AuthorizerId"), id);
        });
    }

    // ------------------------------------------------------------------------------------- environment

    /** Every variable the template sets is read by the code, and every one the code reads on Lambda is set. */
    @Test
    void environmentIsWhatApplicationPropertiesReads() throws IOException {
        Map<String, String> read = placeholders(Path.of("src/main/resources/application.properties"));
        Map<String, Object> set = new TreeMap<>(environment());
        // The JVM's own variable, read by the JVM, not by the function.
        assertTrue(String.valueOf(set.remove("JAVA_TOOL_OPTIONS")).contains("-XX:TieredStopAtLevel=1"));
        for (String name : set.keySet()) {
            assertTrue(read.containsKey(name), name + " is set by template.yaml but application.properties never reads it");
        }
        Set<String> expected = new TreeSet<>(read.keySet());
        expected.removeAll(NOT_SET_ON_LAMBDA.keySet());
        assertEquals(expected, new TreeSet<>(set.keySet()), "variables the function reads on Lambda");
        for (String unset : NOT_SET_ON_LAMBDA.keySet()) {
            assertTrue(read.containsKey(unset), unset + " no longer read: update NOT_SET_ON_LAMBDA");
        }
        // The local run's own variables (application-local.properties, not even in the package) are never set on Lambda.
        for (String name : placeholders(Path.of("src/main/resources/application-local.properties")).keySet()) {
            assertTrue(read.containsKey(name) || !set.containsKey(name), name);
        }
        assertFalse(set.containsKey("MICRONAUT_ENVIRONMENTS"));
        assertFalse(set.containsKey("ISM_DYNAMODB_CREATE_TABLE"), "the Lambda must not create tables");
        assertFalse(set.containsKey("ISM_DYNAMODB_EMBEDDED"));
    }

    /** Each variable comes from a parameter with a default (the table's from the table); auth defaults to nothing. */
    @Test
    void environmentComesFromParametersWithSafeDefaults() {
        Map<String, Object> set = new TreeMap<>(environment());
        set.remove("JAVA_TOOL_OPTIONS");
        String table = template.onlyIdOfType("AWS::DynamoDB::Table");
        assertEquals(ref(table), set.get("ISM_TABLE_NAME"));
        Map<String, String> defaults = defaultEnvironment(template);
        for (String name : set.keySet()) {
            if (!name.equals("ISM_TABLE_NAME")) {
                assertTrue(defaults.containsKey(name), name + " must be a !Ref to a parameter with a Default");
            }
        }
        // Fails closed: no token file, no policy (deny all), no OIDC issuer unless the deployer sets them.
        for (String auth : List.of("ISM_TOKEN_AUTH_FILE", "ISM_AUTHORIZATION_POLICY_FILE", "ISM_OIDC_ISSUER_URL",
                "ISM_OIDC_CLIENT_ID", "ISM_OIDC_JWKS_URI")) {
            assertEquals("", defaults.get(auth), auth);
        }
    }

    // --------------------------------------------------------------------------------------------- table

    /** The table's keys are the ones DynamoStore.createTable asks for: captured from its real request. */
    @Test
    void tableKeysAreTheStoreKeys() {
        AtomicReference<CreateTableRequest> sent = new AtomicReference<>();
        ExecutionInterceptor capture = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof CreateTableRequest c) {
                    sent.set(c);
                }
            }
        };
        EmbeddedDynamoDb db = Api.shared().context().getBean(EmbeddedDynamoDb.class);
        try (DynamoDbClient client = DynamoClients.builder(db.endpoint(), null)
                .overrideConfiguration(o -> o.addExecutionInterceptor(capture)).build()) {
            new DynamoStore(client, "template-keys-" + UUID.randomUUID()).createTable();
        }
        CreateTableRequest request = sent.get();
        assertNotNull(request);

        Map<String, Object> table = template.properties(template.onlyIdOfType("AWS::DynamoDB::Table"));
        Map<String, String> keys = new LinkedHashMap<>();
        for (Object k : list(table.get("KeySchema"), "KeySchema")) {
            keys.put((String) map(k, "key").get("AttributeName"), (String) map(k, "key").get("KeyType"));
        }
        Map<String, String> codeKeys = new LinkedHashMap<>();
        request.keySchema().forEach(k -> codeKeys.put(k.attributeName(), k.keyTypeAsString()));
        assertEquals(codeKeys, keys, "KeySchema");

        Map<String, String> types = new TreeMap<>();
        for (Object a : list(table.get("AttributeDefinitions"), "AttributeDefinitions")) {
            types.put((String) map(a, "attribute").get("AttributeName"), (String) map(a, "attribute").get("AttributeType"));
        }
        Map<String, String> codeTypes = new TreeMap<>();
        request.attributeDefinitions().forEach(a -> codeTypes.put(a.attributeName(), a.attributeTypeAsString()));
        assertEquals(codeTypes, types, "AttributeDefinitions");

        assertEquals(request.billingModeAsString(), table.get("BillingMode"));
        assertFalse(request.hasGlobalSecondaryIndexes() || request.hasLocalSecondaryIndexes());
        assertFalse(table.containsKey("GlobalSecondaryIndexes") || table.containsKey("LocalSecondaryIndexes"));
    }

    @Test
    void tableIsProtectedAndEncrypted() {
        String id = template.onlyIdOfType("AWS::DynamoDB::Table");
        Map<String, Object> table = template.properties(id);
        assertEquals("PAY_PER_REQUEST", table.get("BillingMode"));
        assertEquals(true, map(table.get("PointInTimeRecoverySpecification"), "PITR").get("PointInTimeRecoveryEnabled"));
        assertEquals(true, map(table.get("SSESpecification"), "SSE").get("SSEEnabled"));
        assertEquals(true, table.get("DeletionProtectionEnabled"));
        assertEquals("Retain", template.resource(id).get("DeletionPolicy"));
    }

    // -------------------------------------------------------------------------------------------- policy

    /** The function's only DynamoDB grant is on the table itself; no wildcards, no managed or SAM policies. */
    @Test
    void policyIsScopedToTheTable() {
        String table = template.onlyIdOfType("AWS::DynamoDB::Table");
        List<Object> policies = list(template.properties(function).get("Policies"), "Policies");
        for (Object policy : policies) {
            for (Object s : list(map(policy, "policy").get("Statement"), "Statement")) {
                Map<String, Object> statement = map(s, "statement");
                assertEquals("Allow", statement.get("Effect"));
                assertEquals(getAtt(table, "Arn"), statement.get("Resource"));
                for (Object action : actions(statement)) {
                    assertTrue(action instanceof String a && a.startsWith("dynamodb:") && !a.contains("*"), "action " + action);
                }
            }
        }
        assertFalse(template.properties(function).containsKey("Role"), "the SAM-made role, with only these grants");
        assertEquals(1, template.idsOfType("AWS::Serverless::Function").size() + template.idsOfType("AWS::Lambda::Function").size());
    }

    /** The DynamoDB actions template.yaml's function may call. */
    static Set<String> dynamoDbActions(SamTemplate template) {
        String function = template.onlyIdOfType(FUNCTION_TYPE);
        Set<String> actions = new TreeSet<>();
        for (Object policy : list(template.properties(function).get("Policies"), "Policies")) {
            for (Object s : list(map(policy, "policy").get("Statement"), "Statement")) {
                for (Object a : actions(map(s, "statement"))) {
                    if (a.toString().startsWith("dynamodb:")) {
                        actions.add(a.toString());
                    }
                }
            }
        }
        return actions;
    }

    private static List<Object> actions(Map<String, Object> statement) {
        Object a = statement.get("Action");
        return a instanceof String s ? List.of(s) : list(a, "Action");
    }

    // ------------------------------------------------------------------------------------------- outputs

    @Test
    void outputsApiUrlTableAndFunction() {
        Map<String, Object> outputs = template.section("Outputs");
        String api = template.onlyIdOfType("AWS::ApiGatewayV2::Api");
        assertEquals(getAtt(api, "ApiEndpoint"), map(outputs.get("ApiUrl"), "ApiUrl").get("Value"));
        assertEquals(ref(template.onlyIdOfType("AWS::DynamoDB::Table")), map(outputs.get("TableName"), "TableName").get("Value"));
        assertEquals(getAtt(function, "Arn"), map(outputs.get("FunctionArn"), "FunctionArn").get("Value"));
    }

    // ------------------------------------------------------------------------------------- consistency

    /** Every Ref, GetAtt, Sub variable and condition names something the template defines. */
    @Test
    void referencesResolve() {
        Set<String> names = new HashSet<>(template.section("Parameters").keySet());
        names.addAll(template.resources().keySet());
        names.addAll(List.of("AWS::AccountId", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackName",
                "AWS::StackId", "AWS::URLSuffix"));
        for (String id : template.idsOfType(FUNCTION_TYPE)) {
            if (template.properties(id).containsKey("AutoPublishAlias")) {
                names.add(id + ".Alias");
                names.add(id + ".Version");
            }
        }
        Set<String> conditions = template.section("Conditions").keySet();
        List<String> problems = new ArrayList<>();
        walk(template.root(), "", names, conditions, problems);
        template.resources().forEach((id, r) -> {
            Object c = map(r, id).get("Condition");
            if (c != null && !conditions.contains(c)) {
                problems.add(id + ": unknown condition " + c);
            }
        });
        assertEquals(List.of(), problems);
    }

    private static void walk(Object node, String path, Set<String> names, Set<String> conditions, List<String> problems) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (key.equals("Ref") && v instanceof String name && !names.contains(name)) {
                    problems.add(path + ": !Ref " + name);
                } else if (key.equals("Fn::GetAtt") && v instanceof List<?> l && !names.contains(String.valueOf(l.get(0)))) {
                    problems.add(path + ": !GetAtt " + l);
                } else if (key.equals("Fn::If") && v instanceof List<?> l && !conditions.contains(String.valueOf(l.get(0)))) {
                    problems.add(path + ": !If " + l.get(0));
                } else if (key.equals("Fn::Sub") && v instanceof String s) {
                    Matcher vars = Pattern.compile("\\$\\{([^}!]+)}").matcher(s);
                    while (vars.find()) {
                        String var = vars.group(1);
                        String base = var.contains(".") && !var.endsWith(".Alias") ? var.substring(0, var.indexOf('.')) : var;
                        if (!names.contains(base) && !var.startsWith("AWS::")) {
                            problems.add(path + ": !Sub ${" + var + "}");
                        }
                    }
                }
                walk(v, path + "/" + key, names, conditions, problems);
            });
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                walk(l.get(i), path + "[" + i + "]", names, conditions, problems);
            }
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** RouteKey ("METHOD /path") to the route's logical ID. */
    static Map<String, String> routeKeys(SamTemplate template) {
        Map<String, String> keys = new TreeMap<>();
        for (String id : template.idsOfType("AWS::ApiGatewayV2::Route")) {
            String key = (String) template.properties(id).get("RouteKey");
            if (keys.put(key, id) != null) {
                fail("route " + key + " twice");
            }
        }
        return keys;
    }

    private Map<String, Object> environment() {
        Map<String, Object> env = map(template.properties(function).get("Environment"), "Environment");
        return map(env.get("Variables"), "Variables");
    }

    /** The function's environment as deployed with every parameter at its default (the table name excepted). */
    static Map<String, String> defaultEnvironment(SamTemplate template) {
        String function = template.onlyIdOfType(FUNCTION_TYPE);
        Map<String, Object> env = map(map(template.properties(function).get("Environment"), "Environment").get("Variables"), "Variables");
        Map<String, String> out = new TreeMap<>();
        env.forEach((name, value) -> {
            String parameter = refName(value);
            Map<String, Object> p = (Map<String, Object>) template.section("Parameters").get(parameter);
            if (p != null && p.containsKey("Default")) {
                out.put(name, String.valueOf(p.get("Default")));
            }
        });
        return out;
    }

    private static String parameterDefault(String parameter) {
        Map<String, Object> p = map(template.section("Parameters").get(parameter), parameter);
        return String.valueOf(p.get("Default"));
    }

    private static String refName(Object value) {
        return value instanceof Map<?, ?> m && m.get("Ref") instanceof String s ? s : null;
    }

    /** {@code ${NAME}} and {@code ${NAME:default}} placeholders (environment variables) of a configuration file. */
    static Map<String, String> placeholders(Path yml) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Matcher m = PLACEHOLDER.matcher(Files.readString(yml, StandardCharsets.UTF_8));
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }
}
