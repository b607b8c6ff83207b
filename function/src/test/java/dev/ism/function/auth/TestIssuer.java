package dev.ism.function.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** An OIDC issuer on 127.0.0.1: discovery document and JWKS, counting requests. */
public final class TestIssuer implements AutoCloseable {

    public static final RSAKey RSA_1 = rsa("rsa-1");
    public static final RSAKey RSA_2 = rsa("rsa-2");
    public static final RSAKey ROGUE_RSA = rsa("rogue");
    public static final ECKey EC_256 = ec(Curve.P_256, "ec-256");
    public static final ECKey EC_384 = ec(Curve.P_384, "ec-384");

    public final String issuer;
    final AtomicInteger discoveryRequests = new AtomicInteger();
    public final AtomicInteger jwksRequests = new AtomicInteger();
    volatile JWKSet keys = new JWKSet(List.of(RSA_1, EC_256, EC_384)).toPublicJWKSet();
    volatile Supplier<String> discoveryIssuer;
    volatile int jwksStatus = 200;
    private final HttpServer server;

    public TestIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        discoveryIssuer = () -> issuer;
        server.createContext("/.well-known/openid-configuration", exchange -> {
            discoveryRequests.incrementAndGet();
            respond(exchange, 200, "{\"issuer\":\"" + discoveryIssuer.get() + "\",\"jwks_uri\":\"" + jwksUri() + "\"}");
        });
        server.createContext("/jwks", exchange -> {
            jwksRequests.incrementAndGet();
            respond(exchange, jwksStatus, jwksStatus == 200 ? keys.toString() : "{}");
        });
        server.start();
    }

    public URI jwksUri() {
        return URI.create(issuer + "/jwks");
    }

    public void serve(JWK... jwks) {
        keys = new JWKSet(List.of(jwks)).toPublicJWKSet();
    }

    /** Claims valid at {@code now} for client {@code client}. */
    /** Claims of a token of this issuer for {@code audience} and {@code subject}, valid for an hour from {@code now}. */
    public JWTClaimsSet.Builder claims(String audience, String subject, Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience("client")
                .subject("jane")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    public static String sign(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) {
        return sign(key, new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
    }

    public static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String rs256(JWTClaimsSet claims) {
        return sign(RSA_1, JWSAlgorithm.RS256, claims);
    }

    public static String es256(JWTClaimsSet claims) {
        return sign(EC_256, JWSAlgorithm.ES256, claims);
    }

    /** A token MAC'ed with {@code secret}: what no asymmetric-only verifier may accept. */
    public static String hs256(byte[] secret, String kid, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
            jwt.sign(new com.nimbusds.jose.crypto.MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] publicKeyBytes(RSAKey key) {
        try {
            return key.toRSAPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured token ({@code alg: none}). */
    public static String none(JWTClaimsSet claims) {
        return new com.nimbusds.jwt.PlainJWT(claims).serialize();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ec(Curve curve, String kid) {
        try {
            return new ECKeyGenerator(curve).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
