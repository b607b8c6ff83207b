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
final class TestIssuer implements AutoCloseable {

    static final RSAKey RSA_1 = rsa("rsa-1");
    static final RSAKey RSA_2 = rsa("rsa-2");
    static final RSAKey ROGUE_RSA = rsa("rogue");
    static final ECKey EC_256 = ec(Curve.P_256, "ec-256");
    static final ECKey EC_384 = ec(Curve.P_384, "ec-384");

    final String issuer;
    final AtomicInteger discoveryRequests = new AtomicInteger();
    final AtomicInteger jwksRequests = new AtomicInteger();
    volatile JWKSet keys = new JWKSet(List.of(RSA_1, EC_256, EC_384)).toPublicJWKSet();
    volatile Supplier<String> discoveryIssuer;
    volatile int jwksStatus = 200;
    private final HttpServer server;

    TestIssuer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
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

    URI jwksUri() {
        return URI.create(issuer + "/jwks");
    }

    void serve(JWK... jwks) {
        keys = new JWKSet(List.of(jwks)).toPublicJWKSet();
    }

    /** Claims valid at {@code now} for client {@code client}. */
    JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience("client")
                .subject("jane")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    static String sign(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) {
        return sign(key, new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
    }

    static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
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
