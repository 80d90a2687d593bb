package nl.meedoen.devinfra;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * The development issuer: an RSA key pair and signed JWTs for any role. Tests make a fresh pair per
 * JVM; the local stack keeps its pair in its data folder. No private key is ever committed, and
 * production configuration never trusts this issuer.
 */
public final class DevTokens {

    public static final String ISSUER = "https://dev-issuer.meedoen.local";
    public static final String AUDIENCE = "meedoen";
    public static final Set<String> ROLES = Set.of("corporation", "tenant-organisation", "survey-frontend", "ops");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private DevTokens(KeyPair keyPair) {
        this.privateKey = keyPair.getPrivate();
        this.publicKey = keyPair.getPublic();
    }

    public static DevTokens generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new DevTokens(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the pair from {@code directory}, creating it there on first use. */
    public static DevTokens inDirectory(Path directory) {
        Path priv = directory.resolve("dev-issuer.key");
        Path pub = directory.resolve("dev-issuer.pub.pem");
        try {
            if (Files.exists(priv) && Files.exists(pub)) {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                PrivateKey privateKey = rsa.generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(strip(Files.readString(priv)))));
                PublicKey publicKey = rsa.generatePublic(
                        new X509EncodedKeySpec(Base64.getMimeDecoder().decode(strip(Files.readString(pub)))));
                return new DevTokens(new KeyPair(publicKey, privateKey));
            }
            DevTokens tokens = generate();
            Files.createDirectories(directory);
            Files.writeString(priv, pem("PRIVATE KEY", tokens.privateKey.getEncoded()));
            priv.toFile().setReadable(false, false);
            priv.toFile().setReadable(true, true);
            tokens.writePublicKey(pub);
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public key as PEM, the format {@code mp.jwt.verify.publickey.location} reads. */
    public Path writePublicKey(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pem("PUBLIC KEY", publicKey.getEncoded()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A signed token for a client with the given roles (the {@code groups} claim), valid for an hour. */
    public String token(String subject, String... roles) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(roles))
                .expiresIn(Duration.ofHours(1))
                .sign(privateKey);
    }

    /** A signed token shaped like another identity provider's: the given claims (JSON) instead of {@code groups}. */
    public String tokenWithClaims(String subject, String claimsJson) {
        var builder = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .expiresIn(Duration.ofHours(1));
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(claimsJson))) {
            reader.readObject().forEach(builder::claim);
        }
        return builder.sign(privateKey);
    }

    public String tokenForRole(String role) {
        return token(role + "-client", role);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String strip(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
