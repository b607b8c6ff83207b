package dev.ism.function.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A token file and a policy of a user's own, not the dev ones: {@link #TOKEN} is alice, who may read
 * everything; and the request that tells which files a server uses.
 */
record CustomAuthFiles(Path tokens, Path policy) {

    static final String TOKEN = "custom-local-token";
    static final String DEV_TOKEN = "dev-registry-token";
    static final String STREAMS = "/apis/image.openshift.io/v1/namespaces/myproject/imagestreams";

    static CustomAuthFiles write(Path dir) throws IOException {
        return new CustomAuthFiles(
                Files.writeString(dir.resolve("tokens.csv"), TOKEN + ",alice,alice-uid\n"),
                Files.writeString(dir.resolve("policy.jsonl"), "{\"apiVersion\": \"abac.authorization.kubernetes.io/v1beta1\","
                        + " \"kind\": \"Policy\", \"spec\": {\"user\": \"alice\", \"namespace\": \"*\", \"resource\": \"*\","
                        + " \"apiGroup\": \"image.openshift.io\", \"readonly\": true}}\n"));
    }

    /** The status of listing {@code myproject}'s image streams with {@code token}. */
    static int status(URI base, String token) throws IOException, InterruptedException {
        return status(HttpClient.newHttpClient(), base, token);
    }

    static int status(HttpClient client, URI base, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(STREAMS)).header("Authorization", "Bearer " + token).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
