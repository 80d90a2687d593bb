package nl.meedoen.gateway;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A token issuer for the gateway tests that publishes its keys as a JWKS document (served by
 * {@link FakeServices} at {@code /jwks}), so tests can rotate keys. Keys and the document live in
 * files: test classes and the test resource run in different class loaders.
 */
public final class TestIssuer {

    public static final String ISSUER = "https://issuer.test.meedoen";
    public static final String AUDIENCE = "meedoen";
    static final Path DIR = Path.of("target", "test-issuer");

    private TestIssuer() {}

    /** A corporation token for a fresh client, so tests do not share a rate-limit bucket. */
    public static String bearer() {
        return "Bearer "
                + token(
                        "k1",
                        "client-" + UUID.randomUUID(),
                        AUDIENCE,
                        Instant.now().plusSeconds(600));
    }

    public static String token(String kid, String subject, String audience, Instant expiresAt) {
        return Jwt.issuer(ISSUER)
                .audience(audience)
                .subject(subject)
                .groups(Set.of("corporation"))
                .issuedAt(expiresAt.minusSeconds(3600))
                .expiresAt(expiresAt)
                .jws()
                .keyId(kid)
                .sign(privateKey(kid));
    }

    /** Makes exactly these keys the published ones. */
    public static synchronized void publish(String... kids) {
        String keys = Arrays.stream(kids)
                .map(kid -> {
                    RSAPublicKey key = (RSAPublicKey) keyPair(kid).getPublic();
                    return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"%s\",\"n\":\"%s\",\"e\":\"%s\"}"
                            .formatted(kid, b64(key.getModulus()), b64(key.getPublicExponent()));
                })
                .collect(Collectors.joining(","));
        write(DIR.resolve("jwks.json"), "{\"keys\":[" + keys + "]}");
    }

    static String jwks() throws IOException {
        return Files.readString(DIR.resolve("jwks.json"));
    }

    private static PrivateKey privateKey(String kid) {
        return keyPair(kid).getPrivate();
    }

    private static synchronized KeyPair keyPair(String kid) {
        Path file = DIR.resolve(kid + ".key");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!Files.exists(file)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                write(
                        file,
                        Base64.getEncoder()
                                .encodeToString(
                                        generator.generateKeyPair().getPrivate().getEncoded()));
            }
            var privateKey = (java.security.interfaces.RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(Files.readString(file).trim())));
            var publicKey = rsa.generatePublic(
                    new java.security.spec.RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content);
            Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
