package nl.meedoen.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevIssuerGuardTest {

    private static final Optional<String> DEV = Optional.of(DevIssuerGuard.DEV_ISSUER);

    @Test
    void theDevelopmentIssuerStopsStartOutsideDevTestAndLocal() {
        assertThrows(IllegalStateException.class, () -> DevIssuerGuard.check(DEV, List.of("prod")));
        assertThrows(IllegalStateException.class, () -> DevIssuerGuard.check(DEV, List.of("staging", "prod")));
        for (String profile : List.of("dev", "test", "local")) {
            assertDoesNotThrow(() -> DevIssuerGuard.check(DEV, List.of(profile)));
        }
    }

    @Test
    void anyOtherIssuerIsFineEverywhere() {
        assertDoesNotThrow(() -> DevIssuerGuard.check(Optional.of("https://login.corporatie.nl"), List.of("prod")));
        assertDoesNotThrow(() -> DevIssuerGuard.check(Optional.empty(), List.of("prod")));
    }
}
