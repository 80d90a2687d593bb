package nl.meedoen.localstack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Injects the one {@link Platform} shared by every end-to-end test class of this JVM. */
public final class PlatformExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PlatformExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Platform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return platform(context);
    }

    /** The platform of this JVM, started on first use. */
    static Platform platform(ExtensionContext context) {
        // The root store outlives all test classes and closes the platform when the run ends.
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Platform.class);
    }
}
