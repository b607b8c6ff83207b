package dev.ism.function.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Static tokens from a kube-apiserver {@code --token-auth-file}: CSV lines
 * {@code token,user,uid[,"group1,group2"]}; columns after the fourth are ignored, blank lines
 * skipped. Stricter than kube-apiserver, which only warns: an empty token or a duplicate token
 * fails the load, as does an empty user name.
 *
 * <p>Tokens are kept only as SHA-256 digests and looked up by digest, so that the time taken does
 * not depend on how much of a guessed token is right.
 */
public final class TokenFileAuthenticator implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(TokenFileAuthenticator.class);
    /** Each thread's SHA-256 (a MessageDigest is not thread-safe; getInstance per request costs a provider lookup). */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    });

    private final Map<String, UserInfo> usersByDigest;

    private TokenFileAuthenticator(Map<String, UserInfo> usersByDigest) {
        this.usersByDigest = Map.copyOf(usersByDigest);
    }

    /**
     * @throws IOException        when the file cannot be read
     * @throws FileLineException when a line is malformed
     */
    public static TokenFileAuthenticator load(Path path) throws IOException {
        return parse(Files.readAllLines(path, StandardCharsets.UTF_8), path.toString());
    }

    /** @param source names the file in error messages */
    public static TokenFileAuthenticator parse(List<String> lines, String source) {
        Map<String, UserInfo> users = new HashMap<>();
        Map<String, Integer> lineOfDigest = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> record;
            try {
                record = CsvLine.parse(line);
            } catch (IllegalArgumentException e) {
                throw new FileLineException(source, lineNumber, e.getMessage());
            }
            if (record.size() < 3) {
                throw new FileLineException(source, lineNumber,
                        "must have at least 3 columns (token, user name, user uid), found " + record.size());
            }
            String token = record.get(0);
            String name = record.get(1);
            if (token.isEmpty()) {
                throw new FileLineException(source, lineNumber, "empty token");
            }
            if (name.isEmpty()) {
                throw new FileLineException(source, lineNumber, "empty user name");
            }
            String digest = digest(token);
            Integer earlier = lineOfDigest.putIfAbsent(digest, lineNumber);
            if (earlier != null) {
                throw new FileLineException(source, lineNumber, "duplicate token (same as line " + earlier + ")");
            }
            users.put(digest, new UserInfo(name, record.get(2), record.size() >= 4 ? groups(record.get(3)) : List.of()));
        }
        return new TokenFileAuthenticator(users);
    }

    private static List<String> groups(String column) {
        List<String> groups = new ArrayList<>();
        for (String g : column.split(",")) {
            String trimmed = g.trim();
            if (!trimmed.isEmpty() && !groups.contains(trimmed)) {
                groups.add(trimmed);
            }
        }
        return groups;
    }

    /** Number of tokens loaded. */
    public int size() {
        return usersByDigest.size();
    }

    @Override
    public Optional<UserInfo> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty()) {
            return Optional.empty();
        }
        UserInfo user = usersByDigest.get(digest(bearerToken));
        if (user == null) {
            LOG.debug("token file: token not found");
        }
        return Optional.ofNullable(user);
    }

    private static String digest(String token) {
        return HexFormat.of().formatHex(SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
