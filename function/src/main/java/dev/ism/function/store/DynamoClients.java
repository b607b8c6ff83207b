package dev.ism.function.store;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds {@link DynamoDbClient}s on the JDK's {@code HttpURLConnection} ({@code url-connection-client}),
 * the one HTTP client in the Lambda package, its request bodies buffered ({@link BufferedBodies}: a DynamoDB call on
 * a kept-alive connection no longer waits 1 ms first).
 *
 * <p>A local endpoint (loopback host: {@code localhost}, {@code 127.x.x.x}, {@code ::1}) gets static dummy
 * credentials ({@code local}/{@code local}) and region {@code us-east-1} unless a region is given. Any other
 * endpoint, or none, uses the SDK's default credentials chain and the given region, else the SDK's default
 * region chain ({@code AWS_REGION} on Lambda).
 */
public final class DynamoClients {

    private DynamoClients() {
    }

    public static DynamoDbClient create(URI endpoint, String region) {
        return builder(endpoint, region).build();
    }

    /** The builder {@link #create} uses, for callers (tests) that add e.g. execution interceptors. */
    public static DynamoDbClientBuilder builder(URI endpoint, String region) {
        return builder(endpoint, region, StoreTimeouts.DEFAULT);
    }

    /**
     * With {@code timeouts}: connect and read timeouts of the HTTP client, and a whole call (the SDK's
     * retries with backoff included: throttling is retried there) bounded by {@link StoreTimeouts#call()},
     * so that a hung DynamoDB becomes the function's 503 or 504, never API Gateway's timeout.
     */
    public static DynamoDbClientBuilder builder(URI endpoint, String region, StoreTimeouts timeouts) {
        DynamoDbClientBuilder b = DynamoDbClient.builder()
                .httpClientBuilder(BufferedBodies.around(UrlConnectionHttpClient.builder()
                        .connectionTimeout(timeouts.connect())
                        .socketTimeout(timeouts.socket())))
                .overrideConfiguration(c -> c.apiCallTimeout(timeouts.call()));
        boolean hasRegion = region != null; // unset is null: DynamoSettings
        if (endpoint != null) {
            b.endpointOverride(endpoint);
            if (isLocal(endpoint)) {
                b.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
                b.region(hasRegion ? Region.of(region) : Region.US_EAST_1);
                return b;
            }
        }
        if (hasRegion) {
            b.region(Region.of(region));
        }
        return b;
    }

    static boolean isLocal(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        // Only literal addresses: no DNS lookup for a real host name.
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
