package dev.ism.function.discovery;

import dev.ism.schema.ImageApi;
import dev.ism.function.ClasspathResources;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI documents, generated at build time from the published definitions (the schema module's
 * {@code dev/ism/schema/openapi/}, see its {@code OpenApiGenerator}) and read once: v2, the v3 document
 * of image.openshift.io/v1, and the v3 index that points at it with a content hash, as kube-apiserver's
 * {@code /openapi/v3} does (clients cache by that URL).
 */
public final class OpenApiDocuments {

    public static final String V3_GROUP_VERSION_PATH = "apis/" + ImageApi.API_VERSION;

    private final byte[] v2;
    private final byte[] v3;
    private final String v3Hash;
    private final byte[] v2Protobuf;

    public OpenApiDocuments() {
        v2 = read("v2.json");
        try {
            v2Protobuf = OpenApiV2Protobuf.encode(new ObjectMapper().readTree(v2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        v3 = read("v3-apis-image.openshift.io-v1.json");
        v3Hash = sha512(v3);
    }

    public byte[] v2() {
        return v2;
    }

    /** {@link #v2()} as gnostic's protobuf {@code openapi.v2.Document}. */
    public byte[] v2Protobuf() {
        return v2Protobuf;
    }

    public byte[] v3() {
        return v3;
    }

    public String v3Hash() {
        return v3Hash;
    }

    /** {@code /openapi/v3}: one group version, at its server-relative URL. */
    public Map<String, Object> v3Index() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("serverRelativeURL", "/openapi/v3/" + V3_GROUP_VERSION_PATH + "?hash=" + v3Hash);
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put(V3_GROUP_VERSION_PATH, entry);
        return Map.of("paths", paths);
    }

    private static byte[] read(String name) {
        return ClasspathResources.bytes("/dev/ism/schema/openapi/" + name);
    }


    private static String sha512(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(bytes);
            return String.format("%0128x", new BigInteger(1, digest)).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
