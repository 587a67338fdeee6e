package io.sluice.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bearer token check ({@code auth: {bearer_token_credentials: KEY}}): a request without
 * {@code Authorization: Bearer <token>}, or with another token, is answered 401 with a
 * {@code WWW-Authenticate} challenge. Without a configured token every request passes, and
 * {@link #protect} adds nothing to a route.
 */
final class BearerAuth {
    /** The token's SHA-256, or null when no token is configured. */
    private final byte[] tokenHash;
    private final Refusals refused;

    /**
     * @param token   the configured token, or null for none
     * @param refused where the 401 answers are counted
     */
    BearerAuth(String token, Refusals refused) {
        this.tokenHash = token == null ? null : sha256(token);
        this.refused = refused;
    }

    /** Whether a token is configured. */
    boolean enabled() {
        return tokenHash != null;
    }

    /** {@code next} behind the token check; {@code next} itself when no token is configured. */
    HttpHandler protect(HttpHandler next) {
        if (tokenHash == null) {
            return next;
        }
        return ex -> {
            if (check(ex)) {
                next.handleRequest(ex);
            }
        };
    }

    /** Whether the request carries the token; when it does not, answers 401 and returns false. */
    boolean check(HttpServerExchange ex) {
        if (tokenHash == null) {
            return true;
        }
        String header = ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"sluice\"");
            refused.refuse(ex, Refusal.UNAUTHORIZED, "missing bearer token: send the header 'Authorization: Bearer <token>'");
            return false;
        }
        // Hashing first makes the comparison independent of the token's length too.
        if (!MessageDigest.isEqual(tokenHash, sha256(header.substring(7).trim()))) {
            ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"sluice\", error=\"invalid_token\"");
            refused.refuse(ex, Refusal.UNAUTHORIZED, "invalid bearer token");
            return false;
        }
        return true;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
