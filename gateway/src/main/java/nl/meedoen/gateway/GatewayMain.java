package nl.meedoen.gateway;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the gateway with Quarkus' own URI check switched off: that check answers any request target
 * {@link java.net.URI} rejects ({@code /api/%zz}) with an empty 400 before a route can run. The gateway
 * makes the same check itself and answers a problem with a correlation id ({@link RequestErrors}). The
 * property is read once, when Quarkus' HTTP recorder is loaded, so it is set before Quarkus starts (and by
 * the test configuration for the tests, which start Quarkus without this class).
 */
@QuarkusMain
public final class GatewayMain {

    static final String DISABLE_URI_VALIDATION = "vertx.disableURIValidation";

    private GatewayMain() {}

    public static void main(String... args) {
        System.setProperty(DISABLE_URI_VALIDATION, "true");
        Quarkus.run(args);
    }
}
