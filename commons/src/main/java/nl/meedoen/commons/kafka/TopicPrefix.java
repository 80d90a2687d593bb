package nl.meedoen.commons.kafka;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import java.util.regex.Pattern;

/**
 * Puts a corporation's topic prefix ({@value #PROPERTY}, e.g. {@code woonstad.}) in front of every Kafka name
 * the services use, so several corporations can share one Kafka cluster, each confined by ACLs to its own
 * prefix. It rewrites the channels' topics, dead-letter topics and consumer groups as configuration is read,
 * so the code and the properties files keep the plain names; the outbox relay applies {@link #apply} itself.
 * Without a prefix (a corporation on its own cluster) nothing changes.
 */
public class TopicPrefix implements ConfigSourceInterceptor {

    public static final String PROPERTY = "meedoen.kafka.topic-prefix";

    private static final Pattern KAFKA_NAME = Pattern.compile(
            "mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(topic|dead-letter-queue\\.topic|group\\.id)");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value == null
                || value.getValue() == null
                || !KAFKA_NAME.matcher(name).matches()) {
            return value;
        }
        ConfigValue prefix = context.proceed(PROPERTY);
        return prefix == null ? value : value.withValue(apply(prefix.getValue(), value.getValue()));
    }

    /** The name on the cluster: the prefix and the plain name, or the plain name when there is no prefix. */
    public static String apply(String prefix, String name) {
        return prefix == null || prefix.isBlank() ? name : prefix + name;
    }
}
