package io.cadenza.controlplane.apikey;

import io.cadenza.controlplane.auth.Credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** API key tokens: {@code cdz_} + 43 base64url chars (32 random bytes); stored as SHA-256 hex only. */
public final class ApiKeyTokens {
    public static final String PREFIX = Credentials.API_KEY_PREFIX;
    private static final Pattern SHAPE = Pattern.compile("cdz_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyTokens() {
    }

    public static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static boolean looksLikeApiKey(String token) {
        return Credentials.isApiKey(token);
    }

    /** Whether {@code token} has the shape of a token we issue (checked before any lookup). */
    public static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The first 8 characters after {@code cdz_}: shown in lists so people can recognise a key. */
    public static String displayPrefix(String token) {
        return token.substring(PREFIX.length(), PREFIX.length() + 8);
    }
}
