package nl.meedoen.runtime;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request durations as a histogram, so dashboards and alerts can state percentiles (p99 of submissions, of result
 * reads) instead of means: {@code http_server_requests_seconds_bucket} with the route template as {@code uri} (Quarkus
 * REST labels the template, the gateway the route it forwards on; never the raw path), {@code status} and {@code outcome} (the status class), and every
 * meter of a service tagged with {@code service}, so one query spans the services. Fixed buckets from 5 ms to 10 s
 * keep the series few.
 */
@Singleton
public class HttpMetrics {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    private static final double[] BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);

    @Produces
    @Singleton
    MeterFilter requestHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(BUCKETS)
                        .build()
                        .merge(config);
            }
        };
    }

    @Produces
    @Singleton
    MeterFilter serviceTag(@ConfigProperty(name = "quarkus.application.name") String service) {
        return MeterFilter.commonTags(Tags.of("service", service));
    }

    /** Timer buckets are given in nanoseconds. */
    private static double[] seconds(double... seconds) {
        double[] nanos = new double[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            nanos[i] = Duration.ofMillis(Math.round(seconds[i] * 1000)).toNanos();
        }
        return nanos;
    }
}
