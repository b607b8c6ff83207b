package dev.ism.function.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The API's paths and a digest maker, for the test suites' helper classes to extend. */
public class ApiPaths {

    protected ApiPaths() {
    }

    public static String mappings(String ns) {
        return Api.BASE + "/namespaces/" + ns + "/imagestreammappings";
    }

    public static String streams(String ns) {
        return Api.BASE + "/namespaces/" + ns + "/imagestreams";
    }

    public static String stream(String ns, String name) {
        return streams(ns) + "/" + name;
    }

    public static String image(String name) {
        return Api.BASE + "/images/" + name;
    }

    /** {@code sha256:<hex>} of the seed: a valid, unique image name. */
    public static String digest(String seed) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
